//! `rates`, `currencies`, `config set currency`, and valuations in `wallet balance` and
//! `history show`.

use crate::common::{Env, dump_vault};
use crate::fund;
use bitcoin::Network;

#[test]
fn rates_are_recorded_imported_and_converted_exactly() {
    let env = Env::new();
    env.register("alice");
    env.ok(&["rates", "set", "BTC/USD", "97000.12", "--at", "2026-01-01"]);
    let l = env.ok(&["rates", "set", "btc/usd", "100000"]);
    assert_eq!(l["items"][0]["pair"], "BTC/USD");
    assert_eq!(l["items"][0]["rate"], "100000");
    assert_eq!(l["items"][0]["source"], "manual");
    let h = env.ok(&["rates", "history", "BTC/USD"]);
    assert_eq!(h["items"].as_array().unwrap().len(), 2);
    assert_eq!(h["items"][0]["time"], "2026-01-01T00:00:00Z");
    assert_eq!(h["items"][0]["rate"], "97000.12");

    let c = env.ok(&["rates", "convert", "0.5", "BTC", "USD"]);
    assert_eq!(c["value"], "50000.00", "{c}");
    assert_eq!(c["exact"], "50000");
    let c = env.ok(&["rates", "convert", "0.00000001", "BTC", "usd"]);
    assert_eq!(c["exact"], "0.001");
    assert_eq!(c["value"], "0.00");
    env.err(&["rates", "convert", "1", "ETH", "USD"], 4);
    env.err(&["rates", "convert", "0.000000001", "BTC", "USD"], 5);

    let csv = env.secrets.join("rates.csv");
    std::fs::write(
        &csv,
        "time,pair,rate\n2026-02-01,ETH/USD,3012.345\n1767225600,ETH/EUR,2800\n2026-03-01T12:00:00Z,ETH/USD,3100\n",
    )
    .unwrap();
    let l = env.ok(&["rates", "import", csv.to_str().unwrap()]);
    assert_eq!(l["items"].as_array().unwrap().len(), 3, "{l}");
    assert_eq!(
        env.ok(&["rates", "history", "ETH/USD"])["items"][1]["rate"],
        "3100"
    );

    let before = dump_vault(&env, "alice");
    std::fs::write(&csv, "2026-02-01,LTC/USD,80\n2026-02-02,LTC/USD,eighty\n").unwrap();
    let e = env.err(&["rates", "import", csv.to_str().unwrap()], 5);
    assert!(e["message"].as_str().unwrap().contains("row 2"), "{e}");
    for bad in [
        vec!["rates", "set", "BTCUSD", "1"],
        vec!["rates", "set", "BTC/USD", "1e5"],
        vec!["rates", "set", "BTC/USD", "0"],
        vec!["rates", "set", "BTC/USD", "-5"],
        vec!["rates", "set", "BTC/USD", "5", "--at", "someday"],
    ] {
        env.err(&bad, 5);
    }
    assert_eq!(before, dump_vault(&env, "alice"), "a refused import wrote");
}

