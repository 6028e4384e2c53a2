#!/usr/bin/env bash
# Stops the Kafka broker this project started. PostgreSQL belongs to the machine and keeps running.
set -euo pipefail
cd "$(dirname "$0")/.."
bash infra/kafka/kafka.sh stop
