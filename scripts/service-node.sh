#!/usr/bin/env bash
# service-node.sh <node arguments...>: runs a service's Node process with its heap budget. Every launcher
# uses it: `npm start` (scripts/start-all.sh), the Dockerfile, and the tests' and the bench's service
# processes (libs/testing's startServiceProcess), so what is measured is what runs.
#
# Why a budget: V8 sizes its heap for the machine it finds. With no limit on a large machine it lets the
# heap grow to four times what is live before collecting it in full, so a census export holding about
# 100 MB live reached 569 MiB resident (over its 512 MB ceiling). Under a limit V8 grows the heap by less
# (about 1.6 times what is live at 1 GiB): the same export peaked at 322 MiB, for more frequent full
# collections (its census file took 3.6-4.5 s instead of 3.1-3.6 s; its ceiling is 10 s). 1 GiB is eight
# times the most the export was seen to hold live; SERVICE_HEAP_MIB raises it (docs/operations.md).
set -euo pipefail
exec node --max-old-space-size="${SERVICE_HEAP_MIB:-1024}" "$@"
