//! No network I/O under the vault lock (issue 20): a Bitcoin sync reads the node with no
//! lock held and records the result in one write; a send commits before it broadcasts.
//! Orders of events only: a loopback proxy in front of the node's RPC port holds one
//! request until the test lets it through.

use crate::common::Env;
use crate::node::Node;
use std::io::{Read as _, Write as _};
use std::net::{TcpListener, TcpStream};
use std::sync::{Arc, Condvar, Mutex, mpsc};

/// What the proxy is doing with the request it waits for.
#[derive(Default)]
struct Gate {
    /// Hold the first request calling this method (its quoted name in the JSON).
    hold: Option<String>,
    /// The request is held.
    holding: bool,
    /// Let it (and everything after it) through.
    released: bool,
}

/// A TCP proxy to `upstream` (plain bytes both ways) that can hold one request.
struct Proxy {
    port: u16,
    gate: Arc<(Mutex<Gate>, Condvar)>,
    held: mpsc::Receiver<()>,
}

impl Proxy {
    fn start(upstream: u16) -> Proxy {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let gate: Arc<(Mutex<Gate>, Condvar)> = Arc::default();
        let (tx, held) = mpsc::channel();
        let g = gate.clone();
        std::thread::spawn(move || {
            for client in listener.incoming() {
                let Ok(client) = client else { return };
                let Ok(server) = TcpStream::connect(("127.0.0.1", upstream)) else {
                    return;
                };
                let (c2, s2) = (client.try_clone().unwrap(), server.try_clone().unwrap());
                let (g, tx) = (g.clone(), tx.clone());
                std::thread::spawn(move || pipe(client, server, Some((g, tx))));
                std::thread::spawn(move || pipe(s2, c2, None));
            }
        });
        Proxy { port, gate, held }
    }

    fn hold(&self, method: &str) {
        self.gate.0.lock().unwrap().hold = Some(format!("\"{method}\""));
    }

    fn release(&self) {
        let (m, cv) = &*self.gate;
        m.lock().unwrap().released = true;
        cv.notify_all();
    }
}

/// Copies `from` to `to`; with a gate, holds the chunk naming the gate's method until
/// the gate is released.
type Watch = (Arc<(Mutex<Gate>, Condvar)>, mpsc::Sender<()>);
fn pipe(mut from: TcpStream, mut to: TcpStream, gate: Option<Watch>) {
    let mut buf = [0u8; 65536];
    loop {
        let n = match from.read(&mut buf) {
            Ok(0) | Err(_) => break,
            Ok(n) => n,
        };
        if let Some((g, tx)) = &gate {
            let (m, cv) = &**g;
            let mut s = m.lock().unwrap();
            let text = String::from_utf8_lossy(&buf[..n]);
            if !s.released
                && !s.holding
                && s.hold.as_ref().is_some_and(|h| text.contains(h.as_str()))
            {
                s.holding = true;
                let _ = tx.send(());
                while !s.released {
                    s = cv.wait(s).unwrap();
                }
            }
        }
        if to.write_all(&buf[..n]).is_err() {
            break;
        }
    }
    let _ = to.shutdown(std::net::Shutdown::Both);
}

/// Waits until the proxy holds its request, failing if `child` exits first.
fn wait_held(proxy: &Proxy, child: &mut std::process::Child) {
    loop {
        if proxy
            .held
            .recv_timeout(std::time::Duration::from_millis(50))
            .is_ok()
        {
            return;
        }
        if let Some(status) = child.try_wait().unwrap() {
            let mut err = String::new();
            child
                .stderr
                .take()
                .unwrap()
                .read_to_string(&mut err)
                .unwrap();
            panic!("the command ended ({status}) before its request was held: {err}");
        }
    }
}

