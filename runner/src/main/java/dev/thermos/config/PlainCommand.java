package dev.thermos.config;

import java.util.List;
import java.util.regex.Pattern;

/**
 * A command line without shell syntax, which a process with {@code "shell": false} may have: words
 * separated by spaces, each made only of letters, digits and {@code _ @ % + = : , . / -}. Such a
 * line means the same to bash as its words exec'ed directly (no quoting, expansion, redirection,
 * variable, glob, operator or comment), which is how the coordinator then runs it.
 */
public final class PlainCommand {
  private static final Pattern WORD = Pattern.compile("[A-Za-z0-9_@%+=:,./-]+");
  /** A {@code {{...}}} reference, which stands for a plain word until the task is interpolated. */
  private static final Pattern REFERENCE = Pattern.compile("\\{\\{[^{}]*\\}\\}");

  private PlainCommand() {}

  /**
   * The words of {@code cmdline}.
   *
   * @throws IllegalArgumentException naming the first character that is shell syntax, or saying
   *     that there is no word
   */
  public static List<String> words(String cmdline) {
    List<String> words = List.of(cmdline.trim().split(" +"));
    if (cmdline.isBlank()) {
      throw new IllegalArgumentException("no command");
    }
    for (String w : words) {
      if (!WORD.matcher(w).matches()) {
        throw new IllegalArgumentException("shell syntax in " + quoted(w)
            + " (only letters, digits, _@%+=:,./- and single spaces between words)");
      }
    }
    return words;
  }

  /** {@link #words} of a command line that may still hold {@code {{...}}} references. */
  static void checkUninterpolated(String cmdline) {
    words(REFERENCE.matcher(cmdline).replaceAll("x"));
  }

  private static String quoted(String word) {
    StringBuilder b = new StringBuilder("\"");
    word.codePoints().forEach(c -> {
      if (c < 0x20 || c == 0x7f) {
        b.append(String.format("\\u%04x", c));
      } else {
        b.appendCodePoint(c);
      }
    });
    return b.append('"').toString();
  }
}
