#!/usr/bin/env bash
# Runs every fuzz target briefly: by default a count of inputs each, about
# 10 s here, as CI does. A count, not a duration: with -fuzztime as a
# duration, Go 1.26's fuzz coordinator can fail a target with a bare
# "context deadline exceeded" as the time runs out, no crasher found
# (golang/go#75804, fixed in Go 1.27; seen here once on FuzzDecodeJSON).
# For a real hunt: FUZZTIME=10m scripts/fuzz.sh, or make fuzz FUZZTIME=10m
# (that race can then end a long hunt the same way).
# A crasher is saved under the package's testdata/fuzz/ and, committed,
# becomes a regression test that go test runs every time.
set -euo pipefail
cd "$(dirname "$0")/.."
# package, target, inputs (about 10 s of each on 2 cores)
targets=(
  "./record FuzzDecodeJSON 500000x"
  "./record FuzzDecodeExF 250000x"
  "./npz FuzzParse 100x"
  "./npz FuzzHeader 400000x"
  "./bridge FuzzParseScan 300x"
  "./config FuzzParse 200000x"
)
for t in "${targets[@]}"; do
  set -- $t
  budget=${FUZZTIME:-$3}
  echo "fuzz: $1 $2 for $budget"
  go test "$1" -run '^$' -fuzz "^$2\$" -fuzztime "$budget" -fuzzminimizetime 5s > "${TMPDIR:-/tmp}/tidewatch-fuzz.log" 2>&1 || {
    cat "${TMPDIR:-/tmp}/tidewatch-fuzz.log"
    exit 1
  }
done
