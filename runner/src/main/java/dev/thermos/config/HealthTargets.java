package dev.thermos.config;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * Parses the targets of {@code http} and {@code tcp} health checks: what the loader checks once a
 * task is interpolated and what the checks connect to.
 */
public final class HealthTargets {
  /** A {@code host:port} to connect to. */
  public record HostPort(String host, int port) {}

  private HealthTargets() {}

  /** Why {@code url} is no URL an {@code http} check can use, or null. */
  static String httpProblem(String url) {
    try {
      URI uri = new URI(url);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme();
      if (!scheme.equals("http") && !scheme.equals("https")) {
        return "must start with http:// or https://";
      }
      if (uri.getHost() == null) {
        return "has no host";
      }
      return null;
    } catch (URISyntaxException e) {
      return "not a URL: " + e.getReason();
    }
  }

  /** Why {@code target} is no {@code host:port}, or null. */
  static String tcpProblem(String target) {
    try {
      hostPort(target);
      return null;
    } catch (IllegalArgumentException e) {
      return e.getMessage();
    }
  }

  /**
   * Splits {@code host:port} ({@code [::1]:80} for IPv6).
   *
   * @throws IllegalArgumentException naming what is wrong
   */
  public static HostPort hostPort(String target) {
    int colon = target.lastIndexOf(':');
    if (colon <= 0 || colon == target.length() - 1) {
      throw new IllegalArgumentException("must be host:port");
    }
    String host = target.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    if (host.isEmpty() || host.chars().anyMatch(c -> c <= ' ' || c == '/')) {
      throw new IllegalArgumentException("must be host:port");
    }
    int port;
    try {
      port = Integer.parseInt(target.substring(colon + 1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("the port must be a number");
    }
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("the port must be 1 to 65535");
    }
    return new HostPort(host, port);
  }
}
