package dev.thermos.observer.event;

/**
 * Told of every transition, in stream order for each task, on the watcher's thread: it must not
 * block (hand slow work to a queue).
 */
@FunctionalInterface
public interface TransitionListener {
  void onTransition(Transition transition);
}
