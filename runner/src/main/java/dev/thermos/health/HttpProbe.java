package dev.thermos.health;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.SocketTimeoutException;
import java.net.URI;

/**
 * An {@code http} check: one GET, straight to the target (no proxy, no cache, redirects not
 * followed); a 2xx or 3xx answer passes. The timeout bounds connecting and, separately, each
 * read of the answer.
 */
final class HttpProbe implements HealthProbe {
  /** At most this much of an answer's body is read (so the connection closes cleanly). */
  private static final int MAX_BODY_BYTES = 64 * 1024;

  private final URI uri;
  private final double timeoutSecs;

  HttpProbe(URI uri, double timeoutSecs) {
    this.uri = uri;
    this.timeoutSecs = timeoutSecs;
  }

  @Override
  public ProbeOutcome check() throws IOException {
    HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection(Proxy.NO_PROXY);
    try {
      int millis = ProbeOutcome.timeoutMillis(timeoutSecs);
      connection.setConnectTimeout(millis);
      connection.setReadTimeout(millis);
      connection.setInstanceFollowRedirects(false);
      connection.setUseCaches(false);
      connection.setRequestProperty("User-Agent", "thermos-health-check");
      int status = connection.getResponseCode();
      skipBody(connection);
      return new ProbeOutcome(status >= 200 && status < 400, "HTTP " + status);
    } catch (SocketTimeoutException e) {
      return ProbeOutcome.timedOut(timeoutSecs);
    } catch (IOException e) {
      return ProbeOutcome.failure(e);
    } finally {
      connection.disconnect();
    }
  }

  private static void skipBody(HttpURLConnection connection) {
    try (InputStream body = connection.getErrorStream() != null
        ? connection.getErrorStream() : connection.getInputStream()) {
      body.readNBytes(MAX_BODY_BYTES);
    } catch (IOException e) {
      // The status is what counts; a body cut short changes nothing.
    }
  }
}
