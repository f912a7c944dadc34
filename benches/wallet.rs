//! Wallet benchmarks of the real binary on large vaults (`cargo bench --bench wallet`,
//! also run by `scripts/bench.sh`):
//!
//! - the reads and writes on generated vaults of 10,000 and 100,000 transactions (user
//!   with the production KDF profile, live session), each beside its `bitcoin-cli`
//!   counterpart against a running regtest `bitcoind` whose watch-only wallet has as
//!   many receive entries (benches/support/bitcoind.rs), interleaved, with their ratio,
//!   coffer's peak RSS and its growth over the smallest size; plus the bulk apply time
//!   of the generator, the median of five runs per size, interleaved, each in a process
//!   of its own (`COFFER_BENCH_ONLY_READS=1` runs only these; `COFFER_BENCH_ONLY_APPLY=1`
//!   only the bulk row);
//! - `send sign` of a PSBT with 100 inputs: once for a user whose PIN uses the test KDF
//!   profile (the signing work itself), once with the production profile (what a user
//!   waits for: the PIN's Argon2id dominates by design, as for `login`).
//! - `wallet sync` against a real regtest node (`../shared/bitcoin-core`, `-txindex`):
//!   1,000 payments in 1,000 blocks to an imported wallet (no birth date), its first sync
//!   through Core RPC (every block from genesis) and through ElectrumX indexing the same
//!   node (tests/cli/electrum.rs), an up-to-date sync and a broadcast round trip
//!   (`COFFER_BENCH_ONLY_SYNC=1` runs only these);
//! - Ethereum `wallet sync` on anvil (tests/cli/anvil.rs): 1,000 ether transfers to and
//!   from an imported wallet's addresses in 1,000 blocks, its first sync through the
//!   Otterscan API (`ots_*`) and through the block scan (behind a loopback proxy that
//!   refuses `ots_*`). `COFFER_BENCH_ONLY_NETWORK=1` runs only the network rows
//!   (Bitcoin and Ethereum); `COFFER_BENCH_TXS=100` sets their size (default 1,000).
//!
//! The 10,000 transactions are written into the vault through coffer's own library
//! (bdk_wallet, then the same `save` every command uses), because importing them one
//! command at a time would take minutes; the measured commands are the release binary.
//! Prints a markdown table (median, min and max milliseconds of each row), then the
//! comparison table.

#![allow(clippy::print_stdout, clippy::print_stderr)] // a benchmark report

use bitcoin::hashes::Hash as _;
use bitcoin::{
    Address, Amount, Network, OutPoint, ScriptBuf, Sequence, Transaction, TxIn, TxOut, Txid,
    Witness, absolute, transaction,
};
use coffer::vault::engine::{BtcWallet, Confirmation};
use coffer::vault::profile::Home;
use coffer::vault::{store, summary, wallets};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::str::FromStr as _;
use std::time::{Duration, Instant};

const PASSWORD: &str = "plaid-otter-quarry-lantern-91";

/// The regtest node harness the tests use.
#[path = "../tests/cli/node.rs"]
#[allow(dead_code)]
mod node;

/// The ElectrumX harness the tests use (its `#[test]`s are not built here).
#[path = "../tests/cli/electrum.rs"]
#[allow(dead_code)]
mod electrum;

/// What the ElectrumX harness's test helpers name of tests/cli/common.rs (the file's
/// `funded` helper is built here too, unused): the bench's home stands in for `Env`.
mod common {
    pub type Env = super::Bench;
}

/// The `bitcoin-cli` side of the comparison table.
#[path = "support/bitcoind.rs"]
mod bitcoind;
use bitcoind::{Bitcoind, Compared};

/// The anvil harness the tests use.
#[path = "../tests/cli/anvil.rs"]
#[allow(dead_code)]
mod anvil;

struct Bench {
    _dir: tempfile::TempDir,
    home: PathBuf,
    files: PathBuf,
    test_kdf: bool,
}

impl Bench {
    fn new(test_kdf: bool) -> Bench {
        let dir = tempfile::tempdir().unwrap();
        let home = dir.path().join("home");
        let files = dir.path().join("files");
        std::fs::create_dir_all(&files).unwrap();
        std::fs::write(files.join("pw"), format!("{PASSWORD}\n")).unwrap();
        std::fs::write(files.join("pin"), "1234\n").unwrap();
        Bench {
            _dir: dir,
            home,
            files,
            test_kdf,
        }
    }

    fn command(&self, args: &[&str]) -> Command {
        let mut c = Command::new(env!("CARGO_BIN_EXE_coffer"));
        c.args(["--no-input"])
            .args(args)
            .env("COFFER_HOME", &self.home)
            .env_remove("XDG_RUNTIME_DIR")
            .env_remove("COFFER_USER")
            .env_remove("COFFER_PASSWORD")
            .env_remove("COFFER_PIN")
            .env_remove("COFFER_SESSION")
            .stdin(Stdio::null());
        if self.test_kdf {
            c.env("COFFER_KDF_PROFILE", "test");
        } else {
            c.env_remove("COFFER_KDF_PROFILE");
        }
        c
    }

    fn ok(&self, args: &[&str]) -> serde_json::Value {
        let mut a = vec!["--json"];
        a.extend_from_slice(args);
        let out = self.command(&a).output().unwrap();
        let v: serde_json::Value = serde_json::from_slice(&out.stdout)
            .unwrap_or_else(|e| panic!("{args:?}: {e}: {}", String::from_utf8_lossy(&out.stdout)));
        assert!(out.status.success(), "{args:?}: {v}");
        v["data"].clone()
    }

    /// For tests/cli/electrum.rs's `funded` helper only (never called here).
    #[allow(dead_code)]
    fn regtest_wallet(&self, user: &str, wallet: &str) {
        self.register(user);
        self.ok(&[
            "wallet",
            "create",
            wallet,
            "--network",
            "regtest",
            "--chains",
            "btc",
        ]);
    }

    fn file(&self, name: &str) -> String {
        self.files.join(name).to_string_lossy().into_owned()
    }

    fn register(&self, user: &str) {
        let (pw, pin) = (self.file("pw"), self.file("pin"));
        let email = format!("{user}@example.com");
        self.ok(&[
            "register",
            "--username",
            user,
            "--email",
            &email,
            "--password-file",
            &pw,
            "--pin-file",
            &pin,
        ]);
    }

    fn user_dir(&self, user: &str) -> PathBuf {
        self.home.join("users").join(user)
    }
}

