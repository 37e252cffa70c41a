package dev.thermos.bench;

import dev.thermos.format.CheckpointWriter;
import dev.thermos.format.Records;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The delay from a record appended to an active task's runner stream (the benchmark appends as
 * the runner would: a new process's WAITING) to its being seen: (a) on {@code /api/v1/events}
 * (the SSE stream, when the observer has it) and (b) in {@code /api/v1/tasks/{id}}, asked back to
 * back (the core's follow latency plus one request).
 */
final class EventDelay {
  private final int port;
  private final Path checkpoint;
  private final String taskId;

  EventDelay(int port, Path root, String taskId) {
    this.port = port;
    this.checkpoint = root.resolve("checkpoints").resolve(taskId).resolve("runner");
    this.taskId = taskId;
  }

  /** How a sample's record is seen: the time it was, or {@link Long#MAX_VALUE} when never. */
  @FunctionalInterface
  private interface Seen {
    long await(String name) throws Exception;
  }

  /** Sorted delays in ns of {@code samples} appends, seen by polling the task. */
  long[] polled(HttpLoad http, int samples, String prefix) throws Exception {
    return measure(samples, prefix, name -> {
      while (!http.get("/api/v1/tasks/" + taskId).contains("\"" + name + "\"")) {
        Thread.onSpinWait();
      }
      return System.nanoTime();
    });
  }

  /** Sorted delays in ns seen on the SSE stream, or null when the observer has no stream. */
  long[] streamed(int samples, String prefix) throws Exception {
    HttpClient client = HttpClient.newHttpClient();
    HttpResponse<InputStream> r = client.send(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + port + "/api/v1/events")).build(),
        HttpResponse.BodyHandlers.ofInputStream());
    if (r.statusCode() != 200) {
      r.body().close();
      return null;
    }
    ConcurrentHashMap<String, Long> arrived = new ConcurrentHashMap<>();
    Thread reader = new Thread(() -> read(r.body(), prefix, arrived), "sse-reader");
    reader.setDaemon(true);
    reader.start();
    try {
      return measure(samples, prefix, name -> {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!arrived.containsKey(name) && System.nanoTime() < deadline) {
          Thread.sleep(0, 200_000);
        }
        return arrived.getOrDefault(name, Long.MAX_VALUE);
      });
    } finally {
      r.body().close();
    }
  }

  /** Appends a new process's WAITING per sample, as a runner would, and times its sighting. */
  private long[] measure(int samples, String prefix, Seen seen) throws Exception {
    long[] delays = new long[samples];
    try (CheckpointWriter w = CheckpointWriter.open(checkpoint)) {
      for (int i = 0; i < samples; i++) {
        String name = prefix + i;
        long start = System.nanoTime();
        w.append(Records.waiting(name, 0));
        long at = seen.await(name);
        delays[i] = at == Long.MAX_VALUE ? at : at - start;
        Thread.sleep(20);
      }
    }
    Arrays.sort(delays);
    return delays;
  }

  private static void read(InputStream in, String prefix,
      ConcurrentHashMap<String, Long> arrived) {
    try (BufferedReader lines = new BufferedReader(
        new InputStreamReader(in, StandardCharsets.UTF_8))) {
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        int at = line.startsWith("data:") ? line.indexOf("\"" + prefix) : -1;
        if (at >= 0) {
          int end = line.indexOf('"', at + 1);
          arrived.putIfAbsent(line.substring(at + 1, end), System.nanoTime());
        }
      }
    } catch (java.io.IOException e) {
      // the stream was closed: the measurement is over
    }
  }
}
