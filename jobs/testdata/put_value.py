#!/usr/bin/env python3
"""Puts exf_latest as the ExF fetcher does, map.put(key, json.dumps(d)),
with the Python client, padded to a size of choice: the tests use it to put
a record far over tidewatch's 16 MiB limit.

Run: .venv/bin/python jobs/testdata/put_value.py ADDRESS CLUSTER MAP KEY PAD_MIB
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
    address, cluster, map_name, key, pad_mib = sys.argv[1:6]
    record = {name: 0.5 + i * 1.25 for i, name in enumerate(EXPECTED)}
    record["_staleness_s"] = {name: 3.0 for name in EXPECTED}
    record["_acb_ready"] = True
    record["_pushed_at"] = time.time()
    record["_pad"] = "x" * (int(pad_mib) << 20)
    client = hazelcast.HazelcastClient(cluster_name=cluster, cluster_members=[address], cluster_connect_timeout=30)
    try:
        client.get_map(map_name).blocking().put(key, json.dumps(record))
    finally:
        client.shutdown()


if __name__ == "__main__":
    main()
