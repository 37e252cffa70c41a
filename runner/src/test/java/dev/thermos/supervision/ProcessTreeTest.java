package dev.thermos.supervision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ProcessTreeTest {
  private static final String REST =
      " 0 -1 4194560 2390 0 0 0 12 7 0 0 20 0 1 0 987654321 26537984 1021 18446744073709551615"
          + " 1 1 0 0 0 0 0 0 0 0 0 0 0 17 1 0 0 0 0 0\n";

  private static ProcessTree.Entry parse(String line) {
    byte[] b = line.getBytes(StandardCharsets.UTF_8);
    return ProcessTree.parseStat(b, b.length);
  }

  @Test
  void aStatLineGivesPidParentGroupSessionStateAndStartTime() {
    assertEquals(new ProcessTree.Entry(4242, 17, 4242, 4240, 'S', 987654321L),
        parse("4242 (bash) S 17 4242 4240" + REST));
  }

  @ParameterizedTest
  @ValueSource(strings = {"a b", "a) S 1 2 3 (b", ")", "((", "x y) R 9 9 9", "é ü"})
  void aCommandWithSpacesOrParenthesesDoesNotShiftTheFields(String comm) {
    assertEquals(new ProcessTree.Entry(7, 1, 7, 7, 'R', 987654321L),
        parse("7 (" + comm + ") R 1 7 7" + REST));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "12", "12 (x)", "12 (x) S", "12 (x) S 1 2 3 0 -1 4194560",
      "12 (x) S one 2 3" + REST, "x (x) S 1 2 3" + REST, "12 (x) S 1 2 3 0 -1 4 5 6 7 8 9 10 11 "
      + "12 13 14 15 16 start"})
  void aTruncatedOrMalformedLineIsNoEntry(String line) {
    assertNull(parse(line));
  }

  @Test
  void theSnapshotHoldsThisJvmAsItsStatFileSaysIt() throws Exception {
    ProcessHandle self = ProcessHandle.current();
    ProcessTree.Entry mine = ProcessTree.snapshot().get((int) self.pid());
    assertNotNull(mine);
    assertEquals(self.parent().orElseThrow().pid(), mine.ppid());
    String stat = Files.readString(Path.of("/proc/self/stat"));
    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ", 21);
    assertEquals(Integer.parseInt(f[2]), mine.pgrp());
    assertEquals(Integer.parseInt(f[3]), mine.session());
    assertEquals(Long.parseLong(f[19]), mine.startTicks());
    assertTrue(mine.alive());
  }

  @Test
  void theEnvironmentOfThisJvmIsReadWhole() {
    String path = "PATH=" + System.getenv("PATH");
    ProcessTree tree = ProcessTree.snapshot();
    assertTrue(tree.hasEnvironmentEntry((int) ProcessHandle.current().pid(), path));
    assertTrue(tree.withEnvironmentEntry(path).contains((int) ProcessHandle.current().pid()));
  }
}