/// Opens `user`'s vault in `home`, with its wallet engine, with the identity of their
/// file session.
fn open_vault(home: &Path, user: &str) -> (rusqlite::Connection, age::x25519::Identity) {
    let session: serde_json::Value = serde_json::from_slice(
        &std::fs::read(home.join("sessions").join(format!("{user}.session"))).unwrap(),
    )
    .unwrap();
    let identity: age::x25519::Identity = session["identity"].as_str().unwrap().parse().unwrap();
    let paths = Home::new(home.to_path_buf()).user(user);
    let mut conn = store::load(&paths, &identity).unwrap();
    store::attach_engine(&mut conn, &paths, &identity).unwrap();
    (conn, identity)
}

/// Writes `user`'s vault and its engine as a command would, and the summary a command's
/// write leaves beside them (without it, `whoami` would decrypt the vault until the
/// user's next write).
fn write_vault(
    home: &Path,
    user: &str,
    conn: &mut rusqlite::Connection,
    id: &age::x25519::Identity,
) {
    let paths = Home::new(home.to_path_buf()).user(user);
    store::save(&paths, conn, &id.to_public(), Some(id)).unwrap();
    summary::record(&paths, &id.to_string(), conn);
}

/// A payment from a made-up outside coin (`n` makes it unique) to `outputs`.
fn payment(n: u32, outputs: &[(&str, u64)]) -> Transaction {
    Transaction {
        version: transaction::Version::TWO,
        lock_time: absolute::LockTime::ZERO,
        input: vec![TxIn {
            previous_output: OutPoint {
                txid: Txid::hash(&n.to_be_bytes()),
                vout: 0,
            },
            script_sig: ScriptBuf::new(),
            sequence: Sequence::ENABLE_RBF_NO_LOCKTIME,
            witness: Witness::from_slice(&[vec![0x30; 71], vec![0x02; 33]]),
        }],
        output: outputs
            .iter()
            .map(|(a, sat)| TxOut {
                value: Amount::from_sat(*sat),
                script_pubkey: Address::from_str(a)
                    .unwrap()
                    .require_network(Network::Regtest)
                    .unwrap()
                    .script_pubkey(),
            })
            .collect(),
    }
}

