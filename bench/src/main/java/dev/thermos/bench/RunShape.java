package dev.thermos.bench;

/**
 * The shape of one process run, by its number of records. Almost every run is {@link #FULL}; the
 * short shapes only fill the last few records of the record budget so a file ends exactly on it.
 */
enum RunShape {
  /** WAITING, FORKED, RUNNING, SUCCESS or FAILED. */
  FULL(4),
  /** WAITING, FORKED, LOST: the coordinator died. */
  LOST_AFTER_FORK(3),
  /** WAITING, FAILED: could not be launched. */
  LAUNCH_FAILED(2),
  /** WAITING only: still waiting when the task ended (only for a budget of one record). */
  WAITING_ONLY(1);

  final int records;

  RunShape(int records) {
    this.records = records;
  }

  /** The shape to start when {@code free} (> 0) records are left to assign to runs. */
  static RunShape fitting(long free) {
    if (free >= 4 && free != 5) {
      return FULL;
    }
    if (free == 5 || free == 3) {
      return LOST_AFTER_FORK;
    }
    return free == 2 ? LAUNCH_FAILED : WAITING_ONLY;
  }
}
