package dev.thermos.observer.event;

/**
 * Disk use of a task's sandbox at one moment.
 *
 * @param taskId the task
 * @param timestamp seconds since the epoch
 * @param bytes bytes allocated under the sandbox
 */
public record DiskSample(String taskId, double timestamp, long bytes) {}
