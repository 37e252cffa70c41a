package dev.thermos.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SizesTest {
  @Test
  void sizesUseTheLargestBinaryUnitWithOneDecimal() {
    assertEquals("0 bytes", Sizes.human(0));
    assertEquals("1 byte", Sizes.human(1));
    assertEquals("1023 bytes", Sizes.human(1023));
    assertEquals("1.0 KiB", Sizes.human(1024));
    assertEquals("1.5 MiB", Sizes.human(3L << 19));
    assertEquals("8.0 EiB", Sizes.human(Long.MAX_VALUE));
  }

  @Test
  void countsArePluralOnlyWhenNotOne() {
    assertEquals("0 tasks", Sizes.plural(0, "task"));
    assertEquals("1 task", Sizes.plural(1, "task"));
    assertEquals("2 tasks", Sizes.plural(2, "task"));
  }
}
