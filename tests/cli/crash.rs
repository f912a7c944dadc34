//! Crashes at every point of a write, twice in a row, and a wallet engine that is lost
//! altogether: the vault always opens, and its books stay whole.
//!
//! The kills are injected with strace (`-e inject=SYSCALL:signal=SIGKILL:when=N`), from
//! Debian's strace package, which `scripts/install-tools.sh` installs. Without strace
//! these tests fail; they never skip.

use crate::common::Env;
use crate::fund::{hex, pay};
use crate::kills;
use bitcoin::Network;
use serde_json::Value;
use std::path::Path;
use std::process::Stdio;

/// The syscalls through which a write changes the files: each call is a crash point
/// (those that change nothing a kill can see are left out: see [`kills`]).
const CLASSES: [&str; 4] = ["rename", "linkat", "fsync", "unlink"];

/// Runs coffer under strace, killed at the `n`-th call of `class`. Returns whether it
/// was killed (false: it finished, with exit 0).
fn killed_at(env: &Env, class: &str, n: usize, args: &[&str]) -> bool {
    killed_running(&env.command(args), class, n)
}

/// [`killed_at`] for a command built by the caller.
fn killed_running(command: &std::process::Command, class: &str, n: usize) -> bool {
    let strace_args = [
        "-f".to_string(),
        "-o".into(),
        "/dev/null".into(),
        "-e".into(),
        format!("trace={class}"),
        "-e".into(),
        format!("inject={class}:signal=SIGKILL:when={n}"),
    ];
    let mut c = kills::under_strace(command, &strace_args);
    c.stdout(Stdio::null()).stderr(Stdio::piped());
    let out = c.output().expect("running strace");
    // strace ends as the traced program did: killed by the same signal.
    use std::os::unix::process::ExitStatusExt as _;
    match (out.status.code(), out.status.signal()) {
        (Some(0), _) => false,
        (_, Some(9)) | (Some(137), _) => true,
        other => panic!(
            "{:?} at {class} #{n}: unexpected end {other:?}: {}",
            command.get_args().take(2).collect::<Vec<_>>(),
            String::from_utf8_lossy(&out.stderr)
        ),
    }
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let target = to.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            copy_dir(&e.path(), &target);
        } else {
            std::fs::copy(e.path(), &target).unwrap();
        }
    }
}

fn restore(env: &Env, saved: &Path) {
    std::fs::remove_dir_all(&env.home).unwrap();
    copy_dir(saved, &env.home);
}

fn total(env: &Env) -> i64 {
    env.ok(&["wallet", "balance"])["items"][0]["total_sat"]
        .as_i64()
        .unwrap()
}

/// The net amounts of the history, in satoshis, by txid.
fn history(env: &Env) -> Vec<(String, i64)> {
    let h = env.ok(&["history", "--limit", "100"]);
    h["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| {
            // BTC amounts have exactly eight decimals.
            let amount = i["amount"].as_str().unwrap();
            assert_eq!(amount.split('.').nth(1).map(str::len), Some(8), "{i}");
            let sat = amount.replace('.', "").parse().unwrap();
            (i["txid"].as_str().unwrap().to_string(), sat)
        })
        .collect()
}

/// A wallet with one payment imported and a live session, and two more payments to
/// import: the engine-changing writes that are killed.
struct Setup {
    env: Env,
    saved: tempfile::TempDir,
    first: String,
    second: String,
    third: String,
}

fn setup() -> Setup {
    let env = Env::new();
    env.regtest_wallet("alice", "main");
    let addr = env.ok(&["receive"])["address"]
        .as_str()
        .unwrap()
        .to_string();
    let first = hex(&pay(&[(&addr, 50_000)], Network::Regtest, 1));
    env.ok(&["receive", "import", "--tx", &first]);
    let second = hex(&pay(&[(&addr, 70_000)], Network::Regtest, 2));
    let third = hex(&pay(&[(&addr, 90_000)], Network::Regtest, 3));
    let saved = tempfile::tempdir().unwrap();
    std::fs::remove_dir(saved.path()).unwrap();
    copy_dir(&env.home, saved.path());
    Setup {
        env,
        saved,
        first,
        second,
        third,
    }
}

