package dev.thermos.format;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.thermos.posix.FileStat;
import dev.thermos.posix.SafeDirectory;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The runner's proof that it made a sandbox for a task: {@code <sandbox>/.thermos_sandbox}, written
 * at launch (atomically, never through a link), naming the task and the real path of its root:
 *
 * <pre>
 * {"task_id":"hello-1","root":"/var/run/thermos"}
 * </pre>
 *
 * <p>gc removes a sandbox outside {@code <root>/sandbox/} only when this file is a regular file
 * owned by the task's uid and names that very task and root: a checkpoint header alone (which
 * anyone who can write the root can forge) never makes a directory deletable. Ours only; Aurora's
 * tools ignore the file.
 */
public final class SandboxMarker {
  /** The marker's name in the sandbox. */
  public static final String FILE = ".thermos_sandbox";
  private static final int MAX_BYTES = 64 * 1024;
  private static final JsonFactory JSON = new JsonFactory();

  private SandboxMarker() {}

  /** Marks {@code sandbox} as made for {@code taskId} of the root whose real path is {@code root}. */
  public static void write(SafeDirectory sandbox, String taskId, Path root) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (JsonGenerator g = JSON.createGenerator(bytes)) {
      g.writeStartObject();
      g.writeStringField("task_id", taskId);
      g.writeStringField("root", root.toString());
      g.writeEndObject();
    }
    bytes.write('\n');
    sandbox.writeAtomically(FILE, bytes.toByteArray(), 0644);
  }

  /**
   * Why {@code sandbox} is not proven to be {@code taskId}'s of {@code root} (a real path), with
   * a marker owned by {@code uid}; empty when it is.
   */
  public static Optional<String> refusal(SafeDirectory sandbox, String taskId, Path root, int uid)
      throws IOException {
    Optional<FileStat> stat = sandbox.stat(FILE);
    if (stat.isEmpty()) {
      return Optional.of("no " + FILE + " marker (the runner did not make it)");
    }
    if (!stat.get().isRegularFile()) {
      return Optional.of(FILE + " is " + stat.get().kind() + ", not a regular file");
    }
    if (stat.get().uid() != uid) {
      return Optional.of(FILE + " is owned by uid " + stat.get().uid() + ", not " + uid);
    }
    String[] claim = parse(sandbox.readAll(FILE, MAX_BYTES));
    if (claim == null) {
      return Optional.of(FILE + " does not hold a task id and a root");
    }
    if (!claim[0].equals(taskId)) {
      return Optional.of(FILE + " names task " + claim[0] + ", not " + taskId);
    }
    if (!claim[1].equals(root.toString())) {
      return Optional.of(FILE + " names root " + claim[1] + ", not " + root);
    }
    return Optional.empty();
  }

  /** {task id, root} from the marker's JSON, or null when it has not both as strings. */
  private static String[] parse(byte[] bytes) {
    String[] claim = new String[2];
    try (JsonParser p = JSON.createParser(bytes)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return null;
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken value = p.nextToken();
        int slot = field.equals("task_id") ? 0 : field.equals("root") ? 1 : -1;
        if (slot >= 0 && value == JsonToken.VALUE_STRING) {
          claim[slot] = p.getText();
        } else {
          p.skipChildren();
        }
      }
    } catch (IOException e) {
      return null;
    }
    return claim[0] == null || claim[1] == null ? null : claim;
  }
}
