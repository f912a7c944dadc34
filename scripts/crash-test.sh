#!/usr/bin/env bash
# The exhaustive crash-injection run, before each release: every pair of crash points
# (a kill at each rename, link, fsync and unlink of an engine-changing write, then at
# each point of the next one), each checked in full. CI runs a bounded version of the
# same test (tests/cli/crash.rs). Every call of those classes is killed, also those that
# CI skips as equivalent to a later one (COFFER_KILL_EVERY_CALL: see tests/cli/kills.rs),
# here and in tests/cli/atomic.rs. Needs strace (scripts/install-tools.sh installs it).
#
# Usage: scripts/crash-test.sh
set -euo pipefail
cd "$(dirname "$0")/.."
export COFFER_CRASH_FULL=1 COFFER_KILL_EVERY_CALL=1
exec scripts/test.sh --test cli -- crash:: atomic::