fn addresses(h: &Bench, count: u32) -> Vec<String> {
    h.ok(&["addr", "new", "--count", &count.to_string()])["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["address"].as_str().unwrap().to_string())
        .collect()
}

/// Runs `args` once untimed, then `runs` times timed; (median, min, max).
fn time(h: &Bench, runs: usize, args: &[&str]) -> (Duration, Duration, Duration) {
    let mut ns = vec![];
    for i in 0..=runs {
        let t0 = Instant::now();
        let out = h.command(args).stdout(Stdio::null()).output().unwrap();
        let t = t0.elapsed();
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        if i > 0 {
            ns.push(t);
        }
    }
    ns.sort();
    (ns[ns.len() / 2], ns[0], ns[ns.len() - 1])
}

fn ms(d: Duration) -> String {
    format!("{:.1}", d.as_secs_f64() * 1000.0)
}

/// A wallet funded by one transaction paying 100 addresses, and an unsigned PSBT
/// spending all 100 coins.
fn hundred_inputs(h: &Bench) -> String {
    h.register("signer");
    h.ok(&[
        "wallet",
        "create",
        "w",
        "--network",
        "regtest",
        "--chains",
        "btc",
    ]);
    let addrs = addresses(h, 100);
    let outs: Vec<(&str, u64)> = addrs.iter().map(|a| (a.as_str(), 20_000)).collect();
    let tx = payment(1, &outs);
    let hex = bitcoin::consensus::encode::serialize_hex(&tx);
    h.ok(&[
        "receive",
        "import",
        "--tx",
        &hex,
        "--height",
        "101",
        "--block-time",
        "1769860800",
    ]);
    let psbt = h.file("pay.psbt");
    let payee = "bcrt1qw508d6qejxtdg4y5r3zarvary0c5xw7kygt080";
    let u = h.ok(&[
        "send",
        "--to",
        payee,
        "--max",
        "--fee",
        "2",
        "--unsigned-out",
        &psbt,
    ]);
    assert_eq!(u["review"]["inputs"], 100, "{u}");
    psbt
}

fn sign_row(h: &Bench, psbt: &str) -> (Duration, Duration, Duration) {
    let (out, pin) = (h.file("signed.psbt"), h.file("pin"));
    time(
        h,
        11,
        &[
            "send",
            "sign",
            psbt,
            "--out",
            &out,
            "--yes",
            "--pin-file",
            &pin,
        ],
    )
}

/// How many times the bulk row applies each size: one run of a few seconds swings with
/// the machine by a quarter or more, and the row's figure is a ratio of two sizes.
const BULK_RUNS: usize = 5;

/// The documented generator: for each of `sizes`, a user (production KDF profile) with
/// a regtest wallet of `n` addresses and `n` payments to them, as raw transactions in
/// the format `receive import` accepts, applied through the same library path
/// (`BtcWallet::apply_tx` and `save`) in one vault write instead of `n` commands. Nine
/// in ten are confirmed, in blocks of ten, one a minute from 2025-10-09; the rest
/// pending. Each size is prepared once ([`fresh`]) and applied [`BULK_RUNS`] times
/// ([`apply`], each run in a process of its own) from the same empty vault: every round
/// applies every size, in turn forwards and backwards, so that the machine's drift falls
/// on all of them alike. Each vault is left as its last run wrote it.
fn generated(sizes: &[usize]) -> Vec<Generated> {
    let mut gs: Vec<Generated> = sizes.iter().map(|&n| fresh(n)).collect();
    for round in 0..BULK_RUNS {
        let mut order: Vec<usize> = (0..gs.len()).collect();
        if round % 2 == 1 {
            order.reverse();
        }
        for i in order {
            apply(&mut gs[i]);
        }
    }
    gs
}

/// A user (production KDF) with a regtest wallet and `n` receive addresses handed out,
/// and a copy of their files as they are then (each [`apply`] starts from it).
fn fresh(n: usize) -> Generated {
    let big = Bench::new(false);
    big.register("big");
    big.ok(&[
        "wallet",
        "create",
        "w",
        "--network",
        "regtest",
        "--chains",
        "btc",
    ]);
    let addrs = addresses(&big, n as u32);
    std::fs::write(big.files.join("addresses"), addrs.join("\n")).unwrap();
    let empty = big.files.join("big-empty");
    cp(&big.user_dir("big"), &empty);
    Generated {
        bench: big,
        n,
        runs: vec![],
        txids: vec![],
        addrs,
        empty,
    }
}

/// Writes `g.n` payments to its addresses into its vault, from its empty copy, through
/// coffer's library in one write, as a first sync does: applies them (bdk_wallet),
/// saves (the same `save` every command uses) and writes the vault. Times these three,
/// in a process of its own ([`apply_alone`]), as a first sync is a command: it starts
/// with a fresh heap, and every page it touches is new to it. Run after run in the
/// bench's own process, each reused the memory the one before had freed, which
/// flattered the larger size: in one run (iteration build), a 100,000 run alone took
/// 139,000 page faults against 34,000 in the bench's process and 311 ms more, a 10,000
/// run 16,000 against none and 8 ms more. The ratio was 11.2 alone and 10.4 in the
/// bench's process.
fn apply(g: &mut Generated) {
    let (big, n) = (&g.bench, g.n);
    if !g.runs.is_empty() {
        cp(&g.empty, &big.user_dir("big"));
    }
    let out = Command::new(std::env::current_exe().unwrap())
        .env(ALONE, &big.home)
        .env(ALONE_ADDRS, big.files.join("addresses"))
        .env(ALONE_STATS, if g.runs.is_empty() { "1" } else { "0" })
        .stderr(Stdio::inherit())
        .output()
        .unwrap();
    assert!(out.status.success(), "the bulk run failed");
    let total = Duration::from_nanos(
        String::from_utf8(out.stdout)
            .unwrap()
            .trim()
            .parse()
            .unwrap(),
    );
    let b = big.ok(&["wallet", "balance"]);
    let sum: u64 = (0..n as u64).map(|i| 10_000 + i).sum();
    assert_eq!(b["items"][0]["total_sat"], sum, "{b}");
    g.runs.push(total);
    if g.txids.is_empty() {
        g.txids = (0..n)
            .map(|i| generated_tx(i, &g.addrs[i]).0.compute_txid())
            .collect();
    }
}

/// [`apply`]'s process: the home it writes in (the bench's, whose user "big" has a live
/// session), the file of the addresses to pay (one a line) and whether to print the
/// sizes of what it wrote.
const ALONE: &str = "COFFER_BENCH_APPLY_ALONE";
const ALONE_ADDRS: &str = "COFFER_BENCH_APPLY_ADDRESSES";
const ALONE_STATS: &str = "COFFER_BENCH_APPLY_STATS";

/// The `i`th payment of the generator, to `address`, and where it confirmed: nine in
/// ten in blocks of ten, one a minute from 2025-10-09; the rest pending.
fn generated_tx(i: usize, address: &str) -> (Transaction, Option<Confirmation>) {
    let tx = payment(i as u32 + 10, &[(address, 10_000 + i as u64)]);
    let confirmation = (i % 10 != 9).then_some(Confirmation {
        height: 1000 + (i / 10) as u32,
        time: 1_760_000_000 + i as u64 * 60,
        hash: None,
    });
    (tx, confirmation)
}

/// One run of [`apply`], in this process (started for it): pays the addresses listed
/// in `addresses` in `home`'s vault and returns the time it took; prints the sizes of
/// what it wrote when `stats`.
fn apply_alone(home: &Path, addresses: &Path, stats: bool) -> Duration {
    let addrs: Vec<String> = std::fs::read_to_string(addresses)
        .unwrap()
        .lines()
        .map(str::to_string)
        .collect();
    let n = addrs.len();
    let (mut conn, id) = open_vault(home, "big");
    let w = wallets::get(&conn, "w").unwrap();
    let account = w
        .accounts
        .iter()
        .find(|a| a.chain == coffer::chain::Chain::Btc)
        .unwrap();
    let mut bw = BtcWallet::open(&conn, account).unwrap();
    let mut txids = vec![];
    let t0 = Instant::now();
    let start = t0;
    for (i, a) in addrs.iter().enumerate() {
        let (tx, confirmation) = generated_tx(i, a);
        txids.push(tx.compute_txid());
        bw.apply_tx(tx, confirmation, 1_770_000_000);
    }
    let applied = t0.elapsed();
    let t0 = Instant::now();
    // In one SQL transaction, as a vault write runs its change (`Vault::write`).
    let tx = conn.transaction().unwrap();
    bw.save(&tx, &txids, 1_770_000_000_000).unwrap();
    tx.commit().unwrap();
    let saved = t0.elapsed();
    // As a command frees it (a large engine on a thread of its own).
    bw.free_apart();
    let t0 = Instant::now();
    write_vault(home, "big", &mut conn, &id);
    // Applying, saving (change set, raw transactions, history, balance and address rows)
    // and writing the vault: the one write of a first sync.
    let total = start.elapsed();
    eprintln!(
        "  {n}: applied in {applied:?}, saved in {saved:?}, vault written in {:?}: {total:?}",
        t0.elapsed()
    );
    if stats {
        for (what, sql) in [
            (
                "bdk change sets",
                "SELECT count(*), sum(length(data)) FROM engine.btc_changesets",
            ),
            (
                "history rows",
                "SELECT count(*), sum(length(txid) + length(amount) + coalesce(length(counterparty), 0)) FROM transactions",
            ),
            (
                "address rows",
                "SELECT count(*), sum(length(address)) FROM addresses",
            ),
            (
                "raw transactions",
                "SELECT count(*), sum(length(raw) + length(txid)) FROM engine.btc_txs",
            ),
        ] {
            let (rows, bytes): (i64, i64) = conn
                .query_row(sql, [], |r| Ok((r.get(0)?, r.get(1)?)))
                .unwrap();
            eprintln!(
                "  {what}: {rows} rows, {:.2} MB of payload",
                bytes as f64 / 1e6
            );
        }
    }
    total
}

/// Labels "bench" the transactions `picks` of a generated vault and the addresses they
/// pay, in one `labels import` (BIP-329 records with the wallet's origin, which the
/// export gives).
fn label_bench(g: &Generated, picks: &[usize]) {
    let h = &g.bench;
    let export = h.file("labels-export.jsonl");
    h.ok(&["labels", "export", "--out", &export]);
    let origin = std::fs::read_to_string(&export)
        .unwrap()
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .find_map(|r| r["origin"].as_str().map(str::to_string))
        .expect("a labels export record with an origin");
    let mut jsonl = String::new();
    for &i in picks {
        let txid = g.txids[i].to_string();
        for (kind, reference) in [("tx", txid.as_str()), ("addr", g.addrs[i].as_str())] {
            let r = serde_json::json!({
                "type": kind, "ref": reference, "label": "bench", "origin": origin,
            });
            jsonl.push_str(&format!("{r}\n"));
        }
    }
    let file = h.file("labels-bench.jsonl");
    std::fs::write(&file, jsonl).unwrap();
    h.ok(&["labels", "import", &file]);
    let found = h.ok(&["history", "--label", "bench", "--limit", "100"]);
    assert_eq!(found["total"], picks.len(), "{found}");
    let found = h.ok(&["addr", "list", "--label", "bench"]);
    assert_eq!(
        found["items"].as_array().map(Vec::len),
        Some(picks.len()),
        "{found}"
    );
}

/// A generated vault: its home, the times its `n` transactions took to apply, save and
/// write (one write, [`apply`]), transaction `i`'s id and the address it pays, and the
/// copy of the user's files before any transaction.
struct Generated {
    bench: Bench,
    n: usize,
    runs: Vec<Duration>,
    txids: Vec<Txid>,
    addrs: Vec<String>,
    empty: PathBuf,
}

impl Generated {
    /// The median of [`Generated::runs`].
    fn apply_and_save(&self) -> Duration {
        let mut runs = self.runs.clone();
        runs.sort();
        runs[runs.len() / 2]
    }
}

/// The bulk row of a generated vault: the median of its runs.
fn bulk_row(g: &Generated) -> Compared {
    Compared {
        command: "bulk apply: saving N new transactions in one write (the generator, \
                  coffer's library path)"
            .into(),
        counterpart: "(none)".into(),
        size: g.n,
        runs: g.runs.len(),
        coffer: g.apply_and_save(),
        cli: None,
        rss_kib: None,
    }
}

/// A generated vault of `n` transactions beside the node's watch-only wallet of `n`
/// receive entries (`wallet`), the same 50 transactions and addresses labelled "bench"
/// on both sides, and what the read rows name in them.
struct Prepared {
    n: usize,
    g: Generated,
    wallet: String,
    show_txid: String,
    node_txid: String,
    csv_out: String,
}

/// Generates the vault of `n` transactions (its bulk row goes to `compared`) and the
/// node's wallet beside it.
fn prepare(compared: &mut Vec<Compared>, node: &mut Bitcoind, g: Generated) -> Prepared {
    let n = g.n;
    compared.push(bulk_row(&g));
    let wallet = format!("w{n}");
    let node_addrs = node.wallet_with(&wallet, n);
    let picks: Vec<usize> = (0..n.min(50)).map(|k| k * n / n.min(50)).collect();
    label_bench(&g, &picks);
    for &i in &picks {
        node.call(Some(&wallet), &["setlabel", &node_addrs[i], "bench"]);
    }
    let show_txid = g.txids[n / 2].to_string();
    let node_txid = node.call(
        Some(&wallet),
        &["listtransactions", "*", "1", &(n / 2).to_string()],
    )[0]["txid"]
        .as_str()
        .unwrap()
        .to_string();
    let csv_out = g.bench.file("history.csv");
    Prepared {
        n,
        g,
        wallet,
        show_txid,
        node_txid,
        csv_out,
    }
}

/// A compared command: its runs, its name and its counterpart's, and for a prepared
/// size coffer's arguments and `bitcoin-cli`'s (whether on the size's wallet).
struct Pair {
    runs: usize,
    command: &'static str,
    counterpart: &'static str,
    coffer: fn(&Prepared) -> Vec<String>,
    cli: fn(&Prepared) -> (bool, Vec<String>),
}

fn strings(args: &[&str]) -> Vec<String> {
    args.iter().map(|a| a.to_string()).collect()
}

/// The commands compared with `bitcoin-cli`.
fn pairs() -> Vec<Pair> {
    fn pair(
        runs: usize,
        command: &'static str,
        counterpart: &'static str,
        coffer: fn(&Prepared) -> Vec<String>,
        cli: fn(&Prepared) -> (bool, Vec<String>),
    ) -> Pair {
        Pair {
            runs,
            command,
            counterpart,
            coffer,
            cli,
        }
    }
    vec![
        pair(
            21,
            "`--version` (the floor: start a process)",
            "`-version` (no RPC)",
            |_| strings(&["--version"]),
            |_| (false, strings(&["-version"])),
        ),
        pair(
            21,
            "`whoami --json`",
            "`getwalletinfo`",
            |_| strings(&["--json", "whoami"]),
            |_| (true, strings(&["getwalletinfo"])),
        ),
        pair(
            21,
            "`wallet balance --json`",
            "`getbalances`",
            |_| strings(&["--json", "wallet", "balance"]),
            |_| (true, strings(&["getbalances"])),
        ),
        pair(
            21,
            "`history --limit 50 --json`",
            "`listtransactions \"*\" 50`",
            |_| strings(&["--json", "history", "--limit", "50"]),
            |_| (true, strings(&["listtransactions", "*", "50"])),
        ),
        pair(
            21,
            "`history --label bench --limit 50 --json` (50 labelled)",
            "`listtransactions bench 50` (address label, 50 labelled)",
            |_| strings(&["--json", "history", "--label", "bench", "--limit", "50"]),
            |_| (true, strings(&["listtransactions", "bench", "50"])),
        ),
        pair(
            21,
            "`addr list --label bench --json` (50 of N)",
            "`getaddressesbylabel bench`",
            |_| strings(&["--json", "addr", "list", "--label", "bench"]),
            |_| (true, strings(&["getaddressesbylabel", "bench"])),
        ),
        pair(
            21,
            "`addr list --limit 50 --json` (the first page of N)",
            "`getaddressesbylabel bench` (50 addresses)",
            |_| strings(&["--json", "addr", "list", "--limit", "50"]),
            |_| (true, strings(&["getaddressesbylabel", "bench"])),
        ),
        pair(
            11,
            "`addr list --json` (all N)",
            "`listreceivedbyaddress 0 true`",
            |_| strings(&["--json", "addr", "list"]),
            |_| (true, strings(&["listreceivedbyaddress", "0", "true"])),
        ),
        pair(
            21,
            "`history show <txid> --json`",
            "`gettransaction <txid>`",
            |p| strings(&["--json", "history", "show", &p.show_txid]),
            |p| (true, strings(&["gettransaction", &p.node_txid])),
        ),
        pair(
            5,
            "`history export --format csv` (all N rows, to a file)",
            "`listtransactions \"*\" N`",
            |p| strings(&["history", "export", "--format", "csv", "--out", &p.csv_out]),
            |p| (true, strings(&["listtransactions", "*", &p.n.to_string()])),
        ),
        pair(
            21,
            "`addr new --json` (a write)",
            "`getnewaddress` (a write)",
            |_| strings(&["--json", "addr", "new"]),
            |_| (true, strings(&["getnewaddress"])),
        ),
    ]
}

/// The compared rows at every prepared size: each command is timed at all sizes in
/// the same rounds (see [`bitcoind::compare`]), so its growth column compares runs
/// made side by side, not minutes apart on a machine whose speed drifts.
fn compared_rows(compared: &mut Vec<Compared>, node: &Bitcoind, sizes: &[Prepared]) {
    for pair in pairs() {
        let sides: Vec<bitcoind::Side<'_>> = sizes
            .iter()
            .map(|p| {
                let coffer = (pair.coffer)(p);
                let (on_wallet, cli) = (pair.cli)(p);
                let wallet = on_wallet.then_some(p.wallet.as_str());
                bitcoind::Side {
                    size: p.n,
                    coffer: Box::new(move || {
                        let args: Vec<&str> = coffer.iter().map(String::as_str).collect();
                        p.g.bench.command(&args)
                    }),
                    cli: Box::new(move || {
                        let args: Vec<&str> = cli.iter().map(String::as_str).collect();
                        node.cli(wallet, &args)
                    }),
                }
            })
            .collect();
        bitcoind::compare(compared, pair.runs, pair.command, pair.counterpart, &sides);
    }
}

/// The other read rows on a prepared vault (timed alone, no counterpart), then its
/// node wallet unloaded.
fn other_rows(rows: &mut Vec<Row>, node: &Bitcoind, p: Prepared) {
    let Prepared { n, g, wallet, .. } = p;
    let big = &g.bench;
    let size = |f: &str| {
        std::fs::metadata(big.user_dir("big").join(f))
            .unwrap()
            .len() as f64
            / 1e6
    };
    let (vault, engine) = (size("vault.age"), size("engine.age"));
    let label = |what: &str| {
        format!("{what} ({n} transactions, {vault:.1} MB vault + {engine:.1} MB engine)")
    };
    node.call(None, &["unloadwallet", &wallet]);

    rows.push((
        label("history --since 2025-10-05 --min 0.00015 --limit 50 --json"),
        21,
        time(
            big,
            21,
            &[
                "--json",
                "history",
                "--since",
                "2025-10-05",
                "--min",
                "0.00015",
                "--limit",
                "50",
            ],
        ),
    ));
    // The status screen without its backends (no network in the figure): session,
    // stored balances, pending and held transactions, security state.
    rows.push((
        label("status --offline --json"),
        21,
        time(big, 21, &["--json", "status", "--offline"]),
    ));
    // Backups to an age recipient: no passphrase KDF in the figure.
    let id = age::x25519::Identity::generate();
    let id_file = big.file("backup-identity.txt");
    {
        use secrecy::ExposeSecret as _;
        std::fs::write(&id_file, id.to_string().expose_secret()).unwrap();
    }
    let backup = big.file("backup.age");
    let recipient = id.to_public().to_string();
    rows.push((
        label("backup create --recipient"),
        5,
        time(
            big,
            5,
            &[
                "backup",
                "create",
                "--recipient",
                &recipient,
                "--out",
                &backup,
            ],
        ),
    ));
    rows.push((
        label("backup verify --identity"),
        5,
        time(
            big,
            5,
            &["backup", "verify", &backup, "--identity", &id_file],
        ),
    ));
    if std::env::var_os("COFFER_BENCH_KEEP").is_some() {
        eprintln!("kept: COFFER_HOME={}", big.home.display());
        std::mem::forget(g);
    }
}

type Row = (String, usize, (Duration, Duration, Duration));

/// The "abandon … about" test mnemonic: every imported wallet of the network rows.
const WORDS: &str =
    "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about";

/// `n` from `COFFER_BENCH_TXS` (default 1,000): the transactions of the network rows.
fn network_txs() -> usize {
    std::env::var("COFFER_BENCH_TXS")
        .ok()
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(1_000)
}

/// A user (production KDF profile) with the imported "abandon … about" wallet `w` on
/// `chains` (regtest for Bitcoin): no birth date, so its first sync reads from genesis
/// (block 0) and finds its addresses through the gap limit.
fn imported(user: &str, chains: &str) -> Bench {
    let h = Bench::new(false);
    h.register(user);
    std::fs::write(h.files.join("words"), format!("{WORDS}\n")).unwrap();
    let words = h.file("words");
    h.ok(&[
        "wallet",
        "import",
        "w",
        "--mnemonic-file",
        &words,
        "--chains",
        chains,
        "--network",
        "regtest",
    ]);
    h
}

/// Copies a directory tree (`cp -a`), replacing `to`.
fn cp(from: &PathBuf, to: &PathBuf) {
    let _ = std::fs::remove_dir_all(to);
    let ok = Command::new("cp")
        .arg("-a")
        .arg(from)
        .arg(to)
        .status()
        .unwrap();
    assert!(ok.success());
}

/// Times `wallet sync --json` `runs` times, each from a copy of the home as it was
/// before the first (so every run is a first sync); `check` looks at each answer. Pushes
/// the row `label`; when a sync fails (the backend refuses: a server's own limits), the
/// row says so with coffer's error instead of figures (runs 0), the rows after it still
/// run, and it returns false.
fn first_sync(
    rows: &mut Vec<Row>,
    label: String,
    h: &Bench,
    runs: usize,
    check: impl Fn(&serde_json::Value),
    mut before_run: impl FnMut(),
) -> bool {
    let before = h.files.join("home-before-sync");
    cp(&h.home, &before);
    let mut ns = vec![];
    for run in 1..=runs {
        cp(&before, &h.home);
        before_run();
        let t0 = Instant::now();
        let out = h.command(&["--json", "wallet", "sync"]).output().unwrap();
        let t = t0.elapsed();
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
            panic!("wallet sync: {e}: {}", String::from_utf8_lossy(&out.stdout))
        });
        if !out.status.success() {
            let why = format!(
                "FAILED on run {run} of {runs} after {} ms (exit {:?}): {}",
                ms(t),
                out.status.code(),
                v["error"]["message"].as_str().unwrap_or("?")
            );
            eprintln!("  {label}: {why}");
            let zero = Duration::ZERO;
            rows.push((format!("{label} — {why}"), 0, (zero, zero, zero)));
            return false;
        }
        ns.push(t);
        check(&v["data"]);
    }
    ns.sort();
    rows.push((label, runs, (ns[runs / 2], ns[0], ns[runs - 1])));
    true
}

