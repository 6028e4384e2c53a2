#!/usr/bin/env bash
# `npm start`: the whole system on this machine. Installs what is missing, starts the infrastructure,
# builds, migrates, starts the six services and the web console in the background (logs in .run/services/), each under a
# supervisor that restarts it when it exits (scripts/supervise.sh), waits until each is ready, and
# prints where everything is. `npm stop` stops it all.
# The broker is secured (TLS, SASL/SCRAM, per-service ACLs): each service signs in as its own principal,
# the demo loader as admin. KAFKA_SECURITY=plaintext npm start: the same on a plaintext broker.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/services.sh
source infra/kafka/principal-env.sh

[[ -d node_modules ]] || npm install --no-audit --no-fund --no-save # why not `npm ci`: see .ci/run
bash infra/up.sh
bash infra/tools/ensure-debian-tool.sh xmllint libxml2-utils "the CIN census schema check" || echo "(npm run census will not be able to check files against the XSD until xmllint is installed)"
echo "building..."
npm run -s build

# The demo year goes into the log before the services start, so that their reactions can be told it is already handled.
echo "loading the demo year into the event log (first start only)..."
# As admin: it writes every service's topic and moves the reacting services' consumer groups past it.
as_kafka_principal admin node dist/tools/demo.js history

mkdir -p "$RUN_DIR"
# npm stop stops the broker this start used, whatever KAFKA_SECURITY says then.
kafka_security >"$RUN_DIR/kafka-security"
for service in "${SERVICES[@]}"; do
  pid_file="$RUN_DIR/$service.pid"
  if [[ -f "$pid_file" ]] && kill -0 "$(cat "$pid_file")" 2>/dev/null; then
    echo "$service: already running (pid $(cat "$pid_file"))"
    continue
  fi
  # Local development: the development token secret is accepted only with NODE_ENV=development, and
  # webhooks may go over http to the example receiver on 127.0.0.1 only with WEBHOOK_ALLOW_LOCAL_ADDRESSES.
  # No DATABASE_URL: each service connects as its own app role (csc_<service>_app, made by its last migration), never as postgres.
  # On the secured broker each service signs in as its own principal (kafka-acl-rules.ts says what it may do).
  # $service.pid is its supervisor's, $service.child.pid the service's own process (kill that to see it restart).
  # The console signs in to no broker: it only calls the services over HTTP (its local sign-in needs NODE_ENV=development).
  as_principal=(bash infra/kafka/as-principal.sh "$service")
  [[ $service == console ]] && as_principal=()
  # RELAY_ON_NEW_BROKER=republish: locally the services' event stores are the truth, so a fresh broker (a new
  # clone, a wiped .run/) is filled from them at once; production keeps the default, halt (README: Kafka).
  NODE_ENV=development WEBHOOK_ALLOW_LOCAL_ADDRESSES=true RELAY_ON_NEW_BROKER=republish PORT="${PORTS[$service]}" \
    nohup bash scripts/supervise.sh "$service" "$RUN_DIR/$service.child.pid" \
    "${as_principal[@]}" bash scripts/service-node.sh "$service" "dist/services/$service/src/main.js" >"$RUN_DIR/$service.log" 2>&1 </dev/null &
  echo $! >"$pid_file"
done

for service in "${SERVICES[@]}"; do
  url="http://127.0.0.1:${PORTS[$service]}/health/ready"
  for _ in $(seq 1 120); do
    curl -sf "$url" >/dev/null && break
    # The supervisor restarts a service that exits; it ends only when it gives up (repeated fast exits).
    kill -0 "$(cat "$RUN_DIR/$service.pid")" 2>/dev/null || { echo "$service keeps exiting; see $RUN_DIR/$service.log" >&2; tail -n 20 "$RUN_DIR/$service.log" >&2; exit 1; }
    sleep 0.5
  done
  curl -sf "$url" >/dev/null || { echo "$service is not ready; see $RUN_DIR/$service.log" >&2; exit 1; }
done

# The demo: the example receiver standing in for the demo school's own system, and one referral from that school decided by the front door.
receiver_pid_file="$RUN_DIR/school-webhook-receiver.pid"
receiver_log="$RUN_DIR/school-webhook-receiver.log"
if ! { [[ -f "$receiver_pid_file" ]] && kill -0 "$(cat "$receiver_pid_file")" 2>/dev/null; }; then
  secret="$(node dist/tools/demo.js school --receiver "http://127.0.0.1:$RECEIVER_PORT/webhooks/csc")"
  WEBHOOK_SECRET="$secret" PORT="$RECEIVER_PORT" nohup bash scripts/supervise.sh school-webhook-receiver "$RUN_DIR/school-webhook-receiver.child.pid" \
    node -r @swc-node/register examples/school-webhook-receiver/src/main.ts >"$receiver_log" 2>&1 </dev/null &
  echo $! >"$receiver_pid_file"
  for _ in $(seq 1 60); do grep -q "listening" "$receiver_log" 2>/dev/null && break; sleep 0.5; done
