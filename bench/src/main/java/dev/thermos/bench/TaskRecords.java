package dev.thermos.bench;

import dev.thermos.gen.RunnerCkpt;
import dev.thermos.gen.RunnerHeader;
import dev.thermos.gen.TaskState;
import dev.thermos.gen.TaskStatus;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The task-level records of the simulated task: its header and its task statuses. */
final class TaskRecords {
  static final String TASK_ID =
      "1700000000000-www-data-prod-hello_world-0-6a5d7e3c-1f2b-4c8e-9d0a-2b3c4d5e6f70";
  static final String USER = "www-data";
  static final int UID = 33;
  static final int RUNNER_PID = 4242;

  /** Process names of the task, in the order the processes are created. */
  static final List<String> PROCESS_NAMES = List.of(
      "fetch_package", "setup_config", "web_server", "health_check", "log_rotator",
      "metrics_agent", "cache_warmer", "db_migrate", "queue_worker", "cleanup_tmp");

  private TaskRecords() {}

  static RunnerCkpt header(SimClock clock) {
    Map<String, Long> ports = new LinkedHashMap<>();
    ports.put("http", 31337L);
    ports.put("health", 31338L);
    String sandbox = "/var/lib/thermos/sandbox/" + TASK_ID;
    return RunnerCkpt.runner_header(new RunnerHeader()
        .setTaskId(TASK_ID)
        .setLaunchTimeMs(clock.millis())
        .setSandbox(sandbox)
        .setHostname("worker-17.prod.example.com")
        .setUser(USER)
        .setPorts(ports)
        .setLogDir(sandbox + "/.logs")
        .setUid(UID));
  }

  static RunnerCkpt status(TaskState state, SimClock clock) {
    return RunnerCkpt.task_status(new TaskStatus()
        .setState(state)
        .setTimestampMs(clock.millis())
        .setRunnerPid(RUNNER_PID)
        .setRunnerUid(UID));
  }
}
