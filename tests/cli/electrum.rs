//! The Electrum backend against a real Electrum server: ElectrumX (PyPI `e-x`, installed by
//! scripts/install-tools.sh into .tools/electrumx-venv, or `$COFFER_ELECTRUMX_BIN`) indexing
//! a real regtest node started with `-txindex`, on 127.0.0.1 with a free port, stopped by
//! its PID when dropped. A missing or failing ElectrumX fails the test: nothing is skipped.

use crate::node::Node;
use serde_json::{Value, json};
use std::io::{BufRead, BufReader, Write};
use std::net::TcpStream;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// A running ElectrumX serving one regtest node over plain TCP (and TLS when started
/// with a certificate).
pub struct Electrumx {
    child: Child,
    db: tempfile::TempDir,
    pub port: u16,
    /// The TLS port, when started with a certificate.
    pub ssl_port: Option<u16>,
}

fn bin() -> PathBuf {
    let bin = std::env::var_os("COFFER_ELECTRUMX_BIN")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(env!("CARGO_MANIFEST_DIR"))
                .join(".tools/electrumx-venv/bin/electrumx_server")
        });
    assert!(
        bin.exists(),
        "ElectrumX not found at {} (run scripts/install-tools.sh, or set COFFER_ELECTRUMX_BIN); \
         the Electrum tests need a real server",
        bin.display()
    );
    bin
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

impl Electrumx {
    /// Starts ElectrumX on `node` (which must run with `-txindex`) and waits until it
    /// serves the node's tip.
    pub fn start(node: &Node) -> Electrumx {
        Electrumx::start_tls(node, None)
    }

    /// Starts ElectrumX on `node` serving plain TCP and, with `tls` (the certificate and
    /// key files in tests/fixtures/tls), TLS on another port.
    pub fn start_tls(node: &Node, tls: Option<(&str, &str)>) -> Electrumx {
        let db = tempfile::tempdir().unwrap();
        let port = free_port();
        let ssl_port = tls.map(|_| free_port());
        let child = Electrumx::spawn(node, db.path(), port, ssl_port.zip(tls));
        let mut server = Electrumx {
            child,
            db,
            port,
            ssl_port,
        };
        let tip = node.rpc(&["getblockcount"]).as_u64().unwrap();
        server.wait_for_height(tip);
        // ElectrumX opens its TLS port after its plain one (which `wait_for_height`
        // asks): under load a test could reach the first before the second was open
        // ("Connection refused").
        if let Some(ssl) = ssl_port {
            server.wait_for_port(ssl);
        }
        server
    }

    /// Waits until the server accepts connections on `port`.
    fn wait_for_port(&mut self, port: u16) {
        self.wait_until(&format!("open port {port}"), |_| {
            TcpStream::connect(("127.0.0.1", port)).is_ok()
        });
    }

