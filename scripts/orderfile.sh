#!/usr/bin/env bash
# Regenerates link/order.ld, the linker script by which the release build puts the
# functions that everyday commands run ahead of the rest of the code, in the order they
# run them (see build.rs and docs/architecture.md, "The life of a read").
#
# Why: a command is a short process, and the kernel maps the binary's code 64 KiB at a
# time as it is first run (one page fault each, about 4-5 us here). Laid out as the
# compiler leaves them, the functions `whoami` runs cost 58 such faults, an `addr list`
# page's 104; placed by this file, 22 and 34.
#
# How: builds the release profile with its symbols (target/orderfile), makes a throwaway home
# with the fast test KDF (a user, a wallet, 2,000 addresses and payments), runs the
# commands below once each under valgrind's callgrind, and lists every function of the
# binary they ran, in the order the commands first ran them: `--version`'s (the start
# of every command) first, then `whoami`'s, then the reads', then the writes'. Each is
# a pattern on the function's section (-ffunction-sections) with the parts of its
# name that change from build to build left open (a Rust symbol's crate hashes follow
# the profile, the dependencies' versions and RUSTFLAGS; .cargo/config.toml asks for
# the v0 names, which spell out a generic function's arguments), so the file made from
# this build fits the release binary and the bench's. A function the file names and the build
# lacks (renamed, say) only goes unplaced: the bench prints how much code the script
# placed (.text.hot, about 3.5 MB when the script is fresh). Run this again when a command's page faults grow
# (`perf stat -e page-faults`) or after large changes.
#
# Usage: scripts/orderfile.sh        (needs valgrind and python3; about 15 minutes)
#        ORDER_TXS=500 scripts/orderfile.sh   (a smaller training vault)
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
die() {
  echo "orderfile.sh: $*" >&2
  exit 1
}
command -v valgrind >/dev/null || die "needs valgrind (apt-get install valgrind)"
command -v python3 >/dev/null || die "needs python3"

# A build of the release profile that keeps its symbols (the names matter, not the
# hashes in them).
target=${CARGO_TARGET_DIR:-$root/target}/orderfile
echo "orderfile.sh: building with symbols in $target" >&2
(cd "$root" && CARGO_TARGET_DIR=$target CARGO_PROFILE_RELEASE_STRIP=false \
  cargo build --release --locked --bin coffer)
bin=$target/release/coffer

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export COFFER_HOME=$work/home COFFER_KDF_PROFILE=test COFFER_USER=order
printf 'order file training password 7\n' >"$work/pw"
printf '482916\n' >"$work/pin"
c() { "$bin" --no-input "$@"; }
c register --username order --email order@example.com --password-file "$work/pw" \
  --pin-file "$work/pin" --json >/dev/null
c wallet create w --network regtest --json >/dev/null
# A vault of some size, so that the reads take the paths they take on a large one
# (deeper B-trees, several chunks): $ORDER_TXS payments (default 2,000) to as many
# addresses, one in ten pending, queued while the vault is locked and merged by a login
# in one write.
n=${ORDER_TXS:-2000}
c addr new --count "$n" --json |
  python3 -c 'import json,sys; [print(a["address"]) for a in json.load(sys.stdin)["data"]["items"]]' \
    >"$work/addrs"
mapfile -t addrs <"$work/addrs"
for a in "${addrs[@]:0:50}"; do
  c addr label "$a" bench --json >/dev/null
done
# A regtest payment to each address, from a made-up coin: one hex line each.
python3 - "$work/addrs" >"$work/txs" <<'EOF'
import hashlib, struct, sys
CHARSET = "qpzry9x8gf2tvdw0s3jn54khce6mua7l"
for seed, addr in enumerate(open(sys.argv[1]).read().split()):
    data = [CHARSET.find(ch) for ch in addr.rsplit("1", 1)[1]][:-6]
    acc = bits = 0
    prog = []
    for v in data[1:]:
        acc, bits = (acc << 5) | v, bits + 5
        while bits >= 8:
            bits -= 8
            prog.append((acc >> bits) & 0xFF)
    spk = bytes([0 if data[0] == 0 else 0x50 + data[0], len(prog)]) + bytes(prog)
    prev = hashlib.sha256(b"seed%d" % seed).digest()
    tx = struct.pack("<I", 2) + b"\x00\x01\x01" + prev + struct.pack("<I", 0) + b"\x00"
    tx += struct.pack("<I", 0xFFFFFFFD) + b"\x01" + struct.pack("<Q", 10_000 + seed)
    tx += bytes([len(spk)]) + spk
    tx += b"\x02" + bytes([71]) + b"\x30" * 71 + bytes([33]) + b"\x02" * 33
    print((tx + struct.pack("<I", 0)).hex())
