package dev.thermos.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.thermos.format.RunnerStateJson;
import dev.thermos.gen.RunnerCkpt;
import java.io.IOException;

/** One raw record as JSON: {@code {"offset": N, "<union member>": {...}}}. */
final class RecordJson {
  private RecordJson() {}

  static void write(JsonGenerator g, long offset, RunnerCkpt record) throws IOException {
    g.writeStartObject();
    g.writeNumberField("offset", offset);
    if (record.isSetRunnerHeader()) {
      g.writeFieldName("runner_header");
      RunnerStateJson.writeHeader(g, record.getRunnerHeader());
    } else if (record.isSetProcessStatus()) {
      g.writeFieldName("process_status");
      RunnerStateJson.writeRun(g, record.getProcessStatus());
    } else if (record.isSetTaskStatus()) {
      g.writeFieldName("task_status");
      RunnerStateJson.writeTaskStatus(g, record.getTaskStatus());
    }
    g.writeEndObject();
  }
}