    /// Waits until `ready` (asked every 100 ms, for 60 s at most); fails with the server's
    /// log if the server exits first or the time runs out (`what` says what it did not do).
    fn wait_until(&mut self, what: &str, mut ready: impl FnMut(&mut Self) -> bool) {
        let deadline = Instant::now() + Duration::from_secs(60);
        while !ready(self) {
            if let Ok(Some(status)) = self.child.try_wait() {
                panic!(
                    "ElectrumX exited before it did {what}: {status}: {}",
                    self.log()
                );
            }
            assert!(
                Instant::now() < deadline,
                "ElectrumX did not {what}: {}",
                self.log()
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// Stops the server and starts it again on the same port and database (a plain TCP
    /// one): a new process, with none of the old one's per-session costs.
    pub fn restart(&mut self, node: &Node) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        self.child = Electrumx::spawn(node, self.db.path(), self.port, None);
        let tip = node.rpc(&["getblockcount"]).as_u64().unwrap();
        self.wait_for_height(tip);
    }

    /// The ElectrumX process on `node`, its database in `db`, on `port` (and TLS on the
    /// port given with the certificate and key files).
    fn spawn(
        node: &Node,
        db: &std::path::Path,
        port: u16,
        tls: Option<(u16, (&str, &str))>,
    ) -> Child {
        let cookie = std::fs::read_to_string(node.cookie()).expect("reading the node's cookie");
        let mut services = format!("tcp://127.0.0.1:{port}");
        // ElectrumX 1.20 holds each reply back for up to a second to pad what it sends to
        // 1,024 bytes (a defence against traffic analysis, PaddedRSTransport); a client
        // that asks one thing at a time waits that second at every request. The tests run
        // the real server with that wait set to 0, through the venv's Python.
        let server = bin();
        let mut cmd = Command::new(server.with_file_name("python3"));
        cmd.arg("-c").arg(
            "import sys\n\
             import electrumx.server.transport as t\n\
             t.PaddedRSTransport.WAIT_FOR_BUFFER_GROWTH_SECONDS = 0.0\n\
             from electrumx.cli.electrumx_server import main\n\
             sys.exit(main())\n",
        );
        cmd.env_clear();
        if let Some((ssl, (cert, key))) = tls {
            let fixture = |f: &str| {
                PathBuf::from(env!("CARGO_MANIFEST_DIR"))
                    .join("tests/fixtures/tls")
                    .join(f)
            };
            services.push_str(&format!(",ssl://127.0.0.1:{ssl}"));
            cmd.env("SSL_CERTFILE", fixture(cert))
                .env("SSL_KEYFILE", fixture(key));
        }
        cmd.env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("COIN", "Bitcoin")
            .env("NET", "regtest")
            .env(
                "DAEMON_URL",
                format!("http://{}@127.0.0.1:{}/", cookie.trim(), node.rpc_port()),
            )
            .env("DB_DIRECTORY", db)
            .env("SERVICES", services)
            .env("PEER_DISCOVERY", "off")
            .env("PEER_ANNOUNCE", "")
            .env("ALLOW_ROOT", "1")
            // It asks the node for new blocks and mempool transactions every 5 s by
            // default; the tests wait for it to catch up after each block or payment.
            .env("DAEMON_POLL_INTERVAL_BLOCKS", "100")
            .env("DAEMON_POLL_INTERVAL_MEMPOOL", "100")
            // ElectrumX logs to stdout.
            .stdout(std::fs::File::create(db.join("electrumx.log")).unwrap())
            .stderr(Stdio::null())
            .spawn()
            .expect("starting ElectrumX")
    }

    /// The server's URL for `wallet backend set btc --electrum`.
    pub fn url(&self) -> String {
        format!("tcp://127.0.0.1:{}", self.port)
    }

    /// The server's TLS URL (`ssl://127.0.0.1:PORT`).
    pub fn ssl_url(&self) -> String {
        format!(
            "ssl://127.0.0.1:{}",
            self.ssl_port.expect("started with TLS")
        )
    }

    /// Waits until the server has indexed `height` (after a block is mined).
    pub fn wait_for_height(&mut self, height: u64) {
        let port = self.port;
        self.wait_until(&format!("reach height {height} on port {port}"), |s| {
            s.try_call("blockchain.headers.subscribe", json!([]))
                .is_some_and(|t| t["height"].as_u64() >= Some(height))
        });
    }

    /// The end of the server's log, for a failure message.
    fn log(&self) -> String {
        let log = std::fs::read_to_string(self.db.path().join("electrumx.log")).unwrap_or_default();
        let start = log.len().saturating_sub(2000);
        log[start..].to_string()
    }

    /// One Electrum protocol call on a new connection; `None` when the server does not
    /// answer (yet) or answers with an error.
    pub fn try_call(&self, method: &str, params: Value) -> Option<Value> {
        let mut s = TcpStream::connect(("127.0.0.1", self.port)).ok()?;
        s.set_read_timeout(Some(Duration::from_secs(10))).ok()?;
        // ElectrumX wants `server.version` as the first message of a session.
        let hello = json!({ "jsonrpc": "2.0", "id": 0, "method": "server.version",
            "params": ["coffer-tests", "1.4"] });
        let req = json!({ "jsonrpc": "2.0", "id": 1, "method": method, "params": params });
        s.write_all(format!("{hello}\n{req}\n").as_bytes()).ok()?;
        let mut reader = BufReader::new(s);
        let mut line = String::new();
        reader.read_line(&mut line).ok()?;
        line.clear();
        reader.read_line(&mut line).ok()?;
        let v: Value = serde_json::from_str(&line).ok()?;
        v.get("result").cloned()
    }
}

impl Drop for Electrumx {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The harness itself: ElectrumX indexes the regtest node's 101 blocks and serves its
/// genesis header.
#[test]
fn electrumx_serves_the_regtest_node() {
    let node = Node::start_with(&["-txindex"]);
    node.miner();
    let server = Electrumx::start(&node);
    let tip = server
        .try_call("blockchain.headers.subscribe", json!([]))
        .unwrap();
    assert_eq!(tip["height"], 101);
    let genesis = server
        .try_call("blockchain.block.header", json!([0]))
        .unwrap();
    let hash = node.rpc(&["getblockhash", "0"]);
    assert_eq!(genesis.as_str().unwrap().len(), 160, "{genesis}");
    assert_eq!(
        hash.as_str().unwrap(),
        "0f9188f13cb7b2c71f2a335e3a4fc328bf5beb436012afca590b1a11466e2206"
    );
}

/// `wallet backend set btc --electrum`: the server is checked (its genesis header must
/// be the network's: another network is `backend`, exit 7, nothing stored), stored with
/// its kind, and `backend test` shows its kind
/// and tip.
#[test]
fn an_electrum_server_is_checked_stored_and_tested() {
    let node = Node::start_with(&["-txindex"]);
    node.miner();
    let mut server = Electrumx::start(&node);
    let env = crate::common::Env::new();
    env.regtest_wallet("alice", "main");
    let url = server.url();
    let set = |network: &str, url: &str| {
        vec![
            "wallet".to_string(),
            "backend".into(),
            "set".into(),
            "btc".into(),
            "--network".into(),
            network.into(),
            "--electrum".into(),
            url.into(),
        ]
    };
    let args = |v: &[String]| v.iter().map(String::clone).collect::<Vec<_>>();
    let run_err = |v: Vec<String>, exit: i32| {
        let a: Vec<&str> = v.iter().map(String::as_str).collect();
        env.err(&a, exit)
    };
    // A regtest server is not a signet one: refused, nothing stored.
    let e = run_err(args(&set("signet", &url)), 7);
    assert_eq!(e["code"], "backend", "{e}");
    assert!(
        e["message"]
            .as_str()
            .unwrap()
            .contains("another chain than signet"),
        "{e}"
    );
    assert_eq!(env.ok(&["wallet", "backend", "list"])["items"], json!([]));
    // A port where nothing listens: backend, nothing stored.
    let e = run_err(args(&set("regtest", "tcp://127.0.0.1:1")), 7);
    assert_eq!(e["code"], "backend", "{e}");
    assert_eq!(env.ok(&["wallet", "backend", "list"])["items"], json!([]));
    let a = set("regtest", &url);
    let a: Vec<&str> = a.iter().map(String::as_str).collect();
    let list = env.ok(&a);
    assert_eq!(
        list["items"],
        json!([{"chain": "btc", "chain_id": null, "network": "regtest", "rpc": url,
                "kind": "electrum", "proxy": null, "cert_sha256": null, "explorer": null}])
    );
    let t = env.ok(&["wallet", "backend", "test", "btc", "--network", "regtest"]);
    assert_eq!(
        (&t["kind"], &t["tip"]),
        (&json!("electrum"), &json!(101)),
        "{t}"
    );
    assert!(
        t["server"]["version"]
            .as_str()
            .unwrap()
            .starts_with("ElectrumX"),
        "{t}"
    );
    assert_eq!(t["node"], Value::Null);
    // The tip follows the chain.
    let miner = node.wallet_rpc("miner", &["getnewaddress"]);
    node.rpc(&["generatetoaddress", "2", miner.as_str().unwrap()]);
    server.wait_for_height(103);
    let t = env.ok(&["wallet", "backend", "test", "btc", "--network", "regtest"]);
    assert_eq!(t["tip"], 103, "{t}");
    // A node set again replaces the server (kind core-rpc).
    crate::btcnode::set_backend(&env, &node);
    let list = env.ok(&["wallet", "backend", "list"]);
    assert_eq!(list["items"][0]["kind"], "core-rpc", "{list}");
}

/// `wallet sync` through Electrum: a wallet never synced is found by a full scan of its
/// scripts with the gap limit (receive index 0, index 5 inside the gap, change index 0),
/// then synced again after more blocks; its balance and history are those a Core-RPC
/// sync of the same wallet (a watch-only copy) shows.
#[test]
fn sync_through_electrum_matches_a_node() {
    let node = Node::start_with(&["-txindex"]);
    node.miner();
    let mut server = Electrumx::start(&node);
    let env = crate::common::Env::new();
    env.regtest_wallet("alice", "main");
    let (ext, int) = env.descriptors("main");
    node.pay_indexes(&[(&ext, 0, "0.5"), (&ext, 5, "0.25"), (&int, 0, "0.125")]);
    let miner = node.wallet_rpc("miner", &["getnewaddress"]);
    let miner = miner.as_str().unwrap().to_string();
    node.rpc(&["generatetoaddress", "1", &miner]);
    server.wait_for_height(102);
    env.ok(&[
        "wallet",
        "backend",
        "set",
        "btc",
        "--network",
        "regtest",
        "--electrum",
        &server.url(),
    ]);
    let synced = env.ok(&["wallet", "sync"]);
    assert_eq!(synced["bitcoin"][0]["confirmed"], "0.87500000", "{synced}");
    assert_eq!(synced["bitcoin"][0]["tip"], 102, "{synced}");
    // The same wallet through the node (a watch-only copy, read from its birth).
    let other = crate::common::Env::new();
    crate::common::watch_only_copy(&env, &other, "bob");
    crate::btcnode::set_backend(&other, &node);
    let compare = |what: &[&str]| {
        let a = without_sync_times(crate::common::without_ages(env.ok(what)));
        let b = without_sync_times(crate::common::without_ages(other.ok(what)));
        assert_eq!(a, b, "{what:?} through Electrum and through the node");
        a
    };
    other.ok(&["wallet", "sync"]);
    let history = compare(&["history"]);
    assert_eq!(history["items"].as_array().unwrap().len(), 3, "{history}");
    compare(&["wallet", "balance"]);
    // Later: a sync (not a full scan) follows a new payment and the confirmations.
    node.pay_indexes(&[(&ext, 1, "0.0625")]);
    node.rpc(&["generatetoaddress", "2", &miner]);
    server.wait_for_height(104);
    let synced = env.ok(&["wallet", "sync"]);
    assert_eq!(synced["bitcoin"][0]["confirmed"], "0.93750000", "{synced}");
    other.ok(&["wallet", "sync"]);
    compare(&["history"]);
    compare(&["wallet", "balance"]);
}

/// A first sync through Electrum is saved part by part (a first part of 4 scripts in
/// tests, a gap limit of 5, receive indexes 0, 4 and 8 and change index 0 paid):
/// stopped dead after its first save, it keeps the first part's payment; the next sync
/// goes on with the scan (not a plain sync of the revealed scripts, which would miss
/// index 8), in parts that grow (4, 4, then 8 scripts: receive 4 to 13, change 0 to 5),
/// and ends where a node's sync of the same wallet does.
#[test]
fn a_first_electrum_scan_stopped_part_way_keeps_what_it_read() {
    let node = Node::start_with(&["-txindex"]);
    node.miner();
    let mut server = Electrumx::start(&node);
    let env = crate::common::Env::new();
    env.regtest_wallet("alice", "main");
    let (ext, int) = env.descriptors("main");
    let miner = node.wallet_rpc("miner", &["getnewaddress"]);
    let miner = miner.as_str().unwrap().to_string();
    // One block each, so that a node's sync with the same gap limit finds them all.
    for (desc, i, amount) in [
        (&ext, 0, "0.5"),
        (&ext, 4, "0.25"),
        (&ext, 8, "0.125"),
        (&int, 0, "0.0625"),
    ] {
        node.pay_indexes(&[(desc, i, amount)]);
        node.rpc(&["generatetoaddress", "1", &miner]);
    }
    server.wait_for_height(105);
    env.ok(&[
        "wallet",
        "backend",
        "set",
        "btc",
        "--network",
        "regtest",
        "--electrum",
        &server.url(),
    ]);
    let out = env
        .command(&["--json", "wallet", "sync", "--gap-limit", "5"])
        .env("COFFER_TEST_SCAN_PART", "4")
        .env("COFFER_TEST_FAULT", "btc-sync-saved")
        .output()
        .unwrap();
    assert_ne!(out.status.code(), Some(0), "the fault hook stops the sync");
    // The first part (receive indexes 0 to 3) is recorded.
    let h = env.ok(&["history"]);
    let items = h["items"].as_array().unwrap();
    assert_eq!(items.len(), 1, "{h}");
    assert_eq!(items[0]["status"], "confirmed", "{h}");
    let b = env.ok(&["wallet", "balance"]);
    assert_eq!(b["items"][0]["confirmed_sat"], 50_000_000, "{b}");
    // The next sync goes on with the scan, in parts, to its end: its third part ends
    // the scan, so a stop after a third save is never reached (parts of 4 scripts each
    // would have saved a third time with the change branch still to scan).
    let out = env
        .command(&["--json", "wallet", "sync"])
        .env("COFFER_TEST_SCAN_PART", "4")
        .env("COFFER_TEST_FAULT", "btc-sync-saved@3")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let s: Value = serde_json::from_slice(&out.stdout).unwrap();
    let s = &s["data"];
    assert_eq!(s["bitcoin"][0]["confirmed"], "0.93750000", "{s}");
    assert_eq!(s["bitcoin"][0]["gap_limit"], 5, "{s}");
    assert_eq!(s["bitcoin"][0]["watched"]["receive"], 13, "{s}");
    // The same wallet through the node, with the same gap limit.
    let other = crate::common::Env::new();
    crate::common::watch_only_copy(&env, &other, "bob");
    crate::btcnode::set_backend(&other, &node);
    other.ok(&["wallet", "sync", "--gap-limit", "5"]);
    // (The row ids follow the order the rows were found in, which differs, and so does
    // the order of rows of the same second.)
    let no_ids = |mut v: Value| {
        if let Some(items) = v["items"].as_array_mut() {
            for item in items.iter_mut() {
                item["id"] = Value::Null;
            }
            items.sort_by_key(|i| i["txid"].to_string());
        }
        v
    };
    for what in [&["history"][..], &["wallet", "balance"][..]] {
        let a = no_ids(without_sync_times(crate::common::without_ages(
            env.ok(what),
        )));
        let b = no_ids(without_sync_times(crate::common::without_ages(
            other.ok(what),
        )));
        assert_eq!(
            a, b,
            "{what:?} through Electrum in parts and through the node"
        );
    }
    let h = env.ok(&["history"]);
    assert_eq!(h["items"].as_array().unwrap().len(), 4, "{h}");
    // A later sync (a plain one) finds the same.
    let s = env.ok(&["wallet", "sync"]);
    assert_eq!(s["bitcoin"][0]["confirmed"], "0.93750000", "{s}");
    assert_eq!(s["bitcoin"][0]["watched"]["receive"], 13, "{s}");
}

/// `v` without the `synced_at` and `updated_at` fields (when each sync ran), at any depth.
pub fn without_sync_times(mut v: Value) -> Value {
    fn strip(v: &mut Value) {
        match v {
            Value::Object(m) => {
                m.remove("synced_at");
                m.remove("updated_at");
                m.values_mut().for_each(strip);
            }
            Value::Array(a) => a.iter_mut().for_each(strip),
            _ => {}
        }
    }
    strip(&mut v);
    v
}

/// The SHA-256 of a fixture certificate's DER, as `--electrum-cert-sha256` takes it.
pub fn fingerprint(pem: &str) -> String {
    use rustls::pki_types::pem::PemObject as _;
    use sha2::Digest as _;
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/tls")
        .join(pem);
    let der = rustls::pki_types::CertificateDer::from_pem_file(path).unwrap();
    hex::encode(sha2::Sha256::digest(der.as_ref()))
}

/// `--electrum ssl://…`: the server's certificate is verified against the trusted CAs
/// (SSL_CERT_FILE here); a self-signed one is refused (exit 7, nothing stored) with how to
/// read and pin its fingerprint, a wrong pin is refused, the right one (as openssl prints
/// it) is stored, listed, tested and used by `wallet sync`; a plain-TCP server named by
/// ssl:// is refused, and a pin is only for ssl://.
#[test]
fn electrum_over_tls_is_verified_or_pinned() {
    let node = Node::start_with(&["-txindex"]);
    node.miner();
    let personal = Electrumx::start_tls(&node, Some(("self-signed.pem", "self-signed.key")));
    let issued = Electrumx::start_tls(&node, Some(("node.pem", "node.key")));
    let mut env = crate::common::Env::new();
    env.regtest_wallet("alice", "main");
    env.vars.push(("COFFER_RPC_TIMEOUT".into(), "5".into()));
    let fp = fingerprint("self-signed.pem");
    let set = |url: &str, pin: Option<&str>| {
        let mut a = vec![
            "wallet",
            "backend",
            "set",
            "btc",
            "--network",
            "regtest",
            "--electrum",
            url,
        ];
        if let Some(p) = pin {
            a.extend(["--electrum-cert-sha256", p]);
        }
        a.into_iter().map(String::from).collect::<Vec<_>>()
    };
    let err = |env: &crate::common::Env, a: Vec<String>, exit: i32| {
        let a: Vec<&str> = a.iter().map(String::as_str).collect();
        env.err(&a, exit)
    };
    let list = |env: &crate::common::Env| env.ok(&["wallet", "backend", "list"])["items"].clone();
    // Self-signed, not pinned: refused with how to pin it.
    let e = err(&env, set(&personal.ssl_url(), None), 7);
    let m = e["message"].as_str().unwrap();
    assert_eq!(e["code"], "backend", "{e}");
    for needle in [
        "not trusted",
        "--electrum-cert-sha256",
        "openssl",
        "-fingerprint -sha256",
        &fp,
    ] {
        assert!(m.contains(needle), "{needle}: {m}");
    }
    assert_eq!(list(&env), json!([]));
    // A wrong pin: refused, nothing stored.
    let wrong = "00".repeat(32);
    let e = err(&env, set(&personal.ssl_url(), Some(&wrong)), 7);
    assert!(
        e["message"].as_str().unwrap().contains("not the pinned"),
        "{e}"
    );
    assert_eq!(list(&env), json!([]));
    // Not a fingerprint: invalid input.
    let e = err(&env, set(&personal.ssl_url(), Some("abcd")), 5);
    assert_eq!(e["code"], "invalid_input", "{e}");
    // A pin is for ssl:// only.
    let e = err(&env, set(&personal.url(), Some(&fp)), 2);
    assert_eq!(e["code"], "usage", "{e}");
    assert_eq!(list(&env), json!([]));
    // The right pin, written as openssl prints it: stored, listed, tested, synced.
    let colons = fp
        .to_uppercase()
        .as_bytes()
        .chunks(2)
        .map(|c| std::str::from_utf8(c).unwrap())
        .collect::<Vec<_>>()
        .join(":");
    let a = set(&personal.ssl_url(), Some(&colons));
    let a: Vec<&str> = a.iter().map(String::as_str).collect();
    env.ok(&a);
    assert_eq!(
        list(&env),
        json!([{"chain": "btc", "chain_id": null, "network": "regtest",
                "rpc": personal.ssl_url(), "kind": "electrum", "proxy": null,
                "cert_sha256": fp, "explorer": null}])
    );
    let t = env.ok(&["wallet", "backend", "test", "btc", "--network", "regtest"]);
    assert_eq!(
        (&t["tip"], &t["cert_sha256"]),
        (&json!(101), &json!(fp)),
        "{t}"
    );
    let human = env.run(&["wallet", "backend", "list"]);
    assert!(
        human.stdout.contains(&format!("cert sha256 {fp}")),
        "{}",
        human.stdout
    );
    let synced = env.ok(&["wallet", "sync"]);
    assert_eq!(synced["bitcoin"][0]["tip"], 101, "{synced}");
    // A plain-TCP server named by ssl://: refused, the stored server kept.
    let plain = personal.url().replace("tcp://", "ssl://");
    let e = err(&env, set(&plain, None), 7);
    assert!(e["message"].as_str().unwrap().contains("TLS"), "{e}");
    assert_eq!(list(&env)[0]["rpc"], personal.ssl_url());
    // A certificate issued by a CA this machine does not trust: refused; trusted (the
    // test CA in SSL_CERT_FILE, no other): stored with no pin.
    let e = err(&env, set(&issued.ssl_url(), None), 7);
    assert!(
        e["message"].as_str().unwrap().contains("not trusted"),
        "{e}"
    );
    let ca = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/tls/ca.pem");
    env.vars
        .push(("SSL_CERT_FILE".into(), ca.to_string_lossy().into_owned()));
    env.vars.push(("SSL_CERT_DIR".into(), String::new()));
    let a = set(&issued.ssl_url(), None);
    let a: Vec<&str> = a.iter().map(String::as_str).collect();
    env.ok(&a);
    assert_eq!(list(&env)[0]["cert_sha256"], Value::Null);
    let t = env.ok(&["wallet", "backend", "test", "btc", "--network", "regtest"]);
    assert_eq!(t["tip"], 101, "{t}");
}

impl Electrumx {
    /// Waits until the server's tip is the node's best block (same height after a
    /// reorganisation is not enough).
    pub fn wait_for_tip(&mut self, node: &Node) {
        let best = node.rpc(&["getbestblockhash"]);
        let best = best.as_str().unwrap().to_string();
        let height = node.rpc(&["getblockcount"]).as_u64().unwrap();
        let deadline = Instant::now() + Duration::from_secs(60);
        loop {
            self.wait_for_height(height);
            let tip = self.try_call("blockchain.headers.subscribe", json!([]));
            let hash = tip
                .as_ref()
                .and_then(|t| t["hex"].as_str())
                .and_then(|h| {
                    bitcoin::consensus::encode::deserialize_hex::<bitcoin::block::Header>(h).ok()
                })
                .map(|h| h.block_hash().to_string());
            if hash.as_deref() == Some(best.as_str()) {
                return;
            }
            assert!(
                Instant::now() < deadline,
                "ElectrumX did not follow the node to {best}: {}",
                self.log()
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }
}

/// A regtest wallet `main` of `alice` with the Electrum server as its backend, paid
/// `amount` BTC by the node's miner (confirmed and synced); returns the miner's address.
fn funded(env: &crate::common::Env, node: &Node, server: &mut Electrumx, amount: &str) -> String {
    env.regtest_wallet("alice", "main");
    env.ok(&[
        "wallet",
        "backend",
        "set",
        "btc",
        "--network",
        "regtest",
        "--electrum",
        &server.url(),
    ]);
    let a = env.ok(&["receive"])["address"]
        .as_str()
        .unwrap()
        .to_string();
    node.wallet_rpc("miner", &["sendtoaddress", &a, amount]);
    let miner = node.wallet_rpc("miner", &["getnewaddress"]);
    let miner = miner.as_str().unwrap().to_string();
    node.rpc(&["generatetoaddress", "1", &miner]);
    server.wait_for_tip(node);
    let s = env.ok(&["wallet", "sync"]);
    assert_eq!(
        s["bitcoin"][0]["confirmed"],
        format!("{:.8}", amount.parse::<f64>().unwrap()),
        "{s}"
    );
    miner
}

/// Sending through an Electrum server: a fee level falls back to the level's rate with
/// a notice (ElectrumX has no estimate on regtest: -1); the payment reaches the node's
/// mempool with the fee coffer records, and is confirmed after a block and a sync; a
/// bump goes out the same way and the transaction it replaced, broadcast again, is
/// refused with nothing recorded; one a crash kept from the network is sent by the next
/// sync, and a child pays for it (CPFP); a payment the server refuses (its coin spent in
/// the mempool) is recorded `abandoned` (exit 7); `send abandon` asks the server's
/// mempool; `status` probes the server; `receive import --txid` reads a transaction and
/// its block from it.
#[test]
fn sends_fees_status_and_import_through_electrum() {
    let node = Node::start_with(&["-txindex"]);
    node.miner();
    let mut server = Electrumx::start(&node);
    let env = crate::common::Env::new();
    let miner = funded(&env, &node, &mut server, "1");
    let pin = env.secret_path("pin");
    let payee = node.rpc(&["getnewaddress"]).as_str().unwrap().to_string();

    // `status`: the server answers, at its tip.
    let s = env.ok(&["status"]);
    let b = &s["backends"][0];
    assert_eq!(
        (&b["chain"], &b["reachable"]),
        (&json!("btc"), &json!(true)),
        "{s}"
    );
    assert_eq!(b["height"], 102, "{s}");
    assert!(b["error"].is_null(), "{s}");

    // A fee level: no estimate from the server, the level's rate and a notice.
    let r = env.run(&[
        "--json",
        "send",
        "--to",
        &payee,
        "--amount",
        "0.1",
        "--fee",
        "normal",
        "--yes",
        "--pin-file",
        &pin,
    ]);
    assert_eq!(r.code, 0, "{} {}", r.stdout, r.stderr);
    assert!(
        r.stderr
            .contains("the Electrum server has no fee estimate for 6 blocks; using the normal rate of 2 sat/vB"),
        "{}",
        r.stderr
    );
    let sent = r.json()["data"].clone();
    assert_eq!(
        (&sent["status"], &sent["broadcast"]),
        (&json!("broadcast"), &json!(true)),
        "{sent}"
    );
    let txid = sent["txid"].as_str().unwrap().to_string();
    let entry = node.rpc(&["getmempoolentry", &txid]);
    let node_fee = (entry["fees"]["base"].as_f64().unwrap() * 1e8).round() as u64;
    let rate = node_fee as f64 / entry["vsize"].as_f64().unwrap();
    assert!((1.95..2.1).contains(&rate), "{rate} sat/vB: {entry}");
    let row = env.ok(&["history", "show", &txid]);
    assert_eq!(row["status"], "pending", "{row}");
    assert_eq!(row["fee_units"], node_fee.to_string(), "{row} vs {entry}");
    node.rpc(&["generatetoaddress", "1", &miner]);
    server.wait_for_tip(&node);
    env.ok(&["wallet", "sync"]);
    let row = env.ok(&["history", "show", &txid]);
    assert_eq!(row["status"], "confirmed", "{row}");
    assert_eq!(row["fee_units"], node_fee.to_string(), "{row}");
    let got = node.rpc(&["getrawtransaction", &txid, "true"]);
    assert_eq!(got["confirmations"], 1, "{got}");

    // A bump through the server; the replaced one, broadcast again, is refused and
    // nothing is recorded.
    let raw = env.secrets.join("first.hex");
    let first = env.ok(&[
        "send",
        "--to",
        &payee,
        "--amount",
        "0.05",
        "--fee",
        "2",
        "--no-broadcast",
        "--raw-out",
        raw.to_str().unwrap(),
        "--yes",
        "--pin-file",
        &pin,
    ]);
    assert_eq!(first["status"], "signed", "{first}");
    let bumped = env.ok(&[
        "send",
        "bump",
        first["txid"].as_str().unwrap(),
        "--fee",
        "20",
        "--yes",
        "--pin-file",
        &pin,
    ]);
    assert_eq!(bumped["status"], "broadcast", "{bumped}");
    let mempool = node.rpc(&["getrawmempool"]);
    assert_eq!(mempool, json!([bumped["txid"]]), "{mempool}");
    let before = crate::common::dump_vault(&env, "alice");
    let e = env.err(&["send", "broadcast", raw.to_str().unwrap()], 7);
    assert_eq!(e["code"], "backend", "{e}");
    assert!(
        e["message"]
            .as_str()
            .unwrap()
            .contains("the Electrum server refused the transaction"),
        "the server's reason: {e}"
    );
    assert_eq!(
        before,
        crate::common::dump_vault(&env, "alice"),
        "nothing recorded"
    );

    // Stopped dead between the commit and the broadcast: the next sync sends it, once.
    let out = env
        .command(&[
            "--json",
            "send",
            "--to",
            &payee,
            "--amount",
            "0.02",
            "--fee",
            "3",
            "--yes",
            "--pin-file",
            &pin,
        ])
        .env("COFFER_TEST_FAULT", "after-commit")
        .output()
        .unwrap();
    assert_ne!(out.status.code(), Some(0), "the fault hook stops the send");
    let h = env.ok(&["history", "--limit", "50"]);
    let before: Vec<String> = node
        .rpc(&["getrawmempool"])
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t.as_str().unwrap().to_string())
        .collect();
    let second = h["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| {
            r["status"] == "pending" && !before.contains(&r["txid"].as_str().unwrap().to_string())
        })
        .unwrap_or_else(|| panic!("the crashed send is not pending: {h}"))["txid"]
        .as_str()
        .unwrap()
        .to_string();
    let s = env.ok(&["wallet", "sync"]);
    assert_eq!(s["bitcoin"][0]["broadcast"], json!([second]), "{s}");
    assert!(node.rpc(&["getrawmempool"]).to_string().contains(&second));
    let s = env.ok(&["wallet", "sync"]);
    assert_eq!(s["bitcoin"][0]["broadcast"], json!([]), "{s}");
    // Pending, its change the wallet's coin (the coin it spent is not).
    let coins = env.ok(&["utxo", "list"]);
    let coins = coins["items"].as_array().unwrap();
    assert_eq!(coins.len(), 1, "{coins:?}");
    assert!(
        coins[0]["outpoint"].as_str().unwrap().starts_with(&second),
        "{coins:?}"
    );

    // A child pays for the crashed send through the server: the parent's fee and size
    // are the wallet's (a server does not tell ancestors), the pair at the rate asked.
    let c = env.ok(&[
        "send",
        "cpfp",
        &second,
        "--fee",
        "25",
        "--yes",
        "--pin-file",
        &pin,
    ]);
    assert_eq!(c["status"], "broadcast", "{c}");
    let child = c["txid"].as_str().unwrap();
    let (p, k) = (
        node.rpc(&["getmempoolentry", &second]),
        node.rpc(&["getmempoolentry", child]),
    );
    let fee = |e: &Value| e["fees"]["base"].as_f64().unwrap() * 1e8;
    let rate = (fee(&p) + fee(&k)) / (p["vsize"].as_f64().unwrap() + k["vsize"].as_f64().unwrap());
    assert!((25.0..25.5).contains(&rate), "pair rate {rate}: {p} {k}");

    // A payment the server refuses (its coin spent by another transaction in the
    // mempool, one coffer abandoned): recorded abandoned, the coin the wallet's again,
    // exit 7. The abandon asked the server's mempool first.
    let raw = env.secrets.join("x.hex");
    let x = env.ok(&[
        "send",
        "--to",
        &payee,
        "--amount",
        "0.3",
        "--fee",
        "2",
        "--no-broadcast",
        "--raw-out",
        raw.to_str().unwrap(),
        "--yes",
        "--pin-file",
        &pin,
    ]);
    let x = x["txid"].as_str().unwrap().to_string();
    let ahead = (std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs()
        + 30)
        .to_string();
    let out = env
        .command(&["--json", "send", "abandon", &x])
        .env("COFFER_TEST_NOW", &ahead)
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    let done: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(done["data"]["node_checked"], true, "{done}");
    let hex = std::fs::read_to_string(&raw).unwrap();
    node.rpc(&["sendrawtransaction", hex.trim()]);
    let coins = env.ok(&["utxo", "list"]);
    let e = env.err(
        &[
            "send",
            "--to",
            &payee,
            "--amount",
            "0.3",
            "--fee",
            "2",
            "--yes",
            "--pin-file",
            &pin,
        ],
        7,
    );
    assert!(
        e["message"]
            .as_str()
            .unwrap()
            .contains("the Electrum server refused the transaction"),
        "{e}"
    );
    let h = env.ok(&["history", "--status", "abandoned"]);
    assert_eq!(h["total"], 2, "x and the refused one: {h}");
    assert_eq!(
        env.ok(&["utxo", "list"]),
        coins,
        "the coin is the wallet's again"
    );
    assert!(env.events().contains(&"btc_tx_refused".to_string()));
    // Abandoning what the server holds in its mempool is refused.
    let e = env.err(&["send", "abandon", bumped["txid"].as_str().unwrap()], 5);
    assert!(
        e["message"]
            .as_str()
            .unwrap()
            .contains("in the Electrum server's mempool"),
        "{e}"
    );

    // receive import --txid: the transaction and its block from the server.
    let c = env.ok(&["addr", "new"])["items"][0]["address"]
        .as_str()
        .unwrap()
        .to_string();
    let paid = node.wallet_rpc("miner", &["sendtoaddress", &c, "0.02"]);
    node.rpc(&["generatetoaddress", "1", &miner]);
    server.wait_for_tip(&node);
    let tip = node.rpc(&["getblockcount"]).as_u64().unwrap();
    let i = env.ok(&["receive", "import", "--txid", paid.as_str().unwrap()]);
    assert_eq!(i["result"], "applied", "{i}");
    assert_eq!(i["status"], "confirmed", "{i}");
    assert_eq!(i["height"], tip, "{i}");
    // One the server does not know: backend, exit 7.
    let e = env.err(&["receive", "import", "--txid", &"ab".repeat(32)], 7);
    assert!(
        e["message"].as_str().unwrap().contains("does not know"),
        "{e}"
    );
}

/// `receive wait` through an Electrum server sees a payment that arrives while it
/// waits; a reorganisation that confirms a conflict of a received payment makes it
/// `failed` (its block gone, the payer's coins spent elsewhere).
#[test]
fn receive_wait_and_a_reorganisation_through_electrum() {
    let node = Node::start_with(&["-txindex"]);
    node.miner();
    let mut server = Electrumx::start(&node);
    let env = crate::common::Env::new();
    let miner = funded(&env, &node, &mut server, "0.5");
    let d = env.ok(&["addr", "new"])["items"][0]["address"]
        .as_str()
        .unwrap()
        .to_string();
    let (child, reader) = crate::btcnode::wait_for_a_payment(&env, &d);
    let waited_for = node.wallet_rpc("miner", &["sendtoaddress", &d, "0.03"]);
    node.rpc(&["generatetoaddress", "1", &miner]);
    let out = child.wait_with_output().unwrap();
    let progress = reader.join().unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(out.status.code(), Some(0), "{v} {progress}");
    assert_eq!(v["data"]["txid"], waited_for, "{v}");
    assert_eq!(v["data"]["amount"], "0.03000000", "{v}");
    assert!(v["data"]["confirmations"].as_u64().unwrap() >= 1, "{v}");

    // A payment confirmed, its block replaced by one holding a transaction that spends
    // the payer's coins elsewhere: failed, out of the balance.
    server.wait_for_tip(&node);
    let b2 = env.ok(&["addr", "new"])["items"][0]["address"]
        .as_str()
        .unwrap()
        .to_string();
    let doomed = node.wallet_rpc("miner", &["sendtoaddress", &b2, "0.1"]);
    let block = node.rpc(&["generatetoaddress", "1", &miner])[0].clone();
    server.wait_for_tip(&node);
    env.ok(&["wallet", "sync"]);
    let doomed = doomed.as_str().unwrap();
    assert_eq!(env.ok(&["history", "show", doomed])["status"], "confirmed");
    node.rpc(&["invalidateblock", block.as_str().unwrap()]);
    let tx = node.rpc(&["getrawtransaction", doomed, "true"]);
    let mut inputs = vec![];
    let mut total = 0.0;
    for i in tx["vin"].as_array().unwrap() {
        let (txid, vout) = (i["txid"].as_str().unwrap(), i["vout"].as_u64().unwrap());
        let out = node.rpc(&["gettxout", txid, &vout.to_string(), "false"]);
        total += out["value"].as_f64().unwrap();
        inputs.push(json!({ "txid": txid, "vout": vout }));
    }
    let outputs = json!([{ &miner: format!("{:.8}", total - 0.001) }]);
    let raw = node.rpc(&[
        "createrawtransaction",
        &Value::from(inputs).to_string(),
        &outputs.to_string(),
    ]);
    let signed = node.wallet_rpc(
        "miner",
        &["signrawtransactionwithwallet", raw.as_str().unwrap()],
    );
    node.rpc(&["sendrawtransaction", signed["hex"].as_str().unwrap()]);
    // Two blocks: ElectrumX follows a reorganisation when the node's height grows.
    node.rpc(&["generatetoaddress", "2", &miner]);
    server.wait_for_tip(&node);
    let s = env.ok(&["wallet", "sync"]);
    assert_eq!(s["bitcoin"][0]["failed"], json!([doomed]), "{s}");
    assert_eq!(s["bitcoin"][0]["confirmed"], "0.53000000", "{s}");
    assert_eq!(s["bitcoin"][0]["pending"], "0.00000000", "{s}");
    assert_eq!(env.ok(&["history", "show", doomed])["status"], "failed");
}

/// `backend test` says what an Electrum server can do, asked now: history from its
/// address index, unconfirmed history (a mempool), no fee estimate on regtest.
#[test]
fn the_capabilities_of_an_electrum_server() {
    let node = Node::start_with(&["-txindex"]);
    node.miner();
    let server = Electrumx::start(&node);
    let env = crate::common::Env::new();
    env.regtest_wallet("alice", "main");
    env.ok(&[
        "wallet",
        "backend",
        "set",
        "btc",
        "--network",
        "regtest",
        "--electrum",
        &server.url(),
    ]);
    let t = env.ok(&["wallet", "backend", "test", "btc", "--network", "regtest"]);
    assert_eq!(
        t["capabilities"],
        json!({"history": "address-index", "fee_estimates": false, "mempool": true,
               "internal": null}),
        "{t}"
    );
    let human = env.run(&["wallet", "backend", "test", "btc", "--network", "regtest"]);
    assert!(
        human
            .stdout
            .contains("history address-index, fee estimates no, mempool yes"),
        "{}",
        human.stdout
    );
}

/// What [`busy_proxy`] saw: the requests it passed on, by method, and the "server busy"
/// answers it gave instead.
#[derive(Default)]
struct Seen {
    methods: std::sync::Mutex<std::collections::HashMap<String, usize>>,
    /// The transactions asked for (`blockchain.transaction.get`), each once.
    txids: std::sync::Mutex<std::collections::HashSet<String>>,
    busy_left: std::sync::atomic::AtomicUsize,
    busy_given: std::sync::atomic::AtomicUsize,
    /// Answer a verbose `blockchain.transaction.get` with electrs' refusal.
    refuse_verbose: std::sync::atomic::AtomicBool,
    /// The verbose `blockchain.transaction.get` refused.
    verbose_refused: std::sync::atomic::AtomicUsize,
}

impl Seen {
    fn count(&self, method: &str) -> usize {
        *self.methods.lock().unwrap().get(method).unwrap_or(&0)
    }
}

/// A line-by-line proxy on 127.0.0.1 in front of `upstream` (an Electrum server) that
/// counts the requests by method and answers the first `busy` `blockchain.transaction.get`
/// with ElectrumX's "server busy" error (-102) instead of passing them on.
fn busy_proxy(upstream: u16, busy: usize) -> (String, std::sync::Arc<Seen>) {
    proxy(upstream, busy, false)
}

/// A proxy like [`busy_proxy`] (none busy) that answers a verbose
/// `blockchain.transaction.get` as Blockstream's electrs does: an error, a bare string,
/// "verbose transactions are currently unsupported".
fn electrs_proxy(upstream: u16) -> (String, std::sync::Arc<Seen>) {
    proxy(upstream, 0, true)
}

fn proxy(upstream: u16, busy: usize, refuse_verbose: bool) -> (String, std::sync::Arc<Seen>) {
    use std::sync::atomic::Ordering;
    use std::sync::{Arc, Mutex};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("tcp://{}", listener.local_addr().unwrap());
    let seen = Arc::new(Seen::default());
    seen.busy_left.store(busy, Ordering::SeqCst);
    seen.refuse_verbose.store(refuse_verbose, Ordering::SeqCst);
    let s = seen.clone();
    std::thread::spawn(move || {
        for client in listener.incoming() {
            let Ok(client) = client else { continue };
            let Ok(up) = TcpStream::connect(("127.0.0.1", upstream)) else {
                continue;
            };
            let to_client = Arc::new(Mutex::new(client.try_clone().unwrap()));
            let back = to_client.clone();
            let up_reader = up.try_clone().unwrap();
            std::thread::spawn(move || {
                let mut r = BufReader::new(up_reader);
                let mut line = String::new();
                while r.read_line(&mut line).is_ok_and(|n| n > 0) {
                    if back.lock().unwrap().write_all(line.as_bytes()).is_err() {
                        break;
                    }
                    line.clear();
                }
            });
            let s = s.clone();
            std::thread::spawn(move || {
                let mut up = up;
                let mut r = BufReader::new(client);
                let mut line = String::new();
                while r.read_line(&mut line).is_ok_and(|n| n > 0) {
                    let v: Value = serde_json::from_str(&line).unwrap_or(Value::Null);
                    let method = v["method"].as_str().unwrap_or("").to_string();
                    let busy = method == "blockchain.transaction.get"
                        && s.busy_left
                            .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| n.checked_sub(1))
                            .is_ok();
                    let refused = method == "blockchain.transaction.get"
                        && v["params"][1] == json!(true)
                        && s.refuse_verbose.load(Ordering::SeqCst);
                    if refused {
                        s.verbose_refused.fetch_add(1, Ordering::SeqCst);
                        let e = json!({"jsonrpc": "2.0", "id": v["id"],
                            "error": "verbose transactions are currently unsupported"});
                        let _ = to_client
                            .lock()
                            .unwrap()
                            .write_all(format!("{e}\n").as_bytes());
                    } else if busy {
                        s.busy_given.fetch_add(1, Ordering::SeqCst);
                        let e = json!({"jsonrpc": "2.0", "id": v["id"], "error":
                            {"code": -102, "message": "server busy - request timed out"}});
                        let _ = to_client
                            .lock()
                            .unwrap()
                            .write_all(format!("{e}\n").as_bytes());
                    } else {
                        if method == "blockchain.transaction.get" {
                            let txid = v["params"][0].as_str().unwrap_or("").to_string();
                            s.txids.lock().unwrap().insert(txid);
                        }
                        *s.methods.lock().unwrap().entry(method).or_default() += 1;
                        if up.write_all(line.as_bytes()).is_err() {
                            break;
                        }
                    }
                    line.clear();
                }
                let _ = up.shutdown(std::net::Shutdown::Both);
            });
        }
    });
    (url, seen)
}

/// A first sync asks for each of the wallet's transactions once and for nothing that paid
/// it (no previous outputs); a later full scan asks for none of them again; a server that
/// answers "server busy" is asked again on a new connection, with a notice, and the sync
/// completes.
#[test]
fn an_electrum_sync_asks_little_and_waits_out_a_busy_server() {
    use std::sync::atomic::Ordering;
    let node = Node::start_with(&["-txindex"]);
    let miner = node.miner();
    let mut server = Electrumx::start(&node);
    let env = crate::common::Env::new();
    env.regtest_wallet("alice", "main");
    let (ext, int) = env.descriptors("main");
    node.pay_indexes(&[(&ext, 0, "0.5"), (&ext, 5, "0.25"), (&int, 0, "0.125")]);
    node.rpc(&["generatetoaddress", "1", &miner]);
    server.wait_for_height(102);
    let (url, seen) = busy_proxy(server.port, 2);
    env.ok(&[
        "wallet",
        "backend",
        "set",
        "btc",
        "--network",
        "regtest",
        "--electrum",
        &url,
    ]);
    // stdout and stderr into one file, to see the order: the notice is shown as the sync
    // waits, before its result (not with the notices shown when the command ends).
    // (one open file, its offset shared).
    let both = tempfile::NamedTempFile::new().unwrap();
    let file = both.reopen().unwrap();
    let status = env
        .command(&["--json", "wallet", "sync"])
        .stdout(file.try_clone().unwrap())
        .stderr(file)
        .status()
        .unwrap();
    let out = std::fs::read_to_string(both.path()).unwrap();
    assert_eq!(status.code(), Some(0), "{out}");
    let notice = out.find("asking again").unwrap_or_else(|| panic!("{out}"));
    assert!(out[..notice].contains("server busy"), "{out}");
    let result = out.find("{\"ok\"").unwrap_or_else(|| panic!("{out}"));
    assert!(notice < result, "the notice came after the result: {out}");
    let s: Value = serde_json::Deserializer::from_str(&out[result..])
        .into_iter()
        .next()
        .unwrap()
        .unwrap();
    assert_eq!(s["data"]["bitcoin"][0]["confirmed"], "0.87500000", "{s}");
    assert_eq!(seen.busy_given.load(Ordering::SeqCst), 2);
    // The wallet's three transactions only (none of those that paid it: no previous
    // outputs), and their three proofs.
    let ours: std::collections::HashSet<String> = env.ok(&["history"])["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["txid"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(ours.len(), 3);
    assert_eq!(*seen.txids.lock().unwrap(), ours);
    assert_eq!(seen.count("blockchain.transaction.get_merkle"), 3);
    let asked = seen.count("blockchain.transaction.get");
    let requests = s["data"]["bitcoin"][0]["requests"].as_u64().unwrap();
    assert!(requests >= 6, "{s}");
    // A full scan again (a wider gap limit), from a server restarted meanwhile (its
    // caches empty): nothing the vault holds is asked again.
    server.restart(&node);
    let s = env.ok(&["wallet", "sync", "--gap-limit", "30"]);
    assert_eq!(s["bitcoin"][0]["confirmed"], "0.87500000", "{s}");
    assert_eq!(seen.count("blockchain.transaction.get"), asked);
    assert_eq!(seen.count("blockchain.transaction.get_merkle"), 3);
}

/// Waits (up to 60 s) until the Electrum server's index has `txid` in the history of
/// `address` (its mempool or a block).
fn wait_for_history(server: &Electrumx, address: &str, txid: &str) {
    use bitcoin::hashes::{Hash as _, sha256};
    let script = address
        .parse::<bitcoin::Address<bitcoin::address::NetworkUnchecked>>()
        .unwrap()
        .assume_checked()
        .script_pubkey();
    let mut h = sha256::Hash::hash(script.as_bytes()).to_byte_array();
    h.reverse();
    let hash = hex::encode(h);
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let history = server.try_call("blockchain.scripthash.get_history", json!([hash]));
        if history
            .as_ref()
            .and_then(Value::as_array)
            .is_some_and(|l| l.iter().any(|e| e["tx_hash"] == txid))
        {
            return;
        }
        assert!(
            Instant::now() < deadline,
            "ElectrumX did not index {txid}: {}",
            server.log()
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// A server that refuses verbose transactions (Blockstream's electrs): `receive import
/// --txid` of a confirmed payment (its block from the header at the height its script's
/// history gives, checked by its merkle proof) and of an unconfirmed one works; a sync
/// with pending payments keeps them pending as through ElectrumX, asking verbose once
/// (the refusal is remembered); an unknown transaction is still `backend` (exit 7), and
/// so is any other error answer, with the server's words ("server busy"), not "unknown".
#[test]
fn an_electrum_server_without_verbose_transactions() {
    use std::sync::atomic::Ordering;
    let node = Node::start_with(&["-txindex"]);
    node.miner();
    let mut server = Electrumx::start(&node);
    let env = crate::common::Env::new();
    let miner = funded(&env, &node, &mut server, "1");
    let (url, seen) = electrs_proxy(server.port);
    env.ok(&[
        "wallet",
        "backend",
        "set",
        "btc",
        "--network",
        "regtest",
        "--electrum",
        &url,
    ]);
    let new_address = || {
        env.ok(&["addr", "new"])["items"][0]["address"]
            .as_str()
            .unwrap()
            .to_string()
    };

    // Confirmed.
    let a = new_address();
    let paid = node.wallet_rpc("miner", &["sendtoaddress", &a, "0.02"]);
    let paid = paid.as_str().unwrap().to_string();
    node.rpc(&["generatetoaddress", "2", &miner]);
    server.wait_for_tip(&node);
    let tip = node.rpc(&["getblockcount"]).as_u64().unwrap();
    let i = env.ok(&["receive", "import", "--txid", &paid]);
    assert_eq!(i["result"], "applied", "{i}");
    assert_eq!(i["status"], "confirmed", "{i}");
    assert_eq!(i["height"], tip - 1, "{i}");
    assert_eq!(seen.verbose_refused.load(Ordering::SeqCst), 1);
    let row = env.ok(&["history", "show", &paid]);
    assert_eq!(row["status"], "confirmed", "{row}");

    // Unconfirmed.
    let b = new_address();
    let pending = node.wallet_rpc("miner", &["sendtoaddress", &b, "0.03"]);
    let pending = pending.as_str().unwrap().to_string();
    wait_for_history(&server, &b, &pending);
    let i = env.ok(&["receive", "import", "--txid", &pending]);
    assert_eq!(i["result"], "applied", "{i}");
    assert_eq!(i["status"], "pending", "{i}");
    assert_eq!(seen.verbose_refused.load(Ordering::SeqCst), 2);

    // Not known: backend, exit 7, as through ElectrumX.
    let e = env.err(&["receive", "import", "--txid", &"ab".repeat(32)], 7);
    assert!(
        e["message"].as_str().unwrap().contains("does not know"),
        "{e}"
    );

    // A sync with two pending payments: both stay pending (none taken for unknown, so
    // none failed), verbose asked once for the whole sync.
    let c = new_address();
    let other = node.wallet_rpc("miner", &["sendtoaddress", &c, "0.04"]);
    wait_for_history(&server, &c, other.as_str().unwrap());
    let s = env.ok(&["wallet", "sync"]);
    assert_eq!(s["bitcoin"][0]["pending"], "0.07000000", "{s}");
    let refused = seen.verbose_refused.load(Ordering::SeqCst);
    let s = env.ok(&["wallet", "sync"]);
    assert_eq!(s["bitcoin"][0]["pending"], "0.07000000", "{s}");
    assert_eq!(s["bitcoin"][0]["confirmed"], "1.02000000", "{s}");
    assert_eq!(seen.verbose_refused.load(Ordering::SeqCst), refused + 1);
    for t in [&pending, other.as_str().unwrap()] {
        let row = env.ok(&["history", "show", t]);
        assert_eq!(row["status"], "pending", "{row}");
    }

    // An error answer that is not a not-found one ("server busy") is `backend` with the
    // server's words, never taken for an unknown transaction.
    let (busy_url, _) = busy_proxy(server.port, 1);
    env.ok(&[
        "wallet",
        "backend",
        "set",
        "btc",
        "--network",
        "regtest",
        "--electrum",
        &busy_url,
    ]);
    let d = new_address();
    let fresh = node.wallet_rpc("miner", &["sendtoaddress", &d, "0.05"]);
    let e = env.err(&["receive", "import", "--txid", fresh.as_str().unwrap()], 7);
    let message = e["message"].as_str().unwrap();
    assert!(
        message.contains("server busy") && !message.contains("does not know"),
        "{e}"
    );
}
