package dev.thermos.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import dev.thermos.planner.DependsOn;
import dev.thermos.planner.RestartBackoff;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a task from its JSON form (one object = one {@code Task}, Aurora's
 * {@code thermos run --json} input and the {@code tasks/active/<task_id>} files).
 *
 * <p>Values are coerced as Aurora does (booleans also as 0/1, integers also as numeric strings,
 * Aurora's defaults for absent fields), but an unknown field is an error naming it, except for
 * the legacy keys the 2012 task files carry: {@code min_successes} on the task and
 * {@code best_effort} inside {@code resources}, which are read and ignored.
 */
public final class TaskConfigLoader {
  private static final java.util.regex.Pattern SOURCE_LOCATION = java.util.regex.Pattern.compile(
      "\\[Source: [^\\]]*?; line: (\\d+), column: (\\d+)\\]");

  private static final Set<String> TASK_FIELDS = Set.of("name", "processes", "constraints",
      "max_failures", "max_concurrency", "finalization_wait", "resources", "user", "env",
      "restart_backoff");
  private static final Set<String> TASK_LEGACY = Set.of("min_successes");
  private static final Set<String> PROCESS_FIELDS = Set.of("name", "cmdline", "max_failures",
      "daemon", "ephemeral", "min_duration", "final", "logger", "resources", "shell", "env",
      "working_dir", "success_codes", "instances", "restart_backoff", "depends_on", "max_runtime",
      "stop_signals", "health_check");
  private static final Set<String> IDLE_FIELDS =
      Set.of("min", "max", "min_idle", "max_idle", "interval", "count");
  private static final Set<String> RESOURCES_FIELDS = Set.of("cpu", "ram", "disk", "gpu");
  private static final Set<String> RESOURCES_LEGACY = Set.of("best_effort");
  private static final Set<String> LOGGER_FIELDS = Set.of("destination", "mode", "rotate");
  private static final Set<String> ROTATE_FIELDS = Set.of("log_size", "backups");
  private static final Set<String> CONSTRAINT_FIELDS = Set.of("order");
  private static final Set<String> BACKOFF_FIELDS =
      Set.of("initial", "max", "multiplier", "jitter", "reset_after");

  private TaskConfigLoader() {}

  /** Reads and parses the task file at {@code path}; errors start with {@code path}. */
  public static TaskConfig load(Path path) throws InvalidTaskException {
    String source = path.toString();
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(path);
    } catch (NoSuchFileException e) {
      throw new InvalidTaskException(source, "no such file");
    } catch (IOException e) {
      throw new InvalidTaskException(source, "cannot read: " + e.getMessage());
    }
    String json;
    try {
      json = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      throw new InvalidTaskException(source, "not UTF-8 text");
    }
    if (json.startsWith("\uFEFF")) {
      json = json.substring(1); // a UTF-8 byte order mark, as some editors write
    }
    return parse(json, source);
  }

  /** Parses {@code json}; errors start with {@code sourceName}. */
  public static TaskConfig parse(String json, String sourceName) throws InvalidTaskException {
    JsonNode root = readTree(json, sourceName);
    if (!root.isObject()) {
      throw new InvalidTaskException(sourceName,
          "expected a JSON object (one task), got " + JsonFields.describe(root));
    }
    return task(new JsonFields((ObjectNode) root, sourceName, ""));
  }

  private static JsonNode readTree(String json, String source) throws InvalidTaskException {
    try {
      JsonNode root = JsonTree.read(json);
      if (root == null || root.isMissingNode()) {
        throw new InvalidTaskException(source, "invalid JSON: empty document");
      }
      return root;
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      String where = at == null ? ""
          : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
      throw new InvalidTaskException(source, "invalid JSON" + where + ": "
          + readable(e.getOriginalMessage()));
    }
  }

  /** Jackson's message on one line, its source descriptions ("[Source: ...; line: 1, ...]") cut. */
  static String readable(String message) {
    return SOURCE_LOCATION.matcher(String.valueOf(message)).replaceAll("line $1, column $2")
        .replaceAll("\\s*\\R\\s*", " ").strip();
  }

  private static TaskConfig task(JsonFields f) throws InvalidTaskException {
    f.rejectUnknown(TASK_FIELDS, TASK_LEGACY);
    List<JsonFields> processNodes = f.objects("processes");
    if (processNodes == null) {
      throw f.missing("processes");
    }
    List<ProcessConfig> processes = new ArrayList<>();
    for (JsonFields p : processNodes) {
      processes.add(process(p));
    }
    String name = f.optionalString("name");
    return new TaskConfig(
        name == null ? TaskConfig.DEFAULT_NAME : name,
        processes,
        constraints(f),
        f.intOr("max_failures", TaskConfig.DEFAULT_MAX_FAILURES),
        f.intOr("max_concurrency", TaskConfig.DEFAULT_MAX_CONCURRENCY),
        f.intOr("finalization_wait", TaskConfig.DEFAULT_FINALIZATION_WAIT_SECS),
        resources(f.object("resources")),
        f.optionalString("user"),
        f.stringMap("env"),
        backoff(f.object("restart_backoff")));
  }

  private static List<List<String>> constraints(JsonFields task) throws InvalidTaskException {
    List<JsonFields> nodes = task.objects("constraints");
    List<List<String>> out = new ArrayList<>();
    if (nodes != null) {
      for (JsonFields c : nodes) {
        c.rejectUnknown(CONSTRAINT_FIELDS, Set.of());
        out.add(c.requiredStrings("order"));
      }
    }
    return out;
  }

  private static ProcessConfig process(JsonFields f) throws InvalidTaskException {
    f.rejectUnknown(PROCESS_FIELDS, Set.of());
    return new ProcessConfig(
        f.requiredString("name"),
        f.requiredString("cmdline"),
        f.intOr("max_failures", ProcessConfig.DEFAULT_MAX_FAILURES),
        f.boolOr("daemon", false),
        f.boolOr("ephemeral", false),
        f.intOr("min_duration", ProcessConfig.DEFAULT_MIN_DURATION_SECS),
        f.boolOr("final", false),
        logger(f.object("logger")),
        resources(f.object("resources")),
        new ProcessOptions(f.stringMap("env"), f.optionalString("working_dir"),
            f.intList("success_codes", 0, 255), instances(f),
            backoff(f.object("restart_backoff")), dependsOn(f), LifecycleFields.read(f),
            idleScaling(f)),
        f.boolOr("shell", true));
  }

  /** {@code depends_on}: process name to {@code succeeded} or {@code started}. */
  private static Map<String, DependsOn> dependsOn(JsonFields f) throws InvalidTaskException {
    Map<String, DependsOn> out = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : f.stringMap("depends_on").entrySet()) {
      String field = "field \"depends_on." + e.getKey() + "\" ";
      switch (e.getValue()) {
        case "succeeded" -> out.put(e.getKey(), DependsOn.SUCCEEDED);
        case "started" -> out.put(e.getKey(), DependsOn.STARTED);
        case "healthy" -> out.put(e.getKey(), DependsOn.HEALTHY);
        default -> throw f.error(field + "must be \"succeeded\", \"started\" or \"healthy\", got "
            + Names.quote(e.getValue()));
      }
    }
    return out;
  }

  /** {@code restart_backoff}: missing fields take {@link RestartBackoff#DEFAULTS}. */
  private static RestartBackoff backoff(JsonFields f) throws InvalidTaskException {
    if (f == null) {
      return null;
    }
    f.rejectUnknown(BACKOFF_FIELDS, Set.of());
    RestartBackoff d = RestartBackoff.DEFAULTS;
    return new RestartBackoff(f.doubleOr("initial", d.initialSecs()),
        f.doubleOr("max", d.maxSecs()), f.doubleOr("multiplier", d.multiplier()),
        f.doubleOr("jitter", d.jitter()), f.doubleOr("reset_after", d.resetAfterSecs()));
  }

  /** {@code instances}: 1 to {@link Instances#MAX}; 0 when absent; the object form's count. */
  private static int instances(JsonFields f) throws InvalidTaskException {
    IdleScaling idle = idleScaling(f);
    if (idle != null) {
      return idle.count();
    }
    int n = f.intOr("instances", 0);
    if (n == 0 && f.intOr("instances", -1) == -1) {
      return 0;
    }
    if (n < 1 || n > Instances.MAX) {
      throw f.error("field \"instances\" must be 1 to " + Instances.MAX + ", got " + n);
    }
    return n;
  }

  /**
   * The object form of {@code instances}: {@code min}, {@code max} (1 to {@link Instances#MAX}),
   * {@code min_idle} and {@code max_idle} (0 up), {@code interval} (seconds), {@code count} (the
   * copies now, {@code min} when absent); null for a number or no field.
   */
  private static IdleScaling idleScaling(JsonFields process) throws InvalidTaskException {
    if (!process.isObject("instances")) {
      return null;
    }
    JsonFields f = process.object("instances");
    f.rejectUnknown(IDLE_FIELDS, Set.of());
    int min = f.intOr("min", 1);
    int max = f.intOr("max", min);
    int minIdle = f.intOr("min_idle", 0);
    int maxIdle = f.intOr("max_idle", Integer.MAX_VALUE);
    double interval = f.doubleOr("interval", IdleScaling.DEFAULT_INTERVAL_SECS);
    int count = f.intOr("count", min);
    if (min < 1 || max < min || max > Instances.MAX) {
      throw f.error("\"min\" and \"max\" must be 1 to " + Instances.MAX + ", min at most max");
    }
    if (minIdle < 0 || maxIdle < minIdle) {
      throw f.error("\"min_idle\" and \"max_idle\" must be 0 or more, min_idle at most"
          + " max_idle");
    }
    if (!(interval > 0 && Double.isFinite(interval))) {
      throw f.error("field \"interval\" must be a number of seconds > 0, got " + interval);
    }
    if (count < min || count > max) {
      throw f.error("field \"count\" must be " + min + " to " + max + ", got " + count);
    }
    return new IdleScaling(min, max, minIdle, maxIdle, interval, count);
  }

  private static Resources resources(JsonFields f) throws InvalidTaskException {
    if (f == null) {
      return null;
    }
    f.rejectUnknown(RESOURCES_FIELDS, RESOURCES_LEGACY);
    return new Resources(f.requiredDouble("cpu"), f.requiredLong("ram"), f.requiredLong("disk"),
        f.intOr("gpu", Resources.DEFAULT_GPU));
  }

  private static LoggerConfig logger(JsonFields f) throws InvalidTaskException {
    if (f == null) {
      return null;
    }
    f.rejectUnknown(LOGGER_FIELDS, Set.of());
    JsonFields rotate = f.object("rotate");
    RotatePolicy policy = null;
    if (rotate != null) {
      rotate.rejectUnknown(ROTATE_FIELDS, Set.of());
      policy = new RotatePolicy(
          rotate.longOr("log_size", RotatePolicy.DEFAULT_LOG_SIZE_BYTES),
          rotate.intOr("backups", RotatePolicy.DEFAULT_BACKUPS));
    }
    return new LoggerConfig(
        f.enumOr("destination", LoggerConfig.Destination.class, LoggerConfig.Destination.FILE),
        f.enumOr("mode", LoggerConfig.Mode.class, LoggerConfig.Mode.STANDARD),
        policy);
  }
}
