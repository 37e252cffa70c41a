package dev.thermos.config;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Evaluates the templates of one task the way pystachio does: a reference inside a process is
 * looked up in the process's own fields ({@code {{name}}}, {@code {{self.name}}}), then in the
 * task's ({@code {{processes[0].name}}}), then in the {@code thermos} context, then in the user
 * bindings. A reference to a string field yields that field's own evaluated text; substituted text
 * is never scanned again for references. What cannot be resolved stays in place as
 * {@code {{address}}} and is recorded as unbound; so is an outer reference of a nested template
 * ({@code {{thermos.ports[{{name}}]}}} records {@code {{thermos.ports[a]}}}), and a reference
 * that leads back to the field being evaluated ({@code {{name}}} as a name). Not thread-safe; one instance per evaluation.
 */
final class TemplateEvaluator {
  private final TaskConfig task;
  private final ThermosContext context;
  private final Map<String, String> bindings;
  private final Map<String, Template> templates;
  private final Map<String, String> rendered = new HashMap<>();
  private final Set<String> inProgress = new HashSet<>();
  private final Set<String> unbound = new LinkedHashSet<>();
  private final ConfigNavigator navigator;

  /** {@code context} may be null; binding keys are addresses such as {@code foo.bar}. */
  TemplateEvaluator(TaskConfig task, ThermosContext context, Map<String, String> bindings)
      throws InvalidTaskException {
    this.task = task;
    this.context = context;
    this.bindings = normalize(bindings);
    this.templates = parseAll(task);
    this.navigator = new ConfigNavigator(task, this::render);
  }

  /** Every string field of {@code task}, by its path (e.g. {@code processes[0].cmdline}). */
  static Map<String, String> stringFields(TaskConfig task) {
    Map<String, String> out = new LinkedHashMap<>();
    out.put("name", task.name());
    for (int i = 0; i < task.processes().size(); i++) {
      ProcessConfig p = task.processes().get(i);
      out.put(processPath(i) + ".name", p.name());
      out.put(processPath(i) + ".cmdline", p.cmdline());
      String prefix = processPath(i) + ".";
      p.options().env().forEach((k, v) -> out.put(envPath(prefix, k), v));
      if (p.options().workingDir() != null) {
        out.put(processPath(i) + ".working_dir", p.options().workingDir());
      }
      HealthCheck check = p.options().lifecycle().healthCheck();
      if (check != null) {
        out.put(healthPath(i, check), check.target());
      }
    }
    task.env().forEach((k, v) -> out.put(envPath("", k), v));
    for (int i = 0; i < task.orderConstraints().size(); i++) {
      List<String> order = task.orderConstraints().get(i);
      for (int j = 0; j < order.size(); j++) {
        out.put("constraints[" + i + "].order[" + j + "]", order.get(j));
      }
    }
    if (task.user() != null) {
      out.put("user", task.user());
    }
    return out;
  }

  /** The path of variable {@code name} of the {@code env} at {@code prefix} ("" for the task). */
  static String envPath(String prefix, String name) {
    return prefix + "env[" + name + "]";
  }

  /** The path of the target of process {@code i}'s health check ({@code health_check.http}). */
  static String healthPath(int i, HealthCheck check) {
    return processPath(i) + ".health_check." + check.kind().jsonName();
  }

  static String processPath(int i) {
    return "processes[" + i + "]";
  }

  /** Thrown while resolving a reference that leads back to a field being evaluated. */
  private static final class Cycle extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Cycle() {
      super(null, null, false, false);
    }
  }

  /** The evaluated text of the string field at {@code path}. */
  String render(String path) {
    String done = rendered.get(path);
    if (done != null) {
      return done;
    }
    if (!inProgress.add(path)) {
      throw new Cycle();
    }
    int process = owningProcess(path);
    StringBuilder out = new StringBuilder();
    Template template = templates.get(path);
    for (Template.Part part : template.parts()) {
      if (part instanceof Template.Text t) {
        out.append(t.text());
      } else {
        Ref ref = ((Template.Reference) part).ref();
        String value;
        try {
          value = resolve(ref, process);
        } catch (Cycle c) {
          value = null;
        }
        if (value == null) {
          unbound.add(ref.toString());
          value = ref.toString();
        }
        out.append(value);
      }
    }
    if (template.nested()) {
      for (Ref outer : Template.refsIn(out.toString())) {
        unbound.add(outer.toString());
      }
    }
    inProgress.remove(path);
    rendered.put(path, out.toString());
    return out.toString();
  }

  /** The references left unbound by the fields rendered so far, in order of discovery. */
  Set<String> unbound() {
    return unbound;
  }

  private String resolve(Ref ref, int process) {
    Object self = process >= 0 ? new ConfigNavigator.ProcessNode(process) : task;
    if (ref.size() > 1 && ref.get(0).isName("self")) {
      return navigator.leaf(self, ref.drop(1));
    }
    String value = process >= 0 ? navigator.leaf(self, ref) : null;
    if (value == null) {
      value = navigator.leaf(task, ref);
    }
    if (value == null) {
      value = fromContext(ref);
    }
    return value != null ? value : bindings.get(ref.address());
  }

  private String fromContext(Ref ref) {
    if (context == null || ref.size() < 2 || !ref.get(0).isName("thermos")) {
      return null;
    }
    if (ref.size() == 2 && ref.get(1).isName("task_id")) {
      return context.taskId();
    }
    if (ref.size() == 2 && ref.get(1).isName("user")) {
      return context.user();
    }
    if (ref.size() == 3 && ref.get(1).isName("ports") && ref.get(2).indexed()) {
      Integer port = context.ports().get(ref.get(2).value());
      return port == null ? null : port.toString();
    }
    return null;
  }

  private static int owningProcess(String path) {
    if (!path.startsWith("processes[")) {
      return -1;
    }
    return Integer.parseInt(path.substring("processes[".length(), path.indexOf(']')));
  }

  private static Map<String, Template> parseAll(TaskConfig task) throws InvalidTaskException {
    Map<String, Template> out = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : stringFields(task).entrySet()) {
      out.put(e.getKey(), Template.parse(e.getValue(), e.getKey()));
    }
    return out;
  }

  private static Map<String, String> normalize(Map<String, String> bindings)
      throws InvalidTaskException {
    Map<String, String> out = new HashMap<>();
    for (Map.Entry<String, String> e : bindings.entrySet()) {
      try {
        out.put(Ref.parse(e.getKey()).address(), e.getValue());
      } catch (IllegalArgumentException bad) {
        throw new InvalidTaskException("Invalid binding name: " + e.getKey());
      }
    }
    return out;
  }
}
