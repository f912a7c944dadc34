//! `history export` streamed: byte for byte the text of the fixed files in
//! tests/cli/export_golden/ for every format, filter and output (stdout, `--json`'s
//! `content`, `--out FILE`); a reader that goes away ends it quietly; an error midway
//! leaves no file (printed, the text stops and the error follows).

use crate::common::{Env, open_vault, write_vault};
use std::io::Read as _;
use std::path::PathBuf;
use std::process::Stdio;

/// A mainnet wallet with Bitcoin and Ethereum accounts whose history is written
/// straight into the vault (fixed ids, times, txids): receives, sends with fees, a
/// bumped payment (replaced) and its replacement, a token transfer, labels that need
/// quoting, a formula in a note, categories; rates for BTC/USD, ETH/USD and EUR/USD (so
/// EUR values go through a cross rate).
fn golden_vault(env: &Env) {
    env.register("alice");
    env.ok(&["wallet", "create", "main", "--chains", "btc,eth"]);
    env.ok(&["wallet", "create", "spare", "--chains", "btc"]);
    let mut conn = open_vault(env, "alice", "vault.age");
    let account = |wallet: &str, chain: &str| -> i64 {
        conn.query_row(
            "SELECT c.id FROM accounts c JOIN wallets w ON w.id = c.wallet_id
             WHERE w.name = ?1 AND c.chain = ?2",
            [wallet, chain],
            |r| r.get(0),
        )
        .unwrap()
    };
    let (btc, eth, spare) = (
        account("main", "btc"),
        account("main", "eth"),
        account("spare", "btc"),
    );
    conn.execute(
        "INSERT OR REPLACE INTO balances (account_id, confirmed, pending, immature, tip_height, updated_at)
         VALUES (?1, '0', '0', '0', 930100, 1767225600000)",
        [btc],
    )
    .unwrap();
    conn.execute(
        "INSERT OR REPLACE INTO eth_sync (account_id, chain_id, scanned_height, tip_height, synced_at)
         VALUES (?1, 1, 24000100, 24000100, 1767225600000)",
        [eth],
    )
    .unwrap();
    // (id, account, txid byte, asset, direction, amount, fee, status, height, block
    // time, counterparty, label, category, note, chain id, created at (ms), address)
    type R<'a> = (
        i64,
        i64,
        u8,
        &'a str,
        &'a str,
        &'a str,
        Option<&'a str>,
        &'a str,
        Option<i64>,
        Option<i64>,
        Option<&'a str>,
        Option<&'a str>,
        Option<&'a str>,
        Option<&'a str>,
        Option<i64>,
        i64,
        Option<&'a str>,
    );
    let rows: [R; 9] = [
        (
            1,
            btc,
            0x11,
            "BTC",
            "receive",
            "50000000",
            Some("1200"),
            "confirmed",
            Some(930000),
            Some(1_768_003_200),
            Some("bc1qsender0000000000000000000000000000000"),
            Some("salary, \"January\"\nsecond line"),
            Some("income"),
            Some("=HYPERLINK(\"http://x\")"),
            None,
            1_768_003_000_000,
            None,
        ),
        (
            2,
            btc,
            0x12,
            "BTC",
            "send",
            "-10001500",
            Some("1500"),
            "replaced",
            None,
            None,
            Some("bc1qpayee00000000000000000000000000000000"),
            Some("rent"),
            Some("housing"),
            None,
            None,
            1_769_000_000_000,
            None,
        ),
        (
            3,
            btc,
            0x13,
            "BTC",
            "send",
            "-10004000",
            Some("4000"),
            "confirmed",
            Some(930050),
            Some(1_769_000_600),
            Some("bc1qpayee00000000000000000000000000000000"),
            Some("rent"),
            Some("housing"),
            Some("bumped"),
            None,
            1_769_000_100_000,
            None,
        ),
        (
            4,
            btc,
            0x14,
            "BTC",
            "self",
            "-300",
            Some("300"),
            "pending",
            None,
            None,
            None,
            Some("-consolidate"),
            None,
            None,
            None,
            1_770_000_000_000,
            None,
        ),
        (
            5,
            eth,
            0x15,
            "ETH",
            "receive",
            "2000000000000000000",
            None,
            "confirmed",
            Some(24000000),
            Some(1_768_500_000),
            Some("0x00000000000000000000000000000000000000aa"),
            None,
            Some("income"),
            None,
            Some(1),
            1_768_499_000_000,
            Some("0x00000000000000000000000000000000000000bb"),
        ),
        (
            6,
            eth,
            0x16,
            "ETH",
            "send",
            "-500000000000000000",
            Some("21000000000000"),
            "confirmed",
            Some(24000050),
            Some(1_769_500_000),
            Some("0x00000000000000000000000000000000000000cc"),
            Some("+gift"),
            None,
            None,
            Some(1),
            1_769_499_000_000,
            Some("0x00000000000000000000000000000000000000bb"),
        ),
        (
            7,
            eth,
            0x17,
            "ETH",
            "send",
            "-100000000000000000",
            Some("42000000000000"),
            "failed",
            Some(24000060),
            Some(1_769_600_000),
            Some("0x00000000000000000000000000000000000000cc"),
            None,
            None,
            None,
            Some(1),
            1_769_599_000_000,
            Some("0x00000000000000000000000000000000000000bb"),
        ),
        (
            8,
            spare,
            0x18,
            "BTC",
            "receive",
            "7000",
            None,
            "pending",
            None,
            None,
            None,
            None,
            None,
            Some("tab\there"),
            None,
            1_770_100_000_000,
            None,
        ),
        (
            9,
            btc,
            0x19,
            "BTC",
            "send",
            "-25000",
            Some("500"),
            "abandoned",
            None,
            None,
            Some("bc1qpayee00000000000000000000000000000000"),
            None,
            None,
            None,
            None,
            1_770_200_000_000,
            None,
        ),
    ];
    for r in rows {
        conn.execute(
            "INSERT INTO transactions (id, account_id, txid, asset, direction, amount, fee,
                 status, height, block_time, counterparty, label, category, note, chain_id,
                 created_at, address)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)",
            rusqlite::params![
                r.0,
                r.1,
                vec![r.2; 32],
                r.3,
                r.4,
                r.5,
                r.6,
                r.7,
                r.8,
                r.9,
                r.10,
                r.11,
                r.12,
                r.13,
                r.14,
                r.15,
                r.16
            ],
        )
        .unwrap();
    }
    conn.execute(
        "UPDATE transactions SET replaced_by = ?1 WHERE id = 2",
        [hex::encode([0x13u8; 32])],
    )
    .unwrap();
    conn.execute(
        "UPDATE transactions SET replaces = ?1 WHERE id = 3",
        [hex::encode([0x12u8; 32])],
    )
    .unwrap();
    for (pair, time, rate) in [
        ("BTC/USD", 1_767_225_600, "90000"),
        ("BTC/USD", 1_768_867_200, "95000.5"),
        ("ETH/USD", 1_767_225_600, "3000"),
        ("EUR/USD", 1_767_225_600, "1.08"),
    ] {
        conn.execute(
            "INSERT INTO rates (pair, time, rate, source) VALUES (?1, ?2, ?3, 'manual')",
            rusqlite::params![pair, time, rate],
        )
        .unwrap();
    }
    write_vault(env, "alice", &mut conn);
}

