package dev.thermos.config;

import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * Follows a {@link Ref} through the fields of a task, as pystachio's struct and list lookups do,
 * and renders what it reaches as text. Absent (null) fields, out-of-range indexes and whole
 * structs or lists do not resolve. String fields are rendered through a callback, by path, so
 * that they are themselves evaluated.
 */
final class ConfigNavigator {
  /** The process at {@code index} of the task. */
  record ProcessNode(int index) {}

  /** The task's list of processes. */
  private record ProcessesNode() {}

  /** The task's list of constraints. */
  private record ConstraintsNode() {}

  /** One constraint. */
  private record ConstraintNode(int index) {}

  /** The {@code order} list of one constraint. */
  private record OrderNode(int index) {}

  /** A string field, evaluated on demand. */
  private record StringField(String path) {}

  private final TaskConfig task;
  private final Function<String, String> renderString;

  ConfigNavigator(TaskConfig task, Function<String, String> renderString) {
    this.task = task;
    this.renderString = renderString;
  }

  /** The text {@code ref} names starting at {@code node}, or null. */
  String leaf(Object node, Ref ref) {
    Object at = node;
    for (Ref.Component c : ref.components()) {
      at = at == null ? null : child(at, c);
    }
    return text(at);
  }

  private String text(Object v) {
    if (v instanceof StringField s) {
      return renderString.apply(s.path());
    }
    if (v instanceof Enum<?> e) {
      return e.name().toLowerCase(Locale.ROOT);
    }
    if (v instanceof Number || v instanceof Boolean) {
      return v.toString();
    }
    return null;
  }

  private Object child(Object node, Ref.Component c) {
    if (c.indexed()) {
      return indexed(node, c.value());
    }
    if (node instanceof TaskConfig) {
      return taskField(c.value());
    }
    if (node instanceof ProcessNode p) {
      return processField(p.index(), c.value());
    }
    if (node instanceof ConstraintNode n) {
      return c.value().equals("order") ? new OrderNode(n.index()) : null;
    }
    return structField(node, c.value());
  }

  private Object indexed(Object node, String key) {
    int i;
    try {
      i = Integer.parseInt(key);
    } catch (NumberFormatException e) {
      return null;
    }
    if (node instanceof ProcessesNode) {
      return inRange(i, task.processes()) ? new ProcessNode(i) : null;
    }
    if (node instanceof ConstraintsNode) {
      return inRange(i, task.orderConstraints()) ? new ConstraintNode(i) : null;
    }
    if (node instanceof OrderNode o) {
      return inRange(i, task.orderConstraints().get(o.index()))
          ? new StringField("constraints[" + o.index() + "].order[" + i + "]") : null;
    }
    return null;
  }

  private static boolean inRange(int i, List<?> list) {
    return i >= 0 && i < list.size();
  }

  private Object taskField(String name) {
    switch (name) {
      case "name": return new StringField("name");
      case "processes": return new ProcessesNode();
      case "constraints": return new ConstraintsNode();
      case "max_failures": return task.maxFailures();
      case "max_concurrency": return task.maxConcurrency();
      case "finalization_wait": return task.finalizationWaitSecs();
      case "resources": return task.resources();
      case "user": return task.user() == null ? null : new StringField("user");
      default: return null;
    }
  }

  private Object processField(int index, String name) {
    ProcessConfig p = task.processes().get(index);
    String path = TemplateEvaluator.processPath(index);
    switch (name) {
      case "name": return new StringField(path + ".name");
      case "cmdline": return new StringField(path + ".cmdline");
      case "max_failures": return p.maxFailures();
      case "daemon": return p.daemon();
      case "ephemeral": return p.ephemeral();
      case "min_duration": return p.minDurationSecs();
      case "final": return p.isFinal();
      case "logger": return p.logger();
      case "resources": return p.resources();
      default: return null;
    }
  }

  private static Object structField(Object node, String name) {
    if (node instanceof Resources r) {
      switch (name) {
        case "cpu": return r.cpu();
        case "ram": return r.ramBytes();
        case "disk": return r.diskBytes();
        case "gpu": return r.gpu();
        default: return null;
      }
    }
    if (node instanceof LoggerConfig l) {
      switch (name) {
        case "destination": return l.destination();
        case "mode": return l.mode();
        case "rotate": return l.rotate();
        default: return null;
      }
    }
    if (node instanceof RotatePolicy r) {
      return name.equals("log_size") ? (Object) r.logSizeBytes()
          : name.equals("backups") ? (Object) r.backups() : null;
    }
    return null;
  }
}
