package dev.thermos.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.thermos.format.CheckpointWriteException;
import dev.thermos.format.Records;
import dev.thermos.format.Replayer;
import dev.thermos.gen.RunnerCkpt;
import dev.thermos.gen.RunnerHeader;
import dev.thermos.gen.TaskState;
import dev.thermos.posix.LibC;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The runner's stream on a disk that fails: records stay pending (nothing acts on them, the
 * observer does not see them) until they are written, then reach the file exactly once, in order.
 */
class RunnerStreamTest {
  private static final List<RunnerCkpt> START = List.of(
      Records.task(TaskState.ACTIVE, 1000, 42, 0),
      RunnerCkpt.runner_header(new RunnerHeader().setTaskId("t").setLaunchTimeMs(1000)));

  private final FailingSink sink = new FailingSink();
  private final List<RunnerCkpt> observed = new ArrayList<>();
  private final List<Duration> sleeps = new ArrayList<>();

  @Test
  void recordsOfAFullDiskStayPendingAndAreWrittenOnceWhenSpaceReturns() throws Exception {
    RunnerStream stream = stream();
    stream.append(START);
    sink.failuresLeft = 4;
    sink.onFailure = () -> assertEquals(List.of(), observed.subList(2, observed.size()),
        "observed before durable");
    stream.stage(Records.waiting("a", 0));
    stream.stage(Records.waiting("b", 0));
    stream.flush();
    List<RunnerCkpt> expected = new ArrayList<>(START);
    expected.add(Records.waiting("a", 0));
    expected.add(Records.waiting("b", 0));
    assertEquals(expected, sink.written);
    assertEquals(expected, observed);
    assertEquals(4, sleeps.size());
    assertEquals(TaskState.ACTIVE, stream.taskState());
  }

  @Test
  void aNewTasksFirstRecordsDoNotWaitForTheDisk() {
    RunnerStream stream = stream();
    sink.failuresLeft = 1;
    assertThrows(CheckpointWriteException.class, () -> stream.appendOnce(START));
    assertEquals(List.of(), sleeps);
    assertEquals(List.of(), sink.written);
    assertEquals(List.of(), observed);
  }

  @Test
  void aDeletedCheckpointIsReportedAfterTheAppendThatFoundIt() throws Exception {
    RunnerStream stream = stream();
    stream.append(START);
    sink.deleted = true;
    assertThrows(CheckpointDeletedException.class,
        () -> stream.append(Records.waiting("a", 0)));
    assertThrows(CheckpointDeletedException.class, stream::checkNotDeleted);
    int written = sink.written.size();
    stream.close();
    assertEquals(written, sink.written.size(), "close wrote into the deleted file");
  }

  @Test
  void aCheckpointDeletedWhileTheDiskIsFullEndsTheWait() throws Exception {
    RunnerStream stream = stream();
    stream.append(START);
    sink.failuresLeft = 100;
    sink.onFailure = () -> sink.deleted = sink.failuresLeft < 98;
    assertThrows(CheckpointDeletedException.class,
        () -> stream.append(Records.waiting("a", 0)));
    assertEquals(START, sink.written);
  }

  @Test
  void theEndOfEachToldGroupIsToldOnceAndAnEmptyOneNever() throws Exception {
    List<String> told = new ArrayList<>();
    RunnerStream stream = new RunnerStream(sink, new WriteRetry(sleeps::add, line -> { }),
        new Replayer(), r -> told.add("record"), () -> told.add("end"));
    stream.append(START);
    assertEquals(List.of("record", "record", "end"), told);
    stream.flush();  // nothing staged: nothing told
    stream.announce();
    stream.appendUnannounced(List.of(Records.waiting("a", 0)));
    assertEquals(3, told.size(), "not told before the announcement");
    stream.stage(Records.waiting("b", 0));
    stream.flush();  // a's WAITING (unannounced) and b's, as one group
    assertEquals(List.of("record", "record", "end", "record", "record", "end"), told);
  }

  private RunnerStream stream() {
    return new RunnerStream(sink, new WriteRetry(sleeps::add, line -> { }), new Replayer(),
        observed::add);
  }

  /** Fails the next {@code failuresLeft} appends with ENOSPC; then keeps what it is given. */
  private static final class FailingSink implements RecordSink {
    final List<RunnerCkpt> written = new ArrayList<>();
    int failuresLeft;
    boolean deleted;
    Runnable onFailure = () -> { };

    @Override
    public void append(List<RunnerCkpt> records) throws IOException {
      if (failuresLeft > 0) {
        failuresLeft--;
        onFailure.run();
        throw new CheckpointWriteException(path(), LibC.ENOSPC, null);
      }
      written.addAll(records);
    }

    @Override
    public boolean isDeleted() {
      return deleted;
    }

    @Override
    public Path path() {
      return Path.of("/r/checkpoints/t/runner");
    }

    @Override
    public void close() {}
  }
}
