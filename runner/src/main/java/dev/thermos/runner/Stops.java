package dev.thermos.runner;

import dev.thermos.gen.TaskState;
import java.io.IOException;
import java.util.Optional;

/**
 * The stop asked of a task, if any: the terminal state it must end in and whether the finalization
 * window is skipped. A stronger request replaces a weaker one (a second SIGINT turns a graceful kill
 * into an immediate one; a graceful kill never softens an immediate one). Each change is recorded
 * in the {@link StopMarker} before the runner acts on it.
 */
final class Stops {
  private final StopMarker marker;
  private TaskState forcedEnd;
  private boolean now;

  Stops(StopMarker marker) {
    this.marker = marker;
  }

  /** The terminal state asked for, or null when no stop was asked. */
  TaskState forcedEnd() {
    return forcedEnd;
  }

  /** True when the task is to end at once, without finalizers. */
  boolean now() {
    return now;
  }

  void request(StopRequest request) {
    TaskState end = forcedEnd;
    if (forcedEnd == null || request != StopRequest.KILL) {
      end = request == StopRequest.LOSE ? TaskState.LOST : TaskState.KILLED;
    }
    StopMarker.Stop stop = new StopMarker.Stop(end, now || request != StopRequest.KILL);
    if (end != forcedEnd || stop.now() != now) {
      record(stop);
      forcedEnd = stop.end();
      now = stop.now();
    }
  }

  /** Takes up the stop an earlier runner recorded; true when there was one. */
  boolean resume() {
    Optional<StopMarker.Stop> recorded;
    try {
      recorded = marker.read();
    } catch (IOException e) {
      System.err.println("thermos run: ignoring the recorded stop: " + e.getMessage());
      return false;
    }
    recorded.ifPresent(stop -> {
      forcedEnd = stop.end();
      now = stop.now();
    });
    return recorded.isPresent();
  }

  private void record(StopMarker.Stop stop) {
    try {
      marker.write(stop);
    } catch (IOException e) {
      System.err.println("thermos run: cannot record the stop request (" + e.getMessage()
          + "); a runner restarted after a crash would not know of it");
    }
  }
}
