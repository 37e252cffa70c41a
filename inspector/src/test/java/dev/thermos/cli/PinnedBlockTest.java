package dev.thermos.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class PinnedBlockTest {
  private static final TerminalSize SCREEN = new TerminalSize(10, 40);

  @Test
  void theFirstFrameMakesRoomBelowTheCursorThenDrawsAtTheBottom() {
    PinnedBlock block = new PinnedBlock();
    assertEquals("\033D\033D\033[2A" + "\0337\033[1;8r\033[9;1H\033[2Ka\033[10;1H\033[2Kb\0338",
        block.frame(List.of("a", "b"), SCREEN));
  }

  @Test
  void laterFramesOfTheSameHeightOnlyRewriteTheirOwnRows() {
    PinnedBlock block = new PinnedBlock();
    block.frame(List.of("a", "b"), SCREEN);
    assertEquals("\0337\033[1;8r\033[9;1H\033[2Kc\033[10;1H\033[2Kd\0338",
        block.frame(List.of("c", "d"), SCREEN));
  }

  @Test
  void aTallerBlockClearsTheOldOneAndScrollsTheOutputUp() {
    PinnedBlock block = new PinnedBlock();
    block.frame(List.of("a"), SCREEN);
    String frame = block.frame(List.of("a", "b", "c"), SCREEN);
    assertEquals("\0337\033[10;1H\033[J\033[r\0338" + "\033D\033D\033D\033[3A"
        + "\0337\033[1;7r\033[8;1H\033[2Ka\033[9;1H\033[2Kb\033[10;1H\033[2Kc\0338", frame);
  }

  @Test
  void releasingClearsTheBlockAndResetsTheRegionOnce() {
    PinnedBlock block = new PinnedBlock();
    block.frame(List.of("a", "b"), SCREEN);
    assertEquals("\0337\033[9;1H\033[J\033[r\0338", block.release());
    assertEquals("", block.release());
  }

  @Test
  void aBlockMustLeaveARowForTheOutput() {
    assertThrows(IllegalArgumentException.class,
        () -> new PinnedBlock().frame(List.of("1", "2", "3", "4", "5", "6", "7", "8", "9", "10"),
            SCREEN));
  }
}
