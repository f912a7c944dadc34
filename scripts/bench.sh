#!/usr/bin/env bash
# Benchmarks of coffer commands, run against a fresh temporary home whose user was
# registered with the DEFAULT (production) KDF profile: Argon2id m=64 MiB, t=3, p=4.
#
# Usage: scripts/bench.sh
#   COFFER_BIN=path/to/coffer scripts/bench.sh   # skip the build, benchmark that binary
#                                                  (and skip the wallet rows)
#   COFFER_BENCH_SIZES=10000 scripts/bench.sh     # wallet rows at 10,000 transactions only
#   COFFER_BENCH_ONLY_READS=1 scripts/bench.sh    # wallet rows: reads/writes and their
#                                                  bitcoin-cli comparison only (no sign,
#                                                  no network rows)
#
# The wallet rows (benches/wallet.rs, run by `cargo bench --bench wallet` at the end) need
# bitcoind and bitcoin-cli ($COFFER_BITCOIN_BIN, default ../shared/bitcoin-core/bin) and
# GNU time (/usr/bin/time): without them the script stops with an error before building.
#
# Prints a markdown table on stdout; progress goes to stderr. Each run is timed in the
# shell with `date +%s%N`, so every figure includes the cost of starting `date` (shown
# under the table as the timer overhead). One untimed warm-up run precedes each row.
#
# To add a row, add a `bench NAME RUNS -- CMD...` line at the bottom; `coffer` there is
# the binary under test, run with COFFER_HOME set to the temporary home.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

die() {
  echo "bench.sh: $*" >&2
  exit 1
}

[[ $(date +%s%N) =~ ^[0-9]+$ ]] || die "needs a date(1) that supports +%s%N (GNU coreutils)"

# The wallet rows (run unless COFFER_BIN is set) compare coffer with bitcoin-cli against a
# regtest bitcoind and read coffer's peak RSS with GNU time: check both before building.
if [[ -z ${COFFER_BIN:-} ]]; then
  bitcoin_bin=${COFFER_BITCOIN_BIN:-$root/../shared/bitcoin-core/bin}
  for b in bitcoind bitcoin-cli; do
    [[ -x $bitcoin_bin/$b && -f $bitcoin_bin/$b ]] ||
      die "$b not found in $bitcoin_bin (set COFFER_BITCOIN_BIN to the directory of bitcoind and bitcoin-cli): the wallet rows compare coffer with bitcoin-cli against a regtest node"
  done
  [[ -x /usr/bin/time ]] ||
    die "/usr/bin/time not found (GNU time, Debian package 'time'): the wallet rows read coffer's peak RSS with it"
fi

