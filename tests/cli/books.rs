//! coffer's books agree with Bitcoin Core: a fee belongs to whoever paid it; replaced,
//! failed and abandoned transactions count nowhere (summary, exports, balance, limits);
//! `send abandon`; stored amounts that do not decode are damage, never zero.

use crate::btcnode::set_backend;
use crate::common::{Env, dump_vault, open_vault, write_vault};
use crate::fund;
use crate::node::Node;
use bitcoin::Network;
use serde_json::Value;

/// A decimal BTC string ("-0.00012345") in satoshis.
fn sat(s: &str) -> i64 {
    let (neg, d) = match s.strip_prefix('-') {
        Some(d) => (true, d),
        None => (false, s),
    };
    let (i, f) = d.split_once('.').unwrap_or((d, ""));
    assert!(f.len() <= 8, "{s}");
    let v = i.parse::<i64>().unwrap() * 100_000_000 + format!("{f:0<8}").parse::<i64>().unwrap();
    if neg { -v } else { v }
}

/// A BTC amount from Core (a JSON number) in satoshis.
fn core_sat(v: &Value) -> i64 {
    (v.as_f64().unwrap_or_else(|| panic!("not a number: {v}")) * 1e8).round() as i64
}

/// The all-time BTC group of `history summary --by currency`: (fees, net) in sat.
fn summary(env: &Env) -> (i64, i64) {
    let s = env.ok(&["history", "summary", "--by", "currency"]);
    let g = s["groups"]
        .as_array()
        .unwrap()
        .iter()
        .find(|g| g["key"] == "BTC")
        .unwrap_or_else(|| panic!("no BTC group: {s}"))
        .clone();
    (
        sat(g["fees"].as_str().unwrap()),
        sat(g["net"].as_str().unwrap()),
    )
}

/// `wallet balance` total in sat.
fn balance_total(env: &Env) -> i64 {
    let b = env.ok(&["wallet", "balance"]);
    b["items"][0]["total_sat"].as_i64().unwrap()
}

/// The sums of `amount_units` of the JSON and the CSV export.
fn export_totals(env: &Env) -> (i64, i64) {
    let j = env.ok(&["history", "export", "--format", "json"]);
    let rows: Value = serde_json::from_str(j["content"].as_str().unwrap()).unwrap();
    let json: i64 = rows
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["amount_units"].as_str().unwrap().parse::<i64>().unwrap())
        .sum();
    let c = env.ok(&["history", "export", "--format", "csv"]);
    let text = c["content"].as_str().unwrap();
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    let col = header.iter().position(|h| *h == "amount_units").unwrap();
    let csv: i64 = lines
        .filter(|l| !l.is_empty())
        .map(|l| l.split(',').nth(col).unwrap().parse::<i64>().unwrap())
        .sum();
    (json, csv)
}

/// A watch-only wallet `watch` of the node holding `env`'s wallet "main" descriptors.
fn core_watch(env: &Env, node: &Node) {
    let shown = env.ok(&["wallet", "show", "main"]);
    let a = &shown["accounts"][0];
    node.rpc(&["createwallet", "watch", "true", "true"]);
    let import = serde_json::json!([
        { "desc": a["external_descriptor"], "timestamp": 0, "range": [0, 200] },
        { "desc": a["internal_descriptor"], "timestamp": 0, "range": [0, 200] },
    ]);
    let r = node.wallet_rpc("watch", &["importdescriptors", &import.to_string()]);
    assert!(
        r.as_array().unwrap().iter().all(|x| x["success"] == true),
        "{r}"
    );
}

/// Core's watch-only total: trusted + untrusted pending + immature.
fn core_total(node: &Node) -> i64 {
    let b = node.wallet_rpc("watch", &["getbalances"]);
    let m = &b["mine"];
    core_sat(&m["trusted"]) + core_sat(&m["untrusted_pending"]) + core_sat(&m["immature"])
}

