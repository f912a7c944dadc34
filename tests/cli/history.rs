//! `history` (filters, keyset pages), `history show`, `label`, `categorize`, `note`.

use crate::common::Env;
use crate::fund;
use crate::typed::{Addresses, Balances, ErrorCode, HistoryDetail, HistoryPage, TxStatus, TxType};
use bitcoin::Network;
use serde_json::Value;

/// A regtest wallet with three confirmed payments (January, February, March 2026),
/// one pending payment and one pending send. Returns the funding transactions.
fn wallet_with_history(env: &Env) -> Vec<bitcoin::Transaction> {
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
    let a: Addresses = env.ok_as(&["addr", "new", "--count", "4"]);
    let addr = |i: usize| a.items[i].address.clone();
    let mut txs = vec![];
    for (i, (sat, height, time)) in [
        (50_000u64, "100", "2026-01-10T12:00:00Z"),
        (250_000, "200", "2026-02-10T12:00:00Z"),
        (1_000_000, "300", "2026-03-10T12:00:00Z"),
    ]
    .into_iter()
    .enumerate()
    {
        let tx = fund::pay(&[(&addr(i), sat)], Network::Regtest, 40 + i as u8);
        env.ok(&[
            "receive",
            "import",
            "--tx",
            &fund::hex(&tx),
            "--height",
            height,
            "--block-time",
            time,
        ]);
        txs.push(tx);
    }
    let pending = fund::pay(&[(&addr(3), 7_000)], Network::Regtest, 50);
    env.ok(&["receive", "import", "--tx", &fund::hex(&pending)]);
    txs.push(pending);
    let pin = env.secret_path("pin");
    let to = fund::sender_address(Network::Regtest).to_string();
    env.ok(&[
        "send",
        "--to",
        &to,
        "--amount",
        "0.001",
        "--fee",
        "2",
        "--yes",
        "--pin-file",
        &pin,
    ]);
    txs
}

fn ids(page: &HistoryPage) -> Vec<i64> {
    page.items.iter().map(|r| r.id).collect()
}

