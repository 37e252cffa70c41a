package dev.thermos.health;

/** PLACEHOLDER until h-health merges. */
public record HealthResult(String process, int run, boolean passed, String detail,
    double checkedAtSecs) {}
