#!/usr/bin/env python3
"""A trading flow's side of the detection benchmark: an entry listener on
tidewatch's verdict key, with the Python client, printing when each
verdict arrived (time.time_ns()) and what it says.

Run: .venv/bin/python testdata/detect/verdict_listener.py ADDRESS CLUSTER MAP KEY
Prints "ready" once listening, then "RECEIVED_NS READY" (1 or 0) for each
verdict written.
"""
import json
import sys
import threading
import time

import hazelcast


def main():
    address, cluster, map_name, key = sys.argv[1:5]
    client = hazelcast.HazelcastClient(cluster_name=cluster, cluster_members=[address], cluster_connect_timeout=30)
    out = threading.Lock()

    def seen(event):
        now = time.time_ns()
        ready = json.loads(event.value).get("ready") is True
        with out:
            print(now, 1 if ready else 0, flush=True)

    client.get_map(map_name).blocking().add_entry_listener(
        key=key, include_value=True, added_func=seen, updated_func=seen)
    print("ready", flush=True)
    try:
        sys.stdin.read()  # until the benchmark closes stdin
    finally:
        client.shutdown()


if __name__ == "__main__":
    main()
