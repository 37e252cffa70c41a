package dev.thermos.observer.history;

import dev.thermos.observer.event.Transition;

/**
 * A transition as the history keeps it: with its cursor, the Chronicle index that is its event id.
 *
 * @param cursor the index of its excerpt in the queue (ascending in append order)
 * @param transition the transition
 */
public record HistoryTransition(long cursor, Transition transition) {}
