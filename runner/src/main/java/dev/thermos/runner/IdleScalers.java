package dev.thermos.runner;

import dev.thermos.config.IdleScaling;
import dev.thermos.config.InvalidTaskException;
import dev.thermos.config.ProcessConfig;
import dev.thermos.config.TaskConfig;
import dev.thermos.config.TaskConfigJson;
import dev.thermos.config.TaskConfigLoader;
import dev.thermos.control.ControlLog;
import dev.thermos.control.ControlRequest;
import dev.thermos.format.TaskPaths;
import dev.thermos.planner.InvalidScheduleException;
import dev.thermos.posix.SafeDirectory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Idle-based scaling of a task's processes with {@code "instances": {"min", "max", "min_idle",
 * "max_idle"}}: reads what each copy wrote to its status file ({@code
 * <sandbox>/.thermos_status/NAME.i}, without following links, 16 bytes at most), applies
 * {@link IdleScaler}'s rule, and asks for a change as {@code thermos scale} does: an update of
 * the task as given ({@code template.json}) recorded in the control log, which the runner then
 * carries out (durable first, carried out by the next runner after a crash). Runs on the loop
 * thread; kept across the rebuilds an update makes, so one change per interval holds across them.
 */
final class IdleScalers {
  /** The status files' directory, below the sandbox. */
  static final String STATUS_DIR = ".thermos_status";
  private static final int MAX_STATUS_BYTES = 16;

  private final RunnerSettings settings;
  private final Path checkpointDir;
  private final Map<String, Double> lastChange = new HashMap<>();
  private final double startSecs;
  private boolean enabled;
  private boolean dirty = true;
  private double dueSecs = Double.POSITIVE_INFINITY;
  private String parsedTemplate;
  private Map<String, IdleScaling> parsed = Map.of();

  IdleScalers(RunnerSettings settings) {
    this.settings = settings;
    this.checkpointDir = new TaskPaths(settings.root()).checkpointDirectory(settings.taskId());
    this.startSecs = settings.nowSecs();
  }

  /**
   * Makes the status files' directory, owned by the task's user, when the task scales by idleness;
   * true when it does.
   */
  boolean prepare() throws IOException {
    String template = template();
    // Most tasks have no instances at all: their template is not even parsed.
    if (template == null || !template.contains("\"instances\"") || scaled(template).isEmpty()) {
      return false;
    }
    enabled = true;
    try (SafeDirectory sandbox = SafeDirectory.openLeaf(settings.sandbox(), false);
        SafeDirectory dir = sandbox.directory(STATUS_DIR, true)) {
      if (settings.runAs() != null) {
        dir.chown(settings.runAs().uid(), settings.runAs().gid());
      }
    }
    return true;
  }

  Path statusDir() {
    return settings.sandbox().resolve(STATUS_DIR);
  }

  /** A status file changed: look at the statuses at the next {@link #tick}. */
  void statusChanged() {
    dirty = true;
  }

  /**
   * When {@link #tick} has something to do without a new status (infinity: nothing; while
   * {@code paused}, nothing either: the end of the pause comes as an event).
   */
  double dueSecs(boolean paused) {
    return paused || !enabled ? Double.POSITIVE_INFINITY
        : dirty ? Double.NEGATIVE_INFINITY : dueSecs;
  }

  /**
   * Applies the rule to every scaled process when a status changed or a wait is over; {@code
   * paused} (the task is held, draining or being updated): nothing changes now.
   */
  void tick(double now, boolean paused) {
    if (!enabled || paused || now < dueSecs(false)) {
      return;
    }
    dirty = false;
    dueSecs = Double.POSITIVE_INFINITY;
    String template = template();
    if (!template.equals(parsedTemplate)) {
      parsedTemplate = template;  // parsed again only when an update replaced it
      parsed = scaled(template);
    }
    for (Map.Entry<String, IdleScaling> e : parsed.entrySet()) {
      IdleScaler.Decision d = IdleScaler.decide(e.getValue(), statuses(e.getKey(),
          e.getValue().count()), lastChange.getOrDefault(e.getKey(), startSecs), now);
      dueSecs = Math.min(dueSecs, d.dueSecs());
      if (d.count() != e.getValue().count() && request(template, e.getKey(), d.count())) {
        lastChange.put(e.getKey(), now);
        return;  // one change at a time: the next waits for this update
      }
    }
  }

  /** What copies 0 to count-1 of {@code process} last wrote ("idle", "busy", or null). */
  private List<String> statuses(String process, int count) {
    List<String> out = new ArrayList<>();
    try (SafeDirectory dir = SafeDirectory.openLeaf(statusDir(), false)) {
      for (int i = 0; i < count; i++) {
        out.add(status(dir, process + "." + i));
      }
    } catch (IOException e) {
      while (out.size() < count) {
        out.add(null);  // no directory (or a link there): no copy has said anything
      }
    }
    return out;
  }

  private static String status(SafeDirectory dir, String name) {
    try {
      String text = new String(dir.readAll(name, MAX_STATUS_BYTES), StandardCharsets.UTF_8).trim();
      return text.equals("idle") || text.equals("busy") ? text : null;
    } catch (IOException e) {
      return null;  // not written yet, too long, a link: no status
    }
  }

  /** Records the update that gives {@code process} {@code count} copies; false if it cannot. */
  private boolean request(String template, String process, int count) {
    try {
      String raw = TaskTemplate.scaled(template, process, count);
      TaskConfig task = new RunRequest(settings.root(), settings.sandbox(), settings.taskId(),
          settings.ports(), Map.of(), false)
          .evaluate(TaskConfigLoader.parse(raw, "the scaled task")).task();
      new ControlLog(checkpointDir).append(ControlRequest.update(TaskConfigJson.toJson(task), raw,
          settings.nowSecs(), UUID.randomUUID().toString()));
      System.err.println("thermos run: scaling " + process + " to " + count + " copies");
      return true;
    } catch (IOException | InvalidTaskException | InvalidScheduleException
        | InvalidSandboxException | IllegalArgumentException e) {
      System.err.println("thermos run: cannot scale " + process + " to " + count + ": "
          + e.getMessage());
      return false;
    }
  }

  /** The task as given: the stored template, else the one this runner started with. */
  private String template() {
    try {
      Optional<String> stored = TaskTemplate.read(checkpointDir);
      return stored.orElse(settings.template());
    } catch (IOException e) {
      return settings.template();
    }
  }

  /** The processes of {@code template} that scale by idleness, with their spec. */
  private static Map<String, IdleScaling> scaled(String template) {
    Map<String, IdleScaling> out = new HashMap<>();
    if (template == null) {
      return out;
    }
    try {
      for (ProcessConfig p : TaskConfigLoader.parse(template, "template").processes()) {
        if (p.options().idleScaling() != null) {
          out.put(p.name(), p.options().idleScaling());
        }
      }
    } catch (InvalidTaskException e) {
      // A template that does not parse scales nothing (the runner said so when it was stored).
    }
    return out;
  }
}
