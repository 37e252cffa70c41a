/*
 * thermos-coordinator: supervises one run of one Thermos process.
 *
 * The runner (a JVM, which cannot fork) starts one coordinator per run. The coordinator becomes
 * session and process-group leader, locks the process's checkpoint file, forks the user's command
 * under /bin/bash -c, records FORKED and RUNNING, copies or rotates the logs when asked to, waits
 * for the child and records how it ended. It outlives the runner: the records it writes are how a
 * restarted runner learns what happened meanwhile.
 *
 * Usage:
 *   thermos-coordinator --ckpt FILE --process NAME --seq N --sandbox DIR --stdout PATH
 *       --stderr PATH --destination file|console|both|none --mode standard|rotate
 *       [--log-size BYTES] [--backups N] -- CMDLINE
 *
 * Exit codes: 0 the end of the child was recorded; 75 the checkpoint file is locked by another
 * process (nothing written); 71 a setup error (message on stderr).
 *
 * Records are Aurora's RunnerCkpt{process_status: ProcessStatus} in TBinaryProtocol, framed with a
 * 4-byte big-endian length (see dev.thermos.format.CheckpointFormat).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define EXIT_OK 0
#define EXIT_SETUP 71
#define EXIT_LOCKED 75

#define MAX_RECORD_BYTES (64u * 1024u * 1024u)
#define COPY_BUFFER (1024 * 1024)
#define PIPE_CAPACITY (1024 * 1024)
/* After the child ended, at most this much is drained per stream (a grandchild may keep writing). */
#define DRAIN_LIMIT (16L * 1024 * 1024)

enum state { WAITING = 0, FORKED = 1, RUNNING = 2, SUCCESS = 3, KILLED = 4, FAILED = 5 };
enum destination { DEST_FILE, DEST_CONSOLE, DEST_BOTH, DEST_NONE };
enum mode { MODE_STANDARD, MODE_ROTATE };

struct options {
  const char *ckpt, *process, *sandbox, *stdout_path, *stderr_path, *cmdline;
  long long seq, log_size;
  int backups;
  enum destination destination;
  enum mode mode;
};

/* One of the child's output streams as the coordinator sees it. */
struct stream {
  int pipe_fd;      /* read end, or -1 when the child writes directly / the pipe is closed */
  int console_fd;   /* the coordinator's own stdout or stderr, or -1 */
  int file_fd;      /* the log file, or -1 */
  const char *path;
  long long size;   /* bytes in the current file, for rotation */
  long long drained;
  int splice;       /* 1 while the pipe may be spliced straight into file_fd */
};

static struct options opt = {.log_size = 104857600LL, .backups = 5, .seq = -1};
static int sigchld_pipe[2] = {-1, -1};
static char copy_buffer[COPY_BUFFER];

/* ---------------------------------------------------------------- errors */

static void die(const char *what, const char *detail) {
  if (errno != 0 && detail == NULL) {
    fprintf(stderr, "thermos-coordinator: %s: %s\n", what, strerror(errno));
  } else {
    fprintf(stderr, "thermos-coordinator: %s%s%s\n", what, detail ? ": " : "", detail ? detail : "");
  }
  exit(EXIT_SETUP);
}

static void usage(const char *detail) {
  errno = 0;
  die("usage: --ckpt FILE --process NAME --seq N --sandbox DIR --stdout PATH --stderr PATH "
      "--destination file|console|both|none --mode standard|rotate [--log-size BYTES] "
      "[--backups N] -- CMDLINE", detail);
}

/* ---------------------------------------------------------------- arguments */

static long long parse_number(const char *text, const char *name, long long min) {
  char *end = NULL;
  errno = 0;
  long long value = strtoll(text, &end, 10);
  if (errno != 0 || end == text || *end != '\0' || value < min) {
    usage(name);
  }
  return value;
}

static enum destination parse_destination(const char *text) {
  if (strcmp(text, "file") == 0) return DEST_FILE;
  if (strcmp(text, "console") == 0) return DEST_CONSOLE;
  if (strcmp(text, "both") == 0) return DEST_BOTH;
  if (strcmp(text, "none") == 0) return DEST_NONE;
  usage("--destination");
  return DEST_NONE;
}

