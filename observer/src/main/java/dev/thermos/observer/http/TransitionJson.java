package dev.thermos.observer.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.thermos.observer.event.Transition;
import dev.thermos.observer.history.HistoryTransition;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/**
 * A transition as the event stream and the history endpoint show it: {@code {"id"?, "task_id",
 * "process"?, "run"?, "state", "timestamp", "return_code"?}}, {@code process} and {@code run}
 * absent for a task state. The id is the cursor as a decimal string (as the stream's event ids:
 * cursors exceed what a JavaScript number holds exactly).
 */
final class TransitionJson {
  private static final JsonFactory FACTORY = new JsonFactory();

  private TransitionJson() {}

  static void write(JsonGenerator g, HistoryTransition ht, boolean withId) throws IOException {
    Transition t = ht.transition();
    g.writeStartObject();
    if (withId) {
      g.writeStringField("id", Long.toString(ht.cursor()));
    }
    g.writeStringField("task_id", t.taskId());
    if (!t.isTaskState()) {
      g.writeStringField("process", t.process());
      g.writeNumberField("run", t.run());
    }
    g.writeStringField("state", t.state());
    g.writeNumberField("timestamp", t.timestamp());
    if (t.returnCode() != null) {
      g.writeNumberField("return_code", t.returnCode());
    }
    g.writeEndObject();
  }

  /** The event stream's {@code data} of one transition (no id: it is the event's id). */
  static String eventData(HistoryTransition ht) {
    StringWriter out = new StringWriter(128);
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      write(g, ht, false);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }
}
