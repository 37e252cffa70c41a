package dev.thermos.format;

import dev.thermos.gen.RunnerState;
import java.util.OptionalLong;

/**
 * A replayed checkpoint: the state, how many records it holds, where they end, and where a partial
 * last record starts if there is one.
 */
public record ReplayResult(RunnerState state, long records, long endOffset, OptionalLong tornAt) {}
