#!/usr/bin/env python3
"""Writes Arrow IPC scan files with pyarrow, as the upstream scanner does,
so that the bridge is proven against files from the Python world.

Run: .venv/bin/python bridge/testdata/make_fixtures.py [OUTDIR]
(scripts/python-env.sh creates .venv.) The tests also run it into a
temporary directory, against the pyarrow installed today.
"""
import datetime
import os
import sys

import pyarrow as pa
import pyarrow.ipc as ipc

OUT = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))
TS = datetime.datetime(2026, 11, 23, 9, 0, 0, 250000, tzinfo=datetime.timezone.utc)
ASSETS = 500


def path(name):
    return os.path.join(OUT, name)


def table(scan_number, with_scan_columns=True):
    n = ASSETS
    cols = {
        "asset": pa.array([f"A{i:04d}USDT" for i in range(n)]),
        "eigen_1": pa.array([i / 10.0 for i in range(n)], pa.float64()),
        "eigen_2": pa.array([float("nan") if i == 3 else -i / 7.0 for i in range(n)], pa.float64()),
        "weight": pa.array([i / 1000.0 for i in range(n)], pa.float32()),
        "rank": pa.array(list(range(n)), pa.int32()),
        "active": pa.array([i % 2 == 0 for i in range(n)]),
        "sector": pa.array(["defi" if i % 3 else "l1" for i in range(n)]).dictionary_encode(),
        "volume": pa.array([None if i == 7 else i * 1000 for i in range(n)], pa.int64()),
    }
    if with_scan_columns:
        cols["scan_number"] = pa.array([scan_number] * n, pa.int64())
        cols["timestamp"] = pa.array([TS] * n, pa.timestamp("ms", tz="UTC"))
    return pa.table(cols)


# IPC file format, scan fields as columns (10 columns, 500 assets).
t = table(4228)
with ipc.new_file(path("py_file.arrow"), t.schema) as w:
    w.write_table(t, max_chunksize=200)

# Stream format, scan fields in the schema metadata, two batches.
t = table(4229, with_scan_columns=False)
t = t.replace_schema_metadata({"scan_number": "4229", "timestamp": TS.isoformat()})
with ipc.new_stream(path("py_stream.arrows"), t.schema) as w:
    w.write_table(t, max_chunksize=250)

# Epoch milliseconds in an int64 column.
t = table(4230, with_scan_columns=False)
t = t.append_column("scan_number", pa.array([4230] * ASSETS, pa.int64()))
t = t.append_column("timestamp", pa.array([int(TS.timestamp() * 1000)] * ASSETS, pa.int64()))
with ipc.new_file(path("py_epoch_ms.arrow"), t.schema) as w:
    w.write_table(t)

# No scan number anywhere.
t = table(0, with_scan_columns=False)
with ipc.new_file(path("wrong_schema.arrow"), t.schema) as w:
    w.write_table(t)

# A file cut in half, and a stream cut exactly after its first batch: the
# stream reader alone would read that one without complaint.
with open(path("py_file.arrow"), "rb") as f:
    whole = f.read()
with open(path("truncated.arrow"), "wb") as f:
    f.write(whole[: len(whole) // 2])
sink = pa.BufferOutputStream()
t = table(4231, with_scan_columns=False).replace_schema_metadata(
    {"scan_number": "4231", "timestamp": TS.isoformat()})
w = ipc.new_stream(sink, t.schema)
w.write_batch(t.to_batches(max_chunksize=250)[0])
cut = sink.getvalue().to_pybytes()  # schema and one batch, no end-of-stream marker yet
with open(path("stream_cut.arrows"), "wb") as f:
    f.write(cut)
open(path("empty.arrow"), "wb").close()

# Dictionary columns whose dictionaries hold nulls, beside null indices:
# both are null in the record, never "" or 0.
n = 5
t = pa.table({
    "scan_number": pa.array([4232] * n, pa.int64()),
    "timestamp": pa.array([TS] * n, pa.timestamp("ms", tz="UTC")),
    "regime": pa.DictionaryArray.from_arrays(
        pa.array([0, 1, None, 2, 1], pa.int8()), pa.array(["trend", None, "chop"])),
    "level": pa.DictionaryArray.from_arrays(
        pa.array([0, 1, 2, 1, 0], pa.int32()), pa.array([10, None, 30], pa.int64())),
    "score": pa.DictionaryArray.from_arrays(
        pa.array([2, 1, 0, None, 0], pa.int16()), pa.array([1.5, None, float("nan")], pa.float64())),
    "flag": pa.DictionaryArray.from_arrays(
        pa.array([0, 1, 0, 1, None], pa.int8()), pa.array([True, None], pa.bool_())),
})
with ipc.new_file(path("py_dict_nulls.arrow"), t.schema) as w:
    w.write_table(t)

# Two columns of one name: a JSON object cannot hold both.
t = pa.Table.from_arrays(
    [pa.array([4233] * n, pa.int64()), pa.array([TS] * n, pa.timestamp("ms", tz="UTC")),
     pa.array([1.0] * n), pa.array([2.0] * n)],
    names=["scan_number", "timestamp", "eigen_1", "eigen_1"])
with ipc.new_file(path("py_duplicate_columns.arrow"), t.schema) as w:
    w.write_table(t)

# zstd-compressed: a scan as it should be, and a valid file whose 32 MB of
# zeros decompress far beyond what its few kilobytes could hold uncompressed.
zstd = ipc.IpcWriteOptions(compression="zstd")
t = table(4234)
with ipc.new_file(path("py_zstd.arrow"), t.schema, options=zstd) as w:
    w.write_table(t)
rows = 4 << 20
t = pa.table({
    "scan_number": pa.array([4235] * rows, pa.int64()),
    "timestamp": pa.array([int(TS.timestamp() * 1000)] * rows, pa.int64()),
})
with ipc.new_file(path("py_zstd_expands.arrow"), t.schema, options=zstd) as w:
    w.write_table(t)
