package dev.thermos.health;

/**
 * One check's outcome.
 *
 * @param process the process whose run was checked
 * @param run the 0-based index of the run checked
 * @param passed whether the check passed
 * @param detail a short, bounded text: {@code exit status 1}, {@code HTTP 503},
 *     {@code timed out after 5 s}, {@code Connection refused}
 * @param checkedAtSecs epoch seconds at which the check started
 */
public record HealthResult(String process, int run, boolean passed, String detail,
    double checkedAtSecs) {}
