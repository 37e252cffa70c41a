package dev.thermos.launch;

import dev.thermos.supervision.KnownChildren;
import dev.thermos.supervision.ProcessIdentity;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A long-lived {@code thermos-coordinator --spawner} that forks coordinators on request (protocol
 * in {@code thermos_spawner.c}). Starting a program from the JVM costs several milliseconds on the
 * machines we measured; a fork of the small spawner costs a fraction of one. The coordinators it
 * forks are the same as ones started alone, and outlive it and the runner.
 *
 * <p>Descriptors: requests go to the spawner's stdin; its stdout and stderr are this JVM's own
 * ({@link ProcessBuilder.Redirect#INHERIT}, the same open file descriptions), which the coordinators
 * inherit for console output; replies come back on a {@link ReplyPipe}.
 *
 * <p>{@link #spawn} is called from one thread (the run loop); exits are reported on the spawner's
 * reader thread.
 */
public final class Spawner implements Closeable {
  /** Told, on the reader thread, of coordinator exits and of the spawner's own end. */
  public interface Listener {
    /** A coordinator exited with {@code code} (exit code, or 128 + signal). */
    void exited(int pid, int code);

    /** {@code spawner} ended: coordinators it forked will no longer be reported. */
    void spawnerEnded(Spawner spawner);
  }

  private static final long REPLY_TIMEOUT_SECONDS = 30;
  private static final String GONE = "gone";

  private final Process process;
  private final List<String> command;
  private final long startTicks;
  private final ReplyPipe pipe;
  private final OutputStream requests;
  private final BlockingQueue<String> replies = new LinkedBlockingQueue<>();
  /** The checkpoint directory the last request's was: made once, not at every launch. */
  private Path madeDirectory;

  private Spawner(Process process, List<String> command, ReplyPipe pipe, Listener listener) {
    this.process = process;
    this.command = List.copyOf(command);
    this.startTicks = ProcessIdentity.startTicks((int) process.pid()).orElse(0L);
    this.pipe = pipe;
    this.requests = process.getOutputStream();
    // Once the spawner is gone its reply end is too; ours must not keep the pipe open.
    process.onExit().thenRun(pipe::closeWriteEnd);
    Thread reader = new Thread(() -> read(listener), "thermos-spawner-" + process.pid());
    reader.setDaemon(true);
    reader.start();
  }

  /** Starts a spawner from the coordinator executable {@code binary}. */
  public static Spawner start(Path binary, Listener listener) throws IOException {
    return start(binary, null, listener);
  }

  /**
   * Starts a spawner that first moves itself into the cgroup v2 directory {@code cgroup} (when not
   * null), so that the coordinators it forks are born in it.
   */
  public static Spawner start(Path binary, Path cgroup, Listener listener) throws IOException {
    ReplyPipe pipe = ReplyPipe.open();
    try {
      List<String> command = new ArrayList<>(List.of(binary.toString(), "--spawner", "--replies",
          Integer.toString(pipe.writeFd()), Long.toString(pipe.inode())));
      if (cgroup != null) {
        command.addAll(List.of("--cgroup", cgroup.toString()));
      }
      ProcessBuilder builder = new ProcessBuilder(command);
      builder.environment().clear();
      builder.redirectOutput(ProcessBuilder.Redirect.INHERIT);
      builder.redirectError(ProcessBuilder.Redirect.INHERIT);
      return new Spawner(KnownChildren.start(builder), command, pipe, listener);
    } catch (IOException | RuntimeException e) {
      pipe.close();
      throw e;
    }
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  public int pid() {
    return (int) process.pid();
  }

  /** The spawner's start time in clock ticks after boot (0 if it could not be read). */
  public long startTicks() {
    return startTicks;
  }

  /**
   * The spawner's command line. A coordinator it forked runs the same program without an exec, so
   * its {@code /proc/<pid>/cmdline} is this one (with the reply pipe's inode, unique to it).
   */
  public List<String> commandLine() {
    return command;
  }

  /**
   * Waits until the spawner has ended and been reaped: from then on, the coordinators it forked
   * are children of this JVM's nearest subreaper (the runner). False on timeout.
   */
  public boolean awaitEnd(Duration timeout) throws InterruptedException {
    return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /**
   * Forks a coordinator for {@code spec}, tells it to go at once, and returns its pid.
   *
   * @throws SpawnerGoneException when the spawner ended before it answered (a coordinator may
   *     have been forked all the same)
   * @throws IOException when the spawner could not fork, or did not answer in time
   */
  public int spawn(LaunchSpec spec) throws IOException {
    int pid = spawn(spec, request(spec));
    go(pid);
    return pid;
  }

  /**
   * The request for {@code spec}, as {@link #spawn(LaunchSpec, byte[])} takes it: made ahead of
   * the launch, it keeps its encoding off the path from one process's end to the next's start.
   */
  public static byte[] request(LaunchSpec spec) {
    return frame(CoordinatorLauncher.arguments(spec), spec.environment());
  }

  /**
   * Forks a coordinator for {@code spec} with its {@link #request}, made earlier, and returns its
   * pid. The coordinator sets itself up and waits for {@link #go} before it forks the command.
   */
  public int spawn(LaunchSpec spec, byte[] request) throws IOException {
    submit(spec, request);
    return awaitSpawned();
  }

  /**
   * Sends the request for {@code spec}; {@link #awaitSpawned} then returns the coordinator's pid
   * (one call each, in the order of the requests). What the runner does meanwhile (its WAITING
   * record's sync) overlaps the fork and the coordinator's set-up.
   *
   * @throws SpawnerGoneException when the spawner is gone
   */
  public void submit(LaunchSpec spec, byte[] request) throws IOException {
    Path directory = spec.checkpoint().toAbsolutePath().getParent();
    if (!directory.equals(madeDirectory)) {
      CoordinatorLauncher.createDirectories(spec);
      madeDirectory = directory;
    }
    write(request);
  }

  /**
   * Tells the coordinator {@code pid}, forked here, that it may fork its command (the run's
   * WAITING record is durable), or that it must not ({@code go} false: it exits
   * {@link CoordinatorExit#NOT_LAUNCHED}). A coordinator this spawner never told, when the spawner
   * ends, exits likewise.
   *
   * @throws SpawnerGoneException when the spawner is gone (its coordinators then never go)
   */
  public void go(int pid, boolean go) throws IOException {
    write(framed(((go ? "g" : "n") + "\0" + pid + "\0").getBytes(StandardCharsets.US_ASCII)));
  }

  /** {@link #go(int, boolean)}: go. */
  public void go(int pid) throws IOException {
    go(pid, true);
  }

  private void write(byte[] bytes) throws SpawnerGoneException {
    try {
      requests.write(bytes);
      requests.flush();
    } catch (IOException e) {
      throw new SpawnerGoneException(this, e);  // its stdin is closed: it is gone
    }
  }

  /** The pid of the coordinator of the oldest request not answered yet. */
  public int awaitSpawned() throws IOException {
    String reply;
    try {
      reply = replies.poll(REPLY_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new java.io.InterruptedIOException("interrupted waiting for the spawner");
    }
    if (GONE.equals(reply)) {
      replies.add(GONE);  // for the requests after this one, unanswered too
      throw new SpawnerGoneException(this, null);
    }
    if (reply == null || reply.startsWith("X")) {
      throw new IOException("the spawner could not fork a coordinator"
          + (reply == null ? " (no reply)" : " (errno " + reply.substring(2) + ")"));
    }
    return Integer.parseInt(reply.substring(2).trim());
  }

  private static byte[] frame(List<String> argv, Map<String, String> env) {
    ByteArrayOutputStream payload = new ByteArrayOutputStream(512);
    string(payload, Integer.toString(argv.size()));
    argv.forEach(a -> string(payload, a));
    string(payload, Integer.toString(env.size()));
    env.forEach((k, v) -> string(payload, k + "=" + v));
    return framed(payload.toByteArray());
  }

  /** {@code body} after its length (4 bytes, big-endian): one message on the spawner's stdin. */
  private static byte[] framed(byte[] body) {
    byte[] out = new byte[4 + body.length];
    out[0] = (byte) (body.length >>> 24);
    out[1] = (byte) (body.length >>> 16);
    out[2] = (byte) (body.length >>> 8);
    out[3] = (byte) body.length;
    System.arraycopy(body, 0, out, 4, body.length);
    return out;
  }

  private static void string(ByteArrayOutputStream out, String s) {
    if (s.indexOf('\0') >= 0) {
      throw new IllegalArgumentException("a NUL character cannot be passed to a process: " + s);
    }
    out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
    out.write(0);
  }

  private void read(Listener listener) {
    byte[] buf = new byte[4096];
    StringBuilder line = new StringBuilder();
    try {
      for (int n = pipe.read(buf); n > 0; n = pipe.read(buf)) {
        for (int i = 0; i < n; i++) {
          if (buf[i] != '\n') {
            line.append((char) (buf[i] & 0x7f));
          } else {
            dispatch(line.toString(), listener);
            line.setLength(0);
          }
        }
      }
    } catch (IOException | RuntimeException e) {
      // the spawner is gone
    } finally {
      pipe.close();
    }
    replies.add(GONE);
    listener.spawnerEnded(this);
  }

  /**
   * One line from the spawner. A coordinator's pid is claimed ({@link KnownChildren}) as soon as
   * it is known, on this thread, before its exit line can be read: should the spawner die, the
   * coordinator becomes this JVM's child, waited for by its own pid, and the orphan reaper must
   * leave it alone. The spawner's report of its exit (it reaped it) releases the claim.
   */
  private void dispatch(String line, Listener listener) {
    if (line.startsWith("E ")) {
      String[] f = line.split(" ");
      KnownChildren.release(Integer.parseInt(f[1]));
      listener.exited(Integer.parseInt(f[1]), Integer.parseInt(f[2]));
    } else if (line.equals("R")) {
      pipe.closeWriteEnd();  // the spawner holds its own end now
    } else {
      if (line.startsWith("S ")) {
        KnownChildren.claim(Integer.parseInt(line.substring(2).trim()));
      }
      replies.add(line);
    }
  }

  /**
   * Lets the spawner end (its coordinators go on). A spawner already gone has nothing to be told:
   * what a failed request left in the buffer is dropped, not an error.
   */
  @Override
  public void close() throws IOException {
    try {
      requests.close();
    } catch (IOException e) {
      if (process.isAlive()) {
        throw e;
      }
    }
  }
}
