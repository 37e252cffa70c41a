package dev.thermos.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.thermos.gen.TaskState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StopMarkerTest {
  @TempDir Path dir;

  @Test
  void noFileMeansNoStop() throws Exception {
    assertEquals(Optional.empty(), new StopMarker(dir.resolve("runner.stop")).read());
  }

  @Test
  void aWrittenStopReadsBackAndReplacesTheEarlierOne() throws Exception {
    StopMarker marker = new StopMarker(dir.resolve("runner.stop"));
    marker.write(new StopMarker.Stop(TaskState.KILLED, false));
    assertEquals(Optional.of(new StopMarker.Stop(TaskState.KILLED, false)), marker.read());
    marker.write(new StopMarker.Stop(TaskState.LOST, true));
    assertEquals(Optional.of(new StopMarker.Stop(TaskState.LOST, true)), marker.read());
    assertEquals("LOST now\n", Files.readString(dir.resolve("runner.stop")));
    try (var files = Files.list(dir)) {
      assertEquals(1, files.count(), "no temporary file is left behind");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "KILLED", "KILLED soon", "SUCCESS now", "RUNNING graceful",
      "KILLED now extra", "garbage"})
  void aMalformedFileIsAnErrorNamingIt(String text) throws Exception {
    Path file = dir.resolve("runner.stop");
    Files.writeString(file, text);
    IOException e = assertThrows(IOException.class, () -> new StopMarker(file).read());
    assertEquals(file + ": not a stop request: \"" + text + "\"", e.getMessage());
    assertEquals(false, new Stops(new StopMarker(file)).resume(), "a runner ignores it");
  }

  @Test
  void onlyKilledAndLostAreStops() {
    assertThrows(IllegalArgumentException.class,
        () -> new StopMarker.Stop(TaskState.SUCCESS, false));
  }

  @Test
  void stopsNeverSoftenAndRecordEachChange() throws Exception {
    StopMarker marker = new StopMarker(dir.resolve("runner.stop"));
    Stops stops = new Stops(marker);
    stops.request(StopRequest.KILL);
    assertEquals(Optional.of(new StopMarker.Stop(TaskState.KILLED, false)), marker.read());
    stops.request(StopRequest.LOSE);
    stops.request(StopRequest.KILL);
    assertEquals(TaskState.LOST, stops.forcedEnd());
    assertEquals(true, stops.now());
    assertEquals(Optional.of(new StopMarker.Stop(TaskState.LOST, true)), marker.read());
    Stops resumed = new Stops(marker);
    assertEquals(true, resumed.resume());
    assertEquals(TaskState.LOST, resumed.forcedEnd());
  }
}
