# Sourced by the crash task's processes (cwd = the sandbox). "step NAME SECONDS RULE" is one run:
#  - holds an exclusive flock on lock.NAME for its whole life (its sleep inherits it) and appends
#    "overlap" to the file overlap if another run of NAME holds it: two runs at once;
#  - writes its pid and its child's to pids (so the test can check that none survives);
#  - counts its runs in count.NAME (runs of one process never overlap, see above);
#  - sleeps SECONDS, then exits by RULE: ok = 0, first-fails = 1 on the first run,
#    fails-third = 1 from the third run on (a daemon that runs three times), first-two-fail = 1 on
#    the first two runs, code3 = 3 (a success code of its process).
step() {
  exec 9>>"lock.$1"
  flock -n 9 || echo "overlap $1 $$" >> overlap
  echo $$ >> pids
  n=$(( $(cat "count.$1" 2>/dev/null || echo 0) + 1 ))
  echo $n > "count.$1"
  sleep "$2" &
  echo $! >> pids
  wait $!
  case $3 in
    first-fails) [ $n -gt 1 ] ;;
    fails-third) [ $n -lt 3 ] ;;
    first-two-fail) [ $n -gt 2 ] ;;
    code3) return 3 ;;
    *) true ;;
  esac
}

# "orphan": double-forks a grandchild that leaves for a session of its own (setsid), ignores
# SIGTERM (so does its exec'd sleep) and lives on; returns once the grandchild wrote orphan.pid.
orphan() {
  ( setsid bash -c 'trap "" TERM; echo $$ > orphan.tmp; mv orphan.tmp orphan.pid; exec sleep 600' & )
  until [ -s orphan.pid ]; do sleep 0.01; done
}

# "hold NAME [ignore-term]": writes its pid and its sleep's to pids, touches ready.NAME and waits
# for a long time; with ignore-term, neither it nor its sleep dies of SIGTERM.
hold() {
  [ "$2" = ignore-term ] && trap '' TERM
  echo $$ >> pids
  sleep 600 &
  echo $! >> pids
  touch "ready.$1"
  wait $!
}

# "gate NAME": counts its runs in count.NAME, touches ready.NAME, then waits for the file go.
gate() {
  echo $$ >> pids
  echo $(( $(cat "count.$1" 2>/dev/null || echo 0) + 1 )) > "count.$1"
  touch "ready.$1"
  until [ -e go ]; do sleep 0.02; done
}

# "hidden-orphan": as orphan, but the grandchild also starts from an empty environment (env -i),
# so it carries no HOME=<sandbox> marker: once its runner is gone only the task's cgroup holds it.
hidden_orphan() {
  ( setsid env -i /bin/bash -c 'trap "" TERM; echo $$ > orphan.tmp; mv orphan.tmp orphan.pid; exec sleep 600' & )
  until [ -s orphan.pid ]; do sleep 0.01; done
}
