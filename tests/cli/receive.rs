//! `receive`, `receive import` and `wallet balance` through the binary.

use crate::common::{Env, dump_vault, snapshot};
use crate::fund;
use bitcoin::Network;

/// A regtest wallet "main" of a fresh user, and its first two receive addresses.
fn regtest_wallet(env: &Env) -> (String, String) {
    env.register("alice");
    env.ok(&["wallet", "create", "main", "--network", "regtest"]);
    let a = env.ok(&["addr", "new", "--count", "2"]);
    (
        a["items"][0]["address"].as_str().unwrap().to_string(),
        a["items"][1]["address"].as_str().unwrap().to_string(),
    )
}

fn balance(env: &Env) -> serde_json::Value {
    let b = env.ok(&["wallet", "balance"]);
    assert_eq!(b["items"].as_array().unwrap().len(), 1, "{b}");
    b["items"][0].clone()
}

#[test]
fn receive_hands_out_an_unused_address_with_a_bip21_uri() {
    let env = Env::new();
    env.register("alice");
    env.ok(&["wallet", "create", "main", "--network", "regtest"]);

    let r = env.ok(&[
        "receive",
        "--amount",
        "0.0015",
        "--label",
        "Bob & Co",
        "--message",
        "invoice 7",
    ]);
    let first = r["address"].as_str().unwrap().to_string();
    assert!(first.starts_with("bcrt1q"), "{r}");
    assert_eq!(r["index"], 0);
    assert_eq!(r["path"], "m/84'/1'/0'/0/0");
    assert_eq!(r["amount"], "0.0015");
    assert_eq!(r["amount_units"], "150000");
    assert_eq!(
        r["uri"],
        format!("bitcoin:{first}?amount=0.0015&label=Bob%20%26%20Co&message=invoice%207")
    );
    assert!(
        r.get("qr").is_none(),
        "no QR under --json unless asked: {r}"
    );
    // The labelled address is taken: the next request gets a new one, and an unlabelled
    // request keeps returning the same unused address until it is used or labelled.
    let second = env.ok(&["receive"]);
    assert_eq!(second["index"], 1);
    assert_eq!(
        second["uri"],
        format!("bitcoin:{}", second["address"].as_str().unwrap())
    );
    assert_eq!(env.ok(&["receive"])["index"], 1);
    let listed = env.ok(&["addr", "list"]);
    assert_eq!(listed["total"], 2);
    assert_eq!(listed["items"][0]["label"], "Bob & Co");

    let qr = env.ok(&["receive", "--qr"]);
    assert!(qr["qr"].as_str().unwrap().contains('█'), "{qr}");

    let before = snapshot(&env.user_dir("alice"));
    for (args, field) in [
        (vec!["receive", "--amount", "0.000000001"], "amount"),
        (vec!["receive", "--amount", "-1"], "amount"),
        (vec!["receive", "--amount", "21000001"], "amount"),
        (vec!["receive", "--amount", "0"], "amount"),
        (vec!["receive", "--chain-id", "1"], "chain-id"),
    ] {
        let e = env.err(&args, 5);
        assert!(e["message"].as_str().unwrap().contains(field), "{e}");
    }
    env.err(&["receive", "--wallet", "nope"], 4);
    assert_eq!(
        before,
        snapshot(&env.user_dir("alice")),
        "a refused request wrote"
    );

    // Human output: address, URI and, with --qr, the code.
    let out = env.run(&["receive", "--qr"]);
    assert_eq!(out.code, 0);
    assert!(out.stdout.contains("bitcoin:bcrt1q") && out.stdout.contains('█'));
}

