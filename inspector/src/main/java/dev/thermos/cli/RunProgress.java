package dev.thermos.cli;

import dev.thermos.config.TaskConfig;
import dev.thermos.format.ZeroPadding;
import dev.thermos.gen.ProcessState;
import dev.thermos.gen.RunnerCkpt;
import dev.thermos.gen.RunnerState;
import dev.thermos.gen.TaskState;
import dev.thermos.runner.RunObserver;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;

/**
 * Shows a run's progress. On a terminal: a table of the processes (state, run, pid, rc, elapsed)
 * pinned to the bottom of the screen ({@link PinnedBlock}), redrawn about once a second by a
 * daemon thread of its own while something runs, and at once after a transition; the processes'
 * console output and notes scroll above it. Otherwise: one plain line per transition.
 *
 * <p>The runner's thread only updates the display's own copy ({@link RunView}) and, off a terminal,
 * prints the transition's line; it never waits for a redraw. The last line comes from {@link
 * #finish}.
 */
final class RunProgress implements RunObserver, AutoCloseable {
  private static final long TICK_MS = 1000;

  private final PrintWriter out;
  private final TaskConfig task;
  private final boolean terminal;
  private final StateColour colour;
  private final Supplier<TerminalSize> size;
  private final DoubleSupplier nowSecs;
  private final RunView view;
  private final PinnedBlock block = new PinnedBlock();
  private final AtomicBoolean redrawQueued = new AtomicBoolean();
  private ScheduledExecutorService ticker;
  private StatusKey statusKey;
  private boolean dirty;
  /** The second {@link #now} last formatted, and its text up to the milliseconds. */
  private long clockSecond = Long.MIN_VALUE;
  private String clockPrefix;
  private boolean closed;

  RunProgress(PrintWriter out, String taskId, TaskConfig task, boolean terminal,
      StateColour colour, Supplier<TerminalSize> size, DoubleSupplier nowSecs) {
    this.out = out;
    this.task = task;
    this.terminal = terminal;
    this.colour = colour;
    this.size = size;
    this.nowSecs = nowSecs;
    this.view = new RunView(taskId);
  }

  /** The display for this process's stdout: live if it is a terminal, plain otherwise. */
  static RunProgress open(PrintWriter out, String taskId, TaskConfig task) {
    boolean terminal = System.console() != null;
    Map<String, String> env = System.getenv();
    RunProgress progress = new RunProgress(out, taskId, task, terminal,
        StateColour.forTerminal(terminal, env), () -> TerminalSize.ofStdout(env),
        () -> System.currentTimeMillis() / 1000.0);
    if (terminal) {
      progress.statusKey = StatusKey.install(progress::printStatus);
      progress.startTicking();
    }
    return progress;
  }

