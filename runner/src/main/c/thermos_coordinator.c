/*
 * thermos-coordinator: supervises one run of one Thermos process.
 *
 * The runner (a JVM, which cannot fork) starts one coordinator per run. The coordinator becomes
 * session and process-group leader and a child subreaper, locks the process's checkpoint file,
 * opens the log files, forks the user's command under /bin/bash -c, records FORKED and RUNNING,
 * copies or rotates the logs when asked to, waits for the child and records how it ended. It
 * outlives the runner: the records it writes are how a restarted runner learns what happened
 * meanwhile. Orphans of the run re-parent to it and are reaped as they end; only the child's end is
 * recorded.
 *
 * Paths (the runner is usually root, and the run's processes may plant links in the sandbox
 * between two runs): the sandbox and the checkpoint's directory are opened O_NOFOLLOW; the log
 * files must lie below the sandbox, and every component below it is opened with openat(O_NOFOLLOW)
 * (missing directories are created with mkdirat); the files themselves are opened O_NOFOLLOW and
 * must be regular files with one link; rotation renames relative to the log directory's fd. A path
 * that cannot be opened that way is a setup error: one line on stderr naming the path and the
 * reason, exit 71, before the command is forked.
 *
 * Usage:
 *   thermos-coordinator --ckpt FILE --process NAME --seq N --sandbox DIR --stdout PATH
 *       --stderr PATH --destination file|console|both|none --mode standard|rotate
 *       [--log-size BYTES] [--backups N] [--shell bash|none] [--workdir DIR]
 *       [--success-codes N,N...] [--uid UID --gid GID [--groups GID,GID...]] -- CMDLINE
 *
 * --shell none (a process with "shell": false): CMDLINE's words, separated by spaces, are exec'ed
 * directly (execvp, the PATH of the environment) instead of /bin/bash -c CMDLINE. Every word must
 * be plain (letters, digits, _@%+=:,./-), which means the same to bash; anything else is a setup
 * error before the fork.
 *
 * Beyond Aurora, each optional: --workdir is where the command starts, relative to the sandbox
 * (every component opened O_NOFOLLOW below it, missing ones created) or absolute (must exist);
 * --success-codes lists exit codes besides 0 recorded as SUCCESS; --uid/--gid/--groups run the
 * command as that user (the coordinator stays root to write its checkpoint), and the directories
 * and log files it creates below the sandbox belong to that user.
 *
 * Signals: the coordinator ignores every signal a stop ladder may send to the run's process group
 * (INT, TERM, HUP, QUIT, ABRT, USR1, USR2, ALRM, WINCH, PWR; the child gets them with their default
 * dispositions). Signal 40, sent to the coordinator alone, says the run is being stopped as a
 * failure (max_runtime, a failed health check): its end is recorded FAILED, keeping the exit code
 * or -signal it had. Signal 41 likewise says it is being restarted (thermos restart): its end is
 * recorded KILLED, whatever its exit code, so that it is run again without counting a failure.
 *
 * Exit codes: 0 the end of the child was recorded; 75 the checkpoint file is locked by another
 * process (nothing written); 71 a setup error (message on stderr); 76 (forked by a spawner) it was
 * told not to go, or its spawner ended before telling it: nothing was forked or written.
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
#include <grp.h>
#include <sys/file.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define EXIT_OK 0
#define EXIT_SETUP 71
#define EXIT_LOCKED 75
#define EXIT_NOT_LAUNCHED 76

#define MAX_RECORD_BYTES (64u * 1024u * 1024u)
#define COPY_BUFFER (1024 * 1024)
#define PIPE_CAPACITY (1024 * 1024)
/* After the child ended, at most this much is drained per stream (a grandchild may keep writing). */
#define DRAIN_LIMIT (16L * 1024 * 1024)

enum state { WAITING = 0, FORKED = 1, RUNNING = 2, SUCCESS = 3, KILLED = 4, FAILED = 5 };
enum destination { DEST_FILE, DEST_CONSOLE, DEST_BOTH, DEST_NONE };
enum mode { MODE_STANDARD, MODE_ROTATE };

#define MAX_GROUPS 1024

