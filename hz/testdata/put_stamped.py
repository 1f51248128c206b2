#!/usr/bin/env python3
"""Puts exf_latest N times as the ExF fetcher does, map.put(key,
json.dumps(d)), each record stamped with the wall clock (time.time_ns())
just before its put, INTERVAL_MS apart: the benchmark measures from that
stamp to tidewatch's entry listener getting the record.

Run: .venv/bin/python hz/testdata/put_stamped.py ADDRESS CLUSTER MAP KEY N INTERVAL_MS
It prints "ready" once connected, and waits for a line on stdin to start.
"""
import json
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


def main():
    address, cluster, map_name, key, n, interval_ms = sys.argv[1:7]
    client = hazelcast.HazelcastClient(cluster_name=cluster, cluster_members=[address], cluster_connect_timeout=30)
    try:
        m = client.get_map(map_name).blocking()
        print("ready", flush=True)
        sys.stdin.readline()
        record = {name: 0.5 + i * 1.25 for i, name in enumerate(EXPECTED)}
        record["_staleness_s"] = {name: 3.0 for name in EXPECTED}
        record["_acb_ready"] = True
        for i in range(int(n)):
            record["_pushed_at"] = time.time()
            record["_seq"] = i
            record["_sent_ns"] = time.time_ns()
            m.put(key, json.dumps(record))
            time.sleep(int(interval_ms) / 1000)
    finally:
        client.shutdown()


if __name__ == "__main__":
    main()
