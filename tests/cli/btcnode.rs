//! Bitcoin through a real Bitcoin Core node (regtest): backend set with its checks, and
//! `wallet sync` finding payments in blocks and in the mempool.

use crate::common::Env;
use crate::node::Node;

#[test]
fn sync_follows_a_bitcoin_core_node() {
    let node = Node::start();
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

    // A fee level asks the node; regtest has no estimate: the level's rate, with a notice.
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
        r.stderr.contains("no fee estimate for 6 blocks"),
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
    let child = env
        .command(&[
            "--json",
            "receive",
            "wait",
            "--address",
            &d,
            "--amount",
            "0.03",
            "--timeout",
            "60s",
            "--interval",
            "1s",
        ])
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    std::thread::sleep(std::time::Duration::from_millis(1500));
    let waited_for = node.rpc(&["sendtoaddress", &d, "0.03"]);
    node.rpc(&["generatetoaddress", "1", miner.as_str().unwrap()]);
    let out = child.wait_with_output().unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(out.status.code(), Some(0), "{v}");
    assert_eq!(v["data"]["txid"], waited_for, "{v}");
    assert_eq!(v["data"]["amount"], "0.03000000");
    assert!(v["data"]["confirmations"].as_u64().unwrap() >= 1, "{v}");
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
