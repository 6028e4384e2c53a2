#!/usr/bin/env bash
# as-principal.sh <name> <command...>: runs the command as a principal of the local broker.
#   secured (the default)     with the principal's KAFKA_* settings from <run dir>/principals/<name>.env
#                             (run dir: KAFKA_RUN_DIR, else kafka.sh's .run/kafka-secure) in its environment,
#                             replacing any the caller's shell holds (a reader's, sourced to try the README's consumer)
#   KAFKA_SECURITY=plaintext  as it is: the plaintext broker has no principals
# The settings are exported by the shell's own builtins, so the password reaches no command line (`ps`)
# and no log; the command is exec'd, so a pid taken of this script is the command's own.
set -euo pipefail
name="${1:?usage: as-principal.sh <name> <command...>}"
shift
source "$(dirname "${BASH_SOURCE[0]}")/principal-env.sh"
if kafka_secured; then
  file="$(kafka_run_dir)/principals/$name.env"
  [[ -r "$file" ]] || { echo "kafka: no settings for principal $name ($file); start the secured broker first" >&2; exit 1; }
  while IFS= read -r setting; do unset "$setting"; done < <(compgen -e | grep -E '^KAFKA_(BROKERS|SECURITY_PROTOCOL|SASL_|SSL_)' || true)
  while IFS= read -r line; do
    if [[ "$line" =~ ^(KAFKA_[A-Z_]+)=(.*)$ ]]; then export "${BASH_REMATCH[1]}=${BASH_REMATCH[2]}"; fi
  done <"$file"
fi
exec "$@"
