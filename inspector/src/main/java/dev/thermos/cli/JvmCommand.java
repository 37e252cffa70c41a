package dev.thermos.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The command line that started this JVM ({@code /proc/self/cmdline}: the java program, its
 * options, the jar or main class), so that another thermos command can be started exactly the
 * same way: same JVM, options, class path and class data sharing archive.
 */
final class JvmCommand {
  private JvmCommand() {}

  /**
   * This JVM's command line with {@code args} (the arguments thermos was given) replaced by
   * {@code replacement}; the program is this JVM's executable ({@code /proc/self/exe}).
   *
   * @throws IOException when this JVM's command line cannot be read, or does not end with
   *     {@code args} (thermos was not started as a program of its own, as in a test calling
   *     {@link Main#execute})
   */
  static List<String> replacingArguments(List<String> args, List<String> replacement)
      throws IOException {
    byte[] raw = Files.readAllBytes(Path.of("/proc/self/cmdline"));
    String text = new String(raw, StandardCharsets.UTF_8);
    if (text.endsWith("\0")) {
      text = text.substring(0, text.length() - 1);
    }
    List<String> argv = Arrays.asList(text.split("\0", -1));
    int prefix = argv.size() - args.size();
    if (prefix < 2 || !argv.subList(prefix, argv.size()).equals(args)) {
      throw new IOException("cannot tell how this JVM was started: its command line does not"
          + " end with the arguments thermos was given");
    }
    List<String> out = new ArrayList<>();
    out.add(ProcessHandle.current().info().command().orElse(argv.get(0)));
    out.addAll(argv.subList(1, prefix));
    out.addAll(replacement);
    return out;
  }
}
