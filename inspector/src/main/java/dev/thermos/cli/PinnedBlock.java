package dev.thermos.cli;

import java.util.List;

/**
 * A block of lines pinned to the bottom of a terminal, below a scroll region that takes everything
 * else written to the terminal (the processes' console output, notes): that output scrolls up
 * above the block into the scrollback, and the block is never copied there.
 *
 * <p>How: the lines above the block are made the scroll region ({@code DECSTBM}); each frame saves
 * the cursor ({@code DECSC}), sets the region again (a process may have reset it), writes each line
 * of the block at its absolute row after clearing that row, and restores the cursor
 * ({@code DECRC}), so output goes on where it was. Room for a taller block is made by scrolling the
 * region with {@code IND}, which keeps the cursor's column. Only the block's own rows are ever
 * cleared.
 *
 * <p>Limits: the cursor save slot is shared with the processes (one that saves and restores the
 * cursor itself while a frame is drawn resumes at the wrong place); output that moves the cursor
 * into the block (absolute positioning, clear screen) shows there until the next frame; a
 * resized window may keep a stale copy of the block in the region; a runner killed by SIGKILL
 * leaves the region set ({@code reset} or {@code tput csr 0 $(($(tput lines)-1))} clears it).
 * Each frame is one string, written with one flush.
 */
final class PinnedBlock {
  private static final String ESC = "\033";
  private static final String SAVE = ESC + "7";
  private static final String RESTORE = ESC + "8";
  private static final String CLEAR_LINE = ESC + "[2K";
  private static final String CLEAR_BELOW = ESC + "[J";
  private static final String FULL_REGION = ESC + "[r";
  private static final String INDEX = ESC + "D";

  private int height;
  private TerminalSize size;

  /**
   * The bytes that draw {@code lines} (each at most {@code size.columns()} wide) at the bottom of a
   * screen of {@code size}; {@code lines} must leave at least one row above.
   */
  String frame(List<String> lines, TerminalSize size) {
    int newHeight = lines.size();
    if (newHeight >= size.rows()) {
      throw new IllegalArgumentException(newHeight + " lines on a screen of " + size.rows());
    }
    StringBuilder b = new StringBuilder();
    if (!size.equals(this.size) || newHeight != height) {
      b.append(release());
      // Scroll what is at and above the cursor up, out of the block's rows (column kept).
      b.append(INDEX.repeat(newHeight));
      b.append(ESC).append('[').append(newHeight).append('A');
      this.height = newHeight;
      this.size = size;
    }
    int top = size.rows() - height + 1;
    b.append(SAVE).append(ESC).append("[1;").append(top - 1).append('r');
    for (int i = 0; i < lines.size(); i++) {
      b.append(ESC).append('[').append(top + i).append(";1H").append(CLEAR_LINE)
          .append(lines.get(i));
    }
    return b.append(RESTORE).toString();
  }

  /**
   * The bytes that clear the block and give the whole screen back to scrolling, the cursor where
   * it was; empty if nothing is drawn.
   */
  String release() {
    if (height == 0) {
      return "";
    }
    String bytes = SAVE + ESC + "[" + (size.rows() - height + 1) + ";1H" + CLEAR_BELOW
        + FULL_REGION + RESTORE;
    height = 0;
    size = null;
    return bytes;
  }

  boolean drawn() {
    return height > 0;
  }
}
