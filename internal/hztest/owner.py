"""Prints the port of the member that owns a string key's partition.

    owner.py CLUSTER KEY ADDRESS...

The Go client keeps its partition table to itself; the Python client
serializes a str key as the Go client does a string, so the partition is
the same.
"""
import sys
import time

import hazelcast


def main():
    cluster, key, addresses = sys.argv[1], sys.argv[2], sys.argv[3:]
    client = hazelcast.HazelcastClient(cluster_name=cluster, cluster_members=addresses,
                                       cluster_connect_timeout=30)
    try:
        partition = client.partition_service.get_partition_id(key)
        # The partition table arrives after the connection, and changes
        # while a cluster rebalances: wait for an owner that is a member.
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            owner = client.partition_service.get_partition_owner(partition)
            for member in client.cluster_service.get_members():
                if member.uuid == owner:
                    print(member.address.port)
                    return
            time.sleep(0.1)
        sys.exit(f"partition {partition} of {key!r} has no owner among the members")
    finally:
        client.shutdown()


if __name__ == "__main__":
    main()