/// After any crashes: login works, and history and balance agree with each other and
/// with one of the states the writes could have left.
fn check_opens(s: &Setup, at: &str) {
    let env = &s.env;
    let pw = env.secret_path("pw");
    let login = env.run(&["login", "--password-file", &pw, "--json"]);
    assert_eq!(
        login.code, 0,
        "{at}: login: {} {}",
        login.stdout, login.stderr
    );
    let t = total(env);
    assert!(
        [50_000, 120_000, 140_000, 210_000].contains(&t),
        "{at}: balance {t}"
    );
    let h = history(env);
    assert_eq!(h.iter().map(|(_, a)| a).sum::<i64>(), t, "{at}: {h:?}");
}

/// [`check_opens`], then what needs the engine works on every recorded transaction,
/// and both imports complete.
fn check_whole(s: &Setup, at: &str) {
    check_opens(s, at);
    let env = &s.env;
    for (txid, _) in &history(env) {
        env.ok(&["history", "show", txid]);
    }
    env.ok(&["receive", "import", "--tx", &s.second]);
    env.ok(&["receive", "import", "--tx", &s.third]);
    assert_eq!(total(env), 210_000, "{at}");
    assert_eq!(history(env).len(), 3, "{at}");
}

/// The crash points of one engine-changing write: the calls of [`CLASSES`] where a kill
/// can leave other files than a kill at a later one ([`kills::kill_points`]), from one
/// traced run.
fn crash_points(s: &Setup) -> Vec<(String, usize)> {
    restore(&s.env, s.saved.path());
    let import = ["receive", "import", "--tx", &s.second];
    kills::kill_points(&kills::trace(&s.env.command(&import)), &CLASSES)
}

/// A kill at every rename, link, fsync and unlink of an engine-changing write (a
/// `receive import`), then a kill in the next such write: the vault always opens, and
/// balance and history are those of a finished write. In CI the second kill comes at the
/// same point and at every rename (where the order of the two files matters); with
/// `COFFER_CRASH_FULL=1` (`scripts/crash-test.sh`, before each release) at every point,
/// each pair checked in full.
#[test]
fn two_kills_in_a_row_at_every_point_of_a_write_leave_a_vault_that_opens() {
    let full = std::env::var("COFFER_CRASH_FULL").is_ok_and(|v| v == "1");
    let s = setup();
    let points = crash_points(&s);
    // Both files of a write (engine and vault) are renamed into place, each keeping its
    // previous generation: at least four renames.
    assert!(
        points.iter().filter(|(c, _)| *c == "rename").count() >= 4,
        "{points:?}"
    );
    for p1 in &points {
        for p2 in &points {
            if !full && p2 != p1 && p2.0 != "rename" {
                continue;
            }
            restore(&s.env, s.saved.path());
            let at = format!("{}#{} then {}#{}", p1.0, p1.1, p2.0, p2.1);
            let import = |tx: &str| ["receive", "import", "--tx", tx].map(str::to_string);
            let first = import(&s.second);
            let first: Vec<&str> = first.iter().map(String::as_str).collect();
            assert!(killed_at(&s.env, &p1.0, p1.1, &first), "{at}");
            let second = import(&s.third);
            let second: Vec<&str> = second.iter().map(String::as_str).collect();
            killed_at(&s.env, &p2.0, p2.1, &second);
            if full || p2 == p1 {
                check_whole(&s, &at);
            } else {
                check_opens(&s, &at);
            }
        }
    }
}

/// The addresses `addr list` shows.
fn addresses(env: &Env) -> usize {
    env.ok(&["addr", "list", "--json"])["items"]
        .as_array()
        .unwrap()
        .len()
}

