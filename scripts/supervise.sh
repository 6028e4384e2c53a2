#!/usr/bin/env bash
# Runs one process and starts it again whenever it exits, as a production supervisor would (systemd's
# Restart=always, a container's restart policy): `npm start` runs each service and the example receiver
# under one of these. Waits between restarts double from 1 s up to SUPERVISE_MAX_BACKOFF_SECONDS, and go
# back to 1 s once a run has lasted SUPERVISE_STABLE_SECONDS. After SUPERVISE_MAX_FAST_EXITS exits in a
# row that came sooner than that (a bad setting, a missing database) it gives up and says so: restarting
# cannot fix those. TERM or INT (npm stop) stops the process gracefully, waits for it, and ends.
#
#   supervise.sh <name> <child-pid-file> <command...>     (its own lines go to stdout, beside the child's)
set -uo pipefail
name="${1:?usage: supervise.sh <name> <child-pid-file> <command...>}"
child_pid_file="${2:?usage: supervise.sh <name> <child-pid-file> <command...>}"
shift 2
stable_seconds="${SUPERVISE_STABLE_SECONDS:-30}"
max_fast_exits="${SUPERVISE_MAX_FAST_EXITS:-5}"
max_backoff="${SUPERVISE_MAX_BACKOFF_SECONDS:-30}"

say() { echo "$(date -u +%Y-%m-%dT%H:%M:%SZ) supervisor: $name $*"; }

child=0
stopping=0
stop() {
  stopping=1
  if ((child != 0)); then kill -TERM "$child" 2>/dev/null; fi
}
trap stop TERM INT

fast_exits=0
backoff=1
while ((stopping == 0)); do
  started=$SECONDS
  "$@" &
  child=$!
  # A TERM that came between the start and the line above found no child to pass on to: pass it on now.
  ((stopping == 1)) && kill -TERM "$child" 2>/dev/null
  # Written whole and then moved into place: a reader never sees the file empty or half written.
  echo "$child" >"$child_pid_file.tmp" && mv -f "$child_pid_file.tmp" "$child_pid_file"
  say "started (pid $child)"
  # A trapped signal interrupts wait; the child is then still shutting down, so wait again until it has gone.
  # (bash's own "Killed" notice is dropped: the line below says how it ended.)
  wait "$child" 2>/dev/null
  status=$?
  while kill -0 "$child" 2>/dev/null; do
    wait "$child" 2>/dev/null
    status=$?
  done
  child=0
  rm -f "$child_pid_file"
  ((stopping == 1)) && break
  ran=$((SECONDS - started))
  if ((ran >= stable_seconds)); then
    fast_exits=0
    backoff=1
  else
    fast_exits=$((fast_exits + 1))
  fi
  if ((fast_exits >= max_fast_exits)); then
    say "exited (status $status) $fast_exits times in a row within ${stable_seconds}s of starting: giving up; restarting will not fix it, read the lines above"
    exit 1
  fi
  say "exited (status $status) after ${ran}s; restarting in ${backoff}s"
  sleep "$backoff" &
  wait $! 2>/dev/null
  backoff=$((backoff * 2 > max_backoff ? max_backoff : backoff * 2))
done
say "stopped"
