package dev.thermos.observer;

import java.io.PrintWriter;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code thermos observe}: the observer's entry point, started by {@code bin/thermos observe} in a
 * JVM of its own (Chronicle Queue's start-up and JVM flags stay out of every other command).
 */
@Command(name = "observe", mixinStandardHelpOptions = true,
    description = "Serve a live web UI, JSON API, metrics and history of every task under the roots.")
public final class ObserverMain implements Callable<Integer> {
  @Option(names = "--root", paramLabel = "DIR",
      description = "Checkpoint root to watch (repeatable; default /var/run/thermos).")
  List<Path> roots = new ArrayList<>();

  @Option(names = "--bind", paramLabel = "ADDR", defaultValue = "127.0.0.1",
      description = "Address to listen on (default ${DEFAULT-VALUE}).")
  String bind;

  @Option(names = "--port", paramLabel = "N", defaultValue = "1338",
      description = "Port to listen on (default ${DEFAULT-VALUE}, Aurora's; 0 picks a free one).")
  int port;

  private final PrintWriter err;

  ObserverMain(PrintWriter err) {
    this.err = err;
  }

  @Override
  public Integer call() throws Exception {
    if (roots.isEmpty()) {
      roots.add(Path.of("/var/run/thermos"));
    }
    if (!InetAddress.getByName(bind).isLoopbackAddress()) {
      err.println("thermos observe: warning: listening on " + bind
          + ": anyone who can reach it can read the logs and sandbox files of every task");
    }
    ObserverServer server = ObserverServer.start(
        new ObserverOptions(roots, bind, port, null, null));
    err.println("thermos observe: serving http://" + bind + ":" + server.port() + "/");
    err.flush();
    server.awaitStop();
    return 0;
  }

  public static void main(String[] args) {
    PrintWriter err = new PrintWriter(System.err, true);
    CommandLine cl = new CommandLine(new ObserverMain(err));
    cl.setErr(err);
    System.exit(cl.execute(args));
  }
}