/// Bitcoin `wallet sync` on a real regtest node (`-txindex`): `n` blocks after the
/// miner's 101, each paying the next of `n` addresses of the imported "abandon … about"
/// wallet. Rows: the imported wallet's first sync through Core RPC (a block scan from
/// genesis) and through ElectrumX indexing that node (a gap-limit scan of the
/// addresses' histories), each from a fresh copy of the home; an up-to-date sync
/// through the node; the round trip of a broadcast (`send broadcast` of a signed
/// transaction the node already holds: coffer's work plus one sendrawtransaction).
fn sync_rows(rows: &mut Vec<Row>, payments: usize) {
    use bdk_bitcoind_rpc::bitcoincore_rpc::{Auth, Client, RpcApi as _};
    use serde_json::json;
    let node = node::Node::start_with(&["-txindex"]);
    let rpc = Client::new(&node.url(), Auth::CookieFile(node.cookie())).unwrap();
    let call = |c: &Client, m: &str, args: &[serde_json::Value]| -> serde_json::Value {
        c.call(m, args).unwrap_or_else(|e| panic!("{m}: {e}"))
    };
    call(&rpc, "createwallet", &[json!("miner")]);
    let miner = Client::new(
        &format!("{}/wallet/miner", node.url()),
        Auth::CookieFile(node.cookie()),
    )
    .unwrap();
    let to = call(&miner, "getnewaddress", &[]);
    call(&rpc, "generatetoaddress", &[json!(101), to.clone()]);

    // The wallet's first `payments` receive addresses, revealed in a scratch home (the
    // measured homes reveal nothing before their sync).
    let addrs = addresses(&imported("scratch", "btc"), payments as u32);
    let t0 = Instant::now();
    for (i, a) in addrs.iter().enumerate() {
        let amount = format!("0.00{:06}", 100_000 + i);
        call(&miner, "sendtoaddress", &[json!(a), json!(amount)]);
        call(&rpc, "generatetoaddress", &[json!(1), to.clone()]);
    }
    eprintln!(
        "  {payments} payments in {payments} blocks: {:?}",
        t0.elapsed()
    );
    let total: u64 = (0..payments as u64).map(|i| 100_000 + i).sum();
    let check = |s: &serde_json::Value| {
        assert_eq!(s["bitcoin"][0]["transactions"], payments, "{s}");
    };

    // Through Core RPC.
    let h = imported("node", "btc");
    let cookie = node.cookie();
    h.ok(&[
        "wallet",
        "backend",
        "set",
        "btc",
        "--network",
        "regtest",
        "--rpc",
        &node.url(),
        "--rpc-cookie",
        cookie.to_str().unwrap(),
    ]);
    let runs = 5;
    let label = format!(
        "wallet sync, first, imported wallet, Core RPC: {payments} transactions in \
         {payments} (+101) blocks read from genesis"
    );
    let synced = first_sync(
        rows,
        label,
        &h,
        runs,
        |s| {
            check(s);
            // An imported wallet has no birth date: its first sync reads every block after
            // genesis.
            let b = &s["bitcoin"][0];
            assert_eq!(b["from_height"], 1, "{s}");
            assert_eq!(b["blocks"], b["tip"], "{s}");
        },
        || {},
    );
    assert!(synced, "the node's own sync must work");
    let b = h.ok(&["wallet", "balance"]);
    assert_eq!(b["items"][0]["confirmed_sat"], total, "{b}");

    // Through ElectrumX on the same node.
    let tip = call(&rpc, "getblockcount", &[]).as_u64().unwrap();
    let t0 = Instant::now();
    let mut server = electrum::Electrumx::start(&node);
    eprintln!("  ElectrumX indexed {tip} blocks: {:?}", t0.elapsed());
    let e = imported("electrum", "btc");
    e.ok(&[
        "wallet",
        "backend",
        "set",
        "btc",
        "--network",
        "regtest",
        "--electrum",
        &server.url(),
    ]);
    // ElectrumX runs with its default per-session resource limits (COST_SOFT_LIMIT,
    // REQUEST_TIMEOUT…), as a public server would: past them it delays requests and
    // answers "server busy". It keeps the costs of a client's sessions by IP address, so
    // each run is a first sync against a server that has not seen the client: it is
    // restarted (same port and index) before each.
    let requests = std::cell::Cell::new(0u64);
    let label = format!(
        "wallet sync, first, imported wallet, ElectrumX: {payments} transactions on \
         {payments} addresses"
    );
    let check_e = |s: &serde_json::Value| {
        check(s);
        requests.set(s["bitcoin"][0]["requests"].as_u64().unwrap_or(0));
    };
    if first_sync(rows, label, &e, runs, check_e, || server.restart(&node)) {
        eprintln!("  ElectrumX: {} requests per first sync", requests.get());
        if let Some(row) = rows.last_mut() {
            row.0.push_str(&format!(" ({} requests)", requests.get()));
        }
        let b = e.ok(&["wallet", "balance"]);
        assert_eq!(b["items"][0]["confirmed_sat"], total, "{b}");
    }
    drop(server);

    rows.push((
        format!("wallet sync, up to date, Core RPC ({payments} transactions)"),
        11,
        time(&h, 11, &["wallet", "sync", "--json"]),
    ));

    let raw = h.file("pay.hex");
    let pin = h.file("pin");
    let payee = call(&miner, "getnewaddress", &[]);
    h.ok(&[
        "send",
        "--to",
        payee.as_str().unwrap(),
        "--amount",
        "0.01",
        "--fee",
        "2",
        "--no-broadcast",
        "--raw-out",
        &raw,
        "--yes",
        "--pin-file",
        &pin,
    ]);
    rows.push((
        format!("send broadcast (round trip to the node; {payments} transactions)"),
        11,
        time(&h, 11, &["send", "broadcast", &raw, "--json"]),
    ));
    let mempool = call(&rpc, "getrawmempool", &[]);
    assert_eq!(mempool.as_array().unwrap().len(), 1, "{mempool}");
}

