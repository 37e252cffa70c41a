/*
 * The thermos checkpoint IDL.
 *
 * Field ids, types and enum values are Apache Aurora's
 * (api/src/main/thrift/org/apache/thermos/thermos_internal.thrift) and never change: the checkpoint
 * stream is shared with Aurora's Python tools.
 *
 * Every struct field is `optional`. Aurora's IDL uses default requiredness, for which the Python
 * generator omits unset (None) fields but the Java generator always writes primitives (a WAITING
 * record would carry pid=0, return_code=0, ...). With `optional`, the Java writer emits exactly the
 * fields that are set, byte-identical to Aurora's Python writer. The Java generator writes fields in
 * declaration order while Python's writes them in ascending id order, so fields are declared here in
 * ascending id order (Aurora's own file declares some out of order; ids and types are unchanged).
 */

namespace java dev.thermos.gen
namespace py gen.apache.thermos

enum ProcessState {
  WAITING = 0   // created, waiting for dependencies or for the runner to start it
  FORKED  = 1   // coordinator forked, user process not yet reported running
  RUNNING = 2   // user process running
  SUCCESS = 3   // exited with code 0
  KILLED  = 4   // ended by a signal (user action, task teardown, runner kill)
  FAILED  = 5   // exited non-zero, or could not be launched
  LOST    = 6   // coordinator died or was never heard from; not a failure
}

struct ProcessStatus {
  // Sequence number, per process, consecutive across all runs of the process in the runner stream.
  1: optional i64 seq

  3: optional string process
  5: optional ProcessState state

  // RUNNING
  6: optional double start_time
  7: optional i32 pid           // pid of the user process (the `/bin/bash -c` child)

  // SUCCESS, FAILED, KILLED
  8: optional double stop_time
  9: optional i32 return_code

  // FORKED
 10: optional i32 coordinator_pid
 11: optional double fork_time
}

enum TaskState {
  ACTIVE     = 0
  SUCCESS    = 1
  FAILED     = 2
  KILLED     = 3
  LOST       = 4
  CLEANING   = 5
  FINALIZING = 6
}

struct TaskStatus {
  1: optional TaskState state
  2: optional i64 timestamp_ms
  3: optional i32 runner_pid
  4: optional i32 runner_uid
}

struct RunnerHeader {
  1: optional string task_id
  2: optional i64 launch_time_ms
  3: optional string sandbox
  4: optional string hostname
  5: optional string user
  6: optional map<string, i64> ports
  7: optional string log_dir    // added after 2012: absent in old streams
  8: optional i32 uid           // added after 2012: absent in old streams
}

union RunnerCkpt {
  1: RunnerHeader runner_header
  2: ProcessStatus process_status
  3: TaskStatus task_status
}

// In-memory aggregate of a replayed stream; never framed in a checkpoint.
struct RunnerState {
  1: optional RunnerHeader header
  2: optional list<TaskStatus> statuses
  3: optional map<string, list<ProcessStatus>> processes
}
