
# Task ids and process names for the positional arguments of status, tail, kill, lose, gc and the
# control verbs (hold, release, drain, restart, signal),
# read from the root's directories (no JVM is started while completing). The root is --root DIR
# from the command line, else $THERMOS_ROOT, else /var/run/thermos when writable, else ~/.thermos.
function _thermos_root() {
  local i
  for (( i = 1; i < COMP_CWORD; i++ )); do
    case ${COMP_WORDS[i]} in
      --root) echo "${COMP_WORDS[i+1]}"; return ;;
      --root=*) echo "${COMP_WORDS[i]#--root=}"; return ;;
    esac
  done
  if [[ -n ${THERMOS_ROOT:-} ]]; then
    echo "$THERMOS_ROOT"
  elif [[ -d /var/run/thermos && -w /var/run/thermos ]] \
      || [[ ! -e /var/run/thermos && -w /var/run ]]; then
    echo /var/run/thermos
  else
    echo "$HOME/.thermos"
  fi
}

# The positional words before the current one, after the verb (options and their values skipped).
function _thermos_positional_words() {
  local i verb_seen=0 skip=0 word
  for (( i = 1; i < COMP_CWORD; i++ )); do
    word=${COMP_WORDS[i]}
    if (( skip )); then skip=0; continue; fi
    case $word in
      --root|-n|--lines|--run|--only|--max-age|--max_age|--max-tasks|--max_tasks|--max-space|--max_space|--timeout)
        skip=1 ;;
      -*) ;;
      *) if (( verb_seen )); then echo "$word"; else verb_seen=1; fi ;;
    esac
  done
}

# $1: the verb. Prints one candidate per line.
function _thermos_positionals() {
  local root states state task words
  root=$(_thermos_root)
  if [[ $1 == tail || $1 == restart || $1 == signal ]]; then
    words=$(_thermos_positional_words | wc -l)
    if [[ $1 == signal ]] && (( words >= 2 )); then
      printf '%s\n' HUP INT QUIT ABRT USR1 USR2 ALRM TERM WINCH PWR KILL STOP CONT
      return
    fi
    task=$(_thermos_positional_words | head -n 1)
    if [[ -n $task ]]; then
      ls -1 "$root/checkpoints/$task" 2>/dev/null | sed -n 's/^coordinator\.//p'
      return
    fi
  fi
  case $1 in
    kill|lose|hold|release|drain|restart|signal) states=active ;;
    gc) states=finished ;;
    *) states="active finished" ;;
  esac
  for state in $states; do
    ls -1 "$root/tasks/$state" 2>/dev/null
  done
}