/// anvil's first default account (it signs for it), which pays the wallet.
const DEPLOYER: &str = "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266";
/// anvil's second default account, which the wallet pays.
const PAYEE: &str = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";

/// The Ethereum address `m/44'/60'/0'/0/i` of the "abandon … about" mnemonic.
fn eth_address(i: u32) -> String {
    use coffer::chain::{btc, eth};
    let m = btc::parse_mnemonic(WORDS).unwrap();
    let master = btc::master(&btc::seed(&m, "")[..], coffer::chain::Network::Bitcoin).unwrap();
    let secp = bitcoin::secp256k1::Secp256k1::new();
    eth::derive_address(&secp, &master, i)
        .unwrap()
        .to_checksum(None)
}

/// A loopback JSON-RPC proxy in front of `upstream` that answers `ots_*` with "method
/// not found" (an endpoint without the Otterscan API: coffer falls back to the block
/// scan) and forwards the rest; its URL.
fn without_ots(upstream: &str) -> String {
    use std::io::{BufRead as _, BufReader, Read as _, Write as _};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let upstream = upstream.to_string();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            let mut length = 0;
            loop {
                let mut line = String::new();
                if reader.read_line(&mut line).unwrap_or(0) == 0 {
                    break;
                }
                if let Some(v) = line.to_ascii_lowercase().strip_prefix("content-length:") {
                    length = v.trim().parse().unwrap_or(0);
                }
                if line == "\r\n" {
                    break;
                }
            }
            let mut body = vec![0; length];
            if reader.read_exact(&mut body).is_err() {
                continue;
            }
            let request: serde_json::Value =
                serde_json::from_slice(&body).unwrap_or(serde_json::Value::Null);
            let answer = if request["method"]
                .as_str()
                .is_some_and(|m| m.starts_with("ots_"))
            {
                serde_json::json!({ "jsonrpc": "2.0", "id": request["id"], "error":
                    { "code": -32601, "message": "the method does not exist/is not available" } })
                .to_string()
            } else {
                minreq::post(&upstream)
                    .with_timeout(30)
                    .with_header("Content-Type", "application/json")
                    .with_body(body)
                    .send()
                    .unwrap()
                    .as_str()
                    .unwrap()
                    .to_string()
            };
            let _ = write!(
                stream,
                "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{answer}",
                answer.len()
            );
        }
    });
    url
}

