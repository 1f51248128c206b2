#!/usr/bin/env bash
# The Hazelcast member tidewatch is developed and tested against: the pinned
# jar, fetched through Maven (so a user's settings.xml, mirrors and proxies
# apply), cached in .cache/hazelcast and checked by SHA-256, run on loopback
# only.
#
#   scripts/hazelcast.sh fetch                    download the jar if it is not cached
#   scripts/hazelcast.sh run PORT CLUSTER [DIR]   run a member on 127.0.0.1:PORT (foreground)
#
# HAZELCAST_MEMBERS (comma-separated host:port) lists the members a member
# joins, for a cluster of several on loopback (default 127.0.0.1, which on
# its own finds only members on ports 5701-5703); HAZELCAST_JAVA_OPTS adds
# JVM options, such as -Dhazelcast.max.no.heartbeat.seconds=10.
set -euo pipefail

VERSION=5.5.0
SHA256=cf560b40b988526e780e4fae12cb6fe01c5158bb9e00839882857f32b544a19e
# The plugin that copies the artifact, pinned like the artifact itself.
DEPENDENCY_PLUGIN=org.apache.maven.plugins:maven-dependency-plugin:3.8.1

root=$(cd "$(dirname "$0")/.." && pwd)
cache="$root/.cache/hazelcast"
jar="$cache/hazelcast-$VERSION.jar"

fetch() {
  if [ -f "$jar" ]; then
    return
  fi
  mkdir -p "$cache"
  tmpdir=$(mktemp -d "$cache/download.XXXXXX")
  trap 'rm -rf "$tmpdir"' EXIT
  echo "fetching Hazelcast $VERSION through Maven" >&2
  # Maven's own output only when it fails: it prints colour codes even in batch mode.
  if ! mvn --batch-mode --quiet "$DEPENDENCY_PLUGIN:copy" \
    -Dartifact="com.hazelcast:hazelcast:$VERSION:jar" -DoutputDirectory="$tmpdir" >"$tmpdir/mvn.log" 2>&1; then
    cat "$tmpdir/mvn.log" >&2
    exit 1
  fi
  got="$tmpdir/hazelcast-$VERSION.jar"
  echo "$SHA256  $got" | sha256sum --check --status || {
    echo "hazelcast-$VERSION.jar: SHA-256 mismatch; refusing it" >&2
    exit 1
  }
  chmod 644 "$got"
  mv "$got" "$jar"
}

run() {
  port=${1:?usage: hazelcast.sh run PORT CLUSTER [DIR]}
  cluster=${2:?usage: hazelcast.sh run PORT CLUSTER [DIR]}
  dir=${3:-$cache}
  fetch
  mkdir -p "$dir"
  conf="$dir/member-$port.yaml"
  members=""
  IFS=, read -ra list <<<"${HAZELCAST_MEMBERS:-127.0.0.1}"
  for m in "${list[@]}"; do
    members+=$'\n'"          - $m"
  done
  cat > "$conf" <<YAML
hazelcast:
  cluster-name: $cluster
  network:
    port:
      port: $port
      auto-increment: false
    join:
      auto-detection:
        enabled: false
      multicast:
        enabled: false
      tcp-ip:
        enabled: true
        member-list:$members
    interfaces:
      enabled: true
      interfaces:
        - 127.0.0.1
  properties:
    hazelcast.phone.home.enabled: false
YAML
  # A small heap and quick start; the opens are the ones Hazelcast asks for
  # on Java 17 so that it does not warn at every start.
  # shellcheck disable=SC2086 # the options are words on purpose
  exec java -Xms64m -Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 ${HAZELCAST_JAVA_OPTS:-} \
    -Dhazelcast.phone.home.enabled=false -Dhazelcast.config="$conf" \
    --add-modules java.se \
    --add-exports java.base/jdk.internal.ref=ALL-UNNAMED \
    --add-opens java.base/java.lang=ALL-UNNAMED \
    --add-opens java.base/sun.nio.ch=ALL-UNNAMED \
    --add-opens java.management/sun.management=ALL-UNNAMED \
    --add-opens jdk.management/com.sun.management.internal=ALL-UNNAMED \
    -cp "$jar" com.hazelcast.core.server.HazelcastMemberStarter
}

case "${1:-}" in
  fetch) fetch ;;
  run) shift; run "$@" ;;
  *) echo "usage: $0 fetch | run PORT CLUSTER [DIR]" >&2; exit 2 ;;
esac
