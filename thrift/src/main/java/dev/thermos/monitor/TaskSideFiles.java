package dev.thermos.monitor;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.thermos.control.ControlLog;
import dev.thermos.control.ControlState;
import dev.thermos.posix.SafeDirectory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collections;
import dev.thermos.gen.ProcessState;
import dev.thermos.gen.ProcessStatus;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a task's runner keeps beside its checkpoint and the checkpoint has no place for, as the
 * readers show it: why single runs were stopped ({@code stops.jsonl}: "timeout" for
 * {@code max_runtime}, "unhealthy" for failed health checks, "task_end") and the live health of
 * health-checked processes ({@code health.json}), and whether the task is held
 * ({@code control.jsonl}). The files are optional; one that cannot be read
 * (a link, over 1 MiB, not JSON) counts as absent and is named in {@link #problem}.
 *
 * @param stopReasons process to run index (from 0) to the reason it was stopped
 * @param health process to the health of its run {@link Health#run}
 * @param problem what made a file unreadable, or null
 * @param held the task was held ({@code thermos hold}, {@code control.jsonl}) and not released
 */
public record TaskSideFiles(Map<String, Map<Integer, String>> stopReasons,
    Map<String, Health> health, String problem, boolean held) {
  /** No side file. */
  public static final TaskSideFiles NONE = new TaskSideFiles(Map.of(), Map.of(), null, false);

  /** One process's health: of run {@code run} only ("starting", "healthy", "unhealthy"). */
  public record Health(int run, String health, int failures, double checkedSecs, String detail) {}

  private static final int MAX_BYTES = 1 << 20;
  private static final JsonFactory JSON = new JsonFactory();

  /** Reads the side files in {@code checkpointDir} ({@code checkpoints/<task_id>}). */
  public static TaskSideFiles read(Path checkpointDir) {
    String problem = null;
    Map<String, Map<Integer, String>> reasons = Map.of();
    Map<String, Health> health = Map.of();
    boolean held = false;
    try (SafeDirectory dir = SafeDirectory.openLeaf(checkpointDir, false)) {
      try {
        reasons = stopReasons(tail(dir, "stops.jsonl"));
      } catch (IOException e) {
        problem = e.getMessage();
      }
      try {
        health = health(text(dir, "health.json"));
      } catch (IOException e) {
        problem = e.getMessage();
      }
    } catch (IOException e) {
      return NONE;  // no checkpoint directory: nothing beside it
    }
    try {
      held = ControlState.of(new ControlLog(checkpointDir).readAll()).held();
    } catch (IOException e) {
      problem = e.getMessage();
    }
    return new TaskSideFiles(reasons, health, problem, held);
  }

  /** Why run {@code run} of {@code process} was stopped, or null. */
  public String stopReason(String process, int run) {
    return stopReasons.getOrDefault(process, Map.of()).get(run);
  }

  /**
   * The health of {@code process} when its latest run (of {@code runs}) is running and the health
   * is about it; null otherwise (the entry is stale, or the run ended).
   */
  public Health currentHealth(String process, List<ProcessStatus> runs) {
    Health h = health.get(process);
    if (h == null || runs.isEmpty() || h.run() != runs.size() - 1) {
      return null;
    }
    ProcessState state = runs.get(runs.size() - 1).getState();
    return state == ProcessState.RUNNING || state == ProcessState.FORKED ? h : null;
  }

  /** The last MiB of an append-only file (older lines are about runs long ended). */
  private static String tail(SafeDirectory dir, String name) throws IOException {
    try {
      return new String(dev.thermos.posix.FileTail.read(dir, name, MAX_BYTES), StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return "";
    }
  }

  private static String text(SafeDirectory dir, String name) throws IOException {
    try {
      return new String(dir.readAll(name, MAX_BYTES), StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return "";
    }
  }

  /** Each line's process, run and reason; the first reason of a run wins; bad lines skipped. */
  static Map<String, Map<Integer, String>> stopReasons(String text) {
    Map<String, Map<Integer, String>> out = new TreeMap<>();
    for (String line : text.split("\n")) {
      Map<String, String> fields = flatObject(line);
      String process = fields.get("process");
      String reason = fields.get("reason");
      try {
        int run = Integer.parseInt(fields.getOrDefault("run", ""));
        if (process != null && reason != null) {
          out.computeIfAbsent(process, p -> new TreeMap<>()).putIfAbsent(run, reason);
        }
      } catch (NumberFormatException e) {
        // A torn last line (a runner killed mid-write), or not ours: skipped.
      }
    }
    return Collections.unmodifiableMap(out);
  }

  static Map<String, Health> health(String text) throws IOException {
    Map<String, Health> out = new TreeMap<>();
    if (text.isBlank()) {
      return out;
    }
    try (JsonParser p = JSON.createParser(text)) {
      expect(p.nextToken() == JsonToken.START_OBJECT);
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String process = p.currentName();
        expect(p.nextToken() == JsonToken.START_OBJECT);
        Map<String, String> f = fields(p);
        out.put(process, new Health(Integer.parseInt(f.getOrDefault("run", "-1")),
            f.getOrDefault("health", "starting"), Integer.parseInt(f.getOrDefault("failures", "0")),
            Double.parseDouble(f.getOrDefault("checked", "0")), f.getOrDefault("detail", "")));
      }
    } catch (IOException | RuntimeException e) {
      throw new IOException("health.json: not a health file");
    }
    return Collections.unmodifiableMap(out);
  }

  private static Map<String, String> flatObject(String line) {
    try (JsonParser p = JSON.createParser(line)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return Map.of();
      }
      return fields(p);
    } catch (IOException | RuntimeException e) {
      return Map.of();
    }
  }

  /** The scalar fields of the object the parser is in, as text, up to its end. */
  private static Map<String, String> fields(JsonParser p) throws IOException {
    Map<String, String> out = new LinkedHashMap<>();
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonToken value = p.nextToken();
      if (value.isStructStart()) {
        p.skipChildren();
      } else {
        out.put(name, p.getValueAsString());
      }
    }
    return out;
  }

  private static void expect(boolean ok) throws IOException {
    if (!ok) {
      throw new IOException("unexpected JSON");
    }
  }
}