struct options {
  const char *ckpt, *process, *sandbox, *stdout_path, *stderr_path, *cmdline, *workdir;
  int without_shell;
  char **words; /* CMDLINE's words when without_shell (NULL-terminated) */
  long long seq, log_size, uid, gid;
  gid_t groups[MAX_GROUPS];
  size_t ngroups;
  unsigned char success[256]; /* exit codes recorded as SUCCESS */
  int backups;
  enum destination destination;
  enum mode mode;
};

/* One of the child's output streams as the coordinator sees it. */
struct stream {
  int pipe_fd;      /* read end, or -1 when the child writes directly / the pipe is closed */
  int console_fd;   /* the coordinator's own stdout or stderr, or -1 */
  int file_fd;      /* the log file, or -1 */
  int dir_fd;       /* the log file's directory (for rotation), or -1 */
  const char *path;
  const char *name; /* the log file's name in dir_fd */
  long long size;   /* bytes in the current file, for rotation */
  long long drained;
  int splice;       /* 1 while the pipe may be spliced straight into file_fd */
};

static struct options opt = {.log_size = 104857600LL, .backups = 5, .seq = -1, .uid = -1,
                             .gid = -1, .success = {1}};
static int sigchld_pipe[2] = {-1, -1};
/* The runner's word that this run is being stopped as a failure (max_runtime, a failed health
 * check): its end is then recorded FAILED whatever ends it. Sent to the coordinator alone (not the
 * group) before the first stop signal, so it is handled before the child's end is reaped. */
#define SIG_STOPPED_AS_FAILURE 40 /* a real-time signal on glibc and musl (RunStops.FAILURE_FLAG) */
#define SIG_STOPPED_AS_RESTART 41 /* likewise (RunStops.RESTART_FLAG) */
static volatile sig_atomic_t stopped_as_failure = 0;
static volatile sig_atomic_t stopped_as_restart = 0;

static int sandbox_fd = -1;
static int workdir_fd = -1; /* where the command starts (O_CLOEXEC) */
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

/* A path that cannot be opened safely: one line naming it (its first len bytes) and why. */
static void refuse(const char *path, size_t len, const char *reason) {
  fprintf(stderr, "thermos-coordinator: %.*s: %s\n", (int) len, path, reason);
  exit(EXIT_SETUP);
}

static void usage(const char *detail) {
  errno = 0;
  die("usage: --ckpt FILE --process NAME --seq N --sandbox DIR --stdout PATH --stderr PATH "
      "--destination file|console|both|none --mode standard|rotate [--log-size BYTES] "
      "[--backups N] [--shell bash|none] [--workdir DIR] [--success-codes N,N...] "
      "[--uid UID --gid GID [--groups GID,GID...]] -- CMDLINE", detail);
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

/* A comma-separated list of numbers in [0, max], each passed to add; at most limit of them. */
static void parse_list(const char *text, const char *name, long long max, size_t limit,
                       void (*add)(long long)) {
  char *copy = strdup(text);
  if (copy == NULL) die("strdup", NULL);
  size_t count = 0;
  for (char *save = NULL, *item = strtok_r(copy, ",", &save); item != NULL;
       item = strtok_r(NULL, ",", &save)) {
    long long value = parse_number(item, name, 0);
    if (value > max || ++count > limit) usage(name);
    add(value);
  }
  free(copy);
}

static void add_success(long long code) { opt.success[code] = 1; }
static void add_group(long long gid) { opt.groups[opt.ngroups++] = (gid_t) gid; }

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
  else if (strcmp(name, "--workdir") == 0) opt.workdir = value;
  else if (strcmp(name, "--success-codes") == 0) parse_list(value, name, 255, 256, add_success);
  else if (strcmp(name, "--uid") == 0) opt.uid = parse_number(value, name, 0);
  else if (strcmp(name, "--gid") == 0) opt.gid = parse_number(value, name, 0);
  else if (strcmp(name, "--groups") == 0) parse_list(value, name, UINT32_MAX - 1, MAX_GROUPS,
                                                     add_group);
  else if (strcmp(name, "--shell") == 0 && strcmp(value, "bash") == 0) opt.without_shell = 0;
  else if (strcmp(name, "--shell") == 0 && strcmp(value, "none") == 0) opt.without_shell = 1;
  else usage(name);
}

