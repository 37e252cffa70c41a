package dev.thermos.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.thermos.config.ProcessConfig;
import dev.thermos.config.TaskConfig;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class LogsHintTest {
  @Test
  void aTaskOfOneProcessNamesIt() {
    assertEquals("logs: thermos tail --root /var/run/thermos t1 hello (-f follows)",
        LogsHint.line(Path.of("/var/run/thermos"), "t1",
            TaskConfig.of("t", List.of(ProcessConfig.of("hello", "true")))));
  }

  @Test
  void aTaskOfSeveralProcessesLeavesTheChoiceAndQuotesForTheShell() {
    assertEquals("logs: thermos tail --root '/tmp/my root' 'it'\\''s' PROCESS (-f follows)",
        LogsHint.line(Path.of("/tmp/my root"), "it's", TaskConfig.of("t",
            List.of(ProcessConfig.of("a", "true"), ProcessConfig.of("b", "true")))));
  }
}
