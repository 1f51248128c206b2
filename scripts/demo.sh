#!/usr/bin/env bash
# Runs tidewatch for real on this machine: a Hazelcast member on
# 127.0.0.1:5701 (cluster "dev", as config.toml says), the demo producer
# writing exf_latest, .npz snapshots and Arrow scan files with a fault now
# and then, and `tidewatch run`, which supervises the scan bridge. Ctrl-C
# stops everything it started.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/python-env.sh
scripts/hazelcast.sh fetch
mkdir -p bin .demo data/exf data/scans
go build -o bin/tidewatch .

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

echo "demo: starting a Hazelcast member on 127.0.0.1:5701 (log: .demo/member.log)"
scripts/hazelcast.sh run 5701 dev .demo > .demo/member.log 2>&1 &
pids+=($!)
for _ in $(seq 1 600); do
  (exec 3<>/dev/tcp/127.0.0.1/5701) 2>/dev/null && break
  kill -0 "${pids[0]}" 2>/dev/null || { echo "demo: the member exited; see .demo/member.log" >&2; exit 1; }
  sleep 0.1
done

.venv/bin/python demo/producer.py --address 127.0.0.1:5701 --cluster dev --snapshots data/exf --scans data/scans &
pids+=($!)
sleep 3 # let the producer write its first record, so the first checks judge data

cat <<MSG
demo: tidewatch is starting. In another terminal, try:
        bin/tidewatch status
        bin/tidewatch report --since 1h
        sqlite3 tidewatch.db 'SELECT * FROM runs ORDER BY id DESC LIMIT 5'
      Ctrl-C stops everything.
MSG
bin/tidewatch run --config config.toml
