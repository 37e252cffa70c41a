package dev.thermos.config;

import java.util.Locale;
import java.util.Map;

/**
 * One rung of a process's stop ladder ({@code stop_signals}, Cluster::Init's staged INT, TERM,
 * KILL): the signal sent, then how long to wait for the run to end before the next rung. SIGKILL
 * always follows the last rung.
 *
 * @param name the signal's name without {@code SIG} ("TERM")
 * @param number its number on Linux
 * @param waitSecs seconds to wait after sending it
 */
public record StopSignal(String name, int number, double waitSecs) {
  /** The wait of a rung that gives none. */
  public static final double DEFAULT_WAIT_SECS = 10;

  /** The signals a ladder may send (SIGKILL and SIGSTOP cannot be handled, so are no rung). */
  private static final Map<String, Integer> NUMBERS = Map.of("HUP", 1, "INT", 2, "QUIT", 3,
      "ABRT", 6, "USR1", 10, "USR2", 12, "ALRM", 14, "TERM", 15, "WINCH", 28, "PWR", 30);

  /**
   * The signal named {@code name} ("INT", "SIGINT", "int"); null when it is none a ladder may
   * send.
   */
  public static StopSignal of(String name, double waitSecs) {
    String bare = name.toUpperCase(Locale.ROOT);
    bare = bare.startsWith("SIG") ? bare.substring(3) : bare;
    Integer number = NUMBERS.get(bare);
    return number == null ? null : new StopSignal(bare, number, waitSecs);
  }

  /** Every signal a ladder may send (the coordinator ignores each of them). */
  public static java.util.List<StopSignal> all() {
    return NUMBERS.keySet().stream().sorted().map(n -> of(n, 0)).toList();
  }

  /**
   * The number of the signal named {@code name} that {@code thermos signal} may send: those of a
   * ladder, and KILL, STOP and CONT; null when it is none of them.
   */
  public static Integer controlNumber(String name) {
    String bare = name.toUpperCase(Locale.ROOT);
    bare = bare.startsWith("SIG") ? bare.substring(3) : bare;
    return switch (bare) {
      case "KILL" -> 9;
      case "CONT" -> 18;
      case "STOP" -> 19;
      default -> NUMBERS.get(bare);
    };
  }

  /** The names {@code thermos signal} accepts, for messages. */
  public static String controlNames() {
    java.util.TreeSet<String> names = new java.util.TreeSet<>(NUMBERS.keySet());
    names.addAll(java.util.List.of("KILL", "CONT", "STOP"));
    return String.join(", ", names);
  }

  /** The names a ladder accepts, for messages. */
  static String known() {
    return String.join(", ", new java.util.TreeSet<>(NUMBERS.keySet()));
  }
}
