#!/usr/bin/env bash
# bench/run.sh: build thermos, generate the benchmark checkpoints and run the benchmarks.
#
#   bench/run.sh [all|replay|profile|cli|status|append]...     (default: all)
#
# Environment: RECORDS (1000000), RUNS (10 in-process replays), CLI_RUNS (5), APPEND_SECONDS (3),
# APPEND_DIR (bench/target/append), BENCH_JAVA_OPTS (-Xms2g -Xmx2g -XX:+AlwaysPreTouch), SKIP_BUILD=1 to reuse jars.
# Generated files go to bench/out/ (git-ignored). Results are printed as a Markdown table.
set -euo pipefail

root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
out="$root/bench/out"
records="${RECORDS:-1000000}"
big="$out/runner-$records"
tiny="$out/runner-tiny"
java_bin="${JAVA_HOME:+$JAVA_HOME/bin/}java"
read -r -a java_opts <<< "${BENCH_JAVA_OPTS:--Xms2g -Xmx2g -XX:+AlwaysPreTouch}"
run_bench() { "$java_bin" "${java_opts[@]}" -cp "$root/bench/target/thermos-bench.jar" "$@"; }

selected=("${@:-all}")
wants() { [[ " ${selected[*]} " == *" $1 "* || " ${selected[*]} " == *" all "* ]]; }

load_before="$(cut -d' ' -f1-3 /proc/loadavg)"
if [ -z "${SKIP_BUILD:-}" ]; then
  echo "building (mvn -q -DskipTests package)..." >&2
  (cd "$root" && mvn -q -DskipTests package) >&2
fi

mkdir -p "$out"
if [ ! -s "$big" ] || [ "$root/bench/target/thermos-bench.jar" -nt "$big" ]; then
  run_bench dev.thermos.bench.CheckpointGenerator "$big" "$records"
fi
if [ ! -s "$tiny" ] || [ "$root/bench/target/thermos-bench.jar" -nt "$tiny" ]; then
  run_bench dev.thermos.bench.CheckpointGenerator "$tiny" 25
fi

echo
echo "thermos benchmarks: $(nproc) cores, $("$java_bin" -version 2>&1 | head -1),"\
  "load average before the build $load_before, $records records ($(du -h "$big" | cut -f1))"
echo
printf '| %-50s | %28s | %-12s | %-4s |\n' benchmark result target ok
printf '|%s|%s|%s|%s|\n' "$(printf -- '-%.0s' {1..52})" "$(printf -- '-%.0s' {1..30})" \
  "$(printf -- '-%.0s' {1..14})" "------"
if wants replay; then
  run_bench dev.thermos.bench.ReplayBenchmark "$big" 5 "${RUNS:-10}"
fi
if wants profile; then
  run_bench dev.thermos.bench.ReplayProfile "$big" 5 "${RUNS:-10}"
fi
if wants cli; then
  run_bench dev.thermos.bench.CliBenchmark "$root/bin/thermos" "$tiny" \
    "read --json, 25 records" "${CLI_RUNS:-5}"
  run_bench dev.thermos.bench.CliBenchmark "$root/bin/thermos" "$big" \
    "read --json, $records records" "${CLI_RUNS:-5}" 2000
fi
if wants status; then
  run_bench dev.thermos.bench.StatusBenchmark "$root/bin/thermos" "$out/status-root" \
    "${STATUS_TASKS:-10000}" 40 "${CLI_RUNS:-5}" 3000
fi
if wants append; then
  run_bench dev.thermos.bench.AppendBenchmark "${APPEND_DIR:-$root/bench/target/append}" \
    "${APPEND_SECONDS:-3}" 1 10 100
fi
