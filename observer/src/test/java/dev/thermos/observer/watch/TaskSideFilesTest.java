package dev.thermos.observer.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The side files of one task read by hand (no watcher): what is read, when, and what is refused. */
class TaskSideFilesTest {
  @TempDir Path dir;
  private Path checkpoints;
  private final TaskSideFiles side = new TaskSideFiles();

  @BeforeEach
  void setUp() throws IOException {
    checkpoints = Files.createDirectories(dir.resolve("checkpoints/t"));
  }

  /** As the runner writes health.json: a temporary file renamed over it. */
  private void writeHealth(String json) throws IOException {
    Path tmp = checkpoints.resolve(".health.json.tmp");
    Files.writeString(tmp, json);
    Files.move(tmp, checkpoints.resolve(TaskSideFiles.HEALTH), StandardCopyOption.ATOMIC_MOVE);
    side.changed(TaskSideFiles.HEALTH);
  }

  private void appendStops(String text) throws IOException {
    Files.writeString(checkpoints.resolve(TaskSideFiles.STOPS), text, StandardOpenOption.CREATE,
        StandardOpenOption.APPEND);
    side.changed(TaskSideFiles.STOPS);
  }

  private static String stop(String process, int run, String reason, int step) {
    return "{\"process\": \"" + process + "\", \"run\": " + run + ", \"reason\": \"" + reason
        + "\", \"step\": " + step + ", \"signal\": \"INT\", \"at\": 1764650000.1}\n";
  }

  private String health(String process, int run) {
    return side.facts().health(process, run).map(h -> h.path("health").asText()).orElse("none");
  }

  @Test
  void aTaskWithoutSideFilesHasNoFacts() {
    side.readChanged(checkpoints);
    assertEquals(SideFacts.NONE, side.facts());
    side.readChanged(dir.resolve("checkpoints/gone"));
    assertEquals(SideFacts.NONE, side.facts());
  }

  @Test
  void healthIsReadAgainAfterEachChangeAndOnlyForTheRunItNames() throws IOException {
    writeHealth("{\"web\": {\"run\": 2, \"health\": \"starting\", \"failures\": 1,"
        + " \"checked\": 1764650000.125, \"detail\": \"connect refused\"}}");
    side.readChanged(checkpoints);
    assertEquals("starting", health("web", 2));
    assertEquals("connect refused", side.facts().health("web", 2).get().path("detail").asText());
    assertEquals("none", health("web", 1), "an entry for run 2 says nothing of run 1");
    assertEquals("none", health("db", 0));

    writeHealth("{\"web\": {\"run\": 2, \"health\": \"healthy\", \"failures\": 0}}");
    side.readChanged(checkpoints);
    assertEquals("healthy", health("web", 2), "the next read after the change");
  }

  @Test
  void nothingIsReadAgainWithoutAnEventNamingTheFile() throws IOException {
    writeHealth("{\"web\": {\"run\": 0, \"health\": \"starting\"}}");
    side.readChanged(checkpoints);
    Files.writeString(checkpoints.resolve(TaskSideFiles.HEALTH),
        "{\"web\": {\"run\": 0, \"health\": \"healthy\"}}");
    side.readChanged(checkpoints);
    assertEquals("starting", health("web", 0), "no event yet: not read");
    side.changed(TaskSideFiles.HEALTH);
    side.readChanged(checkpoints);
    assertEquals("healthy", health("web", 0));
  }

  @Test
  void stopsAreReadIncrementallyTheFirstReasonOfARunWinsAndATornLineWaits() throws IOException {
    appendStops(stop("web", 0, "timeout", 0) + stop("web", 0, "task_end", 1)
        + stop("db", 1, "unhealthy", 0) + "{\"process\": \"web\", \"run\": 1, \"rea");
    side.readChanged(checkpoints);
    assertEquals(Optional.of("timeout"), side.facts().stopReason("web", 0));
    assertEquals(Optional.of("unhealthy"), side.facts().stopReason("db", 1));
    assertEquals(Optional.empty(), side.facts().stopReason("web", 1), "a torn line is not read");

    appendStops("son\": \"unhealthy\", \"step\": 0, \"signal\": \"INT\", \"at\": 1.0}\n"
        + "not json\n" + stop("web", 2, "timeout", 0));
    side.readChanged(checkpoints);
    assertEquals(Optional.of("unhealthy"), side.facts().stopReason("web", 1), "completed");
    assertEquals(Optional.of("timeout"), side.facts().stopReason("web", 2),
        "a line that is not JSON is skipped, the next one read");
    assertEquals(Optional.of("timeout"), side.facts().stopReason("web", 0), "kept");
  }

  @Test
  void aStopsFileReplacedByAnotherIsReadFromItsStart() throws IOException {
    appendStops(stop("web", 0, "timeout", 0) + stop("web", 0, "timeout", 1));
    side.readChanged(checkpoints);
    Path tmp = checkpoints.resolve("new");
    Files.writeString(tmp, stop("db", 0, "unhealthy", 0));
    Files.move(tmp, checkpoints.resolve(TaskSideFiles.STOPS), StandardCopyOption.REPLACE_EXISTING);
    side.changed(TaskSideFiles.STOPS);
    side.readChanged(checkpoints);
    assertEquals(Map.of("db", Map.of(0, "unhealthy")), side.facts().stopReasons());
  }

  @Test
  void linkedOrOversizedSideFilesAreRefused() throws IOException {
    Path outside = Files.createDirectories(dir.resolve("outside"));
    Files.writeString(outside.resolve("h"), "{\"web\": {\"run\": 0, \"health\": \"healthy\"}}");
    Files.writeString(outside.resolve("s"), stop("web", 0, "timeout", 0));
    Files.createSymbolicLink(checkpoints.resolve(TaskSideFiles.HEALTH), outside.resolve("h"));
    Files.createSymbolicLink(checkpoints.resolve(TaskSideFiles.STOPS), outside.resolve("s"));
    side.readChanged(checkpoints);
    assertEquals(SideFacts.NONE, side.facts(), "links are not followed");

    Files.delete(checkpoints.resolve(TaskSideFiles.HEALTH));
    Files.delete(checkpoints.resolve(TaskSideFiles.STOPS));
    byte[] big = new byte[TaskSideFiles.MAX_BYTES + 1];
    java.util.Arrays.fill(big, (byte) ' ');
    String entry = "{\"web\": {\"run\": 0, \"health\": \"healthy\"}}";
    System.arraycopy(entry.getBytes(StandardCharsets.UTF_8), 0, big, 0, entry.length());
    Files.write(checkpoints.resolve(TaskSideFiles.HEALTH), big);
    StringBuilder stops = new StringBuilder();
    while (stops.length() <= TaskSideFiles.MAX_BYTES) {
      stops.append(stop("web", 0, "timeout", 0));
    }
    Files.writeString(checkpoints.resolve(TaskSideFiles.STOPS), stops);
    side.changed(TaskSideFiles.HEALTH);
    side.changed(TaskSideFiles.STOPS);
    side.readChanged(checkpoints);
    assertEquals(SideFacts.NONE, side.facts(), "over " + TaskSideFiles.MAX_BYTES + " bytes");

    writeHealth(entry);
    side.readChanged(checkpoints);
    assertTrue(side.facts().health("web", 0).isPresent(), "a good file afterwards is read");
  }
}
