package dev.thermos.observer;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A test client of {@code /api/v1/events}: collects events and comments on a thread of its own. */
final class SseClient implements AutoCloseable {
  record Event(String id, String event, String data) {}

  private static final HttpClient CLIENT = HttpClient.newHttpClient();
  final List<Event> events = new CopyOnWriteArrayList<>();
  final List<String> comments = new CopyOnWriteArrayList<>();
  private final InputStream body;
  private final Thread reader;

  private SseClient(InputStream body) {
    this.body = body;
    this.reader = new Thread(this::read, "sse-test-client");
    reader.setDaemon(true);
    reader.start();
  }

  /** Connects, with {@code Last-Event-ID: lastEventId} unless it is null. */
  static SseClient connect(int port, String lastEventId) throws IOException, InterruptedException {
    HttpRequest.Builder b = HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + port + "/api/v1/events"))
        .header("Accept", "text/event-stream");
    if (lastEventId != null) {
      b.header("Last-Event-ID", lastEventId);
    }
    HttpResponse<InputStream> r = CLIENT.send(b.GET().build(),
        HttpResponse.BodyHandlers.ofInputStream());
    if (r.statusCode() != 200
        || !r.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream")) {
      throw new IOException("not an event stream: " + r.statusCode() + " " + r.headers().map());
    }
    return new SseClient(r.body());
  }

  private void read() {
    try (BufferedReader in = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
      String id = null;
      String event = null;
      StringBuilder data = new StringBuilder();
      for (String line; (line = in.readLine()) != null; ) {
        if (line.isEmpty()) {
          if (data.length() > 0 || id != null) {
            events.add(new Event(id, event, data.toString()));
          }
          id = null;
          event = null;
          data.setLength(0);
        } else if (line.startsWith(":")) {
          comments.add(line.substring(1).trim());
        } else if (line.startsWith("id:")) {
          id = line.substring(3).trim();
        } else if (line.startsWith("event:")) {
          event = line.substring(6).trim();
        } else if (line.startsWith("data:")) {
          data.append(line.substring(5).trim());
        }
      }
    } catch (IOException e) {
      // closed
    }
  }

  @Override
  public void close() throws IOException {
    body.close();
  }
}
