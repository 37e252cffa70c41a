package dev.thermos.control;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.sun.jna.LastErrorException;
import dev.thermos.posix.LibC;
import dev.thermos.posix.SafeDirectory;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The requests made to a task's runner ({@code thermos hold}, {@code release}, {@code drain},
 * {@code restart}, {@code signal}), in {@code checkpoints/<task_id>/control.jsonl}, and how far the
 * runner has carried them out, in {@code control.done}. The checkpoint format has no place for
 * them.
 *
 * <pre>
 *   control.jsonl  one JSON object a line, appended with one write (O_APPEND, opened relative to
 *                  the checkpoint directory without following links) and synced before the
 *                  command returns:
 *                  {"verb": "restart", "process": "web", "at": 1764650000.125, "id": "5f0c..."}
 *                  {"verb": "signal", "process": "web", "signal": "HUP", "at": ..., "id": ...}
 *                  {"verb": "drain", "timeout": 30.0, "at": ..., "id": ...}
 *                  {"verb": "update", "task": "{\"name\": ...}", "at": ..., "id": ...}
 *                  A line without its newline (a writer killed mid-write) is not read; the next
 *                  writer starts on a new line. A line that is not a request is skipped.
 *   control.done   the byte offset up to which the runner carried out the requests (decimal),
 *                  replaced atomically after each action's own durable effect.
 * </pre>
 *
 * Hold, release and drain are states: every runner replays them all. Restart, signal and update
 * are actions: a runner carries out those past {@code control.done}.
 */
public final class ControlLog {
  /** The request file's name in the checkpoint directory. */
  public static final String NAME = "control.jsonl";
  /** The progress file's name. */
  public static final String DONE = "control.done";

  private static final int MAX_BYTES = 4 << 20;
  private static final int SEEK_CUR = 1;
  private static final int SEEK_END = 2;
  private static final JsonFactory JSON = new JsonFactory();

  private final Path dir;

  /** {@code checkpointDir}: the task's {@code checkpoints/<task_id>}. */
  public ControlLog(Path checkpointDir) {
    this.dir = checkpointDir;
  }

  /** The requests read from one offset, and where the next read starts. */
  public record Batch(List<ControlRequest> requests, long end) {}

  /**
   * Appends {@code r} durably: one write, synced (and the directory when the file is new).
   * Returns the offset just past its line (where {@code control.done} reaches once it is carried
   * out).
   *
   * @throws NoSuchFileException when the checkpoint directory does not exist
   * @throws IOException when the file cannot be written, or is a link or not a regular file
   */
  public long append(ControlRequest r) throws IOException {
    byte[] line = line(r);
    long end;
    try (SafeDirectory d = SafeDirectory.openLeaf(dir, false)) {
      boolean isNew = d.stat(NAME).isEmpty();
      int fd = d.openFile(NAME, LibC.O_RDWR | LibC.O_APPEND | LibC.O_CREAT, 0644);
      try {
        byte[] out = endsTorn(fd) ? prefixNewline(line) : line;
        if (LibC.write(fd, out, out.length) != out.length) {
          throw new IOException(dir.resolve(NAME) + ": short write");
        }
        LibC.fdatasync(fd);
        end = LibC.lseek(fd, 0, SEEK_CUR);
      } catch (LastErrorException x) {
        throw new IOException(dir.resolve(NAME) + ": " + LibC.strerror(x.getErrorCode()));
      } finally {
        LibC.close(fd);
      }
      if (isNew) {
        d.sync();
      }
    }
    return end;
  }

