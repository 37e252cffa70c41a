package dev.thermos.observer.http;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.thermos.gen.ProcessStatus;
import dev.thermos.gen.RunnerState;
import dev.thermos.monitor.TaskSummary;
import dev.thermos.observer.event.LatestSamples;
import dev.thermos.observer.watch.FollowedTask;
import dev.thermos.observer.watch.TaskIndex;
import dev.thermos.observer.watch.TaskIndex.Page;
import dev.thermos.observer.watch.TaskIndex.Which;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Aurora's observer JSON at Aurora's paths, with its parameters and shapes, so that tools written
 * for Aurora's observer work unchanged: {@code /j/task_ids[/:which[/:offset[/:num]]]},
 * {@code /j/task_id_count}, {@code /j/task?task_id=a,b}, {@code /j/task/:task_id},
 * {@code /j/process/:task_id[/:process[/:run]]}, {@code /j/processes?task_id=a,b}. Unknown ids
 * give {@code {}} as in Aurora; a bad {@code which}, offset or number gives 404.
 */
public final class AuroraJsonRoutes {
  static final int DEFAULT_NUM = 20;

  private final TaskIndex index;
  private final AuroraTaskJson json;

  public AuroraJsonRoutes(TaskIndex index, LatestSamples samples) {
    this.index = index;
    this.json = new AuroraTaskJson(samples);
  }

  public void register(JavalinConfig config) {
    config.routes.get("/j/task_ids", this::taskIds);
    config.routes.get("/j/task_ids/{which}", this::taskIds);
    config.routes.get("/j/task_ids/{which}/{offset}", this::taskIds);
    config.routes.get("/j/task_ids/{which}/{offset}/{num}", this::taskIds);
    config.routes.get("/j/task_id_count", this::taskIdCount);
    config.routes.get("/j/task", ctx -> tasks(ctx, ctx.queryParam("task_id")));
    config.routes.get("/j/task/{task_id}", ctx -> tasks(ctx, ctx.pathParam("task_id")));
    config.routes.get("/j/process/{task_id}", ctx -> JsonBody.send(ctx, JsonBody::emptyObject));
    config.routes.get("/j/process/{task_id}/{process}", this::process);
    config.routes.get("/j/process/{task_id}/{process}/{run}", this::process);
    config.routes.get("/j/processes", this::processes);
  }

  private static String param(Context ctx, String name) {
    return ctx.pathParamMap().get(name);
  }

  void taskIds(Context ctx) throws IOException {
    String type = param(ctx, "which");
    Which which = type == null ? Which.ALL : Which.parse(type);
    Integer offset = QueryNumbers.parse(param(ctx, "offset"), 0);
    Integer num = QueryNumbers.parse(param(ctx, "num"), DEFAULT_NUM);
    if (which == null || offset == null || num == null || num < 0) {
      JsonBody.error(ctx, 404, "expected /j/task_ids/all|active|finished/OFFSET/NUM");
      return;
    }
    Page page = index.page(which, offset, num, null);
    JsonBody.send(ctx, g -> {
      g.writeStartObject();
      g.writeArrayFieldStart("tasks");
      for (FollowedTask t : page.tasks()) {
        TaskSummary s = t.snapshot();
        if (s != null && AuroraTaskJson.describable(s.state())) {
          json.writeRow(g, t.taskId(), StoredTaskJson.name(t), s.state());
        }
      }
      g.writeEndArray();
      g.writeStringField("type", type == null ? "all" : type);
      g.writeNumberField("offset", page.offset());
      g.writeNumberField("num", num);
      g.writeNumberField("task_count", page.total());
      g.writeEndObject();
    });
  }

  void taskIdCount(Context ctx) throws IOException {
    JsonBody.send(ctx, g -> {
      g.writeStartObject();
      g.writeNumberField("active", index.count(Which.ACTIVE));
      g.writeNumberField("finished", index.count(Which.FINISHED));
      g.writeNumberField("all", index.count(Which.ALL));
      g.writeEndObject();
    });
  }

  void tasks(Context ctx, String ids) throws IOException {
    JsonBody.send(ctx, g -> {
      g.writeStartObject();
      for (String id : split(ids)) {
        g.writeFieldName(id);
        FollowedTask t = index.get(id);
        TaskSummary s = t == null ? null : t.snapshot();
        if (s == null || !AuroraTaskJson.describable(s.state())) {
          JsonBody.emptyObject(g);
        } else {
          json.writeTask(g, id, StoredTaskJson.name(t), s.state(), StoredTaskJson.read(t));
        }
      }
      g.writeEndObject();
    });
  }

  void process(Context ctx) throws IOException {
    String taskId = ctx.pathParam("task_id");
    String process = ctx.pathParam("process");
    String runText = param(ctx, "run");
    Integer run = QueryNumbers.parse(runText, -1);
    if (run == null) {
      JsonBody.error(ctx, 404, "not a run number: " + runText);
      return;
    }
    FollowedTask t = index.get(taskId);
    TaskSummary s = t == null ? null : t.snapshot();
    List<ProcessStatus> runs = s == null ? null : s.state().getProcesses().get(process);
    JsonBody.send(ctx, g -> {
      if (runs == null || run >= runs.size() || run < -runs.size()) {
        JsonBody.emptyObject(g);
      } else {
        int index = run < 0 ? runs.size() + run : run;
        json.writeProcess(g, taskId, process, runs.get(index), index);
      }
    });
  }

  void processes(Context ctx) throws IOException {
    JsonBody.send(ctx, g -> {
      g.writeStartObject();
      for (String id : split(ctx.queryParam("task_id"))) {
        g.writeObjectFieldStart(id);
        FollowedTask t = index.get(id);
        TaskSummary s = t == null ? null : t.snapshot();
        if (s != null) {
          writeLatestRuns(g, id, s.state());
        }
        g.writeEndObject();
      }
      g.writeEndObject();
    });
  }

  private void writeLatestRuns(JsonGenerator g, String taskId, RunnerState state)
      throws IOException {
    for (Map.Entry<String, List<ProcessStatus>> e : state.getProcesses().entrySet()) {
      List<ProcessStatus> runs = e.getValue();
      g.writeFieldName(e.getKey());
      json.writeProcess(g, taskId, e.getKey(), runs.get(runs.size() - 1), runs.size() - 1);
    }
  }

  /** Comma-separated ids, each once, empty ones dropped. */
  private static Set<String> split(String ids) {
    Set<String> out = new LinkedHashSet<>();
    if (ids != null) {
      for (String id : ids.split(",")) {
        if (!id.isEmpty()) {
          out.add(id);
        }
      }
    }
    return out;
  }
}
