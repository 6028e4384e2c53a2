#!/usr/bin/env bash
# service-node.sh <service> <node arguments...>: runs a service's Node process, with its heap budget when
# it has one. Every launcher uses it: `npm start` (scripts/start-all.sh), the Dockerfile, and the tests'
# and the bench's service processes (libs/testing's startServiceProcess), so what is measured is what runs.
#
# Why statutory-returns has a budget: V8 sizes its heap for the machine it finds. With no limit on a large
# machine it lets the heap grow to four times what is live before collecting it in full, so a census
# export holding about 100 MB live reached 569 MiB resident (over its 512 MB ceiling). Under a limit V8
# grows the heap by less (about 1.6 times what is live at 1 GiB): the same export peaked at 322 MiB, for
# more frequent full collections (its census file took 3.6-4.5 s instead of 3.1-3.6 s; its ceiling is
# 10 s). 1 GiB is eight times the most the export was seen to hold live (125 MB).
# Why the others have none: the same collections cost a rebuild from the log a third more time (analytics,
# 1M events: 51.5 s instead of 38.2 s), and their resident memory stays under its ceiling without.
#
# Why analytics has a larger young generation (V8's semi-spaces at 64 MiB instead of the 16 it picks here): a
# rebuild from the log allocates for every record it reads (kafkajs's buffers, the parsed event, the batch's SQL
# values), and much of it lives as long as its batch, a fetch of up to 1 MiB a partition. With 16 MiB that
# outlives a scavenge or two and is copied, or promoted and collected again in the old generation. Three
# runs of each, alternating (npm run bench -- replay --events=400000): 16 MiB 21,938-24,756 events/s (mean
# 23,497), analytics' CPU 41.1-46.3 ms a thousand events; 64 MiB 24,808-25,639 (mean 25,142), 38.9-39.8 ms;
# peak resident 359-383 MiB against 414-421. At 128 MiB one run peaked at 538 MiB, over the 512 MB ceiling.
#
# SERVICE_HEAP_MIB sets a budget for any service; from 2048 on V8 sizes the heap as if there were no limit
# again (docs/operations.md). The flag wins over a --max-old-space-size in NODE_OPTIONS.
set -euo pipefail
service="${1:?usage: service-node.sh <service> <node arguments...>}"
shift
young_mib=""
case "$service" in
  statutory-returns) budget_mib=1024 ;;
  analytics) budget_mib="" young_mib=64 ;;
  *) budget_mib="" ;;
esac
budget_mib="${SERVICE_HEAP_MIB:-$budget_mib}"
exec node ${budget_mib:+"--max-old-space-size=$budget_mib"} ${young_mib:+"--max-semi-space-size=$young_mib"} "$@"
