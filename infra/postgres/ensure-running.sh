#!/usr/bin/env bash
# The project's machines run PostgreSQL at 127.0.0.1:5432 (trust auth). Start the local cluster if it is down.
set -euo pipefail
if pg_isready -h 127.0.0.1 -p 5432 -q; then exit 0; fi
version="$(ls /etc/postgresql | sort -V | tail -n 1)"
echo "postgres: starting the local cluster ($version/main)"
pg_ctlcluster --skip-systemctl-redirect "$version" main start
for _ in $(seq 1 30); do pg_isready -h 127.0.0.1 -p 5432 -q && exit 0; sleep 1; done
echo "postgres: not answering at 127.0.0.1:5432" >&2
exit 1
