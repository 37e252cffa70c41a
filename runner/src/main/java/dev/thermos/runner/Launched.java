package dev.thermos.runner;

import dev.thermos.launch.Spawner;

/** A coordinator just launched: its pid, and the spawner that forked it (possibly dead by now). */
record Launched(int coordinatorPid, Spawner spawner) {}