#[test]
fn history_filters_and_pages() {
    let env = Env::new();
    let txs = wallet_with_history(&env);
    let all: HistoryPage = env.ok_as(&["history"]);
    assert_eq!(all.total, 5, "{all:?}");
    assert_eq!(all.next_cursor, None);
    let items = &all.items;
    // Newest first: the two pending ones (seen now), then March, February, January.
    let times: Vec<&str> = items.iter().map(|r| r.time.as_str()).collect();
    let mut sorted = times.clone();
    sorted.sort_by(|a, b| b.cmp(a));
    assert_eq!(times, sorted);
    assert_eq!(items[2].time, "2026-03-10T12:00:00Z");
    assert_eq!(items[2].amount, "0.01000000");
    assert_eq!(items[2].kind, TxType::Receive);
    assert_eq!(items[2].status, TxStatus::Confirmed);
    assert_eq!(items[2].height, Some(300));
    assert_eq!(items[2].txid, txs[2].compute_txid().to_string());
    let send = items.iter().find(|r| r.kind == TxType::Send).unwrap();
    assert!(send.amount.starts_with("-0.001"), "{send:?}");
    assert!(send.fee_units.is_some());
    assert_eq!(send.status, TxStatus::Pending);

    let count = |args: &[&str]| {
        let mut a = vec!["history"];
        a.extend_from_slice(args);
        env.ok_as::<HistoryPage>(&a).total
    };
    assert_eq!(count(&["--type", "receive"]), 4);
    assert_eq!(count(&["--type", "send"]), 1);
    assert_eq!(count(&["--status", "confirmed"]), 3);
    assert_eq!(count(&["--status", "pending"]), 2);
    assert_eq!(
        count(&["--since", "2026-02-01", "--until", "2026-03-01"]),
        1
    );
    assert_eq!(count(&["--since", "2026-02-01T00:00:00Z"]), 4);
    assert_eq!(count(&["--currency", "btc"]), 5);
    assert_eq!(count(&["--currency", "ETH"]), 0);
    assert_eq!(count(&["--min", "0.0025"]), 2); // 0.0025 and 0.01
    assert_eq!(count(&["--min", "0.001", "--max", "0.0025"]), 2); // the send (0.001 + fee) and 0.0025
    assert_eq!(count(&["--max", "0.00007"]), 1);
    assert_eq!(count(&["--since", "2026-01-01", "--min", "0.0005"]), 4);

    // Pages of 2 cover everything once; new transactions do not shift them.
    let mut seen = vec![];
    let mut page: HistoryPage = env.ok_as(&["history", "--limit", "2"]);
    seen.extend(ids(&page));
    let first_cursor = page.next_cursor.clone().unwrap();
    let a: Addresses = env.ok_as(&["addr", "new"]);
    let newer = fund::pay(
        &[(a.items[0].address.as_str(), 9_000)],
        Network::Regtest,
        61,
    );
    env.ok(&["receive", "import", "--tx", &fund::hex(&newer)]);
    let mut cursor = Some(first_cursor);
    while let Some(c) = cursor {
        page = env.ok_as(&["history", "--limit", "2", "--cursor", &c]);
        seen.extend(ids(&page));
        cursor = page.next_cursor.clone();
    }
    let mut all_ids = ids(&all);
    assert_eq!(seen, all_ids, "pages skipped or repeated a row");
    all_ids.reverse();
    assert_eq!(
        ids(&env.ok_as(&["history", "--reverse", "--limit", "5"]))[..5],
        all_ids[..]
    );

    // A cursor of another query, or altered: exit 5.
    let c = env
        .ok_as::<HistoryPage>(&["history", "--limit", "1"])
        .next_cursor
        .unwrap();
    let e = env.err_as(
        &[
            "history", "--limit", "1", "--type", "receive", "--cursor", &c,
        ],
        5,
    );
    assert_eq!(e.field.as_deref(), Some("cursor"));
    let mut tampered = c.clone();
    tampered.insert(0, '1');
    env.err_as(&["history", "--limit", "1", "--cursor", &tampered], 5);
    for bad in [
        vec!["--type", "gift"],
        vec!["--status", "lost"],
        vec!["--since", "yesterday-ish"],
        vec!["--min", "-1"],
        vec!["--limit", "0"],
    ] {
        let mut a = vec!["history"];
        a.extend_from_slice(&bad);
        assert_eq!(env.err_as(&a, 5).code, ErrorCode::InvalidInput);
    }
    assert_eq!(
        env.err_as(&["history", "--wallet", "nope"], 4).code,
        ErrorCode::NotFound
    );
}

#[test]
fn show_label_categorize_note() {
    let env = Env::new();
    let txs = wallet_with_history(&env);
    let march = txs[2].compute_txid().to_string();
    let d: HistoryDetail = env.ok_as(&["history", "show", &march]);
    assert_eq!(d.amount, "0.01000000");
    assert!(d.outputs[0].ours);
    assert_eq!(d.outputs[0].amount_sat, Some(1_000_000));
    assert_eq!(
        d.inputs[0].address,
        Some(fund::sender_address(Network::Regtest).to_string())
    );
    assert!(!d.inputs[0].ours);
    assert_eq!(d.raw, Some(fund::hex(&txs[2])));
    assert_eq!(
        d.confirmations,
        Some(1),
        "the wallet's tip is block 300: {d:?}"
    );
    let id = d.id.to_string();
    assert_eq!(
        env.ok_as::<HistoryDetail>(&["history", "show", &id]).txid,
        march
    );

    let send_id = env
        .ok_as::<HistoryPage>(&["history", "--type", "send"])
        .items[0]
        .id
        .to_string();
    let s: HistoryDetail = env.ok_as(&["history", "show", &send_id]);
    assert!(s.vsize.unwrap() > 100, "{s:?}");
    let rate: f64 = s.fee_rate.as_deref().unwrap().parse().unwrap();
    assert!((rate - 2.0).abs() <= 0.02, "{s:?}");
    assert!(s.inputs.iter().all(|i| i.ours));

    let shown = |args: &[&str]| env.ok_as::<HistoryDetail>(args);
    assert_eq!(
        shown(&["history", "label", &id, "salary March"])
            .label
            .as_deref(),
        Some("salary March")
    );
    assert_eq!(
        shown(&["history", "categorize", &id, "income"])
            .category
            .as_deref(),
        Some("income")
    );
    assert_eq!(
        shown(&["history", "note", &march, "paid late"])
            .note
            .as_deref(),
        Some("paid late")
    );
    let total = |args: &[&str]| env.ok_as::<HistoryPage>(args).total;
    assert_eq!(total(&["history", "--label", "SALARY"]), 1);
    assert_eq!(total(&["history", "--category", "income"]), 1);
    assert_eq!(shown(&["history", "label", &id, ""]).label, None);
    let not_found = |args: &[&str]| env.err_as(args, 4).code;
    assert_eq!(
        not_found(&["history", "show", "999999"]),
        ErrorCode::NotFound
    );
    assert_eq!(
        not_found(&["history", "label", &"ab".repeat(32), "x"]),
        ErrorCode::NotFound
    );
    let human = env.run(&["history"]);
    assert!(
        human.stdout.contains("ID") && human.stdout.contains("0.01000000 BTC"),
        "{}",
        human.stdout
    );
}

