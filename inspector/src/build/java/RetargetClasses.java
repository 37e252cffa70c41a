import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Opcodes;

/**
 * Build step (run by the inspector's pom with {@code java RetargetClasses.java JAR}): rewrites the
 * class files of JAR older than Java 6 (picocli ships Java 5 class files) as Java 8 class files
 * with stack map frames computed by ASM, in place. The instructions are copied unchanged; only the
 * version number and the StackMapTable attributes (which Java 6+ class files carry for the
 * type-checking verifier) are new. Why: class-data sharing refuses class files older than Java 6
 * ("Pre JDK 6 class not supported by CDS"), and so does a Java 6 class file without frames (it
 * falls back to the old verifier, "Failed over class verification"), so without this every start
 * of {@code thermos} loaded and verified picocli's ~200 classes from the jar.
 *
 * <p>The manifest records it ({@code Thermos-Retargeted}). Idempotent: class files of Java 6 or
 * later are left as they are.
 */
public final class RetargetClasses {
  private static final int JAVA_6 = 50;

  public static void main(String[] args) throws IOException {
    Path jar = Path.of(args[0]);
    Path out = jar.resolveSibling(jar.getFileName() + ".tmp");
    int changed = 0;
    try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null);
        JarInputStream in = new JarInputStream(Files.newInputStream(jar));
        JarOutputStream target = new JarOutputStream(Files.newOutputStream(out),
            marked(in.getManifest()))) {
      for (JarEntry e = in.getNextJarEntry(); e != null; e = in.getNextJarEntry()) {
        byte[] bytes = in.readAllBytes();
        if (e.getName().endsWith(".class") && !e.getName().startsWith("META-INF/")
            && major(bytes) < JAVA_6) {
          bytes = retarget(bytes, loader);
          changed++;
        }
        target.putNextEntry(new JarEntry(e.getName()));
        target.write(bytes);
        target.closeEntry();
      }
    }
    Files.move(out, jar, StandardCopyOption.REPLACE_EXISTING);
    System.out.println("RetargetClasses: " + jar.getFileName() + ": " + changed
        + " class files rewritten as Java 8 class files with stack map frames");
  }

  private static Manifest marked(Manifest manifest) {
    Manifest m = manifest == null ? new Manifest() : manifest;
    m.getMainAttributes().putIfAbsent(Attributes.Name.MANIFEST_VERSION, "1.0");
    m.getMainAttributes().put(new Attributes.Name("Thermos-Retargeted"),
        "class files older than Java 6 rewritten as Java 8 (frames computed, code unchanged)"
            + " by thermos's build, for class-data sharing");
    return m;
  }

  private static int major(byte[] classFile) {
    return (classFile[6] & 0xff) << 8 | (classFile[7] & 0xff);
  }

  private static byte[] retarget(byte[] classFile, ClassLoader loader) {
    ClassWriter writer = new ClassWriter(ClassWriter.COMPUTE_FRAMES) {
      @Override
      protected ClassLoader getClassLoader() {
        return loader;  // the jar's own classes, for the common super classes of frames
      }
    };
    new ClassReader(classFile).accept(new ClassVisitor(Opcodes.ASM9, writer) {
      @Override
      public void visit(int version, int access, String name, String signature, String superName,
          String[] interfaces) {
        super.visit(Opcodes.V1_8, access, name, signature, superName, interfaces);
      }
    }, 0);
    return writer.toByteArray();
  }
}
