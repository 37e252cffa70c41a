/*
 * thermos-coordinator --spawner: one long-lived helper per runner that forks coordinators on
 * request, so that a run costs a fork of this small process instead of the JVM starting a new
 * program (on the machines we measured, process creation from the JVM dominated a short run).
 *
 * Usage: thermos-coordinator --spawner --replies FD INODE [--cgroup DIR]
 *
 * Protocol: requests arrive on the spawner's stdin (a pipe from the runner); replies go to a pipe
 * the runner created, whose write end is the runner's descriptor FD (pipe inode INODE). The
 * spawner reopens that end through /proc/<parent>/fd/FD after checking that it is exactly that
 * pipe ("pipe:[INODE]", a FIFO with that inode): reopening a pipe reaches the same pipe, and
 * nothing else is ever opened that way.
 *
 *   request := length:uint32 big-endian, then NUL-terminated strings:
 *              argc, argv[0..argc-1], envc, env[0..envc-1]
 *              (argv as for a coordinator started on its own, without the program name)
 *            | length, then "g", pid     go: the coordinator of pid may fork its command
 *            | length, then "n", pid     no-go: it must not (it exits, 76, forking nothing)
 *
 * A coordinator forked here sets itself up (its checkpoint, its log files) and then waits for its
 * go before forking the command: the runner asks for the coordinator first and makes the run's
 * WAITING record durable meanwhile, then says go. Its go arrives on a pipe of its own whose write
 * end the spawner holds: should the runner die first (the spawner then ends, its stdin closed) or
 * the spawner, the pipe reads end of file and the coordinator exits without running anything.
 *   reply   := "R\n"                  first: the spawner holds the reply pipe (the runner closes
 *                                     its own write end, so that the spawner's death is EOF)
 *            | "S <pid>\n"            the coordinator of the last request was forked
 *            | "X <errno>\n"          it could not be forked
 *            | "E <pid> <status>\n"   a coordinator forked here exited: exit code, or 128 + signal
 *
 * Descriptors: the spawner's stdout and stderr are the runner's own (inherited, the same open file
 * descriptions), and so are a coordinator's: console output lands where the runner's does, at the
 * end of an O_APPEND file, on a socket or a terminal, and a descriptor the runner opened read-only
 * is never reopened for writing. Descriptors 0-2 found closed at start are opened to /dev/null
 * first, so that no file opened later takes their place; so is a stdout or stderr open read-only.
 *
 * A coordinator forked here is the same program as one started alone: it calls setsid(), takes its
 * checkpoint's lock, and outlives the spawner and the runner. Its stdin is /dev/null. The spawner
 * exits when its stdin closes (the runner ended or died); its coordinators go on.
 *
 * The spawner is a child subreaper: what a coordinator leaves behind when it exits (orphans of the
 * run) is re-parented here and reaped as it dies, silently; only the coordinators it forked are
 * reported. It ignores SIGHUP, SIGINT and SIGQUIT (a closed terminal, Ctrl-C or Ctrl-\ reach the
 * runner's whole process group): the runner decides what they mean. Its coordinators get the
 * default dispositions back.
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
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/signalfd.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

int coordinator_main(int argc, char **argv);
extern char **environ;

#define MAX_REQUEST (16 * 1024 * 1024)
#define EXIT_SETUP 71

static int replies_fd = -1;

/* In a coordinator forked here: the read end of its go pipe (see above); -1 otherwise. */
int go_fd = -1;

/*
 * The pids of the coordinators forked here and not yet reaped (a few hundred at most), and the
 * write end of each one's go pipe (-1 once it was told).
 */
static pid_t *coordinators;
static int *go_writers;
static size_t coordinator_count, coordinator_capacity;

__attribute__((format(printf, 1, 2))) static void reply(const char *format, ...) {
  char line[64];
  va_list values;
  va_start(values, format);
  int n = vsnprintf(line, sizeof line, format, values);
  va_end(values);
  if (n <= 0 || (size_t) n >= sizeof line) return;
  ssize_t ignored = write(replies_fd, line, (size_t) n);
  (void) ignored;
}

