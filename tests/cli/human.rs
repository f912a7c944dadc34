//! Human output reads well (issue 19, item 5): colour on a terminal only, amounts lined
//! up on their decimal point, `history` with the type and the time zone, the send review
//! once, notices once.

use crate::anvil::Anvil;
use crate::common::{Env, open_vault, write_vault};
use crate::fund;
use crate::node::Node;
use crate::prompts::Pty;
use bitcoin::Network;
use serde_json::json;

/// A fixed clock (2026-03-01T12:00:00Z) for the "ago" of "Last sync" lines.
const NOW: &str = "1772366400";

/// Someone else's regtest address.
fn payee() -> String {
    use bitcoin::secp256k1::{Secp256k1, SecretKey};
    let sk = SecretKey::from_slice(&[9; 32]).unwrap();
    let pk = bitcoin::CompressedPublicKey(sk.public_key(&Secp256k1::new()));
    bitcoin::Address::p2wpkh(&pk, Network::Regtest).to_string()
}

/// An offline regtest wallet "main" with two confirmed payments (0.0005 and 12.5 BTC)
/// and one pending (0.07 BTC): deterministic human output, no node.
fn offline_books(env: &Env) {
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
    let a = env.ok(&["addr", "new", "--count", "3", "--wallet", "main"]);
    let addr = |i: usize| a["items"][i]["address"].as_str().unwrap().to_string();
    for (i, (sat, when)) in [
        (50_000u64, Some(("100", "2026-01-10T12:00:00Z"))),
        (1_250_000_000, Some(("200", "2026-02-10T12:00:00Z"))),
        (7_000_000, None),
    ]
    .into_iter()
    .enumerate()
    {
        let tx = fund::pay(&[(&addr(i), sat)], Network::Regtest, 60 + i as u8);
        let hex = fund::hex(&tx);
        let mut args = vec!["receive", "import", "--tx", &hex];
        if let Some((height, time)) = when {
            args.extend(["--height", height, "--block-time", time]);
        }
        env.ok(&args);
    }
}

/// A test environment whose clock stands at [`NOW`].
fn env_at_now() -> Env {
    let mut env = Env::new();
    env.vars.push(("COFFER_TEST_NOW".into(), NOW.into()));
    env
}

/// The human stdout of a successful run.
fn human(env: &Env, args: &[&str]) -> String {
    let r = env.run(args);
    assert_eq!(r.code, 0, "{args:?}: {}{}", r.stdout, r.stderr);
    r.stdout
}

/// Each line's column (in characters) of the decimal point of the amount before `unit`.
fn points_before(text: &str, unit: &str) -> Vec<usize> {
    text.lines()
        .filter_map(|l| {
            let at = l.find(&format!(" {unit}"))?;
            let before = l[..at].trim_end();
            let start = before.rfind(' ').map_or(0, |s| s + 1);
            let number = &before[start..];
            let point = number.find('.').unwrap_or(number.len());
            Some(l[..start + point].chars().count())
        })
        .collect()
}

#[test]
fn history_and_balance_read_in_full() {
    let env = env_at_now();
    offline_books(&env);
    let history = human(&env, &["history"]);
    let counterparty = fund::sender_address(Network::Regtest).to_string();
    let expected = format!(
        " ID  TIME (UTC)           WALLET  TYPE              AMOUNT  STATUS     COUNTERPARTY{pad}  LABEL
  3  2026-03-01 12:00:00  main    receive   0.07000000 BTC  pending    {counterparty}
  2  2026-02-10 12:00:00  main    receive  12.50000000 BTC  confirmed  {counterparty}
  1  2026-01-10 12:00:00  main    receive   0.00050000 BTC  confirmed  {counterparty}
",
        pad = " ".repeat(counterparty.len() - "COUNTERPARTY".len())
    );
    assert_eq!(history, expected);
    let balance = human(&env, &["wallet", "balance"]);
    assert_eq!(
        balance,
        " WALLET  CURRENCY         CONFIRMED     PENDING        TOTAL           USD
 main    BTC (regtest)  12.50050000  0.07000000  12.57050000  test network
Portfolio:  no value
"
    );
    // Coins and addresses (random keys: their points compared, not their text).
    for args in [
        &["utxo", "list"][..],
        &["addr", "list"],
        &["status", "--offline"],
    ] {
        let text = human(&env, args);
        let points: Vec<usize> = text
            .lines()
            .filter(|l| l.contains("bcrt1") || l.contains("BTC (regtest)"))
            .filter_map(|l| l.find('.'))
            .collect();
        assert!(points.len() >= 3 || args[0] == "status", "{text}");
        assert!(points.windows(2).all(|w| w[0] == w[1]), "{text}");
    }
    let summary = human(&env, &["history", "summary", "--by", "currency"]);
    assert_eq!(
        summary,
        " GROUP  CURRENCY  TXS     RECEIVED        SENT        FEES          NET  NET (FIAT)
 BTC    BTC         3  12.57050000  0.00000000  0.00000000  12.57050000    no value
"
    );
}

