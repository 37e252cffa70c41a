package dev.thermos.observer;

import dev.thermos.text.DurationText;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code thermos observe}: the observer's entry point, started by {@code bin/thermos observe} in a
 * JVM of its own (Chronicle Queue's start-up and JVM flags stay out of every other command).
 */
@Command(name = "thermos observe",
    description = "Serve a live web UI, JSON API, metrics and history of every task under the roots.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:stopped", "64:usage error (a bad option, duration or root)",
        "69:cannot listen on the address and port"})
public final class ObserverMain implements Callable<Integer> {
  static final int USAGE = 64;
  static final int UNAVAILABLE = 69;
  static final int CANNOT_CREATE = 73;

  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
  boolean help;

  @Option(names = "--root", paramLabel = "DIR",
      description = "Checkpoint root to watch (repeatable; default /var/run/thermos).")
  List<Path> roots = new ArrayList<>();

  @Option(names = "--bind", paramLabel = "ADDR", defaultValue = "127.0.0.1",
      description = "Address to listen on (default ${DEFAULT-VALUE}).")
  String bind;

  @Option(names = "--port", paramLabel = "N", defaultValue = "1338",
      description = "Port to listen on (default ${DEFAULT-VALUE}, Aurora's; 0 picks a free one).")
  int port;

  @Option(names = "--history", paramLabel = "DIR",
      description = "Where the history is kept (default <first root>/observer-history).")
  Path history;

  @Option(names = "--history-retention", paramLabel = "DURATION",
      converter = RetentionConverter.class,
      description = "How long history is kept: 30s, 10m, 2h, 7d, 2d5h (default 7d).")
  Duration retention;

  @Option(names = "--sample-interval", paramLabel = "DURATION",
      converter = IntervalConverter.class,
      description = "How often running processes are sampled: 5s, 1m (default 5s).")
  Duration sampleInterval;

  private final PrintWriter err;

  ObserverMain(PrintWriter err) {
    this.err = err;
  }

  /** {@code --history-retention}: a {@link DurationText} of at least one second. */
  static final class RetentionConverter implements ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
      try {
        Duration d = DurationText.parse(value);
        if (d.isZero()) {
          throw new TypeConversionException("a retention of '" + value + "' would keep nothing");
        }
        return d;
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }

  /** {@code --sample-interval}: a {@link DurationText} of at least one second. */
  static final class IntervalConverter implements ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
      Duration d;
      try {
        d = DurationText.parse(value);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(e.getMessage());
      }
      if (d.isZero()) {
        throw new TypeConversionException("a sample interval must be at least 1s, not '" + value + "'");
      }
      return d;
    }
  }

  @Override
  public Integer call() throws Exception {
    ObserverOptions options = options();
    if (options == null) {
      return USAGE;
    }
    if (!InetAddress.getByName(bind).isLoopbackAddress()) {
      err.println("thermos observe: warning: listening on " + bind
          + ": anyone who can reach it can read the logs and sandbox files of every task");
    }
    ObserverServer server;
    try {
      server = ObserverServer.start(options);
    } catch (RuntimeException e) {
      err.println("thermos observe: cannot listen on " + bind + ":" + port + ": "
          + rootCause(e).getMessage());
      return UNAVAILABLE;
    } catch (IOException e) {
      err.println("thermos observe: cannot open the history in " + options.historyDir() + ": "
          + e.getMessage());
      return CANNOT_CREATE;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(server::close, "thermos-observer-stop"));
    err.println("thermos observe: serving http://" + bind + ":" + server.port() + "/");
    err.flush();
    server.awaitStop();
    return 0;
  }

  /** The options, or null after saying in one line what is wrong with them. */
  private ObserverOptions options() {
    List<Path> dirs = roots.isEmpty() ? List.of(Path.of("/var/run/thermos")) : roots;
    for (Path root : dirs) {
      if (!Files.isDirectory(root)) {
        return usage("--root " + root + ": not a directory");
      }
    }
    if (port < 0 || port > 65535) {
      return usage("--port " + port + ": not a port (0 to 65535)");
    }
    try {
      InetAddress.getByName(bind);
    } catch (UnknownHostException e) {
      return usage("--bind " + bind + ": not an address");
    }
    return new ObserverOptions(dirs, bind, port, history, retention, sampleInterval);
  }

  private ObserverOptions usage(String message) {
    err.println("thermos observe: " + message);
    return null;
  }

  private static Throwable rootCause(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t;
  }

  /** Runs {@code args}, writing messages to {@code err}; returns the exit code. */
  static int execute(PrintWriter out, PrintWriter err, String... args) {
    CommandLine cl = new CommandLine(new ObserverMain(err));
    cl.setOut(out);
    cl.setErr(err);
    cl.setParameterExceptionHandler((e, argv) -> {
      err.println("thermos observe: " + e.getMessage());
      return USAGE;
    });
    cl.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
      err.println("thermos observe: " + e);
      return 70;
    });
    return cl.execute(args);
  }

  public static void main(String[] args) {
    PrintWriter out = new PrintWriter(System.out, true);
    PrintWriter err = new PrintWriter(System.err, true);
    System.exit(execute(out, err, args));
  }
}
