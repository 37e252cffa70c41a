package dev.thermos.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.thermos.control.ControlRequest.Verb;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The request file of the control verbs, with no runner and no processes. */
class ControlLogTest {
  @TempDir Path dir;

  private static ControlRequest request(Verb verb, String process, String signal) {
    return ControlRequest.of(verb, process, signal, -1, 1764650000.25, "id-" + verb);
  }

  @Test
  void requestsRoundTripWithTheirPlaceInTheFile() throws IOException {
    ControlLog log = new ControlLog(dir);
    long first = log.append(request(Verb.HOLD, null, null));
    long second = log.append(request(Verb.SIGNAL, "web \"x\"", "HUP"));
    List<ControlRequest> all = log.readAll();
    assertEquals(2, all.size());
    assertEquals(Verb.HOLD, all.get(0).verb());
    assertEquals(0, all.get(0).offset());
    assertEquals(first, all.get(0).end());
    assertEquals(first, all.get(1).offset());
    assertEquals(second, all.get(1).end());
    assertEquals("web \"x\"", all.get(1).process());
    assertEquals("HUP", all.get(1).signal());
    assertEquals(1764650000.25, all.get(1).atSecs());
    assertEquals(second, Files.size(dir.resolve(ControlLog.NAME)));
  }

  @Test
  void anUpdateCarriesItsTaskOnOneLine() throws IOException {
    ControlLog log = new ControlLog(dir);
    String task = "{\"name\": \"t\",\n \"processes\": [{\"name\": \"a\", \"cmdline\": \"echo \\\"hi\\\"\"}]}";
    log.append(ControlRequest.update(task, "{\"t\": 1}", 5, "u"));
    assertEquals(1, Files.readAllLines(dir.resolve(ControlLog.NAME)).size());
    ControlRequest read = log.readAll().get(0);
    assertEquals(Verb.UPDATE, read.verb());
    assertEquals(task, read.task());
    assertEquals("{\"t\": 1}", read.template());
    assertNull(ControlLog.parse("{\"verb\": \"update\"}"), "an update needs its task");
  }

  @Test
  void aReadFromAnOffsetGivesOnlyTheLaterRequests() throws IOException {
    ControlLog log = new ControlLog(dir);
    long first = log.append(request(Verb.HOLD, null, null));
    log.append(request(Verb.RESTART, "web", null));
    ControlLog.Batch batch = log.read(first);
    assertEquals(List.of(Verb.RESTART), batch.requests().stream().map(ControlRequest::verb)
        .toList());
    assertEquals(Files.size(dir.resolve(ControlLog.NAME)), batch.end());
    assertTrue(log.read(batch.end()).requests().isEmpty());
  }

  @Test
  void aTornLastLineIsNotReadAndTheNextRequestStartsOnALineOfItsOwn() throws IOException {
    ControlLog log = new ControlLog(dir);
    long first = log.append(request(Verb.HOLD, null, null));
    Files.writeString(dir.resolve(ControlLog.NAME), "{\"verb\": \"rele",
        StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    ControlLog.Batch torn = log.read(0);
    assertEquals(1, torn.requests().size());
    assertEquals(first, torn.end(), "the next read starts at the torn line");
    log.append(request(Verb.DRAIN, null, null));
    List<ControlRequest> all = log.readAll();
    assertEquals(List.of(Verb.HOLD, Verb.DRAIN), all.stream().map(ControlRequest::verb).toList());
  }

  @Test
  void linesThatAreNoRequestAreSkipped() throws IOException {
    Files.writeString(dir.resolve(ControlLog.NAME), String.join("\n",
        "not json", "{\"verb\": \"explode\"}", "{\"verb\": \"restart\"}",
        "{\"verb\": \"signal\", \"process\": \"web\"}", "[1]", "{\"verb\": \"hold\"} trailing",
        "{\"verb\": \"release\", \"at\": 3}", ""));
    List<ControlRequest> all = new ControlLog(dir).readAll();
    assertEquals(List.of(Verb.RELEASE), all.stream().map(ControlRequest::verb).toList());
  }

  @Test
  void aLinkInPlaceOfTheFileIsRefusedForReadingAndWriting() throws IOException {
    Path target = Files.writeString(dir.resolve("elsewhere"), "");
    Files.createSymbolicLink(dir.resolve(ControlLog.NAME), target);
    ControlLog log = new ControlLog(dir);
    assertThrows(IOException.class, log::readAll);
    assertThrows(IOException.class, () -> log.append(request(Verb.HOLD, null, null)));
    assertEquals("", Files.readString(target), "nothing written through the link");
  }

  @Test
  void aLinkedCheckpointDirectoryIsRefused() throws IOException {
    Path real = Files.createDirectory(dir.resolve("real"));
    Path link = Files.createSymbolicLink(dir.resolve("link"), real);
    assertThrows(IOException.class,
        () -> new ControlLog(link).append(request(Verb.HOLD, null, null)));
    assertFalse(Files.exists(real.resolve(ControlLog.NAME)));
  }

  @Test
  void noFileMeansNoRequestAndNothingDone() throws IOException {
    ControlLog log = new ControlLog(dir);
    assertTrue(log.readAll().isEmpty());
    assertEquals(0, log.readDone());
    log.writeDone(42);
    assertEquals(42, log.readDone());
  }

  @Test
  void theLastOfHoldAndReleaseWinsAndADrainStaysWithItsEarliestEnd() {
    ControlState s = ControlState.of(List.of(
        request(Verb.HOLD, null, null), request(Verb.RELEASE, null, null),
        request(Verb.HOLD, null, null), request(Verb.RESTART, "web", null)));
    assertTrue(s.held());
    assertFalse(s.draining());
    s = s.apply(request(Verb.RELEASE, null, null));
    assertFalse(s.held());
    assertFalse(s.launchesStopped());
    s = s.apply(ControlRequest.of(Verb.DRAIN, null, null, 30, 100, "a"));
    s = s.apply(ControlRequest.of(Verb.DRAIN, null, null, 5, 110, "b"));
    s = s.apply(ControlRequest.of(Verb.DRAIN, null, null, -1, 120, "c"));
    s = s.apply(request(Verb.RELEASE, null, null));
    assertTrue(s.draining());
    assertTrue(s.launchesStopped());
    assertEquals(115, s.drainEndSecs());
    assertNull(ControlLog.parse("{\"verb\": \"drain\", \"timeout\": \"x\"}"));
  }
}
