package dev.thermos.observer.history;

import dev.thermos.observer.event.DiskSample;
import dev.thermos.observer.event.ResourceSample;
import java.util.List;

/**
 * What the history holds of one task in a time range, each list in append order.
 *
 * @param taskId the task
 * @param transitions its transitions whose timestamp is in the range
 * @param samples resource samples of its processes in the range
 * @param disk disk samples of its sandbox in the range
 */
public record TaskHistory(String taskId, List<HistoryTransition> transitions,
    List<ResourceSample> samples, List<DiskSample> disk) {}