#[test]
fn last_sync_is_one_line_per_network() {
    let env = env_at_now();
    offline_books(&env);
    for (name, network) in [("b", "regtest"), ("c", "regtest"), ("side", "signet")] {
        env.ok(&[
            "wallet",
            "create",
            name,
            "--network",
            network,
            "--chains",
            "btc",
        ]);
    }
    // Four accounts synced at different times (main 40 min ago, b 30, c 20, side 10).
    let mut conn = open_vault(&env, "alice", "vault.age");
    let now: i64 = NOW.parse().unwrap();
    for (name, minutes, tip) in [
        ("main", 40, 300),
        ("b", 30, 310),
        ("c", 20, 320),
        ("side", 10, 7),
    ] {
        conn.execute(
            "INSERT INTO btc_sync (account_id, start_height, gap_limit, tip_height, synced_at)
             SELECT a.id, 0, 20, ?1, ?2 FROM accounts a JOIN wallets w ON w.id = a.wallet_id
             WHERE w.name = ?3 AND a.chain = 'btc'",
            rusqlite::params![tip, now - minutes * 60, name],
        )
        .unwrap();
    }
    write_vault(&env, "alice", &mut conn);
    let lines = "Last sync:  3 accounts (regtest): block 300, 40 min ago (the oldest)
Last sync:  side (signet): block 7, 10 min ago
";
    let balance = human(&env, &["wallet", "balance"]);
    assert!(balance.ends_with(lines), "{balance}");
    assert_eq!(balance.matches("Last sync").count(), 2, "{balance}");
    let history = human(&env, &["history"]);
    assert!(history.ends_with(lines), "{history}");
    assert_eq!(history.matches("Last sync").count(), 2, "{history}");
    // One wallet alone is named.
    let one = human(&env, &["history", "--wallet", "b"]);
    assert!(
        one.ends_with("Last sync:  b (regtest): block 310, 30 min ago\n")
            || one.starts_with("No transactions."),
        "{one}"
    );
}

/// `coffer` on a pseudo-terminal, NO_COLOR unset or set.
fn on_terminal(env: &Env, args: &[&str], no_color: bool) -> String {
    let mut c = env.command(args);
    if no_color {
        c.env("NO_COLOR", "1");
    } else {
        c.env_remove("NO_COLOR");
    }
    Pty::start_command(c).finish().1
}

#[test]
fn colour_on_a_terminal_only() {
    let env = env_at_now();
    offline_books(&env);
    let missing = ["wallet", "balance", "--wallet", "nope"];
    // A terminal: the error in red, incoming amounts in green.
    let shown = on_terminal(&env, &missing, false);
    assert!(shown.contains("\x1b[31merror:\x1b[0m "), "{shown:?}");
    let shown = on_terminal(&env, &["history"], false);
    assert!(
        shown.contains("\x1b[32m12.50000000 BTC\x1b[0m"),
        "{shown:?}"
    );
    // The layout is the one without colour: the codes sit around the same text.
    let plain = human(&env, &["history"]);
    let stripped = shown
        .replace("\x1b[32m", "")
        .replace("\x1b[0m", "")
        .replace("\r\n", "\n");
    assert_eq!(stripped, plain);
    // NO_COLOR on a terminal: none.
    for args in [&missing[..], &["history"]] {
        let shown = on_terminal(&env, args, true);
        assert!(
            shown.contains("12.5") || shown.contains("error: "),
            "{shown:?}"
        );
        assert!(!shown.contains('\x1b'), "{shown:?}");
    }
    // Piped, NO_COLOR unset: none.
    let mut c = env.command(&missing);
    c.env_remove("NO_COLOR");
    let out = c.output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.starts_with("error: "), "{err:?}");
    let mut c = env.command(&["history"]);
    c.env_remove("NO_COLOR");
    let out = c.output().unwrap();
    assert_eq!(String::from_utf8_lossy(&out.stdout), plain);
}

