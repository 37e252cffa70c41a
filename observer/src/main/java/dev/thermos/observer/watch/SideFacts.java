package dev.thermos.observer.watch;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Optional;

/**
 * What a task's side files say ({@code health.json}, {@code stops.jsonl} beside its runner
 * checkpoint): immutable, replaced as a whole when a file changes.
 *
 * @param health each process's entry of {@code health.json} (an object), by process name
 * @param stopReasons each run's stop reason (the first of its lines in {@code stops.jsonl}), by
 *     process name and run index
 */
public record SideFacts(Map<String, JsonNode> health,
    Map<String, Map<Integer, String>> stopReasons) {
  /** A task without side files. */
  public static final SideFacts NONE = new SideFacts(Map.of(), Map.of());

  /** The health of {@code process}'s run {@code run}; empty when the entry is for another run. */
  public Optional<JsonNode> health(String process, int run) {
    JsonNode entry = health.get(process);
    JsonNode entryRun = entry == null ? null : entry.get("run");
    return entryRun != null && entryRun.isIntegralNumber() && entryRun.asLong() == run
        ? Optional.of(entry) : Optional.empty();
  }

  /** Why {@code process}'s run {@code run} was sent a stop signal, if it was. */
  public Optional<String> stopReason(String process, int run) {
    return Optional.ofNullable(stopReasons.getOrDefault(process, Map.of()).get(run));
  }
}