/// Whether anyone holds the user's vault lock now.
fn lock_is_free(env: &Env, user: &str) -> bool {
    let f = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .open(env.user_dir(user).join("lock"))
        .unwrap();
    match f.try_lock() {
        Ok(()) => {
            f.unlock().unwrap();
            true
        }
        Err(std::fs::TryLockError::WouldBlock) => false,
        Err(e) => panic!("{e:?}"),
    }
}

#[test]
fn a_first_bitcoin_sync_reads_the_node_without_the_lock() {
    let node = Node::start();
    let miner = node.miner();
    let env = Env::new();
    env.regtest_wallet("alice", "main");
    let a = env.ok(&["receive"])["address"]
        .as_str()
        .unwrap()
        .to_string();
    node.wallet_rpc("miner", &["sendtoaddress", &a, "0.5"]);
    node.rpc(&["generatetoaddress", "20", &miner]);
    let pending = node.wallet_rpc("miner", &["sendtoaddress", &a, "0.125"]);
    let proxy = Proxy::start(node.url().rsplit(':').next().unwrap().parse().unwrap());
    let cookie = node.cookie();
    env.ok(&[
        "wallet",
        "backend",
        "set",
        "btc",
        "--network",
        "regtest",
        "--rpc",
        &format!("http://127.0.0.1:{}", proxy.port),
        "--rpc-cookie",
        cookie.to_str().unwrap(),
    ]);

    // The sync's first block read is held: the sync is provably reading the node.
    proxy.hold("getblock");
    let mut sync = env
        .command(&["--json", "wallet", "sync"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    wait_held(&proxy, &mut sync);
    let free = lock_is_free(&env, "alice");
    let new = env.run(&["--json", "addr", "new"]);
    proxy.release();
    let out = sync.wait_with_output().unwrap();
    assert!(free, "the vault lock is held while the sync reads the node");
    assert_eq!(new.code, 0, "addr new during the sync: {}", new.stderr);
    let fresh = new.json()["data"]["items"][0]["address"]
        .as_str()
        .unwrap()
        .to_string();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    // The books are the node's: every block read, both payments, the new address kept.
    let s: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let item = &s["data"]["bitcoin"][0];
    assert_eq!(item["tip"], node.rpc(&["getblockcount"]), "{s}");
    assert_eq!(item["confirmed"], "0.50000000", "{s}");
    assert_eq!(item["pending"], "0.12500000", "{s}");
    let h = env.ok(&["history"]);
    assert_eq!(h["total"], 2, "{h}");
    assert!(h.to_string().contains(pending.as_str().unwrap()), "{h}");
    let l = env.ok(&["addr", "list"]);
    assert!(l.to_string().contains(&fresh), "{l}");
    let b = env.ok(&["wallet", "balance"]);
    assert!(b.to_string().contains("0.50000000"), "{b}");

    // With no other writer, the write goes on from the snapshot the reading used: one
    // decryption of each file, whether the node brought something new or not.
    let count = env.secrets.join("sync-decryptions.log");
    for _ in 0..2 {
        let _ = std::fs::remove_file(&count);
        node.rpc(&["generatetoaddress", "1", &miner]);
        let out = run_with(
            &env,
            &[("COFFER_TEST_COUNT_DECRYPTS", &count)],
            &["wallet", "sync"],
        );
        assert_eq!(out.status.code(), Some(0));
        let s: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(s["data"]["bitcoin"][0]["tip"], node.rpc(&["getblockcount"]));
        let log = std::fs::read_to_string(&count).unwrap();
        assert_eq!(log.lines().collect::<Vec<_>>(), ["vault.age", "engine.age"]);
    }
    // Nothing new at the node: the engine is neither changed nor saved, the answer is
    // the same as the last one.
    let last = env.ok(&["wallet", "sync"]);
    let _ = std::fs::remove_file(&count);
    let out = run_with(
        &env,
        &[("COFFER_TEST_COUNT_DECRYPTS", &count)],
        &["wallet", "sync"],
    );
    assert_eq!(out.status.code(), Some(0));
    let again: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    for key in ["tip", "confirmed", "pending", "watched", "gap_limit"] {
        assert_eq!(
            again["data"]["bitcoin"][0][key], last["bitcoin"][0][key],
            "{key}"
        );
    }
    assert_eq!(again["data"]["bitcoin"][0]["blocks"], 0);
    let log = std::fs::read_to_string(&count).unwrap();
    assert_eq!(log.lines().collect::<Vec<_>>(), ["vault.age", "engine.age"]);
    // What the reading applied to the snapshot was rolled back before the write went on
    // from it: the books are the node's, nothing counted twice.
    let b = env.ok(&["wallet", "balance"]);
    assert!(b.to_string().contains("0.62500000"), "{b}");
    assert_eq!(env.ok(&["history"])["total"], 2);
}

/// Runs `coffer --json ARGS` with extra environment variables.
fn run_with(env: &Env, vars: &[(&str, &std::path::Path)], args: &[&str]) -> std::process::Output {
    let mut a = vec!["--json"];
    a.extend_from_slice(args);
    let mut c = env.command(&a);
    for (k, v) in vars {
        c.env(k, v);
    }
    c.output().unwrap()
}

/// The decryptions of vault.age a run counted (one line each in `file`).
fn vault_decryptions(file: &std::path::Path) -> usize {
    std::fs::read_to_string(file)
        .unwrap_or_default()
        .lines()
        .filter(|l| l.contains("vault"))
        .count()
}

/// The txid of the one pending `send` row of history other than `but`.
fn pending_send(env: &Env, but: &[&str]) -> String {
    let h = env.ok(&["history"]);
    let rows: Vec<String> = h["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["status"] == "pending" && r["type"] == "send")
        .map(|r| r["txid"].as_str().unwrap().to_string())
        .filter(|t| {
            !but.iter()
                .any(|b| b.trim_start_matches("0x") == t.trim_start_matches("0x"))
        })
        .collect();
    assert_eq!(rows.len(), 1, "{h}");
    rows[0].clone()
}

#[test]
fn a_bitcoin_send_decrypts_twice_and_broadcasts_after_its_commit() {
    let node = Node::start();
    let miner = node.miner();
    let env = Env::new();
    env.regtest_wallet("alice", "main");
    crate::btcnode::set_backend(&env, &node);
    let a = env.ok(&["receive"])["address"]
        .as_str()
        .unwrap()
        .to_string();
    node.wallet_rpc("miner", &["sendtoaddress", &a, "1"]);
    node.rpc(&["generatetoaddress", "1", &miner]);
    env.ok(&["wallet", "sync"]);
    let pin = env.secret_path("pin");
    let count = env.secrets.join("decryptions");
    let pay = |amount: &str| {
        vec![
            "send",
            "--to",
            &miner,
            "--amount",
            amount,
            "--yes",
            "--pin-file",
            &pin,
        ]
        .into_iter()
        .map(String::from)
        .collect::<Vec<String>>()
    };
    // A payment the node refuses after it was recorded (its coin is spent in the node's
    // mempool by a transaction coffer was told was abandoned, which pays more): exit 7
    // with the node's reason; the row is abandoned and the coin the wallet's again.
    let raw = env.secrets.join("x.hex");
    let x = env.ok(&[
        "send",
        "--to",
        &miner,
        "--amount",
        "0.05",
        "--fee",
        "20",
        "--no-broadcast",
        "--raw-out",
        raw.to_str().unwrap(),
        "--yes",
        "--pin-file",
        &pin,
    ]);
    let x = x["txid"].as_str().unwrap().to_string();
    // Abandoned a few seconds ahead of the syncs' clock: the next sync sees the node's
    // copy no later than the abandon, as one in the same second would (it must come back
    // all the same).
    let ahead = (std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs()
        + 30)
        .to_string();
    let out = run_with(
        &env,
        &[("COFFER_TEST_NOW", std::path::Path::new(&ahead))],
        &["send", "abandon", &x],
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let hex = std::fs::read_to_string(&raw).unwrap();
    node.rpc(&["sendrawtransaction", hex.trim()]);
    let coins = env.ok(&["utxo", "list"]);
    assert_eq!(coins["total"], "1.00000000", "{coins}");
    let e = env.err(
        &[
            "send",
            "--to",
            &miner,
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
    assert!(e["message"].as_str().unwrap().contains("refused"), "{e}");
    let h = env.ok(&["history"]);
    let refused: Vec<&serde_json::Value> = h["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["type"] == "send" && r["txid"] != x.as_str())
        .collect();
    assert_eq!(refused.len(), 1, "{h}");
    assert_eq!(refused[0]["status"], "abandoned", "{h}");
    assert_eq!(
        env.ok(&["utxo", "list"]),
        coins,
        "the coin is the wallet's again"
    );
    assert!(env.events().contains(&"btc_tx_refused".to_string()));
    // The same payment held by the policy, then confirmed: the approval is closed in the
    // write that signs, so the node's refusal leaves it approved (its transaction
    // abandoned, the coin the wallet's again), not waiting to be signed again.
    env.ok(&["security", "set", "limit-tx", "BTC", "0.1"]);
    let held = env.err(
        &[
            "send",
            "--to",
            &miner,
            "--amount",
            "0.3",
            "--fee",
            "2",
            "--yes",
            "--pin-file",
            &pin,
        ],
        6,
    );
    let id = held["approval_id"].as_str().unwrap().to_string();
    let e = env.err(&["send", "confirm", &id, "--yes", "--pin-file", &pin], 7);
    assert!(e["message"].as_str().unwrap().contains("refused"), "{e}");
    let waiting = env.ok(&["history", "--status", "awaiting_approval"]);
    assert_eq!(waiting["total"], 0, "{waiting}");
    env.err(&["send", "confirm", &id, "--yes", "--pin-file", &pin], 5);
    let abandoned = env.ok(&["history", "--status", "abandoned"]);
    assert_eq!(abandoned["total"], 3, "x and the two refused: {abandoned}");
    assert_eq!(
        env.ok(&["utxo", "list"]),
        coins,
        "the coin is the wallet's again"
    );
    env.ok(&["security", "set", "limit-tx", "BTC", "off"]);
    // The sync finds the node's one.
    env.ok(&["wallet", "sync"]);

    let args = pay("0.1");
    let args: Vec<&str> = args.iter().map(String::as_str).collect();

    // One snapshot to plan, one write to check the PIN, sign and record.
    let out = run_with(&env, &[("COFFER_TEST_COUNT_DECRYPTS", &count)], &args);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    let r: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(r["data"]["status"], "broadcast", "{r}");
    let first = r["data"]["txid"].as_str().unwrap().to_string();
    let n = vault_decryptions(&count);
    assert!((1..=2).contains(&n), "vault.age decrypted {n} times");
    let mempool = node.rpc(&["getrawmempool"]);
    assert!(mempool.to_string().contains(&first), "{mempool}");

    // Stopped dead between the commit and the broadcast: recorded as pending, never
    // sent; the next sync sends it, once.
    let fault = std::path::Path::new("after-commit");
    let args = pay("0.2");
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let out = run_with(&env, &[("COFFER_TEST_FAULT", fault)], &args);
    assert_ne!(out.status.code(), Some(0), "the fault hook stops the send");
    let second = pending_send(&env, &[&first, &x]);
    let mempool = node.rpc(&["getrawmempool"]);
    assert!(!mempool.to_string().contains(&second), "{mempool}");
    let s = env.ok(&["wallet", "sync"]);
    assert_eq!(
        s["bitcoin"][0]["broadcast"],
        serde_json::json!([second]),
        "{s}"
    );
    let mempool = node.rpc(&["getrawmempool"]);
    assert!(mempool.to_string().contains(&second), "{mempool}");
    let s = env.ok(&["wallet", "sync"]);
    assert_eq!(s["bitcoin"][0]["broadcast"], serde_json::json!([]), "{s}");
    node.rpc(&["generatetoaddress", "1", &miner]);
    env.ok(&["wallet", "sync"]);
    let h = env.ok(&["history"]);
    for t in [&first, &second] {
        let row = h["items"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["txid"] == t.as_str())
            .unwrap_or_else(|| panic!("{t} not in {h}"));
        assert_eq!(row["status"], "confirmed", "{h}");
    }
}

/// Every Bitcoin send decrypts the vault twice: one snapshot to plan (and ask), one
/// write. An unsigned one (the PSBT kept: its change indexes, the audit), `send sign`
/// (the PIN checked in the signing write), one the policy holds (stored in one write),
/// and `send confirm` (the PIN and the daily limit checked, signed, recorded and the
/// approval closed in one write).
#[test]
fn unsigned_signed_held_and_confirmed_bitcoin_sends_decrypt_twice() {
    use bitcoin::Network;
    let env = Env::new();
    env.register("alice");
    env.ok(&[
        "wallet",
        "create",
        "main",
        "--network",
        "regtest",
        "--chains",
        "btc",
    ]);
    let a = env.ok(&["addr", "new"])["items"][0]["address"]
        .as_str()
        .unwrap()
        .to_string();
    let tx = crate::fund::pay(&[(&a, 100_000)], Network::Regtest, 62);
    env.ok(&[
        "receive",
        "import",
        "--tx",
        &crate::fund::hex(&tx),
        "--height",
        "101",
        "--block-time",
        "1769860800",
    ]);
    // Someone else's address.
    let payee = {
        use bitcoin::secp256k1::{Secp256k1, SecretKey};
        let sk = SecretKey::from_slice(&[3; 32]).unwrap();
        let pk = bitcoin::CompressedPublicKey(sk.public_key(&Secp256k1::new()));
        bitcoin::Address::p2wpkh(&pk, Network::Regtest).to_string()
    };
    let pin = env.secret_path("pin");
    // Runs `coffer --json ARGS`: its exit code, its decryptions of vault.age, its output.
    let counted = |args: &[&str]| {
        let count = env.secrets.join("decryptions");
        let _ = std::fs::remove_file(&count);
        let out = run_with(&env, &[("COFFER_TEST_COUNT_DECRYPTS", &count)], args);
        let v: serde_json::Value = serde_json::from_slice(&out.stdout)
            .unwrap_or_else(|_| panic!("{args:?}: {}", String::from_utf8_lossy(&out.stderr)));
        (out.status.code().unwrap(), vault_decryptions(&count), v)
    };
    // An unsigned payment (a PSBT for an offline signer), then `send sign`: one snapshot,
    // one write each.
    let psbt = env.secrets.join("pay.psbt");
    let psbt = psbt.to_str().unwrap();
    let (c, n, v) = counted(&[
        "send",
        "--to",
        &payee,
        "--amount",
        "0.0001",
        "--fee",
        "2",
        "--unsigned-out",
        psbt,
    ]);
    assert_eq!(
        (c, n),
        (0, 2),
        "send --unsigned-out decrypted vault.age {n} times: {v}"
    );
    let (c, n, v) = counted(&["send", "sign", psbt, "--yes", "--pin-file", &pin]);
    assert_eq!(
        (c, n),
        (0, 2),
        "send sign decrypted vault.age {n} times: {v}"
    );
    // A send the policy holds: the snapshot, and one write that stores it.
    env.ok(&["security", "set", "limit-tx", "BTC", "0.0003"]);
    env.ok(&["security", "set", "limit-daily", "BTC", "0.0003"]);
    let (c, n, e) = counted(&[
        "send",
        "--to",
        &payee,
        "--amount",
        "0.0004",
        "--fee",
        "2",
        "--yes",
        "--pin-file",
        &pin,
    ]);
    assert_eq!(
        (c, n),
        (6, 2),
        "a held send decrypted vault.age {n} times: {e}"
    );
    let id = e["error"]["approval_id"].as_str().unwrap().to_string();
    // Over the daily limit too: passed with --override-limit, audited in the same write.
    let (c, n, r) = counted(&[
        "send",
        "confirm",
        &id,
        "--override-limit",
        "--yes",
        "--pin-file",
        &pin,
    ]);
    assert_eq!(c, 0, "{r}");
    assert_eq!(r["data"]["status"], "signed", "{r}");
    assert_eq!(n, 2, "send confirm decrypted vault.age {n} times");
    let events = env.events();
    for e in ["limit_overridden", "btc_tx_signed", "send_approved"] {
        assert!(events.contains(&e.to_string()), "{e} in {events:?}");
    }
    let held = env.ok(&["history", "--status", "awaiting_approval"]);
    assert_eq!(held["total"], 0, "{held}");
    env.err(&["send", "confirm", &id, "--yes", "--pin-file", &pin], 5);
}

const CHAIN: u64 = 31337;
/// anvil's second default account, a payee.
const PAYEE: &str = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";

#[test]
fn an_ether_send_decrypts_twice_and_broadcasts_after_its_commit() {
    use serde_json::json;
    let node = crate::anvil::Anvil::start(CHAIN);
    let env = Env::new();
    env.register("alice");
    env.ok(&["wallet", "create", "main", "--chains", "eth"]);
    let ours = env.ok(&["receive", "--chain", "eth"])["address"]
        .as_str()
        .unwrap()
        .to_string();
    node.result(
        "anvil_setBalance",
        json!([ours, format!("{:#x}", 10_000_000_000_000_000_000u128)]),
    );
    env.ok(&[
        "wallet",
        "backend",
        "set",
        "eth",
        "--chain-id",
        &CHAIN.to_string(),
        "--rpc",
        &node.url,
    ]);
    env.ok(&["wallet", "sync"]);
    let pin = env.secret_path("pin");
    let count = env.secrets.join("decryptions");
    let chain = CHAIN.to_string();
    let pay = |amount: &'static str| {
        [
            "send",
            "--chain",
            "eth",
            "--chain-id",
            &chain,
            "--to",
            PAYEE,
            "--amount",
            amount,
            "--yes",
            "--pin-file",
            &pin,
        ]
        .into_iter()
        .map(String::from)
        .collect::<Vec<String>>()
    };
    let args = pay("1");
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let out = run_with(&env, &[("COFFER_TEST_COUNT_DECRYPTS", &count)], &args);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    let r: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(r["data"]["status"], "broadcast", "{r}");
    let first = r["data"]["hash"].as_str().unwrap().to_string();
    let n = vault_decryptions(&count);
    assert!((1..=2).contains(&n), "vault.age decrypted {n} times");
    assert_eq!(node.receipt(&json!(first))["status"], "0x1");

    // Stopped dead between the commit and the broadcast: pending, unknown to the node;
    // the next sync sends it.
    let fault = std::path::Path::new("after-commit");
    let args = pay("2");
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let out = run_with(&env, &[("COFFER_TEST_FAULT", fault)], &args);
    assert_ne!(out.status.code(), Some(0), "the fault hook stops the send");
    let second = format!(
        "0x{}",
        pending_send(&env, &[&first]).trim_start_matches("0x")
    );
    assert!(
        node.result("eth_getTransactionByHash", json!([second]))
            .is_null(),
        "never sent"
    );
    env.ok(&["wallet", "sync"]);
    assert_eq!(node.receipt(&json!(second))["status"], "0x1");
    env.ok(&["wallet", "sync"]);
    let h = env.ok(&["history"]);
    let row = h["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| {
            r["txid"].as_str().unwrap().trim_start_matches("0x") == second.trim_start_matches("0x")
        })
        .unwrap_or_else(|| panic!("{second} not in {h}"));
    assert_eq!(row["status"], "confirmed", "{h}");
}
