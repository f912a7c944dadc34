//! The inbox holds claims, not facts: anyone who can write to `inbox/` can encrypt to the
//! vault's public recipient. Planted entries are made here exactly as an attacker would
//! (age-encrypted to `vault_recipient` from profile.json).

use crate::common::{Env, open_vault, write_vault};
use crate::fund;
use bitcoin::Network;
use serde_json::{Value, json};

/// 2100-01-01T00:00:00Z in Unix milliseconds.
const YEAR_2100_MS: i64 = 4_102_444_800_000;

/// Encrypts `item` to `to` and drops it into `user`'s inbox as `name`.
fn plant_to(env: &Env, user: &str, to: &age::x25519::Recipient, name: &str, plain: &[u8]) {
    let ct = age::encrypt(to, plain).unwrap();
    let dir = env.user_dir(user).join("inbox");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join(name), ct).unwrap();
}

/// Plants `item` encrypted to the vault's own (public) recipient.
fn plant(env: &Env, user: &str, name: &str, item: &Value) {
    let to: age::x25519::Recipient = env.profile(user)["vault_recipient"]
        .as_str()
        .unwrap()
        .parse()
        .unwrap();
    plant_to(env, user, &to, name, item.to_string().as_bytes());
}

/// The `*.age` files directly in the inbox (not those set aside).
fn waiting(env: &Env, user: &str) -> Vec<String> {
    let Ok(dir) = std::fs::read_dir(env.user_dir(user).join("inbox")) else {
        return vec![];
    };
    dir.map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".age"))
        .collect()
}

fn log_items(env: &Env, args: &[&str]) -> Vec<Value> {
    let mut a = vec!["security", "log", "--limit", "1000"];
    a.extend_from_slice(args);
    env.ok(&a)["items"].as_array().unwrap().clone()
}

fn login_run(env: &Env) -> crate::common::Run {
    let pw = env.secret_path("pw");
    env.run(&["--json", "--user", "alice", "login", "--password-file", &pw])
}

#[test]
fn a_planted_critical_event_is_unauthenticated_and_its_date_is_not_believed() {
    let env = Env::new();
    env.register("alice");
    env.ok(&["logout"]);
    let forged = "ab".repeat(16);
    plant(
        &env,
        "alice",
        "000000000000001-forged.age",
        &json!({
            "kind": "audit",
            "event_id": forged,
            "time_ms": YEAR_2100_MS,
            "event": "pin_reset",
            "severity": "critical",
            "success": true,
            "details": { "by": "nobody" },
        }),
    );
    env.login("alice", &[]);
    assert!(waiting(&env, "alice").is_empty(), "merged");

    let critical = log_items(&env, &["--severity", "critical"]);
    assert_eq!(critical.len(), 1, "{critical:?}");
    let row = &critical[0];
    assert_eq!(row["id"], forged.as_str());
    assert_eq!(row["source"], "inbox", "{row}");
    assert_eq!(row["authenticated"], false, "{row}");
    assert_eq!(row["claimed_time"], "2100-01-01T00:00:00.000Z", "{row}");
    // Its time is not 2100: clamped to when it was merged, at the latest.
    let time = row["time"].as_str().unwrap();
    let merged = row["merged_at"].as_str().unwrap();
    assert!(time < "2100" && time <= merged, "{row}");
    // The logout (written with the session's key) and the login are the vault's own.
    let all = log_items(&env, &[]);
    let by = |name: &str| all.iter().find(|e| e["event"] == name).unwrap().clone();
    assert_eq!(by("logout")["source"], "vault");
    assert_eq!(by("login")["source"], "vault");
    assert_eq!(by("login")["authenticated"], true);
    assert_eq!(by("login")["claimed_time"], Value::Null);
    // `--since` cannot be fooled into the future either.
    assert!(
        log_items(&env, &["--since", "2099-12-31"]).is_empty(),
        "a claimed date counted as fact"
    );

    // verify: intact, and says how many rows are unauthenticated.
    let v = env.ok(&["security", "log", "verify"]);
    assert_eq!(v["unauthenticated_rows"], 1, "{v}");
    let human = env.run(&["security", "log", "verify"]);
    assert!(
        human.stdout.contains("1 of them came from the inbox"),
        "{}",
        human.stdout
    );
    let human = env.run(&["security", "log", "--severity", "critical"]);
    assert!(
        human.stdout.contains("inbox?") && human.stdout.contains("(claims 2100-01-01"),
        "{}",
        human.stdout
    );
    let export = env.ok(&["security", "log", "export"]);
    let line = export["content"]
        .as_str()
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).unwrap())
        .find(|l| l["id"] == forged.as_str())
        .unwrap();
    assert_eq!(line["source"], "inbox", "{line}");

    // Still waiting in the inbox (not merged yet): shown the same way, merged_at null.
    let later = "cd".repeat(16);
    plant(
        &env,
        "alice",
        "000000000000002-later.age",
        &json!({
            "kind": "audit", "event_id": later, "time_ms": YEAR_2100_MS, "event": "login",
            "severity": "info", "success": true, "details": {},
        }),
    );
    let pending = log_items(&env, &[]);
    let row = pending.iter().find(|e| e["id"] == later.as_str()).unwrap();
    assert_eq!(row["authenticated"], false, "{row}");
    assert_eq!(row["merged_at"], Value::Null, "{row}");
    assert!(row["time"].as_str().unwrap() < "2100", "{row}");

    // The origin is part of the chain: passing an inbox row off as the vault's breaks it.
    let mut c = open_vault(&env, "alice", "vault.age");
    c.execute(
        "UPDATE audit SET source = NULL, claimed_ms = NULL, merged_ms = NULL
         WHERE event_id = ?1",
        [&forged],
    )
    .unwrap();
    write_vault(&env, "alice", &mut c);
    let e = env.err(&["security", "log", "verify"], 8);
    assert_eq!(e["code"], "audit_broken", "{e}");
    assert!(e["row"].as_u64().is_some(), "{e}");
}