/// After a sync: summary net (all time) == balance total == export totals == Core's.
fn books_agree(env: &Env, node: &Node, when: &str) {
    env.ok(&["wallet", "sync"]);
    let (_, net) = summary(env);
    let total = balance_total(env);
    let core = core_total(node);
    assert_eq!(total, core, "{when}: wallet balance vs Core's getbalances");
    assert_eq!(net, total, "{when}: history summary net vs wallet balance");
    let (json, csv) = export_totals(env);
    assert_eq!(json, total, "{when}: JSON export total");
    assert_eq!(csv, total, "{when}: CSV export total");
}

/// Two fundings in a row from one Core wallet (the second spends the first's change):
/// no fee of ours on either. Then a payment, its bump (RBF), a CPFP, a block, and a
/// receive double-spent after a reorganisation: after each, `history summary` net,
/// `wallet balance`, the CSV and JSON exports and Bitcoin Core's watch-only wallet of
/// the same descriptors agree, and the fees counted are those our wallet paid.
#[test]
fn fees_and_totals_agree_with_bitcoin_core() {
    let node = Node::start();
    let miner = node.miner();
    let env = Env::new();
    env.regtest_wallet("alice", "main");
    set_backend(&env, &node);
    core_watch(&env, &node);
    node.rpc(&["createwallet", "payer"]);
    let payer = node.wallet_rpc("payer", &["getnewaddress"]);
    node.wallet_rpc("miner", &["sendtoaddress", payer.as_str().unwrap(), "5"]);
    node.rpc(&["generatetoaddress", "1", &miner]);

    // Two fundings in a row: the second spends the first's change.
    let a = env.ok(&["receive"])["address"]
        .as_str()
        .unwrap()
        .to_string();
    let b = env.ok(&["addr", "new"])["items"][0]["address"]
        .as_str()
        .unwrap()
        .to_string();
    let first = node.wallet_rpc("payer", &["sendtoaddress", &a, "1"]);
    let second = node.wallet_rpc("payer", &["sendtoaddress", &b, "0.5"]);
    let tx = node.wallet_rpc(
        "payer",
        &["gettransaction", second.as_str().unwrap(), "false", "true"],
    );
    assert_eq!(
        tx["decoded"]["vin"][0]["txid"], first,
        "the second funding spends the first's change: {tx}"
    );
    env.ok(&["wallet", "sync"]);
    for t in [&first, &second] {
        let row = env.ok(&["history", "show", t.as_str().unwrap()]);
        assert_eq!(row["type"], "receive", "{row}");
        assert!(
            row["fee"].is_null() && row["fee_units"].is_null(),
            "the sender's fee: {row}"
        );
        let r = env.run(&["history", "show", t.as_str().unwrap()]);
        assert!(!r.stdout.contains("Fee:"), "{}", r.stdout);
    }
    let h = env.ok(&["history"]);
    assert!(
        h["items"]
            .as_array()
            .unwrap()
            .iter()
            .all(|r| r["fee"].is_null()),
        "{h}"
    );
    assert_eq!(summary(&env).0, 0, "no fee paid yet");
    books_agree(&env, &node, "two fundings");
    node.rpc(&["generatetoaddress", "1", &miner]);
    books_agree(&env, &node, "two fundings mined");

    // A payment of ours: its fee is counted, as Core's watch-only wallet reports it.
    let pin = env.secret_path("pin");
    let pay = env.ok(&[
        "send",
        "--to",
        &miner,
        "--amount",
        "0.2",
        "--fee",
        "3",
        "--yes",
        "--pin-file",
        &pin,
    ]);
    assert_eq!(pay["status"], "broadcast", "{pay}");
    let paid = pay["txid"].as_str().unwrap();
    let fee = env.ok(&["history", "show", paid])["fee_units"]
        .as_str()
        .unwrap()
        .parse::<i64>()
        .unwrap();
    let core_fee = -core_sat(&node.wallet_rpc("watch", &["gettransaction", paid, "true"])["fee"]);
    assert_eq!(fee, core_fee);
    assert_eq!(summary(&env).0, fee, "fees = what our wallet paid");
    books_agree(&env, &node, "a payment");

    // Bumped: the replaced payment counts nowhere, its replacement once.
    let bumped = env.ok(&[
        "send",
        "bump",
        paid,
        "--fee",
        "20",
        "--yes",
        "--pin-file",
        &pin,
    ]);
    assert_eq!(bumped["status"], "broadcast", "{bumped}");
    let new = bumped["txid"].as_str().unwrap();
    books_agree(&env, &node, "after send bump");
    assert_eq!(env.ok(&["history", "show", paid])["status"], "replaced");
    let new_fee = env.ok(&["history", "show", new])["fee_units"]
        .as_str()
        .unwrap()
        .parse::<i64>()
        .unwrap();
    assert_eq!(summary(&env).0, new_fee, "only the replacement's fee");
    // The export leaves the replaced one out unless asked for.
    let j = env.ok(&[
        "history", "export", "--format", "json", "--status", "replaced",
    ]);
    assert!(j["content"].as_str().unwrap().contains(paid), "{j}");

    // Child pays for parent: a payment to us at 1 sat/vB lifted by our child.
    let c = env.ok(&["receive"])["address"]
        .as_str()
        .unwrap()
        .to_string();
    let parent = node.wallet_rpc(
        "payer",
        &[
            "sendtoaddress",
            &c,
            "0.3",
            "",
            "",
            "false",
            "true",
            "null",
            "unset",
            "null",
            "1",
        ],
    );
    env.ok(&["wallet", "sync"]);
    let child = env.ok(&[
        "send",
        "cpfp",
        parent.as_str().unwrap(),
        "--fee",
        "25",
        "--yes",
        "--pin-file",
        &pin,
    ]);
    assert_eq!(child["status"], "broadcast", "{child}");
    books_agree(&env, &node, "after send cpfp");
    node.rpc(&["generatetoaddress", "1", &miner]);
    books_agree(&env, &node, "mined");
    let child_fee = env.ok(&["history", "show", child["txid"].as_str().unwrap()])["fee_units"]
        .as_str()
        .unwrap()
        .parse::<i64>()
        .unwrap();
    assert_eq!(summary(&env).0, new_fee + child_fee, "our fees only");

    // A receive confirmed, its block replaced by one double-spending the payer's coins:
    // failed, counted nowhere.
    let d = env.ok(&["receive"])["address"]
        .as_str()
        .unwrap()
        .to_string();
    let doomed = node.wallet_rpc("payer", &["sendtoaddress", &d, "0.1"]);
    let block = node.rpc(&["generatetoaddress", "1", &miner])[0].clone();
    books_agree(&env, &node, "a receive confirmed");
    node.rpc(&["invalidateblock", block.as_str().unwrap()]);
    let tx = node.rpc(&["getrawtransaction", doomed.as_str().unwrap(), "true"]);
    let mut inputs = vec![];
    let mut total = 0i64;
    for i in tx["vin"].as_array().unwrap() {
        let (txid, vout) = (i["txid"].as_str().unwrap(), i["vout"].as_u64().unwrap());
        let out = node.rpc(&["gettxout", txid, &vout.to_string(), "false"]);
        total += core_sat(&out["value"]);
        inputs.push(serde_json::json!({ "txid": txid, "vout": vout }));
    }
    let back = node.wallet_rpc("payer", &["getnewaddress"]);
    let outputs = serde_json::json!([{ back.as_str().unwrap():
        format!("{}.{:08}", (total - 100_000) / 100_000_000, (total - 100_000) % 100_000_000) }]);
    let raw = node.rpc(&[
        "createrawtransaction",
        &Value::from(inputs).to_string(),
        &outputs.to_string(),
    ]);
    let signed = node.wallet_rpc(
        "payer",
        &["signrawtransactionwithwallet", raw.as_str().unwrap()],
    );
    node.rpc(&["sendrawtransaction", signed["hex"].as_str().unwrap()]);
    node.rpc(&["generatetoaddress", "1", &miner]);
    books_agree(&env, &node, "after a double-spend");
    assert_eq!(
        env.ok(&["history", "show", doomed.as_str().unwrap()])["status"],
        "failed"
    );
}

