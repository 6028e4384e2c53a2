#!/usr/bin/env bash
# Infrastructure for a local run or a test run: PostgreSQL (the machine's), a Kafka broker started
# from Maven Central's jars, each service's database migrated, and the declared topics created.
set -euo pipefail
cd "$(dirname "$0")/.."
bash infra/postgres/ensure-running.sh
bash infra/kafka/kafka.sh start
node -r @swc-node/register tools/migrate-all.ts
node -r @swc-node/register tools/create-topics.ts
