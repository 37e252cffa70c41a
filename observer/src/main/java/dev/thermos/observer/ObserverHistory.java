package dev.thermos.observer;

import dev.thermos.monitor.TaskSummary;
import dev.thermos.observer.event.DiskSample;
import dev.thermos.observer.event.LatestSamples;
import dev.thermos.observer.event.ResourceSample;
import dev.thermos.observer.history.History;
import dev.thermos.observer.http.EventStreamRoutes;
import dev.thermos.observer.http.HistoryRoutes;
import dev.thermos.observer.http.MetricsRoutes;
import dev.thermos.observer.metrics.MetricsText;
import dev.thermos.observer.metrics.ObserverHealth;
import dev.thermos.observer.metrics.ObserverMetrics;
import dev.thermos.observer.sample.SampleListener;
import dev.thermos.observer.sample.Sampler;
import dev.thermos.observer.sample.SamplerThread;
import dev.thermos.observer.stream.EventDispatcher;
import dev.thermos.observer.watch.FollowedTask;
import dev.thermos.observer.watch.TaskIndex;
import dev.thermos.observer.watch.TaskIndex.Which;
import dev.thermos.observer.watch.TaskWatcher;
import io.javalin.config.JavalinConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The observer's memory and live side, wired to the watcher and the index: the history (every
 * transition the watcher reports, every sample), the one sampler thread, the event stream's
 * dispatcher, and the routes {@code /api/v1/tasks/{id}/history}, {@code /api/v1/events} and
 * {@code /metrics}.
 */
final class ObserverHistory implements AutoCloseable {
  static final Duration KEEPALIVE = Duration.ofSeconds(15);

  private final History history;
  private final Sampler sampler;
  private final EventDispatcher dispatcher;
  private final HistoryRoutes historyRoutes;
  private final EventStreamRoutes eventRoutes;
  private final MetricsRoutes metricsRoutes;
  private SamplerThread samplerThread;

  private ObserverHistory(History history, TaskIndex index, TaskWatcher watcher) {
    this.history = history;
    this.sampler = Sampler.ofHost(index::runningProcesses, new SampleListener() {
      @Override
      public void onSample(ResourceSample sample) {
        history.append(sample);
      }

      @Override
      public void onDisk(DiskSample disk) {
        history.append(disk);
      }
    });
    this.dispatcher = new EventDispatcher(history, KEEPALIVE, System::nanoTime);
    this.historyRoutes = new HistoryRoutes(history, index);
    this.eventRoutes = new EventStreamRoutes(dispatcher);
    ObserverMetrics metrics = new ObserverMetrics(() -> summaries(index), sampler,
        () -> new ObserverHealth(watcher.watchedDirectories(), index.count(Which.ALL),
            dispatcher.lagSeconds(), dispatcher.clients(), history.sizeBytes(),
            history.indexBytes(), sampler.lastRoundMillis() / 1000));
    this.metricsRoutes = new MetricsRoutes(MetricsText.of(metrics));
    watcher.addListener(history::append);
  }

  /**
   * Opens the history of {@code options} and listens to {@code watcher} (before it starts, so
   * that the transitions of its first scan are kept).
   *
   * @throws IOException when the history directory cannot be made or read
   */
  static ObserverHistory open(ObserverOptions options, TaskIndex index, TaskWatcher watcher)
      throws IOException {
    History history = History.open(options.historyDir(), options.historyRetention(),
        System::currentTimeMillis);
    return new ObserverHistory(history, index, watcher);
  }

  /** What the sampler measured last, for the task endpoints. */
  LatestSamples latestSamples() {
    return sampler;
  }

  /** Clients connected to the event stream now. */
  int eventClients() {
    return dispatcher.clients();
  }

  void register(JavalinConfig config) {
    historyRoutes.register(config);
    eventRoutes.register(config);
    metricsRoutes.register(config);
  }

  /** Starts the sampler thread (rounds every {@code interval}); failures go to {@code err}. */
  void startSampling(Duration interval, PrintWriter err) {
    samplerThread = SamplerThread.start(sampler, interval, err);
  }

  private static Collection<TaskSummary> summaries(TaskIndex index) {
    List<TaskSummary> out = new ArrayList<>();
    for (FollowedTask t : index.page(Which.ALL, 0, Integer.MAX_VALUE, null).tasks()) {
      TaskSummary s = t.snapshot();
      if (s != null) {
        out.add(s);
      }
    }
    return out;
  }

  @Override
  public void close() {
    if (samplerThread != null) {
      samplerThread.close();
    }
    dispatcher.close();
    history.close();
  }
}