/// Ethereum `wallet sync` on anvil: `n` ether transfers in `n` blocks (automine), nine
/// in ten from anvil's deployer to the first ten addresses of the imported
/// "abandon … about" wallet, one in ten from one of those to anvil's second account.
/// Rows: the imported wallet's first sync through the Otterscan API (`ots_*`, which
/// anvil serves) and through the block scan (the same node behind a loopback proxy
/// that refuses `ots_*`), each from a fresh copy of the home.
fn eth_rows(rows: &mut Vec<Row>, transfers: usize) {
    use serde_json::json;
    const CHAIN: u64 = 31337;
    let node = anvil::Anvil::start(CHAIN);
    let ours: Vec<String> = (0..10).map(eth_address).collect();
    for a in &ours {
        node.result("anvil_impersonateAccount", json!([a]));
    }
    let t0 = Instant::now();
    let mut last = serde_json::Value::Null;
    for i in 0..transfers {
        let (from, to, wei) = if i % 10 == 9 {
            (
                ours[(i / 10) % 9].as_str(),
                PAYEE,
                1_000_000_000u64 + i as u64,
            )
        } else {
            (
                DEPLOYER,
                ours[i % 10].as_str(),
                10_000_000_000_000_000 + i as u64,
            )
        };
        last = node.result(
            "eth_sendTransaction",
            json!([{ "from": from, "to": to, "value": format!("{wei:#x}") }]),
        );
    }
    assert_eq!(node.receipt(&last)["status"], "0x1");
    eprintln!(
        "  {transfers} transfers in {transfers} blocks: {:?}",
        t0.elapsed()
    );
    let total: u128 = ours.iter().map(|a| node.balance(a)).sum();
    let check = |s: &serde_json::Value, path: &str| {
        let item = &s["items"][0];
        assert_eq!(item["history"], path, "{s}");
        assert_eq!(item["scanned"]["from"], 0, "{s}");
        assert_eq!(item["balance_wei"], total.to_string(), "{s}");
        assert_eq!(
            item["transfers"].as_array().map(Vec::len),
            Some(transfers),
            "{s}"
        );
    };
    let runs = 5;
    for (label, path, url) in [
        ("Otterscan API (ots_*)", "otterscan", node.url.clone()),
        (
            "block scan (no ots_*)",
            "block-scan",
            without_ots(&node.url),
        ),
    ] {
        let h = imported("eth", "eth");
        h.ok(&[
            "wallet",
            "backend",
            "set",
            "eth",
            "--chain-id",
            &CHAIN.to_string(),
            "--rpc",
            &url,
        ]);
        let label = format!(
            "wallet sync, first, imported wallet, {label}: {transfers} transfers in \
             {transfers} blocks"
        );
        first_sync(rows, label, &h, runs, |s| check(s, path), || {});
    }
}

