package dev.thermos.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.thermos.config.StopSignal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The stop ladder's bookkeeping: steps on time, journaled first, resumed from the journal. */
class RunStopsTest {
  @TempDir Path tmp;
  private Path dir;
  private final List<String> sent = new ArrayList<>();
  private final List<StopSignal> ladder =
      List.of(StopSignal.of("INT", 5), StopSignal.of("TERM", 10));

  @org.junit.jupiter.api.BeforeEach
  void checkpointDir() throws Exception {
    dir = java.nio.file.Files.createDirectories(tmp.resolve("checkpoints/t"));
  }

  /** How many journal entries there are when a signal goes out: each is written before. */
  private int journaled() {
    try {
      return journal().read().size();
    } catch (java.io.IOException e) {
      return -1;
    }
  }

  private final RunStops.Signals signals = new RunStops.Signals() {
    @Override
    public void flag(int coordinatorPid, double forkSecs, int word) {
      sent.add((word == RunStops.FAILURE_FLAG ? "flag " : "word " + word + " ") + coordinatorPid
          + " after " + journaled());
    }

    @Override
    public void signalRun(int coordinatorPid, double forkSecs, int signal) {
      sent.add(signal + " " + coordinatorPid + " after " + journaled());
    }

    @Override
    public void killRun(int coordinatorPid) {
      sent.add("KILL " + coordinatorPid + " after " + journaled());
    }
  };

  private StopJournal journal() {
    return new StopJournal(dir);
  }

  @Test
  void eachStepWaitsForThePreviousOnesWaitAndIsJournaledBeforeItsSignal() throws Exception {
    RunStops stops = new RunStops(journal(), signals);
    stops.begin("web", 2, 100, Double.NaN, StopJournal.Reason.TIMEOUT, ladder, 1000);
    assertEquals(List.of("flag 100 after 1", "2 100 after 1"), sent,
        "INT journaled, then the failure word, then INT at once");
    assertEquals(1005, stops.nextDueSecs());
    stops.advance(1004.9);
    assertEquals(2, sent.size());
    stops.advance(1005);
    assertEquals("15 100 after 2", sent.get(2));
    assertEquals(1015, stops.nextDueSecs());
    stops.advance(1015);
    assertEquals("KILL 100 after 3", sent.get(3));
    assertEquals(Double.POSITIVE_INFINITY, stops.nextDueSecs());
    List<StopJournal.Entry> written = journal().read();
    assertEquals(List.of("INT", "TERM", "KILL"),
        written.stream().map(StopJournal.Entry::signal).toList());
    assertEquals(new StopJournal.Entry("web", 2, StopJournal.Reason.TIMEOUT, 1, "TERM", 1005),
        written.get(1));
  }

  @Test
  void aTaskEndStopSendsNoFailureWordAndASecondStopKeepsTheFirstReason() {
    RunStops stops = new RunStops(journal(), signals);
    stops.begin("web", 0, 100, Double.NaN, StopJournal.Reason.TASK_END, ladder, 0);
    stops.begin("web", 0, 100, Double.NaN, StopJournal.Reason.UNHEALTHY, ladder, 1);
    assertEquals(List.of("2 100 after 1"), sent);
    assertEquals(StopJournal.Reason.TASK_END, stops.reason("web"));
    stops.ended("web");
    assertFalse(stops.isStopping("web"));
  }

  @Test
  void anEmptyLadderIsSigkillAtOnce() {
    RunStops stops = new RunStops(journal(), signals);
    stops.begin("web", 0, 7, Double.NaN, StopJournal.Reason.TASK_END, List.of(), 0);
    assertEquals(List.of("KILL 7 after 1"), sent);
  }

  @Test
  void aRestartedRunnerGoesOnFromTheLastJournaledStepSendingItAgain() throws Exception {
    RunStops first = new RunStops(journal(), signals);
    first.begin("web", 3, 100, Double.NaN, StopJournal.Reason.UNHEALTHY, ladder, 1000);
    first.advance(1005);  // INT, TERM written; the runner dies here
    sent.clear();
    RunStops second = new RunStops(journal(), signals);
    assertTrue(second.resume("web", 3, 200, Double.NaN, journal().read(), reason -> ladder));
    assertEquals(List.of("flag 200 after 2", "15 200 after 2"), sent,
        "the word again, TERM again, nothing journaled again");
    assertEquals(1015, second.nextDueSecs(), "KILL 10 s after the TERM, not after the restart");
    assertFalse(second.resume("db", 0, 300, Double.NaN, journal().read(), reason -> ladder),
        "no entry for db");
    assertFalse(new RunStops(journal(), signals).resume("web", 4, 200, Double.NaN, journal().read(),
        reason -> ladder), "entries of an earlier run do not stop a later one");
  }

  @Test
  void aTornLastLineIsSkippedAndDoesNotSwallowTheNextEntry() throws Exception {
    RunStops stops = new RunStops(journal(), signals);
    stops.begin("web", 0, 1, Double.NaN, StopJournal.Reason.TIMEOUT, ladder, 0);
    java.nio.file.Files.writeString(dir.resolve("stops.jsonl"), "{\"process\": \"web\", \"ru",
        java.nio.file.StandardOpenOption.APPEND);
    assertEquals(1, journal().read().size());
    stops.advance(5);
    assertEquals(List.of("INT", "TERM"), journal().read().stream()
        .map(StopJournal.Entry::signal).toList());
  }

  @Test
  void entriesWithANegativeStepOrRunAreIgnored() throws Exception {
    java.nio.file.Files.writeString(dir.resolve("stops.jsonl"), "{\"process\": \"web\", \"run\":"
        + " 0, \"reason\": \"timeout\", \"step\": -1, \"signal\": \"INT\", \"at\": 1}\n");
    assertEquals(List.of(), journal().read());
    assertFalse(new RunStops(journal(), signals).resume("web", 0, 5, Double.NaN, journal().read(),
        reason -> ladder));
  }

  @Test
  void aLinkedJournalIsRefusedNotFollowed() throws Exception {
    Path elsewhere = java.nio.file.Files.writeString(tmp.resolve("elsewhere"), "x");
    java.nio.file.Files.createSymbolicLink(dir.resolve("stops.jsonl"), elsewhere);
    org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class,
        () -> journal().read());
    new RunStops(journal(), signals).begin("web", 0, 1, Double.NaN, StopJournal.Reason.TIMEOUT,
        ladder, 0);
    assertEquals("x", java.nio.file.Files.readString(elsewhere), "never written through");
    assertEquals(List.of("flag 1 after -1", "2 1 after -1"), sent,
        "the run is stopped all the same");
  }
}
