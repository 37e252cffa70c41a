package dev.thermos.observer.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.javalin.http.Context;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

/**
 * Writes a JSON response with Jackson's streaming generator (no object tree in between), straight
 * to the response's stream (not through {@code Context.result}, which copies it once more).
 */
final class JsonBody {
  private static final JsonFactory FACTORY = new JsonFactory();

  /** What writes one JSON value. */
  @FunctionalInterface
  interface Writer {
    void write(JsonGenerator g) throws IOException;
  }

  private JsonBody() {}

  /** Answers {@code ctx} with status {@code status} and the JSON {@code writer} writes. */
  static void send(Context ctx, int status, Writer writer) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      writer.write(g);
    }
    ctx.status(status).contentType("application/json");
    out.writeTo(ctx.outputStream());
  }

  /** Answers {@code ctx} with 200 and {@code json}, already rendered. */
  static void sendRendered(Context ctx, byte[] json) throws IOException {
    ctx.status(200).contentType("application/json");
    ctx.outputStream().write(json);
  }

  static void send(Context ctx, Writer writer) throws IOException {
    send(ctx, 200, writer);
  }

  /** Writes {@code {}}. */
  static void emptyObject(JsonGenerator g) throws IOException {
    g.writeStartObject();
    g.writeEndObject();
  }

  /** {@code {"error": message}} with {@code status}. */
  static void error(Context ctx, int status, String message) throws IOException {
    send(ctx, status, g -> {
      g.writeStartObject();
      g.writeStringField("error", message);
      g.writeEndObject();
    });
  }
}
