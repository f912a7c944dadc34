//! Backends through a SOCKS5 proxy (`--proxy socks5h://HOST:PORT`): pproxy (PyPI, installed
//! by scripts/install-tools.sh into .tools/pproxy-venv, or `$COFFER_PPROXY_BIN`) on
//! 127.0.0.1 with a free port, started here and stopped by its PID when dropped, sends every
//! connection to the one server behind it (its `tunnel://` remote). The backend URLs name
//! a host that does not resolve (`*.coffer-test.invalid`) or a port where nothing listens,
//! so only the proxy reaches them: an answer proves that coffer made no direct connection
//! and let the proxy resolve the name (socks5h). The proxy's log names each connection's
//! destination as coffer asked for it. A missing pproxy fails the test: nothing is skipped.

use crate::common::Env;
use crate::electrum::Electrumx;
use crate::node::Node;
use serde_json::{Value, json};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// A running pproxy: SOCKS5 on 127.0.0.1, every connection to 127.0.0.1:`target`.
pub(crate) struct Pproxy {
    child: Child,
    dir: tempfile::TempDir,
    port: u16,
}

fn bin() -> PathBuf {
    let bin = std::env::var_os("COFFER_PPROXY_BIN")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(".tools/pproxy-venv/bin/pproxy")
        });
    assert!(
        bin.exists(),
        "pproxy not found at {} (run scripts/install-tools.sh, or set COFFER_PPROXY_BIN); \
         the proxy tests need a real SOCKS5 proxy",
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

impl Pproxy {
    /// Starts pproxy in front of 127.0.0.1:`target` and waits until it listens.
    pub(crate) fn start(target: u16) -> Pproxy {
        let dir = tempfile::tempdir().unwrap();
        let port = free_port();
        let child = Command::new(bin())
            .args([
                "-l",
                &format!("socks5://127.0.0.1:{port}"),
                "-r",
                &format!("tunnel://127.0.0.1:{target}"),
                "-v",
            ])
            .env("PYTHONUNBUFFERED", "1")
            .stdout(std::fs::File::create(dir.path().join("pproxy.log")).unwrap())
            .stderr(Stdio::null())
            .spawn()
            .expect("starting pproxy");
        let mut p = Pproxy { child, dir, port };
        let deadline = Instant::now() + Duration::from_secs(30);
        while !p.log().contains("Serving on") {
            if let Ok(Some(status)) = p.child.try_wait() {
                panic!("pproxy exited: {status}: {}", p.log());
            }
            assert!(
                Instant::now() < deadline,
                "pproxy did not start: {}",
                p.log()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        p
    }

    pub(crate) fn url(&self) -> String {
        format!("socks5h://127.0.0.1:{}", self.port)
    }

    pub(crate) fn log(&self) -> String {
        std::fs::read_to_string(self.dir.path().join("pproxy.log")).unwrap_or_default()
    }

    /// How many connections the proxy made for a client that asked for `dest`
    /// (`HOST:PORT`, the host name as the client sent it).
    pub(crate) fn connections_to(&self, dest: &str) -> usize {
        self.log()
            .lines()
            .filter(|l| l.ends_with(&format!("-> {dest}")))
            .count()
    }
}

impl Drop for Pproxy {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn strings(a: &[&str]) -> Vec<String> {
    a.iter().map(|s| s.to_string()).collect()
}

fn run_ok(env: &Env, a: &[String]) -> Value {
    env.ok(&a.iter().map(String::as_str).collect::<Vec<_>>())
}

fn run_err(env: &Env, a: &[String], exit: i32) -> Value {
    env.err(&a.iter().map(String::as_str).collect::<Vec<_>>(), exit)
}

/// An Electrum server reached only through the proxy: without `--proxy` it is not found
/// (exit 7, nothing stored), `socks5://` (a local DNS lookup) is refused; with it the
/// server is checked, stored with its proxy, listed, tested and synced from, over plain
/// TCP and over TLS with a pinned certificate, every connection through the proxy with
/// the host name for the proxy to resolve.
#[test]
fn electrum_through_a_socks5_proxy() {
    let node = Node::start_with(&["-txindex"]);
    node.miner();
    let server = Electrumx::start_tls(&node, Some(("self-signed.pem", "self-signed.key")));
    let tcp_proxy = Pproxy::start(server.port);
    let tls_proxy = Pproxy::start(server.ssl_port.unwrap());
    let mut env = Env::new();
    env.regtest_wallet("alice", "main");
    env.vars.push(("COFFER_RPC_TIMEOUT".into(), "5".into()));
    let url = "tcp://electrum.coffer-test.invalid:50001";
    let set = |url: &str| {
        strings(&[
            "wallet",
            "backend",
            "set",
            "btc",
            "--network",
            "regtest",
            "--electrum",
            url,
        ])
    };
    let list = |env: &Env| env.ok(&["wallet", "backend", "list"])["items"].clone();
    // Directly: the name does not resolve.
    let e = run_err(&env, &set(url), 7);
    assert_eq!(e["code"], "backend", "{e}");
    assert_eq!(list(&env), json!([]));
    // socks5:// would resolve the name here: refused before any connection.
    let mut a = set(url);
    a.extend(strings(&[
        "--proxy",
        &tcp_proxy.url().replace("socks5h", "socks5"),
    ]));
    let e = run_err(&env, &a, 5);
    assert!(e["message"].as_str().unwrap().contains("socks5h://"), "{e}");
    // Through the proxy.
    let mut a = set(url);
    a.extend(strings(&["--proxy", &tcp_proxy.url()]));
    run_ok(&env, &a);
    assert_eq!(
        list(&env),
        json!([{"chain": "btc", "chain_id": null, "network": "regtest", "rpc": url,
                "kind": "electrum", "proxy": tcp_proxy.url(), "cert_sha256": null, "explorer": null}])
    );
    let t = env.ok(&["wallet", "backend", "test", "btc", "--network", "regtest"]);
    assert_eq!(
        (&t["tip"], &t["proxy"]),
        (&json!(101), &json!(tcp_proxy.url())),
        "{t}"
    );
    let human = env.run(&["wallet", "backend", "list"]);
    assert!(human.stdout.contains(&tcp_proxy.url()), "{}", human.stdout);
    let synced = env.ok(&["wallet", "sync"]);
    assert_eq!(synced["bitcoin"][0]["tip"], 101, "{synced}");
    // set, test, and sync's check and its BDK client: at least four connections, each
    // asked of the proxy by name.
    let n = tcp_proxy.connections_to("electrum.coffer-test.invalid:50001");
    assert!(n >= 4, "{n} connections: {}", tcp_proxy.log());
    // TLS through the proxy, the self-signed certificate pinned.
    let tls_url = "ssl://electrum.coffer-test.invalid:50002";
    let fp = crate::electrum::fingerprint("self-signed.pem");
    let mut a = set(tls_url);
    a.extend(strings(&[
        "--proxy",
        &tls_proxy.url(),
        "--electrum-cert-sha256",
        &fp,
    ]));
    run_ok(&env, &a);
    assert_eq!(list(&env)[0]["cert_sha256"], json!(fp));
    assert_eq!(list(&env)[0]["proxy"], json!(tls_proxy.url()));
    let synced = env.ok(&["wallet", "sync"]);
    assert_eq!(synced["bitcoin"][0]["tip"], 101, "{synced}");
    assert!(tls_proxy.connections_to("electrum.coffer-test.invalid:50002") >= 3);
}

/// A Bitcoin Core node and an EVM endpoint through the proxy: the node at
/// `http://localhost:1/` (nothing listens there; the proxy forwards to the node) and the
/// EVM endpoint at a name that does not resolve are checked, stored with their proxy,
/// tested, and the node synced from on kept-alive tunnels (a few, not one per request);
/// with the proxy gone, the node is not reached (no direct fallback) and the error names
/// the proxy.
#[test]
fn a_node_and_an_evm_endpoint_through_a_socks5_proxy() {
    let node = Node::start();
    node.miner();
    let anvil = crate::anvil::Anvil::start(31337);
    let anvil_port: u16 = anvil.url.rsplit(':').next().unwrap().parse().unwrap();
    let node_proxy = Pproxy::start(node.rpc_port());
    let evm_proxy = Pproxy::start(anvil_port);
    let env = Env::new();
    env.regtest_wallet("alice", "main");
    let cookie = node.cookie();
    let set_btc = |proxy: Option<&str>| {
        let mut a = strings(&[
            "wallet",
            "backend",
            "set",
            "btc",
            "--network",
            "regtest",
            "--rpc",
            "http://localhost:1/",
            "--rpc-cookie",
            cookie.to_str().unwrap(),
        ]);
        if let Some(p) = proxy {
            a.extend(strings(&["--proxy", p]));
        }
        a
    };
    run_err(&env, &set_btc(None), 7);
    run_ok(&env, &set_btc(Some(&node_proxy.url())));
    let t = env.ok(&["wallet", "backend", "test", "btc", "--network", "regtest"]);
    assert_eq!(
        (&t["tip"], &t["proxy"], &t["kind"]),
        (&json!(101), &json!(node_proxy.url()), &json!("core-rpc")),
        "{t}"
    );
    let before = node_proxy.connections_to("localhost:1");
    assert!(before >= 2, "{}", node_proxy.log());
    let synced = env.ok(&["wallet", "sync"]);
    assert_eq!(synced["bitcoin"][0]["tip"], 101, "{synced}");
    // A first sync of 101 blocks asks the node hundreds of times: its connection is
    // kept, so the proxy opens a handful of tunnels, not one per request.
    let tunnels = node_proxy.connections_to("localhost:1") - before;
    assert!(
        (1..=4).contains(&tunnels),
        "{tunnels} tunnels for one sync: {}",
        node_proxy.log()
    );
    // The proxy gone: no fallback to a direct connection, the error names the proxy.
    let proxy_url = node_proxy.url();
    drop(node_proxy);
    let e = env.err(
        &["wallet", "backend", "test", "btc", "--network", "regtest"],
        7,
    );
    assert!(
        e["message"]
            .as_str()
            .unwrap()
            .contains(&format!("through {proxy_url}")),
        "{e}"
    );
    // The EVM endpoint.
    let rpc = "http://anvil.coffer-test.invalid:8545";
    let set_eth = |proxy: Option<&str>| {
        let mut a = strings(&[
            "wallet",
            "backend",
            "set",
            "eth",
            "--chain-id",
            "31337",
            "--rpc",
            rpc,
        ]);
        if let Some(p) = proxy {
            a.extend(strings(&["--proxy", p]));
        }
        a
    };
    run_err(&env, &set_eth(None), 7);
    let list = run_ok(&env, &set_eth(Some(&evm_proxy.url())));
    let eth = list["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|b| b["chain"] == "eth")
        .unwrap()
        .clone();
    assert_eq!(
        (&eth["rpc"], &eth["proxy"]),
        (&json!(rpc), &json!(evm_proxy.url())),
        "{eth}"
    );
    let t = env.ok(&["wallet", "backend", "test", "eth"]);
    assert_eq!(t["proxy"], json!(evm_proxy.url()), "{t}");
    assert_eq!(t["chain_id"], 31337, "{t}");
    assert!(evm_proxy.connections_to("anvil.coffer-test.invalid:8545") >= 2);
}
