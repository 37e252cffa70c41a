package dev.thermos.format;

import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;
import static org.quicktheories.generators.SourceDSL.strings;

import dev.thermos.gen.ProcessState;
import dev.thermos.gen.ProcessStatus;
import dev.thermos.gen.RunnerCkpt;
import dev.thermos.gen.RunnerHeader;
import dev.thermos.gen.TaskState;
import dev.thermos.gen.TaskStatus;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.quicktheories.core.Gen;

/** QuickTheories generators of arbitrary records: any member, any subset of fields set. */
final class RecordGen {
  private static final Gen<Boolean> COIN = booleans().all();
  /** Any Unicode text (no lone surrogates: they have no UTF-8 form), often plain ASCII. */
  private static final Gen<String> TEXT = unicodeText()
      .mix(strings().basicLatinAlphabet().ofLengthBetween(0, 12));
  private static final Gen<Long> LONGS = longs().all();
  private static final Gen<Integer> INTS = integers().all();
  private static final Gen<Double> DOUBLES = doubles().any()
      .assuming(d -> !Double.isNaN(d));

  private RecordGen() {}

  private static Gen<String> unicodeText() {
    Gen<Integer> length = integers().between(0, 16);
    Gen<Integer> codePoint = integers().between(0, 0x10FFFF - 0x800);
    return in -> {
      StringBuilder s = new StringBuilder();
      int n = length.generate(in);
      for (int i = 0; i < n; i++) {
        int cp = codePoint.generate(in);
        s.appendCodePoint(cp < 0xD800 ? cp : cp + 0x800);  // skip the surrogate range
      }
      return s.toString();
    };
  }

  static Gen<RunnerCkpt> records() {
    Gen<Integer> member = integers().between(0, 2);
    return in -> switch (member.generate(in)) {
      case 0 -> RunnerCkpt.runner_header(header().generate(in));
      case 1 -> RunnerCkpt.process_status(processStatus().generate(in));
      default -> RunnerCkpt.task_status(taskStatus().generate(in));
    };
  }

  static Gen<List<RunnerCkpt>> recordLists(int max) {
    Gen<Integer> size = integers().between(0, max);
    Gen<RunnerCkpt> records = records();
    return in -> {
      int n = size.generate(in);
      List<RunnerCkpt> list = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        list.add(records.generate(in));
      }
      return list;
    };
  }

  static Gen<ProcessStatus> processStatus() {
    Gen<Integer> state = integers().between(0, ProcessState.values().length - 1);
    return in -> {
      ProcessStatus s = new ProcessStatus();
      if (COIN.generate(in)) s.setSeq(LONGS.generate(in));
      if (COIN.generate(in)) s.setProcess(TEXT.generate(in));
      if (COIN.generate(in)) s.setState(ProcessState.values()[state.generate(in)]);
      if (COIN.generate(in)) s.setStartTime(DOUBLES.generate(in));
      if (COIN.generate(in)) s.setPid(INTS.generate(in));
      if (COIN.generate(in)) s.setStopTime(DOUBLES.generate(in));
      if (COIN.generate(in)) s.setReturnCode(INTS.generate(in));
      if (COIN.generate(in)) s.setCoordinatorPid(INTS.generate(in));
      if (COIN.generate(in)) s.setForkTime(DOUBLES.generate(in));
      return s;
    };
  }

  static Gen<TaskStatus> taskStatus() {
    Gen<Integer> state = integers().between(0, TaskState.values().length - 1);
    return in -> {
      TaskStatus s = new TaskStatus();
      if (COIN.generate(in)) s.setState(TaskState.values()[state.generate(in)]);
      if (COIN.generate(in)) s.setTimestampMs(LONGS.generate(in));
      if (COIN.generate(in)) s.setRunnerPid(INTS.generate(in));
      if (COIN.generate(in)) s.setRunnerUid(INTS.generate(in));
      return s;
    };
  }

  static Gen<RunnerHeader> header() {
    Gen<Integer> portCount = integers().between(0, 4);
    return in -> {
      RunnerHeader h = new RunnerHeader();
      if (COIN.generate(in)) h.setTaskId(TEXT.generate(in));
      if (COIN.generate(in)) h.setLaunchTimeMs(LONGS.generate(in));
      if (COIN.generate(in)) h.setSandbox(TEXT.generate(in));
      if (COIN.generate(in)) h.setHostname(TEXT.generate(in));
      if (COIN.generate(in)) h.setUser(TEXT.generate(in));
      if (COIN.generate(in)) {
        Map<String, Long> ports = new LinkedHashMap<>();
        int n = portCount.generate(in);
        for (int i = 0; i < n; i++) {
          ports.put(TEXT.generate(in), LONGS.generate(in));
        }
        h.setPorts(ports);
      }
      if (COIN.generate(in)) h.setLogDir(TEXT.generate(in));
      if (COIN.generate(in)) h.setUid(INTS.generate(in));
      return h;
    };
  }
}
