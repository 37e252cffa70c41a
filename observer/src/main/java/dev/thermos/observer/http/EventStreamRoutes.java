package dev.thermos.observer.http;

import dev.thermos.observer.history.HistoryTransition;
import dev.thermos.observer.stream.EventDispatcher;
import dev.thermos.observer.stream.EventSink;
import io.javalin.config.JavalinConfig;
import io.javalin.http.sse.SseClient;

/**
 * {@code GET /api/v1/events}: Server-Sent Events, one {@code transition} event per transition
 * kept in the history, its id the history cursor. {@code Last-Event-ID} (header) or
 * {@code ?since=CURSOR} resumes after that cursor, also after an observer restart; without either
 * the stream starts now. Javalin keeps each client open without a thread of its own; the
 * {@link EventDispatcher}'s one thread writes to all of them.
 */
public final class EventStreamRoutes {
  private final EventDispatcher dispatcher;

  public EventStreamRoutes(EventDispatcher dispatcher) {
    this.dispatcher = dispatcher;
  }

  public void register(JavalinConfig config) {
    config.routes.sse("/api/v1/events", this::connect);
  }

  private void connect(SseClient client) {
    client.keepAlive();
    String last = client.ctx().header("Last-Event-ID");
    if (last == null || last.isBlank()) {
      last = client.ctx().queryParam("since");
    }
    Long since = cursor(last);
    EventSink sink = new SseSink(client);
    if (since == null) {
      dispatcher.subscribe(sink);
    } else {
      dispatcher.subscribeAfter(sink, since);
    }
  }

  /** A cursor (a decimal number, at least -1); null when absent or not one. */
  static Long cursor(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      long v = Long.parseLong(text.trim());
      return v >= -1 ? v : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** Writes to one Javalin SSE client. */
  private record SseSink(SseClient client) implements EventSink {
    @Override
    public boolean send(HistoryTransition t) {
      client.sendEvent("transition", TransitionJson.eventData(t), Long.toString(t.cursor()));
      return !client.terminated();
    }

    @Override
    public boolean comment(String text) {
      client.sendComment(text);
      return !client.terminated();
    }

    @Override
    public boolean closed() {
      return client.terminated();
    }
  }
}
