package dev.thermos.monitor;

/** One run of a process as found in the log directory ({@code {log_dir}/{process}/{run}}). */
public record ProcessRun(String process, int run) {}
