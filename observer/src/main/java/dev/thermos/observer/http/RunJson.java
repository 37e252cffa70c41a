package dev.thermos.observer.http;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.TokenBuffer;
import dev.thermos.format.RunnerStateJson;
import dev.thermos.gen.ProcessStatus;
import dev.thermos.observer.watch.SideFacts;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * A process's runs in {@code /api/v1/tasks/{id}}: each as {@code read --json} prints it, plus
 * what the task's side files add: {@code "stop_reason"} on a run that was sent a stop signal, and
 * {@code "health"} on the latest run when {@code health.json} has an entry for that run.
 */
final class RunJson {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private RunJson() {}

  /** Writes {@code runs} of {@code process} as a JSON array. */
  static void writeRuns(JsonGenerator g, String process, List<ProcessStatus> runs,
      SideFacts facts) throws IOException {
    g.writeStartArray();
    for (int i = 0; i < runs.size(); i++) {
      Optional<String> stopReason = facts.stopReason(process, i);
      Optional<JsonNode> health = i == runs.size() - 1 ? facts.health(process, i)
          : Optional.empty();
      if (stopReason.isEmpty() && health.isEmpty()) {
        RunnerStateJson.writeRun(g, runs.get(i));
        continue;
      }
      TokenBuffer buffer = new TokenBuffer(MAPPER, false);
      RunnerStateJson.writeRun(buffer, runs.get(i));
      ObjectNode run = MAPPER.readTree(buffer.asParser());
      stopReason.ifPresent(r -> run.put("stop_reason", r));
      health.ifPresent(h -> run.set("health", h));
      MAPPER.writeTree(g, run);
    }
    g.writeEndArray();
  }
}
