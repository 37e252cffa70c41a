package dev.thermos.runner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.thermos.config.InvalidTaskException;
import dev.thermos.config.JsonTree;
import dev.thermos.config.TaskConfig;
import dev.thermos.config.TaskConfigJson;
import dev.thermos.config.TaskConfigLoader;
import dev.thermos.gen.RunnerHeader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Check, don't trust (Aurora's {@code assert_same_task}): a resumed task must be the task its
 * checkpoint records. The stored task file is the reference for the task; the checkpoint's header
 * for the sandbox and the ports. A task without a header yet (never started) has nothing to agree
 * with; a stored file that no longer loads (an Aurora file of another shape) is not compared.
 */
final class ResumeCheck {
  private ResumeCheck() {}

  static void check(RunnerHeader header, Optional<String> stored, TaskConfig task,
      RunnerSettings settings) throws ResumeMismatchException, IOException {
    if (header == null) {
      return;
    }
    if (header.isSetSandbox()) {
      Path recorded = Path.of(header.getSandbox()).toAbsolutePath().normalize();
      if (!recorded.equals(settings.sandbox().toAbsolutePath().normalize())) {
        throw new ResumeMismatchException("--sandbox " + settings.sandbox() + ": task "
            + settings.taskId() + " runs in " + recorded + " (give that sandbox to resume it)",
            false);
      }
    }
    Map<String, Long> recorded = new TreeMap<>(header.isSetPorts() ? header.getPorts() : Map.of());
    Map<String, Long> given = new TreeMap<>();
    settings.ports().forEach((name, port) -> given.put(name, port.longValue()));
    if (!recorded.equals(given)) {
      throw new ResumeMismatchException("-P: task " + settings.taskId() + " was started with ports "
          + recorded + ", not " + given + " (give the same -P to resume it)", false);
    }
    if (stored.isPresent()) {
      compareTasks(stored.get(), task, settings.taskId());
    }
  }

  private static void compareTasks(String storedJson, TaskConfig task, String taskId)
      throws ResumeMismatchException, IOException {
    JsonNode reference;
    try {
      reference = JsonTree.read(TaskConfigJson.toJson(TaskConfigLoader.parse(storedJson, taskId)));
    } catch (InvalidTaskException e) {
      return;
    }
    JsonNode given = JsonTree.read(TaskConfigJson.toJson(task));
    Optional<String> difference = firstDifference("", reference, given);
    if (difference.isPresent()) {
      throw new ResumeMismatchException("the task differs from task " + taskId
          + " being resumed (its stored task file is the reference): " + difference.get(), true);
    }
  }

  /** The first place where {@code given} differs from {@code stored}, described. */
  static Optional<String> firstDifference(String at, JsonNode stored, JsonNode given) {
    if (stored.isObject() && given.isObject()) {
      TreeSet<String> names = new TreeSet<>();
      stored.fieldNames().forEachRemaining(names::add);
      given.fieldNames().forEachRemaining(names::add);
      for (String name : names) {
        String path = at.isEmpty() ? name : at + "." + name;
        Optional<String> d = firstDifference(path, missing(stored.get(name)), missing(given.get(name)));
        if (d.isPresent()) {
          return d;
        }
      }
      return Optional.empty();
    }
    if (stored.isArray() && given.isArray()) {
      Iterator<JsonNode> a = stored.elements();
      Iterator<JsonNode> b = given.elements();
      for (int i = 0; a.hasNext() || b.hasNext(); i++) {
        Optional<String> d = firstDifference(at + "[" + i + "]",
            a.hasNext() ? a.next() : MissingNode.getInstance(), b.hasNext() ? b.next() : MissingNode.getInstance());
        if (d.isPresent()) {
          return d;
        }
      }
      return Optional.empty();
    }
    return stored.equals(given) ? Optional.empty()
        : Optional.of(at + " is " + show(given) + " here, " + show(stored) + " in the stored task");
  }

  private static JsonNode missing(JsonNode node) {
    return node == null ? MissingNode.getInstance() : node;
  }

  private static String show(JsonNode node) {
    return node.isMissingNode() ? "absent" : node.toString();
  }
}