#[test]
fn the_send_review_is_shown_once() {
    let env = env_at_now();
    offline_books(&env);
    let to = payee();
    let pin = env.secret_path("pin");
    let mut pty = Pty::start(
        &env,
        &[
            "send",
            "--to",
            &to,
            "--amount",
            "0.001",
            "--fee",
            "2",
            "--pin-file",
            &pin,
        ],
    );
    pty.expect("Sign this transaction?");
    pty.line("y");
    let (code, shown) = pty.finish();
    assert_eq!(code, 0, "{shown}");
    assert_eq!(shown.matches("Total debited").count(), 1, "{shown}");
    assert!(shown.contains("Transaction:"), "{shown}");
    // With --yes nothing is asked: the result carries the review.
    let r = env.run(&[
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
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(
        format!("{}{}", r.stdout, r.stderr)
            .matches("Total debited")
            .count(),
        1,
        "{}{}",
        r.stdout,
        r.stderr
    );
    // Without a terminal and without --yes: the review (as a notice) and the error.
    let r = env.run(&[
        "send",
        "--to",
        &to,
        "--amount",
        "0.001",
        "--fee",
        "2",
        "--pin-file",
        &pin,
    ]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert_eq!(r.stderr.matches("Total debited").count(), 1, "{}", r.stderr);
}

#[test]
fn notices_are_said_once() {
    let node = Node::start();
    node.miner();
    let env = Env::new();
    env.regtest_wallet("alice", "main");
    crate::btcnode::set_backend(&env, &node);
    // A script's sync (--json) tells nobody: the hint is still to be said.
    env.ok(&["wallet", "sync"]);
    let first = human(&env, &["wallet", "sync"]);
    assert!(first.contains("Paid to a later address?"), "{first}");
    let second = human(&env, &["wallet", "sync"]);
    assert!(!second.contains("Paid to a later address?"), "{second}");
    // Addresses revealed since: the window moved, the hint is said again.
    env.ok(&["addr", "new", "--count", "2"]);
    let third = human(&env, &["wallet", "sync"]);
    assert!(third.contains("Paid to a later address?"), "{third}");
    // A fresh regtest node has no fee estimate; a mistyped amount is told first and
    // alone.
    let pin = env.secret_path("pin");
    let r = env.run(&[
        "send",
        "--to",
        &payee(),
        "--amount",
        "0.0o1",
        "--fee",
        "normal",
        "--yes",
        "--pin-file",
        &pin,
    ]);
    assert_eq!(r.code, 5, "{}", r.stderr);
    assert!(r.stderr.starts_with("error: "), "{}", r.stderr);
    assert!(!r.stderr.contains("fee estimate"), "{}", r.stderr);
}

#[test]
fn ether_and_bitcoin_amounts_line_up() {
    let node = Anvil::start(31337);
    let env = env_at_now();
    offline_books(&env);
    env.ok(&["wallet", "create", "eth", "--chains", "eth"]);
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
    let ours = env.ok(&["receive", "--chain", "eth", "--wallet", "eth"])["address"]
        .as_str()
        .unwrap()
        .to_string();
    // Anvil's first dev account pays 1.000000000000000123 ETH (18 decimals).
    let from = node.result("eth_accounts", json!([]))[0].clone();
    let hash = node.result(
        "eth_sendTransaction",
        json!([{ "from": from, "to": ours, "value": "0xde0b6b3a764007b" }]),
    );
    node.receipt(&hash);
    env.ok(&["wallet", "sync", "--wallet", "eth"]);
    let history = human(&env, &["history"]);
    let eth = points_before(&history, "ETH");
    let btc = points_before(&history, "BTC");
    assert_eq!((eth.len(), btc.len()), (1, 3), "{history}");
    assert!(btc.iter().all(|p| *p == eth[0]), "{history}");
    assert!(history.contains(" receive  "), "{history}");
    let balance = human(&env, &["wallet", "balance"]);
    let eth_row = balance.lines().find(|l| l.contains("ETH")).unwrap();
    let btc_row = balance.lines().find(|l| l.contains("BTC")).unwrap();
    let points = |l: &str| -> Vec<usize> {
        l.char_indices()
            .filter(|(_, c)| *c == '.')
            .map(|(i, _)| i)
            .collect()
    };
    // BTC: confirmed, pending, total; ETH: confirmed, total (its pending is a bare 0,
    // whose units stand where the others' points are).
    let (e, b) = (points(eth_row), points(btc_row));
    assert_eq!((e[0], e[1]), (b[0], b[2]), "{balance}");
    assert_eq!(&eth_row[b[1] - 2..b[1]], " 0", "{balance}");
    assert!(eth_row.contains("1.000000000000000123"), "{balance}");
}

#[test]
fn the_ether_send_review_is_shown_once() {
    let node = Anvil::start(31337);
    let env = Env::new();
    env.register("alice");
    env.ok(&["wallet", "create", "main", "--chains", "eth"]);
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
    let ours = env.ok(&["receive", "--chain", "eth"])["address"]
        .as_str()
        .unwrap()
        .to_string();
    node.result(
        "anvil_setBalance",
        json!([ours, "0xde0b6b3a7640000"]), // 1 ETH
    );
    let pin = env.secret_path("pin");
    let mut pty = Pty::start(
        &env,
        &[
            "send",
            "--chain",
            "eth",
            "--to",
            "0x70997970C51812dc3A010C7d01b50e0d17dc79C8",
            "--amount",
            "0.1",
            "--pin-file",
            &pin,
        ],
    );
    pty.expect("Sign this transaction?");
    pty.line("y");
    let (code, shown) = pty.finish();
    assert_eq!(code, 0, "{shown}");
    assert_eq!(shown.matches("Max total cost").count(), 1, "{shown}");
    assert!(shown.contains("Transaction:"), "{shown}");
}

/// `wallet backend list` with nothing set says how to set one for either chain (it
/// used to name only `set eth`, though most people start with Bitcoin).
#[test]
fn an_empty_backend_list_says_how_to_set_one_for_each_chain() {
    let env = Env::new();
    env.register("alice");
    let r = env.run(&["wallet", "backend", "list"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    for want in [
        "No backends.",
        "coffer wallet backend set btc --network bitcoin --electrum ssl://HOST:50002",
        "coffer wallet backend set eth --chain-id ID --rpc URL",
    ] {
        assert!(r.stdout.contains(want), "{want}: {}", r.stdout);
    }
}
