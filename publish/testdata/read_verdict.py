#!/usr/bin/env python3
"""The README's five-line reader of tidewatch's verdict, run by the Go test
against a real member (publish/publish_test.go). The five lines between the
markers are the README's, with its literals for the cluster, the address
and the map replaced by the arguments.

Run: .venv/bin/python publish/testdata/read_verdict.py ADDRESS CLUSTER MAP KEY
It prints {"fit": bool, "verdict": the verdict read} as JSON.
"""
import sys

ADDRESS, CLUSTER, MAP, KEY = sys.argv[1:5]

# --- the README's reader
import datetime, json, hazelcast
client = hazelcast.HazelcastClient(cluster_name=CLUSTER, cluster_members=[ADDRESS])
v = json.loads(client.get_map(MAP).blocking().get(KEY) or '{"ready": false}')
age = datetime.datetime.now(datetime.UTC) - datetime.datetime.fromisoformat(v.get("checked_at", "2000-01-01T00:00:00Z"))
fit = v["ready"] is True and age.total_seconds() < 15  # refreshed every 5 s: older means no tidewatch vouches for it
# ---

client.shutdown()
print(json.dumps({"fit": fit, "verdict": v}))
