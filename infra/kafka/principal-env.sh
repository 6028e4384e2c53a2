# Sourced by infra/kafka/kafka.sh, as-principal.sh, infra/up.sh and scripts/start-all.sh: which broker
# the local run uses, and running a command as one of its principals (infra/kafka/as-principal.sh).
#   KAFKA_SECURITY=sasl_ssl   (the default) the secured broker: TLS, SASL/SCRAM-SHA-512 and per-service
#                             ACLs, on .run/kafka-secure and 127.0.0.1:19092
#   KAFKA_SECURITY=plaintext  the plaintext broker, no principals, on .run/kafka and 127.0.0.1:9092: for
#                             Testcontainers' and docker compose's brokers, or a quick look without TLS

kafka_security() { echo "${KAFKA_SECURITY:-sasl_ssl}"; }
kafka_secured() { [[ "$(kafka_security)" == sasl_ssl ]]; }

# kafka.sh's run directory for the mode: the secured broker's is apart from the plaintext one's.
kafka_run_dir() {
  local repo; repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
  if kafka_secured; then echo "${KAFKA_RUN_DIR:-$repo/.run/kafka-secure}"; else echo "${KAFKA_RUN_DIR:-$repo/.run/kafka}"; fi
}

as_kafka_principal() { bash "$(dirname "${BASH_SOURCE[0]}")/as-principal.sh" "$@"; }