  /**
   * The complete request lines from byte {@code from} on; none when there is no file.
   *
   * @throws IOException when the file cannot be read, or is a link or not a regular file
   */
  public Batch read(long from) throws IOException {
    byte[] bytes;
    try (SafeDirectory d = SafeDirectory.openLeaf(dir, false);
        FileChannel in = d.openRead(NAME)) {
      bytes = readFrom(in, from);
    } catch (NoSuchFileException e) {
      return new Batch(List.of(), from);
    }
    List<ControlRequest> out = new ArrayList<>();
    int start = 0;
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == '\n') {
        ControlRequest r = parse(new String(bytes, start, i - start, StandardCharsets.UTF_8));
        if (r != null) {
          out.add(r.at(from + start, from + i + 1));
        }
        start = i + 1;
      }
    }
    return new Batch(out, from + start);
  }

  /** Every complete request. */
  public List<ControlRequest> readAll() throws IOException {
    return read(0).requests();
  }

  /** How far the runner carried the requests out: 0 when it never recorded it. */
  public long readDone() throws IOException {
    try (SafeDirectory d = SafeDirectory.openLeaf(dir, false)) {
      String text = new String(d.readAll(DONE, 64), StandardCharsets.UTF_8).trim();
      return Long.parseLong(text);
    } catch (NoSuchFileException e) {
      return 0;
    } catch (NumberFormatException e) {
      throw new IOException(dir.resolve(DONE) + ": not an offset");
    }
  }

  /** Records durably that the requests before byte {@code offset} were carried out. */
  public void writeDone(long offset) throws IOException {
    try (SafeDirectory d = SafeDirectory.openLeaf(dir, false)) {
      d.writeAtomically(DONE, (offset + "\n").getBytes(StandardCharsets.UTF_8), 0644);
    }
  }

  /** {@code r} as one line of JSON. */
  static byte[] line(ControlRequest r) throws IOException {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    try (JsonGenerator g = JSON.createGenerator(buf)) {
      g.writeStartObject();
      g.writeStringField("verb", r.verb().jsonName());
      if (r.process() != null) {
        g.writeStringField("process", r.process());
      }
      if (r.signal() != null) {
        g.writeStringField("signal", r.signal());
      }
      if (r.timeoutSecs() >= 0 && Double.isFinite(r.timeoutSecs())) {
        g.writeNumberField("timeout", r.timeoutSecs());
      }
      if (r.task() != null) {
        g.writeStringField("task", r.task());
      }
      if (r.template() != null) {
        g.writeStringField("template", r.template());
      }
      g.writeNumberField("at", r.atSecs());
      g.writeStringField("id", r.id());
      g.writeEndObject();
    }
    buf.write('\n');
    return buf.toByteArray();
  }

  /** The request on {@code line}, or null when it holds none. */
  static ControlRequest parse(String line) {
    Map<String, String> f = new HashMap<>();
    try (JsonParser p = JSON.createParser(line)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return null;
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        if (p.nextToken().isStructStart()) {
          p.skipChildren();
        } else {
          f.put(name, p.getValueAsString());
        }
      }
      if (p.currentToken() != JsonToken.END_OBJECT || p.nextToken() != null) {
        return null;
      }
      ControlRequest.Verb verb = ControlRequest.Verb.ofJson(f.get("verb"));
      double timeout = f.containsKey("timeout") ? Double.parseDouble(f.get("timeout")) : -1;
      String process = f.get("process");
      if ((verb == ControlRequest.Verb.RESTART || verb == ControlRequest.Verb.SIGNAL)
          && process == null || verb == ControlRequest.Verb.SIGNAL && f.get("signal") == null
          || verb == ControlRequest.Verb.UPDATE && f.get("task") == null) {
        return null;
      }
      return new ControlRequest(verb, process, f.get("signal"), timeout, f.get("task"),
          f.get("template"), Double.parseDouble(f.getOrDefault("at", "0")),
          f.getOrDefault("id", ""), -1, -1);
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /** True when the file has bytes and its last one is not a newline (a torn last line). */
  private static boolean endsTorn(int fd) throws IOException {
    long size = LibC.lseek(fd, 0, SEEK_END);
    if (size <= 0) {
      return false;
    }
    byte[] last = new byte[1];
    return LibC.pread(fd, last, 1, size - 1) == 1 && last[0] != '\n';
  }

  private static byte[] prefixNewline(byte[] line) {
    byte[] out = new byte[line.length + 1];
    out[0] = '\n';
    System.arraycopy(line, 0, out, 1, line.length);
    return out;
  }

  private static byte[] readFrom(FileChannel in, long from) throws IOException {
    long size = in.size();
    if (size - from > MAX_BYTES) {
      throw new IOException(NAME + ": more than " + MAX_BYTES + " bytes of requests");
    }
    ByteBuffer buf = ByteBuffer.allocate((int) Math.max(0, size - from));
    long at = from;
    while (buf.hasRemaining()) {
      int n = in.read(buf, at);
      if (n <= 0) {
        break;
      }
      at += n;
    }
    byte[] out = new byte[buf.position()];
    buf.flip().get(out);
    return out;
  }
}
