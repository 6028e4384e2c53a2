#!/usr/bin/env bash
# The tests of `npm test` (after its type check and lint): every unit, integration and e2e file, two
# at a time except those in jest.run-alone.js, which then run one at a time; then the services' logs
# from both runs are scanned for the test children's personal data. Both runs always run, so one
# failing hides nothing of the other; .run/jest-results.json sums them for CI.
set -uo pipefail
cd "$(dirname "$0")/.."
mkdir -p .run
# Results of an earlier run must never stand in for a run that died before writing its own.
rm -f .run/jest-results.json .run/jest-results-together.json .run/jest-results-alone.json
alone_list=$(node -e 'for (const path of require("./jest.run-alone.js")) console.log(path)') || exit 1
mapfile -t alone <<<"$alone_list"

# Two at a time: the machine's two cores (more workers only queue for them; measured in stop 36's note).
JEST_GROUP=together npx jest --maxWorkers=2 --json --outputFile=.run/jest-results-together.json
together=$?
# Never an empty list: jest would take no paths as every path and run the whole suite again.
if [[ -n ${alone[0]:-} ]]; then
  KEEP_TEST_LOGS=true npx jest --runInBand --json --outputFile=.run/jest-results-alone.json --runTestsByPath "${alone[@]}"
  alone_status=$?
else
  echo '{"numPassedTests":0,"numFailedTests":0,"numTotalTests":0,"numFailedTestSuites":0,"numTotalTestSuites":0,"success":true,"testResults":[]}' >.run/jest-results-alone.json
  alone_status=0
fi

node -e '
  const runs = [".run/jest-results-together.json", ".run/jest-results-alone.json"].map((path) => {
    try { return require("./" + path); } catch { return null; }
  });
  const missing = runs.filter((run) => run === null).length;
  const sum = (field) => runs.reduce((total, run) => total + (run?.[field] ?? 0), 0);
  const merged = {
    numPassedTests: sum("numPassedTests"), numFailedTests: sum("numFailedTests"), numTotalTests: sum("numTotalTests"),
    numFailedTestSuites: sum("numFailedTestSuites") + missing, numTotalTestSuites: sum("numTotalTestSuites") + missing,
    success: missing === 0 && runs.every((run) => run.success),
    testResults: runs.flatMap((run) => run?.testResults ?? []),
  };
  require("fs").writeFileSync(".run/jest-results.json", JSON.stringify(merged));
  console.log(`jest: ${merged.numPassedTests} passed, ${merged.numFailedTests} failed, in ${merged.numTotalTestSuites} files (${runs[1]?.numTotalTestSuites ?? 0} of them alone)`);
'
(( together == 0 && alone_status == 0 )) || exit 1
npm run -s privacy:logs
