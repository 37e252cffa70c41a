package dev.thermos.config;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;

/** Test resources under {@code src/test/resources/config/}. */
final class Resource {
  private Resource() {}

  static Path path(String name) {
    URL url = Resource.class.getResource("/config/" + name);
    if (url == null) {
      throw new IllegalArgumentException("no test resource config/" + name);
    }
    try {
      return Path.of(url.toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
