package dev.thermos.cli;

import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Builds the {@code bash -c} command line of {@code simplerun} from its arguments. */
final class ShellWords {
  /** Words bash reads back unchanged without quotes. */
  private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_@%+=:,./-]+");

  private ShellWords() {}

  /**
   * One argument is a shell command line and is used as it is; several are the words of one
   * command, each quoted so that bash passes it through unchanged.
   */
  static String commandLine(List<String> args) {
    if (args.size() == 1) {
      return args.get(0);
    }
    return args.stream().map(ShellWords::quote).collect(Collectors.joining(" "));
  }

  /** {@code word} quoted for bash: as it is when plain, else in single quotes. */
  static String quote(String word) {
    if (PLAIN.matcher(word).matches()) {
      return word;
    }
    return "'" + word.replace("'", "'\\''") + "'";
  }
}
