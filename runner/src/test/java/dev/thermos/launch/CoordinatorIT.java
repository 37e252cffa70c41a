package dev.thermos.launch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.thermos.format.CheckpointWriter;
import dev.thermos.format.RecordEncoder;
import dev.thermos.format.Records;
import dev.thermos.gen.ProcessState;
import dev.thermos.gen.ProcessStatus;
import dev.thermos.posix.LibC;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The native coordinator with real processes: what it records in the checkpoint, and when. */
class CoordinatorIT {
  @TempDir Path root;
  private Runs runs;

  @BeforeEach
  void setUp() {
    runs = new Runs(root);
  }

  @Test
  void aSuccessfulRunRecordsForkedRunningAndSuccessWithAuroraBytes() throws Exception {
    LaunchSpec spec = runs.spec("hello", 4, "echo $$");
    double before = now();
    Process coordinator = Runs.launch(spec);
    assertEquals(CoordinatorExit.OK, Runs.await(coordinator));
    double after = now() + 0.002;

    List<ProcessStatus> records = Runs.records(spec.checkpoint());
    assertEquals(3, records.size());
    ProcessStatus forked = records.get(0);
    ProcessStatus running = records.get(1);
    ProcessStatus ended = records.get(2);
    assertEquals(List.of(4L, 5L, 6L), records.stream().map(ProcessStatus::getSeq).toList());
    assertEquals(List.of(ProcessState.FORKED, ProcessState.RUNNING, ProcessState.SUCCESS),
        records.stream().map(ProcessStatus::getState).toList());
    assertEquals((int) coordinator.pid(), forked.getCoordinatorPid());
    assertEquals(Runs.read(spec.stdout()).trim(), Integer.toString(running.getPid()));
    assertEquals(0, ended.getReturnCode());
    assertTrue(before <= forked.getForkTime() && forked.getForkTime() <= running.getStartTime());
    assertTrue(running.getStartTime() <= ended.getStopTime() && ended.getStopTime() <= after);

    RecordEncoder encoder = new RecordEncoder();
    ByteArrayOutputStream expected = new ByteArrayOutputStream();
    expected.write(encoder.frame(Records.forked("hello", 4, forked.getForkTime(),
        forked.getCoordinatorPid())));
    expected.write(encoder.frame(Records.running("hello", 5, running.getStartTime(),
        running.getPid())));
    expected.write(encoder.frame(Records.ended("hello", 6, ProcessState.SUCCESS,
        ended.getStopTime(), 0)));
    assertArrayEquals(expected.toByteArray(), Files.readAllBytes(spec.checkpoint()));
  }

  @Test
  void aNonZeroExitIsRecordedAsFailedWithItsCode() throws Exception {
    LaunchSpec spec = runs.spec("fails", 0, "exit 3");
    assertEquals(CoordinatorExit.OK, Runs.run(spec));
    ProcessStatus ended = Runs.records(spec.checkpoint()).get(2);
    assertEquals(ProcessState.FAILED, ended.getState());
    assertEquals(3, ended.getReturnCode());
    assertArrayEquals(new RecordEncoder().frame(Records.ended("fails", 2, ProcessState.FAILED,
        ended.getStopTime(), 3)), tail(spec.checkpoint(), 2));
  }

  @ParameterizedTest(name = "kill -{0}")
  @CsvSource({"9, -9", "15, -15"})
  void aSignalledChildIsRecordedAsKilled(int signal, int returnCode) throws Exception {
    LaunchSpec spec = runs.spec("signalled", 0, "kill -" + signal + " $$; sleep 30");
    assertEquals(CoordinatorExit.OK, Runs.run(spec));
    ProcessStatus ended = Runs.records(spec.checkpoint()).get(2);
    assertEquals(ProcessState.KILLED, ended.getState());
    assertEquals(returnCode, ended.getReturnCode());
  }