/// `send abandon`: a payment signed with --no-broadcast is abandoned (status
/// `abandoned`, audited, counted nowhere) and its coin pays again; refused, changing
/// nothing, for a transaction in the node's mempool, a confirmed one, one abandoned
/// already, and an unknown one. The abandon outlives a sync.
#[test]
fn abandon_gives_the_coins_back() {
    let node = Node::start();
    let miner = node.miner();
    let env = Env::new();
    env.regtest_wallet("alice", "main");
    set_backend(&env, &node);
    core_watch(&env, &node);
    let a = env.ok(&["receive"])["address"]
        .as_str()
        .unwrap()
        .to_string();
    node.wallet_rpc("miner", &["sendtoaddress", &a, "1"]);
    node.rpc(&["generatetoaddress", "1", &miner]);
    env.ok(&["wallet", "sync"]);
    let coin = env.ok(&["utxo", "list"]);
    let pin = env.secret_path("pin");
    let pay = |extra: &[&str]| {
        let mut args = vec![
            "send",
            "--to",
            &miner,
            "--amount",
            "0.4",
            "--fee",
            "2",
            "--yes",
            "--pin-file",
            &pin,
        ];
        args.extend_from_slice(extra);
        env.ok(&args)
    };
    let lost = pay(&["--no-broadcast"]);
    assert_eq!(lost["status"], "signed", "{lost}");
    let lost_id = lost["txid"].as_str().unwrap().to_string();
    let lost_tx = fund::parse(lost["hex"].as_str().unwrap());
    // Its coin is spent: no other send can use it.
    env.err(
        &[
            "send",
            "--to",
            &miner,
            "--amount",
            "0.7",
            "--fee",
            "2",
            "--yes",
            "--pin-file",
            &pin,
        ],
        6,
    );

    // A sync finds it in no block and no mempool (a lost broadcast): the node would still
    // take it, so it stays pending, counted in the balance as in the summary, until it is
    // abandoned (or broadcast again).
    env.ok(&["wallet", "sync"]);
    assert_eq!(env.ok(&["history", "show", &lost_id])["status"], "pending");
    let paid_out = lost["review"]["total_debited_sat"].as_i64().unwrap();
    assert_eq!(balance_total(&env), 100_000_000 - paid_out);
    assert_eq!(summary(&env).1, balance_total(&env));

    // Unknown, malformed, Ethereum: refused.
    env.err(&["send", "abandon", &"ab".repeat(32)], 4);
    env.err(&["send", "abandon", "nope"], 5);
    env.err(&["send", "abandon", &format!("0x{}", "ab".repeat(32))], 5);

    let r = env.ok(&["send", "abandon", &lost_id]);
    assert_eq!(r["txid"], lost_id.as_str(), "{r}");
    assert_eq!(r["abandoned"], serde_json::json!([lost_id]), "{r}");
    assert_eq!(r["node_checked"], true, "{r}");
    let released: Vec<String> = lost_tx
        .input
        .iter()
        .map(|i| i.previous_output.to_string())
        .collect();
    assert_eq!(r["released"], serde_json::json!(released), "{r} {coin}");
    assert_eq!(
        env.ok(&["history", "show", &lost_id])["status"],
        "abandoned"
    );
    let ab = env.ok(&["history", "--status", "abandoned"]);
    assert_eq!(ab["total"], 1, "{ab}");
    assert!(env.events().iter().any(|e| e == "btc_tx_abandoned"));
    // Abandoned already: refused, nothing changes.
    let before = dump_vault(&env, "alice");
    env.err(&["send", "abandon", &lost_id], 5);
    assert_eq!(before, dump_vault(&env, "alice"));
    // Counted nowhere; a sync does not bring it back.
    books_agree(&env, &node, "abandoned");
    assert_eq!(
        env.ok(&["history", "show", &lost_id])["status"],
        "abandoned"
    );
    assert_eq!(balance_total(&env), 100_000_000);
    // The engine lost and rebuilt from the vault: still abandoned, its coin unspent.
    std::fs::remove_file(env.user_dir("alice").join("engine.age")).unwrap();
    let utxos = env.ok(&["utxo", "list"]);
    let outpoints: Vec<String> = utxos["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["outpoint"].as_str().unwrap_or_default().to_string())
        .collect();
    assert_eq!(outpoints, released, "{utxos}");
    assert!(env.events().iter().any(|e| e == "engine_rebuilt"));
    books_agree(&env, &node, "abandoned, engine rebuilt");
    assert_eq!(
        env.ok(&["history", "show", &lost_id])["status"],
        "abandoned"
    );

    // Its coin pays again.
    let again = pay(&[]);
    assert_eq!(again["status"], "broadcast", "{again}");
    let again_tx = fund::parse(again["hex"].as_str().unwrap());
    assert_eq!(
        again_tx.input[0].previous_output, lost_tx.input[0].previous_output,
        "the abandoned transaction's coin"
    );
    books_agree(&env, &node, "paid again");

    // In the node's mempool: it may confirm; refused, nothing changes.
    let again_id = again["txid"].as_str().unwrap();
    let before = dump_vault(&env, "alice");
    let e = env.err(&["send", "abandon", again_id], 5);
    assert!(e["message"].as_str().unwrap().contains("mempool"), "{e}");
    assert_eq!(before, dump_vault(&env, "alice"));
    // Confirmed: refused, nothing changes.
    node.rpc(&["generatetoaddress", "1", &miner]);
    env.ok(&["wallet", "sync"]);
    let before = dump_vault(&env, "alice");
    let e = env.err(&["send", "abandon", again_id], 5);
    assert!(e["message"].as_str().unwrap().contains("confirmed"), "{e}");
    assert_eq!(before, dump_vault(&env, "alice"));
    books_agree(&env, &node, "confirmed");

    // Signed here, broadcast and mined elsewhere, not synced yet: pending in the vault,
    // in no mempool, but its coin is spent in the node's chain: refused, nothing changes.
    let elsewhere = pay(&["--no-broadcast"]);
    let elsewhere_id = elsewhere["txid"].as_str().unwrap();
    node.rpc(&["sendrawtransaction", elsewhere["hex"].as_str().unwrap()]);
    node.rpc(&["generatetoaddress", "1", &miner]);
    let before = dump_vault(&env, "alice");
    let e = env.err(&["send", "abandon", elsewhere_id], 5);
    assert!(
        e["message"].as_str().unwrap().contains("already spent"),
        "{e}"
    );
    assert_eq!(before, dump_vault(&env, "alice"));
    env.ok(&["wallet", "sync"]);
    assert_eq!(
        env.ok(&["history", "show", elsewhere_id])["status"],
        "confirmed"
    );
    books_agree(&env, &node, "mined elsewhere");
}

/// A funded offline regtest wallet "main" (one confirmed payment of 100,000 sat).
fn funded(env: &Env) {
    env.regtest_wallet("alice", "main");
    let a = env.ok(&["receive"])["address"]
        .as_str()
        .unwrap()
        .to_string();
    let tx = fund::pay(&[(&a, 100_000)], Network::Regtest, 3);
    env.ok(&[
        "receive",
        "import",
        "--tx",
        &fund::hex(&tx),
        "--height",
        "101",
        "--block-time",
        "1769860800",
    ]);
}

fn payee() -> String {
    use bitcoin::secp256k1::{Secp256k1, SecretKey};
    let sk = SecretKey::from_slice(&[9; 32]).unwrap();
    let pk = bitcoin::CompressedPublicKey(sk.public_key(&Secp256k1::new()));
    bitcoin::Address::p2wpkh(&pk, Network::Regtest).to_string()
}

/// The daily limit counts each transaction sent once, however many of our accounts
/// record it (here the send recorded under a second wallet too, as a seed imported
/// twice would); an abandoned send counts nowhere.
#[test]
fn the_daily_limit_counts_each_transaction_once() {
    let env = Env::new();
    funded(&env);
    env.ok(&[
        "wallet",
        "create",
        "other",
        "--network",
        "regtest",
        "--chains",
        "btc",
    ]);
    let pin = env.secret_path("pin");
    let to = payee();
    let send = |amount: &str| {
        let mut a = vec![
            "--json", "send", "--wallet", "main", "--to", &to, "--amount", amount,
        ];
        a.extend_from_slice(&["--fee", "2"]);
        a.extend_from_slice(&["--yes", "--pin-file", &pin]);
        env.run(&a)
    };
    let first = send("0.0001");
    assert_eq!(first.code, 0, "{}", first.stdout);
    let first = first.json()["data"].clone();
    let txid = first["txid"].as_str().unwrap().to_string();
    let debited = first["review"]["total_debited_sat"].as_i64().unwrap();
    // The same send under the other wallet's account too.
    let mut conn = open_vault(&env, "alice", "vault.age");
    let other: i64 = conn
        .query_row(
            "SELECT a.id FROM accounts a JOIN wallets w ON w.id = a.wallet_id WHERE w.name = 'other'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    conn.execute(
        "INSERT INTO transactions (account_id, txid, asset, direction, amount, fee, status,
             counterparty, created_at)
         SELECT ?1, txid, asset, direction, amount, fee, status, counterparty, created_at
         FROM transactions WHERE hex(txid) = upper(?2)",
        rusqlite::params![other, txid],
    )
    .unwrap();
    write_vault(&env, "alice", &mut conn);
    assert_eq!(env.ok(&["history", "--type", "send"])["total"], 2);
    // Room for one more such send, not for two.
    let limit = 2 * debited + debited / 2;
    env.ok(&[
        "security",
        "set",
        "limit-daily",
        "BTC",
        &format!("0.{limit:08}"),
    ]);
    let second = send("0.0001");
    assert_eq!(second.code, 0, "counted once: {}", second.stdout);
    let third = send("0.0001");
    assert_eq!(third.code, 6, "{}", third.stdout);
    let held = third.json()["error"].clone();
    assert_eq!(held["code"], "approval_required", "{held}");
    env.ok(&["send", "cancel", held["approval_id"].as_str().unwrap()]);
    // The second send abandoned (no node set: nothing to ask): it counts nowhere, and
    // its coin pays the next one, which now fits.
    let second = second.json()["data"].clone();
    let r = env.ok(&["send", "abandon", second["txid"].as_str().unwrap()]);
    assert_eq!(r["node_checked"], false, "{r}");
    assert_eq!(r["released"], second["review"]["spends"], "{r} {second}");
    let fourth = send("0.0001");
    assert_eq!(
        fourth.code, 0,
        "the abandoned send is not counted: {}",
        fourth.stdout
    );
    assert_eq!(
        fourth.json()["data"]["review"]["spends"],
        second["review"]["spends"],
        "the abandoned send's coin"
    );
}

