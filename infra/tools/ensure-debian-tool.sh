#!/usr/bin/env bash
# ensure-debian-tool.sh <command> <Debian package> <what it is for>: installs a machine tool the
# project uses when it is missing and we may (root, apt). Used for
#   xmllint (libxml2-utils): checks a CIN census file against the DfE's XSD (census tests, npm run census)
#   chromium (chromium): the console's browser tests (services/console, puppeteer-core drives it)
#   kcat (kcat): the README's raw consumer and the bench's raw-read ceiling, signed in with a reader's
#                client certificate (tools/kafka-security tests run the README's line)
#   prometheus, promtool (prometheus): the alert rules' checks and rule tests (tools/observability) and the
#                e2e in which Prometheus scrapes the services (services/observability/prometheus.e2e.spec.ts)
set -euo pipefail
command="${1:?usage: ensure-debian-tool.sh <command> <package> <what it is for>}" package="${2:?}" purpose="${3:?}"
command -v "$command" >/dev/null 2>&1 && exit 0
if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
  echo "installing $package ($command) for $purpose..."
  apt-get update -qq >/dev/null 2>&1 || true
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$package" >/dev/null
  command -v "$command" >/dev/null 2>&1 && exit 0
fi
echo "$command is missing: install $package (apt-get install $package) or your system's equivalent, for $purpose" >&2
exit 1