/// A write in place (`addr new`: only the pages it changes are written, as the vault's
/// delta, replacing the delta an earlier one left) and the same write folding the delta
/// into `vault.age` (`COFFER_TEST_FOLD=1`), each killed at every point where a kill can
/// leave other files, then killed again in the next such write at the same point and at
/// every rename: the addresses are those of finished writes (none, one or both) and the
/// balance is untouched; after two kills at the same point, login works, the history
/// is untouched, and both a write in place and one of the engine complete.
#[test]
fn two_kills_in_a_row_at_every_point_of_a_write_in_place_leave_a_vault_that_opens() {
    let s = setup();
    let env = &s.env;
    env.ok(&["addr", "new"]);
    assert!(env.home.join("users/alice/vault.delta.age").exists());
    let saved = tempfile::tempdir().unwrap();
    std::fs::remove_dir(saved.path()).unwrap();
    copy_dir(&env.home, saved.path());
    let before = addresses(env);
    let pw = env.secret_path("pw");
    for fold in [false, true] {
        let addr_new = || {
            let mut c = env.command(&["addr", "new"]);
            if fold {
                c.env("COFFER_TEST_FOLD", "1");
            }
            c
        };
        restore(env, saved.path());
        let points = kills::kill_points(&kills::trace(&addr_new()), &CLASSES);
        // The delta (or vault.age) renamed into place, keeping the previous generation.
        assert!(
            points.iter().filter(|(c, _)| *c == "rename").count() >= 2,
            "fold {fold}: {points:?}"
        );
        for p1 in &points {
            for p2 in &points {
                if p2 != p1 && p2.0 != "rename" {
                    continue;
                }
                restore(env, saved.path());
                let at = format!("fold {fold}: {}#{} then {}#{}", p1.0, p1.1, p2.0, p2.1);
                assert!(killed_running(&addr_new(), &p1.0, p1.1), "{at}");
                killed_running(&addr_new(), &p2.0, p2.1);
                let n = addresses(env);
                assert!((before..=before + 2).contains(&n), "{at}: {n} addresses");
                assert_eq!(total(env), 50_000, "{at}");
                if p2 == p1 {
                    // A login writes the vault whole (folding any delta).
                    let login = env.run(&["login", "--password-file", &pw, "--json"]);
                    assert_eq!(login.code, 0, "{at}: {} {}", login.stdout, login.stderr);
                    assert_eq!(addresses(env), n, "{at}");
                    assert_eq!(history(env).len(), 1, "{at}");
                    env.ok(&["addr", "new"]);
                    assert_eq!(addresses(env), n + 1, "{at}");
                    env.ok(&["receive", "import", "--tx", &s.second]);
                    assert_eq!(total(env), 120_000, "{at}");
                    assert_eq!(addresses(env), n + 1, "{at}");
                }
            }
        }
    }
}