/// A stored amount that does not decode is damage (vault_damaged, exit 8) for the
/// summary, the history, an export, the daily limit of a send and the balance: never 0,
/// and nothing changes.
#[test]
fn stored_amounts_that_do_not_decode_are_damage() {
    let env = Env::new();
    funded(&env);
    let pin = env.secret_path("pin");
    let to = payee();
    let sent = env.ok(&[
        "send",
        "--to",
        &to,
        "--amount",
        "0.0001",
        "--fee",
        "2",
        "--yes",
        "--pin-file",
        &pin,
    ]);
    let txid = sent["txid"].as_str().unwrap().to_string();
    env.ok(&["security", "set", "limit-daily", "BTC", "0.5"]);
    let good = std::fs::read(env.user_dir("alice").join("vault.age")).unwrap();
    let damage = |sql: &str| {
        std::fs::write(env.user_dir("alice").join("vault.age"), &good).unwrap();
        let mut conn = open_vault(&env, "alice", "vault.age");
        conn.execute(sql, [&txid]).unwrap();
        write_vault(&env, "alice", &mut conn);
    };
    let is_damage = |args: &[&str]| {
        let before = dump_vault(&env, "alice");
        let e = env.err(args, 8);
        assert_eq!(e["code"], "vault_damaged", "{args:?}: {e}");
        assert!(
            e["hint"].as_str().unwrap().contains("vault.age.prev"),
            "{args:?}: {e}"
        );
        assert_eq!(
            before,
            dump_vault(&env, "alice"),
            "{args:?} changed nothing"
        );
    };
    let send_more = [
        "send",
        "--to",
        &to,
        "--amount",
        "0.0001",
        "--fee",
        "2",
        "--yes",
        "--pin-file",
        &pin,
    ];
    // The send's amount.
    damage("UPDATE transactions SET amount = '-1O000' WHERE hex(txid) = upper(?1)");
    is_damage(&["history", "summary", "--by", "month"]);
    is_damage(&["history"]);
    is_damage(&["history", "export", "--format", "csv"]);
    is_damage(&["history", "show", &txid]);
    is_damage(&send_more);
    // Its fee.
    damage("UPDATE transactions SET fee = '2x' WHERE hex(txid) = upper(?1)");
    is_damage(&["history", "summary", "--by", "currency"]);
    // The limit itself: never no limit.
    damage("UPDATE settings SET value = 'lots' WHERE key = 'limit_daily.BTC' AND ?1 IS NOT NULL");
    is_damage(&send_more);
    // The balance.
    damage("UPDATE balances SET confirmed = '' WHERE ?1 IS NOT NULL");
    is_damage(&["wallet", "balance"]);
    // An address's balance (addr list and addr show read it).
    damage("UPDATE addresses SET balance = '1e3' WHERE ?1 IS NOT NULL");
    is_damage(&["addr", "list"]);
    // Restored: all is well again.
    std::fs::write(env.user_dir("alice").join("vault.age"), &good).unwrap();
    env.ok(&["history", "summary", "--by", "month"]);
    env.ok(&send_more);
}