/* Makes room for one more coordinator (before the fork: afterwards there is no failing). */
static int make_room(void) {
  if (coordinator_count < coordinator_capacity) return 0;
  size_t capacity = coordinator_capacity ? coordinator_capacity * 2 : 256;
  pid_t *grown = realloc(coordinators, capacity * sizeof *grown);
  if (grown == NULL) return -1;
  coordinators = grown;
  int *writers = realloc(go_writers, capacity * sizeof *writers);
  if (writers == NULL) return -1;
  go_writers = writers;
  coordinator_capacity = capacity;
  return 0;
}

/* Tells the coordinator at index i to go (or not), once: its pipe is closed after. */
static void tell(size_t i, int go) {
  if (go_writers[i] < 0) return;
  if (go && write(go_writers[i], "G", 1) != 1) { /* it exited: nothing to tell */ }
  close(go_writers[i]);
  go_writers[i] = -1;
}

/* Removes pid from the coordinators; true if it was one. */
static int forget(pid_t pid) {
  for (size_t i = 0; i < coordinator_count; i++) {
    if (coordinators[i] == pid) {
      tell(i, 0);
      coordinator_count--;
      coordinators[i] = coordinators[coordinator_count];
      go_writers[i] = go_writers[coordinator_count];
      return 1;
    }
  }
  return 0;
}

