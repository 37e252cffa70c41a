package dev.thermos.observer.event;

import java.nio.file.Path;

/**
 * A run the checkpoint says is RUNNING, as the sampler needs it.
 *
 * @param taskId the task
 * @param process the process
 * @param run its run number
 * @param pid the user process's pid as recorded (its process tree is sampled)
 * @param startTime the run's recorded start time, seconds since the epoch: the sampler checks it
 *     against the pid's start time in /proc before trusting the pid (pids are reused)
 * @param sandbox the task's sandbox (for disk use), or null when unknown
 */
public record RunningProcess(String taskId, String process, int run, int pid, double startTime,
    Path sandbox) {}
