#!/usr/bin/env bash
# Infrastructure for a local run or a test run: PostgreSQL (the machine's), a Kafka broker started
# from Maven Central's jars (secured by default; KAFKA_SECURITY=plaintext: the plaintext one), each service's database
# migrated, and the declared topics created.
set -euo pipefail
cd "$(dirname "$0")/.."
source infra/kafka/principal-env.sh
bash infra/postgres/ensure-running.sh
bash infra/kafka/kafka.sh start
node -r @swc-node/register tools/migrate-all.ts
# Only admin may create topics on the secured broker.
as_kafka_principal admin node -r @swc-node/register tools/create-topics.ts
