/*
 * durable_floor: the least work a chain step of `thermos run` needs to keep the runner's
 * durability promises, done by a plain C program on the file system under test. bench/runner.sh
 * builds it, runs it in the same run as thermos, and reports thermos's per-step cost as a ratio
 * to it.
 *
 *   durable_floor chain DIR STEPS [nosync]   prints the mean cost of one step in microseconds
 *   durable_floor probe DIR FILES            prints the mean cost of creating one file (µs)
 *
 * One step of `chain` does what a step of a chain of `true` processes needs, and no more:
 *   1. the runner appends its WAITING record (with the previous run's end copied into the same
 *      write) to its checkpoint and fdatasyncs it: durable before the launch;
 *   2. it forks a coordinator, which leads a new session, creates .logs/<process>/ and
 *      .logs/<process>/0/ (mkdirat below the sandbox), creates and flocks its checkpoint file
 *      coordinator.<process>, creates the two log files, and forks the child, which points
 *      stdout and stderr at them, enters the sandbox and execs /bin/bash -c true;
 *   3. while the child runs, the coordinator fsyncs the checkpoint directory (the new file's
 *      entry) and appends FORKED+RUNNING with one write and one fdatasync;
 *   4. it reaps the child, appends the end record, tells the runner (a byte on a pipe: the
 *      runner copies the end into its own stream and makes it durable with the next WAITING, so
 *      the coordinator's own fdatasync of it, done next, is off the critical path) and exits;
 *   5. the runner reaps the coordinator when it has exited, without waiting for it.
 * With `nosync` the fsyncs and fdatasyncs are left out (the floor without durability).
 *
 * `probe` creates FILES new empty files in DIR (left there): on ext4 without a journal, creating
 * an inode skips every inode deleted in the last minutes, so a create that costs far more than
 * ~30 µs says that timings taken now are skewed by recent deletions (a build, an rm -rf).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* The size of one of thermos's process records (about 60 bytes). */
static const char record[64] = "a record of the size of a ProcessStatus of thermos ..........";

static int durable = 1;
/* In a coordinator: the pipe to the runner, told of a failure too (it waits for a byte). */
static int told_fd = -1;

static void fail(const char *what) {
  fprintf(stderr, "durable_floor: %s: %s\n", what, strerror(errno));
  if (told_fd >= 0 && write(told_fd, "f", 1) != 1) { /* the runner is gone */ }
  exit(1);
}

static double now_us(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double) ts.tv_sec * 1e6 + (double) ts.tv_nsec / 1e3;
}

static void sync_data(int fd) {
  if (durable && fdatasync(fd) != 0) fail("fdatasync");
}

static void append(int fd, size_t records) {
  char buffer[sizeof record * 4];
  for (size_t i = 0; i < records; i++) memcpy(buffer + i * sizeof record, record, sizeof record);
  if (write(fd, buffer, records * sizeof record) != (ssize_t) (records * sizeof record)) {
    fail("write");
  }
  sync_data(fd);
}

/* mkdirat + open O_DIRECTORY|O_NOFOLLOW, as the coordinator opens each log directory. */
static int make_dir(int parent, const char *name) {
  if (mkdirat(parent, name, 0755) != 0 && errno != EEXIST) fail("mkdirat");
  int fd = openat(parent, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
  if (fd < 0) fail("openat directory");
  return fd;
}

static int create(int dir, const char *name, int flags) {
  int fd = openat(dir, name, flags | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0644);
  if (fd < 0) fail("openat file");
  return fd;
}

static void coordinator(int sandbox, int logs, int checkpoints, const char *process, int told) {
  told_fd = told;
  if (setsid() < 0) fail("setsid");
  int process_dir = make_dir(logs, process);
  int run_dir = make_dir(process_dir, "0");
  char name[64];
  snprintf(name, sizeof name, "coordinator.%s", process);
  int ckpt = create(checkpoints, name, O_RDWR | O_APPEND | O_EXCL);
  if (flock(ckpt, LOCK_EX | LOCK_NB) != 0) fail("flock");
  int out = create(run_dir, "stdout", O_WRONLY | O_APPEND);
  int err = create(run_dir, "stderr", O_WRONLY | O_APPEND);
  pid_t child = fork();
  if (child < 0) fail("fork");
  if (child == 0) {
    if (dup2(out, 1) < 0 || dup2(err, 2) < 0 || fchdir(sandbox) != 0) _exit(127);
    char *const args[] = {"/bin/bash", "-c", "true", NULL};
    execv("/bin/bash", args);
    _exit(127);
  }
  if (durable && fsync(checkpoints) != 0) fail("fsync directory");
  append(ckpt, 2);
  int status;
  if (waitpid(child, &status, 0) != child) fail("waitpid child");
  if (write(ckpt, record, sizeof record) != (ssize_t) sizeof record) fail("write");
  if (write(told, "e", 1) != 1) _exit(1);
  sync_data(ckpt);
  _exit(0);
}

/* Reaps the coordinators that exited (all of them when wait); the number that failed. */
static int reap(int wait) {
  static int failed;
  int status;
  pid_t pid;
  while ((pid = waitpid(-1, &status, wait ? 0 : WNOHANG)) > 0) {
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
      fprintf(stderr, "durable_floor: a coordinator failed\n");
      failed++;
    }
  }
  return failed;
}

static int chain(const char *root, long steps) {
  int dir = open(root, O_RDONLY | O_DIRECTORY);
  if (dir < 0) fail(root);
  int sandbox = make_dir(dir, "sandbox");
  int logs = make_dir(sandbox, ".logs");
  int checkpoints = make_dir(dir, "checkpoints");
  int runner = create(checkpoints, "runner", O_WRONLY | O_APPEND);
  if (flock(runner, LOCK_EX | LOCK_NB) != 0) fail("flock");
  int ends[2];
  if (pipe2(ends, O_CLOEXEC) != 0) fail("pipe");
  double start = now_us();
  for (long k = 0; k < steps; k++) {
    char process[32];
    snprintf(process, sizeof process, "p%04ld", k);
    append(runner, k == 0 ? 1 : 2); /* WAITING, with the previous run's end copied */
    pid_t pid = fork();
    if (pid < 0) fail("fork");
    if (pid == 0) coordinator(sandbox, logs, checkpoints, process, ends[1]);
    char end;
    if (read(ends[0], &end, 1) != 1) fail("read pipe");
    if (end != 'e') {
      fprintf(stderr, "durable_floor: step %ld failed\n", k);
      return 1;
    }
    reap(0);
  }
  double per_step = (now_us() - start) / (double) steps;
  if (reap(1) != 0) return 1;
  printf("%.0f\n", per_step);
  return 0;
}

static int probe(const char *root, long files) {
  int dir = open(root, O_RDONLY | O_DIRECTORY);
  if (dir < 0) fail(root);
  double start = now_us();
  for (long i = 0; i < files; i++) {
    char name[32];
    snprintf(name, sizeof name, "probe.%ld", i);
    close(create(dir, name, O_WRONLY | O_EXCL));
  }
  printf("%.1f\n", (now_us() - start) / (double) files);
  return 0;
}

int main(int argc, char **argv) {
  if (argc >= 4 && strcmp(argv[1], "chain") == 0) {
    durable = !(argc == 5 && strcmp(argv[4], "nosync") == 0);
    return chain(argv[2], strtol(argv[3], NULL, 10));
  }
  if (argc == 4 && strcmp(argv[1], "probe") == 0) return probe(argv[2], strtol(argv[3], NULL, 10));
  fprintf(stderr, "usage: durable_floor chain DIR STEPS [nosync] | probe DIR FILES\n");
  return 2;
}
