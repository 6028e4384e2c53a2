#!/usr/bin/env bash
# `npm run build`: the console's templates and scripts beside its compiled code, where it looks for them
# (dist/services/console/{views,public}, as services/console/{views,public} beside src/), so a build runs on its own.
set -euo pipefail
cd "$(dirname "$0")/../.."
mkdir -p dist/services/console
rm -rf dist/services/console/views dist/services/console/public
cp -r services/console/views services/console/public dist/services/console/