/* A go ("g") or no-go ("n") for the coordinator whose pid follows; an unknown pid is ignored. */
static void answer(const char *payload, uint32_t len) {
  if (len < 3 || payload[1] != '\0') return;
  long pid = strtol(payload + 2, NULL, 10);
  for (size_t i = 0; i < coordinator_count; i++) {
    if (coordinators[i] == (pid_t) pid) tell(i, payload[0] == 'g');
  }
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

static const int ignored_signals[] = {SIGHUP, SIGINT, SIGQUIT, SIGPIPE};

static void set_ignored_signals(void (*disposition)(int)) {
  for (size_t i = 0; i < sizeof ignored_signals / sizeof ignored_signals[0]; i++) {
    signal(ignored_signals[i], disposition);
  }
}

/* In the forked child: stdin from /dev/null, stdout and stderr the runner's (inherited). */
static void become_coordinator(int argc, char **argv, char **env, int sigfd, int go) {
  close(sigfd);
  close(replies_fd);
  for (size_t i = 0; i < coordinator_count; i++) {
    if (go_writers[i] >= 0) close(go_writers[i]); /* the others' go is not ours to hold */
  }
  go_fd = go;
  int null = open("/dev/null", O_RDONLY);
  if (null >= 0 && null != STDIN_FILENO) {
    dup2(null, STDIN_FILENO);
    close(null);
  }
  set_ignored_signals(SIG_DFL);
  sigset_t none;
  sigemptyset(&none);
  sigprocmask(SIG_SETMASK, &none, NULL);
  environ = env;
  _exit(coordinator_main(argc, argv));
}

static void spawn(char *payload, uint32_t len, int sigfd) {
  char **argv, **env;
  int argc;
  if (len == 0 || split(payload, payload + len, &argv, &argc, &env) != 0) {
    reply("X %d\n", EINVAL);
    return;
  }
  int go[2] = {-1, -1};
  pid_t pid = make_room() == 0 && pipe2(go, O_CLOEXEC) == 0 ? fork() : -1;
  if (pid == 0) {
    close(go[1]);
    become_coordinator(argc, argv, env, sigfd, go[0]);
  }
  int saved = errno;
  free(argv);
  free(env);
  if (go[0] >= 0) close(go[0]);
  if (pid < 0) {
    if (go[1] >= 0) close(go[1]);
    reply("X %d\n", saved);
  } else {
    coordinators[coordinator_count] = pid;
    go_writers[coordinator_count++] = go[1];
    reply("S %ld\n", (long) pid);
  }
}

/* Reaps every child that ended: the coordinators forked here are reported, orphans are not. */
static void reap_all(int sigfd) {
  struct signalfd_siginfo info;
  while (read(sigfd, &info, sizeof info) == sizeof info) {
    /* drain */
  }
  int status;
  pid_t pid;
  while ((pid = waitpid(-1, &status, WNOHANG)) > 0) {
    if (!forget(pid)) continue;
    long code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    reply("E %ld %ld\n", (long) pid, code);
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
    char kind = len > 0 ? (*buf)[used + 4] : '\0';
    if (kind == 'g' || kind == 'n') {
      answer(*buf + used + 4, len);
    } else {
      spawn(*buf + used + 4, len, sigfd);
    }
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

/*
 * Opens /dev/null on each of the descriptors 0-2 that is closed, lowest first, and on stdout or
 * stderr when it cannot be written (the runner's was closed, so its JVM's first file took the place
 * read-only): what a process writes to the console is then discarded, and cannot fail it.
 */
static void open_standard_fds(void) {
  for (int fd = 0; fd <= 2; fd++) {
    int flags = fcntl(fd, F_GETFL);
    int usable = flags >= 0 && (fd == 0 || (flags & O_ACCMODE) != O_RDONLY);
    if (usable) continue;
    int null = open("/dev/null", fd == 0 ? O_RDONLY : O_WRONLY);
    if (null >= 0 && null != fd) {
      dup2(null, fd);
      close(null);
    }
  }
}

static int refuse(const char *what, const char *path) {
  fprintf(stderr, "thermos-coordinator --spawner: %s: %s\n", path, what);
  return -1;
}

/*
 * Opens the write end of the runner's reply pipe: its descriptor fd, which must be the pipe with
 * inode `inode` (checked by name before the open, and by type and inode after it). Returns -1 on
 * anything else, without having opened it.
 */
static int open_replies(long fd, unsigned long long inode) {
  char path[64], link[64], expected[64];
  snprintf(path, sizeof path, "/proc/%ld/fd/%ld", (long) getppid(), fd);
  snprintf(expected, sizeof expected, "pipe:[%llu]", inode);
  ssize_t n = readlink(path, link, sizeof link - 1);
  if (n < 0) return refuse(strerror(errno), path);
  link[n] = '\0';
  if (strcmp(link, expected) != 0) return refuse("not the runner's reply pipe", path);
  int out = open(path, O_WRONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
  if (out < 0) return refuse(strerror(errno), path);
  struct stat st;
  if (fstat(out, &st) != 0 || !S_ISFIFO(st.st_mode) || (unsigned long long) st.st_ino != inode) {
    close(out);
    return refuse("not the runner's reply pipe", path);
  }
  fcntl(out, F_SETFL, fcntl(out, F_GETFL) & ~O_NONBLOCK);
  return out;
}

static int usage(void) {
  fprintf(stderr, "usage: thermos-coordinator --spawner --replies FD INODE [--cgroup DIR]\n");
  return EXIT_SETUP;
}

static int serve(void) {
  sigset_t chld;
  sigemptyset(&chld);
  sigaddset(&chld, SIGCHLD);
  sigprocmask(SIG_BLOCK, &chld, NULL);
  int sigfd = signalfd(-1, &chld, SFD_NONBLOCK | SFD_CLOEXEC);
  if (sigfd < 0) return EXIT_SETUP;
  char *buf = NULL;
  size_t have = 0;
  struct pollfd fds[2] = {{.fd = STDIN_FILENO, .events = POLLIN}, {.fd = sigfd, .events = POLLIN}};
  for (;;) {
    if (poll(fds, 2, -1) < 0) {
      if (errno == EINTR) continue;
      return EXIT_SETUP;
    }
    if (fds[1].revents) reap_all(sigfd);
    if (fds[0].revents && !read_requests(&buf, &have, sigfd)) return 0;
  }
}

/* argv: the program, "--spawner", then the options of the usage above. */
int spawner_main(int argc, char **argv) {
  open_standard_fds();
  set_ignored_signals(SIG_IGN);
  long fd = -1;
  unsigned long long inode = 0;
  const char *cgroup = NULL;
  for (int i = 2; i < argc; i++) {
    if (strcmp(argv[i], "--replies") == 0 && i + 2 < argc) {
      fd = strtol(argv[i + 1], NULL, 10);
      inode = strtoull(argv[i + 2], NULL, 10);
      i += 2;
    } else if (strcmp(argv[i], "--cgroup") == 0 && i + 1 < argc) {
      cgroup = argv[++i];
    } else {
      return usage();
    }
  }
  if (fd < 0 || inode == 0) return usage();
  if (prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) != 0) {
    fprintf(stderr, "thermos-coordinator --spawner: cannot become a child subreaper: %s\n",
            strerror(errno));
  }
  replies_fd = open_replies(fd, inode);
  if (replies_fd < 0) return EXIT_SETUP;
  reply("R\n"); /* the runner may close its own write end now */
  if (cgroup) join_cgroup(cgroup);
  return serve();
}
