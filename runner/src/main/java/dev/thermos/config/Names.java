package dev.thermos.config;

import java.nio.charset.StandardCharsets;

/**
 * The rule for names that become path components under the root or the sandbox (task ids, task
 * names, process names): 1 to 255 bytes of UTF-8, no {@code /}, no control character (C0, DEL or
 * C1), and neither {@code .} nor {@code ..}. Anything else could leave the task's directory, hide a
 * record boundary in a log line, or be cut by the kernel ({@code NAME_MAX} is 255 bytes). Names
 * that become part of a longer file name are shorter: a task id at most
 * {@value #TASK_ID_MAX_BYTES} bytes ({@code .<id>.tmp} while its task file is written), a process
 * name at most {@value #PROCESS_NAME_MAX_BYTES} ({@code coordinator.<name>}).
 */
public final class Names {
  /** The longest name, in bytes of UTF-8 ({@code NAME_MAX}). */
  public static final int MAX_BYTES = 255;
  /** The longest task id: {@code .<id>.tmp} must fit in {@link #MAX_BYTES}. */
  public static final int TASK_ID_MAX_BYTES = MAX_BYTES - ".tmp".length() - 1;
  /** The longest process name: {@code coordinator.<name>} must fit in {@link #MAX_BYTES}. */
  public static final int PROCESS_NAME_MAX_BYTES = MAX_BYTES - "coordinator.".length();

  private Names() {}

  /**
   * Checks {@code name}.
   *
   * @param what what the name names, for the message ({@code "task id"})
   * @throws InvalidTaskException with a one-line message quoting the name (control characters
   *     escaped) and saying what is wrong
   */
  public static void check(String what, String name) throws InvalidTaskException {
    check(what, name, MAX_BYTES);
  }

  /** As {@link #check(String, String)}, with at most {@code maxBytes} bytes of UTF-8. */
  public static void check(String what, String name, int maxBytes) throws InvalidTaskException {
    String problem = problem(name, maxBytes);
    if (problem != null) {
      throw new InvalidTaskException("invalid " + what + " " + quote(name) + ": " + problem);
    }
  }

  /** What is wrong with {@code name}, or null when it may be used. */
  public static String problem(String name) {
    return problem(name, MAX_BYTES);
  }

  /** As {@link #problem(String)}, with at most {@code maxBytes} bytes of UTF-8. */
  public static String problem(String name, int maxBytes) {
    if (name == null || name.isEmpty()) {
      return "empty";
    }
    if (name.equals(".") || name.equals("..")) {
      return "not a name (. and .. are refused)";
    }
    int bytes = name.getBytes(StandardCharsets.UTF_8).length;
    if (bytes > maxBytes) {
      return bytes + " bytes (at most " + maxBytes + ")";
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c == '/') {
        return "contains '/'";
      }
      if (Character.isISOControl(c)) {
        return "contains a control character";
      }
      if (Character.isSurrogate(c) && !validSurrogatePair(name, i)) {
        return "not valid UTF-8";
      }
      if (Character.isHighSurrogate(c)) {
        i++;
      }
    }
    return null;
  }

  /** {@code name} in double quotes, with control characters and quotes escaped (one line). */
  public static String quote(String name) {
    if (name == null) {
      return "null";
    }
    StringBuilder b = new StringBuilder("\"");
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      switch (c) {
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        case '"', '\\' -> b.append('\\').append(c);
        default -> {
          if (Character.isISOControl(c)) {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.append('"').toString();
  }

  /** {@code name} as it is when it has no control character, else {@link #quote quoted}. */
  public static String display(String name) {
    return name != null && name.chars().noneMatch(Character::isISOControl) ? name : quote(name);
  }

  private static boolean validSurrogatePair(String s, int i) {
    return Character.isHighSurrogate(s.charAt(i)) && i + 1 < s.length()
        && Character.isLowSurrogate(s.charAt(i + 1));
  }
}