#[test]
fn export_csv_and_json_read_back_exactly() {
    let env = Env::new();
    let txs = wallet_with_history(&env);
    let march = txs[2].compute_txid().to_string();
    let tricky = "rent, \"March\"\nsecond line";
    env.ok(&["history", "label", &march, tricky]);
    let jan = txs[0].compute_txid().to_string();
    env.ok(&["history", "note", &jan, "=HYPERLINK(\"http://x\")"]);
    let out = env.secrets.join("h.csv");
    let e = env.ok(&[
        "history",
        "export",
        "--format",
        "csv",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(e["rows"], 5, "{e}");
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(text.contains("\r\n"), "RFC 4180 line ends");
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(header[0], "time");
    assert_eq!(header[6], "amount");
    let records: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(records.len(), 5);
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let by_txid = |t: &str| {
        records
            .iter()
            .find(|r| &r[col("txid")] == t)
            .unwrap()
            .clone()
    };
    let m = by_txid(&march);
    assert_eq!(&m[col("label")], tricky, "quoting round-trips");
    assert_eq!(&m[col("amount")], "0.01000000");
    assert_eq!(&m[col("amount_units")], "1000000");
    assert_eq!(&m[col("time")], "2026-03-10T12:00:00Z");
    let j = by_txid(&jan);
    assert_eq!(
        &j[col("note")],
        "'=HYPERLINK(\"http://x\")",
        "formula guarded"
    );
    let send = records.iter().find(|r| &r[col("type")] == "send").unwrap();
    assert!(
        send[col("amount")].starts_with("-0.001"),
        "numbers stay numbers"
    );
    // Every amount is an exact decimal (no floats, no exponent).
    for r in &records {
        let a = &r[col("amount")];
        assert!(!a.contains(['e', 'E']) && a.contains('.'), "{a}");
    }
    // --plain keeps the cell as it is; filters apply.
    let plain = env.ok(&[
        "history", "export", "--format", "csv", "--plain", "--type", "receive",
    ]);
    assert_eq!(plain["rows"], 4);
    let content = plain["content"].as_str().unwrap();
    let mut reader = csv::Reader::from_reader(content.as_bytes());
    assert!(
        reader
            .records()
            .map(Result::unwrap)
            .any(|r| &r[15] == "=HYPERLINK(\"http://x\")")
    );

    let json_out = env.secrets.join("h.json");
    env.ok(&[
        "history",
        "export",
        "--format",
        "json",
        "--out",
        json_out.to_str().unwrap(),
    ]);
    let rows: Vec<Value> = serde_json::from_slice(&std::fs::read(&json_out).unwrap()).unwrap();
    assert_eq!(rows.len(), 5);
    let listed = env.ok(&["history"]);
    assert_eq!(
        rows[0], listed["items"][0],
        "the same row objects as history"
    );
    // …and so rows of the history's type.
    crate::common::typed::<crate::typed::HistoryRow>(rows[0].clone(), &["history", "export"]);
    assert_eq!(
        env.err_as(&["history", "export", "--format", "xml"], 2)
            .code,
        ErrorCode::Usage
    );
    env.err_as(
        &[
            "history",
            "export",
            "--format",
            "csv",
            "--out",
            "/nonexistent/dir/x.csv",
        ],
        5,
    );
}

#[test]
fn summary_by_month_category_and_currency() {
    let env = Env::new();
    let txs = wallet_with_history(&env);
    env.ok(&[
        "history",
        "categorize",
        &txs[0].compute_txid().to_string(),
        "salary",
    ]);
    env.ok(&[
        "history",
        "categorize",
        &txs[1].compute_txid().to_string(),
        "salary",
    ]);
    let s = env.ok(&["history", "summary", "--by", "month"]);
    let groups = s["groups"].as_array().unwrap();
    let jan = groups.iter().find(|g| g["key"] == "2026-01").unwrap();
    assert_eq!(jan["received"], "0.00050000");
    assert_eq!(jan["count"], 1);
    assert_eq!(jan["fiat"]["unvalued"], 1, "regtest coins have no value");
    let by_currency = env.ok(&["history", "summary", "--by", "currency"]);
    let btc = &by_currency["groups"][0];
    assert_eq!(btc["key"], "BTC");
    assert_eq!(btc["count"], 5);
    assert_eq!(btc["received"], "0.01307000");
    assert_eq!(btc["sent"], "0.00100000");
    let fee: u64 = env
        .ok_as::<HistoryPage>(&["history", "--type", "send"])
        .items[0]
        .fee_units
        .as_deref()
        .unwrap()
        .parse()
        .unwrap();
    assert_eq!(btc["fees"], format!("0.{fee:08}"));
    let balance = &env.ok_as::<Balances>(&["wallet", "balance"]).items[0];
    assert_eq!(btc["net"], balance.total, "net equals the balance");
    let by_cat = env.ok(&[
        "history",
        "summary",
        "--by",
        "category",
        "--since",
        "2026-01-01",
    ]);
    let salary = by_cat["groups"]
        .as_array()
        .unwrap()
        .iter()
        .find(|g| g["key"] == "salary")
        .unwrap();
    assert_eq!(salary["received"], "0.00300000");
    assert_eq!(
        env.err_as(&["history", "summary", "--by", "week"], 2).code,
        ErrorCode::Usage
    );
}

/// Issue 20 item 5: the closed sets of words of `history` are parsed at the edge: a
/// wrong --type or --status is `invalid_input` naming it (exit 5) before any vault is
/// read, --by and --format are usage errors (exit 2) listing the words.
#[test]
fn closed_words_are_parsed_at_the_edge() {
    let env = Env::new();
    let e = env.err(&["history", "--type", "sideways"], 5);
    assert_eq!(e["field"], "type", "{e}");
    assert!(
        e["message"]
            .as_str()
            .unwrap()
            .contains("send, receive or self"),
        "{e}"
    );
    let e = env.err(&["history", "--status", "lost"], 5);
    assert_eq!(e["field"], "status", "{e}");
    assert!(
        e["message"].as_str().unwrap().contains("awaiting_approval"),
        "{e}"
    );
    let e = env.err(&["history", "summary", "--by", "week"], 2);
    assert!(e["message"].as_str().unwrap().contains("week"), "{e}");
    env.err(&["history", "export", "--format", "xml"], 2);
    env.err(&["security", "log", "export", "--format", "xml"], 5);
    env.err(&["backup", "create", "--partial", "keys"], 2);
    env.err(
        &[
            "rates",
            "source",
            "set",
            "https://x.test",
            "--format",
            "csv",
        ],
        2,
    );
}

/// Puts alice's vault back to `good`, then runs `sql` on it (one row changed).
fn damage_vault(env: &Env, good: &[u8], sql: &str) {
    use crate::common::{open_vault, write_vault};
    std::fs::write(env.user_dir("alice").join("vault.age"), good).unwrap();
    let mut conn = open_vault(env, "alice", "vault.age");
    assert_eq!(conn.execute(sql, []).unwrap(), 1, "{sql}");
    write_vault(env, "alice", &mut conn);
}

/// `args` fail with vault_damaged (exit 8), the message naming `what`, and change
/// nothing.
fn is_vault_damage(env: &Env, args: &[&str], what: &str) {
    use crate::common::dump_vault;
    let before = dump_vault(env, "alice");
    let e = env.err(args, 8);
    assert_eq!(e["code"], "vault_damaged", "{args:?}: {e}");
    assert!(
        e["message"].as_str().unwrap().contains(what),
        "{args:?}: {e}"
    );
    assert_eq!(before, dump_vault(env, "alice"), "{args:?} changed nothing");
}

/// A stored asset that does not decode (a Bitcoin row whose asset is not BTC, a
/// Bitcoin account whose network is no network) is damage (vault_damaged, exit 8) for
/// `history`, its show, export and summary, and for `status`'s pending list: never read
/// with guessed decimals, and nothing changes.
#[test]
fn stored_assets_that_do_not_decode_are_damage() {
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
    let a: Addresses = env.ok_as(&["addr", "new"]);
    let tx = fund::pay(&[(&a.items[0].address, 7_000)], Network::Regtest, 60);
    env.ok(&["receive", "import", "--tx", &fund::hex(&tx)]);
    let txid = tx.compute_txid().to_string();
    let good = std::fs::read(env.user_dir("alice").join("vault.age")).unwrap();
    let damage = |sql: &str| damage_vault(&env, &good, sql);
    let is_damage = |args: &[&str], what: &str| is_vault_damage(&env, args, what);
    damage("UPDATE transactions SET asset = 'BTX'");
    for args in [
        &["history"][..],
        &["history", "show", &txid],
        &["history", "export", "--format", "csv"],
        &["history", "summary", "--by", "currency"],
        &["status", "--offline"],
    ] {
        is_damage(args, "a stored Bitcoin asset does not decode (\"BTX\")");
    }
    damage("UPDATE accounts SET network = 'moon' WHERE chain = 'btc'");
    is_damage(
        &["history"],
        "a stored Bitcoin network does not decode (\"moon\")",
    );
    is_damage(
        &["wallet", "show", "main"],
        "a stored account does not decode (\"network\")",
    );
    // The chain of an account is a closed set too (typed `Chain`, not a string).
    damage("UPDATE accounts SET chain = 'doge' WHERE chain = 'btc'");
    is_damage(&["history"], "a stored chain does not decode (\"doge\")");
    for args in [&["wallet", "show", "main"][..], &["addr", "list"]] {
        is_damage(args, "a stored account does not decode (\"chain\")");
    }
    // Restored: all is well again.
    std::fs::write(env.user_dir("alice").join("vault.age"), &good).unwrap();
    let page: HistoryPage = env.ok_as(&["history"]);
    assert_eq!(page.items[0].amount, "0.00007000");
}

/// The chain of a backend and of a held send are typed too (a backend serves a Bitcoin
/// network or an EVM chain id): a stored one that does not decode is damage (exit 8,
/// nothing changed), never a row shown with a chain that is not one, nor a backend whose
/// chain id reads as missing.
#[test]
fn stored_chains_of_backends_and_held_sends_that_do_not_decode_are_damage() {
    use crate::common::{open_vault, write_vault};
    let env = Env::new();
    env.register("alice");
    env.ok(&[
        "wallet",
        "create",
        "main",
        "--network",
        "regtest",
        "--chains",
        "btc,eth",
    ]);
    // An EVM backend and a held send, as coffer stores them (no endpoint is asked here).
    let mut conn = open_vault(&env, "alice", "vault.age");
    conn.execute_batch(
        "INSERT INTO backends (chain, network, url, created_at)
             VALUES ('eth', '31337', 'http://127.0.0.1:9', 0);
         INSERT INTO approvals (id, created_at, chain, wallet, asset, amount, recipients,
                 payload, reasons, chain_id, status)
             VALUES ('ap-0123456789ab', 0, 'eth', 'main', 'ETH', '1000', '[]', '{}',
                 '[\"over the limit\"]', 31337, 'awaiting_approval');",
    )
    .unwrap();
    write_vault(&env, "alice", &mut conn);
    let good = std::fs::read(env.user_dir("alice").join("vault.age")).unwrap();
    let list = env.ok(&["wallet", "backend", "list"]);
    assert_eq!(list["items"][0]["chain"], "eth", "{list}");
    assert_eq!(list["items"][0]["chain_id"], 31337, "{list}");
    assert_eq!(list["items"][0]["network"], Value::Null, "{list}");
    let status = env.ok(&["status", "--offline"]);
    assert_eq!(status["held"]["count"], 1, "{status}");
    assert_eq!(status["held"]["items"][0]["chain"], "eth", "{status}");
    assert_eq!(status["backends"][0]["chain_id"], 31337, "{status}");
    let damage = |sql: &str| damage_vault(&env, &good, sql);
    let is_damage = |args: &[&str], what: &str| is_vault_damage(&env, args, what);
    damage("UPDATE backends SET chain = 'doge'");
    for args in [
        &["wallet", "backend", "list"][..],
        &["wallet", "backend", "remove", "eth"],
        &["status", "--offline"],
    ] {
        is_damage(args, "a stored backend does not decode (\"chain\")");
    }
    // An EVM backend's network is its chain id: text that is not one is damage too.
    damage("UPDATE backends SET network = 'mainnet'");
    for args in [&["wallet", "backend", "list"][..], &["status", "--offline"]] {
        is_damage(args, "a stored backend does not decode (\"network\")");
    }
    damage("UPDATE approvals SET chain = 'doge'");
    for args in [
        &["status", "--offline"][..],
        &["send", "confirm", "ap-0123456789ab", "--yes"],
        &["send", "cancel", "ap-0123456789ab"],
    ] {
        is_damage(args, "a stored approval does not decode (\"chain\")");
    }
    // The held amount is base units, decoded once when the approval is read: text that
    // is not one is damage for confirm and cancel (never cancelled as if it were 0).
    damage("UPDATE approvals SET amount = 'x'");
    for args in [
        &["send", "confirm", "ap-0123456789ab", "--yes"][..],
        &["send", "cancel", "ap-0123456789ab"],
    ] {
        is_damage(args, "a stored held amount does not decode (\"x\")");
    }
    // Its asset is typed too, decoded once when the approval is read (with the network
    // of the wallet's account): a token without a name, or ether held on a Bitcoin
    // account, is damage for confirm and cancel (never cancelled as if it were read).
    damage("UPDATE approvals SET asset = ''");
    for args in [
        &["send", "confirm", "ap-0123456789ab", "--yes"][..],
        &["send", "cancel", "ap-0123456789ab"],
        &["status", "--offline"],
    ] {
        is_damage(args, "a stored token does not decode (\"\")");
    }
    damage("UPDATE approvals SET chain = 'btc', chain_id = NULL");
    for args in [
        &["send", "confirm", "ap-0123456789ab", "--yes"][..],
        &["send", "cancel", "ap-0123456789ab"],
    ] {
        is_damage(args, "a stored Bitcoin asset does not decode (\"ETH\")");
    }
    // Its status is a closed set too.
    damage("UPDATE approvals SET status = 'held'");
    is_damage(
        &["send", "cancel", "ap-0123456789ab"],
        "a stored approval does not decode (\"status\")",
    );
    // Restored: all is well again.
    std::fs::write(env.user_dir("alice").join("vault.age"), &good).unwrap();
    env.ok(&["wallet", "backend", "list"]);
}

/// The direction, status and asset of a recorded transaction are closed sets (typed,
/// not strings): a stored word that is none of them is damage (vault_damaged, exit 8,
/// nothing changed) where the record is read, e.g. importing the transaction again (a
/// Bitcoin row whose asset is not BTC used to be compared as words and the import
/// recorded as a change).
#[test]
fn stored_directions_statuses_and_assets_that_do_not_decode_are_damage() {
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
    let a: Addresses = env.ok_as(&["addr", "new"]);
    let tx = fund::hex(&fund::pay(
        &[(&a.items[0].address, 7_000)],
        Network::Regtest,
        61,
    ));
    let import = ["receive", "import", "--tx", tx.as_str()];
    let first: Value = env.ok_as(&import);
    assert_eq!(first["result"], "applied", "{first}");
    let good = std::fs::read(env.user_dir("alice").join("vault.age")).unwrap();
    for (sql, message) in [
        (
            "UPDATE transactions SET direction = 'sideways'",
            "a stored transaction does not decode (\"direction\")",
        ),
        (
            "UPDATE transactions SET status = 'lost'",
            "a stored transaction does not decode (\"status\")",
        ),
        (
            "UPDATE transactions SET asset = 'XBT'",
            "a stored Bitcoin asset does not decode (\"XBT\")",
        ),
    ] {
        damage_vault(&env, &good, sql);
        is_vault_damage(&env, &import, message);
    }
    // Restored: importing it again changes nothing.
    std::fs::write(env.user_dir("alice").join("vault.age"), &good).unwrap();
    let again: Value = env.ok_as(&import);
    assert_eq!(again["result"], "unchanged", "{again}");
}

/// The balances a `wallet sync` stored for an EVM account and its addresses are typed
/// too (ether or a listed token, and an amount of it), decoded once where they are
/// read: a stored balance that is not decimal digits of base units (`0x10` used to be
/// read as 16, `-1` or `x` as an internal error) or an asset that is no token is
/// damage (exit 8, nothing changed) for `wallet balance`, `status` and `addr list`.
#[test]
fn synced_evm_balances_that_do_not_decode_are_damage() {
    use crate::common::{open_vault, write_vault};
    let env = Env::new();
    env.register("alice");
    env.ok(&[
        "wallet",
        "create",
        "main",
        "--network",
        "regtest",
        "--chains",
        "btc,eth",
    ]);
    env.ok(&["addr", "new", "--chain", "eth"]);
    // What a sync stores (no endpoint is asked here): 1.5 ether, on the account and on
    // its first address.
    let mut conn = open_vault(&env, "alice", "vault.age");
    conn.execute_batch(
        "INSERT INTO eth_state (account_id, chain_id, asset, balance, nonce, synced_at)
             SELECT id, 31337, 'ETH', '1500000000000000000', 3, 0 FROM accounts
             WHERE chain = 'eth';
         INSERT INTO eth_address_state (account_id, chain_id, address, asset, balance,
                 nonce, synced_at)
             SELECT account_id, 31337, address, 'ETH', '1500000000000000000', 3, 0
             FROM addresses WHERE account_id = (SELECT id FROM accounts WHERE chain = 'eth')
             ORDER BY idx LIMIT 1;",
    )
    .unwrap();
    write_vault(&env, "alice", &mut conn);
    let good = std::fs::read(env.user_dir("alice").join("vault.age")).unwrap();
    let balance = env.ok(&["wallet", "balance"]);
    let eth: Vec<&Value> = balance["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|b| b["chain"] == "eth")
        .collect();
    assert_eq!(eth.len(), 1, "{balance}");
    assert_eq!(eth[0]["currency"], "ETH", "{balance}");
    assert_eq!(eth[0]["total"], "1.5", "{balance}");
    assert_eq!(eth[0]["total_units"], "1500000000000000000", "{balance}");
    assert_eq!(eth[0]["chain_id"], 31337, "{balance}");
    let list = env.ok(&["addr", "list", "--chain", "eth"]);
    let with: Vec<&Value> = list["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["eth_balances"].as_array().is_some_and(|b| !b.is_empty()))
        .collect();
    assert_eq!(with.len(), 1, "{list}");
    assert_eq!(with[0]["balance"], "1.5", "{list}");
    assert_eq!(with[0]["eth_balances"][0]["currency"], "ETH", "{list}");
    assert_eq!(with[0]["eth_balances"][0]["balance"], "1.5", "{list}");
    assert_eq!(with[0]["eth_balances"][0]["nonce"], 3, "{list}");
    let damage = |sql: &str| damage_vault(&env, &good, sql);
    let is_damage = |args: &[&str], what: &str| is_vault_damage(&env, args, what);
    damage("UPDATE eth_state SET balance = '0x10'");
    for args in [&["wallet", "balance"][..], &["status", "--offline"]] {
        is_damage(args, "a stored synced balance does not decode (\"0x10\")");
    }
    damage("UPDATE eth_state SET asset = ''");
    is_damage(
        &["wallet", "balance"],
        "a stored token does not decode (\"\")",
    );
    for bad in ["-1", "x"] {
        damage(&format!("UPDATE eth_address_state SET balance = '{bad}'"));
        is_damage(
            &["addr", "list", "--chain", "eth"],
            &format!("a stored synced balance does not decode (\"{bad}\")"),
        );
    }
    // Restored: all is well again.
    std::fs::write(env.user_dir("alice").join("vault.age"), &good).unwrap();
    env.ok(&["wallet", "balance"]);
}