static enum mode parse_mode(const char *text) {
  if (strcmp(text, "standard") == 0) return MODE_STANDARD;
  if (strcmp(text, "rotate") == 0) return MODE_ROTATE;
  usage("--mode");
  return MODE_STANDARD;
}

static void set_option(const char *name, const char *value) {
  if (strcmp(name, "--ckpt") == 0) opt.ckpt = value;
  else if (strcmp(name, "--process") == 0) opt.process = value;
  else if (strcmp(name, "--seq") == 0) opt.seq = parse_number(value, name, 0);
  else if (strcmp(name, "--sandbox") == 0) opt.sandbox = value;
  else if (strcmp(name, "--stdout") == 0) opt.stdout_path = value;
  else if (strcmp(name, "--stderr") == 0) opt.stderr_path = value;
  else if (strcmp(name, "--destination") == 0) opt.destination = parse_destination(value);
  else if (strcmp(name, "--mode") == 0) opt.mode = parse_mode(value);
  else if (strcmp(name, "--log-size") == 0) opt.log_size = parse_number(value, name, 1);
  else if (strcmp(name, "--backups") == 0) opt.backups = (int) parse_number(value, name, 0);
  else usage(name);
}

static void parse_args(int argc, char **argv) {
  int i = 1;
  for (; i < argc && strcmp(argv[i], "--") != 0; i += 2) {
    if (i + 1 >= argc) usage(argv[i]);
    set_option(argv[i], argv[i + 1]);
  }
  if (i + 2 != argc) usage("exactly one CMDLINE after --");
  opt.cmdline = argv[i + 1];
  if (!opt.ckpt || !opt.process || opt.seq < 0 || !opt.sandbox || !opt.stdout_path
      || !opt.stderr_path) {
    usage("missing option");
  }
  if (opt.backups > 1000) usage("--backups");
}

/* ---------------------------------------------------------------- time and I/O helpers */

/* Epoch seconds with microsecond precision, as Aurora's time.time(). */
static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_REALTIME, &ts);
  return (double) ts.tv_sec + (double) (ts.tv_nsec / 1000) / 1e6;
}

/* Writes all of buf, retrying partial writes and EINTR; 0 or -1 with errno set. */
static int write_fully(int fd, const void *buf, size_t len) {
  const char *p = buf;
  while (len > 0) {
    ssize_t n = write(fd, p, len);
    if (n < 0) {
      if (errno == EINTR) continue;
      return -1;
    }
    p += n;
    len -= (size_t) n;
  }
  return 0;
}

/* ---------------------------------------------------------------- record encoding */

struct buffer {
  unsigned char bytes[2048];
  size_t len;
};

static void put_u8(struct buffer *b, unsigned v) { b->bytes[b->len++] = (unsigned char) v; }

static void put_be(struct buffer *b, uint64_t v, int width) {
  for (int shift = (width - 1) * 8; shift >= 0; shift -= 8) put_u8(b, (unsigned) (v >> shift) & 0xff);
}

static void field(struct buffer *b, unsigned type, unsigned id) {
  put_u8(b, type);
  put_be(b, id, 2);
}

static void field_i32(struct buffer *b, unsigned id, int32_t v) {
  field(b, 8, id);
  put_be(b, (uint32_t) v, 4);
}

static void field_double(struct buffer *b, unsigned id, double v) {
  uint64_t bits;
  memcpy(&bits, &v, sizeof bits);
  field(b, 4, id);
  put_be(b, bits, 8);
}

/* Starts a framed RunnerCkpt{process_status} with seq, process and state; returns its offset. */
static size_t begin_record(struct buffer *b, long long seq, enum state state) {
  size_t start = b->len;
  size_t name_len = strlen(opt.process);
  put_be(b, 0, 4);
  field(b, 12, 2);
  field(b, 10, 1);
  put_be(b, (uint64_t) seq, 8);
  field(b, 11, 3);
  put_be(b, name_len, 4);
  memcpy(b->bytes + b->len, opt.process, name_len);
  b->len += name_len;
  field_i32(b, 5, state);
  return start;
}

