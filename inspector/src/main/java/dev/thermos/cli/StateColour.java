package dev.thermos.cli;

import java.util.Map;

/**
 * ANSI colours for states on a terminal: green for success, red for failed and lost, yellow for
 * killed and stopping, cyan for what runs. {@link #NONE} when colour is off (not a terminal, or
 * {@code NO_COLOR} set to any value).
 */
final class StateColour {
  static final StateColour NONE = new StateColour(false);
  static final StateColour ANSI = new StateColour(true);

  private static final String RESET = "\033[0m";
  private static final Map<String, String> CODES = Map.of(
      "SUCCESS", "\033[32m",
      "FAILED", "\033[31m",
      "LOST", "\033[31m",
      "KILLED", "\033[33m",
      "CLEANING", "\033[33m",
      "FINALIZING", "\033[33m",
      "RUNNING", "\033[36m",
      "FORKED", "\033[36m",
      "ACTIVE", "\033[36m");

  private final boolean on;

  private StateColour(boolean on) {
    this.on = on;
  }

  /** Colour on a terminal unless the environment has {@code NO_COLOR} (whatever its value). */
  static StateColour forTerminal(boolean terminal, Map<String, String> env) {
    return terminal && !env.containsKey("NO_COLOR") ? ANSI : NONE;
  }

  /** {@code text} (the state's name, maybe padded) in the colour of {@code state}. */
  String paint(String state, String text) {
    String code = on ? CODES.get(state) : null;
    return code == null ? text : code + text + RESET;
  }
}
