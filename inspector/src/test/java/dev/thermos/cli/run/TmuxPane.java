package dev.thermos.cli.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A real terminal for a test: a tmux session on a server of its own (its own socket), running
 * {@code bash --norc} in a window of a given size. Keys go in with {@code send-keys}; the screen
 * and the scrollback come out with {@code capture-pane}.
 */
final class TmuxPane implements AutoCloseable {
  private final String socket;

  private TmuxPane(String socket) {
    this.socket = socket;
  }

  /** True if a {@code tmux} can be run here. */
  static boolean available() {
    try {
      return new ProcessBuilder("tmux", "-V").redirectErrorStream(true).start()
          .waitFor(10, TimeUnit.SECONDS);
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  static TmuxPane open(int columns, int rows) throws IOException,
      InterruptedException {
    TmuxPane pane = new TmuxPane("thermos-it-" + ProcessHandle.current().pid() + "-"
        + System.nanoTime());
    pane.tmux("-f", "/dev/null", "new-session", "-d", "-s", "t", "-x", "" + columns, "-y",
        "" + rows, "-c", "/", "env -i PATH=/usr/bin:/bin HOME=/ HISTFILE= TERM=xterm"
            + " LANG=C.UTF-8 bash --norc --noprofile");
    pane.tmux("set-option", "-t", "t", "history-limit", "10000");
    return pane;
  }

  /**
   * Writes {@code command} (one shell word each) to an executable script in {@code dir}, which
   * writes its pid (the command's, once it execs) to {@code <name>.pid} first.
   */
  static Path script(Path dir, String name, List<String> command) throws IOException {
    StringBuilder b = new StringBuilder("#!/bin/bash\necho $$ > '" + dir.resolve(name + ".pid")
        + "'\nexec");
    for (String word : command) {
      b.append(" '").append(word.replace("'", "'\\''")).append('\'');
    }
    Path file = dir.resolve(name);
    Files.writeString(file, b.append('\n').toString());
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
    return file;
  }

  /** Types {@code line} and Enter. */
  void type(String line) throws IOException, InterruptedException {
    tmux("send-keys", "-t", "t", "-l", line);
    tmux("send-keys", "-t", "t", "Enter");
  }

  /** Presses a key by tmux's name for it ({@code C-c}, {@code C-\\}). */
  void press(String key) throws IOException, InterruptedException {
    tmux("send-keys", "-t", "t", key);
  }

  /** Forgets the scrollback. */
  void clearHistory() throws IOException, InterruptedException {
    tmux("clear-history", "-t", "t");
  }

  /** The visible screen, plain. */
  String screen() throws IOException, InterruptedException {
    return tmux("capture-pane", "-p", "-t", "t");
  }

  /** The scrollback and the screen, wrapped lines joined; with the colours if {@code escapes}. */
  String history(boolean escapes) throws IOException, InterruptedException {
    List<String> args = new ArrayList<>(List.of("capture-pane", "-p", "-J", "-S", "-",
        "-t", "t"));
    if (escapes) {
      args.add("-e");
    }
    return tmux(args.toArray(String[]::new));
  }

  /** Polls the screen until {@code done} holds; fails with the screen when time is up. */
  String awaitScreen(Predicate<String> done, Duration timeout, String what) throws Exception {
    long until = System.nanoTime() + timeout.toNanos();
    while (true) {
      String s = screen();
      if (done.test(s)) {
        return s;
      }
      if (System.nanoTime() > until) {
        throw new AssertionError("the terminal never showed " + what + ":\n" + history(false));
      }
      Thread.sleep(20);
    }
  }

  private String tmux(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("tmux", "-u", "-L", socket));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().put("LANG", "C.UTF-8");
    Process p = builder.start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IOException(command + " failed: " + output);
    }
    return output;
  }

  @Override
  public void close() throws IOException, InterruptedException {
    tmux("kill-server");
  }
}
