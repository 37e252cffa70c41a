package dev.thermos.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.Yaml;

/**
 * The container examples ({@code examples/kubernetes}, {@code examples/nomad}) as the tests read
 * them: the commands their runner and observer run, and the task they give the runner.
 */
public final class DeploymentExamples {
  static final Path KUBERNETES = Path.of("..", "examples", "kubernetes", "thermos-job.yaml");
  static final Path NOMAD = Path.of("..", "examples", "nomad", "thermos.nomad.hcl");
  private static final Path OBSERVER_MAIN = Path.of("..", "observer", "src", "main", "java",
      "dev", "thermos", "observer", "ObserverMain.java");

  private DeploymentExamples() {}

  /** Every YAML document of the Kubernetes example, by its kind. */
  @SuppressWarnings("unchecked")
  public static Map<String, Map<String, Object>> kubernetes() throws IOException {
    Map<String, Map<String, Object>> byKind = new java.util.LinkedHashMap<>();
    for (Object doc : new Yaml().loadAll(Files.readString(KUBERNETES))) {
      Map<String, Object> m = (Map<String, Object>) doc;
      byKind.put((String) m.get("kind"), m);
    }
    return byKind;
  }

  public static HclDocument.Block nomad() throws IOException {
    return HclDocument.parse(Files.readString(NOMAD));
  }

  /** A value at a path of maps (string keys) and lists (numbers). */
  @SuppressWarnings("unchecked")
  static <T> T at(Object root, Object... path) {
    Object at = root;
    for (Object key : path) {
      at = key instanceof Integer i
          ? ((List<Object>) at).get(i) : ((Map<String, Object>) at).get(key);
      if (at == null) {
        throw new AssertionError("nothing at " + List.of(path));
      }
    }
    return (T) at;
  }

  /** The Job's pod spec. */
  public static Map<String, Object> podSpec() throws IOException {
    return at(kubernetes().get("Job"), "spec", "template", "spec");
  }

  /** The command of the container {@code name} (in containers or initContainers). */
  @SuppressWarnings("unchecked")
  public static List<String> kubernetesCommand(String name) throws IOException {
    Map<String, Object> pod = podSpec();
    List<Map<String, Object>> all = new ArrayList<>();
    for (String list : List.of("containers", "initContainers")) {
      all.addAll((List<Map<String, Object>>) pod.getOrDefault(list, List.of()));
    }
    for (Map<String, Object> c : all) {
      if (name.equals(c.get("name"))) {
        return at(c, "command");
      }
    }
    throw new AssertionError("no container " + name);
  }

  /** {@code thermos} and the args of the Nomad task {@code name}. */
  public static List<String> nomadCommand(String name) throws IOException {
    HclDocument.Block config = nomad().one("job", null).one("group", null).one("task", name)
        .one("config", null);
    List<String> command = new ArrayList<>(List.of(
        Path.of((String) config.attributes().get("command")).getFileName().toString()));
    @SuppressWarnings("unchecked")
    List<String> args = (List<String>) config.attributes().get("args");
    command.addAll(args);
    return command;
  }

  /** The task file the Nomad runner gets (its template's data). */
  public static String nomadTask() throws IOException {
    return (String) nomad().one("job", null).one("group", null).one("task", "runner")
        .one("template", null).attributes().get("data");
  }

  /** The task file the Kubernetes runner gets (the ConfigMap's). */
  public static String kubernetesTask() throws IOException {
    return at(kubernetes().get("ConfigMap"), "data", "task.json");
  }

  /** Null when {@code args} (after {@code thermos}) parse as a {@code run}; else the error. */
  static String runParseError(List<String> args) {
    StringWriter err = new StringWriter();
    try {
      Main.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(err),
          args.toArray(String[]::new)).parseArgs(args.toArray(String[]::new));
      return null;
    } catch (RuntimeException e) {
      return e.getMessage();
    }
  }

  /** The long options {@code thermos observe} declares (its sources: it has a jar of its own). */
  public static List<String> observerOptions() throws IOException {
    List<String> out = new ArrayList<>();
    Matcher m = Pattern.compile("@Option\\(names = (\\{[^}]*}|\"[^\"]*\")")
        .matcher(Files.readString(OBSERVER_MAIN));
    while (m.find()) {
      Matcher name = Pattern.compile("\"(--[a-z-]+)\"").matcher(m.group(1));
      while (name.find()) {
        out.add(name.group(1));
      }
    }
    return out;
  }
}