  @Test
  void aSigtermToTheWholeGroupKillsTheChildButTheCoordinatorRecordsIt() throws Exception {
    LaunchSpec spec = runs.spec("group", 0, "sleep 30");
    Process coordinator = Runs.launch(spec);
    Runs.awaitRecords(spec.checkpoint(), 2);
    LibC.kill(-(int) coordinator.pid(), LibC.SIGTERM);
    assertEquals(CoordinatorExit.OK, Runs.await(coordinator));
    ProcessStatus ended = Runs.records(spec.checkpoint()).get(2);
    assertEquals(ProcessState.KILLED, ended.getState());
    assertEquals(-15, ended.getReturnCode());
  }

  @Test
  void aCheckpointLockedByAnotherProcessIsLeftUntouched() throws Exception {
    LaunchSpec spec = runs.spec("locked", 0, "touch ran");
    Files.createDirectories(spec.checkpoint().getParent());
    try (CheckpointWriter holder = CheckpointWriter.open(spec.checkpoint())) {
      holder.append(Records.waiting("locked", 0));
      byte[] before = Files.readAllBytes(spec.checkpoint());
      assertEquals(CoordinatorExit.LOCKED, Runs.run(spec));
      assertArrayEquals(before, Files.readAllBytes(spec.checkpoint()));
    }
    assertFalse(Files.exists(spec.sandbox().resolve("ran")), "the command did not run");
  }

  @Test
  void aTornTailIsCutBeforeAppending() throws Exception {
    LaunchSpec spec = runs.spec("torn", 1, "true");
    Files.createDirectories(spec.checkpoint().getParent());
    byte[] waiting = new RecordEncoder().frame(Records.waiting("torn", 0));
    Files.write(spec.checkpoint(), waiting);
    Files.write(spec.checkpoint(), Arrays.copyOf(waiting, 9), StandardOpenOption.APPEND);
    assertEquals(CoordinatorExit.OK, Runs.run(spec));
    List<ProcessStatus> records = Runs.records(spec.checkpoint());
    assertEquals(List.of(0L, 1L, 2L, 3L), records.stream().map(ProcessStatus::getSeq).toList());
    assertArrayEquals(waiting, Arrays.copyOf(Files.readAllBytes(spec.checkpoint()), waiting.length));
  }

  @Test
  void aSecondRunAppendsToTheSameFileAndContinuesTheSequence() throws Exception {
    assertEquals(CoordinatorExit.OK, Runs.run(runs.spec("twice", 0, "exit 1")));
    assertEquals(CoordinatorExit.OK, Runs.run(runs.spec("twice", 3, "true")));
    List<ProcessStatus> records = Runs.records(runs.checkpoint("twice"));
    assertEquals(List.of(0L, 1L, 2L, 3L, 4L, 5L),
        records.stream().map(ProcessStatus::getSeq).toList());
    assertEquals(ProcessState.FAILED, records.get(2).getState());
    assertEquals(ProcessState.SUCCESS, records.get(5).getState());
    assertTrue(records.get(0).getCoordinatorPid() != records.get(3).getCoordinatorPid());
  }

  @Test
  void theCommandRunsInTheSandbox() throws Exception {
    LaunchSpec spec = runs.spec("cwd", 0, "pwd");
    assertEquals(CoordinatorExit.OK, Runs.run(spec));
    assertEquals(spec.sandbox().toRealPath().toString(), Runs.read(spec.stdout()).trim());
  }

  @Test
  void theCommandGetsExactlyTheGivenEnvironment() throws Exception {
    // Builtins only, so /proc/$$/environ is what bash was started with.
    LaunchSpec spec = runs.spec("env", 0,
        "while IFS= read -r -d '' v; do printf '%s\\n' \"$v\"; done < /proc/$$/environ");
    assertEquals(CoordinatorExit.OK, Runs.run(spec));
    List<String> expected = Runs.ENV.entrySet().stream()
        .map(e -> e.getKey() + "=" + e.getValue()).sorted().toList();
    assertEquals(expected, Runs.read(spec.stdout()).lines().sorted().toList());
  }

