#!/usr/bin/env bash
# Installs the tools the tests need that are not Rust crates, into .tools/ (ignored by
# git): anvil, the Ethereum dev node, and cast, both Foundry 1.7.1 from npm
# (@foundry-rs/anvil-linux-amd64, @foundry-rs/cast-linux-amd64); and strace from Debian's
# packages (tests/cli/crash.rs and atomic.rs kill commands with it); and ElectrumX
# (PyPI `e-x[leveldb]`, pinned below) into the venv .tools/electrumx-venv, the Electrum
# server tests/cli/electrum.rs runs on the regtest node (about 25 s the first time); and
# pproxy (PyPI, pinned below) into .tools/pproxy-venv, the SOCKS5 proxy tests/cli/proxy.rs
# sends the backends through (about 5 s the first time). Does
# nothing when they are already there. Prints the directory holding the anvil and cast
# binaries (scripts/test.sh finds ElectrumX at .tools/electrumx-venv/bin/electrumx_server).
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

# strace (Debian's package) injects the kills of the crash tests (tests/cli/crash.rs).
if ! command -v strace >/dev/null; then
  echo "install-tools.sh: apt-get install strace" >&2
  sudo=""
  [[ $(id -u) -eq 0 ]] || sudo=sudo
  $sudo apt-get install -y -q strace >&2 ||
    { $sudo apt-get update -q >&2 && $sudo apt-get install -y -q strace >&2; } || {
    echo "install-tools.sh: strace could not be installed (the crash tests need it)" >&2
    exit 1
  }
fi

# ElectrumX, the Electrum server of the Electrum-backend tests (tests/cli/electrum.rs).
electrumx_version=1.20.0
electrumx_venv=$root/.tools/electrumx-venv
have_electrumx() {
  [[ -x $electrumx_venv/bin/electrumx_server ]] &&
    [[ $("$electrumx_venv/bin/pip" show e-x 2>/dev/null) == *"Version: $electrumx_version"* ]]
}
if ! have_electrumx; then
  echo "install-tools.sh: pip install e-x[leveldb]==$electrumx_version into $electrumx_venv" >&2
  { python3 -m venv "$electrumx_venv" >&2 &&
    "$electrumx_venv/bin/pip" install --quiet --disable-pip-version-check \
      "e-x[leveldb]==$electrumx_version" >&2 && have_electrumx; } || {
    echo "install-tools.sh: ElectrumX $electrumx_version could not be installed into" \
      "$electrumx_venv (python3 with venv and pip, and PyPI, are needed; the Electrum tests need it)" >&2
    exit 1
  }
fi

# pproxy, the SOCKS5 proxy of the proxy tests (tests/cli/proxy.rs).
pproxy_version=2.7.9
pproxy_venv=$root/.tools/pproxy-venv
have_pproxy() {
  [[ -x $pproxy_venv/bin/pproxy ]] &&
    [[ $("$pproxy_venv/bin/pip" show pproxy 2>/dev/null) == *"Version: $pproxy_version"* ]]
}
if ! have_pproxy; then
  echo "install-tools.sh: pip install pproxy==$pproxy_version into $pproxy_venv" >&2
  { python3 -m venv "$pproxy_venv" >&2 &&
    "$pproxy_venv/bin/pip" install --quiet --disable-pip-version-check \
      "pproxy==$pproxy_version" >&2 && have_pproxy; } || {
    echo "install-tools.sh: pproxy $pproxy_version could not be installed into" \
      "$pproxy_venv (python3 with venv and pip, and PyPI, are needed; the proxy tests need it)" >&2
    exit 1
  }
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
