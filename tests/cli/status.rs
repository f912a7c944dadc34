//! `coffer status`: one screen against real peers (a Bitcoin Core regtest node and
//! anvil): the session, balances, pending and held transactions, each backend reachable
//! or not (a line, not a failure), automatic backups and the recommendations; a locked
//! vault exits 3.

use crate::anvil::Anvil;
use crate::common::Env;
use crate::node::Node;

const CHAIN: u64 = 31337;

fn backend<'a>(s: &'a serde_json::Value, chain: &str) -> &'a serde_json::Value {
    s["backends"]
        .as_array()
        .unwrap()
        .iter()
        .find(|b| b["chain"] == chain)
        .unwrap_or_else(|| panic!("no {chain} backend in {s}"))
}

#[test]
fn status_shows_everything_and_survives_an_unreachable_backend() {
    let node = Node::start();
    let anvil = Anvil::start(CHAIN);
    let env = Env::new();
    env.regtest_wallet("alice", "main");
    crate::btcnode::set_backend(&env, &node);
    env.ok(&[
        "wallet",
        "backend",
        "set",
        "eth",
        "--chain-id",
        &CHAIN.to_string(),
        "--rpc",
        &anvil.url,
    ]);

    // Before any sync: no sync point, backends answer, nothing pending.
    let s = env.ok(&["status"]);
    assert_eq!(s["whoami"]["user"], "alice", "{s}");
    assert!(
        s["whoami"]["session"]["expires_in_secs"].as_i64().unwrap() > 0,
        "{s}"
    );
    assert_eq!(s["pending"]["count"], 0, "{s}");
    assert_eq!(s["held"]["count"], 0, "{s}");
    assert_eq!(s["backends"].as_array().unwrap().len(), 2, "{s}");
    assert_eq!(backend(&s, "btc")["reachable"], true, "{s}");
    assert_eq!(
        backend(&s, "btc")["last_sync_at"],
        serde_json::Value::Null,
        "{s}"
    );
    assert_eq!(backend(&s, "eth")["reachable"], true, "{s}");
    assert_eq!(backend(&s, "eth")["chain_id"], CHAIN, "{s}");
    assert_eq!(s["security"]["auto_backup"]["enabled"], false, "{s}");
    assert!(
        s["security"]["recommendations"]
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r.as_str().unwrap().contains("automatic backups are off")),
        "{s}"
    );

    // One confirmed payment, one in the mempool; then a send held by the limit.
    node.rpc(&["createwallet", "miner"]);
    let miner = node.rpc(&["getnewaddress"]);
    let miner = miner.as_str().unwrap();
    node.rpc(&["generatetoaddress", "101", miner]);
    let a = env.ok(&["receive"])["address"]
        .as_str()
        .unwrap()
        .to_string();
    let b = env.ok(&["addr", "new"])["items"][0]["address"]
        .as_str()
        .unwrap()
        .to_string();
    node.rpc(&["sendtoaddress", &a, "0.5"]);
    node.rpc(&["generatetoaddress", "1", miner]);
    let pending = node.rpc(&["sendtoaddress", &b, "0.25"]);
    env.ok(&["wallet", "sync"]);
    env.ok(&["security", "set", "limit-tx", "BTC", "0.0003"]);
    let pin = env.secret_path("pin");
    let held = env.err(
        &[
            "send",
            "--to",
            miner,
            "--amount",
            "0.0004",
            "--fee",
            "2",
            "--yes",
            "--pin-file",
            &pin,
        ],
        6,
    );
    let held_id = held["approval_id"].as_str().unwrap().to_string();

    let s = env.ok(&["status"]);
    assert_eq!(s["pending"]["count"], 1, "{s}");
    assert_eq!(s["pending"]["items"][0]["id"], pending, "{s}");
    assert_eq!(s["pending"]["items"][0]["direction"], "receive", "{s}");
    assert_eq!(s["pending"]["items"][0]["amount"], "0.25000000", "{s}");
    assert_eq!(s["pending"]["items"][0]["amount_units"], "25000000", "{s}");
    assert_eq!(s["held"]["count"], 1, "{s}");
    assert_eq!(s["held"]["items"][0]["id"], held_id.as_str(), "{s}");
    // What leaves the wallet: the amount and its fee.
    let out: i64 = s["held"]["items"][0]["amount_units"]
        .as_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((-41_000..-40_000).contains(&out), "{s}");
    assert!(
        s["held"]["items"][0]["reasons"][0]
            .as_str()
            .unwrap()
            .contains("per-transaction limit"),
        "{s}"
    );
    let bal = &s["balances"]["items"][0];
    assert_eq!(bal["confirmed_sat"], 50_000_000u64, "{s}");
    assert_eq!(bal["pending_sat"], 25_000_000u64, "{s}");
    let btc = backend(&s, "btc");
    assert_eq!(btc["height"], 102, "{s}");
    assert!(btc["last_sync_at"].is_string(), "{s}");
    assert_eq!(
        backend(&s, "eth")["last_sync_at"],
        serde_json::Value::Null,
        "{s}"
    );

    // --offline asks no backend.
    let s = env.ok(&["status", "--offline"]);
    assert_eq!(
        backend(&s, "eth")["reachable"],
        serde_json::Value::Null,
        "{s}"
    );
    assert_eq!(
        backend(&s, "btc")["reachable"],
        serde_json::Value::Null,
        "{s}"
    );

    // anvil stops: the status still succeeds, the backend is a line saying so.
    let anvil_port = anvil.url.rsplit(':').next().unwrap().to_string();
    drop(anvil);
    let s = env.ok(&["status"]);
    let eth = backend(&s, "eth");
    assert_eq!(eth["reachable"], false, "{s}");
    assert_eq!(eth["error"]["code"], "backend", "{s}");
    assert_eq!(backend(&s, "btc")["reachable"], true, "{s}");
    let human = env.run(&["status"]);
    assert_eq!(human.code, 0, "{}{}", human.stdout, human.stderr);
    for want in [
        "User:",
        "alice <alice@example.com>",
        "Pending (1)",
        "Held for approval (1)",
        &held_id,
        "UNREACHABLE",
        "ok, block 102",
        "Automatic backups:",
        "Recommendations:",
        // Regtest coins have no price: nothing is valued, never "0.00 USD".
        "no value",
    ] {
        assert!(
            human.stdout.contains(want),
            "{want:?} not in:\n{}",
            human.stdout
        );
    }

    // A backend that accepts the connection and never answers: the status waits
    // `--timeout` seconds for it, not the (here long) RPC timeout, and still exits 0.
    let hung = std::net::TcpListener::bind(format!("127.0.0.1:{anvil_port}")).unwrap();
    let out = env
        .command(&["--json", "status", "--timeout", "1"])
        .env("COFFER_RPC_TIMEOUT", "120")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let eth = backend(&v["data"], "eth");
    assert_eq!(eth["reachable"], false, "{v}");
    assert!(
        eth["error"]["message"]
            .as_str()
            .unwrap()
            .contains("no answer within 1 s"),
        "{v}"
    );
    assert_eq!(backend(&v["data"], "btc")["reachable"], true, "{v}");
    drop(hung);
    env.err(&["status", "--timeout", "0"], 2);

    // Locked: the `locked` error, exit 3, for scripts to tell from a healthy status.
    env.ok(&["logout"]);
    let e = env.err(&["status"], 3);
    assert_eq!(e["code"], "locked", "{e}");
}