#[test]
fn balances_and_history_are_valued_with_the_rate_of_their_time() {
    let env = Env::new();
    env.register("alice");
    env.ok(&["wallet", "create", "main", "--chains", "btc"]);
    let to = env.ok(&["receive"])["address"]
        .as_str()
        .unwrap()
        .to_string();
    let tx = fund::pay(&[(&to, 50_000_000)], Network::Bitcoin, 90);
    env.ok(&[
        "receive",
        "import",
        "--tx",
        &fund::hex(&tx),
        "--height",
        "930000",
        "--block-time",
        "2026-01-10T00:00:00Z",
    ]);
    let b = env.ok(&["wallet", "balance"]);
    assert_eq!(b["fiat_currency"], "USD");
    assert_eq!(b["portfolio_total"], "0.00");
    assert_eq!(b["unvalued"], serde_json::json!(["BTC"]));
    assert_eq!(b["items"][0]["fiat"]["missing"], "no rate");

    env.ok(&["rates", "set", "BTC/USD", "90000", "--at", "2026-01-01"]);
    env.ok(&["rates", "set", "BTC/USD", "100000"]);
    let b = env.ok(&["wallet", "balance"]);
    assert_eq!(b["items"][0]["fiat"]["value"], "50000.00", "{b}");
    assert_eq!(b["portfolio_total"], "50000.00");
    let human = env.run(&["wallet", "balance"]);
    assert!(
        human.stdout.contains("Portfolio:") && human.stdout.contains("50000.00 USD"),
        "{}",
        human.stdout
    );
    let d = env.ok(&["history", "show", &tx.compute_txid().to_string()]);
    assert_eq!(d["fiat"]["at_time"]["value"], "45000.00", "{d}");
    assert_eq!(d["fiat"]["at_time"]["rate_time"], "2026-01-01T00:00:00Z");
    assert_eq!(d["fiat"]["now"]["value"], "50000.00");
    let s = env.ok(&["history", "summary", "--by", "month"]);
    assert_eq!(s["groups"][0]["key"], "2026-01");
    assert_eq!(s["groups"][0]["fiat"]["received"], "45000.00", "{s}");
    assert_eq!(s["groups"][0]["fiat"]["unvalued"], 0);
    let csv = env.ok(&["history", "export", "--format", "csv", "--fiat", "usd"]);
    let mut reader = csv::Reader::from_reader(csv["content"].as_str().unwrap().as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    let row = reader.records().next().unwrap().unwrap();
    let col = |n: &str| header.iter().position(|h| h == n).unwrap();
    assert_eq!(&row[col("fiat_currency")], "USD");
    assert_eq!(&row[col("fiat_value")], "45000.00");
    assert_eq!(&row[col("rate")], "90000");
    assert_eq!(&row[col("rate_time")], "2026-01-01T00:00:00Z");
    assert_eq!(&row[col("rate_source")], "manual");
    let json = env.ok(&["history", "export", "--format", "json", "--fiat", "USD"]);
    let rows: serde_json::Value = serde_json::from_str(json["content"].as_str().unwrap()).unwrap();
    assert_eq!(rows[0]["fiat"]["value"], "45000.00");

    // Another preferred currency without a rate: nothing is guessed.
    assert_eq!(
        env.ok(&["config", "set", "currency", "eur"])["currency"],
        "EUR"
    );
    let b = env.ok(&["wallet", "balance"]);
    assert_eq!(b["portfolio_total"], "0.00");
    assert_eq!(b["items"][0]["fiat"]["missing"], "no rate");
    env.err(&["config", "set", "colour", "blue"], 5);

    // Test networks have no value.
    env.ok(&[
        "wallet",
        "create",
        "lab",
        "--chains",
        "btc",
        "--network",
        "regtest",
    ]);
    env.ok(&["rates", "set", "BTC/EUR", "85000"]);
    let b = env.ok(&["wallet", "balance", "--wallet", "lab"]);
    assert_eq!(b["items"][0]["fiat"]["missing"], "test network");

    let c = env.ok(&["currencies"]);
    let btc = c["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["symbol"] == "BTC" && i["network"] == "bitcoin")
        .unwrap();
    assert_eq!(btc["held"], true);
    assert_eq!(btc["rate"], "85000");
}

/// Serves `body` as JSON to every request on 127.0.0.1 until the test ends.
fn serve(body: &'static str) -> String {
    use std::io::{Read, Write};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}/price", listener.local_addr().unwrap());
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut s) = stream else { return };
            let mut buf = [0u8; 4096];
            let _ = s.read(&mut buf);
            let _ = write!(
                s,
                "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                body.len()
            );
        }
    });
    url
}

