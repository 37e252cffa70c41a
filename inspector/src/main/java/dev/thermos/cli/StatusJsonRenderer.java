package dev.thermos.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.MinimalPrettyPrinter;
import dev.thermos.monitor.TaskRowJson;
import dev.thermos.monitor.TaskSideFiles;
import dev.thermos.monitor.TaskSummary;
import java.io.Closeable;
import java.io.IOException;
import java.io.Writer;
import java.util.OptionalInt;

/**
 * {@code thermos status --json}: a JSON array, one object per task ({@link TaskRowJson}, shared with
 * the observer's {@code /api/v1/tasks}), one task per line.
 */
final class StatusJsonRenderer implements Closeable {
  private final JsonGenerator g;

  StatusJsonRenderer(Writer out) throws IOException {
    g = new JsonFactory().createGenerator(out);
    g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
    g.setPrettyPrinter(new OnePerLine());
    g.writeStartArray();
  }

  /** One task; {@code runner} is null for a finished task. */
  void render(TaskSummary summary, RunnerLiveness runner, TaskSideFiles side) throws IOException {
    TaskRowJson.write(g, summary, runner == null ? OptionalInt.empty() : runner.pid(), side);
  }

  /** Compact objects, the (only, top-level) array's elements one per line. */
  private static final class OnePerLine extends MinimalPrettyPrinter {
    @Override
    public void writeStartArray(JsonGenerator g) throws IOException {
      g.writeRaw("[\n");
    }

    @Override
    public void writeArrayValueSeparator(JsonGenerator g) throws IOException {
      g.writeRaw(",\n");
    }

    @Override
    public void writeEndArray(JsonGenerator g, int values) throws IOException {
      g.writeRaw(values > 0 ? "\n]" : "]");
    }
  }

  @Override
  public void close() throws IOException {
    g.writeEndArray();
    g.writeRaw('\n');
    g.close();
  }
}
