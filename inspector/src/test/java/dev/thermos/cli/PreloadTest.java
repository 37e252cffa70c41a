package dev.thermos.cli;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class PreloadTest {
  static String[] classes() {
    return Preload.RUN_CLASSES;
  }

  /** A class renamed or moved would silently no longer be preloaded (the failure is kept). */
  @ParameterizedTest
  @MethodSource("classes")
  void everyPreloadedClassExists(String name) {
    assertDoesNotThrow(() -> Class.forName(name, false, Preload.class.getClassLoader()));
  }
}