EOF
mapfile -t txs <"$work/txs"
c logout --json >/dev/null
for i in $(seq 0 $((n - 2))); do
  if ((i % 10 == 9)); then
    c receive import --tx "${txs[$i]}" --json >/dev/null
  else
    c receive import --tx "${txs[$i]}" --height $((1000 + i / 10)) \
      --block-time $((1760000000 + i * 60)) --json >/dev/null
  fi
done
c login --password-file "$work/pw" --json >/dev/null
txid=$(c history --limit 1 --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["data"]["items"][0]["txid"])')
last=${txs[$((n - 1))]}

# The commands, the most frequent first: a function goes with the first of them to run
# it, and among those, the ones more commands run first (the reads share most of theirs).
commands=(
  "--version"
  "whoami --json" "whoami"
  "addr list --limit 50 --json" "wallet balance --json" "history --limit 50 --json"
  "history --label bench --limit 50 --json" "addr list --label bench --json"
  "history show $txid --json" "users --json" "wallet list --json" "status --json"
  "addr list --limit 50" "wallet balance" "history --limit 50" "status"
  "history export --format csv"
  "addr new --json" "receive import --tx $last --json"
  "login --password-file $work/pw --json"
)
i=0
for cmd in "${commands[@]}"; do
  i=$((i + 1))
  # shellcheck disable=SC2086 # the words of each command
  valgrind --tool=callgrind --demangle=no --compress-strings=no \
    --callgrind-out-file="$work/$i.cg" \
    "$bin" --no-input $cmd >/dev/null 2>"$work/$i.err" || {
    cat "$work/$i.err" >&2
    die "coffer $cmd failed under valgrind"
  }
done

nm --defined-only "$bin" | awk '$2 ~ /^[tTwW]$/ {print $3}' >"$work/symbols"
# Written beside, then moved into place: a failure leaves the old script whole.
python3 - "$work" "$i" >"$work/order.ld" <<'EOF'
import re, sys
work, n = sys.argv[1], int(sys.argv[2])
symbols = set(open(f"{work}/symbols").read().split())

def pattern(name):
    """The name with what changes from build to build left open: in a Rust (v0)
    symbol, each crate's disambiguator (a hash that follows the profile, the crate's
    version and RUSTFLAGS) and the back-references whose offsets its length moves; the
    number LLVM gives a local copy (tests/cli/order.rs checks that none is left)."""
    if name.startswith("_R"):
        name = re.sub(r"Cs[0-9A-Za-z]*_", "Cs*_", name)
        name = re.sub(r"B[0-9A-Za-z]*_", "B*_", name)
    return re.sub(r"[.][0-9]+$", ".*", name)

first, runs = {}, {}
for k in range(1, n + 1):
    for line in open(f"{work}/{k}.cg"):
        # A function callgrind saw run ("cfn=" lines name the ones it called).
        if line.startswith("fn="):
            name = line[3:].rstrip("\n")
            if name in symbols:
                p = pattern(name)
                if p not in runs:
                    first[p] = (k, len(first))
                    runs[p] = set()
                runs[p].add(k)
order = sorted(first, key=lambda p: (first[p][0], -len(runs[p]), first[p][1]))
print("/* Generated by scripts/orderfile.sh: the functions everyday commands run, in the")
print("   order they first run them, ahead of the rest of the code. Do not edit. */")
print("SECTIONS {")
print("  .text.hot : {")
# A function's section is .text.<name>, or with the prefix GCC or LLVM gives a cold
# function (.text.unlikely.), a constructor (.text.startup.) or a hot one.
for p in order:
    print(f"    *(.text.{p} .text.unlikely.{p} .text.startup.{p} .text.hot.{p})")
print("  }")
print("} INSERT BEFORE .text;")
EOF
mv "$work/order.ld" "$root/link/order.ld"
echo "link/order.ld: $(grep -c '^    [*](' "$root/link/order.ld") functions; relinking" >&2
(cd "$root" && cargo build --release --locked --bin coffer)