if [[ -n ${COFFER_BIN:-} ]]; then
  bin=$COFFER_BIN
  [[ $bin == */* ]] || bin=$(command -v "$bin" || true)
  [[ -n $bin && -x $bin && -f $bin ]] || die "COFFER_BIN=${COFFER_BIN} is not an executable file"
else
  echo "bench.sh: cargo build --release --locked" >&2
  (cd "$root" && cargo build --release --locked) >&2
  target_dir=${CARGO_TARGET_DIR:-target}
  [[ $target_dir == /* ]] || target_dir=$root/$target_dir
  bin=$target_dir/release/coffer
  [[ -x $bin ]] || die "the build did not produce $bin"
fi
bin=$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")

# A clean, isolated environment: nothing inherited may change what is measured.
unset COFFER_KDF_PROFILE COFFER_PASSWORD COFFER_PIN COFFER_SESSION COFFER_USER
umask 077
work=$(mktemp -d "${TMPDIR:-/tmp}/coffer-bench.XXXXXX")
export COFFER_HOME=$work/home

# Where login puts the session file of this home when $XDG_RUNTIME_DIR is in use:
# $XDG_RUNTIME_DIR/coffer/<first 16 hex digits of sha256(home)>/.
runtime_session_dir=
if [[ -n ${XDG_RUNTIME_DIR:-} && -d $XDG_RUNTIME_DIR ]] && command -v sha256sum >/dev/null; then
  home_id=$(printf '%s' "$COFFER_HOME" | sha256sum | cut -c1-16)
  [[ $home_id =~ ^[0-9a-f]{16}$ ]] && runtime_session_dir=$XDG_RUNTIME_DIR/coffer/$home_id
fi

cleanup() {
  "$bin" --no-input logout >/dev/null 2>&1 || true
  if [[ -n $runtime_session_dir ]]; then
    rm -rf -- "$runtime_session_dir"
    rmdir -- "${runtime_session_dir%/*}" 2>/dev/null || true # only if now empty
  fi
  rm -rf -- "$work"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

coffer() {
  "$bin" "$@"
}

# The median, min and max of the timings (nanoseconds, one per line on stdin), in ns.
stats() {
  local -a s
  mapfile -t s < <(sort -n)
  local n=${#s[@]} median
  if ((n % 2)); then
    median=${s[n / 2]}
  else
    median=$(((s[n / 2 - 1] + s[n / 2]) / 2))
  fi
  echo "$median ${s[0]} ${s[n - 1]}"
}

# Nanoseconds as milliseconds with one decimal, rounded.
ms() {
  local tenths=$((($1 + 50000) / 100000))
  printf '%d.%d' $((tenths / 10)) $((tenths % 10))
}

rows=()

# bench NAME RUNS -- CMD...: runs CMD once untimed, then RUNS times timed, and adds a row.
# CMD must succeed every time; its output is discarded (stderr is shown on failure).
bench() {
  (($# >= 4)) && [[ $3 == -- && $2 =~ ^[1-9][0-9]*$ ]] || die "usage: bench NAME RUNS -- CMD..."
  local name=$1 runs=$2 i t0 t1
  shift 3
  local -a ns=()
  echo "bench.sh: $name ($runs runs)" >&2
  for ((i = 0; i <= runs; i++)); do
    t0=$(date +%s%N)
    "$@" </dev/null >/dev/null 2>"$work/stderr" || {
      local rc=$?
      cat "$work/stderr" >&2
      die "'$name' failed (exit $rc) on run $i: $*"
    }
    t1=$(date +%s%N)
    ((i == 0)) || ns+=($((t1 - t0))) # run 0 is the warm-up
  done
  local median min max
  read -r median min max < <(printf '%s\n' "${ns[@]}" | stats)
  rows+=("| $name | $runs | $(ms "$median") | $(ms "$min") | $(ms "$max") |")
}

# The shell's own cost of timing a run that does nothing.
timer_overhead() {
  local i t0 t1
  local -a ns=()
  for ((i = 0; i < 21; i++)); do
    t0=$(date +%s%N)
    t1=$(date +%s%N)
    ns+=($((t1 - t0)))
  done
  local median min max
  read -r median min max < <(printf '%s\n' "${ns[@]}" | stats)
  ms "$median"
}

# --- setup: one user with the production KDF profile --------------------------------

printf '%s\n' 'plaid-otter-quarry-lantern-91' >"$work/password"
printf '%s\n' '1234' >"$work/pin"
echo "bench.sh: registering a user (default KDF profile)" >&2
coffer --no-input register --username bench --email bench@example.com \
  --password-file "$work/password" --pin-file "$work/pin" >/dev/null
coffer --no-input whoami --json | grep -q '"kdf_profile":"default"' ||
  die "the benchmark user was not registered with the default KDF profile"

# --- the benchmarks (add rows here) ----------------------------------------------------

bench "login" 7 -- coffer --no-input login --password-file "$work/password"
bench "whoami --json" 51 -- coffer --no-input whoami --json

# A wallet with 10,000 receive addresses, for the read path.
coffer --no-input wallet create big --chains btc >/dev/null
coffer --no-input addr new --wallet big --count 10000 >/dev/null
bench "addr list --json (10,000 addresses)" 21 -- coffer --no-input addr list --wallet big --json
# Deriving and storing 10,000 addresses in one write (each run adds 10,000 more).
coffer --no-input wallet create grow --chains btc >/dev/null
bench "addr new --count 10000" 5 -- coffer --no-input addr new --wallet grow --count 10000

# --- report ------------------------------------------------------------------------------

overhead=$(timer_overhead)
echo
echo "coffer: $("$bin" --version) ($bin); KDF profile: default; $(uname -sm), $(nproc 2>/dev/null || echo '?') CPUs"
echo
echo "| command | runs | median ms | min ms | max ms |"
echo "|---|---:|---:|---:|---:|"
printf '%s\n' "${rows[@]}"
echo
echo "Timer overhead included in each figure (two \`date +%s%N\` calls, median): $overhead ms."

# The wallet rows (10,000 transactions, 100-input PSBT) need vaults built through the
# library; they live in benches/wallet.rs and measure the release binary cargo builds.
if [[ -z ${COFFER_BIN:-} ]]; then
  echo "bench.sh: cargo bench --bench wallet" >&2
  (cd "$root" && cargo bench --locked --bench wallet)
else
  echo
  echo "(wallet rows skipped with COFFER_BIN: run \`cargo bench --bench wallet\`)"
fi
