#!/usr/bin/env bash
# bench/runner.sh: end-to-end benchmarks of `bin/thermos run` (JVM start included), each reported
# as a ratio to a floor measured in the same run, on the same file system.
#
#   bench/runner.sh [floors|onestep|chain|parallel|output|all]...      (default: all)
#
#   floors    shown with the benchmarks that use them: a bare `java -version`; the durable limit
#             of a chain step (bench/src/main/c/durable_floor.c: the same forks, file creations and
#             syncs per step as the runner's design, in C) and the same without syncs; 100 ×
#             `bash -c true` from a shell loop; 200 × `bash -c "sleep 1" &` from a shell
#   onestep   a task of one `true` process, against `java -version` (target <= 5x)
#   chain     100 processes of `true` in one sequential order: wall time, and the period of one
#             step read from the checkpoint (the end of run k to the end of run k+1, median over
#             the chain) against the durable limit (target <= 1.3x)
#   parallel  200 independent `sleep 1` processes against the shell floor (target <= 1.3x), with
#             the memory of the supervision sampled mid-run: sum of PSS of the runner, its spawner
#             and coordinators (target <= 65 MB), and the runner's RSS
#   output    a process writing 2 GiB to stdout, standard and rotate modes (target rotate >= 300 MB/s)
#
# Every timed run gets a directory of its own made beforehand, and nothing is deleted until the end
# (then in the background): on ext4 without a journal, creating an inode skips every inode deleted
# in the last minutes, so a timing taken right after an `rm -rf` of thousands of files (or a build)
# is skewed. Before each benchmark a probe times file creation; when it is slow (> PROBE_LIMIT_US)
# the script waits for it to settle (up to SETTLE_SECONDS) and says so in the table.
#
# Environment: RUNS (3 timed runs each, interleaved with the floors), OUT_GIB (2), BENCH_ROOT (a
# temporary directory; must be on the file system under test), BUILDS (checkouts to compare,
# interleaved run by run; default: this one), PROBE_LIMIT_US (100), SETTLE_SECONDS (120).
set -euo pipefail

home="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
runs="${RUNS:-3}"
gib="${OUT_GIB:-2}"
work="${BENCH_ROOT:-$(mktemp -d)}"
read -r -a builds <<<"${BUILDS:-$home}"
probe_limit="${PROBE_LIMIT_US:-100}"
settle="${SETTLE_SECONDS:-120}"
selected=("${@:-all}")
wants() { [[ " ${selected[*]} " == *" $1 "* || " ${selected[*]} " == *" all "* ]]; }
fresh() { mktemp -d "$work/dXXXXXX"; }  # a new, empty directory

floor_bin="$work/durable_floor"
gcc -O2 -Wall -Wextra -Werror -o "$floor_bin" "$home/bench/src/main/c/durable_floor.c"

task_json() {  # $1 file, $2 kind
  python3 - "$1" "$2" "$gib" <<'PY'
import json, sys
out, kind, gib = sys.argv[1], sys.argv[2], int(sys.argv[3])
if kind == "onestep":
    task = {"name": "one", "processes": [{"name": "one", "cmdline": "true"}]}
elif kind == "chain":
    names = ["p%03d" % i for i in range(100)]
    task = {"name": "chain", "processes": [{"name": n, "cmdline": "true"} for n in names],
            "constraints": [{"order": names}]}
elif kind == "parallel":
    task = {"name": "parallel",
            "processes": [{"name": "s%03d" % i, "cmdline": "sleep 1"} for i in range(200)]}
else:
    logger = {"destination": "file", "mode": kind}
    if kind == "rotate":
        logger["rotate"] = {"log_size": 256 * 1024 * 1024, "backups": 3}
    task = {"name": "out", "processes": [{"name": "out", "logger": logger,
            "cmdline": "head -c %dG /dev/zero" % gib}]}
json.dump(task, open(out, "w"))
PY
}

now_ms() { date +%s%3N; }
label() { basename "$1"; }

# Median period (µs) of a chain step in a runner checkpoint: end of run k to end of run k+1.
chain_period_us() {  # $1 build, $2 root
  "$1/bin/thermos" read --json "$2/checkpoints/chain/runner" | python3 -c '
import json, statistics, sys
runs = json.load(sys.stdin)["processes"]
ends = sorted(r[-1]["stop_time"] for r in runs.values())
print(round(statistics.median(b - a for a, b in zip(ends, ends[1:])) * 1e6))'
}

