package dev.thermos.supervision;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What one step of the kill ladder did: the processes it aimed at, and every signal the kernel
 * refused. A refusal never stops a step; each is collected here (as Nomad's executor collects its
 * errors) and the step goes on with the other processes.
 */
public final class StopReport {
  private final Set<Integer> targets = new LinkedHashSet<>();
  private final List<SignalException> failures = new ArrayList<>();

  void aimedAt(int pid) {
    targets.add(pid);
  }

  void failed(SignalException e) {
    failures.add(e);
  }

  /** Adds what {@code other} did to this report. */
  void add(StopReport other) {
    targets.addAll(other.targets);
    failures.addAll(other.failures);
  }

  /** The pids (or minus process group ids) the step signalled or tried to. */
  public Set<Integer> targets() {
    return Collections.unmodifiableSet(targets);
  }

  /** The signals the kernel refused, in the order they were tried. */
  public List<SignalException> failures() {
    return Collections.unmodifiableList(failures);
  }
}
