package dev.thermos.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --root DIR}, shared by every command that works on a checkpoint root. */
public final class RootOption {
  @Option(names = "--root", paramLabel = "DIR",
      description = "Checkpoint root (default: $THERMOS_ROOT, /var/run/thermos if writable, "
          + "else ~/.thermos).")
  Path root;

  Path root() {
    return root != null ? root : DefaultRoot.resolve();
  }
}
