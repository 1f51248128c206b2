#!/usr/bin/env bash
# Runs tidewatch for real on this machine: a Hazelcast member on
# 127.0.0.1:5701 (cluster "dev", as config.toml says), the demo producer
# writing exf_latest, .npz snapshots and Arrow scan files with a fault now
# and then, and `tidewatch run`, which supervises the scan bridge. Ctrl-C
# stops everything it started.
set -euo pipefail
cd "$(dirname "$0")/.."

say() { echo "demo: $*"; }

say "1/5 the Python environment for the producer (.venv; the first time takes a minute)"
scripts/python-env.sh
say "2/5 the Hazelcast member's jar (fetched through Maven once, then cached in .cache/)"
scripts/hazelcast.sh fetch
mkdir -p bin .demo data/exf data/scans
say "3/5 building bin/tidewatch (make build)"
make -s build

if (exec 3<>/dev/tcp/127.0.0.1/5701) 2>/dev/null; then
  echo "demo: something already listens on 127.0.0.1:5701; stop it first" >&2
  exit 1
fi

pids=()
cleanup() {
  trap - EXIT INT TERM
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap cleanup EXIT INT TERM

say "4/5 starting a Hazelcast member on 127.0.0.1:5701, cluster \"dev\" (log: .demo/member.log);"
say "    a member takes 10 to 20 s to start"
: > .demo/member.log
scripts/hazelcast.sh run 5701 dev .demo > .demo/member.log 2>&1 &
pids+=($!)
# The member listens some seconds before it takes clients: it is up once
# its log says STARTED.
started=$SECONDS
until grep -q "is STARTED" .demo/member.log; do
  kill -0 "${pids[0]}" 2>/dev/null || { echo "demo: the member exited; see .demo/member.log" >&2; exit 1; }
  if [ $((SECONDS - started)) -ge 120 ]; then
    echo "demo: the member has not started in 120 s; see .demo/member.log" >&2
    exit 1
  fi
  sleep 0.2
done
say "    the member is up after $((SECONDS - started)) s"

say "5/5 starting the demo producer: exf_latest into Hazelcast, .npz snapshots in data/exf,"
say "    Arrow scan files in data/scans, and a fault now and then (it says which)"
touch .demo/producer-started
.venv/bin/python demo/producer.py --address 127.0.0.1:5701 --cluster dev --snapshots data/exf --scans data/scans &
pids+=($!)
# The first checks should judge data: wait for the producer's first
# snapshot and scan file (earlier runs' files do not count).
started=$SECONDS
fresh() { [ -n "$(find "$1" -name "$2" -newer .demo/producer-started -print -quit 2>/dev/null)" ]; }
until fresh data/exf '*.npz' && fresh data/scans '*.arrow'; do
  kill -0 "${pids[1]}" 2>/dev/null || { echo "demo: the producer exited; see its lines above" >&2; exit 1; }
  if [ $((SECONDS - started)) -ge 30 ]; then
    echo "demo: the producer has written nothing in 30 s" >&2
    exit 1
  fi
  sleep 0.2
done

cat <<MSG
demo: the producer is writing; tidewatch starts now, and logs each check
      that finds something. In another terminal, try:
        bin/tidewatch status
        bin/tidewatch report --since 1h
        sqlite3 tidewatch.db 'SELECT * FROM runs ORDER BY id DESC LIMIT 5'
      Ctrl-C stops everything.
MSG
bin/tidewatch run --config config.toml
