package dev.thermos.observer.history;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import net.openhft.chronicle.queue.RollCycle;

/**
 * Deletes the queue's cycle files older than the retention: a file holds what was appended during
 * its cycle (one hour), so it goes once its cycle ended more than the retention ago. The current
 * cycle's file is never deleted; files whose name is not a cycle (the queue's metadata) are left.
 */
final class RetentionSweeper {
  private static final String SUFFIX = ".cq4";
  private final Path dir;
  private final RollCycle rollCycle;
  private final Duration retention;
  private final DateTimeFormatter names;

  RetentionSweeper(Path dir, RollCycle rollCycle, Duration retention) {
    this.dir = dir;
    this.rollCycle = rollCycle;
    this.retention = retention;
    this.names = DateTimeFormatter.ofPattern(rollCycle.format()).withZone(ZoneOffset.UTC);
  }

  /**
   * Deletes the expired files as of {@code nowMillis}.
   *
   * @return the first cycle kept: everything of earlier cycles is gone
   * @throws IOException when the directory cannot be listed or a file cannot be deleted
   */
  int sweep(long nowMillis) throws IOException {
    long cycleMillis = rollCycle.lengthInMillis();
    int firstKept = (int) Math.floorDiv(nowMillis - retention.toMillis(), cycleMillis);
    int current = (int) Math.floorDiv(nowMillis, cycleMillis);
    // A cycle c ends at (c + 1) * length; it is expired when that is at or before now - retention.
    firstKept = Math.min(firstKept, current);
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*" + SUFFIX)) {
      for (Path file : files) {
        Integer cycle = cycleOf(file.getFileName().toString());
        if (cycle != null && cycle < firstKept) {
          Files.deleteIfExists(file);
        }
      }
    }
    return firstKept;
  }

  /** The cycle a file name stands for, or null when it is not a cycle file. */
  Integer cycleOf(String name) {
    if (!name.endsWith(SUFFIX)) {
      return null;
    }
    try {
      LocalDateTime start = LocalDateTime.parse(name.substring(0, name.length() - SUFFIX.length()),
          names);
      return (int) (start.toEpochSecond(ZoneOffset.UTC) * 1000 / rollCycle.lengthInMillis());
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
