//! Coin control: `utxo list`, `utxo freeze|unfreeze`, `send --from` and `--exclude`.
//! Every signed transaction is verified by libbitcoinconsensus against its coins.

use crate::common::{Env, dump_vault};
use crate::fund;
use bitcoin::Network;

fn payee() -> String {
    use bitcoin::secp256k1::{Secp256k1, SecretKey};
    let sk = SecretKey::from_slice(&[0x44; 32]).unwrap();
    let pk = bitcoin::CompressedPublicKey(sk.public_key(&Secp256k1::new()));
    bitcoin::Address::p2wpkh(&pk, Network::Regtest).to_string()
}

/// `send ARGS… --fee 2 --yes --pin-file PIN`.
fn send_args<'a>(args: &[&'a str], pin: &'a str) -> Vec<&'a str> {
    let mut a = vec!["send"];
    a.extend_from_slice(args);
    a.extend_from_slice(&["--fee", "2", "--yes", "--pin-file", pin]);
    a
}

#[test]
fn coins_are_listed_frozen_and_chosen() {
    let env = Env::new();
    env.regtest_wallet("alice", "main");
    let a = env.ok(&["addr", "new", "--count", "3"]);
    let addr = |i: usize| a["items"][i]["address"].as_str().unwrap().to_string();
    env.ok(&["addr", "label", &addr(2), "donations"]);
    let funding = fund::pay(
        &[(&addr(0), 100_000), (&addr(1), 50_000), (&addr(2), 20_000)],
        Network::Regtest,
        9,
    );
    env.ok(&[
        "receive",
        "import",
        "--tx",
        &fund::hex(&funding),
        "--height",
        "101",
        "--block-time",
        "1769860800",
    ]);
    let txid = funding.compute_txid().to_string();
    let coin = |vout: u32| format!("{txid}:{vout}");

    // Listed largest first, with address, label and confirmations.
    let l = env.ok(&["utxo", "list"]);
    let items = l["items"].as_array().unwrap();
    assert_eq!(items.len(), 3, "{l}");
    assert_eq!(items[0]["outpoint"], coin(0));
    assert_eq!(items[0]["amount_sat"], 100_000);
    assert_eq!(items[0]["address"], addr(0).as_str());
    assert_eq!(items[0]["kind"], "receiving");
    assert_eq!(items[0]["confirmations"], 1, "{l}");
    assert_eq!(items[2]["label"], "donations", "{l}");
    assert!(items.iter().all(|c| c["frozen"] == false));
    assert_eq!(l["total"], "0.00170000");

    // Freeze the largest coin, and the labelled address.
    let pin = env.secret_path("pin");
    let f = env.ok(&["utxo", "freeze", &coin(0), &addr(2)]);
    assert_eq!(f["spendable"], "0.00050000", "{f}");
    assert_eq!(f["frozen"].as_array().unwrap().len(), 2, "{f}");
    let only = env.ok(&["utxo", "list", "--frozen"]);
    assert_eq!(only["items"].as_array().unwrap().len(), 2, "{only}");
    assert!(env.events().contains(&"utxo_freeze".to_string()));
    // Bad targets change nothing.
    let before = dump_vault(&env, "alice");
    let e = env.err(&["utxo", "freeze", &format!("{txid}:7")], 4);
    assert_eq!(
        e["message"],
        format!("unspent coin {txid}:7 of wallet 'main' not found"),
        "{e}"
    );
    env.err(&["utxo", "freeze", &payee()], 5);
    env.err(&["utxo", "freeze", "nonsense"], 5);
    env.err(&["utxo", "unfreeze", &coin(1)], 4);
    assert_eq!(before, dump_vault(&env, "alice"));

    // Coin selection uses only the coin that is not frozen; more than it is refused.
    let to = payee();
    let e = env.err(&send_args(&["--to", &to, "--amount", "0.0006"], &pin), 6);
    assert_eq!(e["code"], "insufficient_funds", "{e}");
    let psbt = env.secrets.join("p.psbt");
    let r = env.ok(&[
        "send",
        "--to",
        &to,
        "--amount",
        "0.0004",
        "--fee",
        "2",
        "--unsigned-out",
        psbt.to_str().unwrap(),
    ]);
    assert_eq!(r["review"]["spends"], serde_json::json!([coin(1)]), "{r}");
    // --exclude leaves nothing spendable; --max sweeps only what is not frozen.
    env.err(
        &send_args(
            &["--to", &to, "--amount", "0.0001", "--exclude", &coin(1)],
            &pin,
        ),
        6,
    );
    let r = env.ok(&[
        "send",
        "--to",
        &to,
        "--max",
        "--fee",
        "2",
        "--unsigned-out",
        psbt.to_str().unwrap(),
    ]);
    assert_eq!(r["review"]["spends"], serde_json::json!([coin(1)]), "{r}");

    // --from spends exactly the coins named, frozen or not.
    let r = env.ok(&send_args(
        &[
            "--to",
            &to,
            "--amount",
            "0.0003",
            "--from",
            &coin(0),
            "--from",
            &coin(2),
        ],
        &pin,
    ));
    let mut spent: Vec<String> = r["review"]["spends"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap().to_string())
        .collect();
    spent.sort();
    assert_eq!(spent, vec![coin(0), coin(2)], "{r}");
    let tx = fund::parse(r["hex"].as_str().unwrap());
    fund::verify(&tx, &[&funding]).unwrap();
    // Spent coins leave the list (the change is new and not frozen); a spent coin
    // cannot be named again.
    let l = env.ok(&["utxo", "list"]);
    let ops: Vec<&str> = l["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["outpoint"].as_str().unwrap())
        .collect();
    assert!(
        !ops.contains(&coin(0).as_str()) && ops.contains(&coin(1).as_str()),
        "{l}"
    );
    let change = l["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["kind"] == "change")
        .unwrap();
    assert_eq!(change["frozen"], false);
    assert_eq!(change["confirmations"], 0, "{l}");
    let e = env.err(
        &send_args(
            &["--to", &to, "--amount", "0.0001", "--from", &coin(0)],
            &pin,
        ),
        5,
    );
    assert_eq!(e["field"], "from", "{e}");
    env.err(
        &send_args(&["--to", &to, "--amount", "0.0001", "--from", "zz:1"], &pin),
        5,
    );
    // Without a node, a child of our own pending payment (all its inputs known here):
    // it spends the payment's change and lifts the pair to the rate asked.
    let parent = tx;
    let c = env.ok(&[
        "send",
        "cpfp",
        r["txid"].as_str().unwrap(),
        "--fee",
        "10",
        "--yes",
        "--pin-file",
        &pin,
    ]);
    let child = fund::parse(c["hex"].as_str().unwrap());
    assert!(
        child
            .input
            .iter()
            .any(|i| i.previous_output.txid == parent.compute_txid()),
        "{c}"
    );
    fund::verify(&child, &[&parent]).unwrap();
    let parent_fee = r["review"]["fee_sat"].as_u64().unwrap();
    let child_fee = c["review"]["fee_sat"].as_u64().unwrap();
    let rate = (parent_fee + child_fee) as f64 / (parent.vsize() + child.vsize()) as f64;
    assert!((10.0..10.3).contains(&rate), "package rate {rate}");
    // Unfreezing the address gives its coins back to selection (here: none left).
    let u = env.ok(&["utxo", "unfreeze", &addr(2)]);
    assert!(
        u["frozen"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f == &coin(0)),
        "{u}"
    );
}
