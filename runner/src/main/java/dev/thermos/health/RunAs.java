package dev.thermos.health;

/** PLACEHOLDER until h-health merges. */
public record RunAs(int uid, int gid, int[] groups) {}
