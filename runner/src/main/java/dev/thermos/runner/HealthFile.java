package dev.thermos.runner;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.thermos.config.JsonTree;
import dev.thermos.posix.SafeDirectory;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The health of a task's health-checked processes in {@code checkpoints/<task_id>/health.json},
 * replaced atomically whenever it changes:
 *
 * <pre>
 *   {"web": {"run": 2, "health": "healthy", "failures": 0, "checked": 1764650000.125,
 *            "detail": "HTTP 200", "ever_healthy": true}}
 * </pre>
 *
 * An entry is about run {@code run} only: once the process has a later run, it is stale.
 */
public final class HealthFile {
  private static final String NAME = "health.json";
  private static final int MAX_BYTES = 1 << 20;

  private final Path dir;

  /** {@code checkpointDir}: the task's {@code checkpoints/<task_id>}. */
  public HealthFile(Path checkpointDir) {
    this.dir = checkpointDir;
  }

  void write(Map<String, HealthStates.State> states) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (JsonGenerator g = new JsonFactory().createGenerator(out)) {
      g.writeStartObject();
      for (Map.Entry<String, HealthStates.State> e : states.entrySet()) {
        HealthStates.State s = e.getValue();
        g.writeObjectFieldStart(e.getKey());
        g.writeNumberField("run", s.run());
        g.writeStringField("health", s.health().jsonName());
        g.writeNumberField("failures", s.failures());
        g.writeNumberField("checked", s.checkedSecs());
        g.writeStringField("detail", s.detail());
        g.writeBooleanField("ever_healthy", s.everHealthy());
        g.writeEndObject();
      }
      g.writeEndObject();
    }
    out.write('\n');
    try (SafeDirectory d = SafeDirectory.openLeaf(dir, false)) {
      d.writeAtomically(NAME, out.toByteArray(), 0644);
    }
  }

  /**
   * What the file says, by process; empty when there is none.
   *
   * @throws IOException when it cannot be read, is a link, is over 1 MiB or is not such a file
   */
  public Map<String, HealthStates.State> read() throws IOException {
    String text;
    try (SafeDirectory d = SafeDirectory.openLeaf(dir, false)) {
      text = new String(d.readAll(NAME, MAX_BYTES), StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return Map.of();
    }
    Map<String, HealthStates.State> out = new TreeMap<>();
    try {
      JsonNode root = JsonTree.read(text);
      for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        JsonNode n = e.getValue();
        out.put(e.getKey(), new HealthStates.State(n.get("run").asInt(),
            HealthStates.Health.valueOf(n.get("health").asText().toUpperCase(Locale.ROOT)),
            n.get("failures").asInt(), n.get("checked").asDouble(), n.get("detail").asText(),
            n.path("ever_healthy").asBoolean(false)));
      }
    } catch (IOException | RuntimeException e) {
      throw new IOException(dir.resolve(NAME) + ": not a health file");
    }
    return out;
  }
}
