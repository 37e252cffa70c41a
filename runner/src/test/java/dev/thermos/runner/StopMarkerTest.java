package dev.thermos.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.thermos.gen.TaskState;
import dev.thermos.posix.LibC;
import dev.thermos.posix.UnsafePathException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
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

  @Test
  void linksAtTheStopFileAndItsTemporaryNameAreReplacedNeverWrittenThrough() throws Exception {
    Path outside = Files.writeString(dir.resolve("outside"), "precious\n");
    Path ckpt = Files.createDirectories(dir.resolve("checkpoints/t"));
    Files.createSymbolicLink(ckpt.resolve("runner.stop"), outside);
    Files.createSymbolicLink(ckpt.resolve(".runner.stop.tmp"), outside);
    StopMarker marker = new StopMarker(ckpt.resolve("runner.stop"));

    marker.write(new StopMarker.Stop(TaskState.KILLED, true));

    assertEquals("precious\n", Files.readString(outside));
    assertEquals(Optional.of(new StopMarker.Stop(TaskState.KILLED, true)), marker.read());
  }

  @Test
  void aLinkedStopFileIsRefusedNotRead() throws Exception {
    Path outside = Files.writeString(dir.resolve("outside"), "LOST now\n");
    Path ckpt = Files.createDirectories(dir.resolve("checkpoints/t"));
    Files.createSymbolicLink(ckpt.resolve("runner.stop"), outside);
    assertThrows(UnsafePathException.class, () -> new StopMarker(ckpt.resolve("runner.stop")).read());
  }

  @Test
  @Timeout(value = 20, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void aFifoStopFileIsRefusedWithoutBlocking() throws Exception {
    Path ckpt = Files.createDirectories(dir.resolve("checkpoints/t"));
    LibC.mkfifo(LibC.cPath(ckpt.resolve("runner.stop").toString()), 0644);
    assertThrows(UnsafePathException.class, () -> new StopMarker(ckpt.resolve("runner.stop")).read());
  }

  @Test
  void aLinkedCheckpointDirectoryIsRefusedAndNothingIsWrittenInItsTarget() throws Exception {
    Path outside = Files.createDirectories(dir.resolve("outside"));
    Files.createDirectories(dir.resolve("checkpoints"));
    Path ckpt = Files.createSymbolicLink(dir.resolve("checkpoints/t"), outside);
    StopMarker marker = new StopMarker(ckpt.resolve("runner.stop"));
    assertThrows(UnsafePathException.class,
        () -> marker.write(new StopMarker.Stop(TaskState.KILLED, false)));
    try (var files = Files.list(outside)) {
      assertEquals(0, files.count());
    }
  }
}
