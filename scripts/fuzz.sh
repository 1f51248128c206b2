#!/usr/bin/env bash
# Runs every fuzz target for FUZZTIME each (default 10s, as CI does; for a
# real hunt: FUZZTIME=10m scripts/fuzz.sh, or make fuzz FUZZTIME=10m).
# A crasher is saved under the package's testdata/fuzz/ and, committed,
# becomes a regression test that go test runs every time.
set -euo pipefail
cd "$(dirname "$0")/.."
FUZZTIME=${FUZZTIME:-10s}
targets=(
  "./record FuzzDecodeJSON"
  "./record FuzzDecodeExF"
  "./npz FuzzParse"
  "./npz FuzzHeader"
  "./bridge FuzzParseScan"
  "./config FuzzParse"
)
for t in "${targets[@]}"; do
  set -- $t
  echo "fuzz: $1 $2 for $FUZZTIME"
  go test "$1" -run '^$' -fuzz "^$2\$" -fuzztime "$FUZZTIME" -fuzzminimizetime 5s > "${TMPDIR:-/tmp}/tidewatch-fuzz.log" 2>&1 || {
    cat "${TMPDIR:-/tmp}/tidewatch-fuzz.log"
    exit 1
  }
done
