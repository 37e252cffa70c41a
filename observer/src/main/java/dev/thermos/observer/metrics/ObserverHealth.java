package dev.thermos.observer.metrics;

/**
 * The observer's own health at one scrape.
 *
 * @param watchedDirectories directories registered with the file watcher
 * @param followedTasks tasks whose runner stream is followed
 * @param eventLagSeconds delay between the latest history append and its event being sent
 * @param eventClients clients connected to the event stream
 * @param historyBytes bytes of the history's files
 * @param historyIndexBytes bytes of the history's in-memory cursor index, roughly
 * @param sampleRoundSeconds how long the sampler's last round took
 */
public record ObserverHealth(int watchedDirectories, int followedTasks, double eventLagSeconds,
    int eventClients, long historyBytes, long historyIndexBytes, double sampleRoundSeconds) {}
