package dev.thermos.cli;

/**
 * Initialises, on a daemon thread, classes a task's run needs a little later and whose
 * initialisation is long: JNA's native library and the libc bindings, the JSON parsers and
 * writers, the time zone databases, the checkpoint records' Thrift metadata, the run loop's poll
 * and inotify bindings and the JDK's process launcher; it also links the first lambda. It overlaps
 * picocli's parsing and the task's loading on another core; the main thread, reaching one of them,
 * waits for its initialisation to end (the JVM's class initialisation lock) and goes on.
 * Initialising a class has no other effect here, so the order of work the runner does is
 * unchanged.
 *
 * <p>A class that fails to initialise here fails for the main thread too, then as a
 * {@code NoClassDefFoundError} without the first cause: {@link #failure} keeps it for the report.
 */
final class Preload {
  /** In the order the command meets them. */
  static final String[] RUN_CLASSES = {
      "dev.thermos.posix.LibC",
      "dev.thermos.config.JsonTree",
      "sun.util.calendar.ZoneInfoFile",
      // java.time's own copy of the zone rules, for the progress lines' times: ~2 ms.
      "java.time.zone.ZoneRulesProvider",
      "dev.thermos.config.TaskValidator",
      "dev.thermos.planner.TaskPlanner",
      "dev.thermos.gen.RunnerCkpt",
      "dev.thermos.gen.RunnerHeader",
      "dev.thermos.gen.TaskStatus",
      "dev.thermos.gen.ProcessStatus",
      "dev.thermos.format.CheckpointWriter",
      "dev.thermos.format.CheckpointReader",
      "dev.thermos.format.SandboxMarker",
      "dev.thermos.config.TaskConfigJson",
      "dev.thermos.posix.Readiness",
      "java.lang.ProcessImpl",
  };

  private static volatile Throwable failure;

  private Preload() {}

  /** Starts the preloading for {@code verb} when it runs a task; does nothing otherwise. */
  static void startFor(String verb) {
    if (!verb.equals("run") && !verb.equals("simplerun")) {
      return;
    }
    // Not a method reference: the first one a JVM links sets up the JDK's method handle and lambda
    // machinery (~7 ms), which is better done on the preload thread than here.
    Thread thread = new Thread(new Runnable() {
      @Override
      public void run() {
        initialise();
      }
    }, "thermos-preload");
    thread.setDaemon(true);
    thread.start();
  }

  private static void initialise() {
    Runnable first = () -> { };  // links the first lambda: see startFor
    first.run();
    ClassLoader loader = Preload.class.getClassLoader();
    for (String name : RUN_CLASSES) {
      try {
        Class.forName(name, true, loader);
      } catch (ClassNotFoundException e) {
        // A runtime without that module (java.sql): nothing to preload.
      } catch (Throwable t) {  // left to the main thread, which meets and reports it
        if (failure == null) {
          failure = t;
        }
      }
    }
  }

  /** Why a class could not be initialised here, or null. */
  static Throwable failure() {
    return failure;
  }
}