#[test]
fn rates_are_fetched_from_a_configured_source() {
    let env = Env::new();
    env.register("alice");
    env.err(&["rates", "fetch"], 4);
    let url = serve(
        r#"{"bitcoin":{"usd":97000.12,"eur":89000},"ethereum":{"usd":3012.5},"dogecoin":{"usd":0.1}}"#,
    );
    env.ok(&["rates", "source", "set", &url, "--format", "coingecko"]);
    let l = env.ok(&["rates", "fetch"]);
    let items = l["items"].as_array().unwrap();
    let rate = |pair: &str| {
        items
            .iter()
            .find(|i| i["pair"] == pair)
            .map(|i| i["rate"].as_str().unwrap().to_string())
    };
    assert_eq!(rate("BTC/USD").as_deref(), Some("97000.12"), "{l}");
    assert_eq!(rate("BTC/EUR").as_deref(), Some("89000"));
    assert_eq!(rate("ETH/USD").as_deref(), Some("3012.5"));
    assert!(
        items[0]["source"]
            .as_str()
            .unwrap()
            .starts_with("coingecko")
    );

    let url = serve(r#"{"BTC/CHF": "88000.50", "bad": "x"}"#);
    env.ok(&["rates", "source", "set", &url, "--format", "pairs"]);
    let l = env.ok(&["rates", "fetch"]);
    assert!(
        l["items"]
            .as_array()
            .unwrap()
            .iter()
            .any(|i| i["pair"] == "BTC/CHF" && i["rate"] == "88000.50")
    );

    // Unreachable: exit 7, nothing recorded.
    let dead = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let dead_url = format!("http://{}/", dead.local_addr().unwrap());
    drop(dead);
    env.ok(&["rates", "source", "set", &dead_url, "--format", "pairs"]);
    let before = dump_vault(&env, "alice");
    let e = env.err(&["rates", "fetch"], 7);
    assert_eq!(e["code"], "backend");
    assert_eq!(before, dump_vault(&env, "alice"));
    // The hint is about the rates source, not the chain backends (issue 19 item 4).
    let r = env.run(&["rates", "fetch"]);
    assert_eq!(r.code, 7);
    assert!(
        r.stderr.starts_with("error: rates source: ")
            && r.stderr.contains("coffer rates source set")
            && !r.stderr.contains("wallet backend"),
        "{}",
        r.stderr
    );
    env.err(
        &["rates", "source", "set", "ftp://x", "--format", "pairs"],
        5,
    );
}

/// Issue 19 item 6: a conversion works from the inverse rate and through a common
/// currency (and says which rates it used); a rate older than a day is shown with its
/// age; nothing valued reads "no value", not "0.00 USD"; HELD means a non-zero balance.
#[test]
fn conversions_use_inverse_and_cross_rates_and_say_how_old() {
    let env = {
        let mut e = Env::new();
        e.vars.push(("COFFER_TEST_NOW".into(), "1780000000".into()));
        e
    };
    env.register("alice");
    env.ok(&["rates", "set", "BTC/USD", "97000"]);
    env.ok(&["rates", "set", "EUR/USD", "1.08", "--at", "3d"]);

    // Inverse: 100 / 97000 = 0.001030927… BTC, rounded half up to satoshis.
    let c = env.ok(&["rates", "convert", "100", "USD", "BTC"]);
    assert_eq!(c["value"], "0.00103093", "{c}");
    assert_eq!(c["currency"], "BTC");
    assert_eq!(c["method"], "inverse");
    assert_eq!(c["rates_used"][0]["pair"], "BTC/USD");
    assert_eq!(c["rates_used"][0]["inverted"], true);
    let r = env.run(&["rates", "convert", "100", "USD", "BTC"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(
        r.stdout,
        "100 USD = 0.00103093 BTC\n  using BTC/USD 97000 (1 USD = 1/97000 BTC) at 2026-05-28T20:26:40Z, manual\n"
    );

    // Cross: 0.5 BTC = 48500 USD = 44907.407… EUR; the EUR rate is 3 days old.
    let c = env.ok(&["rates", "convert", "0.5", "BTC", "EUR"]);
    assert_eq!(c["value"], "44907.41", "{c}");
    assert_eq!(c["method"], "cross");
    assert_eq!(c["rates_used"].as_array().unwrap().len(), 2, "{c}");
    assert_eq!(c["rates_used"][1]["age_secs"], 3 * 86400);
    let r = env.run(&["rates", "convert", "0.5", "BTC", "EUR"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(
        r.stdout,
        "0.5 BTC = 44907.41 EUR\n  \
         using BTC/USD 97000 (1 BTC = 97000 USD) at 2026-05-28T20:26:40Z, manual\n  \
         using EUR/USD 1.08 (1 USD = 1/1.08 EUR) at 2026-05-25T20:26:40Z (3 days old), manual\n"
    );
    // A direct rate keeps its exact product.
    let c = env.ok(&["rates", "convert", "1", "EUR", "USD"]);
    assert_eq!(
        (c["method"].as_str(), c["exact"].as_str()),
        (Some("direct"), Some("1.08"))
    );
    let e = env.err(&["rates", "convert", "1", "ETH", "BTC"], 4);
    assert!(e["message"].as_str().unwrap().contains("ETH/BTC"), "{e}");

    let r = env.run(&["rates", "list"]);
    assert!(
        r.stdout.contains("2026-05-25T20:26:40Z (3 days old)")
            && !r.stdout.contains("20:26:40Z (0"),
        "{}",
        r.stdout
    );

    // A regtest wallet: no value (test network), and held only once it has coins.
    env.ok(&[
        "wallet",
        "create",
        "main",
        "--network",
        "regtest",
        "--chains",
        "btc",
    ]);
    let regtest = |cur: &serde_json::Value| {
        cur["items"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["network"] == "regtest")
            .unwrap()
            .clone()
    };
    let cur = regtest(&env.ok(&["currencies"]));
    assert_eq!(
        (cur["held"].as_bool(), cur["has_wallet"].as_bool()),
        (Some(false), Some(true))
    );
    let r = env.run(&["currencies"]);
    assert!(
        !r.stdout
            .lines()
            .any(|l| l.contains("regtest") && l.contains("yes")),
        "{}",
        r.stdout
    );
    let a = env.ok(&["addr", "new"]);
    let to = a["items"][0]["address"].as_str().unwrap();
    let tx = fund::pay(&[(to, 40_000)], Network::Regtest, 7);
    env.ok(&["receive", "import", "--tx", &fund::hex(&tx)]);
    assert_eq!(regtest(&env.ok(&["currencies"]))["held"], true);
    let r = env.run(&["currencies"]);
    assert!(
        r.stdout
            .lines()
            .any(|l| l.contains("regtest") && l.contains("yes")),
        "{}",
        r.stdout
    );

    let b = env.ok(&["wallet", "balance"]);
    assert_eq!(b["valued"], false, "{b}");
    let r = env.run(&["wallet", "balance"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("Portfolio:  no value\n"), "{}", r.stdout);
    assert!(!r.stdout.contains("0.00 USD"), "{}", r.stdout);
    let r = env.run(&["history", "summary", "--by", "currency"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stdout.contains("no value") && !r.stdout.contains("0.00 USD"),
        "{}",
        r.stdout
    );
}

/// Issue 19 item 6: `wallet balance`, `history show` and `history summary` value with
/// the same rates `rates convert` finds: through a common currency (BTC/USD and EUR/USD
/// for EUR), from the inverse pair (GBP/BTC), and say which (`method`, `rates_used`),
/// the age being the oldest rate's. A direct pair still gives the exact product.
#[test]
fn balances_and_history_are_valued_through_inverse_and_cross_rates() {
    let env = {
        let mut e = Env::new();
        e.vars.push(("COFFER_TEST_NOW".into(), "1780000000".into()));
        e
    };
    env.register("alice");
    env.ok(&["wallet", "create", "main", "--chains", "btc"]);
    let to = env.ok(&["receive"])["address"]
        .as_str()
        .unwrap()
        .to_string();
    let tx = fund::pay(&[(&to, 50_000_000)], Network::Bitcoin, 91);
    env.ok(&[
        "receive",
        "import",
        "--tx",
        &fund::hex(&tx),
        "--height",
        "930000",
        "--block-time",
        "2026-01-10T00:00:00Z",
    ]);
    env.ok(&["rates", "set", "BTC/USD", "90000", "--at", "2026-01-01"]);
    env.ok(&["rates", "set", "EUR/USD", "1.125", "--at", "2026-01-05"]);
    env.ok(&["rates", "set", "BTC/USD", "97000"]);
    env.ok(&["rates", "set", "EUR/USD", "1.08", "--at", "3d"]);
    env.ok(&["config", "set", "currency", "EUR"]);

    // Cross, now: 0.5 BTC = 48500 USD = 44907.407… EUR; the EUR rate is the oldest.
    let b = env.ok(&["wallet", "balance"]);
    let f = &b["items"][0]["fiat"];
    assert_eq!(f["value"], "44907.41", "{b}");
    assert_eq!(f["method"], "cross");
    assert_eq!(f["missing"], serde_json::Value::Null);
    assert_eq!((f["rate"].is_null(), f["exact"].is_null()), (true, true));
    assert_eq!(f["rate_age_secs"], 3 * 86400);
    assert_eq!(f["rate_time"], "2026-05-25T20:26:40Z");
    let used: Vec<(String, bool)> = f["rates_used"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["pair"].as_str().unwrap().to_string(),
                r["inverted"].as_bool().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        used,
        vec![("BTC/USD".into(), false), ("EUR/USD".into(), true)]
    );
    assert_eq!(
        (b["valued"].as_bool(), b["portfolio_total"].as_str()),
        (Some(true), Some("44907.41"))
    );
    assert_eq!(b["unvalued"], serde_json::json!([]));

    // Cross, at the transaction's time: 0.5 × 90000 / 1.125 = 40000 EUR, with the
    // rates of then (the older of the two is 9 days before).
    let d = env.ok(&["history", "show", &tx.compute_txid().to_string()]);
    let then = &d["fiat"]["at_time"];
    assert_eq!(then["value"], "40000.00", "{d}");
    assert_eq!(then["method"], "cross");
    assert_eq!(then["rate_time"], "2026-01-01T00:00:00Z");
    assert_eq!(then["rate_age_secs"], 9 * 86400);
    assert_eq!(then["rates_used"][1]["rate"], "1.125");
    assert_eq!(d["fiat"]["now"]["value"], "44907.41");
    let s = env.ok(&["history", "summary", "--by", "month"]);
    assert_eq!(s["groups"][0]["fiat"]["received"], "40000.00", "{s}");
    assert_eq!(s["groups"][0]["fiat"]["unvalued"], 0);

    // Inverse: 1 GBP = 0.0000125 BTC, so 0.5 BTC = 40000 GBP.
    env.ok(&["rates", "set", "GBP/BTC", "0.0000125"]);
    env.ok(&["config", "set", "currency", "GBP"]);
    let b = env.ok(&["wallet", "balance"]);
    let f = &b["items"][0]["fiat"];
    assert_eq!(f["value"], "40000.00", "{b}");
    assert_eq!(f["method"], "inverse");
    assert_eq!(f["rates_used"][0]["pair"], "GBP/BTC");
    assert_eq!(f["rates_used"][0]["inverted"], true);
    assert_eq!(f["rate_age_secs"], 0);

    // Direct: the exact product and the rate, as before.
    env.ok(&["config", "set", "currency", "USD"]);
    let f = &env.ok(&["wallet", "balance"])["items"][0]["fiat"];
    assert_eq!(f["method"], "direct", "{f}");
    assert_eq!(
        (f["exact"].as_str(), f["rate"].as_str()),
        (Some("48500"), Some("97000"))
    );
    assert_eq!(f["rates_used"].as_array().unwrap().len(), 1);
}
