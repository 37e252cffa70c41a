package dev.thermos.runner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.thermos.config.Instances;
import dev.thermos.config.JsonTree;
import dev.thermos.posix.SafeDirectory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The task as it was given ({@code instances} not expanded, nothing interpolated), kept in
 * {@code checkpoints/<task_id>/template.json} beside the stored task file (which is expanded and
 * interpolated): what {@code thermos scale} changes the {@code instances} of. Written by the
 * runner when a task starts, replaced with an update.
 */
public final class TaskTemplate {
  static final String NAME = "template.json";
  private static final int MAX_BYTES = 16 << 20;

  private TaskTemplate() {}

  /** The template of the task whose checkpoint directory is {@code dir}; empty when none. */
  public static Optional<String> read(Path dir) throws IOException {
    try (SafeDirectory d = SafeDirectory.openLeaf(dir, false)) {
      return Optional.of(new String(d.readAll(NAME, MAX_BYTES), StandardCharsets.UTF_8));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
  }

  /** Writes {@code json} as the template, durably (replacing one there). */
  static void write(Path dir, String json) throws IOException {
    try (SafeDirectory d = SafeDirectory.openLeaf(dir, false)) {
      d.writeAtomically(NAME, json.getBytes(StandardCharsets.UTF_8), 0644);
    }
  }

  /** Writes {@code json} as the template unless there is one (a resumed task keeps its own). */
  static void writeIfAbsent(Path dir, String json) throws IOException {
    try (SafeDirectory d = SafeDirectory.openLeaf(dir, false)) {
      if (d.stat(NAME).isEmpty()) {
        d.writeAtomically(NAME, json.getBytes(StandardCharsets.UTF_8), 0644);
      }
    }
  }

  /**
   * {@code template} with {@code "instances": n} for the process {@code process}.
   *
   * @throws IllegalArgumentException when the template has no such process, the process has no
   *     {@code instances}, or {@code n} is not 1 to {@link Instances#MAX} (the message says which)
   * @throws IOException when the template is not JSON
   */
  public static String scaled(String template, String process, int n) throws IOException {
    if (n < 1 || n > Instances.MAX) {
      throw new IllegalArgumentException("instances must be 1 to " + Instances.MAX + ", got " + n);
    }
    JsonNode root = JsonTree.read(template);
    JsonNode processes = root == null ? null : root.get("processes");
    if (processes != null) {
      for (JsonNode p : processes) {
        if (p.isObject() && process.equals(p.path("name").asText(null))) {
          if (!p.has("instances")) {
            throw new IllegalArgumentException("process " + process + " has no \"instances\"");
          }
          if (p.get("instances").isObject()) {
            ((ObjectNode) p.get("instances")).put("count", n);  // idle-based scaling's copies
          } else {
            ((ObjectNode) p).put("instances", n);
          }
          return root.toString();
        }
      }
    }
    throw new IllegalArgumentException("no process " + process);
  }
}
