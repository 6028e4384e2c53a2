#!/usr/bin/env bash
# `npm start`: the whole system on this machine. Installs what is missing, starts the infrastructure,
# builds, migrates, starts the five services in the background (logs in .run/services/), waits until
# each is ready, and prints where everything is. `npm stop` stops it all.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/services.sh

[[ -d node_modules ]] || npm install --no-audit --no-fund --no-save # why not `npm ci`: see .ci/run
bash infra/up.sh
echo "building..."
npm run -s build

mkdir -p "$RUN_DIR"
for service in "${SERVICES[@]}"; do
  pid_file="$RUN_DIR/$service.pid"
  if [[ -f "$pid_file" ]] && kill -0 "$(cat "$pid_file")" 2>/dev/null; then
    echo "$service: already running (pid $(cat "$pid_file"))"
    continue
  fi
  # Local development: the development token secret is accepted only with NODE_ENV=development.
  # No DATABASE_URL: each service connects as its own app role (csc_<service>_app, made by its last migration), never as postgres.
  NODE_ENV=development PORT="${PORTS[$service]}" nohup node "dist/services/$service/src/main.js" >"$RUN_DIR/$service.log" 2>&1 </dev/null &
  echo $! >"$pid_file"
done

for service in "${SERVICES[@]}"; do
  url="http://127.0.0.1:${PORTS[$service]}/health/ready"
  for _ in $(seq 1 120); do
    curl -sf "$url" >/dev/null && break
    kill -0 "$(cat "$RUN_DIR/$service.pid")" 2>/dev/null || { echo "$service exited; see $RUN_DIR/$service.log" >&2; tail -n 20 "$RUN_DIR/$service.log" >&2; exit 1; }
    sleep 0.5
  done
  curl -sf "$url" >/dev/null || { echo "$service is not ready; see $RUN_DIR/$service.log" >&2; exit 1; }
done

token() { node dist/tools/mint-token.js --role "$1" --org "$2"; }
echo
echo "The system is up. API docs:"
for service in "${SERVICES[@]}"; do printf '  %-22s http://127.0.0.1:%s/docs\n' "$service" "${PORTS[$service]}"; done
echo
echo "Tokens for local use (8 hours; mint more with: npm run token -- --role <ROLE> --org <ORG>):"
for pair in FRONT_DOOR:LA888 SOCIAL_WORKER:LA888 EARLY_HELP:LA888 SCHOOL:100001 ANALYST:LA888 ADMIN:LA888; do
  printf '  %-14s %s\n' "${pair%%:*}" "$(token "${pair%%:*}" "${pair#*:}")"
done
echo
echo "Logs: $RUN_DIR/<service>.log, Kafka: .run/kafka/kafka.log. Stop everything: npm stop"