/// The cases: a name (the file under tests/cli/export_golden/) and the arguments.
const CASES: &[(&str, &[&str])] = &[
    ("csv", &["--format", "csv"]),
    (
        "csv-plain-reverse",
        &["--format", "csv", "--plain", "--reverse"],
    ),
    ("csv-fiat-usd", &["--format", "csv", "--fiat", "usd"]),
    ("csv-fiat-eur", &["--format", "csv", "--fiat", "EUR"]),
    ("csv-fiat-gbp", &["--format", "csv", "--fiat", "GBP"]),
    ("json", &["--format", "json"]),
    (
        "json-fiat-usd",
        &["--format", "json", "--fiat", "USD", "--reverse"],
    ),
    (
        "json-status-replaced",
        &["--format", "json", "--status", "replaced"],
    ),
    (
        "csv-filters",
        &[
            "--format",
            "csv",
            "--wallet",
            "main",
            "--since",
            "2026-01-15",
            "--until",
            "2026-02-01",
            "--min",
            "0.1",
        ],
    ),
    (
        "csv-type-currency",
        &["--format", "csv", "--type", "send", "--currency", "eth"],
    ),
    (
        "csv-label-category",
        &[
            "--format",
            "csv",
            "--label",
            "RENT",
            "--category",
            "housing",
        ],
    ),
    (
        "json-none",
        &["--format", "json", "--wallet", "spare", "--type", "send"],
    ),
    (
        "csv-none",
        &["--format", "csv", "--status", "failed", "--currency", "btc"],
    ),
];

