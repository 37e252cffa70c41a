package dev.thermos.cli.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A process as {@code /proc/<pid>/stat} shows it: its state, session and terminal. */
record ProcStat(char state, int ppid, int session, int tty) {

  /** Reads it; throws when there is no such process. */
  static ProcStat of(long pid) throws IOException {
    String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return new ProcStat(f[0].charAt(0), Integer.parseInt(f[1]), Integer.parseInt(f[3]),
        Integer.parseInt(f[4]));
  }

  /** True when {@code pid} is a live process (a zombie is dead). */
  static boolean isAlive(long pid) {
    try {
      return of(pid).state() != 'Z';
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }
}
