//! The `bitcoin-cli` side of the wallet bench's comparison table: a regtest `bitcoind`
//! from `../shared/bitcoin-core` (or `$COFFER_BITCOIN_BIN`) with its data directory in
//! a temporary directory of the bench (loopback only, stopped and removed on drop),
//! watch-only wallets with as many receive entries as the coffer vaults, and the
//! interleaved timing of a coffer command beside its `bitcoin-cli` counterpart with
//! coffer's peak RSS (`/usr/bin/time -f %M`).

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// Where peak RSS comes from: GNU time's `%M` (KiB).
pub const TIME_BIN: &str = "/usr/bin/time";

/// The directory of `bitcoind` and `bitcoin-cli`: `$COFFER_BITCOIN_BIN`, else the
/// shared build next to the checkout (as the tests find it).
pub fn bin_dir() -> PathBuf {
    std::env::var_os("COFFER_BITCOIN_BIN")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/bitcoin-core/bin")
        })
}

/// Panics with what is missing unless `bitcoind`, `bitcoin-cli` and `/usr/bin/time`
/// are there: the comparison rows need all three.
pub fn check_environment() {
    let dir = bin_dir();
    for b in ["bitcoind", "bitcoin-cli"] {
        assert!(
            dir.join(b).is_file(),
            "wallet bench: {b} not found in {} (set COFFER_BITCOIN_BIN to the directory of \
             bitcoind and bitcoin-cli): the comparison rows need a regtest node",
            dir.display()
        );
    }
    assert!(
        Path::new(TIME_BIN).is_file(),
        "wallet bench: {TIME_BIN} not found (GNU time, Debian package `time`): it measures \
         coffer's peak RSS"
    );
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// Starts `bitcoind` on `datadir`, loopback only.
fn spawn(bin: &Path, datadir: &Path, rpc_port: u16, p2p_port: u16, unsafe_sync: bool) -> Child {
    let mut c = Command::new(bin.join("bitcoind"));
    c.args([
        "-regtest",
        "-daemon=0",
        &format!("-datadir={}", datadir.display()),
        &format!("-rpcport={rpc_port}"),
        &format!("-port={p2p_port}"),
        "-bind=127.0.0.1",
        "-rpcbind=127.0.0.1",
        "-rpcallowip=127.0.0.1",
        "-dnsseed=0",
        "-fixedseeds=0",
        "-printtoconsole=0",
        "-fallbackfee=0.0002",
    ]);
    if unsafe_sync {
        c.arg("-unsafesqlitesync");
    }
    c.stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("starting bitcoind")
}

/// A running regtest node with a funder wallet.
pub struct Bitcoind {
    child: Child,
    _dir: tempfile::TempDir,
    datadir: PathBuf,
    rpc_port: u16,
    bin: PathBuf,
    funder: String,
    /// Whether it runs with `-unsafesqlitesync` (while wallets are built).
    unsafe_sync: bool,
    /// The wallets `wallet_with` built, loaded again at each restart (every size's
    /// wallet stays loaded while the reads of all sizes are timed).
    built: Vec<String>,
}

impl Bitcoind {
    /// Starts the node (data in a new temporary directory), waits for its RPC, and
    /// creates the wallet "funder" with 101 blocks mined to it. The node starts with
    /// `-unsafesqlitesync` (no fsync of wallet writes) while wallets are built; each
    /// `wallet_with` restarts it without before the measured runs.
    pub fn start() -> Bitcoind {
        let bin = bin_dir();
        let dir = tempfile::Builder::new()
            .prefix("coffer-bench-bitcoind")
            .tempdir()
            .unwrap();
        let datadir = dir.path().to_path_buf();
        let rpc_port = free_port();
        let mut node = Bitcoind {
            child: spawn(&bin, &datadir, rpc_port, free_port(), true),
            _dir: dir,
            datadir,
            rpc_port,
            bin,
            funder: String::new(),
            unsafe_sync: true,
            built: vec![],
        };
        node.wait_ready();
        node.call(None, &["createwallet", "funder"]);
        let a = node.call(Some("funder"), &["getnewaddress"]);
        node.funder = a.as_str().unwrap().to_string();
        node.mine(101);
        node
    }

    fn wait_ready(&self) {
        let deadline = Instant::now() + Duration::from_secs(60);
        loop {
            let out = self
                .cli(None, &["getblockchaininfo"])
                .stderr(Stdio::piped())
                .output()
                .unwrap();
            if out.status.success() {
                return;
            }
            assert!(
                Instant::now() < deadline,
                "bitcoind did not come up: {}",
                String::from_utf8_lossy(&out.stderr)
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Stops the node and starts it again on the same data (and ports), with or
    /// without `-unsafesqlitesync`, loading "funder" and the wallets built so far.
    fn restart(&mut self, unsafe_sync: bool) {
        self.stop();
        let p2p = free_port();
        self.child = spawn(&self.bin, &self.datadir, self.rpc_port, p2p, unsafe_sync);
        self.wait_ready();
        self.call(None, &["loadwallet", "funder"]);
        for w in &self.built {
            self.call(None, &["loadwallet", w]);
        }
    }

    fn stop(&mut self) {
        let stopped = self
            .cli(None, &["stop"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        if !stopped {
            let _ = self.child.kill();
        }
        let _ = self.child.wait();
    }

    /// `bitcoin-cli` for this node (and `wallet`), output discarded unless asked.
    pub fn cli(&self, wallet: Option<&str>, args: &[&str]) -> Command {
        let mut c = Command::new(self.bin.join("bitcoin-cli"));
        c.arg("-regtest")
            .arg(format!("-datadir={}", self.datadir.display()))
            .arg(format!("-rpcport={}", self.rpc_port));
        if let Some(w) = wallet {
            c.arg(format!("-rpcwallet={w}"));
        }
        c.args(args).stdin(Stdio::null());
        c
    }

    /// Runs an RPC; its answer as JSON (a bare string answer as a JSON string).
    pub fn call(&self, wallet: Option<&str>, args: &[&str]) -> serde_json::Value {
        let out = self.cli(wallet, args).output().unwrap();
        assert!(
            out.status.success(),
            "bitcoin-cli {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let text = String::from_utf8_lossy(&out.stdout);
        serde_json::from_str(&text)
            .unwrap_or_else(|_| serde_json::Value::String(text.trim().to_string()))
    }

    fn mine(&self, blocks: u32) {
        self.call(
            None,
            &["generatetoaddress", &blocks.to_string(), &self.funder],
        );
    }

    /// Creates the watch-only wallet `name` whose receive descriptor is active over
    /// the range 0..n, and pays each of those `n` addresses once, `10,000 + i`
    /// satoshis to address `i` as the coffer generator does, in transactions of 1,000
    /// outputs (one block each). Checks that `listtransactions` has `n` entries. Returns
    /// the addresses.
    pub fn wallet_with(&mut self, name: &str, n: usize) -> Vec<String> {
        assert!(n > 0);
        let t0 = Instant::now();
        if !self.unsafe_sync {
            self.restart(true);
            self.unsafe_sync = true;
        }
        // A descriptor of a throwaway wallet, unloaded at once (it would see the
        // payments too).
        let keys = format!("{name}-keys");
        self.call(None, &["createwallet", &keys]);
        let descriptors = self.call(Some(&keys), &["listdescriptors"]);
        self.call(None, &["unloadwallet", &keys]);
        let desc = descriptors["descriptors"]
            .as_array()
            .unwrap()
            .iter()
            .find(|d| {
                d["internal"] == false && d["desc"].as_str().is_some_and(|s| s.starts_with("wpkh("))
            })
            .expect("a wpkh receive descriptor")["desc"]
            .as_str()
            .unwrap()
            .to_string();
        let range = format!("[0,{}]", n - 1);
        self.call(None, &["createwallet", name, "true", "true"]);
        let import = serde_json::json!([{
            "desc": desc, "range": [0, n - 1], "timestamp": "now",
            "active": true, "internal": false,
        }]);
        let r = self.call(Some(name), &["importdescriptors", &import.to_string()]);
        assert_eq!(r[0]["success"], true, "{r}");
        let addrs: Vec<String> = self
            .call(None, &["deriveaddresses", &desc, &range])
            .as_array()
            .unwrap()
            .iter()
            .map(|a| a.as_str().unwrap().to_string())
            .collect();
        assert_eq!(addrs.len(), n);
        eprintln!("  bitcoind {name}: {n} keys imported in {:?}", t0.elapsed());
        let t0 = Instant::now();
        for (c, chunk) in addrs.chunks(1000).enumerate() {
            let outputs: serde_json::Map<String, serde_json::Value> = chunk
                .iter()
                .enumerate()
                .map(|(j, a)| {
                    let sat = 10_000 + (c * 1000 + j) as u64;
                    let btc = format!("{}.{:08}", sat / 100_000_000, sat % 100_000_000);
                    (a.clone(), serde_json::Value::String(btc))
                })
                .collect();
            let outputs = serde_json::Value::Object(outputs).to_string();
            self.call(Some("funder"), &["sendmany", "", &outputs]);
            self.mine(1);
        }
        let info = self.call(Some(name), &["getwalletinfo"]);
        assert_eq!(info["txcount"], n.div_ceil(1000), "{info}");
        let all = self.call(Some(name), &["listtransactions", "*", &n.to_string()]);
        assert_eq!(all.as_array().map(Vec::len), Some(n), "listtransactions");
        let balance = self.call(Some(name), &["getbalances"]);
        let total: u64 = (0..n as u64).map(|i| 10_000 + i).sum();
        let trusted = balance["mine"]["trusted"].as_f64().unwrap();
        assert_eq!((trusted * 1e8).round() as u64, total, "{balance}");
        eprintln!(
            "  bitcoind {name}: {n} receive entries in {} transactions, funded in {:?}",
            info["txcount"],
            t0.elapsed()
        );
        // The measured runs with the node's normal (fsynced) wallet writes.
        self.built.push(name.to_string());
        self.restart(false);
        self.unsafe_sync = false;
        addrs
    }
}

impl Drop for Bitcoind {
    fn drop(&mut self) {
        self.stop();
    }
}

/// The median of `ns` (the upper one of an even count), sorted in place.
pub fn median(ns: &mut [Duration]) -> Duration {
    ns.sort();
    ns[ns.len() / 2]
}

/// Runs `cmd` and panics with its stderr unless it succeeds; output discarded.
fn run(mut cmd: Command, what: &str) -> Duration {
    cmd.stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    let t0 = Instant::now();
    let out = cmd.output().unwrap();
    let t = t0.elapsed();
    assert!(
        out.status.success(),
        "{what}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    t
}

/// The peak RSS (KiB) of one run of `cmd` under `/usr/bin/time -f %M` (same program,
/// arguments and environment).
pub fn peak_rss_kib(cmd: &Command, what: &str) -> u64 {
    let out = tempfile::NamedTempFile::new().unwrap();
    let mut t = Command::new(TIME_BIN);
    t.arg("-f")
        .arg("%M")
        .arg("-o")
        .arg(out.path())
        .arg(cmd.get_program())
        .args(cmd.get_args());
    for (k, v) in cmd.get_envs() {
        match v {
            Some(v) => t.env(k, v),
            None => t.env_remove(k),
        };
    }
    run(t, what);
    let text = std::fs::read_to_string(out.path()).unwrap();
    text.lines()
        .last()
        .and_then(|l| l.trim().parse().ok())
        .unwrap_or_else(|| panic!("{what}: {TIME_BIN} wrote {text:?}"))
}

/// One row of the comparison table.
pub struct Compared {
    pub command: String,
    pub counterpart: String,
    pub size: usize,
    pub runs: usize,
    pub coffer: Duration,
    pub cli: Option<Duration>,
    pub rss_kib: Option<u64>,
}

/// One size of a compared command: how to run coffer and its `bitcoin-cli`
/// counterpart on the vault and the node wallet of that size.
pub struct Side<'a> {
    pub size: usize,
    pub coffer: Box<dyn Fn() -> Command + 'a>,
    pub cli: Box<dyn Fn() -> Command + 'a>,
}

/// Times each side's `coffer()` and `cli()` `runs` times (5 when any warm-up took over
/// a second), after one untimed warm-up of each, then one more coffer run per side
/// under `/usr/bin/time` for its peak RSS; one row per side. The runs are interleaved:
/// each round runs every side (in turn forwards and backwards), and within a side
/// which of coffer and `bitcoin-cli` goes first alternates, so the machine's noise
/// (its speed drifts over minutes) hits both commands and all sizes alike.
pub fn compare(
    out: &mut Vec<Compared>,
    runs: usize,
    command: &str,
    counterpart: &str,
    sides: &[Side<'_>],
) {
    let mut warm = Duration::ZERO;
    for s in sides {
        warm = warm.max(run((s.coffer)(), command).max(run((s.cli)(), counterpart)));
    }
    let runs = if warm > Duration::from_secs(1) {
        runs.min(5)
    } else {
        runs
    };
    eprintln!(
        "  {command} ↔ {counterpart} ({runs} runs each, sizes {:?})",
        sides.iter().map(|s| s.size).collect::<Vec<_>>()
    );
    let mut times: Vec<(Vec<Duration>, Vec<Duration>)> = vec![(vec![], vec![]); sides.len()];
    for i in 0..runs {
        let order: Vec<usize> = if i % 2 == 0 {
            (0..sides.len()).collect()
        } else {
            (0..sides.len()).rev().collect()
        };
        for k in order {
            let (s, (a, b)) = (&sides[k], &mut times[k]);
            if (i / 2) % 2 == 0 {
                a.push(run((s.coffer)(), command));
                b.push(run((s.cli)(), counterpart));
            } else {
                b.push(run((s.cli)(), counterpart));
                a.push(run((s.coffer)(), command));
            }
        }
    }
    for (s, (mut a, mut b)) in sides.iter().zip(times) {
        let rss = peak_rss_kib(&(s.coffer)(), command);
        out.push(Compared {
            command: command.to_string(),
            counterpart: counterpart.to_string(),
            size: s.size,
            runs,
            coffer: median(&mut a),
            cli: Some(median(&mut b)),
            rss_kib: Some(rss),
        });
    }
}

fn ms(d: Duration) -> String {
    format!("{:.1}", d.as_secs_f64() * 1000.0)
}

/// `a / b` with two decimals.
pub fn ratio(a: Duration, b: Duration) -> String {
    format!("{:.2}", a.as_secs_f64() / b.as_secs_f64())
}

/// The table: one line per command and size; the last column is coffer's median over
/// its median for the same command at the smallest size. Empty without rows.
pub fn table(rows: &[Compared]) -> String {
    use std::fmt::Write as _;
    let mut o = String::new();
    let Some(smallest) = rows.iter().map(|r| r.size).min() else {
        return o;
    };
    let _ = writeln!(o);
    let _ = writeln!(
        o,
        "coffer beside bitcoin-cli against a running regtest bitcoind (same machine, same \
         run, interleaved; medians)"
    );
    let _ = writeln!(o);
    let _ = writeln!(
        o,
        "| command | bitcoin-cli counterpart | txs | runs | coffer ms | bitcoin-cli ms | \
         coffer / bitcoin-cli | coffer peak RSS MiB | coffer / coffer at {smallest} |"
    );
    let _ = writeln!(o, "|---|---|---:|---:|---:|---:|---:|---:|---:|");
    for r in rows {
        let growth = rows
            .iter()
            .find(|s| s.size == smallest && s.command == r.command)
            .filter(|_| r.size != smallest)
            .map_or("".to_string(), |s| ratio(r.coffer, s.coffer));
        let _ = writeln!(
            o,
            "| {} | {} | {} | {} | {} | {} | {} | {} | {growth} |",
            r.command,
            r.counterpart,
            r.size,
            r.runs,
            ms(r.coffer),
            r.cli.map_or("".to_string(), ms),
            r.cli.map_or("".to_string(), |c| ratio(r.coffer, c)),
            r.rss_kib
                .map_or("".to_string(), |k| format!("{:.1}", k as f64 / 1024.0)),
        );
    }
    // What a command that needs no vault data costs over starting the process (the
    // table rounds both to 0.1 ms).
    let floor = |size: usize| {
        rows.iter()
            .find(|r| r.size == size && r.command.starts_with("`--version`"))
    };
    let over: Vec<String> = rows
        .iter()
        .filter(|r| r.command.starts_with("`whoami"))
        .filter_map(|r| {
            Some(format!(
                "{} at {}",
                ratio(r.coffer, floor(r.size)?.coffer),
                r.size
            ))
        })
        .collect();
    if !over.is_empty() {
        let _ = writeln!(o);
        let _ = writeln!(o, "`whoami --json` / `--version`: {}", over.join(", "));
    }
    o
}
