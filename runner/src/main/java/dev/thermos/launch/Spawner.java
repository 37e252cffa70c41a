package dev.thermos.launch;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
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
 * <p>{@link #spawn} is called from one thread (the run loop); exits are reported on the spawner's
 * reader thread.
 */
public final class Spawner implements Closeable {
  /** Told, on the reader thread, of coordinator exits and of the spawner's own end. */
  public interface Listener {
    /** A coordinator exited with {@code code} (exit code, or 128 + signal). */
    void exited(int pid, int code);

    /** The spawner ended: coordinators it forked will no longer be reported. */
    void spawnerEnded();
  }

  private static final long REPLY_TIMEOUT_SECONDS = 30;

  private final Process process;
  private final OutputStream requests;
  private final BlockingQueue<String> replies = new LinkedBlockingQueue<>();

  private Spawner(Process process, Listener listener) {
    this.process = process;
    this.requests = process.getOutputStream();
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
    ProcessBuilder builder = cgroup == null
        ? new ProcessBuilder(binary.toString(), "--spawner")
        : new ProcessBuilder(binary.toString(), "--spawner", "--cgroup", cgroup.toString());
    builder.environment().clear();
    builder.redirectError(ProcessBuilder.Redirect.INHERIT);
    return new Spawner(builder.start(), listener);
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /**
   * Forks a coordinator for {@code spec} and returns its pid.
   *
   * @throws IOException when the spawner is gone or could not fork
   */
  public int spawn(LaunchSpec spec) throws IOException {
    CoordinatorLauncher.createDirectories(spec);
    requests.write(frame(CoordinatorLauncher.arguments(spec), spec.environment()));
    requests.flush();
    String reply;
    try {
      reply = replies.poll(REPLY_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new java.io.InterruptedIOException("interrupted waiting for the spawner");
    }
    if (reply == null || reply.startsWith("X")) {
      throw new IOException("the spawner could not fork a coordinator"
          + (reply == null ? " (no reply)" : " (" + reply.substring(2) + ")"));
    }
    return Integer.parseInt(reply.substring(2).trim());
  }

  private static byte[] frame(List<String> argv, Map<String, String> env) {
    ByteArrayOutputStream payload = new ByteArrayOutputStream(512);
    string(payload, Integer.toString(argv.size()));
    argv.forEach(a -> string(payload, a));
    string(payload, Integer.toString(env.size()));
    env.forEach((k, v) -> string(payload, k + "=" + v));
    byte[] body = payload.toByteArray();
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
    try (BufferedReader in = new BufferedReader(
        new InputStreamReader(process.getInputStream(), StandardCharsets.US_ASCII))) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        if (line.startsWith("E ")) {
          String[] f = line.split(" ");
          listener.exited(Integer.parseInt(f[1]), Integer.parseInt(f[2]));
        } else {
          replies.add(line);
        }
      }
    } catch (IOException | RuntimeException e) {
      // the spawner is gone
    }
    replies.add("X gone");
    listener.spawnerEnded();
  }

  /** Lets the spawner end (its coordinators go on). */
  @Override
  public void close() throws IOException {
    requests.close();
  }
}
