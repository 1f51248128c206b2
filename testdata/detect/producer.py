#!/usr/bin/env python3
"""The producer side of the detection benchmark: puts exf_latest as the ExF
fetcher does, map.put("exf_latest", json.dumps(d)) with the Python client,
on command, and says when each put began and ended (time.time_ns()).

Run: .venv/bin/python testdata/detect/producer.py ADDRESS CLUSTER
Commands on stdin, one a line:
  good SEQ | bad SEQ     put one record (bad: funding_btc, ACB-critical, is NaN);
                         prints "SEQ BEGIN_NS END_NS"
  stream RATE SECONDS N  put RATE records a second for SECONDS, every Nth bad;
                         prints "SEQ BEGIN_NS END_NS bad" for each bad one,
                         then "done COUNT"
It prints "ready" once connected.
"""
import json
import math
import sys
import time

import hazelcast

EXPECTED = [
    "funding_btc", "funding_eth", "oi_btc", "oi_eth", "ls_btc", "ls_eth", "ls_top",
    "taker", "basis", "imbal_btc", "imbal_eth", "spread",
    "dvol_btc", "dvol_eth", "fund_dbt_btc", "fund_dbt_eth",
    "vix", "dxy", "us10y", "sp500", "fedfunds",
    "fng", "hashrate", "tvl",
    "liq_vol_24h", "liq_long_ratio", "liq_z_score", "liq_percentile",
]


def record(seq, bad):
    d = {name: 0.5 + i * 1.25 for i, name in enumerate(EXPECTED)}
    d["fng"] = 50.0
    if bad:
        d["funding_btc"] = math.nan
    d["_staleness_s"] = {name: 3.0 for name in EXPECTED}
    d["_acb_ready"] = not bad
    d["_pushed_at"] = time.time()
    d["_seq"] = seq
    return json.dumps(d)


def main():
    address, cluster = sys.argv[1:3]
    client = hazelcast.HazelcastClient(cluster_name=cluster, cluster_members=[address], cluster_connect_timeout=30)
    m = client.get_map("DOLPHIN_FEATURES").blocking()
    print("ready", flush=True)
    seq = 0
    try:
        for line in sys.stdin:
            cmd = line.split()
            if not cmd:
                continue
            if cmd[0] in ("good", "bad"):
                value = record(int(cmd[1]), cmd[0] == "bad")
                begin = time.time_ns()
                m.put("exf_latest", value)
                print(cmd[1], begin, time.time_ns(), flush=True)
            elif cmd[0] == "stream":
                rate, seconds, every = float(cmd[1]), float(cmd[2]), int(cmd[3])
                start, count = time.monotonic(), 0
                while time.monotonic() - start < seconds:
                    seq += 1
                    bad = seq % every == 0
                    value = record(seq, bad)
                    begin = time.time_ns()
                    m.put("exf_latest", value)
                    if bad:
                        print(seq, begin, time.time_ns(), "bad", flush=True)
                    count += 1
                    wait = start + count / rate - time.monotonic()
                    if wait > 0:
                        time.sleep(wait)
                print("done", count, flush=True)
    finally:
        client.shutdown()


if __name__ == "__main__":
    main()
