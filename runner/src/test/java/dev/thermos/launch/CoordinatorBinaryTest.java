package dev.thermos.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CoordinatorBinaryTest {
  @TempDir Path dir;

  private Path executable(Path path) throws Exception {
    Files.createDirectories(path.getParent());
    Files.writeString(path, "#!/bin/sh\n");
    Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwxr-xr-x"));
    return path;
  }

  @Test
  void theSystemPropertyWinsOverTheEnvironmentAndTheJarLocation() throws Exception {
    Path fromProperty = executable(dir.resolve("a/coord"));
    Path fromEnv = executable(dir.resolve("b/coord"));
    Map<String, String> props = Map.of(CoordinatorBinary.PROPERTY, fromProperty.toString());
    Map<String, String> env = Map.of(CoordinatorBinary.ENV, fromEnv.toString());
    assertEquals(fromProperty, CoordinatorBinary.locate(props::get, env::get, Optional.empty()));
    assertEquals(fromEnv, CoordinatorBinary.locate(k -> null, env::get, Optional.empty()));
  }

  @Test
  void theNativeDirectoryNextToTheJarOrAboveTheClassesDirectoryIsFound() throws Exception {
    Path binary = executable(dir.resolve("target/native/thermos-coordinator"));
    Path jar = dir.resolve("target/thermos-runner-0.1.jar");
    Path classes = dir.resolve("target/classes");
    assertEquals(binary, CoordinatorBinary.locate(k -> null, k -> null, Optional.of(jar)));
    assertEquals(binary, CoordinatorBinary.locate(k -> null, k -> null, Optional.of(classes)));
    Path nested = dir.resolve("target/lib/thermos-runner-0.1.jar");
    assertEquals(binary, CoordinatorBinary.locate(k -> null, k -> null, Optional.of(nested)));
  }

  @Test
  void aMissingBinaryIsAClearError() {
    Path missing = dir.resolve("nowhere/coord");
    IllegalStateException e = assertThrows(IllegalStateException.class, () ->
        CoordinatorBinary.locate(Map.of(CoordinatorBinary.PROPERTY, missing.toString())::get,
            k -> null, Optional.empty()));
    assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
    assertTrue(e.getMessage().contains(CoordinatorBinary.ENV), e.getMessage());
  }

  @Test
  void theBuildPassesTheCoordinatorItCompiled() {
    Path located = CoordinatorBinary.locate();
    assertTrue(Files.isExecutable(located), located.toString());
  }
}