fn audit_events(env: &Env, kind: &str) -> Vec<Value> {
    env.ok(&["security", "log", "--limit", "1000"])["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["event"] == kind)
        .cloned()
        .collect()
}

/// A lost engine (an older vault.age put back, as docs/recovery.md says; or both engine
/// files gone) never locks the user out: coffer rebuilds the engine from the vault and
/// says so; balance and history stay those of the vault; a sync reads what is missing.
#[test]
fn a_lost_engine_is_rebuilt_from_the_vault() {
    let s = setup();
    let env = &s.env;
    let dir = env.user_dir("alice");
    let pw = env.secret_path("pw");
    let vault_one = std::fs::read(dir.join("vault.age")).unwrap();
    env.ok(&["receive", "import", "--tx", &s.second]);
    env.ok(&["receive", "import", "--tx", &s.third]);
    assert_eq!(total(env), 210_000);

    // An old vault put back: its engine generation is gone (two writes since), but the
    // engine files still hold its transactions.
    std::fs::write(dir.join("vault.age"), &vault_one).unwrap();
    let login = env.run(&["login", "--password-file", &pw, "--json"]);
    assert_eq!(login.code, 0, "{}", login.stderr);
    assert!(
        login.stderr.contains("rebuilt from the vault")
            && login.stderr.contains("1 transaction(s) restored"),
        "{}",
        login.stderr
    );
    assert_eq!(total(env), 50_000);
    let h = history(env);
    assert_eq!(h.len(), 1);
    env.ok(&["history", "show", &h[0].0]);
    let ev = audit_events(env, "engine_rebuilt");
    assert_eq!(ev.len(), 1, "{ev:?}");
    assert_eq!(ev[0]["details"]["missing"], 0);
    // Rebuilt once: the next commands say nothing more.
    let again = env.run(&["history", "show", &h[0].0]);
    assert_eq!(again.code, 0);
    assert!(!again.stderr.contains("rebuilt"), "{}", again.stderr);
    env.ok(&["receive", "import", "--tx", &s.second]);
    env.ok(&["receive", "import", "--tx", &s.third]);
    assert_eq!(total(env), 210_000);

    // Both engine files gone: nothing to salvage. Reads keep the vault's figures; the
    // first command that needs the engine rebuilds it and asks for a sync.
    for f in ["engine.age", "engine.age.prev"] {
        std::fs::remove_file(dir.join(f)).unwrap();
    }
    assert_eq!(total(env), 210_000);
    let txid = history(env)[0].0.clone();
    let shown = env.run(&["history", "show", &txid, "--json"]);
    assert!(
        shown.stderr.contains("3 transaction(s) must be read again")
            && shown.stderr.contains("coffer wallet sync"),
        "{}",
        shown.stderr
    );
    assert_eq!(total(env), 210_000, "the vault's figures are kept");
    assert_eq!(history(env).len(), 3);
    assert!(dir.join("engine.age").exists());
    let ev = audit_events(env, "engine_rebuilt");
    assert_eq!(ev.len(), 2, "{ev:?}");
    assert_eq!(ev[0]["details"]["missing"], 3, "{ev:?}");
    // Importing the transactions again gives the engine what it lacked (a sync from a
    // backend would too): the books then come from it again, and agree.
    for t in [&s.first, &s.second, &s.third] {
        env.ok(&["receive", "import", "--tx", t]);
    }
    assert_eq!(total(env), 210_000);
    let utxos = env.ok(&["utxo", "list"]);
    assert_eq!(utxos["items"].as_array().unwrap().len(), 3, "{utxos}");
    env.ok(&["login", "--password-file", &pw]);
}

/// A wallet synced from a node whose engine is lost: the rebuilt engine keeps the books
/// (confirmed stays confirmed), the next sync reads the blocks again from the first
/// sync's start, and balance and history then equal the node's figures.
#[test]
fn a_rebuilt_engine_of_a_synced_wallet_reads_its_blocks_again() {
    let node = crate::node::Node::start();
    let env = Env::new();
    env.regtest_wallet("alice", "main");
    crate::btcnode::set_backend(&env, &node);
    let miner = node.miner();
    let a = env.ok(&["receive"])["address"]
        .as_str()
        .unwrap()
        .to_string();
    node.wallet_rpc("miner", &["sendtoaddress", &a, "0.5"]);
    node.rpc(&["generatetoaddress", "3", &miner]);
    let b = env.ok(&["addr", "new"])["items"][0]["address"]
        .as_str()
        .unwrap()
        .to_string();
    node.wallet_rpc("miner", &["sendtoaddress", &b, "0.25"]);
    node.rpc(&["generatetoaddress", "1", &miner]);
    let first = env.ok(&["wallet", "sync"])["bitcoin"][0]["from_height"].clone();
    assert!(first.as_u64().is_some(), "{first}");
    let balance = |env: &Env| {
        let i = env.ok(&["wallet", "balance"])["items"][0].clone();
        (
            i["confirmed_sat"].as_i64().unwrap(),
            i["pending_sat"].as_i64().unwrap(),
        )
    };
    assert_eq!(balance(&env), (75_000_000, 0));
    let confirmations = |env: &Env| -> Vec<(String, Value)> {
        env.ok(&["history"])["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| {
                (
                    i["txid"].as_str().unwrap().to_string(),
                    i["confirmations"].clone(),
                )
            })
            .collect()
    };
    let before = confirmations(&env);

    let dir = env.user_dir("alice");
    for f in ["engine.age", "engine.age.prev"] {
        let _ = std::fs::remove_file(dir.join(f));
    }
    // Nothing to salvage: the vault's figures stand until the sync.
    let pw = env.secret_path("pw");
    let login = env.run(&["login", "--password-file", &pw, "--json"]);
    assert_eq!(login.code, 0, "{}", login.stderr);
    assert!(
        login.stderr.contains("coffer wallet sync"),
        "{}",
        login.stderr
    );
    assert_eq!(balance(&env), (75_000_000, 0));
    assert_eq!(confirmations(&env), before);

    let s = env.ok(&["wallet", "sync"]);
    assert_eq!(s["bitcoin"][0]["rescanned_from"], first, "{s}");
    assert_eq!(balance(&env), (75_000_000, 0));
    assert_eq!(confirmations(&env), before);
    // The coins are the node's, each with its real block.
    for (addr, sat) in [(&a, 50_000_000), (&b, 25_000_000)] {
        let utxos = env.ok(&["utxo", "list"]);
        assert!(
            utxos["items"]
                .as_array()
                .unwrap()
                .iter()
                .any(|u| u["address"] == addr.as_str() && u["amount_sat"] == sat),
            "{utxos}"
        );
    }
    // Spending works from the rebuilt engine, and the node takes the transaction.
    let pin = env.secret_path("pin");
    let sent = env.ok(&[
        "send",
        "--to",
        &miner,
        "--amount",
        "0.6",
        "--fee",
        "2",
        "--pin-file",
        &pin,
        "--yes",
    ]);
    let txid = sent["txid"].as_str().unwrap();
    let entry = node.rpc(&["getmempoolentry", txid]);
    assert!(entry["vsize"].as_u64().unwrap() > 0, "{entry}");
    // A second sync reads on from the tip: nothing is read again.
    node.rpc(&["generatetoaddress", "1", &miner]);
    let s = env.ok(&["wallet", "sync"]);
    assert!(s["bitcoin"][0]["rescanned_from"].is_null(), "{s}");
}

