package dev.thermos.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --root DIR}, shared by every command that works on a checkpoint root. */
public final class RootOption {
  static final String NAME = "--root";
  static final String LABEL = "DIR";
  static final String DESCRIPTION = "Checkpoint root (default: $THERMOS_ROOT, /var/run/thermos "
      + "if writable, else ~/.thermos).";

  @Option(names = NAME, paramLabel = LABEL, description = DESCRIPTION)
  Path root;

  Path root() {
    return resolve(root);
  }

  /** The root given, or the default one when none was. */
  static Path resolve(Path given) {
    return given != null ? given : DefaultRoot.resolve();
  }
}