/* Closes the ProcessStatus and the union and patches the length prefix. */
static void end_record(struct buffer *b, size_t start) {
  put_u8(b, 0);
  put_u8(b, 0);
  uint32_t len = (uint32_t) (b->len - start - 4);
  for (int i = 0; i < 4; i++) b->bytes[start + i] = (unsigned char) (len >> (24 - 8 * i));
}

/* ---------------------------------------------------------------- checkpoint file */

/* The offset just past the last complete record: walks the length prefixes from offset 0. */
static off_t complete_records_end(int fd, off_t size) {
  off_t offset = 0;
  while (offset < size) {
    unsigned char prefix[4];
    ssize_t n = offset + 4 <= size ? pread(fd, prefix, 4, offset) : 0;
    if (n < 0) die("read checkpoint", NULL);
    if (n < 4) break;
    uint32_t len = (uint32_t) prefix[0] << 24 | (uint32_t) prefix[1] << 16
        | (uint32_t) prefix[2] << 8 | prefix[3];
    if (len > MAX_RECORD_BYTES) {
      errno = 0;
      die(opt.ckpt, "corrupt checkpoint: record length over the maximum");
    }
    if (offset + 4 + (off_t) len > size) break;
    offset += 4 + (off_t) len;
  }
  return offset;
}

/* Cuts a torn tail left by a writer that died mid-record (the lock is held). */
static void truncate_torn_tail(int fd) {
  struct stat st;
  if (fstat(fd, &st) != 0) die("fstat checkpoint", NULL);
  if (st.st_size == 0) return;
  int reader = open(opt.ckpt, O_RDONLY | O_CLOEXEC);
  if (reader < 0) die(opt.ckpt, NULL);
  off_t offset = complete_records_end(reader, st.st_size);
  close(reader);
  if (offset < st.st_size && (ftruncate(fd, offset) != 0 || fdatasync(fd) != 0)) {
    die("truncate torn checkpoint tail", NULL);
  }
}

/* Makes a new checkpoint's directory entry durable, as the Java writer does. */
static void sync_parent_directory(void) {
  char dir[PATH_MAX];
  const char *slash = strrchr(opt.ckpt, '/');
  size_t len = slash == NULL ? 1 : (size_t) (slash - opt.ckpt) + (slash == opt.ckpt);
  if (len >= sizeof dir) return;
  memcpy(dir, slash == NULL ? "." : opt.ckpt, len);
  dir[len] = '\0';
  int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd >= 0) {
    fsync(fd);
    close(fd);
  }
}

/* Opens (O_APPEND) and locks the checkpoint for the coordinator's life; exits 75 when locked. */
static int open_checkpoint(void) {
  int flags = O_WRONLY | O_APPEND | O_CLOEXEC;
  int fd = open(opt.ckpt, flags | O_CREAT | O_EXCL, 0644);
  int created = fd >= 0;
  if (!created && errno == EEXIST) fd = open(opt.ckpt, flags | O_CREAT, 0644);
  if (fd < 0) die(opt.ckpt, NULL);
  if (created) sync_parent_directory();
  if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
    if (errno == EWOULDBLOCK) exit(EXIT_LOCKED);
    die("flock checkpoint", NULL);
  }
  truncate_torn_tail(fd);
  return fd;
}

static int append_records(int fd, const struct buffer *b) {
  if (write_fully(fd, b->bytes, b->len) != 0) return -1;
  return fdatasync(fd);
}

static int record_started(int fd, double fork_time, double start_time, pid_t child) {
  struct buffer b = {.len = 0};
  size_t at = begin_record(&b, opt.seq, FORKED);
  field_i32(&b, 10, (int32_t) getpid());
  field_double(&b, 11, fork_time);
  end_record(&b, at);
  at = begin_record(&b, opt.seq + 1, RUNNING);
  field_double(&b, 6, start_time);
  field_i32(&b, 7, (int32_t) child);
  end_record(&b, at);
  return append_records(fd, &b);
}

