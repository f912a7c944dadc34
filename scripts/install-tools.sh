#!/usr/bin/env bash
# Installs the tools the tests need that are not Rust crates, into .tools/ (ignored by
# git): anvil, the Ethereum dev node, and cast, both Foundry 1.7.1 from npm
# (@foundry-rs/anvil-linux-amd64, @foundry-rs/cast-linux-amd64). Does nothing when they
# are already there. Prints the directory holding the binaries.
# Also strace (Debian package), with which tests/cli/atomic.rs kills commands at each
# step: installed with apt-get when missing and this runs as root; else a warning (those
# tests then fail, saying so).
#
# Usage: scripts/install-tools.sh
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
version=1.7.1
prefix=$root/.tools/npm
bin=$prefix/node_modules/.bin

have() {
  [[ -x $bin/anvil && -x $bin/cast ]] &&
    "$bin/anvil" --version 2>/dev/null | grep -q "Version: $version"
}

if ! command -v strace >/dev/null; then
  if [[ $(id -u) == 0 ]] && command -v apt-get >/dev/null; then
    echo "install-tools.sh: apt-get install strace" >&2
    { apt-get install -y -q strace || { apt-get update -q && apt-get install -y -q strace; }; } >&2 || true
  fi
  command -v strace >/dev/null ||
    echo "install-tools.sh: warning: strace is missing (Debian: apt-get install strace); tests/cli/atomic.rs needs it" >&2
fi

if ! have; then
  command -v npm >/dev/null || {
    echo "install-tools.sh: npm is needed to install anvil (Debian: apt-get install npm)" >&2
    exit 1
  }
  echo "install-tools.sh: npm install anvil and cast $version into $prefix" >&2
  mkdir -p "$prefix"
  npm install --prefix "$prefix" --no-save --no-audit --no-fund --loglevel=error \
    "@foundry-rs/anvil-linux-amd64@$version" "@foundry-rs/cast-linux-amd64@$version" >&2
  have || {
    echo "install-tools.sh: anvil $version did not install into $bin" >&2
    exit 1
  }
fi
echo "$bin"
