package dev.thermos.health;

/** PLACEHOLDER until h-health merges. */
public record ProbeContext(java.nio.file.Path workingDir, java.util.Map<String, String> env,
    RunAs user) {}
