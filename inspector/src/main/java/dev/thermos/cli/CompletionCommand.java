package dev.thermos.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code thermos completion}: print the bash completion script ({@code source <(thermos completion)}). */
@Command(
    name = "completion",
    description = {"Print a bash completion script for thermos.",
        "Install it for this shell with: source <(thermos completion)"})
public final class CompletionCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  /**
   * The verbs whose positional arguments are task ids (and, for tail, restart and signal, a
   * process name; for signal, then a signal).
   */
  private static final List<String> TASK_VERBS = List.of("status", "tail", "kill", "lose", "gc",
      "hold", "release", "drain", "restart", "signal");

  @Override
  public Integer call() throws IOException {
    var root = spec.commandLine().getParent();
    spec.commandLine().getOut().print(withTaskIds(AutoComplete.bash("thermos", root)));
    spec.commandLine().getOut().flush();
    return ExitCode.OK;
  }

  /**
   * picocli's script, with the task verbs' positional candidates taken from the root
   * ({@code completion-tasks.bash}) instead of none.
   */
  static String withTaskIds(String script) throws IOException {
    StringBuilder out = new StringBuilder(script.length() + 4096);
    String verb = null;
    for (String line : script.split("\n", -1)) {
      if (line.startsWith("function _picocli_thermos_")) {
        String name = line.substring("function _picocli_thermos_".length()).replace("() {", "");
        verb = TASK_VERBS.contains(name) ? name : null;
      }
      if (verb != null && line.trim().equals("local positionals=\"\"")) {
        line = line.replace("\"\"", "\"$(_thermos_positionals " + verb + ")\"");
      }
      out.append(line).append('\n');
    }
    out.setLength(out.length() - 1);
    try (InputStream in = CompletionCommand.class.getResourceAsStream("completion-tasks.bash")) {
      out.append(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
    return out.toString();
  }
}
