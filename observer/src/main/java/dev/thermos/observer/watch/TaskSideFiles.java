package dev.thermos.observer.watch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.thermos.posix.FileStat;
import dev.thermos.posix.SafeDirectory;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A task's side files in {@code checkpoints/<task_id>/}, read only when a file event says one
 * changed ({@link #changed}; both count as changed at first): {@code health.json} again as a
 * whole, {@code stops.jsonl} from the end of its last complete line (a torn last line waits for
 * its end). Each is opened relative to the checkpoint directory's descriptor, never through a
 * link, only as a regular file of at most {@link #MAX_BYTES}; anything else counts as absent, with
 * one log line. Written by the watcher's thread; {@link #facts()} from any thread.
 */
final class TaskSideFiles {
  static final String HEALTH = "health.json";
  static final String STOPS = "stops.jsonl";
  static final int MAX_BYTES = 1 << 20;
  private static final System.Logger LOG = System.getLogger(TaskSideFiles.class.getName());
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private volatile SideFacts facts = SideFacts.NONE;
  private boolean healthChanged = true;
  private boolean stopsChanged = true;
  private Map<String, JsonNode> health = Map.of();
  private final Map<String, Map<Integer, String>> reasons = new HashMap<>();
  private long stopsInode = -1;
  private long stopsOffset;
  private final Set<String> refused = new HashSet<>(2);

  /** Whether {@code name} in a task's checkpoint directory is one of its side files. */
  static boolean isSideFile(String name) {
    return name.equals(HEALTH) || name.equals(STOPS);
  }

  /** What the side files said when last read. */
  SideFacts facts() {
    return facts;
  }

  /** A file event for side file {@code name}: it is read at the next {@link #readChanged}. */
  synchronized void changed(String name) {
    healthChanged |= name.equals(HEALTH);
    stopsChanged |= name.equals(STOPS);
  }

  /** Reads the side files in {@code checkpointDir} that changed since they were last read. */
  synchronized void readChanged(Path checkpointDir) {
    if (!healthChanged && !stopsChanged) {
      return;
    }
    Set<String> present = sideFilesIn(checkpointDir);
    if (present.isEmpty()) {
      health = Map.of();
      resetStops();
    } else {
      readPresent(checkpointDir, present);
    }
    healthChanged = false;
    stopsChanged = false;
    facts = health.isEmpty() && reasons.isEmpty() ? SideFacts.NONE
        : new SideFacts(Map.copyOf(health), copyReasons());
  }

  private void readPresent(Path checkpointDir, Set<String> present) {
    try (SafeDirectory dir = SafeDirectory.openLeaf(checkpointDir, false)) {
      if (healthChanged) {
        health = present.contains(HEALTH) ? readHealth(dir) : Map.of();
      }
      if (stopsChanged) {
        if (present.contains(STOPS)) {
          readStops(dir);
        } else {
          resetStops();
        }
      }
    } catch (IOException e) {
      health = Map.of(); // the directory went away (or is not one): so did its files
      resetStops();
    }
  }

  /**
   * Which side files {@code checkpointDir} holds, from one listing by its path: only a hint of
   * what to open (through the directory's descriptor, never a link). Most tasks have none, and a
   * failed open costs a descriptor and two exceptions (11,000 tasks are read at start).
   */
  private static Set<String> sideFilesIn(Path checkpointDir) {
    Set<String> present = new HashSet<>(2);
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(checkpointDir)) {
      for (Path entry : entries) {
        String name = entry.getFileName().toString();
        if (isSideFile(name)) {
          present.add(name);
        }
      }
    } catch (IOException e) {
      return Set.of(); // gone, or not a directory: neither are its files
    }
    return present;
  }

  private Map<String, JsonNode> readHealth(SafeDirectory dir) {
    try (FileChannel in = open(dir, HEALTH)) {
      if (in == null) {
        return Map.of();
      }
      JsonNode root = MAPPER.readTree(readFrom(in, 0, in.size()));
      Map<String, JsonNode> out = new LinkedHashMap<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = root == null ? null : root.fields();
          it != null && it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        if (e.getValue().isObject()) {
          out.put(e.getKey(), e.getValue());
        }
      }
      return out;
    } catch (IOException e) {
      refuse(dir, HEALTH, "not JSON: " + e.getMessage());
      return Map.of();
    }
  }

  private void readStops(SafeDirectory dir) {
    try (FileChannel in = open(dir, STOPS)) {
      if (in == null) {
        resetStops();
        return;
      }
      long inode = dir.stat(STOPS).map(FileStat::inode).orElse(-1L);
      long size = in.size();
      if (inode != stopsInode || size < stopsOffset) {
        resetStops(); // another file under the name, or cut short: read again from its start
        stopsInode = inode;
      }
      byte[] bytes = readFrom(in, stopsOffset, size);
      int end = 0;
      for (int i = 0; i < bytes.length; i++) {
        if (bytes[i] == '\n') {
          stopLine(bytes, end, i - end);
          end = i + 1;
        }
      }
      stopsOffset += end; // a torn last line is read again once it is complete
    } catch (IOException e) {
      refuse(dir, STOPS, "cannot read: " + e.getMessage());
      resetStops();
    }
  }

  private void stopLine(byte[] bytes, int from, int length) {
    try {
      JsonNode line = MAPPER.readTree(bytes, from, length);
      JsonNode process = line == null ? null : line.get("process");
      JsonNode run = line == null ? null : line.get("run");
      JsonNode reason = line == null ? null : line.get("reason");
      if (process != null && process.isTextual() && run != null && run.canConvertToInt()
          && run.isIntegralNumber() && reason != null && reason.isTextual()) {
        reasons.computeIfAbsent(process.asText(), p -> new HashMap<>())
            .putIfAbsent(run.asInt(), reason.asText()); // the first reason of a run wins
      }
    } catch (IOException e) {
      // a line that is not JSON (a writer that died mid-line, then appended again): skipped
    }
  }

  /** {@code name} opened for reading, or null when absent or refused (a link, too large, ...). */
  private FileChannel open(SafeDirectory dir, String name) throws IOException {
    FileChannel in;
    try {
      in = dir.openRead(name);
    } catch (NoSuchFileException e) {
      refused.remove(name);
      return null;
    } catch (IOException e) {
      refuse(dir, name, e.getMessage());
      return null;
    }
    if (in.size() > MAX_BYTES) {
      in.close();
      refuse(dir, name, "larger than " + MAX_BYTES + " bytes");
      return null;
    }
    refused.remove(name);
    return in;
  }

  /** The bytes of {@code in} from {@code from} up to {@code to} (or its end, if sooner). */
  private static byte[] readFrom(FileChannel in, long from, long to) throws IOException {
    ByteBuffer buf = ByteBuffer.allocate((int) Math.max(0, Math.min(MAX_BYTES, to) - from));
    while (buf.hasRemaining() && in.read(buf, from + buf.position()) > 0) {
      // until the size seen, or the end of the file
    }
    byte[] out = new byte[buf.position()];
    buf.flip().get(out);
    return out;
  }

  private void refuse(SafeDirectory dir, String name, String why) {
    if (refused.add(name)) {
      LOG.log(System.Logger.Level.WARNING, dir.path().resolve(name) + " ignored: " + why);
    }
  }

  private void resetStops() {
    reasons.clear();
    stopsInode = -1;
    stopsOffset = 0;
  }

  private Map<String, Map<Integer, String>> copyReasons() {
    Map<String, Map<Integer, String>> out = new HashMap<>();
    reasons.forEach((process, runs) -> out.put(process, Map.copyOf(runs)));
    return Map.copyOf(out);
  }
}
