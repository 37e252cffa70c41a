package dev.thermos.config;

import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.strings;

import dev.thermos.planner.RestartBackoff;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/** QuickTheories generators of arbitrary (not necessarily valid) task configurations. */
final class TaskConfigGen {
  private TaskConfigGen() {}

  static Gen<String> text() {
    Gen<String> ascii = strings().ascii().ofLengthBetween(0, 12);
    Gen<String> any = strings().allPossible().ofLengthBetween(0, 6);
    Gen<String> template = Generate.pick(List.of("{{thermos.ports[http]}}", "{{name}}",
        "{{processes[0].name}}", "echo \"hi\"\n\t\\", "\u00e9\u4e2d\ud83d\ude00"));
    return ascii.mix(any, 30).mix(template, 20);
  }

  static Gen<Integer> smallInts() {
    return integers().between(-3, 100).mix(integers().all(), 10);
  }

  static Gen<Resources> resources() {
    Gen<Double> cpu = doubles().between(0, 64).mix(doubles().any(), 10)
        .assuming(d -> !d.isNaN() && !d.isInfinite());
    return cpu.zip(longs().all(), longs().all(), smallInts(), Resources::new);
  }

  static Gen<LoggerConfig> loggers() {
    Gen<RotatePolicy> rotate = longs().all().zip(smallInts(), RotatePolicy::new);
    Gen<RotatePolicy> maybeRotate = rotate.toOptionals(30).map(o -> o.orElse(null));
    return Generate.enumValues(LoggerConfig.Destination.class)
        .zip(Generate.enumValues(LoggerConfig.Mode.class), maybeRotate, LoggerConfig::new);
  }

  static <T> Gen<T> maybe(Gen<T> gen) {
    return gen.toOptionals(40).map(o -> o.orElse(null));
  }

  static Gen<ProcessConfig> processes() {
    Gen<ProcessConfig> basic = text().zip(text(), smallInts(), smallInts(),
        (name, cmd, failures, duration) -> new ProcessConfig(
            name, cmd, failures, false, false, duration, false, null, null,
            ProcessOptions.NONE));
    return basic.zip(booleans().all(), booleans().all(), booleans().all(),
        (p, daemon, ephemeral, fin) -> new ProcessConfig(p.name(), p.cmdline(), p.maxFailures(),
            daemon, ephemeral, p.minDurationSecs(), fin, null, null, ProcessOptions.NONE))
        .zip(maybe(loggers()), maybe(resources()), options(),
            (p, logger, res, options) -> new ProcessConfig(p.name(), p.cmdline(), p.maxFailures(),
                p.daemon(), p.ephemeral(), p.minDurationSecs(), p.isFinal(), logger, res,
                options));
  }

  /** The fields beyond Aurora's: mostly none, as most tasks. */
  static Gen<ProcessOptions> options() {
    Gen<ProcessOptions> some = env().zip(maybe(text()),
        lists().of(integers().between(0, 255)).ofSizeBetween(0, 3), integers().between(0, 4),
        ProcessOptions::new).zip(maybe(backoffs()), (o, b) -> new ProcessOptions(o.env(),
            o.workingDir(), o.successCodes(), o.instances(), b));
    return Generate.constant(ProcessOptions.NONE).mix(some, 40);
  }

  static Gen<RestartBackoff> backoffs() {
    Gen<Double> secs = doubles().between(0, 1000);
    return secs.zip(secs, doubles().between(1, 4), doubles().between(0, 1),
        (initial, max, multiplier, jitter) -> new RestartBackoff(initial, max, multiplier, jitter,
            600));
  }

  static Gen<Map<String, String>> env() {
    return lists().of(text().zip(text(), Map::entry)).ofSizeBetween(0, 3).map(entries -> {
      Map<String, String> env = new LinkedHashMap<>();
      entries.forEach(e -> env.put(e.getKey(), e.getValue()));
      return env;
    });
  }

  static Gen<TaskConfig> tasks() {
    Gen<List<List<String>>> constraints =
        lists().of(lists().of(text()).ofSizeBetween(0, 4)).ofSizeBetween(0, 3);
    Gen<TaskConfig> basic = text().zip(lists().of(processes()).ofSizeBetween(0, 4), constraints,
        (name, ps, cs) -> new TaskConfig(name, ps, cs, 1, 0, 30, null, null, Map.of(), null));
    return basic.zip(smallInts(), smallInts(), smallInts(),
        (t, failures, concurrency, wait) -> new TaskConfig(t.name(), t.processes(),
            t.orderConstraints(), failures, concurrency, wait, null, null, Map.of(), null))
        .zip(maybe(resources()), maybe(text()), env(),
            (t, res, user, env) -> new TaskConfig(t.name(), t.processes(), t.orderConstraints(),
                t.maxFailures(), t.maxConcurrency(), t.finalizationWaitSecs(), res, user, env, null))
        .zip(maybe(backoffs()), (t, b) -> new TaskConfig(t.name(), t.processes(),
            t.orderConstraints(), t.maxFailures(), t.maxConcurrency(), t.finalizationWaitSecs(),
            t.resources(), t.user(), t.env(), b));
  }
}