/// A payment between two of our wallets abandoned: dropped from both (each row
/// `abandoned`, the receiving wallet's balance without it, the coin back in the paying
/// one), and the books still agree.
#[test]
fn abandon_reaches_every_wallet_that_records_it() {
    let env = Env::new();
    funded(&env);
    let (sent, txid) = pay_our_other_wallet(&env);
    let totals = |env: &Env| -> Vec<(String, i64)> {
        env.ok(&["wallet", "balance"])["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| {
                (
                    i["wallet"].as_str().unwrap().to_string(),
                    i["total_sat"].as_i64().unwrap(),
                )
            })
            .collect()
    };
    let fee = sent["review"]["fee_sat"].as_i64().unwrap();
    assert_eq!(
        totals(&env),
        vec![
            ("main".into(), 100_000 - 40_000 - fee),
            ("other".into(), 40_000)
        ]
    );
    let r = env.ok(&["send", "abandon", &txid]);
    assert_eq!(r["wallet"], "main", "{r}");
    assert_eq!(r["abandoned"], serde_json::json!([txid]), "{r}");
    assert_eq!(r["released"], sent["review"]["spends"], "{r}");
    let rows = env.ok(&["history", "--status", "abandoned"]);
    assert_eq!(rows["total"], 2, "both rows: {rows}");
    assert_eq!(
        totals(&env),
        vec![("main".into(), 100_000), ("other".into(), 0)]
    );
    assert_eq!(summary(&env), (0, 100_000));
    let (json, csv) = export_totals(&env);
    assert_eq!((json, csv), (100_000, 100_000));
}

