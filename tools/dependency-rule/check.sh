#!/usr/bin/env bash
# The boundary rules must pass on the real code and must fail on the fixture that breaks them;
# a rule that cannot fail checks nothing.
set -uo pipefail
cd "$(dirname "$0")/../.."
fixture=tools/dependency-rule/fixtures

npx depcruise --config .dependency-cruiser.cjs services libs tools examples --exclude "^$fixture" || { echo "dependency rules: the code breaks them"; exit 1; }

out=$(npx depcruise --config .dependency-cruiser.cjs "$fixture" 2>&1)
for rule in domain-is-framework-free domain-imports-only-domain; do
  grep -q "$rule" <<<"$out" || { echo "dependency rules: $rule did not fail on $fixture"; echo "$out"; exit 1; }
done

out=$(npx eslint --no-ignore "$fixture/offending.decider.ts" 2>&1)
grep -q "no-restricted-imports" <<<"$out" || { echo "eslint: the domain import rule did not fail on $fixture"; echo "$out"; exit 1; }

echo "dependency rules: pass on the code, fail on the fixture as they should"
