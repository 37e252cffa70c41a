#!/usr/bin/env bash
# bench/observer.sh: the observer over 10,000 finished and 1,000 active tasks (generated with the
# format library, not run): start-up to the first complete /j/task_ids, latency under 16
# concurrent clients (/health as the floor), append-to-event delay, idle CPU, resident memory.
#
#   bench/observer.sh                      # build, generate (first time), measure
#   SKIP_BUILD=1 FINISHED=2000 bench/observer.sh
#
# Environment: FINISHED (10000), ACTIVE (1000), CLIENTS (16), REQUESTS per client (300),
# IDLE_SECONDS (30), SKIP_BUILD=1 to reuse the jars. The root goes to bench/out/observer-root
# (git-ignored), the observer's history to bench/out/observer-history (removed first).
# The event delay on /api/v1/events needs the history's SSE stream (branch h-obs-hist); without
# it that row says n/a and the delay to /api/v1/tasks/{id} is still measured.
set -euo pipefail

root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
out="$root/bench/out"
java_bin="${JAVA_HOME:+$JAVA_HOME/bin/}java"

if [ -z "${SKIP_BUILD:-}" ]; then
  echo "building (mvn -q -DskipTests package)..." >&2
  (cd "$root" && mvn -q -DskipTests package) >&2
fi
mkdir -p "$out"
rm -rf "$out/observer-history"
load_before="$(cut -d' ' -f1-3 /proc/loadavg)"

echo
echo "thermos observer benchmark: $(nproc) cores, $("$java_bin" -version 2>&1 | head -1),"\
  "load average before $load_before"
echo
echo "| benchmark | result | target | |"
echo "|---|---:|---|---|"
"$java_bin" -Xmx512m -cp "$root/bench/target/thermos-bench.jar" dev.thermos.bench.ObserverBenchmark \
  "$root/bin/thermos" "$out/observer-root" "$out/observer-history" \
  "${FINISHED:-10000}" "${ACTIVE:-1000}" "${CLIENTS:-16}" "${REQUESTS:-300}" "${IDLE_SECONDS:-30}"
