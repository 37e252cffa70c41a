package dev.thermos.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NamesTest {
  @ParameterizedTest
  @ValueSource(strings = {"", ".", "..", "a/b", "/abs", "../..", "x\u0000y", "x\ny", "x\ry",
      "\t", "\u001b[2J", "x\u007f", "\u0085", "\ud800", "a\udc00b"})
  void hostileNamesAreRefused(String name) {
    assertNotNull(Names.problem(name), name);
    InvalidTaskException e = assertThrows(InvalidTaskException.class,
        () -> Names.check("task id", name));
    assertTrue(e.getMessage().startsWith("invalid task id \""), e.getMessage());
    assertTrue(e.getMessage().chars().noneMatch(Character::isISOControl), e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"a", ".hidden", "a..b", "...", "with space", "hello-20261124-033319.366295",
      "ü", "日本", "\ud83d\ude00", "{{name}}"})
  void ordinaryNamesPass(String name) {
    assertNull(Names.problem(name), name);
  }

  @Test
  void theLimitIs255BytesOfUtf8() {
    assertNull(Names.problem("x".repeat(255)));
    assertEquals("256 bytes (at most 255)", Names.problem("x".repeat(256)));
    assertNull(Names.problem("é".repeat(127)));
    assertEquals("256 bytes (at most 255)", Names.problem("é".repeat(128)));
  }

  @Test
  void taskIdsAndProcessNamesLeaveRoomForWhatIsAddedToThem() {
    assertEquals(250, Names.TASK_ID_MAX_BYTES);
    assertEquals(243, Names.PROCESS_NAME_MAX_BYTES);
    assertNull(Names.problem("x".repeat(243), Names.PROCESS_NAME_MAX_BYTES));
    assertEquals("244 bytes (at most 243)",
        Names.problem("x".repeat(244), Names.PROCESS_NAME_MAX_BYTES));
  }

  @Test
  void quotingEscapesControlCharacters() {
    assertEquals("\"a\\nb\\u0000c\\\"\"", Names.quote("a\nb\u0000c\""));
  }
}
