#!/usr/bin/env bash
# Installs what the tests need beyond Go: the pinned Hazelcast jar, the
# Python packages the fixture scripts use, the sqlite3 shell the documented
# queries are run with, Chromium, which renders the HTML report, promtool
# (Debian's prometheus package), which checks and unit-tests the alerting
# rules, and systemd, whose systemd-analyze checks the unit (about 10 MB on
# Debian 12; already there wherever systemd runs). Idempotent.
set -euo pipefail
cd "$(dirname "$0")/.."

need() { command -v "$1" >/dev/null 2>&1 || { echo "test-setup: $1 is required: $2" >&2; exit 1; }; }
need go "install Go 1.26"
need java "install a Java 17 runtime (Hazelcast 5.5 needs it)"
need python3 "install Python 3.11"
need mvn "install Maven (the Hazelcast member is fetched through it)"

apt_install() {
  if [ "$(id -u)" -eq 0 ]; then
    apt-get update -qq && apt-get install -y -qq "$@" >/dev/null
  else
    sudo apt-get update -qq && sudo apt-get install -y -qq "$@" >/dev/null
  fi
}
missing=()
command -v sqlite3 >/dev/null 2>&1 || missing+=(sqlite3)
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v promtool >/dev/null 2>&1 || missing+=(prometheus)
command -v systemd-analyze >/dev/null 2>&1 || missing+=(systemd)
if [ ${#missing[@]} -gt 0 ]; then
  apt_install "${missing[@]}"
fi

scripts/hazelcast.sh fetch
scripts/python-env.sh
