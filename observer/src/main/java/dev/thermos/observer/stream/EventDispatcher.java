package dev.thermos.observer.stream;

import dev.thermos.observer.history.History;
import dev.thermos.observer.history.HistoryTransition;
import dev.thermos.observer.history.TransitionTail;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

/**
 * The event stream's one thread: it tails the history's transitions as they are appended (woken
 * by the history, no polling) and fans each out to every client; a client that resumes from a
 * cursor first catches up from the history (in slices, so one client far behind does not hold up
 * the others), then joins the live stream. Every client gets each transition after its cursor
 * exactly once, in order. A comment is sent to all every keepalive interval.
 */
public final class EventDispatcher implements AutoCloseable {
  static final int SLICE = 2000;

  private final History history;
  private final Duration keepalive;
  private final LongSupplier nanoTime;
  private final ConcurrentLinkedQueue<Client> joining = new ConcurrentLinkedQueue<>();
  private final List<Client> clients = new ArrayList<>();
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition wake = lock.newCondition();
  private final AtomicLong appendedAtNanos = new AtomicLong();
  private final AtomicLong failures = new AtomicLong();
  private final Thread thread;
  private boolean signalled;
  private volatile boolean running = true;
  private volatile int clientCount;
  private volatile long lagNanos;
  private TransitionTail live;
  private long liveCursor;
  private long lastKeepaliveNanos;

  private static final class Client {
    final EventSink sink;
    long cursor;

    Client(EventSink sink, long cursor) {
      this.sink = sink;
      this.cursor = cursor;
    }
  }

  /** Starts the thread; it sends what is appended to {@code history} from now on. */
  public EventDispatcher(History history, Duration keepalive, LongSupplier nanoTime) {
    this.history = history;
    this.keepalive = keepalive;
    this.nanoTime = nanoTime;
    this.liveCursor = history.lastTransitionCursor();
    this.lastKeepaliveNanos = nanoTime.getAsLong();
    history.onAppend(this::signal);
    this.thread = new Thread(this::loop, "observer-events");
    thread.setDaemon(true);
    thread.start();
  }

  /** Adds a client that gets what is appended from now on. */
  public void subscribe(EventSink sink) {
    joining.add(new Client(sink, history.lastTransitionCursor()));
    signal();
  }

  /** Adds a client that gets everything after {@code cursor} first (a resume), then the rest. */
  public void subscribeAfter(EventSink sink, long cursor) {
    joining.add(new Client(sink, cursor));
    signal();
  }

  /** Clients connected now. */
  public int clients() {
    return clientCount;
  }

  /** Rounds that failed (and were retried at the next signal). */
  public long failures() {
    return failures.get();
  }

  /** Delay between the latest append and its transition being sent, in seconds. */
  public double lagSeconds() {
    return lagNanos / 1e9;
  }

  private void signal() {
    appendedAtNanos.set(nanoTime.getAsLong());
    lock.lock();
    try {
      signalled = true;
      wake.signal();
    } finally {
      lock.unlock();
    }
  }

  private void loop() {
    live = history.tail().after(liveCursor); // a tailer is used by the thread that made it
    try {
      while (running) {
        try {
          awaitSignal();
        } catch (InterruptedException e) {
          return;
        }
        try {
          round();
        } catch (RuntimeException e) {
          failures.incrementAndGet(); // e.g. a history file deleted under a reader: next round
        }
      }
    } finally {
      live.close();
    }
  }

  private void awaitSignal() throws InterruptedException {
    lock.lock();
    try {
      long waitNanos = keepalive.toNanos() - (nanoTime.getAsLong() - lastKeepaliveNanos);
      while (!signalled && running && waitNanos > 0) {
        waitNanos = wake.awaitNanos(waitNanos);
      }
      signalled = false;
    } finally {
      lock.unlock();
    }
  }

  /** One pass: new clients join, new transitions go out, laggards catch up, keepalive if due. */
  void round() {
    long before = liveCursor;
    for (Client c; (c = joining.poll()) != null; ) {
      // A cursor from the future (of another history) is taken as "now".
      c.cursor = Math.min(c.cursor, history.lastTransitionCursor());
      clients.add(c);
    }
    List<HistoryTransition> batch = new ArrayList<>();
    live.read(Integer.MAX_VALUE, batch::add);
    if (!batch.isEmpty()) {
      liveCursor = batch.get(batch.size() - 1).cursor();
    }
    boolean behind = false;
    for (Iterator<Client> it = clients.iterator(); it.hasNext(); ) {
      Client c = it.next();
      boolean ok = c.cursor >= before ? sendBatch(c, batch) : catchUp(c);
      if (!ok || c.sink.closed()) {
        it.remove();
      } else {
        behind |= c.cursor < liveCursor;
      }
    }
    if (!batch.isEmpty()) {
      lagNanos = nanoTime.getAsLong() - appendedAtNanos.get();
    }
    keepaliveIfDue();
    clientCount = clients.size();
    if (behind) {
      lock.lock();
      try {
        signalled = true; // carry on with the next slice straight away
      } finally {
        lock.unlock();
      }
    }
  }

  private static boolean sendBatch(Client c, List<HistoryTransition> batch) {
    for (HistoryTransition t : batch) {
      if (t.cursor() > c.cursor) {
        if (!c.sink.send(t)) {
          return false;
        }
        c.cursor = t.cursor();
      }
    }
    return true;
  }

  /** Sends up to a slice of what {@code c} missed, up to the live cursor. */
  private boolean catchUp(Client c) {
    List<HistoryTransition> missed = new ArrayList<>();
    try (TransitionTail tail = history.tail().after(c.cursor)) {
      tail.read(SLICE, missed::add);
    }
    for (HistoryTransition t : missed) {
      if (t.cursor() > liveCursor) {
        break;
      }
      if (!c.sink.send(t)) {
        return false;
      }
      c.cursor = t.cursor();
    }
    if (missed.isEmpty() || missed.size() < SLICE) {
      c.cursor = Math.max(c.cursor, liveCursor); // nothing more before the live cursor
    }
    return true;
  }

  private void keepaliveIfDue() {
    long now = nanoTime.getAsLong();
    if (now - lastKeepaliveNanos < keepalive.toNanos()) {
      return;
    }
    lastKeepaliveNanos = now;
    clients.removeIf(c -> !c.sink.comment("keepalive"));
  }

  @Override
  public void close() {
    running = false;
    thread.interrupt();
    try {
      thread.join(TimeUnit.SECONDS.toMillis(5));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