# Times one `thermos run` of $2 with build $1 in a fresh root (task id $3); prints ms and the root.
time_run() {
  local root start
  root=$(fresh)
  start=$(now_ms)
  "$1/bin/thermos" run --root "$root" --task_id "$3" "$2" >/dev/null
  echo "$(( $(now_ms) - start )) $root"
}

# File creation cost now (µs); waits while it is over the limit, up to $settle seconds. Prints
# the last probe, with " (settled after Ns)" or " (still slow)" when it had to wait.
probe() {
  local us waited=0
  us=$("$floor_bin" probe "$(fresh)" 300)
  while awk -v u="$us" -v l="$probe_limit" 'BEGIN {exit !(u > l)}' && (( waited < settle )); do
    echo "runner.sh: creating a file costs ${us} µs (recent deletions?); waiting" >&2
    sleep 10
    waited=$((waited + 10))
    us=$("$floor_bin" probe "$(fresh)" 300)
  done
  if awk -v u="$us" -v l="$probe_limit" 'BEGIN {exit !(u > l)}'; then
    echo "$us µs (still slow: timings skewed)"
  elif (( waited > 0 )); then
    echo "$us µs (settled after ${waited}s)"
  else
    echo "$us µs"
  fi
}

min_of() { tr ' ' '\n' <<<"$1" | grep . | sort -n | head -1; }
median_of() { tr ' ' '\n' <<<"$1" | grep . | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", a / b}'; }

# Sum of Pss (kB) of a pid's smaps_rollup.
pss_kb() { awk '/^Pss:/ {print $2}' "/proc/$1/smaps_rollup" 2>/dev/null || echo 0; }
rss_kb() { awk '/^VmRSS:/ {print $2}' "/proc/$1/status" 2>/dev/null || echo 0; }

# One sample of the supervision of build $1: "<PSS kB> <runner RSS kB> <coordinators>", or nothing
# while the runner is not up. Coordinators are forked by the runner's spawner (a child of it).
supervision_sample() {
  local runner total=0 coordinators=0 pid children
  runner=$(pgrep -f -- "-jar $1/inspector/target/thermos.jar run" | head -1) || true
  [ -n "$runner" ] || return 0
  children=$(pgrep -P "$runner") || true
  for pid in $runner $children $(for s in $children; do pgrep -P "$s"; done); do
    total=$(( total + $(pss_kb "$pid") ))
    [ "$pid" != "$runner" ] && coordinators=$(( coordinators + 1 ))
  done
  echo "$total $(rss_kb "$runner") $coordinators"
}

# Runs the parallel task once with build $1, sampling every 50 ms; prints the sample with the
# most coordinators live (PSS in MB, runner RSS in MB, coordinators) and the runner's highest RSS.
memory_sample() {
  "$1/bin/thermos" run --root "$(fresh)" "$2" >/dev/null &
  local launcher=$! best="0 0 0" max_rss=0 sample pss rss count
  while kill -0 "$launcher" 2>/dev/null; do
    sample=$(supervision_sample "$1")
    read -r pss rss count <<<"${sample:-0 0 0}"
    if (( rss > 0 )); then  # the runner is up (and did not end while it was sampled)
      (( rss > max_rss )) && max_rss=$rss
      (( count > ${best##* } )) && best="$pss $rss $count"
    fi
    sleep 0.05
  done
  wait "$launcher" || true
  read -r pss rss count <<<"$best"
  echo "$(( pss / 1024 )) $(( rss / 1024 )) $count $(( max_rss / 1024 ))"
}

java_version_ms() { local s; s=$(now_ms); java -version 2>/dev/null; echo $(( $(now_ms) - s )); }
bash_loop_ms() { local s j; s=$(now_ms); for j in $(seq 100); do bash -c true; done; echo $(( $(now_ms) - s )); }
bash_sleeps_ms() {
  local s j; s=$(now_ms); for j in $(seq 200); do bash -c "sleep 1" & done; wait; echo $(( $(now_ms) - s ))
}

for b in "${builds[@]}"; do "$b/bin/thermos" --version >/dev/null; done  # build before timing
echo "| benchmark | build | runs | best | ratio to the same run's floor (best/best) | target |"
echo "|---|---|---|---|---|---|"
row() { echo "| $1 | $2 | $3 | $4 | $5 | $6 |"; }

# Times $runs runs of task $1 (id $2) with every build, each round after one run of the floor
# command $3: sets floor_times and times[build] (ms, space-separated).
declare -A times=()
interleaved() {
  local i b ms
  floor_times=""
  times=()
  for i in $(seq "$runs"); do
    floor_times+="$($3) "
    for b in "${builds[@]}"; do read -r ms _ <<<"$(time_run "$b" "$1" "$2")"; times[$b]+="$ms "; done
  done
}

# One row per build for the times interleaved() took: $1 benchmark, $2 the floor's name, $3 target.
build_rows() {
  local b floor
  floor=$(min_of "$floor_times")
  for b in "${builds[@]}"; do
    row "$1" "$(label "$b")" "${times[$b]}ms" "$(min_of "${times[$b]}") ms" \
      "$(ratio "$(min_of "${times[$b]}")" "$floor")× $2" "$3"
  done
}

# A benchmark timed against a floor: $1 task kind (also its id), $2 the floor's command, $3 the
# floor's row, $4 the benchmark's row, $5 the floor's name in the ratio, $6 the target.
timed_benchmark() {
  echo "| file-create probe before $1 | | | $(probe) | | |"
  task_json "$work/$1.json" "$1"
  interleaved "$work/$1.json" "$1" "$2"
  row "floor: $3" "" "${floor_times}ms" "$(min_of "$floor_times") ms" "" ""
  build_rows "$4" "$5" "$6"
}

if wants onestep || wants floors; then
  timed_benchmark onestep java_version_ms "bare \`java -version\`" "one-step task (\`true\`)" \
    "\`java -version\`" "<= 5×"
fi

if wants chain || wants floors; then
  echo "| file-create probe before chain | | | $(probe) | | |"
  task_json "$work/chain.json" chain
  declare -A t=() p=()
  durable="" nosync="" loop=""
  for i in $(seq "$runs"); do
    durable+="$("$floor_bin" chain "$(fresh)" 100) "
    nosync+="$("$floor_bin" chain "$(fresh)" 100 nosync) "
    loop+="$(bash_loop_ms) "
    for b in "${builds[@]}"; do
      read -r ms root <<<"$(time_run "$b" "$work/chain.json" chain)"
      t[$b]+="$ms "
      p[$b]+="$(chain_period_us "$b" "$root") "
    done
  done
  row "floor: durable limit of a step (C, same forks, files, syncs)" "" "${durable}µs" "$(min_of "$durable") µs" "" ""
  row "floor: the same without syncs" "" "${nosync}µs" "$(min_of "$nosync") µs" "$(ratio "$(min_of "$nosync")" "$(min_of "$durable")")× durable" ""
  row "floor: 100 × \`bash -c true\` from a shell loop" "" "${loop}ms" "$(min_of "$loop") ms" "" ""
  for b in "${builds[@]}"; do
    row "100-step chain of \`true\`, wall" "$(label "$b")" "${t[$b]}ms" "$(min_of "${t[$b]}") ms" \
      "$(ratio "$(min_of "${t[$b]}")" "$(min_of "$loop")")× shell loop" "< 1500 ms"
    row "chain step period (median in the checkpoint)" "$(label "$b")" "${p[$b]}µs" \
      "$(min_of "${p[$b]}") µs" "$(ratio "$(min_of "${p[$b]}")" "$(min_of "$durable")")× durable limit" "<= 1.3×"
  done
  unset t p
fi

if wants parallel || wants floors; then
  timed_benchmark parallel bash_sleeps_ms "200 × \`bash -c \"sleep 1\" &\` from a shell" \
    "200 parallel \`sleep 1\`" "shell" "<= 1.3×"
  for b in "${builds[@]}"; do
    read -r pss rss count max_rss <<<"$(memory_sample "$b" "$work/parallel.json")"
    row "supervision memory, spawner + $(( count - 1 )) coordinators live" "$(label "$b")" \
      "PSS runner+spawner+coordinators ${pss} MB" "runner RSS ${rss} MB (highest ${max_rss} MB)" "" "PSS <= 65 MB"
  done
fi

if wants output; then
  for mode in standard rotate; do
    task_json "$work/out-$mode.json" "$mode"
    for b in "${builds[@]}"; do
      t=""
      for i in $(seq "$runs"); do read -r ms _ <<<"$(time_run "$b" "$work/out-$mode.json" out)"; t+="$ms "; done
      row "${gib} GiB to stdout, $mode" "$(label "$b")" "${t}ms" "$(( gib * 1024 * 1000 / $(min_of "$t") )) MiB/s" "" "rotate >= 300 MB/s"
    done
  done
fi
# Deleted only now, and in the background: the next timing on this file system (another run of
# this script, a test) is better off after it, and its probe says so.
if [ -z "${BENCH_ROOT:-}" ]; then
  (rm -rf "$work" &) 
fi
