package dev.thermos.observer;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** GETs against a local observer, the path sent as written (no normalisation by the client). */
final class Http {
  private static final HttpClient CLIENT = HttpClient.newHttpClient();

  private final int port;

  Http(int port) {
    this.port = port;
  }

  record Answer(int status, byte[] body, String contentType) {
    String text() {
      return new String(body, java.nio.charset.StandardCharsets.UTF_8);
    }
  }

  Answer get(String path) throws IOException, InterruptedException {
    HttpResponse<byte[]> r = CLIENT.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET().build(),
        HttpResponse.BodyHandlers.ofByteArray());
    return new Answer(r.statusCode(), r.body(),
        r.headers().firstValue("Content-Type").orElse(""));
  }
}
