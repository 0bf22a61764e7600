#!/usr/bin/env bash
# The whole test run (README's second command, and CI): browser deps, type-check, the add-in
# build the UI test loads, then every jest project. Ends with the plain "N passed, N failed" line.
set -uo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-browser.sh || { echo "0 passed, 1 failed"; exit 1; }
npx tsc --noEmit -p tsconfig.json || { echo "0 passed, 1 failed"; exit 1; }
npx webpack --mode production >test-output.build.log 2>&1 || { tail -40 test-output.build.log; echo "0 passed, 1 failed"; exit 1; }
mkdir -p test-output
npx jest --json --outputFile=test-output/jest.json "$@"
status=$?
node -e '
const r = require("./test-output/jest.json");
const failedSuites = r.numFailedTestSuites || 0;
const failed = r.numFailedTests + (r.numRuntimeErrorTestSuites || 0);
console.log(`${r.numPassedTests} passed, ${failed} failed` + (r.numPendingTests ? `, ${r.numPendingTests} skipped` : ""));
' || { echo "0 passed, 1 failed"; exit 1; }
exit $status
