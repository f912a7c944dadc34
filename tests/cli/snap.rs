//! Snapshot tests of the human output (insta): exit code, stdout and stderr together,
//! of a deterministic offline vault (a fixed mnemonic, a fixed clock, raw transactions
//! imported), so that any change of what people read shows up as a diff to review.
//!
//! The snapshots live in tests/cli/snapshots/. A mismatch fails; so does a missing
//! snapshot under `CI=true` (insta never writes one there). To accept a change on
//! purpose: `INSTA_UPDATE=always cargo test --test cli -- snap::` (or `cargo insta
//! review`), then read the diff of tests/cli/snapshots/ before committing it.
//!
//! Filters: the temporary home and secrets directories become `[HOME]` and
//! `[SECRETS]`; RFC 3339 times and `YYYY-MM-DD HH:MM:SS` times become `[TIME]` (the
//! fixed clock makes most of them stable, but a vault's own times, e.g. a keyslot's,
//! are kept out of the snapshots all the same). Addresses, txids and amounts stay: they
//! follow from the fixed mnemonic and transactions.

use crate::common::Env;
use crate::fund;
use crate::typed::{Addresses, BtcSent};
use bitcoin::Network;

/// The fixed clock: 2026-03-01T12:00:00Z.
const NOW: &str = "1772366400";

/// The BIP-39 test mnemonic (its addresses are in the BIP-84 vectors).
const WORDS: &str = "abandon abandon abandon abandon abandon abandon abandon abandon abandon \
                     abandon abandon about";

/// `args` run, rendered as `exit: N`, stdout and stderr, with the filters applied.
fn snap(env: &Env, args: &[&str]) -> String {
    let r = env.run(args);
    let text = format!(
        "exit: {}\n--- stdout\n{}--- stderr\n{}",
        r.code, r.stdout, r.stderr
    );
    filter(env, &text)
}

/// The filters of the module doc.
fn filter(env: &Env, text: &str) -> String {
    let text = text
        .replace(env.home.to_str().unwrap(), "[HOME]")
        .replace(env.secrets.to_str().unwrap(), "[SECRETS]");
    hashes(&times(&text))
}

/// `args` as the snapshot's expression (filtered: no temporary path in it).
fn shown(env: &Env, args: &[&str]) -> String {
    filter(env, &args.join(" "))
}

/// Replaces the hex after `SHA-256 ` by `[HASH]`: hashes of a vault snapshot, which
/// holds random salts and ids.
fn hashes(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find("SHA-256 ") {
        let (head, tail) = rest.split_at(at + "SHA-256 ".len());
        out.push_str(head);
        let n = tail.bytes().take_while(u8::is_ascii_hexdigit).count();
        if n > 0 {
            out.push_str("[HASH]");
        }
        rest = &tail[n..];
    }
    out.push_str(rest);
    out
}

/// Replaces `YYYY-MM-DDTHH:MM:SS[.fff](Z|±HH:MM)` and `YYYY-MM-DD HH:MM:SS` by `[TIME]`,
/// padded to the width it replaces when a column follows (two spaces: tables stay
/// aligned).
fn times(text: &str) -> String {
    let b = text.as_bytes();
    let digits =
        |at: usize, n: usize| at + n <= b.len() && b[at..at + n].iter().all(u8::is_ascii_digit);
    let at_is = |at: usize, c: u8| b.get(at) == Some(&c);
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < b.len() {
        let date = digits(i, 4)
            && at_is(i + 4, b'-')
            && digits(i + 5, 2)
            && at_is(i + 7, b'-')
            && digits(i + 8, 2);
        let time = date
            && (at_is(i + 10, b'T') || at_is(i + 10, b' '))
            && digits(i + 11, 2)
            && at_is(i + 13, b':')
            && digits(i + 14, 2)
            && at_is(i + 16, b':')
            && digits(i + 17, 2);
        if !time {
            let c = text[i..].chars().next().unwrap();
            out.push(c);
            i += c.len_utf8();
            continue;
        }
        let mut j = i + 19;
        if at_is(j, b'.') {
            j += 1;
            while j < b.len() && b[j].is_ascii_digit() {
                j += 1;
            }
        }
        if at_is(j, b'Z') {
            j += 1;
        } else if (at_is(j, b'+') || at_is(j, b'-'))
            && digits(j + 1, 2)
            && at_is(j + 3, b':')
            && digits(j + 4, 2)
        {
            j += 6;
        }
        out.push_str("[TIME]");
        if at_is(j, b' ') && at_is(j + 1, b' ') {
            out.push_str(&" ".repeat(j - i - "[TIME]".len()));
        }
        i = j;
    }
    out
}

