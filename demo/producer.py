#!/usr/bin/env python3
"""Demo producer: writes exf_latest the way the Python ExF fetcher does
(map.put("exf_latest", json.dumps(d)), NaN tokens and all), persists .npz
snapshots the way its persistence does, and writes Arrow scan files the way
the eigen scanner does (for tidewatch's bridge to carry into Hazelcast), so
that tidewatch has something real to watch. Now and then it injects a
fault, and says so, so that the health visibly changes.

    .venv/bin/python demo/producer.py --address 127.0.0.1:5701 --cluster dev \
        --snapshots data/exf --scans data/scans
"""
import argparse
import datetime
import json
import math
import os
import random
import signal
import sys
import time

import hazelcast
import numpy as np
import pyarrow as pa
import pyarrow.ipc as ipc

EXPECTED = [
    "funding_btc", "funding_eth", "oi_btc", "oi_eth", "ls_btc", "ls_eth", "ls_top",
    "taker", "basis", "imbal_btc", "imbal_eth", "spread",
    "dvol_btc", "dvol_eth", "fund_dbt_btc", "fund_dbt_eth",
    "vix", "dxy", "us10y", "sp500", "fedfunds",
    "fng", "hashrate", "tvl",
    "liq_vol_24h", "liq_long_ratio", "liq_z_score", "liq_percentile",
]

START = {
    "funding_btc": 0.0001, "funding_eth": -0.0002, "oi_btc": 92000.0, "oi_eth": 1.1e6,
    "ls_btc": 1.4, "ls_eth": 1.9, "ls_top": 1.2, "taker": 1.05, "basis": 0.01,
    "imbal_btc": 0.1, "imbal_eth": -0.05, "spread": 0.5, "dvol_btc": 52.0, "dvol_eth": 68.0,
    "fund_dbt_btc": 0.0002, "fund_dbt_eth": 0.0001, "vix": 17.5, "dxy": 104.2, "us10y": 4.31,
    "sp500": 5900.0, "fedfunds": 4.33, "fng": 55.0, "hashrate": 7.1e20, "tvl": 9.2e10,
    "liq_vol_24h": 2.5e8, "liq_long_ratio": 0.55, "liq_z_score": 0.3, "liq_percentile": 61.0,
}

# Faults, each for a while; between them the data is healthy.
FAULTS = [
    ("vix is NaN: an ACB-critical indicator fails (critical)", "nan_vix"),
    ("five indicators go stale at the source (degraded)", "stale"),
    ("twelve indicators vanish from the record (degraded)", "drop"),
    ("the producer stalls: exf_latest stops being written (record_stale)", "stall"),
    ("a pickled object lands in the snapshot (warning, never unpickled)", "pickle"),
    ("the fear-and-greed index reads 140, outside [0, 100] (warning)", "range"),
    ("the scanner stalls: no new scan files (upstream stale; the bridge is left alone)", "scan_stall"),
]

ASSETS = [f"A{i:03d}USDT" for i in range(120)]


