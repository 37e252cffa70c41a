package dev.thermos.observer.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.thermos.monitor.TaskRowJson;
import dev.thermos.monitor.TaskSummary;
import dev.thermos.observer.watch.FollowedTask;
import dev.thermos.posix.LockTable;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.OptionalInt;

/**
 * The rows of {@code /api/v1/tasks}: each task's row as {@code status --json} prints it, rendered
 * once to UTF-8 and kept with the task until its snapshot changes (a new record, a moved task
 * file: {@link FollowedTask#snapshot()} is then another object) or its runner's liveness does.
 * Liveness is looked up once per read of the lock table ({@link RunnerLocks}), not per request: a
 * page of 50 active rows asked 16 times at once otherwise formats 800 lock keys.
 */
final class TaskRows {
  private static final JsonFactory JSON = new JsonFactory();

  /** A rendered row and what it was rendered from. */
  private record Row(TaskSummary summary, LockTable table, OptionalInt holder, byte[] json) {}

  private final RunnerLocks locks;

  TaskRows(RunnerLocks locks) {
    this.locks = locks;
  }

  /** The pid of {@code t}'s runner while its task is active and the runner holds its lock. */
  OptionalInt holder(FollowedTask t, TaskSummary s) {
    return s.active() ? locks.holder(t) : OptionalInt.empty();
  }

  /** {@code t}'s row for snapshot {@code s}, as UTF-8 JSON (not to be modified). */
  byte[] row(FollowedTask t, TaskSummary s) throws IOException {
    LockTable table = s.active() ? locks.table() : null;
    Row cached = t.rendered() instanceof Row r && r.summary() == s ? r : null;
    if (cached != null && cached.table() == table) {
      return cached.json();
    }
    OptionalInt holder = table == null ? OptionalInt.empty() : RunnerLocks.holder(t, table);
    byte[] json = cached != null && cached.holder().equals(holder) ? cached.json()
        : render(s, holder);
    t.rendered(new Row(s, table, holder, json));
    return json;
  }

  private static byte[] render(TaskSummary s, OptionalInt holder) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(512);
    try (JsonGenerator g = JSON.createGenerator(out)) {
      TaskRowJson.write(g, s, holder);
    }
    return out.toByteArray();
  }
}
