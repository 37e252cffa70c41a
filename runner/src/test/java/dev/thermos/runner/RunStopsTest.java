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
  @TempDir Path dir;
  private final List<String> sent = new ArrayList<>();
  private final List<StopSignal> ladder = List.of(StopSignal.of("INT", 5), StopSignal.of("TERM", 10));

  private final RunStops.Signals signals = new RunStops.Signals() {
    @Override
    public void flagFailure(int coordinatorPid) {
      sent.add("flag " + coordinatorPid);
    }

    @Override
    public void signalRun(int coordinatorPid, int signal) {
      sent.add(signal + " " + coordinatorPid);
    }

    @Override
    public void killRun(int coordinatorPid) {
      sent.add("KILL " + coordinatorPid);
    }
  };

  private StopJournal journal() {
    return new StopJournal(dir);
  }

  @Test
  void eachStepWaitsForThePreviousOnesWaitAndIsJournaledBeforeItsSignal() throws Exception {
    RunStops stops = new RunStops(journal(), signals);
    stops.begin("web", 2, 100, StopJournal.Reason.TIMEOUT, ladder, 1000);
    assertEquals(List.of("flag 100", "2 100"), sent, "the failure word, then INT at once");
    assertEquals(1005, stops.nextDueSecs());
    stops.advance(1004.9);
    assertEquals(2, sent.size());
    stops.advance(1005);
    assertEquals("15 100", sent.get(2));
    assertEquals(1015, stops.nextDueSecs());
    stops.advance(1015);
    assertEquals("KILL 100", sent.get(3));
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
    stops.begin("web", 0, 100, StopJournal.Reason.TASK_END, ladder, 0);
    stops.begin("web", 0, 100, StopJournal.Reason.UNHEALTHY, ladder, 1);
    assertEquals(List.of("2 100"), sent);
    assertEquals(StopJournal.Reason.TASK_END, stops.reason("web"));
    stops.ended("web");
    assertFalse(stops.isStopping("web"));
  }

  @Test
  void anEmptyLadderIsSigkillAtOnce() {
    RunStops stops = new RunStops(journal(), signals);
    stops.begin("web", 0, 7, StopJournal.Reason.TASK_END, List.of(), 0);
    assertEquals(List.of("KILL 7"), sent);
  }

  @Test
  void aRestartedRunnerGoesOnFromTheLastJournaledStepSendingItAgain() throws Exception {
    RunStops first = new RunStops(journal(), signals);
    first.begin("web", 3, 100, StopJournal.Reason.UNHEALTHY, ladder, 1000);
    first.advance(1005);  // INT, TERM written; the runner dies here
    sent.clear();
    RunStops second = new RunStops(journal(), signals);
    assertTrue(second.resume("web", 3, 200, journal().read(), reason -> ladder));
    assertEquals(List.of("flag 200", "15 200"), sent, "the word again, TERM again");
    assertEquals(1015, second.nextDueSecs(), "KILL 10 s after the TERM, not after the restart");
    assertFalse(second.resume("db", 0, 300, journal().read(), reason -> ladder),
        "no entry for db");
    assertFalse(new RunStops(journal(), signals).resume("web", 4, 200, journal().read(),
        reason -> ladder), "entries of an earlier run do not stop a later one");
  }

  @Test
  void aTornLastLineIsSkipped() throws Exception {
    new RunStops(journal(), signals).begin("web", 0, 1, StopJournal.Reason.TIMEOUT, ladder, 0);
    java.nio.file.Files.writeString(dir.resolve("stops.jsonl"), "{\"process\": \"web\", \"ru",
        java.nio.file.StandardOpenOption.APPEND);
    assertEquals(1, journal().read().size());
  }

  @Test
  void aLinkedJournalIsRefusedNotFollowed() throws Exception {
    Path elsewhere = java.nio.file.Files.writeString(dir.resolveSibling("elsewhere"), "x");
    java.nio.file.Files.createSymbolicLink(dir.resolve("stops.jsonl"), elsewhere);
    org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class,
        () -> journal().read());
    new RunStops(journal(), signals).begin("web", 0, 1, StopJournal.Reason.TIMEOUT, ladder, 0);
    assertEquals("x", java.nio.file.Files.readString(elsewhere), "never written through");
    assertEquals(List.of("flag 1", "2 1"), sent, "the run is stopped all the same");
  }
}