fi
echo "school 100001 refers a child and the front door accepts it..."
node dist/tools/demo.js first-referral >/dev/null
for _ in $(seq 1 60); do grep -q "REFERRAL_DECIDED" "$receiver_log" && break; sleep 1; done

token() { node dist/tools/mint-token.js --role "$1" --org "$2"; }
echo
echo "The system is up. The console: http://127.0.0.1:${PORTS[console]} (sign in with any role, e.g. FRONT_DOOR and LA888: development only)"
echo
echo "API docs:"
for service in "${SERVICES[@]}"; do
  [[ $service == console ]] && continue
  printf '  %-22s http://127.0.0.1:%s/docs\n' "$service" "${PORTS[$service]}"
done
echo
echo "Tokens for local use (8 hours; mint more with: npm run token -- --role <ROLE> --org <ORG>):"
for pair in FRONT_DOOR:LA888 SOCIAL_WORKER:LA888 EARLY_HELP:LA888 SCHOOL:100001 ANALYST:LA888 ADMIN:LA888; do
  printf '  %-14s %s\n' "${pair%%:*}" "$(token "${pair%%:*}" "${pair#*:}")"
done
echo
echo "The demo school's webhook (the example receiver, $receiver_log) received:"
grep -E "REFERRAL_(RECEIVED|DECIDED)" "$receiver_log" | tail -n 4 | sed 's/^/  /' || echo "  nothing yet: see $receiver_log"
echo
school_token="$(token SCHOOL 100001)"
front_door_token="$(token FRONT_DOOR LA888)"
analyst_token="$(token ANALYST LA888)"
cat <<CALLS
Try it (copy and paste; the school's webhook log above grows with each step):
# 1. a school refers a child
REFERRAL=\$(curl -s -X POST http://127.0.0.1:3001/v1/referrals -H 'Authorization: Bearer $school_token' -H 'Content-Type: application/json' \\
  -d '{"referrer":{"source":"2A","organisationId":"100001","name":"Demo DSL"},"child":{"givenName":"Sam","familyName":"Example","dateOfBirth":"2014-02-03","sex":"M","postcode":"FY1 1AA"},"concerns":{"summary":"Came to school hungry again.","factors":["16A"]},"consent":{"given":true}}' \\
  | node -pe 'JSON.parse(require("fs").readFileSync(0, "utf8")).referralId'); echo "referral \$REFERRAL"
# 2. the front door decides it
curl -s -X POST "http://127.0.0.1:3001/v1/referrals/\$REFERRAL/decision" -H 'Authorization: Bearer $front_door_token' -H 'Content-Type: application/json' \\
  -d '{"outcome":"ACCEPTED_FOR_ASSESSMENT","primaryNeed":"N1","rationale":"Demo decision."}'
# 3. an analyst reads re-referrals by month for the demo year
curl -s 'http://127.0.0.1:3005/v1/views/re-referrals?groupBy=month&from=2025-04-01&to=2026-03-31' -H 'Authorization: Bearer $analyst_token'
CALLS
if kafka_secured; then
  principals="$(kafka_run_dir)/principals"
  cat <<READER

Kafka is secured (SASL_SSL on $(sed -n 's/^KAFKA_BROKERS=//p' "$principals/analytics-reader.env"), CA $(sed -n 's/^KAFKA_SSL_CA=//p' "$principals/analytics-reader.env")).
Read the domain topics as the outside reader (read-only; consumer groups analytics-reader and analytics-reader.*):
  settings (secret, mode 600): $principals/analytics-reader.env
  set -a; source $principals/analytics-reader.env; set +a   # then any client configured by KAFKA_* (e.g. the README's own consumer)
  kcat -F $principals/analytics-reader.librdkafka.properties -C -t csc.referral-intake.events.v1 -o beginning -e   # its client certificate
A principal of your own: npm run kafka:principal -- --name my-analysis --read
READER
fi
echo
echo "Logs: $RUN_DIR/<service>.log, Kafka: $(kafka_run_dir)/kafka.log. Rebuild analytics: npm run replay. Stop everything: npm stop"