fn golden(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/cli/export_golden")
        .join(name)
}

/// Compares `actual` with the golden file `name`; on a difference, writes the actual
/// text to the temporary directory (to compare by hand) and records the name.
fn same(differ: &mut Vec<String>, name: &str, actual: &[u8]) {
    let expected = std::fs::read(golden(name)).unwrap_or_default();
    if expected != actual {
        let kept = std::env::temp_dir().join(format!("coffer-export-{name}"));
        std::fs::write(&kept, actual).unwrap();
        differ.push(format!("{name} (written to {})", kept.display()));
    }
}

#[test]
fn export_bytes_equal_the_fixed_text_for_every_format_filter_and_output() {
    let env = Env::new();
    golden_vault(&env);
    let mut differ = vec![];
    for (name, args) in CASES {
        let mut a = vec!["history", "export"];
        a.extend_from_slice(args);
        // Printed for people: the export itself.
        let r = env.command(&a).output().unwrap();
        assert_eq!(
            r.status.code(),
            Some(0),
            "{a:?}: {}",
            String::from_utf8_lossy(&r.stderr)
        );
        same(&mut differ, name, &r.stdout);
        // Under --json: the envelope around it, byte for byte as serde_json writes it.
        let mut j = vec!["--json"];
        j.extend_from_slice(&a);
        let r = env.command(&j).output().unwrap();
        assert_eq!(r.status.code(), Some(0), "{j:?}");
        same(&mut differ, &format!("{name}.envelope"), &r.stdout);
        // To a file: the same bytes, the count in the answer.
        let out = env.secrets.join(format!("{name}.out"));
        let mut f = a.clone();
        f.extend_from_slice(&["--out", out.to_str().unwrap()]);
        let mut fj = vec!["--json"];
        fj.extend_from_slice(&f);
        let answer = env.ok(&f);
        same(&mut differ, name, &std::fs::read(&out).unwrap());
        let envelope: serde_json::Value =
            serde_json::from_slice(&env.command(&fj).output().unwrap().stdout).unwrap();
        assert_eq!(envelope["data"], answer, "{fj:?}");
        assert_eq!(answer["content"], serde_json::Value::Null);
        assert_eq!(answer["file"], out.to_str().unwrap());
    }
    assert!(
        differ.is_empty(),
        "exports differ from tests/cli/export_golden/: {differ:#?}"
    );
}

/// Adds `n` confirmed receives to the golden vault's `main` Bitcoin account.
fn more_rows(env: &Env, n: i64) {
    let mut conn = open_vault(env, "alice", "vault.age");
    let account: i64 = conn
        .query_row(
            "SELECT c.id FROM accounts c JOIN wallets w ON w.id = c.wallet_id
             WHERE w.name = 'main' AND c.chain = 'btc'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    for i in 0..n {
        conn.execute(
            "INSERT INTO transactions (account_id, txid, asset, direction, amount, status,
                 height, block_time, created_at)
             VALUES (?1, ?2, 'BTC', 'receive', ?3, 'confirmed', 900000, ?4, 0)",
            rusqlite::params![
                account,
                (i as u32).to_be_bytes().repeat(8),
                (1000 + i).to_string(),
                1_700_000_000 + i * 60
            ],
        )
        .unwrap();
    }
    write_vault(env, "alice", &mut conn);
}