/// A regtest wallet "main" for alice and its first two receive addresses.
fn regtest_wallet(env: &Env) -> (String, String) {
    env.register("alice");
    env.ok(&["wallet", "create", "main", "--network", "regtest"]);
    let a = env.ok(&["addr", "new", "--count", "2"]);
    (
        a["items"][0]["address"].as_str().unwrap().to_string(),
        a["items"][1]["address"].as_str().unwrap().to_string(),
    )
}

fn balance(env: &Env) -> (Value, Value) {
    let b = env.ok(&["wallet", "balance"]);
    let i = &b["items"][0];
    (i["confirmed_sat"].clone(), i["pending_sat"].clone())
}

fn status_of(env: &Env, txid: &str) -> Value {
    let h = env.ok(&["history", "--limit", "100"]);
    h["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["txid"] == txid)
        .unwrap_or_else(|| panic!("{txid} not in {h}"))
        .clone()
}

#[test]
fn a_planted_queued_import_counts_as_pending_and_never_as_confirmed() {
    let env = Env::new();
    let (a0, a1) = regtest_wallet(&env);
    // A real, confirmed 100,000 sat, imported while unlocked.
    let real = fund::pay(&[(&a0, 100_000)], Network::Regtest, 1);
    env.ok(&[
        "receive",
        "import",
        "--tx",
        &fund::hex(&real),
        "--height",
        "100",
        "--block-time",
        "1769860800",
    ]);
    assert_eq!(balance(&env), (100_000.into(), 0.into()));
    env.ok(&["logout"]);

    // A made-up 50 BTC payment "confirmed in block 150", planted in the inbox.
    let forged = fund::pay(&[(&a1, 5_000_000_000)], Network::Regtest, 2);
    let block = "11".repeat(32);
    plant(
        &env,
        "alice",
        "000000000000001-forged.age",
        &json!({
            "kind": "btc_tx_import", "wallet": "main", "hex": fund::hex(&forged),
            "height": 150, "block_time": 1_769_900_000u64, "block_hash": block,
        }),
    );
    // A planted "spend" of the real coin (no valid signature, claiming a block): it
    // would take the confirmed coin away.
    let mut spend = fund::pay(
        &[(&fund::sender_address(Network::Regtest).to_string(), 90_000)],
        Network::Regtest,
        3,
    );
    spend.input[0].previous_output = bitcoin::OutPoint {
        txid: real.compute_txid(),
        vout: 0,
    };
    plant(
        &env,
        "alice",
        "000000000000002-spend.age",
        &json!({
            "kind": "btc_tx_import", "wallet": "main", "hex": fund::hex(&spend),
            "height": 151, "block_time": 1_769_900_600u64, "block_hash": null,
        }),
    );
    // The CLI's own locked import with a block: the same rule.
    let cli = fund::pay(&[(&a0, 20_000)], Network::Regtest, 4);
    let q = env.ok(&[
        "receive",
        "import",
        "--tx",
        &fund::hex(&cli),
        "--height",
        "152",
        "--block-time",
        "1769901200",
    ]);
    assert_eq!(q["result"], "queued", "{q}");

    env.login("alice", &[]);
    assert_eq!(
        balance(&env),
        (100_000.into(), (5_000_000_000u64 + 20_000).into()),
        "the confirmed balance changed through the inbox"
    );
    assert_eq!(
        q["height"],
        Value::Null,
        "a claimed block is not echoed as fact: {q}"
    );
    let f = status_of(&env, &forged.compute_txid().to_string());
    assert_eq!(f["status"], "pending", "{f}");
    assert_eq!(f["height"], Value::Null, "{f}");
    assert_eq!(
        status_of(&env, &cli.compute_txid().to_string())["status"],
        "pending"
    );
    assert_eq!(
        status_of(&env, &real.compute_txid().to_string())["status"],
        "confirmed"
    );
    let events = log_items(&env, &[]);
    let imported: Vec<&Value> = events
        .iter()
        .filter(|e| e["event"] == "btc_tx_imported")
        .collect();
    let claim = imported
        .iter()
        .find(|e| e["details"]["txid"] == forged.compute_txid().to_string())
        .unwrap();
    assert_eq!(claim["details"]["status"], "pending", "{claim}");
    assert_eq!(claim["details"]["claimed_block"]["height"], 150, "{claim}");
    let failed = events
        .iter()
        .find(|e| e["event"] == "btc_tx_import_failed")
        .unwrap();
    assert!(
        failed["details"]["reason"]
            .as_str()
            .unwrap()
            .contains("spends this wallet's coins"),
        "{failed}"
    );

    // The user, logged in, confirms what they know was mined: now it counts.
    let c = env.ok(&[
        "receive",
        "import",
        "--tx",
        &fund::hex(&cli),
        "--height",
        "152",
        "--block-time",
        "1769901200",
    ]);
    assert_eq!(c["status"], "confirmed", "{c}");
    assert_eq!(balance(&env), (120_000.into(), 5_000_000_000u64.into()));
}

#[test]
fn entries_that_cannot_be_merged_are_moved_aside_and_reported_once() {
    let env = Env::new();
    let (a0, _) = regtest_wallet(&env);
    env.ok(&["logout"]);
    // A queued import encrypted to another key (as when profile.json's recipient was
    // swapped), a damaged file, content that is not an inbox item, and an audit event
    // with an id that is not one coffer makes.
    let other = age::x25519::Identity::generate().to_public();
    let tx = fund::pay(&[(&a0, 30_000)], Network::Regtest, 5);
    let item = json!({
        "kind": "btc_tx_import", "wallet": null, "hex": fund::hex(&tx),
        "height": null, "block_time": null, "block_hash": null,
    });
    plant_to(
        &env,
        "alice",
        &other,
        "000000000000001-swapped.age",
        item.to_string().as_bytes(),
    );
    std::fs::write(
        env.user_dir("alice")
            .join("inbox/000000000000002-damaged.age"),
        b"age-encryption.org/v1\n-> X25519 garbage\n",
    )
    .unwrap();
    plant(
        &env,
        "alice",
        "000000000000003-notjson.age",
        &json!(["hello"]),
    );
    plant(
        &env,
        "alice",
        "000000000000004-badid.age",
        &json!({
            "kind": "audit", "event_id": "inbox-rejected-000000000000001-swapped.age",
            "time_ms": 0, "event": "login", "severity": "info", "success": true,
            "details": {},
        }),
    );

    let r = login_run(&env);
    assert_eq!(r.code, 0, "{} / {}", r.stdout, r.stderr);
    let warnings = r.json()["data"]["warnings"].clone();
    let text = warnings.to_string();
    assert!(
        text.contains("4 inbox file(s) could not be merged") && text.contains("swapped.age"),
        "{warnings}"
    );
    assert!(
        r.stderr.contains("warning: 4 inbox file(s)") && r.stderr.contains("rejected"),
        "{}",
        r.stderr
    );
    assert!(waiting(&env, "alice").is_empty());
    let mut aside: Vec<String> = std::fs::read_dir(env.user_dir("alice").join("inbox/rejected"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    aside.sort();
    assert_eq!(
        aside,
        [
            "000000000000001-swapped.age",
            "000000000000002-damaged.age",
            "000000000000003-notjson.age",
            "000000000000004-badid.age"
        ]
    );
    let rejected = log_items(&env, &["--event", "inbox_rejected"]);
    assert_eq!(rejected.len(), 4, "{rejected:?}");
    assert!(
        rejected
            .iter()
            .all(|e| e["severity"] == "high" && e["source"] == "vault")
    );
    let swapped = rejected
        .iter()
        .find(|e| e["details"]["file"] == "000000000000001-swapped.age")
        .unwrap();
    assert!(
        swapped["details"]["reason"]
            .as_str()
            .unwrap()
            .contains("another key"),
        "{swapped}"
    );
    // Nothing of it was applied.
    assert_eq!(env.ok(&["history"])["total"], 0);

    // Reported once: the next write says nothing more and logs nothing more.
    let r = env.run(&["--json", "addr", "new"]);
    assert_eq!(r.code, 0);
    assert!(!r.stderr.contains("warning"), "{}", r.stderr);
    assert_eq!(log_items(&env, &["--event", "inbox_rejected"]).len(), 4);
    let again = login_run(&env);
    assert_eq!(again.json()["data"]["warnings"], json!([]));
}

/// A real payment queued while locked (with a made-up block) is pending after the login;
/// the node's block, read by `wallet sync`, confirms it.
#[test]
fn a_queued_real_payment_is_confirmed_by_a_sync_with_the_node() {
    let node = crate::node::Node::start();
    let env = Env::new();
    env.regtest_wallet("alice", "main");
    crate::btcnode::set_backend(&env, &node);
    node.rpc(&["createwallet", "miner"]);
    let miner = node.rpc(&["getnewaddress"]);
    let miner = miner.as_str().unwrap();
    node.rpc(&["generatetoaddress", "101", miner]);
    let a = env.ok(&["receive"])["address"]
        .as_str()
        .unwrap()
        .to_string();
    let txid = node.rpc(&["sendtoaddress", &a, "0.3"]);
    let txid = txid.as_str().unwrap();
    let raw = node.rpc(&["getrawtransaction", txid]);
    env.ok(&["logout"]);
    let q = env.ok(&[
        "receive",
        "import",
        "--tx",
        raw.as_str().unwrap(),
        "--height",
        "999",
        "--block-time",
        "1769860800",
    ]);
    assert_eq!(q["result"], "queued", "{q}");
    env.login("alice", &[]);
    assert_eq!(balance(&env), (0.into(), 30_000_000.into()));
    assert_eq!(status_of(&env, txid)["status"], "pending");
    node.rpc(&["generatetoaddress", "1", miner]);
    env.ok(&["wallet", "sync"]);
    let s = status_of(&env, txid);
    assert_eq!(s["status"], "confirmed", "{s}");
    assert_eq!(s["height"], 102, "{s}");
    assert_eq!(balance(&env), (30_000_000.into(), 0.into()));
}
