package dev.thermos.observer.stream;

import dev.thermos.observer.history.HistoryTransition;

/** One client of the event stream, written to by the dispatcher's thread only. */
public interface EventSink {
  /**
   * Sends one transition (its cursor is the event id).
   *
   * @return false when the client is gone (it is then dropped)
   */
  boolean send(HistoryTransition transition);

  /** Sends a comment line (keepalive); returns false when the client is gone. */
  boolean comment(String text);

  /** Whether the client went away. */
  boolean closed();
}
