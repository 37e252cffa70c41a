package dev.thermos.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.thermos.format.CheckpointReader;
import dev.thermos.format.CheckpointReplay;
import dev.thermos.format.TaskPaths;
import dev.thermos.gen.ProcessStatus;
import dev.thermos.gen.RunnerCkpt;
import dev.thermos.gen.RunnerState;
import dev.thermos.gen.TaskState;
import dev.thermos.gen.TaskStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a finished task left on disk: its end, the runner checkpoint's records and their replay,
 * and compact renderings for assertions: a task status is its state ({@code ACTIVE}), the header
 * is {@code header}, a process record is {@code name:seq/STATE}, with {@code =rc} when it has a
 * return code ({@code echo:3/SUCCESS=0}).
 */
record TaskResult(TaskState end, RunnerState state, List<RunnerCkpt> records, Path root,
    String taskId, Path sandbox) {

  static TaskResult read(Path root, String taskId, Path sandbox, TaskState end)
      throws IOException {
    Path file = new TaskPaths(root).runnerCheckpoint(taskId);
    return new TaskResult(end, CheckpointReplay.replay(file).state(), readAll(file), root, taskId,
        sandbox);
  }

  static List<RunnerCkpt> readAll(Path file) throws IOException {
    List<RunnerCkpt> out = new ArrayList<>();
    try (CheckpointReader reader = CheckpointReader.open(file)) {
      for (RunnerCkpt r = reader.next(); r != null; r = reader.next()) {
        out.add(r);
      }
    }
    return out;
  }

  /** Every record, compact, space-separated. */
  String sequence() {
    return compact(records);
  }

  /** Task statuses and the records of {@code processes} only (others interleave freely). */
  String sequence(String... processes) {
    Set<String> keep = Set.of(processes);
    return compact(records.stream().filter(r -> !r.isSetProcessStatus()
        || keep.contains(r.getProcessStatus().getProcess())).toList());
  }

  /** The records of {@code process} only. */
  String processSequence(String process) {
    return compact(records.stream().filter(r -> r.isSetProcessStatus()
        && r.getProcessStatus().getProcess().equals(process)).toList());
  }

  /** The task statuses only. */
  String taskStates() {
    return compact(records.stream().filter(RunnerCkpt::isSetTaskStatus).toList());
  }

  /** The runs of {@code process} as replayed (oldest first); empty when it never ran. */
  List<ProcessStatus> runs(String process) {
    return state.getProcesses().getOrDefault(process, List.of());
  }

  /** The replayed task status in {@code state} (the first one). */
  TaskStatus status(TaskState wanted) {
    return state.getStatuses().stream().filter(s -> s.getState() == wanted).findFirst()
        .orElseThrow(() -> new AssertionError("no " + wanted + " in " + taskStates()));
  }

  /** The compact records of {@code coordinator.<process>}. */
  String coordinatorSequence(String process) throws IOException {
    return compact(readAll(new TaskPaths(root).coordinatorCheckpoint(taskId, process)));
  }

  Path log(String process, int run, String stream) {
    return TaskPaths.processLogDir(state.getHeader().getLogDir() == null
        ? sandbox.resolve(".logs") : Path.of(state.getHeader().getLogDir()), process, run)
        .resolve(stream);
  }

  String stdout(String process, int run) throws IOException {
    return Files.readString(log(process, run, "stdout"));
  }

  Path sandboxFile(String name) {
    return sandbox.resolve(name);
  }

  void assertEnded(TaskState expected) {
    assertEquals(expected, end, this::sequence);
  }

  /**
   * Compares with a sequence written with any whitespace (for text blocks). Only for orders the
   * runner guarantees whatever the load: one process alone, or processes ordered by the plan.
   * Records of processes that run at the same time interleave freely: use {@link #assertOrdered}.
   */
  void assertSequence(String expected) {
    assertEquals(normalize(expected), sequence());
  }

  /**
   * Fails unless each of {@code records} (compact, as in {@link #sequence()}) was recorded, each
   * after the one before it; records not named may come anywhere.
   */
  void assertOrdered(String... records) {
    List<String> all = Arrays.asList(sequence().split(" "));
    int previous = -1;
    for (String record : records) {
      int at = all.indexOf(record);
      assertTrue(at >= 0, () -> "no " + record + " in " + sequence());
      int after = previous;
      assertTrue(at > after, () -> record + " is not after " + (after < 0 ? "" : all.get(after))
          + " in " + sequence());
      previous = at;
    }
  }

  static String normalize(String text) {
    return Arrays.stream(text.trim().split("\\s+")).collect(Collectors.joining(" "));
  }

  static String compact(List<RunnerCkpt> records) {
    return records.stream().map(TaskResult::compact).collect(Collectors.joining(" "));
  }

  static String compact(RunnerCkpt r) {
    if (r.isSetTaskStatus()) {
      return r.getTaskStatus().getState().name();
    }
    if (r.isSetRunnerHeader()) {
      return "header";
    }
    ProcessStatus s = r.getProcessStatus();
    String text = s.getProcess() + ":" + s.getSeq() + "/" + s.getState();
    return s.isSetReturnCode() ? text + "=" + s.getReturnCode() : text;
  }
}