  @Test
  void aMissingSandboxIsASetupErrorThatNamesItAndCreatesNothing() throws Exception {
    Path missing = root.resolve("missing");
    LaunchSpec spec = new LaunchSpec(runs.checkpoint("nosandbox"), "nosandbox", 0, missing,
        missing.resolve(".logs/nosandbox/0/stdout"), missing.resolve(".logs/nosandbox/0/stderr"),
        LogSpec.standardFiles(), "touch " + root.resolve("ran"), Runs.ENV);
    Runs.Outcome outcome = Runs.runCapturingStderr(spec);
    assertEquals(CoordinatorExit.SETUP_ERROR, outcome.exitCode());
    assertEquals("thermos-coordinator: " + missing + ": No such file or directory\n",
        outcome.stderr());
    assertEquals(0, Files.size(spec.checkpoint()), "nothing recorded");
    assertFalse(Files.exists(missing), "the sandbox is not created");
    assertFalse(Files.exists(root.resolve("ran")), "the command did not run");
  }

  @ParameterizedTest(name = "{0} characters")
  @ValueSource(ints = {3_000, 100_000})
  void aLongProcessNameIsRecordedWhole(int length) throws Exception {
    String name = "n".repeat(length);
    Path sandbox = runs.sandbox();
    LaunchSpec spec = new LaunchSpec(runs.checkpoint("long"), name, 0, sandbox,
        sandbox.resolve(".logs/long/0/stdout"), sandbox.resolve(".logs/long/0/stderr"),
        LogSpec.standardFiles(), "exit 4", Runs.ENV);
    assertEquals(CoordinatorExit.OK, Runs.run(spec));
    List<ProcessStatus> records = Runs.records(spec.checkpoint());
    assertEquals(List.of(ProcessState.FORKED, ProcessState.RUNNING, ProcessState.FAILED),
        records.stream().map(ProcessStatus::getState).toList());
    assertTrue(records.stream().allMatch(r -> r.getProcess().equals(name)), "the whole name");
    assertEquals(4, records.get(2).getReturnCode());
  }

  @Test
  void anOrphanOfTheRunBecomesTheCoordinatorsChild() throws Exception {
    LaunchSpec spec = runs.spec("orphans", 0, "(sleep 30 & echo $! > orphan.pid); exec sleep 30");
    Process coordinator = Runs.launch(spec);
    try {
      Path pidFile = spec.sandbox().resolve("orphan.pid");
      Runs.awaitRecords(spec.checkpoint(), 2);
      long deadline = System.nanoTime() + Runs.DEADLINE.toNanos();
      while (!Files.exists(pidFile) || Files.readString(pidFile).isBlank()) {
        assertTrue(System.nanoTime() < deadline, "no " + pidFile);
        Thread.sleep(5);
      }
      int orphan = Integer.parseInt(Files.readString(pidFile).trim());
      // The pid file is written before the subshell exits: until then the subshell is the parent.
      long parent;
      while ((parent = ProcessHandle.of(orphan).orElseThrow().parent().orElseThrow().pid())
          != coordinator.pid() && System.nanoTime() < deadline) {
        Thread.sleep(5);
      }
      assertEquals(coordinator.pid(), parent, "the orphan's parent");
    } finally {
      LibC.kill(-(int) coordinator.pid(), LibC.SIGTERM);
    }
    assertEquals(CoordinatorExit.OK, Runs.await(coordinator));
    assertEquals(ProcessState.KILLED, Runs.records(spec.checkpoint()).get(2).getState());
  }