/* A character of a plain word (see --shell none). */
static int plain(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
      || (c != '\0' && strchr("_@%+=:,./-", c) != NULL);
}

/* Splits opt.cmdline into opt.words; a character that is not plain (or no word) is a setup error. */
static void split_words(void) {
  size_t len = strlen(opt.cmdline), count = 0;
  char *copy = strdup(opt.cmdline);
  char **words = calloc(len / 2 + 2, sizeof *words);
  if (copy == NULL || words == NULL) die("allocate the command's words", NULL);
  for (char *p = copy; *p != '\0'; ) {
    while (*p == ' ') *p++ = '\0';
    if (*p == '\0') break;
    words[count++] = p;
    while (*p != '\0' && *p != ' ') {
      if (!plain(*p)) {
        errno = 0;
        die("--shell none", "the command line has shell syntax (only plain words may run without "
            "a shell)");
      }
      p++;
    }
  }
  if (count == 0) usage("--shell none: no command");
  opt.words = words;
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
  if ((opt.uid < 0) != (opt.gid < 0) || opt.uid > UINT32_MAX - 1 || opt.gid > UINT32_MAX - 1) {
    usage("--uid and --gid");
  }
  if (opt.workdir != NULL && opt.workdir[0] == '\0') usage("--workdir");
  if (opt.without_shell) split_words();
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

/*
 * A bounds-checked encoding buffer. Its storage is allocated once at start-up (record_storage),
 * sized from the inputs: RECORD_OVERHEAD bytes per record besides the process name, two records
 * at most per buffer. A write that would not fit sets overflow instead, and an overflowed buffer is
 * never written to the checkpoint.
 */
struct buffer {
  unsigned char *bytes;
  size_t len, capacity;
  int overflow;
};

/* Framing, union and field headers, seq, name length, state and two more fields, and the stops. */
#define RECORD_OVERHEAD 64u
#define RECORDS_PER_BUFFER 2u

static unsigned char *record_storage;
static size_t record_capacity;

static void allocate_record_storage(void) {
  size_t name_len = strlen(opt.process);
  if (name_len > (MAX_RECORD_BYTES - RECORD_OVERHEAD)) usage("--process too long");
  record_capacity = RECORDS_PER_BUFFER * (RECORD_OVERHEAD + name_len);
  record_storage = malloc(record_capacity);
  if (record_storage == NULL) die("allocate the record buffer", NULL);
}

static struct buffer new_buffer(void) {
  struct buffer b = {.bytes = record_storage, .len = 0, .capacity = record_capacity, .overflow = 0};
  return b;
}

static void put_bytes(struct buffer *b, const void *data, size_t n) {
  if (b->overflow || n > b->capacity - b->len) {
    b->overflow = 1;
    return;
  }
  memcpy(b->bytes + b->len, data, n);
  b->len += n;
}

static void put_u8(struct buffer *b, unsigned v) {
  unsigned char byte = (unsigned char) v;
  put_bytes(b, &byte, 1);
}

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
  put_bytes(b, opt.process, name_len);
  field_i32(b, 5, state);
  return start;
}

/* Closes the ProcessStatus and the union and patches the length prefix (unless overflowed). */
static void end_record(struct buffer *b, size_t start) {
  put_u8(b, 0);
  put_u8(b, 0);
  if (b->overflow || b->len - start - 4 > MAX_RECORD_BYTES) {
    b->overflow = 1;
    return;
  }
  uint32_t len = (uint32_t) (b->len - start - 4);
  for (int i = 0; i < 4; i++) b->bytes[start + i] = (unsigned char) (len >> (24 - 8 * i));
}

/* ---------------------------------------------------------------- paths opened without following links */

/* Why name in dir could not be opened as a directory (want_dir) or a regular file. */
static const char *unsafe_reason(int dir, const char *name, int err, int want_dir) {
  struct stat st;
  if (fstatat(dir, name, &st, AT_SYMLINK_NOFOLLOW) == 0) {
    if (S_ISLNK(st.st_mode)) return "a symbolic link (not followed)";
    if (want_dir && !S_ISDIR(st.st_mode)) return "not a directory";
    if (!want_dir && !S_ISREG(st.st_mode)) return "not a regular file";
  }
  return strerror(err);
}

