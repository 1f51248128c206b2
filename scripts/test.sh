#!/usr/bin/env bash
# The whole test suite, as CI runs it: set-up, formatting, vet, staticcheck, every test
# with the race detector against a real Hazelcast member (the fault suite
# included), and every fuzz target briefly. This is the full lane: nothing
# may be skipped (TIDEWATCH_TEST_ALL turns a skip of the pure lane,
# `go test -short`, into a failure, should -short slip in through GOFLAGS).
set -euo pipefail
cd "$(dirname "$0")/.."
export TIDEWATCH_TEST_ALL=1

scripts/test-setup.sh

unformatted=$(gofmt -l $(git ls-files '*.go' 2>/dev/null || find . -name '*.go' -not -path './.cache/*'))
if [ -n "$unformatted" ]; then
  echo "gofmt would change:" >&2
  echo "$unformatted" >&2
  exit 1
fi
go vet ./...
# staticcheck, pinned in go.mod (tool directive).
go tool staticcheck ./...
go test -race -count=1 -timeout 15m ./...
scripts/fuzz.sh