  @Test
  void closedStandardDescriptorsAreOpenedSoThatNoFileTakesTheirPlace() throws Exception {
    LaunchSpec spec = runs.spec("closed", 0, "echo out; echo err >&2",
        new LogSpec(LogSpec.Destination.BOTH, LogSpec.Mode.STANDARD, LogSpec.DEFAULT_LOG_SIZE, 0));
    CoordinatorLauncher.createDirectories(spec);
    List<String> argv = new java.util.ArrayList<>(List.of("/bin/sh", "-c",
        "exec \"$@\" <&- >&- 2>&-", "sh"));
    argv.addAll(CoordinatorLauncher.located().command(spec));
    ProcessBuilder builder = new ProcessBuilder(argv);
    builder.environment().clear();
    builder.environment().putAll(spec.environment());
    assertEquals(CoordinatorExit.OK, Runs.await(builder.start()));
    assertEquals(List.of(ProcessState.FORKED, ProcessState.RUNNING, ProcessState.SUCCESS),
        Runs.records(spec.checkpoint()).stream().map(ProcessStatus::getState).toList());
    assertEquals("out\n", Runs.read(spec.stdout()));
    assertEquals("err\n", Runs.read(spec.stderr()));
  }

  @Test
  void anUnknownOptionIsASetupErrorThatWritesNothing() throws Exception {
    Path checkpoint = runs.checkpoint("bad");
    ProcessBuilder builder = new ProcessBuilder(CoordinatorBinary.locate().toString(),
        "--ckpt", checkpoint.toString(), "--bogus", "1", "--", "true");
    builder.redirectErrorStream(true);
    Process coordinator = builder.start();
    String message = new String(coordinator.getInputStream().readAllBytes());
    assertEquals(CoordinatorExit.SETUP_ERROR, Runs.await(coordinator));
    assertTrue(message.contains("usage"), message);
    assertFalse(Files.exists(checkpoint));
  }

  private static byte[] tail(Path file, int recordIndex) throws Exception {
    byte[] all = Files.readAllBytes(file);
    int offset = 0;
    for (int i = 0; i < recordIndex; i++) {
      offset += 4 + java.nio.ByteBuffer.wrap(all, offset, 4).getInt();
    }
    return Arrays.copyOfRange(all, offset, all.length);
  }

  private static double now() {
    return System.currentTimeMillis() / 1000.0 - 0.001;
  }

  @Test
  void theCoordinatorSurvivesEverySignalAStopLadderMaySendAndRecordsTheChildsEnd()
      throws Exception {
    LaunchSpec spec = runs.spec("ladder", 0, "exec sleep 30");
    Process coordinator = Runs.launch(spec);
    Runs.awaitRecords(spec.checkpoint(), 2);
    for (dev.thermos.config.StopSignal s : dev.thermos.config.StopSignal.all()) {
      LibC.kill((int) coordinator.pid(), s.number());  // the coordinator alone
    }
    LibC.kill(-(int) coordinator.pid(), LibC.SIGTERM);  // then the group: the child ends
    assertEquals(CoordinatorExit.OK, Runs.await(coordinator), "killed by one of them?");
    ProcessStatus end = Runs.records(spec.checkpoint()).get(2);
    assertEquals(ProcessState.KILLED, end.getState());
    assertEquals(-15, end.getReturnCode());
  }

  @Test
  void signal40MakesTheEndFailedWhateverEndsTheChild() throws Exception {
    LaunchSpec spec = runs.spec("failed", 0, "exec sleep 30");
    Process coordinator = Runs.launch(spec);
    Runs.awaitRecords(spec.checkpoint(), 2);
    LibC.kill((int) coordinator.pid(), 40);
    LibC.kill(-(int) coordinator.pid(), LibC.SIGTERM);
    assertEquals(CoordinatorExit.OK, Runs.await(coordinator));
    ProcessStatus end = Runs.records(spec.checkpoint()).get(2);
    assertEquals(ProcessState.FAILED, end.getState(), "stopped as a failure");
    assertEquals(-15, end.getReturnCode(), "the signal that ended it, kept");
  }
}
