# Sourced by infra/up.sh and scripts/start-all.sh: which broker the local run uses, and running a
# command as one of its principals (infra/kafka/as-principal.sh).
#   KAFKA_SECURITY=sasl_ssl  the secured broker (kafka.sh: TLS, SASL/SCRAM-SHA-512, per-service ACLs) on
#                            its own run directory and port; otherwise the plaintext broker, no principals.

kafka_secured() { [[ "${KAFKA_SECURITY:-plaintext}" == sasl_ssl ]]; }

# kafka.sh's run directory for the mode: the secured broker's is apart from the plaintext one's.
kafka_run_dir() {
  local repo; repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
  if kafka_secured; then echo "${KAFKA_RUN_DIR:-$repo/.run/kafka-secure}"; else echo "${KAFKA_RUN_DIR:-$repo/.run/kafka}"; fi
}

as_kafka_principal() { bash "$(dirname "${BASH_SOURCE[0]}")/as-principal.sh" "$@"; }
