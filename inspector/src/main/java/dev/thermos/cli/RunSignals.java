package dev.thermos.cli;

import dev.thermos.runner.StopRequest;
import dev.thermos.runner.TaskRunner;
import java.util.concurrent.atomic.AtomicInteger;
import sun.misc.Signal;

/**
 * Signals to a running {@code thermos run}: SIGTERM or SIGINT = graceful kill (CLEANING, the
 * finalizers within the window, KILLED); a second SIGINT = kill now; SIGUSR1 = kill and
 * SIGUSR2 = lose (Aurora's executor protocol). The first SIGINT also says how long the graceful
 * stop may take ({@link RunProgress#stoppingGracefully}); Ctrl-\ is {@link StatusKey}'s. SIGHUP
 * (a closed terminal, a dropped ssh session) is ignored: the runner goes on supervising. It is
 * handled, not set to SIG_IGN, so the processes the runner starts get the default disposition back
 * when they exec.
 */
final class RunSignals {
  private RunSignals() {}

  /** From before the task is opened: a hang-up during the set-up does not end the runner either. */
  static void ignoreHangup() {
    Signal.handle(new Signal("HUP"), s -> { });
  }

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
