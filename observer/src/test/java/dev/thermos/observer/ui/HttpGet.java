package dev.thermos.observer.ui;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Plain GETs against a test server. */
final class HttpGet {
  private static final HttpClient CLIENT = HttpClient.newBuilder()
      .connectTimeout(Duration.ofSeconds(5)).build();

  private HttpGet() {}

  /** GET of {@code base + rawPath}, the path sent exactly as given (already encoded). */
  static HttpResponse<String> get(String base, String rawPath) throws IOException {
    HttpRequest request = HttpRequest.newBuilder(URI.create(base + rawPath))
        .timeout(Duration.ofSeconds(10)).GET().build();
    try {
      return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }
}
