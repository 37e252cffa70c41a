package dev.thermos.cli;

import dev.thermos.runner.StopRequest;
import dev.thermos.runner.TaskRunner;
import java.util.concurrent.atomic.AtomicInteger;
import sun.misc.Signal;

/**
 * Signals to a running {@code thermos run}: SIGTERM or SIGINT = graceful kill (CLEANING, the
 * finalizers within the window, KILLED); a second SIGINT = kill now; SIGUSR1 = kill and
 * SIGUSR2 = lose (Aurora's executor protocol). The first SIGINT also says how long the graceful
 * stop may take ({@link RunProgress#stoppingGracefully}); Ctrl-\ is {@link StatusKey}'s.
 */
final class RunSignals {
  private RunSignals() {}

  static void install(TaskRunner runner, RunProgress progress) {
    AtomicInteger interrupts = new AtomicInteger();
    Signal.handle(new Signal("TERM"), s -> runner.stop(StopRequest.KILL));
    Signal.handle(new Signal("USR1"), s -> runner.stop(StopRequest.KILL));
    Signal.handle(new Signal("USR2"), s -> runner.stop(StopRequest.LOSE));
    Signal.handle(new Signal("INT"), s -> {
      boolean first = interrupts.incrementAndGet() == 1;
      runner.stop(first ? StopRequest.KILL : StopRequest.KILL_NOW);
      if (first) {
        progress.stoppingGracefully();
      }
    });
  }
}
