package dev.thermos.cli;

import java.io.Console;
import java.util.Locale;
import picocli.CommandLine.Model.CommandSpec;

/** Asks on the terminal before a command acts on more than it was told exactly. */
final class Confirmation {
  private Confirmation() {}

  /**
   * True when {@code yes} was given, or the user answers yes to {@code question} on the terminal.
   * Without a terminal it says on stderr that {@code -y} is needed and returns false.
   */
  static boolean ask(CommandSpec spec, boolean yes, String question) {
    if (yes) {
      return true;
    }
    Console console = System.console();
    if (console == null) {
      spec.commandLine().getErr().println(spec.qualifiedName()
          + ": not asking without a terminal: nothing done (-y does it without asking)");
      spec.commandLine().getErr().flush();
      return false;
    }
    String answer = console.readLine("%s [y/N]? ", question);
    boolean ok = answer != null && answer.trim().toLowerCase(Locale.ROOT).startsWith("y");
    if (!ok) {
      spec.commandLine().getOut().println("Nothing done.");
      spec.commandLine().getOut().flush();
    }
    return ok;
  }
}
