/*
 * thermos-coordinator --spawner: one long-lived helper per runner that forks coordinators on
 * request, so that a run costs a fork of this small process instead of the JVM starting a new
 * program (on the machines we measured, process creation from the JVM dominated a short run).
 *
 * Protocol, over the spawner's stdin (requests) and stdout (replies), both pipes to the runner:
 *
 *   request := length:uint32 big-endian, then NUL-terminated strings:
 *              argc, argv[0..argc-1], envc, env[0..envc-1]
 *              (argv as for a coordinator started on its own, without the program name)
 *   reply   := "S <pid>\n"            the coordinator of the last request was forked
 *            | "X <errno>\n"          it could not be forked
 *            | "E <pid> <status>\n"   a coordinator exited: exit code, or 128 + signal
 *
 * A coordinator forked here is the same program as one started alone: it calls setsid(), takes its
 * checkpoint's lock, and outlives the spawner and the runner. Its stdin is /dev/null; its stdout
 * the runner's stdout (opened through /proc, for the console log destination), or /dev/null.
 * The spawner exits when its stdin closes (the runner ended or died); its coordinators go on.
 *
 * With --cgroup DIR (the task's cgroup v2), the spawner moves itself into DIR first, so that every
 * coordinator it forks, and all that starts under it, is born there. One move per runner: moving a
 * process between cgroups waits for an RCU grace period (milliseconds), a fork inherits for free.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/signalfd.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

int coordinator_main(int argc, char **argv);
extern char **environ;

#define MAX_REQUEST (16 * 1024 * 1024)

static int console_fd = -1;

static void reply(const char *format, long a, long b) {
  char line[64];
  int n = snprintf(line, sizeof line, format, a, b);
  ssize_t ignored = write(STDOUT_FILENO, line, (size_t) n);
  (void) ignored;
}

/* Reads "<count>\0" then count strings; NULL-terminated array pointing into the payload. */
static char **strings(char **p, char *end, int extra, long *count) {
  if (*p >= end) return NULL;
  *count = strtol(*p, NULL, 10);
  *p += strlen(*p) + 1;
  if (*count < 0 || *count > 100000) return NULL;
  char **array = calloc((size_t) (*count + extra + 1), sizeof(char *));
  if (array == NULL) return NULL;
  for (long i = 0; i < *count; i++) {
    if (*p >= end) {
      free(array);
      return NULL;
    }
    array[i + extra] = *p;
    *p += strlen(*p) + 1;
  }
  return array;
}

/* Splits a request payload into argv (with a program name in front) and env. */
static int split(char *p, char *end, char ***argv, int *argc, char ***env) {
  long argn, envn;
  end[-1] = '\0'; /* a malformed payload cannot run off the end */
  *argv = strings(&p, end, 1, &argn);
  if (*argv == NULL) return -1;
  (*argv)[0] = "thermos-coordinator";
  *argc = (int) argn + 1;
  *env = strings(&p, end, 0, &envn);
  if (*env == NULL) {
    free(*argv);
    return -1;
  }
  (void) envn;
  return 0;
}

static void become_coordinator(int argc, char **argv, char **env, int sigfd) {
  close(sigfd);
  int null = open("/dev/null", O_RDWR);
  dup2(null, STDIN_FILENO);
  dup2(console_fd >= 0 ? console_fd : null, STDOUT_FILENO);
  if (null > STDERR_FILENO) close(null);
  if (console_fd > STDERR_FILENO) close(console_fd);
  sigset_t none;
  sigemptyset(&none);
  sigprocmask(SIG_SETMASK, &none, NULL);
  signal(SIGPIPE, SIG_DFL);
  environ = env;
  _exit(coordinator_main(argc, argv));
}

static void spawn(char *payload, uint32_t len, int sigfd) {
  char **argv, **env;
  int argc;
  if (len == 0 || split(payload, payload + len, &argv, &argc, &env) != 0) {
    reply("X %ld\n", EINVAL, 0);
    return;
  }
  pid_t pid = fork();
  if (pid == 0) become_coordinator(argc, argv, env, sigfd);
  free(argv);
  free(env);
  if (pid < 0) reply("X %ld\n", errno, 0);
  else reply("S %ld\n", pid, 0);
}

static void reap_all(int sigfd) {
  struct signalfd_siginfo info;
  while (read(sigfd, &info, sizeof info) == sizeof info) {
    /* drain */
  }
  int status;
  pid_t pid;
  while ((pid = waitpid(-1, &status, WNOHANG)) > 0) {
    long code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    reply("E %ld %ld\n", pid, code);
  }
}

/* Reads whole requests from stdin; returns 0 at end of input. */
static int read_requests(char **buf, size_t *have, int sigfd) {
  static size_t capacity = 0;
  if (*have == capacity) {
    capacity = capacity ? capacity * 2 : 65536;
    if (capacity > MAX_REQUEST + 4) return 0;
    *buf = realloc(*buf, capacity);
    if (*buf == NULL) return 0;
  }
  ssize_t n = read(STDIN_FILENO, *buf + *have, capacity - *have);
  if (n <= 0) return n < 0 && errno == EINTR;
  *have += (size_t) n;
  size_t used = 0;
  while (*have - used >= 4) {
    unsigned char *h = (unsigned char *) *buf + used;
    uint32_t len = ((uint32_t) h[0] << 24) | ((uint32_t) h[1] << 16) | ((uint32_t) h[2] << 8) | h[3];
    if (len > MAX_REQUEST) return 0;
    if (*have - used - 4 < len) break;
    spawn(*buf + used + 4, len, sigfd);
    used += 4 + len;
  }
  memmove(*buf, *buf + used, *have - used);
  *have -= used;
  return 1;
}

/* A failure is reported and the spawner goes on: the runner's other means of stopping processes
 * (groups, sessions, ancestry) do not depend on the cgroup. */
static void join_cgroup(const char *dir) {
  char path[4096];
  int n = snprintf(path, sizeof path, "%s/cgroup.procs", dir);
  int fd = n > 0 && (size_t) n < sizeof path ? open(path, O_WRONLY | O_CLOEXEC) : -1;
  if (fd < 0 || write(fd, "0", 1) != 1) {
    fprintf(stderr, "thermos-coordinator --spawner: cannot join cgroup %s: %s\n", dir,
            strerror(errno));
  }
  if (fd >= 0) close(fd);
}

int spawner_main(const char *cgroup) {
  signal(SIGPIPE, SIG_IGN);
  if (cgroup) join_cgroup(cgroup);
  char path[64];
  snprintf(path, sizeof path, "/proc/%ld/fd/1", (long) getppid());
  console_fd = open(path, O_WRONLY | O_CLOEXEC);
  sigset_t chld;
  sigemptyset(&chld);
  sigaddset(&chld, SIGCHLD);
  sigprocmask(SIG_BLOCK, &chld, NULL);
  int sigfd = signalfd(-1, &chld, SFD_NONBLOCK | SFD_CLOEXEC);
  if (sigfd < 0) return 71;
  char *buf = NULL;
  size_t have = 0;
  struct pollfd fds[2] = {{.fd = STDIN_FILENO, .events = POLLIN}, {.fd = sigfd, .events = POLLIN}};
  for (;;) {
    if (poll(fds, 2, -1) < 0) {
      if (errno == EINTR) continue;
      return 71;
    }
    if (fds[1].revents) reap_all(sigfd);
    if (fds[0].revents && !read_requests(&buf, &have, sigfd)) return 0;
  }
}
