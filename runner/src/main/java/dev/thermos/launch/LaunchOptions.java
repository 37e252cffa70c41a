package dev.thermos.launch;

import java.util.List;

/**
 * What a run may ask of its coordinator beyond Aurora's launch, each optional.
 *
 * @param workingDir where the command starts: relative to the sandbox or absolute; null for the
 *     sandbox
 * @param successCodes exit codes besides 0 recorded as SUCCESS
 * @param runAs the user the command runs as, or null for the runner's own
 */
public record LaunchOptions(String workingDir, List<Integer> successCodes, RunAs runAs) {
  /** Aurora's launch: in the sandbox, only 0 succeeds, as the runner's user. */
  public static final LaunchOptions NONE = new LaunchOptions(null, List.of(), null);

  public LaunchOptions {
    successCodes = List.copyOf(successCodes);
  }
}
