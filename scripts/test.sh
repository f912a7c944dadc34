#!/usr/bin/env bash
# The whole test suite: the supply-chain check, then the unit tests and the integration
# tests of the real binary. Everything the tests need is installed by this script: anvil
# (npm, into .tools/) for the Ethereum tests; the Bitcoin Core node comes from
# ../shared/bitcoin-core.
#
# Supply chain: ../shared/audit.sh runs cargo-audit (installed from PyPI into
# .tools/audit-venv on first use) on Cargo.lock against the offline RustSec snapshot in
# ../shared/advisory-db; any vulnerability fails the run before a test is built. An
# advisory may only be ignored with `--ignore RUSTSEC-…` in AUDIT_IGNORE below, with a
# comment beside it and the reason in the commit message (like the Bitcoin Core node,
# the check needs ../shared beside the checkout).
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-never}"
if [ "${CI:-}" = "true" ]; then
  export CARGO_INCREMENTAL=0
  # Snapshot tests (insta, tests/cli/snap.rs): in CI a mismatch or a missing snapshot
  # fails and nothing is written (insta's default under CI, made explicit).
  export INSTA_UPDATE=no
fi
# A forced pass would hide every snapshot mismatch.
unset INSTA_FORCE_PASS
audit=../shared/audit.sh
AUDIT_IGNORE=(
  # none
)
if [ ! -f "$audit" ]; then
  echo "test.sh: $audit not found: the supply-chain check cannot run" >&2
  exit 1
fi
bash "$audit" "${AUDIT_IGNORE[@]}"
COFFER_ANVIL_BIN=$(scripts/install-tools.sh)
export COFFER_ANVIL_BIN
# ElectrumX (installed by install-tools.sh above) for tests/cli/electrum.rs.
COFFER_ELECTRUMX_BIN=$PWD/.tools/electrumx-venv/bin/electrumx_server
export COFFER_ELECTRUMX_BIN
# pproxy (installed by install-tools.sh above), the SOCKS5 proxy of tests/cli/proxy.rs.
COFFER_PPROXY_BIN=$PWD/.tools/pproxy-venv/bin/pproxy
export COFFER_PPROXY_BIN
# One test thread more than there are cores: the integration tests spend part of their
# time waiting for the processes and nodes they start (on 2 cores, 3 threads ran the
# suite in 104 s, 2 in 146 s and 4 in 108 s). RUST_TEST_THREADS set by the caller wins.
export RUST_TEST_THREADS="${RUST_TEST_THREADS:-$(($(nproc) + 1))}"
cargo test --locked --workspace "$@"
