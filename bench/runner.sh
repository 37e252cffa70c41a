#!/usr/bin/env bash
# bench/runner.sh: end-to-end benchmarks of `bin/thermos run` (JVM start included).
#
#   bench/runner.sh [floors|chain|parallel|output|all]...      (default: all)
#
#   floors    the same work from a shell loop (bash only), for the ratios
#   chain     100 processes of `true` in one sequential order (target < 1.5 s)
#   parallel  200 independent `sleep 1` processes (target < 3 s), with the memory of the
#             supervision sampled mid-run: sum of PSS of the runner and its coordinators (target
#             < 150 MB) and the runner's RSS (target < 80 MB)
#   output    a process writing 2 GiB to stdout, standard and rotate modes (target rotate >= 300 MB/s)
#
# Environment: RUNS (3 timed runs each), OUT_GIB (2), BENCH_ROOT (a temporary directory).
set -euo pipefail

home="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
thermos="$home/bin/thermos"
runs="${RUNS:-3}"
gib="${OUT_GIB:-2}"
work="${BENCH_ROOT:-$(mktemp -d)}"
selected=("${@:-all}")
wants() { [[ " ${selected[*]} " == *" $1 "* || " ${selected[*]} " == *" all "* ]]; }

chain_task() {
  python3 - "$1" <<'PY'
import json, sys
names = ["p%03d" % i for i in range(100)]
json.dump({"name": "chain", "processes": [{"name": n, "cmdline": "true"} for n in names],
           "constraints": [{"order": names}]}, open(sys.argv[1], "w"))
PY
}

parallel_task() {
  python3 - "$1" <<'PY'
import json, sys
json.dump({"name": "parallel", "processes": [{"name": "s%03d" % i, "cmdline": "sleep 1"}
           for i in range(200)]}, open(sys.argv[1], "w"))
PY
}

output_task() {  # $1 file, $2 mode
  python3 - "$1" "$2" "$gib" <<'PY'
import json, sys
logger = {"destination": "file", "mode": sys.argv[2]}
if sys.argv[2] == "rotate":
    logger["rotate"] = {"log_size": 256 * 1024 * 1024, "backups": 3}
json.dump({"name": "out", "processes": [{"name": "out", "logger": logger,
           "cmdline": "head -c %dG /dev/zero" % int(sys.argv[3])}]}, open(sys.argv[1], "w"))
PY
}

now_ms() { date +%s%3N; }

# Runs the task $1 $runs times; prints the wall times in ms, space-separated.
time_runs() {
  local times=() i start
  for i in $(seq "$runs"); do
    rm -rf "$work/root"
    start=$(now_ms)
    "$thermos" run --root "$work/root" "$1" >/dev/null
    times+=($(( $(now_ms) - start )))
  done
  echo "${times[*]}"
}

min_of() { tr ' ' '\n' <<<"$1" | sort -n | head -1; }

# Sum of Pss (kB) of a pid's smaps_rollup.
pss_kb() { awk '/^Pss:/ {print $2}' "/proc/$1/smaps_rollup" 2>/dev/null || echo 0; }
rss_kb() { awk '/^VmRSS:/ {print $2}' "/proc/$1/status" 2>/dev/null || echo 0; }

# One sample of the supervision: "<PSS kB> <runner RSS kB> <coordinators>", or nothing while the
# runner is not up. Coordinators are forked by the runner's spawner (a child of the runner).
supervision_sample() {
  local runner total=0 coordinators=0 pid children
  runner=$(pgrep -f -- "-jar $home/inspector/target/thermos.jar run" | head -1) || true
  [ -n "$runner" ] || return 0
  children=$(pgrep -P "$runner") || true
  for pid in $runner $children $(for s in $children; do pgrep -P "$s"; done); do
    total=$(( total + $(pss_kb "$pid") ))
    [ "$pid" != "$runner" ] && coordinators=$(( coordinators + 1 ))
  done
  echo "$total $(rss_kb "$runner") $coordinators"
}

# Runs the parallel task once, sampling every 50 ms; prints the sample with the most coordinators
# live (PSS in MB, runner RSS in MB, coordinators) and the runner's highest RSS.
memory_sample() {
  rm -rf "$work/root"
  "$thermos" run --root "$work/root" "$1" >/dev/null &
  local launcher=$! best="0 0 0" max_rss=0 sample pss rss n
  while kill -0 "$launcher" 2>/dev/null; do
    sample=$(supervision_sample)
    if [ -n "$sample" ]; then
      read -r pss rss n <<<"$sample"
      (( rss > max_rss )) && max_rss=$rss
      (( n > ${best##* } )) && best="$pss $rss $n"
    fi
    sleep 0.05
  done
  wait "$launcher" || true
  read -r pss rss n <<<"$best"
  echo "$(( pss / 1024 )) $(( rss / 1024 )) $n $(( max_rss / 1024 ))"
}

"$thermos" --version >/dev/null  # build before timing anything
echo "| benchmark | runs (ms) | best | target |"
echo "|---|---|---|---|"
if wants floors; then
  # What the shell needs for the same work: the floor the runner's figures are compared with.
  t=$(for i in $(seq "$runs"); do
        start=$(now_ms); for j in $(seq 100); do bash -c true; done; echo $(( $(now_ms) - start ))
      done | tr '\n' ' ')
  echo "| floor: 100 × \`bash -c true\` from a shell loop | $t| $(min_of "${t% }") ms | |"
  t=$(for i in $(seq "$runs"); do
        start=$(now_ms); for j in $(seq 200); do bash -c "sleep 1" & done; wait
        echo $(( $(now_ms) - start ))
      done | tr '\n' ' ')
  echo "| floor: 200 × \`bash -c \"sleep 1\" &\` from a shell | $t| $(min_of "${t% }") ms | |"
fi
if wants chain; then
  chain_task "$work/chain.json"
  t=$(time_runs "$work/chain.json")
  echo "| 100 sequential \`true\` | $t | $(min_of "$t") ms | < 1500 ms |"
fi
if wants parallel; then
  parallel_task "$work/parallel.json"
  t=$(time_runs "$work/parallel.json")
  echo "| 200 parallel \`sleep 1\` | $t | $(min_of "$t") ms | < 3000 ms |"
  read -r pss rss n max_rss <<<"$(memory_sample "$work/parallel.json")"
  echo "| supervision memory, spawner + $(( n - 1 )) coordinators live | PSS runner+coordinators ${pss} MB | runner RSS ${rss} MB (highest ${max_rss} MB) | < 150 MB / < 80 MB |"
fi
if wants output; then
  for mode in standard rotate; do
    output_task "$work/out-$mode.json" "$mode"
    t=$(time_runs "$work/out-$mode.json")
    best=$(min_of "$t")
    echo "| ${gib} GiB to stdout, $mode | $t | $(( gib * 1024 * 1000 / best )) MiB/s | rotate >= 300 MB/s |"
  done
fi
rm -rf "$work/root"
