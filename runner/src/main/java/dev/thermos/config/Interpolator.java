package dev.thermos.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Resolves the {@code {{...}}} references in the string fields of a task (names, command lines,
 * constraint entries, user, {@code env} values, working directories): {@code {{thermos.task_id}}}, {@code {{thermos.user}}},
 * {@code {{thermos.ports[NAME]}}}, user bindings ({@code -E NAME=VALUE}, referenced as
 * {@code {{NAME}}}, dotted names allowed) and references to the task's own fields
 * ({@code {{name}}} inside a process is that process's name; the default task name is
 * {@code {{processes[0].name}}}). Own fields win over the context, the context over bindings.
 * Substituted values are not scanned again: templates do not nest.
 */
public final class Interpolator {
  private static final String UNBOUND_HINT = "Make sure you are not nesting template variables.";

  private Interpolator() {}

  /**
   * The port names referenced as {@code {{thermos.ports[NAME]}}}, sorted.
   *
   * @throws InvalidTaskException "Bad port specification" for {@code {{thermos.ports.NAME}}}, or
   *     a reference that is not a valid address
   */
  public static Set<String> portsReferenced(TaskConfig task) throws InvalidTaskException {
    Set<String> ports = new TreeSet<>();
    for (Map.Entry<String, String> e : TemplateEvaluator.stringFields(task).entrySet()) {
      for (Ref ref : Template.parse(e.getValue(), e.getKey()).refs()) {
        if (ref.size() > 2 && ref.get(0).isName("thermos") && ref.get(1).isName("ports")) {
          if (!ref.get(2).indexed()) {
            throw new InvalidTaskException("Bad port specification: " + ref);
          }
          ports.add(ref.get(2).value());
        }
      }
    }
    return ports;
  }

  /**
   * The fully interpolated task, as a runner needs it.
   *
   * @throws InvalidTaskException "Task requires unbound port NAME!" when a referenced port is not
   *     in the context, "Unexpected unbound refs: {{a}} {{b}}. ..." when anything else is left
   */
  public static TaskConfig interpolate(
      TaskConfig task, ThermosContext context, Map<String, String> bindings)
      throws InvalidTaskException {
    for (String port : portsReferenced(task)) {
      if (!context.ports().containsKey(port)) {
        throw new InvalidTaskException("Task requires unbound port " + port + "!");
      }
    }
    TemplateEvaluator evaluator = new TemplateEvaluator(task, context, bindings);
    TaskConfig result = rebuild(task, evaluator);
    if (!evaluator.unbound().isEmpty()) {
      throw new InvalidTaskException("Unexpected unbound refs: "
          + String.join(" ", evaluator.unbound()) + ". " + UNBOUND_HINT);
    }
    return result;
  }

  /**
   * The task with what can be resolved resolved and every other reference left in place as
   * {@code {{address}}} text (for {@code thermos inspect}). {@code context} may be null.
   *
   * @throws InvalidTaskException only for a reference that is not a valid address
   */
  public static TaskConfig interpolatePartially(
      TaskConfig task, ThermosContext context, Map<String, String> bindings)
      throws InvalidTaskException {
    return rebuild(task, new TemplateEvaluator(task, context, bindings));
  }

  /**
   * Aurora's load-time check ({@code assert_all_refs_bound}): with dummy {@code thermos} values
   * and a port for every referenced port name, nothing may be left unbound.
   */
  public static void assertAllRefsBound(TaskConfig task, Map<String, String> bindings)
      throws InvalidTaskException {
    Map<String, Integer> ports = new TreeMap<>();
    int next = 30000;
    for (String port : portsReferenced(task)) {
      ports.put(port, next++);
    }
    interpolate(task, new ThermosContext("dummy_task_id", "dummy_user", ports), bindings);
  }

  private static TaskConfig rebuild(TaskConfig task, TemplateEvaluator evaluator) {
    List<ProcessConfig> processes = new ArrayList<>();
    for (int i = 0; i < task.processes().size(); i++) {
      String path = TemplateEvaluator.processPath(i);
      ProcessConfig p = task.processes().get(i);
      ProcessOptions o = p.options();
      String workingDir = o.workingDir() == null ? null : evaluator.render(path + ".working_dir");
      HealthCheck check = o.lifecycle().healthCheck();
      Lifecycle lifecycle = check == null ? o.lifecycle() : o.lifecycle().withHealthCheck(
          check.withTarget(evaluator.render(TemplateEvaluator.healthPath(i, check))));
      processes.add(p
          .withName(evaluator.render(path + ".name"))
          .withCmdline(evaluator.render(path + ".cmdline"))
          .withOptions(o.withStrings(renderEnv(evaluator, path + ".", o.env()), workingDir)
              .withLifecycle(lifecycle)));
    }
    List<List<String>> constraints = new ArrayList<>();
    for (int i = 0; i < task.orderConstraints().size(); i++) {
      List<String> order = new ArrayList<>();
      for (int j = 0; j < task.orderConstraints().get(i).size(); j++) {
        order.add(evaluator.render("constraints[" + i + "].order[" + j + "]"));
      }
      constraints.add(order);
    }
    return new TaskConfig(evaluator.render("name"), processes, constraints, task.maxFailures(),
        task.maxConcurrency(), task.finalizationWaitSecs(), task.resources(),
        task.user() == null ? null : evaluator.render("user"), renderEnv(evaluator, "", task.env()),
        task.restartBackoff());
  }

  private static Map<String, String> renderEnv(TemplateEvaluator evaluator, String prefix,
      Map<String, String> env) {
    Map<String, String> out = new LinkedHashMap<>();
    env.keySet().forEach(k -> out.put(k, evaluator.render(TemplateEvaluator.envPath(prefix, k))));
    return out;
  }
}
