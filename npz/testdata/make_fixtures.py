#!/usr/bin/env python3
"""Writes the .npz fixtures the npz and divergence tests read, with numpy
itself, the way the ExF persistence writes its snapshots.

Run: .venv/bin/python npz/testdata/make_fixtures.py [OUTDIR]
(scripts/python-env.sh creates .venv.) The tests also run it into a
temporary directory, so the reader is checked against the numpy installed
today, not only against these committed files.
"""
import os
import sys

import numpy as np

OUT = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))

EXPECTED = [
    "funding_btc", "funding_eth", "oi_btc", "oi_eth", "ls_btc", "ls_eth", "ls_top",
    "taker", "basis", "imbal_btc", "imbal_eth", "spread",
    "dvol_btc", "dvol_eth", "fund_dbt_btc", "fund_dbt_eth",
    "vix", "dxy", "us10y", "sp500", "fedfunds",
    "fng", "hashrate", "tvl",
    "liq_vol_24h", "liq_long_ratio", "liq_z_score", "liq_percentile",
]

# 2026-11-23T09:00:00Z, the record time the divergence tests use.
PUSHED_AT = 1795424400.0


def value(i):
    return round(0.5 + i * 1.25, 6)


def path(name):
    return os.path.join(OUT, name)


# The common case: every indicator a 0-d float64, plus metadata.
arrays = {k: np.float64(value(i)) for i, k in enumerate(EXPECTED)}
arrays["_pushed_at"] = np.float64(PUSHED_AT)
arrays["_source"] = np.str_("exf_persistence")
np.savez(path("snapshot.npz"), **arrays)

# The same, compressed.
np.savez_compressed(path("compressed.npz"), **arrays)

# 1-element arrays and other numeric dtypes numpy users end up with.
np.savez(
    path("one_element.npz"),
    vix=np.array([20.5]),
    fng=np.array([55], dtype=np.int64),
    dxy=np.array([104.25], dtype=np.float32),
    taker=np.array([1.5], dtype=">f8"),
    basis=np.array([0.5], dtype=np.float16),
    spread=np.array([3], dtype=np.uint8),
    _acb_ready=np.array(True),
)

# A pickled object entry (what np.load(allow_pickle=True) would unpickle)
# next to ordinary ones: the reader must refuse it by name and read the rest.
np.savez(
    path("pickled.npz"),
    vix=np.float64(20.5),
    fng=np.float64(55.0),
    evil=np.array({"payload": "never unpickled"}, dtype=object),
)

# Entries that are not scalars, and a string without a timestamp.
np.savez(
    path("shapes.npz"),
    vix=np.array([1.0, 2.0]),
    fng=np.zeros((2, 2)),
    dxy=np.array([], dtype=np.float64),
    nan_value=np.float64("nan"),
    _note=np.bytes_(b"raw bytes"),
)

# A snapshot without _pushed_at: the file's mtime stands in.
np.savez(path("no_time.npz"), **{k: np.float64(value(i)) for i, k in enumerate(EXPECTED)})

with open(path("snapshot.npz"), "rb") as f:
    whole = f.read()
with open(path("truncated.npz"), "wb") as f:
    f.write(whole[: len(whole) // 2])
with open(path("not_a_zip.npz"), "wb") as f:
    f.write(b"this is not a zip file\n")
