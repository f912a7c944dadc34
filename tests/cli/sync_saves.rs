//! A long Bitcoin sync through a node saves what it read as it goes (issue 21, item 5):
//! after 250 blocks, then after as many blocks again as it had read (issue 22: each
//! write costs what the whole wallet does), each part in its own short write; one
//! stopped dead after a save keeps that part, and the next sync goes on from there.

use crate::common::{Env, watch_only_copy, without_ages};
use crate::electrum::without_sync_times;
use crate::node::Node;

#[test]
fn a_node_sync_stopped_part_way_keeps_what_it_read() {
    let node = Node::start();
    let miner = node.miner();
    let env = Env::new();
    env.regtest_wallet("alice", "main");
    let (ext, int) = env.descriptors("main");
    let mine = |n: u32| node.rpc(&["generatetoaddress", &n.to_string(), &miner]);
    // A payment in block 102, one in block 403, one left in the mempool; tip 1002.
    node.pay_indexes(&[(&ext, 0, "0.5")]);
    mine(1);
    mine(300);
    node.pay_indexes(&[(&ext, 1, "0.25")]);
    mine(600);
    node.pay_indexes(&[(&int, 0, "0.125")]);
    crate::btcnode::set_backend(&env, &node);

    // The sync stops dead (as a killed process would) right after its first save.
    let out = env
        .command(&["--json", "wallet", "sync"])
        .env("COFFER_TEST_FAULT", "btc-sync-saved")
        .output()
        .unwrap();
    assert_ne!(out.status.code(), Some(0), "the fault hook stops the sync");
    // What it read up to then is recorded: the first payment, confirmed.
    let h = env.ok(&["history"]);
    let items = h["items"].as_array().unwrap();
    assert_eq!(items.len(), 1, "{h}");
    assert_eq!(items[0]["status"], "confirmed", "{h}");
    let b = env.ok(&["wallet", "balance"]);
    assert_eq!(b["items"][0]["confirmed_sat"], 50_000_000, "{b}");

    // The next sync goes on from the last save (not from the start) to the tip, in
    // parts of 250, 250 and then up to 500 blocks: the third part reaches the tip, so a
    // stop after a third save is never reached (parts of 250 blocks each would have
    // saved a third time).
    let out = env
        .command(&["--json", "wallet", "sync"])
        .env("COFFER_TEST_FAULT", "btc-sync-saved@3")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let s: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let s = &s["data"];
    let item = &s["bitcoin"][0];
    assert_eq!(item["tip"], 1002, "{s}");
    let from = item["from_height"].as_u64().unwrap();
    assert!(from > 102, "it goes on from the last save: {s}");
    assert!(
        1002 - from + 1 > 750,
        "more than three parts of 250 blocks: {s}"
    );
    assert_eq!(item["blocks"].as_u64().unwrap(), 1002 - from + 1, "{s}");
    assert_eq!(item["confirmed"], "0.75000000", "{s}");
    assert_eq!(item["pending"], "0.12500000", "{s}");

    // The same as a watch-only copy of the wallet synced in one go through the node.
    let other = Env::new();
    watch_only_copy(&env, &other, "bob");
    crate::btcnode::set_backend(&other, &node);
    other.ok(&["wallet", "sync"]);
    // (A pending row's time is when a sync first saw it in the mempool.)
    let seen = |mut v: serde_json::Value| {
        for item in v["items"].as_array_mut().into_iter().flatten() {
            if item["status"] == "pending" {
                item["time"] = serde_json::Value::Null;
            }
        }
        v
    };
    for what in [&["history"][..], &["wallet", "balance"][..]] {
        let a = seen(without_sync_times(without_ages(env.ok(what))));
        let b = seen(without_sync_times(without_ages(other.ok(what))));
        assert_eq!(
            a, b,
            "{what:?} after a sync in parts and after one in one go"
        );
    }
    let h = env.ok(&["history"]);
    assert_eq!(h["items"].as_array().unwrap().len(), 3, "{h}");
    // And as the node's own wallet: what it paid the wallet.
    let sent: u64 = node
        .wallet_rpc("miner", &["listtransactions", "*", "1000"])
        .as_array()
        .unwrap()
        .iter()
        .filter(|t| t["category"] == "send")
        .map(|t| (t["amount"].as_f64().unwrap().abs() * 1e8).round() as u64)
        .sum();
    let b = env.ok(&["wallet", "balance"]);
    let ours = b["items"][0]["confirmed_sat"].as_u64().unwrap()
        + b["items"][0]["pending_sat"].as_u64().unwrap();
    assert_eq!(ours, sent, "{b}");
}