#[test]
fn import_records_a_payment_pending_then_confirmed_once() {
    let env = Env::new();
    let (a0, a1) = regtest_wallet(&env);
    let tx = fund::pay(
        &[
            (&a0, 100_000),
            (&a1, 50_000),
            (&fund::sender_address(Network::Regtest).to_string(), 7_000),
        ],
        Network::Regtest,
        1,
    );
    let hex = fund::hex(&tx);
    let txid = tx.compute_txid().to_string();

    let r = env.ok(&["receive", "import", "--tx", &hex]);
    assert_eq!(r["result"], "applied", "{r}");
    assert_eq!(r["txid"], txid);
    assert_eq!(r["wallet"], "main");
    assert_eq!(r["status"], "pending");
    assert_eq!(r["amount"], "0.00150000");
    assert_eq!(r["amount_sat"], 150_000);
    assert_eq!(r["our_addresses"], serde_json::json!([a0, a1]));
    assert_eq!(
        r["from_addresses"],
        serde_json::json!([fund::sender_address(Network::Regtest).to_string()])
    );
    let b = balance(&env);
    assert_eq!(b["currency"], "BTC");
    assert_eq!(b["network"], "regtest");
    assert_eq!(
        (b["confirmed_sat"].clone(), b["pending_sat"].clone()),
        (0.into(), 150_000.into())
    );
    assert_eq!(b["pending"], "0.00150000");
    assert_eq!(b["total"], "0.00150000");

    // The same transaction again changes nothing.
    let before = dump_vault(&env, "alice");
    let again = env.ok(&["receive", "import", "--tx", &hex]);
    assert_eq!(again["result"], "unchanged", "{again}");
    assert_eq!(before, dump_vault(&env, "alice"));

    // Confirmed in block 101.
    let c = env.ok(&[
        "receive",
        "import",
        "--tx",
        &hex,
        "--height",
        "101",
        "--block-time",
        "2026-01-31T12:00:00Z",
    ]);
    assert_eq!(c["result"], "applied");
    assert_eq!(c["status"], "confirmed");
    assert_eq!(c["height"], 101);
    let b = balance(&env);
    assert_eq!(
        (b["confirmed_sat"].clone(), b["pending_sat"].clone()),
        (150_000.into(), 0.into())
    );
    assert_eq!(b["total_sat"], 150_000);
    let again = env.ok(&[
        "receive",
        "import",
        "--tx",
        &hex,
        "--height",
        "101",
        "--block-time",
        "1769860800",
    ]);
    assert_eq!(again["result"], "unchanged");

    // Address usage: both addresses used once, with their amounts.
    let used = env.ok(&["addr", "list", "--used"]);
    assert_eq!(used["total"], 2, "{used}");
    assert_eq!(used["items"][0]["transactions"], 1);
    assert_eq!(used["items"][0]["balance"], "0.00100000");
    assert_eq!(used["items"][1]["balance_sat"], 50_000);
    assert_eq!(env.ok(&["addr", "list", "--unused"])["total"], 0);
    // `receive` now derives a fresh address: both are used.
    assert_eq!(env.ok(&["receive"])["index"], 2);
}

#[test]
fn import_refuses_what_is_not_for_this_wallet() {
    let env = Env::new();
    let _ = regtest_wallet(&env);
    let stranger = fund::sender_address(Network::Regtest).to_string();
    let other = fund::pay(&[(&stranger, 10_000)], Network::Regtest, 2);
    let before = snapshot(&env.user_dir("alice"));
    let e = env.err(&["receive", "import", "--tx", &fund::hex(&other)], 5);
    assert!(
        e["message"].as_str().unwrap().contains("pays nothing"),
        "{e}"
    );
    for bad in ["", "zz", "0200000001", &fund::hex(&other)[..40]] {
        let e = env.err(&["receive", "import", "--tx", bad], 5);
        assert!(
            e["message"]
                .as_str()
                .unwrap()
                .contains("raw Bitcoin transaction"),
            "{e}"
        );
    }
    // --height needs --block-time (usage error).
    let e = env.err(
        &[
            "receive",
            "import",
            "--tx",
            &fund::hex(&other),
            "--height",
            "5",
        ],
        2,
    );
    assert_eq!(e["code"], "usage", "{e}");
    assert_eq!(
        before,
        snapshot(&env.user_dir("alice")),
        "a refused import wrote"
    );
    assert_eq!(balance(&env)["total_sat"], 0);
}

#[test]
fn import_while_locked_is_queued_and_applied_at_login() {
    let env = Env::new();
    let (a0, _) = regtest_wallet(&env);
    env.ok(&["logout"]);
    let tx = fund::pay(&[(&a0, 42_000)], Network::Regtest, 3);
    let q = env.ok(&["receive", "import", "--tx", &fund::hex(&tx)]);
    assert_eq!(q["result"], "queued", "{q}");
    assert_eq!(q["txid"], tx.compute_txid().to_string());
    let human = env.run(&["receive", "import", "--tx", &fund::hex(&tx)]);
    assert!(human.stdout.contains("queued"), "{}", human.stdout);
    // A queued transaction that pays nothing to the wallet is logged, not applied.
    let stranger = fund::sender_address(Network::Regtest).to_string();
    let other = fund::pay(&[(&stranger, 1)], Network::Regtest, 4);
    env.ok(&["receive", "import", "--tx", &fund::hex(&other)]);

    env.login("alice", &[]);
    assert_eq!(balance(&env)["pending_sat"], 42_000);
    let events = env.events();
    assert_eq!(
        events.iter().filter(|e| *e == "btc_tx_imported").count(),
        2,
        "{events:?}"
    );
    assert_eq!(
        events
            .iter()
            .filter(|e| *e == "btc_tx_import_failed")
            .count(),
        1
    );
    assert!(
        std::fs::read_dir(env.user_dir("alice").join("inbox"))
            .unwrap()
            .next()
            .is_none()
    );
}
