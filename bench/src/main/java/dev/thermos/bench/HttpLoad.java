package dev.thermos.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * {@code CLIENTS} concurrent clients on loopback, each sending {@code REQUESTS} GETs of one path
 * back to back (HTTP/1.1, kept-alive connections); the latency of every request.
 */
final class HttpLoad {
  private final HttpClient client = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1).build();
  private final String base;

  HttpLoad(int port) {
    this.base = "http://127.0.0.1:" + port;
  }

  /** One GET; the body as text. */
  String get(String path) throws IOException, InterruptedException {
    HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(base + path)).build(),
        HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      String body = r.body();
      throw new IOException(path + ": HTTP " + r.statusCode() + ": "
          + body.substring(0, Math.min(300, body.length())));
    }
    return r.body();
  }

  /** The sorted latencies in nanoseconds of {@code clients} x {@code requests} GETs of {@code path}. */
  long[] run(String path, int clients, int requests) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    try {
      List<Future<long[]>> futures = new ArrayList<>();
      for (int c = 0; c < clients; c++) {
        futures.add(pool.submit(() -> {
          long[] own = new long[requests];
          for (int i = 0; i < requests; i++) {
            long start = System.nanoTime();
            get(path);
            own[i] = System.nanoTime() - start;
          }
          return own;
        }));
      }
      long[] all = new long[clients * requests];
      int at = 0;
      for (Future<long[]> f : futures) {
        long[] own = f.get();
        System.arraycopy(own, 0, all, at, own.length);
        at += own.length;
      }
      Arrays.sort(all);
      return all;
    } finally {
      pool.shutdownNow();
    }
  }

  static double percentileMs(long[] sorted, double p) {
    int i = (int) Math.min(sorted.length - 1, Math.ceil(p / 100 * sorted.length) - 1);
    return sorted[Math.max(0, i)] / 1e6;
  }
}
