package dev.thermos.observer.event;

/**
 * The resources of one running process tree (the user process and all its descendants) at one
 * moment.
 *
 * @param taskId the task
 * @param process the process
 * @param run its run number
 * @param timestamp seconds since the epoch
 * @param cpu CPU used since the previous sample, in cores (1.0 = one core busy)
 * @param rssBytes resident memory of the whole tree
 * @param threads threads of the whole tree
 */
public record ResourceSample(String taskId, String process, int run, double timestamp, double cpu,
    long rssBytes, int threads) {}
