//! Bitcoin through a real Bitcoin Core node (regtest): backend set with its checks, and
//! `wallet sync` finding payments in blocks and in the mempool.

use crate::common::Env;
use crate::node::Node;

#[test]
fn sync_follows_a_bitcoin_core_node() {
    let node = Node::start();
    let env = Env::new();
    env.regtest_wallet("alice", "main");
    let cookie = node.cookie();
    let cookie = cookie.to_str().unwrap();
    let url = node.url();
    // The node is on regtest: a wallet network mismatch is refused (exit 7).
    let e = env.err(
        &[
            "wallet",
            "backend",
            "set",
            "btc",
            "--network",
            "signet",
            "--rpc",
            &url,
            "--rpc-cookie",
            cookie,
        ],
        7,
    );
    assert!(e["message"].as_str().unwrap().contains("regtest"), "{e}");
    env.err(
        &[
            "wallet",
            "backend",
            "set",
            "btc",
            "--network",
            "regtest",
            "--rpc",
            &url,
        ],
        5,
    );
    env.ok(&[
        "wallet",
        "backend",
        "set",
        "btc",
        "--network",
        "regtest",
        "--rpc",
        &url,
        "--rpc-cookie",
        cookie,
    ]);

    // The node's own wallet mines coins and pays us twice; one payment stays unconfirmed.
    node.rpc(&["createwallet", "miner"]);
    let miner = node.rpc(&["getnewaddress"]);
    node.rpc(&["generatetoaddress", "101", miner.as_str().unwrap()]);
    let a = env.ok(&["receive"])["address"]
        .as_str()
        .unwrap()
        .to_string();
    let b = env.ok(&["addr", "new"])["items"][0]["address"]
        .as_str()
        .unwrap()
        .to_string();
    node.rpc(&["sendtoaddress", &a, "0.5"]);
    node.rpc(&["generatetoaddress", "1", miner.as_str().unwrap()]);
    let pending = node.rpc(&["sendtoaddress", &b, "0.25"]);

    let s = env.ok(&["wallet", "sync"]);
    let item = &s["bitcoin"][0];
    assert_eq!(item["tip"], 102, "{s}");
    assert_eq!(item["confirmed"], "0.50000000", "{s}");
    assert_eq!(item["pending"], "0.25000000", "{s}");
    let h = env.ok(&["history"]);
    assert_eq!(h["total"], 2, "{h}");
    let p = h["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["txid"] == pending)
        .unwrap()
        .clone();
    assert_eq!(p["status"], "pending", "{p}");
    // Mined: a second sync reads only the new block and confirms it.
    node.rpc(&["generatetoaddress", "2", miner.as_str().unwrap()]);
    let s = env.ok(&["wallet", "sync"]);
    assert_eq!(s["bitcoin"][0]["blocks"], 2, "{s}");
    assert_eq!(s["bitcoin"][0]["confirmed"], "0.75000000");
    let h = env.ok(&["history", "--status", "confirmed"]);
    assert_eq!(h["total"], 2, "{h}");
    let b = env.ok(&["wallet", "balance"]);
    assert_eq!(b["items"][0]["confirmed_sat"], 75_000_000u64, "{b}");

    // A payment goes out through the node.
    let pin = env.secret_path("pin");
    let payee = miner.as_str().unwrap();
    let r = env.ok(&[
        "send",
        "--to",
        payee,
        "--amount",
        "0.1",
        "--fee",
        "2",
        "--yes",
        "--pin-file",
        &pin,
    ]);
    assert_eq!(r["status"], "broadcast", "{r}");
    assert_eq!(r["broadcast"], true);
    let mempool = node.rpc(&["getrawmempool"]);
    assert!(
        mempool.as_array().unwrap().iter().any(|t| t == &r["txid"]),
        "{mempool}"
    );
    // Made without broadcasting, then replaced (RBF) through the node: the node refuses
    // the first one with its reason (exit 7), and nothing changes here.
    let raw = env.secrets.join("first.hex");
    let first = env.ok(&[
        "send",
        "--to",
        payee,
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
    let before = crate::common::dump_vault(&env, "alice");
    let e = env.err(&["send", "broadcast", raw.to_str().unwrap()], 7);
    assert_eq!(e["code"], "backend", "{e}");
    assert!(
        e["message"].as_str().unwrap().contains("refused"),
        "the node's reason: {e}"
    );
    assert_eq!(
        before,
        crate::common::dump_vault(&env, "alice"),
        "nothing recorded"
    );

    // receive import --txid: the transaction and its block from the node.
    let c = env.ok(&["receive"])["address"]
        .as_str()
        .unwrap()
        .to_string();
    let paid = node.rpc(&["sendtoaddress", &c, "0.02"]);
    node.rpc(&["generatetoaddress", "1", miner.as_str().unwrap()]);
    let tip = node.rpc(&["getblockcount"]).as_u64().unwrap();
    let i = env.ok(&["receive", "import", "--txid", paid.as_str().unwrap()]);
    assert_eq!(i["result"], "applied", "{i}");
    assert_eq!(i["status"], "confirmed", "{i}");
    assert_eq!(i["height"], tip);
    env.err(&["receive", "import", "--txid", &"00".repeat(32)], 7);
    env.err(&["receive", "import", "--txid", "nope"], 5);

    // A fee level asks the node (for the level's confirmation target, configurable);
    // regtest has no estimate: the level's rate, with a notice.
    let f = env.ok(&[
        "wallet",
        "fees",
        "targets",
        "normal=3",
        "--network",
        "regtest",
    ]);
    assert_eq!(f["levels"][1]["target_blocks"], 3, "{f}");
    assert_eq!(f["levels"][1]["target_source"], "user", "{f}");
    assert_eq!(f["levels"][0]["target_blocks"], 144, "{f}");
    env.err(
        &[
            "wallet",
            "fees",
            "targets",
            "fast=200",
            "--network",
            "regtest",
        ],
        5,
    );
    env.err(
        &[
            "wallet",
            "fees",
            "targets",
            "slow=0",
            "--network",
            "regtest",
        ],
        5,
    );
    let r = env.run(&[
        "--json",
        "send",
        "--to",
        payee,
        "--amount",
        "0.01",
        "--fee",
        "normal",
        "--yes",
        "--pin-file",
        &pin,
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stderr.contains("no fee estimate for 3 blocks"),
        "{}",
        r.stderr
    );
    // The level's 2 sat/vB was the target; the realized rate depends on the final
    // signature sizes (a 71- or 72-byte signature moves the vsize by one).
    let rate: f64 = r.json()["data"]["review"]["fee_rate"]
        .as_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((2.0..2.05).contains(&rate), "{}", r.stdout);

    // receive wait: a payment that arrives while it waits; none: exit 10.
    let d = env.ok(&["addr", "new"])["items"][0]["address"]
        .as_str()
        .unwrap()
        .to_string();
    // Pay once the waiter has looked at the node a first time (its first progress line):
    // a payment it then sees is one that arrived while it waited.
    let (child, reader) = wait_for_a_payment(&env, &d);
    let waited_for = node.rpc(&["sendtoaddress", &d, "0.03"]);
    node.rpc(&["generatetoaddress", "1", miner.as_str().unwrap()]);
    let out = child.wait_with_output().unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(out.status.code(), Some(0), "{v}");
    assert_eq!(v["data"]["txid"], waited_for, "{v}");
    assert_eq!(v["data"]["amount"], "0.03000000");
    assert!(v["data"]["confirmations"].as_u64().unwrap() >= 1, "{v}");
    // Progress on stderr, a line per change.
    let progress = reader.join().unwrap();
    assert!(
        progress.contains(&format!(
            "waiting for 0.03 BTC to {d} with 1 confirmation(s)"
        )),
        "{progress}"
    );
    assert!(progress.contains(": nothing yet"), "{progress}");
    let e = env.err(
        &[
            "receive",
            "wait",
            "--amount",
            "50",
            "--timeout",
            "2s",
            "--interval",
            "1s",
        ],
        10,
    );
    assert_eq!(e["code"], "timeout", "{e}");

    // backend test reports the node; remove forgets it (and its credentials).
    let t = env.ok(&["wallet", "backend", "test", "btc", "--network", "regtest"]);
    assert_eq!(t["node"]["chain"], "regtest", "{t}");
    assert!(t["node"]["height"].as_u64().unwrap() >= 104, "{t}");
    assert!(
        t["node"]["version"].as_str().unwrap().contains("Satoshi"),
        "{t}"
    );
    env.err(
        &["wallet", "backend", "test", "btc", "--network", "signet"],
        4,
    );
    let l = env.ok(&["wallet", "backend", "remove", "btc", "--network", "regtest"]);
    assert!(l["items"].as_array().unwrap().is_empty(), "{l}");
    let s = env.ok(&["wallet", "sync"]);
    assert!(s["bitcoin"].as_array().unwrap().is_empty(), "{s}");
}

/// Sets the node for regtest with its cookie.
pub fn set_backend(env: &Env, node: &Node) {
    let cookie = node.cookie();
    env.ok(&[
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
}

fn status_of(env: &Env, txid: &serde_json::Value) -> serde_json::Value {
    let h = env.ok(&["history", "--limit", "500"]);
    h["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| &r["txid"] == txid)
        .unwrap_or_else(|| panic!("{txid} not in {h}"))["status"]
        .clone()
}

/// A new wallet's first sync starts near its birth; the gap limit decides which
/// addresses are watched (a wider one reads the blocks again); a reorganisation puts a
/// receive back to pending, or to `failed` when its coins were spent by a confirmed
/// transaction; a node's watch-only wallet of the same descriptor agrees on the balance.
#[test]
fn gap_limit_birth_and_reorganisations() {
    let node = Node::start();
    // 101 blocks ten days old (the miner's wallet too: it ignores older blocks), then
    // one of today.
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs();
    node.rpc(&["setmocktime", &(now - 10 * 86_400).to_string()]);
    node.rpc(&["createwallet", "miner"]);
    let miner = node.wallet_rpc("miner", &["getnewaddress"]);
    let miner = miner.as_str().unwrap().to_string();
    node.rpc(&["generatetoaddress", "101", &miner]);
    node.rpc(&["setmocktime", "0"]);
    node.rpc(&["generatetoaddress", "1", &miner]);

    let env = Env::new();
    env.regtest_wallet("alice", "main");
    set_backend(&env, &node);
    let shown = env.ok(&["wallet", "show", "main"]);
    let desc = shown["accounts"][0]["external_descriptor"]
        .as_str()
        .unwrap()
        .to_string();
    // Addresses 0–4 handed out; the node pays index 25.
    env.ok(&["addr", "new", "--count", "5"]);
    let far = node.rpc(&["deriveaddresses", &desc, "[25,25]"])[0]
        .as_str()
        .unwrap()
        .to_string();
    node.wallet_rpc("miner", &["sendtoaddress", &far, "0.3"]);
    node.rpc(&["generatetoaddress", "1", &miner]);

    // The wallet was made today: its first sync reads from the first block of today.
    let s = env.ok(&["wallet", "sync"]);
    let b = &s["bitcoin"][0];
    assert_eq!(b["from_height"], 102, "{s}");
    assert_eq!(b["blocks"], 2, "{s}");
    assert_eq!(b["gap_limit"], 20, "{s}");
    assert_eq!(b["watched"]["receive"], 24, "{s}");
    assert_eq!(
        b["confirmed"], "0.00000000",
        "index 25 is past the gap: {s}"
    );
    // The human form says how to widen the scan.
    let r = env.run(&["wallet", "sync"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("--gap-limit 40"), "{}", r.stdout);
    // A wider gap reads the blocks again from the first sync's start and finds it.
    let s = env.ok(&["wallet", "sync", "--gap-limit", "30"]);
    let b = &s["bitcoin"][0];
    assert_eq!(b["rescanned_from"], 102, "{s}");
    assert_eq!(b["confirmed"], "0.30000000", "{s}");
    let addrs = env.ok(&["addr", "list"]);
    assert!(
        addrs["items"]
            .as_array()
            .unwrap()
            .iter()
            .any(|a| a["address"] == far.as_str() && a["balance"] == "0.30000000"),
        "index 25 revealed with its coins: {addrs}"
    );
    // The wider gap is kept: the next sync reads nothing again.
    let s = env.ok(&["wallet", "sync"]);
    assert_eq!(s["bitcoin"][0]["gap_limit"], 30, "{s}");
    assert_eq!(s["bitcoin"][0]["blocks"], 0, "{s}");
    assert!(s["bitcoin"][0]["rescanned_from"].is_null(), "{s}");

    // A receive confirmed in a block that the node then invalidates: pending again.
    let a = env.ok(&["receive"])["address"]
        .as_str()
        .unwrap()
        .to_string();
    let paid = node.wallet_rpc("miner", &["sendtoaddress", &a, "0.2"]);
    let block = node.rpc(&["generatetoaddress", "1", &miner])[0].clone();
    let block = block.as_str().unwrap();
    env.ok(&["wallet", "sync"]);
    assert_eq!(status_of(&env, &paid), "confirmed");
    node.rpc(&["invalidateblock", block]);
    let s = env.ok(&["wallet", "sync"]);
    assert_eq!(s["bitcoin"][0]["confirmed"], "0.30000000", "{s}");
    assert_eq!(s["bitcoin"][0]["pending"], "0.20000000", "{s}");
    assert_eq!(status_of(&env, &paid), "pending");
    node.rpc(&["reconsiderblock", block]);
    let s = env.ok(&["wallet", "sync"]);
    assert_eq!(s["bitcoin"][0]["confirmed"], "0.50000000", "{s}");
    assert_eq!(status_of(&env, &paid), "confirmed");
    let h = env.ok(&["history", "show", paid.as_str().unwrap()]);
    assert_eq!(h["confirmations"], 1, "{h}");

    // Its block replaced by one holding a transaction that spends the payer's coins
    // elsewhere: the receive can never confirm (failed), and leaves the balance.
    let b2 = env.ok(&["receive"])["address"]
        .as_str()
        .unwrap()
        .to_string();
    let doomed = node.wallet_rpc("miner", &["sendtoaddress", &b2, "0.1"]);
    let block = node.rpc(&["generatetoaddress", "1", &miner])[0].clone();
    env.ok(&["wallet", "sync"]);
    assert_eq!(status_of(&env, &doomed), "confirmed");
    node.rpc(&["invalidateblock", block.as_str().unwrap()]);
    let tx = node.rpc(&["getrawtransaction", doomed.as_str().unwrap(), "true"]);
    let mut inputs = vec![];
    let mut total = 0.0;
    for i in tx["vin"].as_array().unwrap() {
        let (txid, vout) = (i["txid"].as_str().unwrap(), i["vout"].as_u64().unwrap());
        let out = node.rpc(&["gettxout", txid, &vout.to_string(), "false"]);
        total += out["value"].as_f64().unwrap();
        inputs.push(serde_json::json!({ "txid": txid, "vout": vout }));
    }
    let outputs = serde_json::json!([{ &miner: format!("{:.8}", total - 0.001) }]);
    let raw = node.rpc(&[
        "createrawtransaction",
        &serde_json::Value::from(inputs).to_string(),
        &outputs.to_string(),
    ]);
    let signed = node.wallet_rpc(
        "miner",
        &["signrawtransactionwithwallet", raw.as_str().unwrap()],
    );
    node.rpc(&["sendrawtransaction", signed["hex"].as_str().unwrap()]);
    node.rpc(&["generatetoaddress", "1", &miner]);
    let s = env.ok(&["wallet", "sync"]);
    assert_eq!(
        s["bitcoin"][0]["failed"],
        serde_json::json!([doomed]),
        "{s}"
    );
    assert_eq!(s["bitcoin"][0]["confirmed"], "0.50000000", "{s}");
    assert_eq!(s["bitcoin"][0]["pending"], "0.00000000", "{s}");
    assert_eq!(status_of(&env, &doomed), "failed");
    let h = env.ok(&["history", "show", doomed.as_str().unwrap()]);
    assert!(h["confirmations"].is_null() && h["height"].is_null(), "{h}");

    // Balance and history say where the last sync left the wallet, and when.
    let tip = node.rpc(&["getblockcount"]).as_u64().unwrap();
    for out in [env.ok(&["wallet", "balance"]), env.ok(&["history"])] {
        let p = &out["synced"][0];
        assert_eq!(p["wallet"], "main", "{out}");
        assert_eq!(p["chain"], "btc", "{out}");
        assert_eq!(p["network"], "regtest", "{out}");
        assert_eq!(p["height"], tip, "{out}");
        assert!(p["age_secs"].as_u64().unwrap() < 60, "{out}");
    }
    let r = env.run(&["wallet", "balance"]);
    assert!(
        r.stdout.contains(&format!("main (regtest): block {tip}, ")),
        "{}",
        r.stdout
    );

    // Bitcoin Core's own watch-only wallet of the same descriptors agrees.
    node.rpc(&["createwallet", "watch", "true", "true"]);
    let change = shown["accounts"][0]["internal_descriptor"]
        .as_str()
        .unwrap();
    let import = serde_json::json!([
        { "desc": desc, "timestamp": 0, "range": [0, 60] },
        { "desc": change, "timestamp": 0, "range": [0, 60] },
    ]);
    let r = node.wallet_rpc("watch", &["importdescriptors", &import.to_string()]);
    assert!(
        r.as_array().unwrap().iter().all(|x| x["success"] == true),
        "{r}"
    );
    let bal = env.ok(&["wallet", "balance"]);
    let ours = bal["items"][0]["confirmed_sat"].as_u64().unwrap();
    let theirs = node.wallet_rpc("watch", &["getbalances"]);
    let theirs = (theirs["mine"]["trusted"].as_f64().unwrap() * 1e8).round() as u64;
    assert_eq!(ours, theirs, "{bal}");
    let got = node.wallet_rpc("watch", &["getreceivedbyaddress", &far]);
    assert_eq!(got.as_f64().unwrap(), 0.3);
}

/// A node still in initial block download, wrong credentials, a mainnet wallet against a
/// regtest node, a node that does not answer in time, a stopped node: each is the
/// documented error, and nothing is recorded.
#[test]
fn node_failures_are_clear_and_change_nothing() {
    let node = Node::start();
    let mut env = Env::new();
    env.regtest_wallet("alice", "main");
    // The cookie is copied, so that once the node stops the connection is refused.
    let cookie = env.secrets.join("cookie");
    std::fs::copy(node.cookie(), &cookie).unwrap();
    let cookie = cookie.to_str().unwrap().to_string();
    let url = node.url();
    let set = |cookie: &str| {
        vec![
            "wallet".to_string(),
            "backend".into(),
            "set".into(),
            "btc".into(),
            "--network".into(),
            "regtest".into(),
            "--rpc".into(),
            url.clone(),
            "--rpc-cookie".into(),
            cookie.into(),
        ]
    };
    fn args(v: &[String]) -> Vec<&str> {
        v.iter().map(String::as_str).collect()
    }
    env.ok(&args(&set(&cookie)));

    // A fresh regtest node is in initial block download until it mines a block.
    let before = crate::common::dump_vault(&env, "alice");
    let e = env.err(&["wallet", "sync"], 7);
    assert_eq!(e["code"], "backend", "{e}");
    assert!(
        e["message"]
            .as_str()
            .unwrap()
            .contains("initial block download"),
        "{e}"
    );
    assert_eq!(before, crate::common::dump_vault(&env, "alice"));
    node.rpc(&["createwallet", "miner"]);
    let miner = node.rpc(&["getnewaddress"]);
    node.rpc(&["generatetoaddress", "1", miner.as_str().unwrap()]);
    env.ok(&["wallet", "sync"]);

    // Wrong credentials: HTTP 401 is backend_auth, exit 3 (a cookie or a user/password).
    let wrong = env.secrets.join("wrong-cookie");
    std::fs::write(&wrong, "__cookie__:0123456789abcdef").unwrap();
    let e = env.err(&args(&set(wrong.to_str().unwrap())), 3);
    assert_eq!(e["code"], "backend_auth", "{e}");
    assert!(e["message"].as_str().unwrap().contains("401"), "{e}");
    let pw = env.secret_path("rpc-password");
    std::fs::write(&pw, "not-it\n").unwrap();
    let e = env.err(
        &[
            "wallet",
            "backend",
            "set",
            "btc",
            "--network",
            "regtest",
            "--rpc",
            &url,
            "--rpc-user",
            "someone",
            "--rpc-password-file",
            &pw,
        ],
        3,
    );
    assert_eq!(e["code"], "backend_auth", "{e}");
    // A stored cookie that went stale (the node rewrote it): the same at use.
    let saved = std::fs::read(&cookie).unwrap();
    std::fs::write(&cookie, "__cookie__:stale").unwrap();
    let before = crate::common::dump_vault(&env, "alice");
    let e = env.err(&["wallet", "sync"], 3);
    assert_eq!(e["code"], "backend_auth", "{e}");
    assert_eq!(before, crate::common::dump_vault(&env, "alice"));
    std::fs::write(&cookie, saved).unwrap();

    // A mainnet wallet's node must be on main: the regtest node is refused (exit 7).
    let e = env.err(
        &[
            "wallet",
            "backend",
            "set",
            "btc",
            "--network",
            "bitcoin",
            "--rpc",
            &url,
            "--rpc-cookie",
            &cookie,
        ],
        7,
    );
    assert!(e["message"].as_str().unwrap().contains("'regtest'"), "{e}");

    // An endpoint that accepts the connection and never answers: a timeout.
    let silent = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let silent_url = format!("http://{}", silent.local_addr().unwrap());
    env.vars
        .push(("COFFER_RPC_TIMEOUT".to_string(), "1".to_string()));
    let t0 = std::time::Instant::now();
    let e = env.err(
        &[
            "wallet",
            "backend",
            "set",
            "btc",
            "--network",
            "regtest",
            "--rpc",
            &silent_url,
            "--rpc-cookie",
            &cookie,
        ],
        7,
    );
    assert!(t0.elapsed() < std::time::Duration::from_secs(8), "{e}");
    assert!(
        e["message"].as_str().unwrap().contains("cannot reach"),
        "{e}"
    );
    let l = env.ok(&["wallet", "backend", "list"]);
    assert_eq!(
        l["items"][0]["rpc"],
        url.as_str(),
        "the failed set changed nothing: {l}"
    );

    // The node stops: refused connections, exit 7, nothing recorded.
    drop(node);
    let before = crate::common::dump_vault(&env, "alice");
    let e = env.err(&["wallet", "sync"], 7);
    assert!(
        e["message"].as_str().unwrap().contains("cannot reach"),
        "{e}"
    );
    env.err(
        &["wallet", "backend", "test", "btc", "--network", "regtest"],
        7,
    );
    assert_eq!(before, crate::common::dump_vault(&env, "alice"));
}

/// A payment checked by the node before it is sent (testmempoolaccept), its fee as the
/// node reports it, a replacement that leaves only itself in the node's mempool, and
/// cold signing where the watch-only copy syncs, builds and broadcasts.
#[test]
fn sends_replacements_and_cold_signing_through_the_node() {
    let node = Node::start();
    let miner = node.miner();

    // Offline: the keys. Online: a watch-only copy that talks to the node.
    let offline = Env::new();
    offline.regtest_wallet("cold", "main");
    let watch = offline.secrets.join("main.watch.json");
    offline.ok(&[
        "wallet",
        "export",
        "main",
        "--watch-only",
        "--out",
        watch.to_str().unwrap(),
    ]);
    let online = Env::new();
    online.register("desk");
    online.ok(&[
        "wallet",
        "import",
        "main",
        "--watch-only-file",
        watch.to_str().unwrap(),
    ]);
    set_backend(&online, &node);
    set_backend(&offline, &node);
    let a = online.ok(&["receive"])["address"]
        .as_str()
        .unwrap()
        .to_string();
    node.rpc(&["sendtoaddress", &a, "1"]);
    node.rpc(&["generatetoaddress", "1", &miner]);
    for env in [&online, &offline] {
        let s = env.ok(&["wallet", "sync"]);
        assert_eq!(s["bitcoin"][0]["confirmed"], "1.00000000", "{s}");
    }

    // A payment made without broadcasting: the node accepts it in a test, then coffer
    // hands it over; the fee in coffer's history is the node's.
    let pin = offline.secret_path("pin");
    let payee = node.rpc(&["getnewaddress"]).as_str().unwrap().to_string();
    let raw = offline.secrets.join("pay.hex");
    let made = offline.ok(&[
        "send",
        "--to",
        &payee,
        "--amount",
        "0.1",
        "--fee",
        "5",
        "--no-broadcast",
        "--raw-out",
        raw.to_str().unwrap(),
        "--yes",
        "--pin-file",
        &pin,
    ]);
    let hex = std::fs::read_to_string(&raw).unwrap();
    let accepted = node.rpc(&["testmempoolaccept", &format!("[\"{}\"]", hex.trim())]);
    assert_eq!(accepted[0]["allowed"], true, "{accepted}");
    let sent = offline.ok(&["send", "broadcast", raw.to_str().unwrap()]);
    assert_eq!(sent["txid"], made["txid"], "{sent}");
    let txid = made["txid"].as_str().unwrap();
    let entry = node.rpc(&["getmempoolentry", txid]);
    let node_fee = (entry["fees"]["base"].as_f64().unwrap() * 1e8).round() as u64;
    let row = offline.ok(&["history", "show", txid]);
    assert_eq!(row["status"], "pending", "{row}");
    assert_eq!(row["fee_units"], node_fee.to_string(), "{row} vs {entry}");
    let rate = node_fee as f64 / entry["vsize"].as_f64().unwrap();
    // bdk prices weight units (5 sat/vB = 1.25 sat/WU); the node rounds the vsize up.
    assert!((4.95..5.1).contains(&rate), "{rate} sat/vB: {entry}");
    node.rpc(&["generatetoaddress", "1", &miner]);
    let got = node.rpc(&["gettransaction", txid]);
    assert_eq!(got["amount"].as_f64().unwrap(), 0.1, "{got}");
    assert_eq!(got["confirmations"], 1, "{got}");
    offline.ok(&["wallet", "sync"]);
    assert_eq!(
        offline.ok(&["history", "show", txid])["status"],
        "confirmed"
    );

    // Replace-by-fee: after the bump the node's mempool holds the replacement only.
    let first = offline.ok(&[
        "send",
        "--to",
        &payee,
        "--amount",
        "0.05",
        "--fee",
        "2",
        "--yes",
        "--pin-file",
        &pin,
    ]);
    assert_eq!(first["status"], "broadcast", "{first}");
    let bumped = offline.ok(&[
        "send",
        "bump",
        first["txid"].as_str().unwrap(),
        "--fee",
        "12",
        "--yes",
        "--pin-file",
        &pin,
    ]);
    assert_eq!(bumped["status"], "broadcast", "{bumped}");
    let mempool = node.rpc(&["getrawmempool"]);
    assert_eq!(mempool, serde_json::json!([bumped["txid"]]), "{mempool}");
    let old = offline.ok(&["history", "show", first["txid"].as_str().unwrap()]);
    assert_eq!(old["status"], "replaced", "{old}");
    assert_eq!(old["replaced_by"], bumped["txid"], "{old}");
    node.rpc(&["generatetoaddress", "1", &miner]);
    offline.ok(&["wallet", "sync"]);

    // A send held by a limit goes to the node when it is confirmed.
    offline.ok(&["security", "set", "limit-tx", "BTC", "0.01"]);
    let e = offline.err(
        &[
            "send",
            "--to",
            &payee,
            "--amount",
            "0.02",
            "--fee",
            "2",
            "--yes",
            "--pin-file",
            &pin,
        ],
        6,
    );
    assert_eq!(e["code"], "approval_required", "{e}");
    assert!(node.rpc(&["getrawmempool"]).as_array().unwrap().is_empty());
    let id = e["approval_id"].as_str().unwrap();
    let c = offline.ok(&["send", "confirm", id, "--yes", "--pin-file", &pin]);
    assert_eq!(c["status"], "broadcast", "{c}");
    let mempool = node.rpc(&["getrawmempool"]);
    assert_eq!(mempool, serde_json::json!([c["txid"]]), "{mempool}");
    node.rpc(&["generatetoaddress", "1", &miner]);
    offline.ok(&["security", "set", "limit-tx", "BTC", "off"]);
    offline.ok(&["wallet", "sync"]);

    // Cold signing: the watch-only copy syncs and builds, the keys sign offline, the
    // watch-only copy broadcasts through the node, which confirms it.
    let s = online.ok(&["wallet", "sync"]);
    let b = offline.ok(&["wallet", "balance"]);
    assert_eq!(
        s["bitcoin"][0]["confirmed"], b["items"][0]["confirmed"],
        "{s} {b}"
    );
    let psbt = online.secrets.join("pay.psbt");
    let signed = online.secrets.join("pay.signed.psbt");
    online.ok(&[
        "send",
        "--to",
        &payee,
        "--amount",
        "0.2",
        "--fee",
        "3",
        "--unsigned-out",
        psbt.to_str().unwrap(),
    ]);
    offline.ok(&[
        "send",
        "sign",
        psbt.to_str().unwrap(),
        "--out",
        signed.to_str().unwrap(),
        "--yes",
        "--pin-file",
        &pin,
    ]);
    let out = online.ok(&["send", "broadcast", signed.to_str().unwrap()]);
    assert_eq!(out["broadcast"], true, "{out}");
    let cold = out["txid"].as_str().unwrap().to_string();
    let mempool = node.rpc(&["getrawmempool"]);
    assert_eq!(mempool, serde_json::json!([cold]), "{mempool}");
    node.rpc(&["generatetoaddress", "1", &miner]);
    assert_eq!(node.rpc(&["gettransaction", &cold])["confirmations"], 1);
    for env in [&online, &offline] {
        env.ok(&["wallet", "sync"]);
        assert_eq!(env.ok(&["history", "show", &cold])["status"], "confirmed");
    }
    let (a, b) = (
        online.ok(&["wallet", "balance"]),
        offline.ok(&["wallet", "balance"]),
    );
    assert_eq!(
        a["items"][0]["total_sat"], b["items"][0]["total_sat"],
        "{a} {b}"
    );

    // People are told what happened: sent through the node, not "no backend".
    let r = offline.run(&[
        "send",
        "--to",
        &payee,
        "--amount",
        "0.001",
        "--fee",
        "2",
        "--yes",
        "--pin-file",
        &pin,
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stdout.contains("broadcast through the node"),
        "{}",
        r.stdout
    );
    let raw = offline.secrets.join("later.hex");
    offline.ok(&[
        "send",
        "--to",
        &payee,
        "--amount",
        "0.001",
        "--fee",
        "2",
        "--no-broadcast",
        "--raw-out",
        raw.to_str().unwrap(),
        "--yes",
        "--pin-file",
        &pin,
    ]);
    let r = offline.run(&["send", "broadcast", raw.to_str().unwrap()]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("sent through the node"), "{}", r.stdout);
    assert!(!r.stdout.contains("not sent"), "{}", r.stdout);
}

/// Child pays for parent: a payment to us stuck at 1 sat/vB is lifted by a child whose
/// package rate the node reports (getmempoolentry) as the rate asked for.
#[test]
fn cpfp_lifts_a_stuck_payment() {
    let node = Node::start();
    let miner = node.miner();
    let env = Env::new();
    env.regtest_wallet("alice", "main");
    set_backend(&env, &node);
    let a = env.ok(&["receive"])["address"]
        .as_str()
        .unwrap()
        .to_string();
    // sendtoaddress … fee_rate=1 sat/vB.
    let parent = node.rpc(&[
        "sendtoaddress",
        &a,
        "0.5",
        "",
        "",
        "false",
        "true",
        "null",
        "unset",
        "null",
        "1",
    ]);
    let parent = parent.as_str().unwrap();
    env.ok(&["wallet", "sync"]);
    let pin = env.secret_path("pin");
    // Asking for no more than it already pays is refused.
    let e = env.err(
        &[
            "send",
            "cpfp",
            parent,
            "--fee",
            "1",
            "--yes",
            "--pin-file",
            &pin,
        ],
        5,
    );
    assert!(
        e["message"].as_str().unwrap().contains("already pays"),
        "{e}"
    );
    let c = env.ok(&[
        "send",
        "cpfp",
        parent,
        "--fee",
        "25",
        "--yes",
        "--pin-file",
        &pin,
    ]);
    assert_eq!(c["status"], "broadcast", "{c}");
    let child = c["txid"].as_str().unwrap();
    let entry = node.rpc(&["getmempoolentry", child]);
    assert_eq!(entry["ancestorcount"], 2, "{entry}");
    let rate = (entry["fees"]["ancestor"].as_f64().unwrap() * 1e8).round()
        / entry["ancestorsize"].as_f64().unwrap();
    assert!((25.0..25.5).contains(&rate), "package rate {rate}: {entry}");
    let row = env.ok(&["history", "show", child]);
    assert_eq!(row["note"], format!("CPFP for {parent}"), "{row}");
    node.rpc(&["generatetoaddress", "1", &miner]);
    env.ok(&["wallet", "sync"]);
    for t in [parent, child] {
        assert_eq!(env.ok(&["history", "show", t])["status"], "confirmed");
    }
    // A confirmed transaction needs no child.
    env.err(
        &[
            "send",
            "cpfp",
            parent,
            "--fee",
            "30",
            "--yes",
            "--pin-file",
            &pin,
        ],
        5,
    );
}

/// `backend test` says what a Bitcoin Core node can do, asked now: history from its
/// blocks, a mempool, no fee estimate on regtest (no history of fees).
#[test]
fn the_capabilities_of_a_node() {
    let node = Node::start();
    node.miner();
    let env = Env::new();
    env.regtest_wallet("alice", "main");
    set_backend(&env, &node);
    let t = env.ok(&["wallet", "backend", "test", "btc", "--network", "regtest"]);
    assert_eq!(
        t["capabilities"],
        serde_json::json!({"history": "blocks", "fee_estimates": false, "mempool": true,
                           "internal": null}),
        "{t}"
    );
    let list = env.ok(&["wallet", "backend", "list"]);
    assert_eq!(
        list["items"][0]["explorer"],
        serde_json::Value::Null,
        "{list}"
    );
}

/// Starts `receive wait --json` for 0.03 BTC to `address` (60 s, a round a second) and
/// returns once it has looked at its backend a first time (its first `coffer: block`
/// progress line): a payment made then is one that arrived while it waited. The reader
/// gives all of its stderr once it ends.
pub fn wait_for_a_payment(
    env: &Env,
    address: &str,
) -> (std::process::Child, std::thread::JoinHandle<String>) {
    let mut child = env
        .command(&[
            "--json",
            "receive",
            "wait",
            "--address",
            address,
            "--amount",
            "0.03",
            "--timeout",
            "60s",
            "--interval",
            "1s",
        ])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let stderr = child.stderr.take().unwrap();
    let (seen, first_round) = std::sync::mpsc::channel();
    let reader = std::thread::spawn(move || {
        use std::io::BufRead as _;
        let mut all = String::new();
        for line in std::io::BufReader::new(stderr)
            .lines()
            .map_while(Result::ok)
        {
            if line.starts_with("coffer: block ") {
                let _ = seen.send(());
            }
            all.push_str(&line);
            all.push('\n');
        }
        all
    });
    first_round
        .recv()
        .expect("receive wait ended before its first round");
    (child, reader)
}