static int record_ended(int fd, int status, double stop_time) {
  enum state state;
  int32_t rc;
  if (WIFSIGNALED(status)) {
    state = KILLED;
    rc = -WTERMSIG(status);
  } else {
    rc = WEXITSTATUS(status);
    state = rc == 0 ? SUCCESS : FAILED;
  }
  struct buffer b = {.len = 0};
  size_t at = begin_record(&b, opt.seq + 2, state);
  field_double(&b, 8, stop_time);
  field_i32(&b, 9, rc);
  end_record(&b, at);
  return append_records(fd, &b);
}

/* ---------------------------------------------------------------- signals */

static void on_sigchld(int sig) {
  (void) sig;
  int saved = errno;
  char byte = 0;
  ssize_t ignored = write(sigchld_pipe[1], &byte, 1);
  (void) ignored;
  errno = saved;
}

/* The coordinator survives the signals a group kill sends; SIGCHLD wakes its poll loop. */
static void install_signals(void) {
  int ignored[] = {SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGPIPE};
  for (size_t i = 0; i < sizeof ignored / sizeof ignored[0]; i++) signal(ignored[i], SIG_IGN);
  if (pipe2(sigchld_pipe, O_CLOEXEC | O_NONBLOCK) != 0) die("pipe", NULL);
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = on_sigchld;
  sa.sa_flags = SA_RESTART | SA_NOCLDSTOP;
  sigemptyset(&sa.sa_mask);
  if (sigaction(SIGCHLD, &sa, NULL) != 0) die("sigaction", NULL);
  sigset_t none; /* whatever the launcher blocked, SIGCHLD must get through */
  sigemptyset(&none);
  sigprocmask(SIG_SETMASK, &none, NULL);
}

static void reset_signals_in_child(void) {
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = SIG_DFL;
  sigemptyset(&sa.sa_mask);
  for (int sig = 1; sig < NSIG; sig++) {
    if (sig != SIGKILL && sig != SIGSTOP) sigaction(sig, &sa, NULL);
  }
  sigset_t all;
  sigemptyset(&all);
  sigprocmask(SIG_SETMASK, &all, NULL);
}

/* ---------------------------------------------------------------- logs */

static int uses_pipes(void) {
  if (opt.destination == DEST_BOTH) return 1;
  return opt.destination == DEST_FILE && opt.mode == MODE_ROTATE;
}

static int open_log(const char *path, int truncate) {
  int flags = O_WRONLY | O_CREAT | O_CLOEXEC | (truncate ? O_TRUNC : O_APPEND);
  int fd = open(path, flags, 0644);
  if (fd < 0) die(path, NULL);
  return fd;
}

/* Prepares one stream in the coordinator; returns the write end for the child, or -1. */
static int prepare_stream(struct stream *s, const char *path, int console_fd) {
  s->pipe_fd = s->file_fd = s->console_fd = -1;
  s->path = path;
  s->size = s->drained = 0;
  s->splice = 0;
  if (!uses_pipes()) return -1;
  int fds[2];
  if (pipe2(fds, O_CLOEXEC) != 0) die("pipe", NULL);
  fcntl(fds[0], F_SETPIPE_SZ, PIPE_CAPACITY); /* best effort: fewer wake-ups */
  s->pipe_fd = fds[0];
  s->file_fd = open_log(path, opt.mode == MODE_ROTATE);
  if (opt.destination == DEST_BOTH) s->console_fd = console_fd;
  s->splice = s->console_fd < 0 && opt.mode == MODE_ROTATE;
  return fds[1];
}

