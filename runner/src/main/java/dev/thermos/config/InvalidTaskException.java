package dev.thermos.config;

/**
 * A task configuration that cannot be loaded, validated or interpolated. The message is always
 * one line; when the configuration came from a file it starts with the file name
 * ({@code tasks/x.json: processes[1]: unknown field "cmd_line"}).
 */
public final class InvalidTaskException extends Exception {
  private static final long serialVersionUID = 1L;

  private final String source;
  private final String reason;

  /** A problem with a configuration that has no file name (already parsed, or built in code). */
  public InvalidTaskException(String reason) {
    this(null, reason);
  }

  /** A problem with the configuration read from {@code source} (a file name), or {@code null}. */
  public InvalidTaskException(String source, String reason) {
    super(oneLine(source == null ? reason : source + ": " + reason));
    this.source = source;
    this.reason = oneLine(reason);
  }

  /** The file name the configuration came from, or {@code null}. */
  public String source() {
    return source;
  }

  /** What is wrong, without the file name. */
  public String reason() {
    return reason;
  }

  /** The same problem, attributed to the configuration read from {@code newSource}. */
  public InvalidTaskException withSource(String newSource) {
    InvalidTaskException e = new InvalidTaskException(newSource, reason);
    e.initCause(this);
    return e;
  }

  private static String oneLine(String s) {
    return s.replace("\r\n", " ").replace('\n', ' ').replace('\r', ' ');
  }
}