/// A test environment whose clock stands at [`NOW`].
fn env_at_now() -> Env {
    let mut env = Env::new();
    env.vars.push(("COFFER_TEST_NOW".into(), NOW.into()));
    env
}

/// User alice with the regtest wallet "main" of [`WORDS`]: two confirmed payments
/// (0.0005 BTC in January, 12.5 BTC in February, labelled) and one pending (0.07 BTC).
fn books(env: &Env) {
    env.register("alice");
    let words = env.secret("words", WORDS);
    env.ok(&[
        "wallet",
        "import",
        "main",
        "--mnemonic-file",
        &words,
        "--network",
        "regtest",
        "--chains",
        "btc",
    ]);
    let a: Addresses = env.ok_as(&["addr", "new", "--count", "3", "--label", "shop"]);
    for (i, (sat, when)) in [
        (50_000u64, Some(("100", "2026-01-10T12:00:00Z"))),
        (1_250_000_000, Some(("200", "2026-02-10T12:00:00Z"))),
        (7_000_000, None),
    ]
    .into_iter()
    .enumerate()
    {
        let tx = fund::pay(
            &[(&a.items[i].address, sat)],
            Network::Regtest,
            60 + i as u8,
        );
        let hex = fund::hex(&tx);
        let mut args = vec!["receive", "import", "--tx", &hex];
        if let Some((height, time)) = when {
            args.extend(["--height", height, "--block-time", time]);
        }
        env.ok(&args);
    }
    env.ok(&["history", "label", "2", "salary"]);
}

/// The main screens of a vault with history, each a snapshot.
#[test]
fn main_screens() {
    let env = env_at_now();
    books(&env);
    for (name, args) in [
        ("whoami", &["whoami"][..]),
        ("wallet_list", &["wallet", "list"]),
        ("wallet_show", &["wallet", "show", "main"]),
        ("wallet_balance", &["wallet", "balance"]),
        ("addr_list", &["addr", "list"]),
        ("history", &["history"]),
        ("history_show", &["history", "show", "2"]),
        ("history_summary", &["history", "summary", "--by", "month"]),
        ("security_show", &["security", "show"]),
    ] {
        insta::assert_snapshot!(name, snap(&env, args), &shown(&env, args));
    }
}

/// `backup create` and `backup verify` of the vault above.
#[test]
fn backup_screens() {
    let env = env_at_now();
    books(&env);
    let pass = env.secret("backup-pass", "correct horse battery staple");
    let file = env.secrets.join("books.age");
    let file = file.to_str().unwrap();
    let args = [
        "backup",
        "create",
        "--passphrase-file",
        &pass,
        "--out",
        file,
    ];
    // Its size and hashes change with every run (fresh encryption, salts): not here.
    env.ok(&args);
    let args = ["backup", "verify", file, "--passphrase-file", &pass];
    insta::assert_snapshot!("backup_verify", snap(&env, &args), &shown(&env, &args));
}

/// Errors as people read them: a usage error and a not-found one.
#[test]
fn error_screens() {
    let env = env_at_now();
    books(&env);
    for (name, args) in [
        ("error_usage", &["history", "--bogus"][..]),
        ("error_not_found", &["history", "show", "99"]),
        ("error_wallet_not_found", &["wallet", "show", "nope"]),
    ] {
        insta::assert_snapshot!(name, snap(&env, args), &shown(&env, args));
    }
}

