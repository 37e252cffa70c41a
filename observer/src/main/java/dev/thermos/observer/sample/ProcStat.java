package dev.thermos.observer.sample;

/**
 * The fields of {@code /proc/<pid>/stat} the sampler uses. The command name (field 2) may hold
 * spaces and parentheses, so fields are counted after its last ')'.
 *
 * @param pid the process
 * @param ppid its parent
 * @param state its state letter ({@code R}, {@code S}, {@code Z}, ...)
 * @param cpuTicks user plus system time, in clock ticks
 * @param threads its threads
 * @param startTicks when it started, clock ticks after boot
 * @param rssPages resident pages
 */
record ProcStat(int pid, int ppid, char state, long cpuTicks, int threads, long startTicks,
    long rssPages) {

  /**
   * Parses one {@code stat} line.
   *
   * @throws IllegalArgumentException when it is not one
   */
  static ProcStat parse(String line) {
    int open = line.indexOf('(');
    int close = line.lastIndexOf(')');
    if (open < 1 || close < open || close + 2 >= line.length()) {
      throw new IllegalArgumentException("not a /proc stat line: " + abbreviate(line));
    }
    String[] f = line.substring(close + 2).trim().split(" ");
    // f[0] is field 3 (state): field n is f[n - 3].
    if (f.length < 22) {
      throw new IllegalArgumentException("short /proc stat line: " + abbreviate(line));
    }
    try {
      return new ProcStat(Integer.parseInt(line.substring(0, open).trim()),
          Integer.parseInt(f[1]), f[0].charAt(0),
          Long.parseLong(f[11]) + Long.parseLong(f[12]),
          Integer.parseInt(f[17]), Long.parseLong(f[19]), Long.parseLong(f[21]));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("bad /proc stat line: " + abbreviate(line), e);
    }
  }

  boolean zombie() {
    return state == 'Z' || state == 'X';
  }

  private static String abbreviate(String line) {
    return line.length() > 80 ? line.substring(0, 80) + "..." : line;
  }
}
