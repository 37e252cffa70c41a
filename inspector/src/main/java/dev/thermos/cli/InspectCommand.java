package dev.thermos.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import dev.thermos.config.Interpolator;
import dev.thermos.config.InvalidTaskException;
import dev.thermos.config.TaskConfig;
import dev.thermos.config.TaskConfigJson;
import dev.thermos.config.TaskConfigLoader;
import dev.thermos.config.TaskValidator;
import dev.thermos.config.ThermosContext;
import dev.thermos.planner.InvalidScheduleException;
import dev.thermos.runner.RunRequest;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code thermos inspect}: the task as the runner would see it, before it has a task id — defaults
 * filled in, {@code -E} bindings, self references and {@code -P} ports interpolated, every other
 * reference ({@code {{thermos.task_id}}}, ...) left as text. Pretty-printed JSON, in the shape of
 * the task file the runner writes.
 */
@Command(
    name = "inspect",
    description = "Inspect a thermos task and display the evaluated task as JSON.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:the task was printed", "2:usage error", "3:no such file",
        "65:the task is invalid: the same checks, message and code as thermos run"})
public final class InspectCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = {"-E", "--environment"}, paramLabel = "NAME=VALUE",
      description = "Bind a template variable.")
  String[] bindings = {};

  @Option(names = {"-P", "--port"}, paramLabel = "NAME:PORT",
      description = "Bind a named port ({{thermos.ports[NAME]}}).")
  String[] ports = {};

  @Parameters(paramLabel = "TASK.json", description = "The task (Aurora's JSON form).")
  Path task;

  @Override
  public Integer call() throws IOException {
    if (!Files.exists(task)) {
      throw new NoSuchFileException(task.toString());
    }
    TaskConfig evaluated;
    try {
      TaskConfig raw = TaskConfigLoader.load(task);
      RunRequest.check(raw, RunCommand.parseBindings(bindings));
      evaluated = Interpolator.interpolatePartially(raw,
          new ThermosContext(null, null, RunCommand.parsePorts(ports)),
          RunCommand.parseBindings(bindings));
      TaskValidator.checkNames(evaluated);
    } catch (InvalidTaskException e) {
      return invalid(e.getMessage());
    } catch (InvalidScheduleException e) {
      return invalid("Task has invalid plan: " + e.getMessage());
    }
    PrintWriter out = spec.commandLine().getOut();
    prettyPrint(TaskConfigJson.toJson(evaluated), out);
    out.println();
    out.flush();
    return ExitCode.OK;
  }

  /** What {@code run} says of the same task, and its exit code. */
  private int invalid(String message) {
    spec.commandLine().getErr().println(spec.qualifiedName() + ": " + message);
    return ExitCode.INVALID;
  }

  private static void prettyPrint(String json, PrintWriter out) throws IOException {
    JsonFactory factory = new JsonFactory();
    try (JsonParser parser = factory.createParser(json);
        JsonGenerator g = factory.createGenerator(out)) {
      g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
      DefaultPrettyPrinter pretty = new DefaultPrettyPrinter(Separators.createDefaultInstance()
          .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
          .withObjectEmptySeparator("").withArrayEmptySeparator(""));
      pretty.indentArraysWith(DefaultIndenter.SYSTEM_LINEFEED_INSTANCE);
      g.setPrettyPrinter(pretty);
      parser.nextToken();
      g.copyCurrentStructure(parser);
    }
  }
}