/* Opens the first len bytes of path as a directory, not following a link in its last component. */
static int open_directory(const char *path, size_t len) {
  char *copy = strndup(path, len);
  if (copy == NULL) die("strndup", NULL);
  int fd = open(copy, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
  if (fd < 0) refuse(path, len, unsafe_reason(AT_FDCWD, copy, errno, 1));
  free(copy);
  return fd;
}

/*
 * Checks that fd (just opened O_NONBLOCK, so that a FIFO could not block the open) is a regular
 * file, with one link when single_link (a hard link planted in the sandbox names a file outside),
 * and clears O_NONBLOCK.
 */
static void check_regular(int fd, const char *path, int single_link) {
  struct stat st;
  if (fstat(fd, &st) != 0) refuse(path, strlen(path), strerror(errno));
  if (!S_ISREG(st.st_mode)) refuse(path, strlen(path), "not a regular file");
  if (single_link && st.st_nlink > 1) refuse(path, strlen(path), "a file with other hard links");
  int flags = fcntl(fd, F_GETFL);
  if (flags < 0 || fcntl(fd, F_SETFL, flags & ~O_NONBLOCK) != 0) die(path, NULL);
}

/* Gives fd (a directory or file just created for the run) to the run's user, when there is one. */
static void give_to_user(int fd, const char *path, size_t len) {
  if (opt.uid >= 0 && fchown(fd, (uid_t) opt.uid, (gid_t) opt.gid) != 0) {
    refuse(path, len, strerror(errno));
  }
}

/*
 * Opens the directory at path[0, end) as the components from p on, below the directory dir (a
 * descriptor this call closes), each with openat(O_DIRECTORY | O_NOFOLLOW), creating missing ones
 * (given to the run's user). "." and ".." components are refused.
 */
static int descend(int dir, const char *path, const char *p, const char *end) {
  while (p < end) {
    while (*p == '/') p++;
    size_t len = strcspn(p, "/");
    if (p >= end) break;
    char component[NAME_MAX + 1];
    if (len > NAME_MAX) refuse(path, (size_t) (p - path) + len, strerror(ENAMETOOLONG));
    memcpy(component, p, len);
    component[len] = '\0';
    if (strcmp(component, ".") == 0 || strcmp(component, "..") == 0) {
      refuse(path, (size_t) (p - path) + len, "a relative component");
    }
    int flags = O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC;
    int next = openat(dir, component, flags);
    int created = 0;
    if (next < 0 && errno == ENOENT) {
      created = mkdirat(dir, component, 0755) == 0;
      if (created || errno == EEXIST) next = openat(dir, component, flags);
    }
    if (next < 0) refuse(path, (size_t) (p - path) + len, unsafe_reason(dir, component, errno, 1));
    if (created) give_to_user(next, path, (size_t) (p - path) + len);
    close(dir);
    dir = next;
    p += len;
  }
  return dir;
}

/*
 * Opens the directory of path, which must lie below the sandbox, component by component from
 * sandbox_fd (see descend); sets *name to the file's name in it.
 */
static int open_below_sandbox(const char *path, const char **name) {
  size_t root_len = strlen(opt.sandbox);
  while (root_len > 0 && opt.sandbox[root_len - 1] == '/') root_len--;
  if (strncmp(path, opt.sandbox, root_len) != 0 || path[root_len] != '/') {
    refuse(path, strlen(path), "not below the sandbox");
  }
  const char *last = strrchr(path, '/') + 1;
  if (*last == '\0' || strcmp(last, ".") == 0 || strcmp(last, "..") == 0) {
    refuse(path, strlen(path), "not a file name");
  }
  int dir = fcntl(sandbox_fd, F_DUPFD_CLOEXEC, 3);
  if (dir < 0) die("dup", NULL);
  *name = last;
  return descend(dir, path, path + root_len, last);
}

/*
 * The directory the command starts in: the sandbox, a directory below it (--workdir relative:
 * see descend) or an existing absolute directory.
 */
static int open_workdir(void) {
  if (opt.workdir == NULL) {
    int fd = fcntl(sandbox_fd, F_DUPFD_CLOEXEC, 3);
    if (fd < 0) die("dup", NULL);
    return fd;
  }
  if (opt.workdir[0] == '/') {
    int fd = open(opt.workdir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) refuse(opt.workdir, strlen(opt.workdir), unsafe_reason(AT_FDCWD, opt.workdir, errno, 1));
    return fd;
  }
  int dir = fcntl(sandbox_fd, F_DUPFD_CLOEXEC, 3);
  if (dir < 0) die("dup", NULL);
  return descend(dir, opt.workdir, opt.workdir, opt.workdir + strlen(opt.workdir));
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

/* Cuts a torn tail left by a writer that died mid-record (the lock is held; fd is O_RDWR). */
static void truncate_torn_tail(int fd) {
  struct stat st;
  if (fstat(fd, &st) != 0) die("fstat checkpoint", NULL);
  if (st.st_size == 0) return;
  off_t offset = complete_records_end(fd, st.st_size);
  if (offset < st.st_size && (ftruncate(fd, offset) != 0 || fdatasync(fd) != 0)) {
    die("truncate torn checkpoint tail", NULL);
  }
}

/*
 * The checkpoint's directory while a new checkpoint file's entry is not yet durable, else -1: it
 * is fsynced after the fork, beside the FORKED+RUNNING records (the child runs meanwhile), and
 * before them, so that no record is durable in a file whose name might not be.
 */
static int unsynced_dir_fd = -1;

static void sync_checkpoint_directory(void) {
  if (unsynced_dir_fd < 0) return;
  if (fsync(unsynced_dir_fd) != 0) { /* as the records' own sync would fail: they say so */ }
  close(unsynced_dir_fd);
  unsynced_dir_fd = -1;
}

/*
 * Opens (O_RDWR | O_APPEND) and locks the checkpoint for the coordinator's life; exits 75 when
 * locked. Its directory is opened without following a link, the file relative to it O_NOFOLLOW;
 * a new file's directory entry is made durable (sync_checkpoint_directory), as the Java writer does.
 */
static int open_checkpoint(void) {
  const char *slash = strrchr(opt.ckpt, '/');
  size_t dir_len = slash == NULL ? 0 : (size_t) (slash - opt.ckpt) + (slash == opt.ckpt);
  int dir = open_directory(slash == NULL ? "." : opt.ckpt, slash == NULL ? 1 : dir_len);
  const char *name = slash == NULL ? opt.ckpt : slash + 1;
  int flags = O_RDWR | O_APPEND | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK;
  int fd = openat(dir, name, flags | O_CREAT | O_EXCL, 0644);
  int created = fd >= 0;
  if (!created && errno == EEXIST) fd = openat(dir, name, flags | O_CREAT, 0644);
  if (fd < 0) refuse(opt.ckpt, strlen(opt.ckpt), unsafe_reason(dir, name, errno, 0));
  check_regular(fd, opt.ckpt, 0);
  if (created) {
    unsynced_dir_fd = dir;
  } else {
    close(dir);
  }
  if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
    if (errno == EWOULDBLOCK) exit(EXIT_LOCKED);
    die("flock checkpoint", NULL);
  }
  truncate_torn_tail(fd);
  return fd;
}

/* An encoding that did not fit its buffer: nothing is written. */
static int encoding_failed(void) {
  errno = EOVERFLOW;
  return -1;
}

/* A condition of the disk that an operator can clear: full, over quota, read-only, failing. */
static int disk_condition(int err) {
  return err == ENOSPC || err == EDQUOT || err == EROFS || err == EIO;
}

static void sleep_ms(long ms) {
  struct timespec ts = {.tv_sec = ms / 1000, .tv_nsec = (ms % 1000) * 1000000L};
  while (nanosleep(&ts, &ts) != 0 && errno == EINTR) {
  }
}

/*
 * Appends b durably, all of it or nothing. The file is cut back to its size before each try, so
 * a partial write never stays in front of a record. On a disk condition it says so once on stderr
 * and tries again after 100 ms, then twice as long each time (at most 5 s), for as long as it
 * takes: the run's records stay in memory until they are on disk. 0, or -1 with errno set.
 */
static int append_records(int fd, const struct buffer *b) {
  struct stat st;
  if (fstat(fd, &st) != 0) return -1;
  long delay_ms = 100;
  int said = 0;
  for (;;) {
    if (ftruncate(fd, st.st_size) == 0 && write_fully(fd, b->bytes, b->len) == 0
        && fdatasync(fd) == 0) {
      if (said) fprintf(stderr, "thermos-coordinator: %s: written again, going on\n", opt.ckpt);
      return 0;
    }
    int err = errno;
    if (!disk_condition(err)) {
      if (ftruncate(fd, st.st_size) != 0) { /* the next open cuts the torn tail */ }
      errno = err;
      return -1;
    }
    if (!said) {
      fprintf(stderr, "thermos-coordinator: cannot write %s: %s; retrying until it can be written\n",
              opt.ckpt, strerror(err));
      said = 1;
    }
    sleep_ms(delay_ms);
    delay_ms = delay_ms * 2 > 5000 ? 5000 : delay_ms * 2;
  }
}

static int record_started(int fd, double fork_time, double start_time, pid_t child) {
  struct buffer b = new_buffer();
  size_t at = begin_record(&b, opt.seq, FORKED);
  field_i32(&b, 10, (int32_t) getpid());
  field_double(&b, 11, fork_time);
  end_record(&b, at);
  at = begin_record(&b, opt.seq + 1, RUNNING);
  field_double(&b, 6, start_time);
  field_i32(&b, 7, (int32_t) child);
  end_record(&b, at);
  if (b.overflow) return encoding_failed();
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
    state = opt.success[rc & 0xff] ? SUCCESS : FAILED;
  }
  if (stopped_as_restart) state = KILLED;
  if (stopped_as_failure) state = FAILED;
  struct buffer b = new_buffer();
  size_t at = begin_record(&b, opt.seq + 2, state);
  field_double(&b, 8, stop_time);
  field_i32(&b, 9, rc);
  end_record(&b, at);
  if (b.overflow) return encoding_failed();
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


static void on_stopped_as_failure(int sig) {
  (void) sig;
  stopped_as_failure = 1;
}

static void on_stopped_as_restart(int sig) {
  (void) sig;
  stopped_as_restart = 1;
}

/* The coordinator survives the signals a group kill or a stop ladder sends (every signal a task
 * may name in stop_signals); SIGCHLD wakes its poll loop. */
static void install_signals(void) {
  int ignored[] = {SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGPIPE, SIGABRT, SIGUSR1, SIGUSR2, SIGALRM,
                   SIGWINCH, SIGPWR};
  for (size_t i = 0; i < sizeof ignored / sizeof ignored[0]; i++) signal(ignored[i], SIG_IGN);
  struct sigaction failed;
  memset(&failed, 0, sizeof failed);
  failed.sa_handler = on_stopped_as_failure;
  failed.sa_flags = SA_RESTART;
  sigemptyset(&failed.sa_mask);
  if (SIG_STOPPED_AS_FAILURE < SIGRTMIN || SIG_STOPPED_AS_FAILURE > SIGRTMAX
      || sigaction(SIG_STOPPED_AS_FAILURE, &failed, NULL) != 0) die("sigaction", NULL);
  failed.sa_handler = on_stopped_as_restart;
  if (SIG_STOPPED_AS_RESTART > SIGRTMAX || sigaction(SIG_STOPPED_AS_RESTART, &failed, NULL) != 0)
    die("sigaction", NULL);
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

/* Opens the stream's log file below the sandbox (see open_below_sandbox), emptied or appended to. */
static int open_log(struct stream *s, int truncate) {
  s->dir_fd = open_below_sandbox(s->path, &s->name);
  int fd = openat(s->dir_fd, s->name, O_WRONLY | O_CREAT | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC
                  | (truncate ? 0 : O_APPEND), 0644);
  if (fd < 0) refuse(s->path, strlen(s->path), unsafe_reason(s->dir_fd, s->name, errno, 0));
  check_regular(fd, s->path, 1);
  give_to_user(fd, s->path, strlen(s->path));
  if (truncate && ftruncate(fd, 0) != 0) die(s->path, NULL);
  return fd;
}

/*
 * Prepares one stream in the coordinator; returns the descriptor the child's fd 1 or 2 becomes
 * (the pipe's write end, the log file, /dev/null), or -1 to leave the console. Every file is
 * opened here, before the fork, so that a log that cannot be opened safely stops the run.
 */
static int prepare_stream(struct stream *s, const char *path, int console_fd) {
  s->pipe_fd = s->file_fd = s->console_fd = s->dir_fd = -1;
  s->path = path;
  s->name = NULL;
  s->size = s->drained = 0;
  s->splice = 0;
  if (!uses_pipes()) {
    if (opt.destination == DEST_FILE) return open_log(s, 0);
    if (opt.destination == DEST_CONSOLE) return -1;
    int null = open("/dev/null", O_WRONLY | O_CLOEXEC);
    if (null < 0) die("/dev/null", NULL);
    return null;
  }
  int fds[2];
  if (pipe2(fds, O_CLOEXEC) != 0) die("pipe", NULL);
  fcntl(fds[0], F_SETPIPE_SZ, PIPE_CAPACITY); /* best effort: fewer wake-ups */
  s->pipe_fd = fds[0];
  s->file_fd = open_log(s, opt.mode == MODE_ROTATE);
  if (opt.destination == DEST_BOTH) s->console_fd = console_fd;
  s->splice = s->console_fd < 0 && opt.mode == MODE_ROTATE;
  return fds[1];
}

/* In the child: points fd (1 or 2) at target (O_CLOEXEC, so only the copy survives exec). */
static int child_stream(int fd, int target) {
  if (target < 0) return 0;
  return dup2(target, fd) < 0 ? -1 : 0;
}

/* name.(i) into buffer; 0, or -1 when it does not fit. */
static int backup_name(char *buffer, size_t size, const char *name, int i) {
  int n = i == 0 ? snprintf(buffer, size, "%s", name) : snprintf(buffer, size, "%s.%d", name, i);
  return n < 0 || (size_t) n >= size ? -1 : 0;
}

/*
 * Renames name.(i) -> name.(i+1) for i = backups-1 .. 1 and name -> name.1, all relative to the
 * log directory's fd (renameat moves a planted link itself, never its target), then creates name
 * anew (O_EXCL | O_NOFOLLOW, after removing whatever was planted there meanwhile).
 */
static void rotate(struct stream *s) {
  char from[NAME_MAX + 16], to[NAME_MAX + 16];
  close(s->file_fd);
  for (int i = opt.backups - 1; i >= 0; i--) {
    if (backup_name(from, sizeof from, s->name, i) == 0
        && backup_name(to, sizeof to, s->name, i + 1) == 0) {
      renameat(s->dir_fd, from, s->dir_fd, to); /* a missing name.(i) is fine */
    }
  }
  if (unlinkat(s->dir_fd, s->name, 0) != 0 && errno != ENOENT) {
    fprintf(stderr, "thermos-coordinator: %s: %s\n", s->path, strerror(errno));
  }
  s->file_fd = openat(s->dir_fd, s->name,
                      O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
  if (s->file_fd < 0) fprintf(stderr, "thermos-coordinator: %s: %s\n", s->path, strerror(errno));
  /* The new file belongs to the run's user too; failing that is said, never fatal mid-run. */
  if (s->file_fd >= 0 && opt.uid >= 0
      && fchown(s->file_fd, (uid_t) opt.uid, (gid_t) opt.gid) != 0) {
    fprintf(stderr, "thermos-coordinator: %s: %s\n", s->path, strerror(errno));
  }
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

/*
 * Reaps every ended child, the run's orphans (re-parented to this subreaper) included, blocking
 * until one ended when block; returns 1 with *status set once the child is among them.
 */
static int reap(pid_t child, int *status, int block) {
  int found = 0, st;
  for (;;) {
    pid_t r = waitpid(-1, &st, block && !found ? 0 : WNOHANG);
    if (r == 0) return found;
    if (r < 0) {
      if (errno == EINTR) continue;
      if (errno == ECHILD && found) return found;
      die("waitpid", NULL);
    }
    if (r == child) {
      *status = st;
      found = 1;
    }
  }
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
      if (reap(child, &status, 0)) {
        drain(out);
        drain(err);
        return status;
      }
    }
  }
  while (!reap(child, &status, 1)) {}
  return status;
}

static void exec_child(int out_write, int err_write) {
  reset_signals_in_child();
  if (child_stream(STDOUT_FILENO, out_write) != 0 || child_stream(STDERR_FILENO, err_write) != 0) {
    fprintf(stderr, "thermos-coordinator: cannot redirect the output of %s: %s\n", opt.process,
            strerror(errno));
    _exit(127);
  }
  if (fchdir(workdir_fd) != 0) {
    fprintf(stderr, "thermos-coordinator: chdir %s: %s\n",
            opt.workdir ? opt.workdir : opt.sandbox, strerror(errno));
    _exit(127);
  }
  if (opt.uid >= 0 && (setgroups(opt.ngroups, opt.groups) != 0 || setgid((gid_t) opt.gid) != 0
                       || setuid((uid_t) opt.uid) != 0)) {
    fprintf(stderr, "thermos-coordinator: cannot run %s as uid %lld: %s\n", opt.process, opt.uid,
            strerror(errno));
    _exit(127);
  }
  if (opt.without_shell) {
    execvp(opt.words[0], opt.words);
    fprintf(stderr, "thermos-coordinator: exec %s: %s\n", opt.words[0], strerror(errno));
    _exit(errno == ENOENT ? 127 : 126); /* as bash: not found 127, not executable 126 */
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
extern int go_fd;

/*
 * Forked by a spawner: waits, set up, for the runner's go (its WAITING record durable) before the
 * command is forked; end of file (the spawner, or the runner, ended first) or a no-go: exit 76,
 * nothing forked, nothing recorded.
 */
static void await_go(void) {
  if (go_fd < 0) return;
  char go = 0;
  ssize_t n;
  do {
    n = read(go_fd, &go, 1);
  } while (n < 0 && errno == EINTR);
  close(go_fd);
  go_fd = -1;
  if (n != 1 || go != 'G') _exit(EXIT_NOT_LAUNCHED);
}

/* Opens fds 0-2 to /dev/null when closed, before anything else opens a file that would take one. */
static void ensure_standard_fds(void) {
  for (int fd = 0; fd <= 2; fd++) {
    if (fcntl(fd, F_GETFD) >= 0 || errno != EBADF) continue;
    int null = open("/dev/null", O_RDWR); /* the lowest free descriptor: fd */
    if (null < 0) _exit(EXIT_SETUP);
    if (null != fd) {
      dup2(null, fd);
      close(null);
    }
  }
}

int main(int argc, char **argv) {
  ensure_standard_fds();
  if (argc >= 2 && strcmp(argv[1], "--spawner") == 0) return spawner_main(argc, argv);
  return coordinator_main(argc, argv);
}

int coordinator_main(int argc, char **argv) {
  parse_args(argc, argv);
  install_signals();
  if (setsid() < 0 && errno != EPERM) die("setsid", NULL);
  if (prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) != 0) { /* orphans then go to the next subreaper */
    fprintf(stderr, "thermos-coordinator: cannot become a child subreaper: %s\n", strerror(errno));
  }
  allocate_record_storage();
  int ckpt = open_checkpoint();
  sandbox_fd = open_directory(opt.sandbox, strlen(opt.sandbox));
  workdir_fd = open_workdir();
  struct stream out, err;
  int out_write = prepare_stream(&out, opt.stdout_path, STDOUT_FILENO);
  int err_write = prepare_stream(&err, opt.stderr_path, STDERR_FILENO);
  await_go();
  double fork_time = now();
  pid_t child = fork_child(out_write, err_write);
  double start_time = now();
  if (out_write >= 0) close(out_write);
  if (err_write >= 0) close(err_write);
  close(sandbox_fd);
  close(workdir_fd);
  sync_checkpoint_directory();
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
