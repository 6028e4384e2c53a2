#!/usr/bin/env bash
# `npm stop`: stops the six services, the console and the example receiver (each supervisor is asked to stop, and stops its
# process gracefully: the services flush their relays) and the Kafka broker.
set -uo pipefail
cd "$(dirname "$0")/.."
source scripts/services.sh
for service in "${SERVICES[@]}" school-webhook-receiver; do
  pid_file="$RUN_DIR/$service.pid"
  [[ -f "$pid_file" ]] || continue
  pid="$(cat "$pid_file")"
  child_pid_file="$RUN_DIR/$service.child.pid"
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid"
    for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
    if kill -0 "$pid" 2>/dev/null; then
      # Not stopped in 15 s: the supervisor first, so that nothing starts the process again, then the process.
      kill -KILL "$pid"
      [[ -f "$child_pid_file" ]] && kill -KILL "$(cat "$child_pid_file")" 2>/dev/null
    fi
    echo "$service: stopped"
  fi
  rm -f "$pid_file" "$child_pid_file" "$child_pid_file.tmp"
done
# The broker npm start used (start-all.sh wrote its mode), not whatever KAFKA_SECURITY says now.
if [[ -f "$RUN_DIR/kafka-security" ]]; then
  KAFKA_SECURITY="$(cat "$RUN_DIR/kafka-security")"
  export KAFKA_SECURITY
  rm -f "$RUN_DIR/kafka-security"
fi
bash infra/down.sh
