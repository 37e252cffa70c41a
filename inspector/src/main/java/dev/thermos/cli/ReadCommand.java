package dev.thermos.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.thermos.format.CheckpointException;
import dev.thermos.format.CheckpointReader;
import dev.thermos.format.CheckpointReplay;
import dev.thermos.format.ReplayResult;
import dev.thermos.format.RunnerStateJson;
import dev.thermos.monitor.TaskSideFiles;
import dev.thermos.gen.RunnerCkpt;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code thermos read}: replay a checkpoint and print what it holds. */
@Command(
    name = "read",
    description = {
        "Replay a thermos checkpoint.",
        "A partial last record (a live writer, or a crash) is reported on stderr; the records "
            + "before it are shown and the exit code is 0."},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
        "0:the stream replayed (possibly with a torn tail)",
        "2:usage error",
        "3:no such file, or it cannot be read (a symbolic link, a FIFO or anything but a "
            + "regular file is refused, never read)",
        "4:the stream is corrupt or does not replay"})
public final class ReadCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--simple", description = "Print each record, one per line, without replaying.")
  boolean simple;

  @Option(names = "--json", description = "Print JSON: the replayed state as one object "
      + "(with --simple: one object per record, with its offset). On a corrupt stream the object "
      + "is {\"error\": ..., \"offset\": ..., \"record\": ...}.")
  boolean json;

  @Parameters(paramLabel = "CHECKPOINT", description = "A runner or coordinator checkpoint file.")
  Path checkpoint;

  @Override
  public Integer call() throws IOException {
    if (Files.isDirectory(checkpoint)) {
      throw new UsageException(checkpoint + ": is a directory (give the checkpoint file, "
          + "e.g. <root>/checkpoints/<task_id>/runner)");
    }
    if (!Files.exists(checkpoint)) {
      throw new NoSuchFileException(checkpoint.toString());
    }
    PrintWriter out = spec.commandLine().getOut();
    try {
      if (simple) {
        printRecords(out);
      } else {
        printState(out);
      }
    } catch (CheckpointException e) {
      if (json) {
        writeError(out, e);
      }
      out.flush();
      throw e;
    }
    out.flush();
    return ExitCode.OK;
  }

  private void printState(PrintWriter out) throws IOException {
    ReplayResult result = CheckpointReplay.replayAnyStream(checkpoint);
    TaskSideFiles side = sideFiles();
    if (json) {
      RunnerStateJson.write(result.state(), result.tornAt(), side, out);
    } else {
      new ReadTextRenderer(out).render(result.state(), side);
      out.flush();
    }
    warnTorn(result.tornAt().orElse(-1));
  }

  /** A runner checkpoint's side files (beside it); none for a coordinator's or another file. */
  private TaskSideFiles sideFiles() {
    Path name = checkpoint.getFileName();
    Path dir = checkpoint.toAbsolutePath().getParent();
    return name != null && dir != null && name.toString().equals("runner")
        ? TaskSideFiles.read(dir) : TaskSideFiles.NONE;
  }

  private void printRecords(PrintWriter w) throws IOException {
    JsonGenerator g = json ? new JsonFactory().createGenerator(w) : null;
    if (g != null) {
      g.setRootValueSeparator(null); // one object a line, nothing before it (NDJSON)
    }
    try (CheckpointReader reader = CheckpointReader.open(checkpoint)) {
      for (RunnerCkpt r = reader.next(); r != null; r = reader.next()) {
        if (g != null) {
          RecordJson.write(g, reader.lastRecordOffset(), r);
          g.writeRaw('\n');
        } else {
          w.println("CKPT: " + r);
        }
      }
      if (g != null) {
        g.flush();
      }
      w.flush();
      warnTorn(reader.tornAt().orElse(-1));
    }
  }

  private void warnTorn(long tornAt) {
    if (tornAt >= 0) {
      spec.commandLine().getErr().println(spec.qualifiedName() + ": " + checkpoint
          + ": warning: partial record at offset " + tornAt
          + " (a writer is appending, or one crashed); showing the records before it");
    }
  }

  private static void writeError(PrintWriter out, CheckpointException e) throws IOException {
    try (JsonGenerator g = new JsonFactory().createGenerator(out)) {
      g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
      g.writeStartObject();
      g.writeStringField("error", e.reason());
      g.writeNumberField("offset", e.offset());
      g.writeNumberField("record", e.recordIndex());
      g.writeEndObject();
      g.writeRaw('\n');
    }
  }
}
