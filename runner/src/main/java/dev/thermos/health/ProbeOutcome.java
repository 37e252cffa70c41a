package dev.thermos.health;

/** What one probe found: passed or not, and a short text saying why. */
record ProbeOutcome(boolean passed, String detail) {
  /** Longest detail kept; longer texts are cut. */
  static final int MAX_DETAIL_CHARS = 200;

  ProbeOutcome {
    detail = detail.length() <= MAX_DETAIL_CHARS ? detail
        : detail.substring(0, MAX_DETAIL_CHARS - 1) + "…";
  }

  static ProbeOutcome pass(String detail) {
    return new ProbeOutcome(true, detail);
  }

  static ProbeOutcome fail(String detail) {
    return new ProbeOutcome(false, detail);
  }

  /** The failure of a check that took longer than {@code timeoutSecs}. */
  static ProbeOutcome timedOut(double timeoutSecs) {
    return fail("timed out after " + seconds(timeoutSecs) + " s");
  }

  /** A failure for an exception: its message (or its class when it has none), one line. */
  static ProbeOutcome failure(Exception e) {
    String message = e.getMessage();
    String text = message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    return fail(text.replaceAll("\\s+", " ").strip());
  }

  /** {@code 5} for 5.0, {@code 0.5} for 0.5. */
  static String seconds(double secs) {
    return secs == Math.rint(secs) && Math.abs(secs) < 1e15
        ? Long.toString((long) secs) : Double.toString(secs);
  }

  /** Whole milliseconds for a socket timeout: at least 1 (0 would mean none). */
  static int timeoutMillis(double secs) {
    return (int) Math.max(1, Math.min(Integer.MAX_VALUE, Math.ceil(secs * 1000)));
  }
}