def log(msg):
    print(f"demo producer: {msg}", flush=True)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--address", default="127.0.0.1:5701")
    ap.add_argument("--cluster", default="dev")
    ap.add_argument("--map", default="DOLPHIN_FEATURES")
    ap.add_argument("--snapshots", default="data/exf")
    ap.add_argument("--scans", default="data/scans")
    ap.add_argument("--scan-every", type=float, default=2.0, help="seconds between scan files")
    ap.add_argument("--interval", type=float, default=5.0, help="seconds between records")
    ap.add_argument("--snapshot-every", type=float, default=30.0, help="seconds between snapshots")
    ap.add_argument("--healthy-for", type=float, default=120.0, help="seconds of health between faults")
    ap.add_argument("--fault-for", type=float, default=90.0, help="seconds each fault lasts")
    ap.add_argument("--keep", type=float, default=900.0, help="seconds of snapshots to keep")
    args = ap.parse_args()

    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    client = hazelcast.HazelcastClient(
        cluster_name=args.cluster,
        cluster_members=[args.address],
        cluster_connect_timeout=60,
    )
    features = client.get_map(args.map).blocking()
    log(f"writing exf_latest every {args.interval:g}s to {args.address}, snapshots under {args.snapshots}, "
        f"scan files every {args.scan_every:g}s under {args.scans}")

    os.makedirs(args.scans, exist_ok=True)
    scan_number = 0
    last_scan = 0.0
    values = dict(START)
    last_fetch = {k: time.time() for k in EXPECTED}
    fault_index = 0
    phase_end = time.time() + args.healthy_for
    fault = None
    last_snapshot = 0.0
    try:
        while True:
            now = time.time()
            if now >= phase_end:
                if fault is None:
                    text, fault = FAULTS[fault_index % len(FAULTS)]
                    fault_index += 1
                    log(f"fault for {args.fault_for:g}s: {text}")
                    phase_end = now + args.fault_for
                else:
                    log("fault over; data healthy again")
                    fault = None
                    phase_end = now + args.healthy_for

            for k in EXPECTED:
                if random.random() < 0.8:
                    values[k] = walk(k, values[k])
                    last_fetch[k] = now
            record = {k: values[k] for k in EXPECTED}
            staleness = {k: round(now - last_fetch[k] + random.uniform(0.5, 3.0), 2) for k in EXPECTED}
            if fault == "nan_vix":
                record["vix"] = float("nan")
            elif fault == "stale":
                for k in ["basis", "spread", "taker", "imbal_btc", "imbal_eth"]:
                    staleness[k] = 300.0 + random.uniform(0, 30)
            elif fault == "drop":
                for k in EXPECTED[4:16]:
                    record.pop(k, None)
            elif fault == "range":
                record["fng"] = 140.0
            record["_staleness_s"] = staleness
            record["_acb_ready"] = True
            pushed_at = datetime.datetime.now(datetime.timezone.utc)
            record["_pushed_at"] = pushed_at.isoformat()

            if fault != "stall":
                # json.dumps writes NaN as a bare NaN token, as the fetcher does.
                features.put("exf_latest", json.dumps(record))
            if now - last_snapshot >= args.snapshot_every and fault != "stall":
                snapshot(args.snapshots, record, pushed_at, fault == "pickle")
                prune(args.snapshots, now - args.keep, ".npz")
                last_snapshot = now
            while fault != "scan_stall" and time.time() - last_scan >= args.scan_every:
                scan_number += 1
                scan(args.scans, scan_number)
                prune(args.scans, now - args.keep, ".arrow")
                last_scan = time.time()
            time.sleep(min(args.interval, args.scan_every))
    except (KeyboardInterrupt, SystemExit):
        pass
    finally:
        client.shutdown()


def walk(name, v):
    if name in ("fedfunds", "hashrate", "tvl"):
        return v
    step = v * random.gauss(0, 0.002) if v else random.gauss(0, 1e-5)
    v = v + step
    if name == "fng":
        v = min(100.0, max(0.0, v))
    return round(v, 8)


def snapshot(root, record, pushed_at, pickled):
    day = os.path.join(root, pushed_at.strftime("%Y-%m-%d"))
    os.makedirs(day, exist_ok=True)
    arrays = {k: np.float64(v) for k, v in record.items() if not k.startswith("_")}
    arrays["_pushed_at"] = np.float64(pushed_at.timestamp())
    if pickled:
        arrays["_debug_state"] = np.array({"note": "an object array: pickled"}, dtype=object)
    final = os.path.join(day, pushed_at.strftime("exf_%H%M%S.npz"))
    # Written aside and renamed into place, so a reader never sees half a
    # file; a file object keeps numpy from appending ".npz" to the name.
    tmp = final + ".partial"
    with open(tmp, "wb") as f:
        np.savez(f, **arrays)
    os.replace(tmp, final)


def scan(root, number):
    """One eigen scan: a row per asset, written aside and renamed into place."""
    now = datetime.datetime.now(datetime.timezone.utc)
    n = len(ASSETS)
    table = pa.table({
        "asset": pa.array(ASSETS),
        "scan_number": pa.array([number] * n, pa.int64()),
        "timestamp": pa.array([now] * n, pa.timestamp("ms", tz="UTC")),
        "eigen_1": pa.array([random.gauss(0, 1) for _ in range(n)]),
        "eigen_2": pa.array([random.gauss(0, 1) for _ in range(n)]),
        "velocity": pa.array([random.gauss(0, 0.1) for _ in range(n)]),
        "regime": pa.array([random.choice(["trend", "range", "chop"]) for _ in range(n)]).dictionary_encode(),
    })
    final = os.path.join(root, f"scan_{number:07d}.arrow")
    tmp = os.path.join(root, f".scan_{number:07d}.arrow.partial")
    with ipc.new_file(tmp, table.schema) as w:
        w.write_table(table)
    os.replace(tmp, final)


def prune(root, before, suffix):
    for dirpath, _, files in os.walk(root):
        for f in files:
            p = os.path.join(dirpath, f)
            if f.endswith(suffix) and os.path.getmtime(p) < before:
                os.remove(p)


if __name__ == "__main__":
    main()
