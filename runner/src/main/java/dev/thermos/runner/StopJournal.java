package dev.thermos.runner;

import com.fasterxml.jackson.databind.JsonNode;
import dev.thermos.config.JsonTree;
import dev.thermos.posix.LibC;
import dev.thermos.posix.SafeDirectory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Every stop signal the runner sent to a single run, and why, in
 * {@code checkpoints/<task_id>/stops.jsonl}: one JSON object a line, appended with one write and
 * synced before the signal goes out. The checkpoint format has no place for it. A restarted runner
 * reads it to go on with a stop ladder where the dead one left it; {@code status}, {@code read} and
 * the observer read it to say that a run timed out or was unhealthy.
 *
 * <pre>
 *   {"process": "web", "run": 2, "reason": "timeout", "step": 0, "signal": "INT", "at": 1764650000.1}
 * </pre>
 */
public final class StopJournal {
  /** Why a run is stopped; a failure ends it FAILED (counted against {@code max_failures}). */
  public enum Reason {
    TIMEOUT(true), UNHEALTHY(true), TASK_END(false),
    /** {@code thermos restart}: the run ends KILLED and starts again at once. */
    RESTART(false),
    /** {@code thermos update} removed or changed the process: the run ends KILLED. */
    UPDATE(false);

    private final boolean failure;

    Reason(boolean failure) {
      this.failure = failure;
    }

    public boolean failure() {
      return failure;
    }

    public String jsonName() {
      return name().toLowerCase(Locale.ROOT);
    }

    static Reason ofJson(String name) {
      return valueOf(name.toUpperCase(Locale.ROOT));
    }
  }

  /** One signal sent: to run {@code run} (0-based) of {@code process}, rung {@code step}. */
  public record Entry(String process, int run, Reason reason, int step, String signal,
      double atSecs) {}

  private static final int MAX_BYTES = 1 << 20;
  private static final String NAME = "stops.jsonl";

  private final Path dir;

  /** {@code checkpointDir}: the task's {@code checkpoints/<task_id>}. */
  public StopJournal(Path checkpointDir) {
    this.dir = checkpointDir;
  }

  /** Appends {@code e} durably (the directory synced too when the file is new). */
  void append(Entry e) throws IOException {
    byte[] line = String.format(Locale.ROOT, "{\"process\": \"%s\", \"run\": %d, \"reason\": \"%s\","
        + " \"step\": %d, \"signal\": \"%s\", \"at\": %.3f}%n", escape(e.process()), e.run(),
        e.reason().jsonName(), e.step(), e.signal(), e.atSecs()).getBytes(StandardCharsets.UTF_8);
    try (SafeDirectory d = SafeDirectory.openLeaf(dir, false)) {
      boolean isNew = d.stat(NAME).isEmpty();
      int fd = d.openFile(NAME, LibC.O_RDWR | LibC.O_APPEND | LibC.O_CREAT, 0644);
      try {
        if (!isNew && !endsWithNewline(fd)) {
          line = ("\n" + new String(line, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
        }
        if (LibC.write(fd, line, line.length) != line.length) {
          throw new IOException(dir.resolve(NAME) + ": short write");
        }
        LibC.fdatasync(fd);
      } catch (com.sun.jna.LastErrorException x) {
        throw new IOException(dir.resolve(NAME) + ": " + LibC.strerror(x.getErrorCode()));
      } finally {
        LibC.close(fd);
      }
      if (isNew) {
        d.sync();
      }
    }
  }

  /** Whether the file's last byte is a newline (a runner killed mid-write leaves a torn line). */
  private static boolean endsWithNewline(int fd) throws IOException {
    long size = dev.thermos.posix.Descriptors.stat(fd).sizeBytes();
    byte[] last = new byte[1];
    return size == 0 || LibC.pread(fd, last, 1, size - 1) == 1 && last[0] == '\n';
  }

  /**
   * Every entry, in the order written, of the last MiB of the journal (older entries are about
   * runs long ended); none when there is no journal. A torn or unreadable line (a runner killed
   * mid-write) is skipped.
   *
   * @throws IOException when the file cannot be read or is a link
   */
  public List<Entry> read() throws IOException {
    String text;
    try (SafeDirectory d = SafeDirectory.openLeaf(dir, false)) {
      text = new String(dev.thermos.posix.FileTail.read(d, NAME, MAX_BYTES), StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return List.of();
    }
    List<Entry> out = new ArrayList<>();
    for (String line : text.split("\n")) {
      Entry e = parse(line);
      if (e != null) {
        out.add(e);
      }
    }
    return out;
  }

  /** Process to run index to why it was stopped (the first reason given for that run). */
  public static Map<String, Map<Integer, Reason>> reasons(List<Entry> entries) {
    Map<String, Map<Integer, Reason>> out = new LinkedHashMap<>();
    for (Entry e : entries) {
      out.computeIfAbsent(e.process(), p -> new LinkedHashMap<>()).putIfAbsent(e.run(), e.reason());
    }
    return out;
  }

  private static Entry parse(String line) {
    try {
      JsonNode n = JsonTree.read(line);
      if (n == null || !n.isObject()) {
        return null;
      }
      Entry e = new Entry(n.get("process").asText(), n.get("run").asInt(),
          Reason.ofJson(n.get("reason").asText()), n.get("step").asInt(),
          n.get("signal").asText(), n.get("at").asDouble());
      return e.run() >= 0 && e.step() >= 0 && e.step() <= 64 ? e : null;
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  private static String escape(String s) {
    return s.replace("\\", "\\\\").replace("\"", "\\\"");
  }
}
