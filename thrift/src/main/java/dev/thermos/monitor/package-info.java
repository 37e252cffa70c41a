/**
 * Looking at a checkpoint root without touching it: which tasks exist ({@link
 * dev.thermos.monitor.TaskDetector}), what each one's runner stream says ({@link
 * dev.thermos.monitor.TaskSummary}), following a live stream ({@link dev.thermos.monitor.TaskMonitor})
 * and where the process logs are ({@link dev.thermos.monitor.TaskLogs}). Nothing here locks or
 * writes; the inspector's read-only commands and the observer share it.
 */
package dev.thermos.monitor;
