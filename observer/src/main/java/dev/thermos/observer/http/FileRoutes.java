package dev.thermos.observer.http;

import dev.thermos.observer.http.TaskFiles.NotFound;
import dev.thermos.observer.watch.FollowedTask;
import dev.thermos.observer.watch.TaskIndex;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Aurora's file endpoints: {@code /logdata/:task_id/:process/:run/:logtype?offset=&length=} and
 * {@code /filedata/:task_id/:path?offset=&length=} (a JSON chunk), {@code /download/:task_id/:path}
 * (the raw file). Files are opened through {@link TaskFiles}; whatever it refuses is 404
 * {@code {"error": ...}}.
 *
 * <p>A chunk is Aurora's {@code _read_chunk}: a missing or -1 {@code offset} is the end of the
 * file, a missing or -1 {@code length} is "to the end"; not numbers, or other negative numbers:
 * {@code {}}. The answer is {@code {"offset", "length", "data"}} ({@code length} in bytes,
 * {@code data} decoded as UTF-8 with replacement, then {@code &}, {@code <}, {@code >} escaped) or
 * {@code {"offset", "length": 0}} when nothing was read. One chunk is at most {@value #MAX_CHUNK}
 * bytes (Aurora had no limit): ask again from {@code offset + length} for more.
 */
public final class FileRoutes {
  static final int MAX_CHUNK = 4 << 20;
  private static final int READ_BYTES = 64 << 10;

  private final TaskIndex index;

  public FileRoutes(TaskIndex index) {
    this.index = index;
  }

  public void register(JavalinConfig config) {
    config.routes.get("/logdata/{task_id}/{process}/{run}/{logtype}", this::logData);
    config.routes.get("/filedata/{task_id}/<path>", this::fileData);
    config.routes.get("/download/{task_id}/<path>", this::download);
  }

  private FollowedTask task(Context ctx) {
    return index.get(ctx.pathParam("task_id"));
  }

  void logData(Context ctx) throws IOException {
    try (FileChannel in = TaskFiles.openLog(task(ctx), ctx.pathParam("process"),
        ctx.pathParam("run"), ctx.pathParam("logtype"))) {
      sendChunk(ctx, in);
    } catch (NotFound e) {
      JsonBody.error(ctx, 404, e.getMessage());
    }
  }

  void fileData(Context ctx) throws IOException {
    try (FileChannel in = TaskFiles.openSandboxFile(task(ctx), ctx.pathParam("path"))) {
      sendChunk(ctx, in);
    } catch (NotFound e) {
      JsonBody.error(ctx, 404, e.getMessage());
    }
  }

  void download(Context ctx) throws IOException {
    FileChannel in;
    try {
      in = TaskFiles.openSandboxFile(task(ctx), ctx.pathParam("path"));
    } catch (NotFound e) {
      JsonBody.error(ctx, 404, e.getMessage());
      return;
    }
    String path = ctx.pathParam("path");
    String name = path.substring(path.lastIndexOf('/') + 1).replaceAll("[^A-Za-z0-9._-]", "_");
    ctx.contentType("application/octet-stream")
        .header("Content-Disposition", "attachment; filename=\"" + name + "\"")
        .header("Content-Length", Long.toString(in.size()))
        .result(Channels.newInputStream(in));
  }

  private static void sendChunk(Context ctx, FileChannel in) throws IOException {
    Long offset = number(ctx.queryParam("offset"));
    Long length = number(ctx.queryParam("length"));
    if (offset == null || length == null || offset < -1 || length < -1) {
      JsonBody.send(ctx, JsonBody::emptyObject);
      return;
    }
    long size = in.size();
    long from = offset == -1 ? size : offset;
    long wanted = length == -1 ? size - from : length;
    int n = (int) Math.max(0, Math.min(MAX_CHUNK, wanted));
    ByteBuffer buf = ByteBuffer.allocate(n);
    // In pieces: the JDK copies through a temporary direct buffer of the read's size and keeps
    // it for the thread; a read of the whole chunk would pin megabytes on every HTTP thread.
    while (buf.hasRemaining()) {
      ByteBuffer piece = buf.slice().limit(Math.min(buf.remaining(), READ_BYTES));
      int read = in.read(piece, from + buf.position());
      if (read <= 0) {
        break;
      }
      buf.position(buf.position() + read);
    }
    buf.flip();
    JsonBody.send(ctx, g -> {
      g.writeStartObject();
      g.writeNumberField("offset", from);
      g.writeNumberField("length", buf.remaining());
      if (buf.hasRemaining()) {
        g.writeStringField("data", escape(decode(buf)));
      }
      g.writeEndObject();
    });
  }

  private static Long number(String value) {
    if (value == null || value.isEmpty()) {
      return -1L;
    }
    try {
      return Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static String decode(ByteBuffer bytes) {
    try {
      return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
          .onUnmappableCharacter(CodingErrorAction.REPLACE).decode(bytes.duplicate()).toString();
    } catch (CharacterCodingException e) {
      throw new IllegalStateException("a replacing decoder does not fail", e);
    }
  }

  /** Python's {@code xml.sax.saxutils.escape}: {@code &}, {@code <}, {@code >}. */
  static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
