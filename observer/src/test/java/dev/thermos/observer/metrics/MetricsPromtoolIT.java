package dev.thermos.observer.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The text {@code /metrics} serves passes Prometheus' own checker. */
class MetricsPromtoolIT {
  static final Path PROMTOOL = Path.of("/usr/bin/promtool");

  /** Runs {@code promtool check metrics} over {@code text}; returns its exit code and output. */
  static String check(byte[] text) throws Exception {
    assertTrue(Files.isExecutable(PROMTOOL), PROMTOOL + " is missing: install Debian's"
        + " 'prometheus' package (apt-get install prometheus), which .ci/run installs");
    Process p = new ProcessBuilder(PROMTOOL.toString(), "check", "metrics")
        .redirectErrorStream(true).start();
    try (OutputStream in = p.getOutputStream()) {
      in.write(text);
    }
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(30, TimeUnit.SECONDS), "promtool did not finish");
    return p.exitValue() + (out.isEmpty() ? "" : ": " + out.trim());
  }

  @Test
  void theObserversMetricsPassPromtoolCheckMetrics() throws Exception {
    byte[] text = MetricsText.of(new ObserverMetrics(MetricsFixture::tasks,
        MetricsFixture.samples(), MetricsFixture::health)).scrape();
    assertEquals("0", check(text));
  }

  @Test
  void promtoolRefusesBrokenMetricsSoTheCheckAboveCanFail() throws Exception {
    String out = check("thermos_bad{x=\"1\"} not-a-number\n".getBytes(StandardCharsets.UTF_8));
    assertTrue(!out.startsWith("0"), out);
  }
}
