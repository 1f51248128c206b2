#!/usr/bin/env bash
# Creates .venv with the pinned Python packages the demo producer and the
# fixture scripts need. Idempotent: does nothing when they are already there.
set -euo pipefail
cd "$(dirname "$0")/.."
stamp=.venv/.requirements
if [ -f "$stamp" ] && cmp -s requirements.txt "$stamp"; then
  exit 0
fi
# An existing environment is updated in place: python3 -m venv refuses a
# .venv that is a symlink (a worktree sharing another's environment).
[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/pip install --quiet --requirement requirements.txt
cp requirements.txt "$stamp"
