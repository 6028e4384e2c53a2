#!/usr/bin/env bash
# as-principal.sh <name> <command...>: runs the command as a principal of the local broker.
#   KAFKA_SECURITY=sasl_ssl  with the principal's KAFKA_* settings from <run dir>/principals/<name>.env
#                            (run dir: KAFKA_RUN_DIR, else kafka.sh's .run/kafka-secure) in its environment
#   otherwise                as it is: the plaintext broker has no principals
# The settings are exported by the shell's own builtins, so the password reaches no command line (`ps`)
# and no log; the command is exec'd, so a pid taken of this script is the command's own.
set -euo pipefail
name="${1:?usage: as-principal.sh <name> <command...>}"
shift
if [[ "${KAFKA_SECURITY:-plaintext}" == sasl_ssl ]]; then
  repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
  file="${KAFKA_RUN_DIR:-$repo/.run/kafka-secure}/principals/$name.env"
  [[ -r "$file" ]] || { echo "kafka: no settings for principal $name ($file); start the secured broker first" >&2; exit 1; }
  while IFS= read -r line; do
    if [[ "$line" =~ ^(KAFKA_[A-Z_]+)=(.*)$ ]]; then export "${BASH_REMATCH[1]}=${BASH_REMATCH[2]}"; fi
  done <"$file"
fi
exec "$@"
