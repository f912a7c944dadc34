#!/usr/bin/env bash
# Cold signing with coffer, end to end, on a throwaway Bitcoin Core regtest node.
#
# The OFFLINE home holds the keys and never talks to the network; the ONLINE home holds
# a watch-only copy connected to the node (`wallet backend set btc`): it syncs, builds
# the unsigned transaction (a PSBT) and broadcasts the signed one. Only files move
# between them: the watch-only export, the PSBT and the signed PSBT (on a real setup: a
# USB stick or QR codes). The offline copy learns its coins from raw transactions.
#
# Usage: examples/cold-signing.sh
#   COFFER=path/to/coffer            the binary (default: target/debug/coffer)
#   COFFER_BITCOIN_BIN=dir           bitcoind and bitcoin-cli (default: ../shared/bitcoin-core/bin)
# The test suite runs this script (tests/cli/examples.rs).
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
coffer_bin=${COFFER:-$root/target/debug/coffer}
bitcoin_bin=${COFFER_BITCOIN_BIN:-$root/../shared/bitcoin-core/bin}
[[ -x $coffer_bin ]] || { echo "cold-signing.sh: no coffer binary at $coffer_bin (cargo build)" >&2; exit 1; }
[[ -x $bitcoin_bin/bitcoind ]] || { echo "cold-signing.sh: no bitcoind in $bitcoin_bin" >&2; exit 1; }

work=$(mktemp -d "${TMPDIR:-/tmp}/coffer-cold.XXXXXX")
# Below Linux's ephemeral range (32768 and up): a port picked there could be one that
# another program (or the test suite's other nodes) was just given.
rpc_port=$((20000 + RANDOM % 12000))
p2p_port=$((rpc_port + 1))
node_pid=
cleanup() {
  if [[ -n $node_pid ]]; then
    cli stop >/dev/null 2>&1 || true
    wait "$node_pid" 2>/dev/null || true
  fi
  rm -rf -- "$work"
}
trap cleanup EXIT
[[ -n ${COLD_DEBUG:-} ]] && set -x

step() { printf '\n== %s\n' "$*"; }
cli() { "$bitcoin_bin/bitcoin-cli" -regtest -datadir="$work/node" -rpcport="$rpc_port" "$@"; }
offline() { COFFER_HOME=$work/offline "$coffer_bin" --no-input "$@"; }
online() { COFFER_HOME=$work/online "$coffer_bin" --no-input "$@"; }
# The value of a string or number field in coffer's one-line JSON output.
field() { sed -n "s/.*\"$1\":\"\{0,1\}\([^\",}]*\).*/\1/p" | head -n 1; }

printf '%s\n' 'plaid-otter-quarry-lantern-91' >"$work/password"
printf '%s\n' '1234' >"$work/pin"
mkdir -p "$work/node"

step "a regtest node (the online machine's view of the network)"
"$bitcoin_bin/bitcoind" -regtest -daemon=0 -datadir="$work/node" -rpcport="$rpc_port" \
  -port="$p2p_port" -bind=127.0.0.1 -rpcbind=127.0.0.1 -rpcallowip=127.0.0.1 \
  -dnsseed=0 -fixedseeds=0 -fallbackfee=0.0002 -printtoconsole=0 &
node_pid=$!
cli -rpcwait -rpcwaittimeout=60 getblockchaininfo >/dev/null
cli createwallet miner >/dev/null
miner=$(cli -rpcwallet=miner getnewaddress)
cli generatetoaddress 101 "$miner" >/dev/null

step "offline: a user and a hot wallet; export it watch-only"
offline register --username cold --email cold@example.com \
  --password-file "$work/password" --pin-file "$work/pin" >/dev/null
offline wallet create vault --network regtest --chains btc
offline wallet export vault --watch-only --out "$work/vault.watch.json"

step "online: a user, the watch-only copy, and the node it syncs with"
online register --username desk --email desk@example.com \
  --password-file "$work/password" --pin-file "$work/pin" >/dev/null
online wallet import vault --watch-only-file "$work/vault.watch.json"
online wallet backend set btc --network regtest --rpc "http://127.0.0.1:$rpc_port" \
  --rpc-cookie "$work/node/regtest/.cookie"
online wallet backend test btc --network regtest

step "online: an address to be paid at; the node pays 0.01 BTC to it"
address=$(online --json receive | field address)
echo "receive address: $address"
funding_txid=$(cli -rpcwallet=miner sendtoaddress "$address" 0.01)
cli generatetoaddress 1 "$miner" >/dev/null
funding=$(cli -rpcwallet=miner gettransaction "$funding_txid" | tr -d ' \n')
hex=$(printf '%s' "$funding" | field hex)
height=$(printf '%s' "$funding" | field blockheight)
blocktime=$(printf '%s' "$funding" | field blocktime)

step "online syncs with the node; offline learns the payment from its raw transaction"
online wallet sync
offline receive import --tx "$hex" --height "$height" --block-time "$blocktime"

step "online: build the unsigned payment (PSBT)"
payee=$(cli -rpcwallet=miner getnewaddress)
online send --to "$payee" --amount 0.004 --fee 3 --unsigned-out "$work/pay.psbt"

step "offline: review and sign it"
offline send sign "$work/pay.psbt" --out "$work/pay.signed.psbt" --yes --pin-file "$work/pin"

step "online: finalize and check with the node (testmempoolaccept), then broadcast"
raw=$(online --json send broadcast "$work/pay.signed.psbt" --no-broadcast | field hex)
cli testmempoolaccept "[\"$raw\"]" | grep -q '"allowed": true'
txid=$(online --json send broadcast "$work/pay.signed.psbt" | field txid)
cli getmempoolentry "$txid" >/dev/null
cli generatetoaddress 1 "$miner" >/dev/null
echo "mined: $txid"
online wallet sync
offline receive import --tx "$raw" --height "$(cli getblockcount)" \
  --block-time "$(cli getblock "$(cli getbestblockhash)" | tr -d ' \n' | field time)"

step "both copies agree on the balance"
online wallet balance
a=$(online --json wallet balance | field total_sat)
b=$(offline --json wallet balance | field total_sat)
[[ $a == "$b" ]] || { echo "balances differ: online $a, offline $b" >&2; exit 1; }
echo "cold signing done: $txid"
