package dev.thermos.config;

/**
 * Aurora's {@code Resources}: informational only, Thermos does not enforce them. {@code cpu},
 * {@code ram} and {@code disk} are required when a {@code resources} object is given; {@code gpu}
 * defaults to 0. Sizes are in bytes.
 */
public record Resources(double cpu, long ramBytes, long diskBytes, int gpu) {
  /** Aurora's default for {@code gpu}. */
  public static final int DEFAULT_GPU = 0;
}
