package dev.thermos.observer.sample;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A fake {@code /proc} in a directory: {@code uptime} and {@code <pid>/stat} files. */
final class FakeProc {
  static final long HZ = 100;
  static final long PAGE = 4096;
  final Path root;

  FakeProc(Path root) {
    this.root = root;
  }

  ProcFs procFs() {
    return new ProcFs(root, HZ, PAGE);
  }

  FakeProc uptime(double secs) {
    write(root.resolve("uptime"), secs + " 12345.00\n");
    return this;
  }

  /** A process: {@code startSecsAfterBoot}, CPU ticks (all user), resident pages and threads. */
  FakeProc process(int pid, int ppid, String comm, double startSecsAfterBoot, long cpuTicks,
      long rssPages, int threads) {
    long start = Math.round(startSecsAfterBoot * HZ);
    // fields 3.. : state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime
    // stime cutime cstime priority nice num_threads itrealvalue starttime vsize rss ...
    String line = pid + " (" + comm + ") S " + ppid + " " + pid + " " + pid + " 0 -1 4194304 1 0 0 0 "
        + cpuTicks + " 0 0 0 20 0 " + threads + " 0 " + start + " 1000000 " + rssPages
        + " 18446744073709551615 1 1 0 0 0 0 0 0 0 0 0 0 17 1 0 0 0 0 0\n";
    write(root.resolve(Integer.toString(pid)).resolve("stat"), line);
    return this;
  }

  FakeProc gone(int pid) {
    try {
      Files.delete(root.resolve(Integer.toString(pid)).resolve("stat"));
      Files.delete(root.resolve(Integer.toString(pid)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  private static void write(Path file, String text) {
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