fn main() {
    // One bulk run, in a process of its own (see `apply`).
    if let Some(home) = std::env::var_os(ALONE) {
        let addresses = std::env::var_os(ALONE_ADDRS).expect(ALONE_ADDRS);
        let stats = std::env::var_os(ALONE_STATS).is_some_and(|v| v == "1");
        let took = apply_alone(Path::new(&home), Path::new(&addresses), stats);
        println!("{}", took.as_nanos());
        return;
    }
    // `cargo bench` passes flags such as --bench; this harness takes none.
    // The comparison rows need a regtest node and GNU time: say so before any work.
    bitcoind::check_environment();
    let mut rows = vec![];
    // COFFER_BENCH_TXS=100 for smaller network rows (default 1,000).
    let txs = network_txs();
    let only_network = std::env::var_os("COFFER_BENCH_ONLY_NETWORK").is_some();
    if only_network || std::env::var_os("COFFER_BENCH_ONLY_SYNC").is_some() {
        eprintln!("wallet bench: Bitcoin sync against a regtest node and ElectrumX");
        sync_rows(&mut rows, txs);
        if only_network {
            eprintln!("wallet bench: Ethereum sync against anvil");
            eth_rows(&mut rows, txs);
        }
        print_rows(rows);
        return;
    }

    // COFFER_BENCH_SIZES=10000 (comma-separated) to run fewer or other sizes.
    let sizes: Vec<usize> = std::env::var("COFFER_BENCH_SIZES")
        .ok()
        .map(|v| v.split(',').filter_map(|n| n.trim().parse().ok()).collect())
        .unwrap_or_else(|| vec![10_000, 100_000]);
    // COFFER_BENCH_ONLY_APPLY=1: only the generator's one write at each size (no node).
    if std::env::var_os("COFFER_BENCH_ONLY_APPLY").is_some() {
        eprintln!("wallet bench: applying {sizes:?} generated transactions in one write");
        let gs = generated(&sizes);
        let compared: Vec<Compared> = gs.iter().map(bulk_row).collect();
        for g in gs {
            let mut runs = g.runs.clone();
            runs.sort();
            rows.push((
                format!(
                    "apply, save and write {} new transactions in one write (library path)",
                    g.n
                ),
                runs.len(),
                (g.apply_and_save(), runs[0], runs[runs.len() - 1]),
            ));
            if std::env::var_os("COFFER_BENCH_KEEP").is_some() {
                eprintln!("kept: COFFER_HOME={}", g.bench.home.display());
                std::mem::forget(g);
            }
        }
        print_rows(rows);
        print!("{}", bitcoind::table(&compared));
        return;
    }
    eprintln!("wallet bench: starting a regtest bitcoind for the bitcoin-cli counterparts");
    let mut compared = vec![];
    let whoami;
    {
        let mut node = Bitcoind::start();
        eprintln!("wallet bench: generating {sizes:?} transactions (production KDF profile)");
        let mut prepared = vec![];
        for g in generated(&sizes) {
            eprintln!("wallet bench: {} transactions beside the node", g.n);
            prepared.push(prepare(&mut compared, &mut node, g));
        }
        eprintln!("wallet bench: the reads beside bitcoin-cli, every size in each round");
        compared_rows(&mut compared, &node, &prepared);
        whoami = whoami_over_version(&prepared, 41);
        // Grouped by size, as the table reads.
        compared.sort_by_key(|c| c.size);
        for p in prepared {
            other_rows(&mut rows, &node, p);
        }
    }
    // COFFER_BENCH_ONLY_READS=1: only the read rows and their comparison.
    if std::env::var_os("COFFER_BENCH_ONLY_READS").is_some() {
        print_rows(rows);
        print!("{}", bitcoind::table(&compared));
        println!("{whoami}");
        return;
    }
    eprintln!("wallet bench: send sign, 100 inputs");
    let fast = Bench::new(true);
    let psbt = hundred_inputs(&fast);
    rows.push((
        "send sign, 100 inputs (test-profile PIN: signing work)".into(),
        11,
        sign_row(&fast, &psbt),
    ));
    let slow = Bench::new(false);
    let psbt = hundred_inputs(&slow);
    rows.push((
        "send sign, 100 inputs (production PIN KDF)".into(),
        11,
        sign_row(&slow, &psbt),
    ));

    eprintln!("wallet bench: Bitcoin sync against a regtest node and ElectrumX");
    sync_rows(&mut rows, txs);
    eprintln!("wallet bench: Ethereum sync against anvil");
    eth_rows(&mut rows, txs);
    print_rows(rows);
    print!("{}", bitcoind::table(&compared));
    println!("{whoami}");
}