/// The review of an unsigned send (a PSBT for an offline signer): one coin swept to
/// one payee, so that the transaction does not depend on coin selection or output order.
#[test]
fn send_review_screen() {
    let env = env_at_now();
    env.register("alice");
    let words = env.secret("words", WORDS);
    env.ok(&[
        "wallet",
        "import",
        "main",
        "--mnemonic-file",
        &words,
        "--network",
        "regtest",
        "--chains",
        "btc",
    ]);
    let a: Addresses = env.ok_as(&["addr", "new"]);
    let tx = fund::pay(&[(&a.items[0].address, 250_000)], Network::Regtest, 70);
    env.ok(&[
        "receive",
        "import",
        "--tx",
        &fund::hex(&tx),
        "--height",
        "100",
        "--block-time",
        "2026-02-01T12:00:00Z",
    ]);
    let to = fund::sender_address(Network::Regtest).to_string();
    let psbt = env.secrets.join("pay.psbt");
    let args = [
        "send",
        "--to",
        &to,
        "--max",
        "--fee",
        "2",
        "--unsigned-out",
        psbt.to_str().unwrap(),
    ];
    insta::assert_snapshot!("send_unsigned", snap(&env, &args), &shown(&env, &args));
    // The same in JSON, typed: one input, one output, no change.
    let psbt2 = env.secrets.join("pay2.psbt");
    let mut json_args = args.to_vec();
    json_args[7] = psbt2.to_str().unwrap();
    let s: BtcSent = env.ok_as(&json_args);
    assert_eq!((s.review.inputs, s.review.change.len()), (1, 0));
}

/// The review of an Ethereum send made offline: the unsigned request, then signed
/// (deterministic: RFC 6979 signatures).
#[test]
fn eth_send_screens() {
    let env = env_at_now();
    env.register("alice");
    let words = env.secret("words", WORDS);
    env.ok(&[
        "wallet",
        "import",
        "main",
        "--mnemonic-file",
        &words,
        "--chains",
        "eth",
    ]);
    let file = env.secrets.join("pay.json");
    let args = [
        "send",
        "--chain",
        "eth",
        "--chain-id",
        "1",
        "--to",
        "0x000000000000000000000000000000000000dEaD",
        "--amount",
        "0.25",
        "--nonce",
        "0",
        "--max-fee",
        "30",
        "--priority-fee",
        "1",
        "--gas-limit",
        "21000",
        "--unsigned-out",
        file.to_str().unwrap(),
    ];
    insta::assert_snapshot!("eth_send_unsigned", snap(&env, &args), &shown(&env, &args));
    let pin = env.secret_path("pin");
    let args = [
        "send",
        "sign",
        file.to_str().unwrap(),
        "--yes",
        "--pin-file",
        &pin,
    ];
    insta::assert_snapshot!("eth_send_signed", snap(&env, &args), &shown(&env, &args));
}

#[test]
fn the_time_filter_covers_the_forms_coffer_prints() {
    assert_eq!(
        times("a 2026-03-01T12:00:00Z b 2026-03-01T12:00:00.123Z c"),
        "a [TIME] b [TIME] c"
    );
    assert_eq!(
        times("2026-03-01 12:00:00 and 2026-03-01T12:00:00+01:00."),
        "[TIME] and [TIME]."
    );
    assert_eq!(
        hashes("pass SHA-256 0c4a35735ab2bfc4, SHA-256 x"),
        "pass SHA-256 [HASH], SHA-256 x"
    );
    assert_eq!(
        times(" 2026-03-01 12:00:00  main"),
        " [TIME]               main",
        "a column stays aligned"
    );
    assert_eq!(times("block 2026 at 12:00"), "block 2026 at 12:00");
    assert_eq!(times("0.07000000 BTC │ ü"), "0.07000000 BTC │ ü");
}
