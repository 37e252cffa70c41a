package dev.thermos.launch;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Finds the native coordinator executable. In order: the system property
 * {@value #PROPERTY}, the environment variable {@value #ENV}, then {@code native/thermos-coordinator}
 * in the directory holding the runner's jar (or classes directory) and in that directory's parent
 * (so both {@code runner/target/*.jar} and {@code runner/target/classes} find
 * {@code runner/target/native}).
 */
public final class CoordinatorBinary {
  /** System property naming the executable. */
  public static final String PROPERTY = "thermos.coordinator";
  /** Environment variable naming the executable. */
  public static final String ENV = "THERMOS_COORDINATOR";
  private static final String RELATIVE = "native/thermos-coordinator";

  private CoordinatorBinary() {}

  /**
   * The coordinator for this JVM.
   *
   * @throws IllegalStateException when no candidate is an executable file
   */
  public static Path locate() {
    return locate(System::getProperty, System::getenv, codeLocation());
  }

  /** The first executable among the candidates built from these sources. */
  static Path locate(UnaryOperator<String> properties, UnaryOperator<String> env,
      Optional<Path> codeLocation) {
    List<Path> tried = new ArrayList<>();
    for (Path candidate : candidates(properties, env, codeLocation)) {
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return candidate;
      }
      tried.add(candidate);
    }
    throw new IllegalStateException("thermos-coordinator executable not found (tried " + tried
        + "); build it with `mvn -pl runner compile`, or set -D" + PROPERTY + " or $" + ENV);
  }

  private static List<Path> candidates(UnaryOperator<String> properties, UnaryOperator<String> env,
      Optional<Path> codeLocation) {
    String property = properties.apply(PROPERTY);
    if (property != null && !property.isEmpty()) {
      return List.of(Path.of(property));
    }
    String variable = env.apply(ENV);
    if (variable != null && !variable.isEmpty()) {
      return List.of(Path.of(variable));
    }
    List<Path> found = new ArrayList<>();
    codeLocation.map(Path::toAbsolutePath).map(Path::getParent).ifPresent(dir -> {
      found.add(dir.resolve(RELATIVE));
      if (dir.getParent() != null) {
        found.add(dir.getParent().resolve(RELATIVE));
      }
    });
    return found;
  }

  /** The runner's jar (or classes directory), when the JVM tells. */
  private static Optional<Path> codeLocation() {
    CodeSource source = CoordinatorBinary.class.getProtectionDomain().getCodeSource();
    if (source == null || source.getLocation() == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(Path.of(source.getLocation().toURI()));
    } catch (URISyntaxException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
