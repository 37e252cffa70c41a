package dev.thermos.observer.ui;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.thermos.posix.UnsafePathException;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * {@code GET /api/v1/tasks/{id}/files[/path]}: one directory of a task's sandbox, for the
 * sandbox browser:
 *
 * <pre>
 * {"task_id": ID, "path": "a/b", "truncated": false,
 *  "entries": [{"name": N, "type": "file"|"directory"|"link"|"other", "size": BYTES, "mtime_ms": MS}]}
 * </pre>
 *
 * Confined to the sandbox by {@link SandboxListing}: an unknown task, a missing directory, a
 * {@code ..}, an absolute path, a link on the way or anything but a directory is a 404 with
 * {@code {"error": ...}} and nothing of what lies outside.
 */
public final class SandboxFilesRoutes {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final TaskLookup tasks;

  public SandboxFilesRoutes(TaskLookup tasks) {
    this.tasks = tasks;
  }

  /** Declares the two routes. */
  public void register(JavalinConfig config) {
    config.routes.get("/api/v1/tasks/{task_id}/files", ctx -> list(ctx, ""));
    config.routes.get("/api/v1/tasks/{task_id}/files/<path>",
        ctx -> list(ctx, ctx.pathParam("path")));
  }

  private void list(Context ctx, String relative) throws IOException {
    String taskId = ctx.pathParam("task_id");
    Optional<Path> sandbox = tasks.exists(taskId) ? tasks.sandbox(taskId) : Optional.empty();
    if (sandbox.isEmpty()) {
      notFound(ctx, tasks.exists(taskId) ? "the task has no sandbox yet" : "unknown task");
      return;
    }
    SandboxListing.Listing listing;
    try {
      listing = SandboxListing.list(sandbox.get(), relative);
    } catch (NoSuchFileException e) {
      notFound(ctx, "no such directory in the sandbox");
      return;
    } catch (UnsafePathException e) {
      notFound(ctx, "refused: the path leaves the sandbox or passes a link");
      return;
    } catch (IOException e) {
      notFound(ctx, "not a directory of the sandbox");
      return;
    }
    ObjectNode body = JSON.createObjectNode();
    body.put("task_id", taskId);
    body.put("path", listing.path());
    body.put("truncated", listing.truncated());
    ArrayNode entries = body.putArray("entries");
    for (SandboxListing.Entry e : listing.entries()) {
      entries.addObject().put("name", e.name()).put("type", e.type())
          .put("size", e.sizeBytes()).put("mtime_ms", e.mtimeMs());
    }
    ctx.contentType("application/json").result(JSON.writeValueAsBytes(body));
  }

  private static void notFound(Context ctx, String why) throws IOException {
    ctx.status(404).contentType("application/json")
        .result(JSON.writeValueAsBytes(JSON.createObjectNode().put("error", why)));
  }
}