/// `security rekey` killed at every rename, link, fsync and unlink: the vault always
/// opens with the password, under the old key or the new one, with its books whole.
#[test]
fn a_rekey_killed_at_any_point_leaves_a_vault_that_opens() {
    let s = setup();
    let env = &s.env;
    let pw = env.secret_path("pw");
    let rekey = ["security", "rekey", "--password-file", pw.as_str()];
    restore(env, s.saved.path());
    let points = kills::kill_points(&kills::trace(&env.command(&rekey)), &CLASSES);
    for (class, n) in &points {
        restore(env, s.saved.path());
        assert!(killed_at(env, class, *n, &rekey), "{class}#{n} not reached");
        let at = format!("rekey killed at {class}#{n}");
        let login = env.run(&["login", "--password-file", &pw, "--json"]);
        assert_eq!(login.code, 0, "{at}: {} {}", login.stdout, login.stderr);
        assert_eq!(total(env), 50_000, "{at}");
        for (txid, _) in history(env) {
            env.ok(&["history", "show", &txid]);
        }
        // And a rekey after the crash completes.
        env.ok(&rekey);
        env.ok(&["login", "--password-file", &pw]);
        assert_eq!(total(env), 50_000, "{at}");
    }
    let points = points.len();
    assert!(points >= 8, "{points}");
}