/// `whoami --json` against `--version` on each prepared vault, the two in turn
/// (`runs` each after a warm-up, which goes first alternating), with nothing between
/// them: the ratio of their medians. The compared rows time each beside its
/// bitcoin-cli counterpart, whose work differs (`getwalletinfo` is an RPC, `-version`
/// none).
fn whoami_over_version(prepared: &[Prepared], runs: usize) -> String {
    let ratios: Vec<String> = prepared
        .iter()
        .map(|p| {
            let h = &p.g.bench;
            let (mut version, mut whoami) = (vec![], vec![]);
            for i in 0..=runs {
                let mut pair = [
                    (&["--version"][..], &mut version),
                    (&["--json", "whoami"][..], &mut whoami),
                ];
                if i % 2 == 1 {
                    pair.reverse();
                }
                for (args, times) in pair {
                    let t0 = Instant::now();
                    let out = h.command(args).stdout(Stdio::null()).output().unwrap();
                    let t = t0.elapsed();
                    assert!(out.status.success(), "{args:?}");
                    if i > 0 {
                        times.push(t);
                    }
                }
            }
            let median = |mut v: Vec<Duration>| {
                v.sort();
                v[v.len() / 2].as_secs_f64()
            };
            format!("{:.2} at {}", median(whoami) / median(version), p.n)
        })
        .collect();
    format!(
        "`whoami --json` / `--version`, the two in turn with nothing between them ({runs} runs each): {}",
        ratios.join(", ")
    )
}

/// How much code `link/order.ld` placed in the benchmarked binary: the size of its
/// `.text.hot` section (about 3.5 MB when scripts/orderfile.sh has just made the
/// script; much less when its functions have been renamed since).
fn placed_code() -> String {
    let out = Command::new("readelf")
        .args(["-SW", env!("CARGO_BIN_EXE_coffer")])
        .output();
    let Some(out) = out.ok().filter(|o| o.status.success()) else {
        return "unknown (`readelf` did not run)".into();
    };
    let out = String::from_utf8_lossy(&out.stdout);
    // `[15] .text.hot PROGBITS <address> <offset> <size> ...`
    let size = out.lines().find_map(|l| {
        let words: Vec<&str> = l.split_whitespace().collect();
        let at = words.iter().position(|w| *w == ".text.hot")?;
        u64::from_str_radix(words.get(at + 4)?, 16).ok()
    });
    match size {
        Some(n) => format!("{:.2} MB", n as f64 / 1e6),
        None => "none (no .text.hot section)".into(),
    }
}

fn print_rows(rows: Vec<Row>) {
    println!();
    println!("coffer wallet bench ({})", env!("CARGO_BIN_EXE_coffer"));
    println!();
    println!(
        "code placed by link/order.ld (.text.hot) in this binary: {}",
        placed_code()
    );
    println!();
    println!("| command | runs | median ms | min ms | max ms |");
    println!("|---|---:|---:|---:|---:|");
    for (name, runs, (median, min, max)) in rows {
        if runs == 0 {
            println!("| {name} | 0 | failed | | |");
            continue;
        }
        println!(
            "| {name} | {runs} | {} | {} | {} |",
            ms(median),
            ms(min),
            ms(max)
        );
    }
}
