#!/usr/bin/env bash
# The benchmark suite, against a real Hazelcast member on loopback: each
# job, a run's SQLite write, the bridge (file to Hazelcast, bursts of
# 1,000 and 100,000 files landed in turn or renamed in at once, crash to
# replacement, finding the newest of 6,000 files), the newest of a year of
# per-minute snapshots (525,600 files, made once in .cache/snapshots-year),
# reports, status and pruning on 90 days of history, a soak of the
# real daemon (every job each second, 10 scans a second) for its memory,
# goroutines, open files and run times, and the detection of bad records
# by change events (flips of a record with an ACB-critical NaN, each about
# 5.5 s: 200, or 100 with SHORT, so that every p99 rests on 100 samples or
# more; a minute of 200 records a second; CPU per change beside seed 000),
# and, with several instances, what the leader's lease costs the member and
# how long a failover takes (5, or 20 in full: a failover takes 10-15 s with
# the restart, so the slowest is held to the p99's target). It prints a
# table with the core count and Go version, checks the targets (a missed
# one, or one not measured, makes it exit 1), and compares with the last
# run of the same kind.
#
#   scripts/bench.sh            # about an hour: a 10-minute soak, 200 flips
#   SHORT=1 scripts/bench.sh    # about 25 minutes: a 2-minute soak, 100 flips,
#                               # 30 days of history, fewer rounds
#
# The raw `go test -bench` output is kept in bench-results/, one file a
# run, in the format benchstat reads:
#   go run golang.org/x/perf/cmd/benchstat@latest OLD NEW
# Generated histories are cached in .cache/history (90 days take about
# three minutes to make, the first time).
set -euo pipefail
cd "$(dirname "$0")/.."

if [ -n "${SHORT:-}" ]; then
  kind=short jobs=500 files=200 bursts=3 crashes=20 reports=3 days=30 soak=2m flips=100 failovers=5
else
  kind=full jobs=2000 files=500 bursts=10 crashes=100 reports=5 days=90 soak=10m flips=200 failovers=20
fi

scripts/test-setup.sh >&2

mkdir -p bench-results
previous=$(ls bench-results/*-"$kind".txt 2>/dev/null | tail -n 1 || true)
out="bench-results/$(date -u +%Y%m%dT%H%M%SZ)-$kind.txt"
{
  echo "tidewatch-commit: $(git rev-parse --short HEAD 2>/dev/null || echo unknown)$(git diff --quiet 2>/dev/null || echo +changes)"
  echo "cores: $(nproc)"
  echo "go: $(go env GOVERSION)"
  echo "suite: $kind"
} > "$out"

bench() { # package, benchmark pattern, benchtime, then environment
  local pkg=$1 pattern=$2 benchtime=$3
  shift 3
  echo "bench: $pkg $pattern" >&2
  env "$@" go test "$pkg" -run '^$' -bench "$pattern" -benchtime "$benchtime" -timeout 60m | tee -a "$out" >&2
}
bench ./jobs . "${jobs}x"
bench ./db . "${jobs}x"
bench ./record . 1s
bench ./bridge 'FileToHazelcast' "${files}x"
bench ./bridge 'Burst' "${bursts}x"
bench ./supervise 'CrashToReplacement' "${crashes}x"
bench ./scanfiles 'ScanFiles' 1s
bench ./snapshots '^BenchmarkNewestOfAYear$' 1000x
bench ./snapshots '^BenchmarkWalkOfAYear$' 1x
bench ./hz 'PutToCallback' 1000x
bench ./report . "${reports}x" TIDEWATCH_HISTORY_DAYS="$days"
bench ./status . "${reports}x" TIDEWATCH_HISTORY_DAYS="$days"
bench . 'Soak' 1x TIDEWATCH_SOAK="$soak"
bench . 'Detection' 1x TIDEWATCH_FLIPS="$flips"
bench ./leader 'Renewal' 2000x
bench . 'Failover' "${failovers}x"

echo
echo "tidewatch benchmarks ($kind), $(nproc) cores, $(go env GOVERSION), $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "raw results: $out"
status=0
awk -f scripts/bench.awk "$out" || status=$?
if [ -n "$previous" ]; then
  echo
  echo "compared with $previous:"
  awk -f scripts/bench.awk "$previous" "$out"
fi
# A missed target fails the run, after the comparison is printed.
exit "$status"
