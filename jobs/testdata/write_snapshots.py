#!/usr/bin/env python3
"""Writes ExF persistence snapshots with numpy, in place, as the persistence
does (np.savez straight to the final name: a reader can catch a file half
written). The tests use it to prove that a snapshot caught mid-write is
passed over, never an error.

Run: .venv/bin/python jobs/testdata/write_snapshots.py loop DIR SECONDS
       a new snapshot every 20 ms for SECONDS (or until SIGTERM, which
       lets the file being written finish), keeping the newest five;
       prints "ready" once the first one is complete
     .venv/bin/python jobs/testdata/write_snapshots.py truncated PATH
       one snapshot cut in half, as a writer killed mid-write leaves it
"""
import os
import signal
import sys
import time

import numpy as np

EXPECTED = [
    "funding_btc", "funding_eth", "oi_btc", "oi_eth", "ls_btc", "ls_eth", "ls_top",
    "taker", "basis", "imbal_btc", "imbal_eth", "spread",
    "dvol_btc", "dvol_eth", "fund_dbt_btc", "fund_dbt_eth",
    "vix", "dxy", "us10y", "sp500", "fedfunds",
    "fng", "hashrate", "tvl",
    "liq_vol_24h", "liq_long_ratio", "liq_z_score", "liq_percentile",
]


def arrays():
    a = {k: np.float64(0.5 + i * 1.25) for i, k in enumerate(EXPECTED)}
    a["_pushed_at"] = np.float64(time.time())
    # A day of history beside the values, as snapshots often carry: it
    # makes a write take long enough to be caught in the middle.
    a["_history"] = np.zeros(1 << 17)
    return a


def loop(directory, seconds):
    os.makedirs(directory, exist_ok=True)
    stop = []
    signal.signal(signal.SIGTERM, lambda *_: stop.append(True))
    written = []
    end = time.monotonic() + seconds
    n = 0
    while time.monotonic() < end and not stop:
        path = os.path.join(directory, f"exf_{n:06d}.npz")
        np.savez(path, **arrays())
        written.append(path)
        if n == 0:
            print("ready", flush=True)
        while len(written) > 5:
            os.remove(written.pop(0))
        n += 1
        time.sleep(0.02)


def truncated(path):
    np.savez(path, **arrays())
    with open(path, "r+b") as f:
        f.truncate(os.path.getsize(path) // 2)


if __name__ == "__main__":
    if sys.argv[1] == "loop":
        loop(sys.argv[2], float(sys.argv[3]))
    elif sys.argv[1] == "truncated":
        truncated(sys.argv[2])
    else:
        sys.exit(f"unknown mode {sys.argv[1]!r}")