/* In the child: points fd (1 or 2) at the pipe, the log file, /dev/null or leaves the console. */
static int child_stream(int fd, int pipe_write, const char *path) {
  int target = -1;
  if (pipe_write >= 0) {
    target = pipe_write;
  } else if (opt.destination == DEST_NONE) {
    target = open("/dev/null", O_WRONLY);
  } else if (opt.destination == DEST_FILE) {
    target = open(path, O_WRONLY | O_APPEND | O_CREAT, 0644);
  } else {
    return 0;
  }
  if (target < 0 || dup2(target, fd) < 0) return -1;
  if (target != fd) close(target);
  return 0;
}

/* Renames name.(i) -> name.(i+1) for i = backups-1 .. 1, name -> name.1, reopens name empty. */
static void rotate(struct stream *s) {
  char from[PATH_MAX + 16], to[PATH_MAX + 16];
  size_t len = sizeof from;
  close(s->file_fd);
  for (int i = opt.backups - 1; i >= 1; i--) {
    snprintf(from, len, "%s.%d", s->path, i);
    snprintf(to, len, "%s.%d", s->path, i + 1);
    rename(from, to); /* a missing name.(i) is fine */
  }
  if (opt.backups > 0) {
    snprintf(to, len, "%s.1", s->path);
    rename(s->path, to);
  }
  s->file_fd = open(s->path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (s->file_fd < 0) fprintf(stderr, "thermos-coordinator: %s: %s\n", s->path, strerror(errno));
  s->size = 0;
}

/* Accounts for bytes that reached the file and rotates it when it is full. */
static void written(struct stream *s, size_t len) {
  s->size += (long long) len;
  if (opt.mode == MODE_ROTATE && s->size >= opt.log_size) rotate(s);
}

static void deliver(struct stream *s, const char *data, size_t len) {
  if (s->console_fd >= 0) write_fully(s->console_fd, data, len); /* a closed console is no reason to stop */
  if (s->file_fd < 0) return;
  if (write_fully(s->file_fd, data, len) != 0) {
    fprintf(stderr, "thermos-coordinator: %s: %s\n", s->path, strerror(errno));
    close(s->file_fd);
    s->file_fd = -1;
    return;
  }
  written(s, len);
}

/*
 * Moves one chunk from the pipe to its destinations: with splice(2) straight into the file when
 * only a file is written (rotate mode, whose file is not O_APPEND), else through copy_buffer.
 * Returns as read(2) does.
 */
static ssize_t transfer(struct stream *s) {
  if (s->splice && s->file_fd >= 0) {
    ssize_t n = splice(s->pipe_fd, NULL, s->file_fd, NULL, COPY_BUFFER,
                       SPLICE_F_MOVE | SPLICE_F_NONBLOCK);
    if (n > 0) written(s, (size_t) n);
    if (n >= 0 || errno == EAGAIN || errno == EINTR) return n;
    s->splice = 0; /* not supported here, or the file failed: copy through user space from now on */
  }
  ssize_t n = read(s->pipe_fd, copy_buffer, sizeof copy_buffer);
  if (n > 0) deliver(s, copy_buffer, (size_t) n);
  return n;
}

/* Moves one chunk; returns bytes moved, 0 at end (the pipe is then closed), -1 when none ready. */
static ssize_t pump(struct stream *s) {
  ssize_t n;
  do {
    n = transfer(s);
  } while (n < 0 && errno == EINTR);
  if (n > 0) return n;
  if (n < 0 && errno == EAGAIN) return -1;
  close(s->pipe_fd);
  s->pipe_fd = -1;
  return 0;
}

/* After the child ended: copies what is readable now, never blocking, then closes the pipe. */
static void drain(struct stream *s) {
  if (s->pipe_fd < 0) return;
  fcntl(s->pipe_fd, F_SETFL, fcntl(s->pipe_fd, F_GETFL) | O_NONBLOCK);
  ssize_t n;
  while (s->pipe_fd >= 0 && s->drained < DRAIN_LIMIT && (n = pump(s)) > 0) s->drained += n;
  if (s->pipe_fd >= 0) {
    close(s->pipe_fd);
    s->pipe_fd = -1;
  }
}

/* ---------------------------------------------------------------- supervision */

/* Reaps the child if it ended; 1 with *status set, else 0. */
static int reap(pid_t child, int *status, int options) {
  pid_t r;
  do {
    r = waitpid(child, status, options);
  } while (r < 0 && errno == EINTR);
  if (r < 0) die("waitpid", NULL);
  return r == child;
}

/* Copies the pipes until the child ended (SIGCHLD), then drains them; returns the wait status. */
static int copy_until_exit(pid_t child, struct stream *out, struct stream *err) {
  int status;
  while (out->pipe_fd >= 0 || err->pipe_fd >= 0) {
    struct pollfd fds[3] = {{sigchld_pipe[0], POLLIN, 0}, {out->pipe_fd, POLLIN, 0},
                            {err->pipe_fd, POLLIN, 0}};
    if (poll(fds, 3, -1) < 0) {
      if (errno == EINTR) continue;
      die("poll", NULL);
    }
    if (fds[1].revents) pump(out);
    if (fds[2].revents) pump(err);
    if (fds[0].revents) {
      char sink[64];
      while (read(sigchld_pipe[0], sink, sizeof sink) > 0) {}
      if (reap(child, &status, WNOHANG)) {
        drain(out);
        drain(err);
        return status;
      }
    }
  }
  reap(child, &status, 0);
  return status;
}

static void exec_child(int out_write, int err_write) {
  reset_signals_in_child();
  if (child_stream(STDOUT_FILENO, out_write, opt.stdout_path) != 0
      || child_stream(STDERR_FILENO, err_write, opt.stderr_path) != 0) {
    fprintf(stderr, "thermos-coordinator: cannot open the logs of %s: %s\n", opt.process,
            strerror(errno));
    _exit(127);
  }
  if (chdir(opt.sandbox) != 0) {
    fprintf(stderr, "thermos-coordinator: chdir %s: %s\n", opt.sandbox, strerror(errno));
    _exit(127);
  }
  char *const args[] = {"/bin/bash", "-c", (char *) opt.cmdline, NULL};
  execv("/bin/bash", args);
  fprintf(stderr, "thermos-coordinator: exec /bin/bash: %s\n", strerror(errno));
  _exit(127);
}

/*
 * Forks the child with every signal blocked: a signal sent to the group right after the fork stays
 * pending in the child until its default dispositions are back, instead of hitting the dispositions
 * it inherited from the coordinator (SIGTERM ignored).
 */
static pid_t fork_child(int out_write, int err_write) {
  sigset_t all, previous;
  sigfillset(&all);
  sigprocmask(SIG_BLOCK, &all, &previous);
  pid_t child = fork();
  if (child == 0) exec_child(out_write, err_write);
  int saved = errno;
  sigprocmask(SIG_SETMASK, &previous, NULL);
  errno = saved;
  if (child < 0) die("fork", NULL);
  return child;
}

int spawner_main(int argc, char **argv);
int coordinator_main(int argc, char **argv);

int main(int argc, char **argv) {
  if (argc >= 2 && strcmp(argv[1], "--spawner") == 0) return spawner_main(argc, argv);
  return coordinator_main(argc, argv);
}

int coordinator_main(int argc, char **argv) {
  parse_args(argc, argv);
  install_signals();
  if (setsid() < 0 && errno != EPERM) die("setsid", NULL);
  int ckpt = open_checkpoint();
  struct stream out, err;
  int out_write = prepare_stream(&out, opt.stdout_path, STDOUT_FILENO);
  int err_write = prepare_stream(&err, opt.stderr_path, STDERR_FILENO);
  double fork_time = now();
  pid_t child = fork_child(out_write, err_write);
  double start_time = now();
  if (out_write >= 0) close(out_write);
  if (err_write >= 0) close(err_write);
  if (record_started(ckpt, fork_time, start_time, child) != 0) {
    int saved = errno;
    kill(child, SIGKILL);
    errno = saved;
    die("write checkpoint", NULL);
  }
  int status = copy_until_exit(child, &out, &err);
  if (record_ended(ckpt, status, now()) != 0) die("write checkpoint", NULL);
  return EXIT_OK;
}
