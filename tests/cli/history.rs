//! `history` (filters, keyset pages), `history show`, `label`, `categorize`, `note`.

use crate::common::Env;
use crate::fund;
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
    let a = env.ok(&["addr", "new", "--count", "4"]);
    let addr = |i: usize| a["items"][i]["address"].as_str().unwrap().to_string();
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

fn ids(page: &Value) -> Vec<i64> {
    page["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_i64().unwrap())
        .collect()
}

#[test]
fn history_filters_and_pages() {
    let env = Env::new();
    let txs = wallet_with_history(&env);
    let all = env.ok(&["history"]);
    assert_eq!(all["total"], 5, "{all}");
    assert!(all["next_cursor"].is_null());
    let items = all["items"].as_array().unwrap();
    // Newest first: the two pending ones (seen now), then March, February, January.
    let times: Vec<&str> = items.iter().map(|r| r["time"].as_str().unwrap()).collect();
    let mut sorted = times.clone();
    sorted.sort_by(|a, b| b.cmp(a));
    assert_eq!(times, sorted);
    assert_eq!(items[2]["time"], "2026-03-10T12:00:00Z");
    assert_eq!(items[2]["amount"], "0.01000000");
    assert_eq!(items[2]["type"], "receive");
    assert_eq!(items[2]["status"], "confirmed");
    assert_eq!(items[2]["height"], 300);
    assert_eq!(items[2]["txid"], txs[2].compute_txid().to_string());
    let send = items.iter().find(|r| r["type"] == "send").unwrap();
    assert!(
        send["amount"].as_str().unwrap().starts_with("-0.001"),
        "{send}"
    );
    assert!(send["fee_units"].as_str().is_some());
    assert_eq!(send["status"], "pending");

    let count = |args: &[&str]| {
        let mut a = vec!["history"];
        a.extend_from_slice(args);
        env.ok(&a)["total"].as_u64().unwrap()
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
    let mut page = env.ok(&["history", "--limit", "2"]);
    seen.extend(ids(&page));
    let first_cursor = page["next_cursor"].as_str().unwrap().to_string();
    let a = env.ok(&["addr", "new"]);
    let newer = fund::pay(
        &[(a["items"][0]["address"].as_str().unwrap(), 9_000)],
        Network::Regtest,
        61,
    );
    env.ok(&["receive", "import", "--tx", &fund::hex(&newer)]);
    let mut cursor = Some(first_cursor);
    while let Some(c) = cursor {
        page = env.ok(&["history", "--limit", "2", "--cursor", &c]);
        seen.extend(ids(&page));
        cursor = page["next_cursor"].as_str().map(String::from);
    }
    let mut all_ids = ids(&all);
    assert_eq!(seen, all_ids, "pages skipped or repeated a row");
    all_ids.reverse();
    assert_eq!(
        ids(&env.ok(&["history", "--reverse", "--limit", "5"]))[..5],
        all_ids[..]
    );

    // A cursor of another query, or altered: exit 5.
    let c = env.ok(&["history", "--limit", "1"])["next_cursor"]
        .as_str()
        .unwrap()
        .to_string();
    let e = env.err(
        &[
            "history", "--limit", "1", "--type", "receive", "--cursor", &c,
        ],
        5,
    );
    assert_eq!(e["field"], "cursor");
    let mut tampered = c.clone();
    tampered.insert(0, '1');
    env.err(&["history", "--limit", "1", "--cursor", &tampered], 5);
    for bad in [
        vec!["--type", "gift"],
        vec!["--status", "lost"],
        vec!["--since", "yesterday-ish"],
        vec!["--min", "-1"],
        vec!["--limit", "0"],
    ] {
        let mut a = vec!["history"];
        a.extend_from_slice(&bad);
        env.err(&a, 5);
    }
    env.err(&["history", "--wallet", "nope"], 4);
}

#[test]
fn show_label_categorize_note() {
    let env = Env::new();
    let txs = wallet_with_history(&env);
    let march = txs[2].compute_txid().to_string();
    let d = env.ok(&["history", "show", &march]);
    assert_eq!(d["amount"], "0.01000000");
    assert_eq!(d["outputs"][0]["ours"], true);
    assert_eq!(d["outputs"][0]["amount_sat"], 1_000_000);
    assert_eq!(
        d["inputs"][0]["address"],
        fund::sender_address(Network::Regtest).to_string()
    );
    assert_eq!(d["inputs"][0]["ours"], false);
    assert_eq!(d["raw"], fund::hex(&txs[2]));
    assert_eq!(d["confirmations"], 1, "the wallet's tip is block 300: {d}");
    let id = d["id"].as_i64().unwrap().to_string();
    assert_eq!(env.ok(&["history", "show", &id])["txid"], march);

    let send_id = env.ok(&["history", "--type", "send"])["items"][0]["id"]
        .as_i64()
        .unwrap()
        .to_string();
    let s = env.ok(&["history", "show", &send_id]);
    assert!(s["vsize"].as_u64().unwrap() > 100, "{s}");
    let rate: f64 = s["fee_rate"].as_str().unwrap().parse().unwrap();
    assert!((rate - 2.0).abs() <= 0.02, "{s}");
    assert!(
        s["inputs"]
            .as_array()
            .unwrap()
            .iter()
            .all(|i| i["ours"] == true)
    );

    assert_eq!(
        env.ok(&["history", "label", &id, "salary March"])["label"],
        "salary March"
    );
    assert_eq!(
        env.ok(&["history", "categorize", &id, "income"])["category"],
        "income"
    );
    assert_eq!(
        env.ok(&["history", "note", &march, "paid late"])["note"],
        "paid late"
    );
    assert_eq!(env.ok(&["history", "--label", "SALARY"])["total"], 1);
    assert_eq!(env.ok(&["history", "--category", "income"])["total"], 1);
    assert!(env.ok(&["history", "label", &id, ""])["label"].is_null());
    env.err(&["history", "show", "999999"], 4);
    env.err(&["history", "label", &"ab".repeat(32), "x"], 4);
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
    env.err(&["history", "export", "--format", "xml"], 2);
    env.err(
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
    let fee: u64 = env.ok(&["history", "--type", "send"])["items"][0]["fee_units"]
        .as_str()
        .unwrap()
        .parse()
        .unwrap();
    assert_eq!(btc["fees"], format!("0.{fee:08}"));
    let balance = &env.ok(&["wallet", "balance"])["items"][0];
    assert_eq!(btc["net"], balance["total"], "net equals the balance");
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
    env.err(&["history", "summary", "--by", "week"], 2);
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
