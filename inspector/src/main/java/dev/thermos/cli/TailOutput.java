package dev.thermos.cli;

import java.io.PrintWriter;
import java.nio.file.Path;

/**
 * How {@code tail} prints: one process as Aurora does ({@code Tail of terminal log FILE} or
 * {@code Tail of active log FILE}, then its lines), or, with {@code --all}, every line prefixed
 * with {@code process:} and no headers.
 */
final class TailOutput implements LogFollower.Sink {
  private final PrintWriter out;
  private final boolean prefixed;

  TailOutput(PrintWriter out, boolean prefixed) {
    this.out = out;
    this.prefixed = prefixed;
  }

  /** {@code kind} is "active" or "terminal". */
  void header(String kind, Path file) {
    if (!prefixed) {
      out.println("Tail of " + kind + " log " + file);
    }
  }

  @Override
  public void line(String process, String text) {
    out.println(prefixed ? process + ":" + text : text);
  }

  @Override
  public void newRun(String process, Path file) {
    header("active", file);
  }

  @Override
  public void flush() {
    out.flush();
  }
}
