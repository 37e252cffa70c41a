/**
 * What the parts of the observer tell each other. The watcher ({@code watch}) turns checkpoint
 * records into {@link dev.thermos.observer.event.Transition}s; the sampler turns {@code /proc} into
 * {@link dev.thermos.observer.event.ResourceSample}s and {@link dev.thermos.observer.event.DiskSample}s
 * of the {@link dev.thermos.observer.event.RunningProcess}es the watcher knows; the history keeps
 * both, and the HTTP side serves them.
 */
package dev.thermos.observer.event;