/// Issue 19 item 3: `send bump` of a payment between two of our wallets (in the history
/// of both) needs `--wallet`: without it a usage error (exit 2) names both and changes
/// nothing; a wallet that does not hold it is `not_found`; `--wallet main` (the payer)
/// replaces it. A transaction only one wallet holds needs no `--wallet`. (`send abandon`
/// needs no choice: it drops the transaction from every wallet recording it.)
#[test]
fn bump_of_a_payment_between_our_wallets_asks_which_wallet() {
    let env = Env::new();
    funded(&env);
    let (sent, txid) = pay_our_other_wallet(&env);
    env.ok(&[
        "wallet",
        "create",
        "third",
        "--network",
        "regtest",
        "--chains",
        "btc",
    ]);
    let pin = env.secret_path("pin");
    let bump = |extra: &[&str]| -> Vec<String> {
        let mut a: Vec<String> = [
            "send",
            "bump",
            &txid,
            "--fee",
            "5",
            "--yes",
            "--pin-file",
            &pin,
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        a.extend(extra.iter().map(|s| s.to_string()));
        a
    };
    let before = dump_vault(&env, "alice");
    let args = bump(&[]);
    let e = env.err(&args.iter().map(String::as_str).collect::<Vec<_>>(), 2);
    let m = e["message"].as_str().unwrap();
    assert!(
        m.contains("main, other") && m.contains("--wallet") && !m.contains("third"),
        "{e}"
    );
    assert_eq!(before, dump_vault(&env, "alice"), "a refused bump wrote");
    let args = bump(&["--wallet", "third"]);
    env.err(&args.iter().map(String::as_str).collect::<Vec<_>>(), 4);
    let args = bump(&["--wallet", "main"]);
    let b = env.ok(&args.iter().map(String::as_str).collect::<Vec<_>>());
    assert_eq!(b["replaces"], txid.as_str(), "{b}");
    assert_eq!(b["wallet"], "main", "{b}");
    assert!(b["review"]["fee_sat"].as_i64().unwrap() > sent["review"]["fee_sat"].as_i64().unwrap());

    // Held by one wallet only: no --wallet needed.
    let lone = env.ok(&[
        "send",
        "--wallet",
        "main",
        "--to",
        &payee(),
        "--amount",
        "0.0001",
        "--fee",
        "2",
        "--yes",
        "--pin-file",
        &pin,
    ]);
    let lone = lone["txid"].as_str().unwrap();
    let b = env.ok(&[
        "send",
        "bump",
        lone,
        "--fee",
        "6",
        "--yes",
        "--pin-file",
        &pin,
    ]);
    assert_eq!(b["replaces"], lone, "{b}");
}

/// `send bump 0x… --wallet W`: an Ethereum transaction's sender is known (the wallet
/// that signed it); `--wallet` naming another wallet is `not_found` and changes nothing,
/// an unknown wallet too; naming the sender replaces it.
#[test]
fn ethereum_bump_with_wallet_names_the_sender() {
    use crate::anvil::Anvil;
    use serde_json::json;
    let node = Anvil::start(31337);
    node.result("evm_setAutomine", json!([false]));
    let env = Env::new();
    env.register("alice");
    env.ok(&["wallet", "create", "main", "--chains", "eth"]);
    env.ok(&["wallet", "create", "other", "--chains", "eth"]);
    let ours = env.ok(&["receive", "--chain", "eth", "--wallet", "main"])["address"]
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
        "31337",
        "--rpc",
        &node.url,
    ]);
    let pin = env.secret_path("pin");
    let r = env.ok(&[
        "send",
        "--chain",
        "eth",
        "--chain-id",
        "31337",
        "--wallet",
        "main",
        "--to",
        "0x70997970C51812dc3A010C7d01b50e0d17dc79C8",
        "--amount",
        "1",
        "--fee",
        "slow",
        "--yes",
        "--pin-file",
        &pin,
    ]);
    let hash = r["hash"].as_str().unwrap().to_string();
    let before = dump_vault(&env, "alice");
    for (w, exit) in [("other", 4), ("nope", 4)] {
        let e = env.err(
            &[
                "send",
                "bump",
                &hash,
                "--wallet",
                w,
                "--fee",
                "fast",
                "--yes",
                "--pin-file",
                &pin,
            ],
            exit,
        );
        assert!(e["message"].as_str().unwrap().contains(w), "{e}");
    }
    assert_eq!(before, dump_vault(&env, "alice"), "a refused bump wrote");
    let b = env.ok(&[
        "send",
        "bump",
        &hash,
        "--wallet",
        "main",
        "--fee",
        "fast",
        "--yes",
        "--pin-file",
        &pin,
    ]);
    assert_eq!(b["status"], "broadcast", "{b}");
}

/// Creates the wallet `other` and pays it 0.0004 BTC from `main` (2 sat/vB), the payment
/// imported into `other` too, so both wallets record it: (the send's JSON, its txid).
fn pay_our_other_wallet(env: &Env) -> (serde_json::Value, String) {
    env.ok(&[
        "wallet",
        "create",
        "other",
        "--network",
        "regtest",
        "--chains",
        "btc",
    ]);
    let to = env.ok(&["receive", "--wallet", "other"])["address"]
        .as_str()
        .unwrap()
        .to_string();
    let pin = env.secret_path("pin");
    let sent = env.ok(&[
        "send",
        "--wallet",
        "main",
        "--to",
        &to,
        "--amount",
        "0.0004",
        "--fee",
        "2",
        "--yes",
        "--pin-file",
        &pin,
    ]);
    let txid = sent["txid"].as_str().unwrap().to_string();
    env.ok(&[
        "receive",
        "import",
        "--tx",
        sent["hex"].as_str().unwrap(),
        "--wallet",
        "other",
    ]);
    (sent, txid)
}