#[test]
fn a_reader_that_goes_away_ends_the_export_quietly() {
    let env = Env::new();
    golden_vault(&env);
    // About 1 MB of CSV: the reader leaves while most of it is still to come.
    more_rows(&env, 5000);
    for (json, read_some) in [(false, false), (true, false), (false, true), (true, true)] {
        let mut a = vec![];
        if json {
            a.push("--json");
        }
        a.extend_from_slice(&["history", "export", "--format", "csv"]);
        let mut child = env
            .command(&a)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let stdout = child.stdout.take().unwrap();
        if read_some {
            // As `| head -c 100`: the start read, then the pipe closed.
            let mut start = [0u8; 100];
            let mut stdout = stdout;
            stdout.read_exact(&mut start).unwrap();
            let start = String::from_utf8_lossy(&start);
            assert!(
                start.starts_with(if json { "{\"ok\":true" } else { "time," }),
                "{start}"
            );
        } else {
            // As `| head -0`: closed before anything is read.
            drop(stdout);
        }
        let mut stderr = String::new();
        child
            .stderr
            .take()
            .unwrap()
            .read_to_string(&mut stderr)
            .unwrap();
        let status = child.wait().unwrap();
        assert_eq!(status.code(), Some(0), "{a:?}: {stderr}");
        assert_eq!(stderr, "", "{a:?}");
    }
}

#[test]
fn an_error_midway_leaves_no_file_and_ends_the_printed_text_with_the_error() {
    let env = Env::new();
    golden_vault(&env);
    // The last row (oldest: the January receive) is damaged: the error comes after
    // the other rows were written.
    let mut conn = open_vault(&env, "alice", "vault.age");
    conn.execute(
        "UPDATE transactions SET amount = '5O000000' WHERE id = 1",
        [],
    )
    .unwrap();
    write_vault(&env, "alice", &mut conn);
    let out = env.secrets.join("damaged.csv");
    let e = env.err(
        &[
            "history",
            "export",
            "--format",
            "csv",
            "--out",
            out.to_str().unwrap(),
        ],
        8,
    );
    assert_eq!(e["code"], "vault_damaged", "{e}");
    assert!(!out.exists(), "no file under the final name");
    let names: Vec<String> = std::fs::read_dir(&env.secrets)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("damaged"))
        .collect();
    assert_eq!(names, Vec::<String>::new(), "no temporary file left");
    // To stdout: the error alone (under --json, the error envelope is the whole output).
    let e = env.err(&["history", "export", "--format", "json"], 8);
    assert_eq!(e["code"], "vault_damaged", "{e}");
    let r = env.run(&["history", "export", "--format", "csv"]);
    assert_eq!(r.code, 8);
    assert_eq!(r.stdout, "", "nothing printed before the error");
    // Oldest first, the damaged row comes after about 1 MB: what went out stays, the
    // text stops there and the error follows (its envelope on a line of its own).
    more_rows(&env, 5000);
    let r = env.run(&[
        "--json",
        "history",
        "export",
        "--format",
        "csv",
        "--reverse",
    ]);
    assert_eq!(r.code, 8, "{}", r.stderr);
    assert!(
        r.stdout.starts_with("{\"ok\":true,"),
        "the envelope had started"
    );
    let last: serde_json::Value =
        serde_json::from_str(r.stdout.trim_end().lines().last().unwrap()).unwrap();
    assert_eq!(last["error"]["code"], "vault_damaged", "{last}");
    let r = env.run(&["history", "export", "--format", "csv", "--reverse"]);
    assert_eq!(r.code, 8);
    assert!(r.stdout.starts_with("time,"));
    assert!(r.stderr.contains("error:"), "{}", r.stderr);
}
