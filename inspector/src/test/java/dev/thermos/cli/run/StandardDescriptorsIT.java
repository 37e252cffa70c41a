package dev.thermos.cli.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.thermos.gen.TaskState;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code bin/thermos run} started with stdin, stdout or stderr closed (as a service manager may
 * start it) opens them to /dev/null first: no file the JVM opens takes their place and is written
 * as "stdout". The JVM is a copy of the test's JDK, so that a failure harms only the copy; its files,
 * and those of the build, are compared before and after.
 */
class StandardDescriptorsIT {
  private static final Duration TIMEOUT = Duration.ofSeconds(120);
  private static final int HASHED_BYTES = 4 << 20;
  private static final Set<String> NOT_COPIED = Set.of("jmods", "legal", "man", "include", "docs",
      "src.zip", "ct.sym");

  @TempDir static Path shared;
  private static ThermosScript thermos;
  private static Path jdk;

  @TempDir Path dir;

  @BeforeAll
  static void installWithACopiedJdk() throws IOException {
    thermos = ThermosScript.install(shared);
    jdk = shared.resolve("jdk");
    copy(Path.of(System.getProperty("java.home")).toRealPath(), jdk);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {">&-", "2>&-", "<&-", "<&- >&- 2>&-"})
  void aClosedDescriptorLeavesEveryFileAloneAndTheTaskSucceeds(String closing) throws Exception {
    Path task = dir.resolve("task.json");
    Files.writeString(task, "{\"name\": \"closed\", \"processes\": ["
        + "{\"name\": \"out\", \"cmdline\": \"echo to-stdout; echo to-stderr >&2\","
        + " \"logger\": {\"destination\": \"console\"}},"
        + "{\"name\": \"files\", \"cmdline\": \"echo to-the-log\"}]}");
    Map<String, String> before = snapshot();
    Path root = dir.resolve("root");
    int code = thermos.run(dir, Map.of("JAVA_HOME", jdk.toString()), closing, TIMEOUT,
        "run", "--root", root.toString(), "--task_id", "closed", task.toString());
    assertEquals(0, code, Files.readString(dir.resolve("shell.err")));
    assertEquals(before, snapshot());
    assertEquals(TaskState.SUCCESS, TaskOutcome.of(root, "closed").end());
  }

  /** Size, modification time and a hash of the start of every file of the JDK copy and build. */
  private static Map<String, String> snapshot() throws IOException {
    Map<String, String> out = new TreeMap<>();
    Path jar = thermos.script().getParent().getParent().resolve("inspector/target/thermos.jar");
    List<Path> trees = List.of(jdk, jar.toRealPath().getParent().resolve("lib"), jar.toRealPath(),
        Path.of(System.getProperty("thermos.coordinator")).toRealPath());
    for (Path tree : trees) {
      try (Stream<Path> files = Files.walk(tree)) {
        for (Path f : files.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
            .toList()) {
          out.put(f.toString(), Files.size(f) + " " + Files.getLastModifiedTime(f) + " "
              + hashOfStart(f));
        }
      }
    }
    return out;
  }

  private static String hashOfStart(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(in.readNBytes(HASHED_BYTES)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void copy(Path from, Path to) throws IOException {
    try (Stream<Path> entries = Files.walk(from)) {
      for (Path source : entries.toList()) {
        Path relative = from.relativize(source);
        if (relative.toString().isEmpty() ? false : isSkipped(relative)) {
          continue;
        }
        Path target = to.resolve(relative.toString());
        if (Files.isSymbolicLink(source)) {
          Files.createSymbolicLink(target, Files.readSymbolicLink(source));
        } else if (Files.isDirectory(source)) {
          Files.createDirectories(target);
        } else {
          Files.copy(source, target, StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
    }
  }

  private static boolean isSkipped(Path relative) {
    for (Path part : relative) {
      if (NOT_COPIED.contains(part.toString())) {
        return true;
      }
    }
    return false;
  }
}