  private void startTicking() {
    ticker = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "thermos-display");
      t.setDaemon(true);
      return t;
    });
    ticker.scheduleAtFixedRate(this::tickSafely, TICK_MS, TICK_MS, TimeUnit.MILLISECONDS);
  }

  @Override
  public void onRecord(RunnerCkpt record, RunnerState state) {
    ProcessRow row;
    synchronized (view) {
      boolean first = view.taskState().isEmpty();
      row = view.apply(record, state);
      dirty = true;
      if (!terminal && record.isSetTaskStatus()) {
        List<ProcessRow> adopted = first ? view.snapshot().rows() : List.of();
        printPlain("task " + view.taskState(), adopted);
      }
    }
    if (!terminal && row != null) {
      printPlain(ProgressTable.plainLine(row, nowSecs.getAsDouble()), List.of());
    }
    if (terminal && ticker != null && redrawQueued.compareAndSet(false, true)) {
      ticker.execute(this::tickSafely);
    }
  }

  /** Off a terminal: the transition's line, written out at the end of its group. */
  private void printPlain(String line, List<ProcessRow> adopted) {
    synchronized (block) {
      String now = now();
      out.println(now + " " + line);
      for (ProcessRow row : adopted) {
        out.println(now + " " + ProgressTable.plainLine(row, nowSecs.getAsDouble()));
      }
    }
  }

  /** The lines of a group of records, written with one flush (a chain step has four). */
  @Override
  public void onBatchEnd() {
    synchronized (block) {
      out.flush();
    }
  }

  private void tickSafely() {
    redrawQueued.set(false);
    try {
      tick();
    } catch (RuntimeException e) {
      // A display must not stop the run; the next tick tries again.
    }
  }

  /** Redraws the table if anything changed or runs (its elapsed time moves). */
  void tick() {
    if (!terminal) {
      return;
    }
    RunView.Snapshot snapshot;
    synchronized (view) {
      snapshot = view.snapshot();
      boolean running = snapshot.rows().stream().anyMatch(r -> r.state() == ProcessState.RUNNING
          || r.state() == ProcessState.FORKED);
      if (!dirty && !running && block.drawn()) {
        return;
      }
      dirty = false;
    }
    synchronized (block) {
      TerminalSize screen = size.get();
      if (closed || snapshot.taskState().isEmpty() || screen.rows() < 4) {
        return;
      }
      int maxLines = screen.rows() - Math.max(2, screen.rows() / 3);
      out.print(block.frame(ProgressTable.lines(snapshot, nowSecs.getAsDouble(), maxLines,
          screen.columns(), colour), screen));
      out.flush();
    }
  }

  /**
   * Prints {@code text} above the table (or as a plain line). On a terminal it starts on a line of
   * its own: the key that asked for it was echoed ({@code ^C}) where the cursor was.
   */
  void note(String text) {
    synchronized (block) {
      if (terminal) {
        out.println();
      }
      out.println(text);
      out.flush();
    }
  }

  /** The first Ctrl-C: what happens now and how to hurry it. */
  void stoppingGracefully() {
    note("stopping gracefully (up to " + task.finalizationWaitSecs()
        + " s); Ctrl-C again to kill now");
  }

  /** The whole table, above the live one (or plainly): for Ctrl-\. */
  void printStatus() {
    RunView.Snapshot snapshot;
    synchronized (view) {
      snapshot = view.snapshot();
    }
    int columns = terminal ? size.get().columns() : Integer.MAX_VALUE;
    List<String> lines = ProgressTable.lines(snapshot, nowSecs.getAsDouble(), Integer.MAX_VALUE,
        columns, colour);
    note(String.join(System.lineSeparator(), lines));
  }

  /**
   * Stops the live display, leaves the final table in the scrollback (on a terminal) and returns
   * the last line: the end and why it failed.
   */
  String finish(TaskState end) {
    stopTicking();
    RunView.Snapshot snapshot;
    synchronized (view) {
      snapshot = view.snapshot();
    }
    synchronized (block) {
      if (terminal && !closed) {
        out.print(block.release());
        TerminalSize screen = size.get();
        for (String line : ProgressTable.lines(snapshot, nowSecs.getAsDouble(),
            Math.max(2, screen.rows() - 1), screen.columns(), colour)) {
          out.println(line);
        }
        out.flush();
      }
      closed = true;
    }
    return TaskEndLine.of(snapshot.taskId(), end, snapshot.rows(), task);
  }

  private void stopTicking() {
    if (statusKey != null) {
      statusKey.close();
    }
    if (ticker != null) {
      ticker.shutdownNow();
      try {
        ticker.awaitTermination(1, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Gives the screen back (idempotent): for a run that ended by an exception. */
  @Override
  public void close() {
    stopTicking();
    synchronized (block) {
      if (!closed) {
        out.print(block.release());
        out.flush();
        closed = true;
      }
    }
  }

  /**
   * The local time, {@code HH:mm:ss.SSS}. The zone's rules are looked up once a second (a chain of
   * short processes prints many lines a second; called under the lock of {@code block}).
   */
  private String now() {
    long millis = (long) (nowSecs.getAsDouble() * 1000);
    long second = Math.floorDiv(millis, 1000);
    if (second != clockSecond) {
      LocalTime t = LocalTime.ofInstant(Instant.ofEpochSecond(second), ZoneId.systemDefault());
      StringBuilder b = new StringBuilder(9);  // HH:mm:ss.
      ZeroPadding.append(b, t.getHour(), 2).append(':');
      ZeroPadding.append(b, t.getMinute(), 2).append(':');
      clockPrefix = ZeroPadding.append(b, t.getSecond(), 2).append('.').toString();
      clockSecond = second;
    }
    return ZeroPadding.append(new StringBuilder(12).append(clockPrefix),
        Math.floorMod(millis, 1000), 3).toString();
  }
}
