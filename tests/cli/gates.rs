//! The PIN and 2FA gates hold under parallel attempts: the lockout check, the PIN
//! check and its count, and the spending of a 2FA code happen under the user's lock.

use crate::common::Env;
use std::process::{Child, Stdio};

/// The outcome of one `wallet reveal`: exit code and JSON envelope.
fn outcome(child: Child) -> (i32, serde_json::Value) {
    let out = child.wait_with_output().unwrap();
    let v = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "not JSON ({e}): {:?} {:?}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    });
    (out.status.code().unwrap(), v)
}

/// Starts `wallet reveal main` with the PIN in `pin_file` (and `extra` arguments).
fn reveal(env: &Env, pin_file: &str, extra: &[&str], now: Option<i64>) -> Child {
    let mut a = vec!["--json", "wallet", "reveal", "main", "--pin-file", pin_file];
    a.extend_from_slice(extra);
    let mut c = env.command(&a);
    if let Some(t) = now {
        c.env("COFFER_TEST_NOW", t.to_string());
    }
    c.stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

/// alice registered with the production KDF (her PIN hash costs what a real one does,
/// so parallel checks overlap), logged in, with a hot wallet `main`. No test clock: it
/// is for test-profile vaults only.
fn production_user() -> Env {
    let env = Env::new();
    let (pw, pin) = (env.secret_path("pw"), env.secret_path("pin"));
    let out = env
        .command(&[
            "--json",
            "register",
            "--username",
            "alice",
            "--email",
            "alice@example.com",
            "--password-file",
            &pw,
            "--pin-file",
            &pin,
        ])
        .env_remove("COFFER_KDF_PROFILE")
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["data"]["kdf_profile"], "default", "{v}");
    env.ok(&["wallet", "create", "main", "--network", "regtest"]);
    env
}

/// Counts the outcomes: (wrong_pin, rate_limited), asserting there is nothing else,
/// and that the wrong PINs were counted one after the other (4, 3, 2, 1, 0 left).
fn tally(results: &[(i32, serde_json::Value)]) -> (usize, usize) {
    let mut left = vec![];
    let mut limited = 0;
    for (code, v) in results {
        match (code, v["error"]["code"].as_str()) {
            (3, Some("wrong_pin")) => left.push(v["error"]["attempts_before_lock"].clone()),
            (9, Some("rate_limited")) => limited += 1,
            _ => panic!("unexpected outcome {code}: {v}"),
        }
        assert!(v.get("data").is_none(), "{v}");
    }
    left.sort_by_key(|l| std::cmp::Reverse(l.as_u64()));
    if left.len() == 5 {
        assert_eq!(
            left,
            [4, 3, 2, 1, 0].map(serde_json::Value::from),
            "{left:?}"
        );
    }
    (left.len(), limited)
}

#[test]
fn ten_parallel_wrong_pins_only_five_are_checked() {
    let env = production_user();
    let wrong = env.secret("wrong-pin", "9999");
    let children: Vec<Child> = (0..10).map(|_| reveal(&env, &wrong, &[], None)).collect();
    let results: Vec<_> = children.into_iter().map(outcome).collect();
    assert_eq!(tally(&results), (5, 5), "{results:?}");
    let failed = env.events().iter().filter(|e| *e == "pin_failed").count();
    assert_eq!(failed, 5);
}

#[test]
fn thirty_tries_the_right_pin_after_the_lock_is_refused() {
    let env = production_user();
    let (wrong, pin) = (env.secret("wrong-pin", "9999"), env.secret_path("pin"));
    let children: Vec<Child> = (0..29).map(|_| reveal(&env, &wrong, &[], None)).collect();
    let mut results = vec![];
    let mut right = None;
    for c in children {
        results.push(outcome(c));
        // Once five wrong PINs came back, the lock is written: the right PIN now, while
        // the other tries may still run.
        let checked = results.iter().filter(|(code, _)| *code == 3).count();
        if checked == 5 && right.is_none() {
            right = Some(reveal(&env, &pin, &[], None));
        }
    }
    let right = outcome(right.expect("five wrong PINs were checked"));
    assert_eq!(tally(&results), (5, 24), "{results:?}");
    assert_eq!(right.0, 9, "{}", right.1);
    assert_eq!(right.1["error"]["code"], "rate_limited");
    assert!(!right.1.to_string().contains("mnemonic"), "{}", right.1);
    let events = env.events();
    assert!(!events.contains(&"mnemonic_revealed".to_string()));
    assert_eq!(events.iter().filter(|e| *e == "pin_locked").count(), 1);
}

#[test]
fn a_two_factor_code_is_spent_once_by_parallel_gates() {
    use coffer::vault::totp;
    let env = Env::new();
    env.register("alice");
    env.ok(&["wallet", "create", "main", "--network", "regtest"]);
    // Level high: `wallet reveal` needs the PIN and a code.
    env.ok(&["security", "set", "level", "high"]);
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64;
    // A step-aligned test clock a little ahead of real time (the session stays valid).
    let base = (now / 30) * 30 + 300;
    let at = |t: i64, args: &[&str]| {
        let mut a = vec!["--json"];
        a.extend_from_slice(args);
        let out = env
            .command(&a)
            .env("COFFER_TEST_NOW", t.to_string())
            .output()
            .unwrap();
        serde_json::from_slice::<serde_json::Value>(&out.stdout).unwrap()
    };
    let secret = at(base, &["security", "2fa", "enable"])["data"]["secret"]
        .as_str()
        .unwrap()
        .to_string();
    let g = totp::generator(
        &totp::secret_bytes(&secrecy::SecretString::from(secret)).unwrap(),
        "alice",
    )
    .unwrap();
    let code_at = |t: i64| g.generate(t as u64).to_string();
    let on = at(
        base,
        &["security", "2fa", "enable", "--code", &code_at(base)],
    );
    assert_eq!(on["data"]["status"], "enabled", "{on}");

    let t = base + 30;
    let pin = env.secret_path("pin");
    let code = code_at(t);
    let children: Vec<Child> = (0..10)
        .map(|_| reveal(&env, &pin, &["--totp-code", &code], Some(t)))
        .collect();
    let results: Vec<_> = children.into_iter().map(outcome).collect();
    let accepted: Vec<_> = results.iter().filter(|(c, _)| *c == 0).collect();
    assert_eq!(accepted.len(), 1, "{results:?}");
    assert!(accepted[0].1["data"]["mnemonic"].is_string());
    for (c, v) in results.iter().filter(|(c, _)| *c != 0) {
        assert_eq!(
            (*c, v["error"]["code"].as_str()),
            (3, Some("wrong_totp")),
            "{v}"
        );
    }
}

/// `security pin reset` checks the login password against the failed-login backoff
/// under the user's lock too: of 10 parallel tries with a wrong password, 5 are checked
/// (and counted) and the rest wait their turn (`rate_limited`).
#[test]
fn ten_parallel_pin_resets_with_a_wrong_password_only_five_are_checked() {
    let env = production_user();
    let wrong = env.secret_path("wrong");
    let new_pin = env.secret("new-pin", "5678");
    let children: Vec<Child> = (0..10)
        .map(|_| {
            env.command(&[
                "--json",
                "security",
                "pin",
                "reset",
                "--password-file",
                &wrong,
                "--new-pin-file",
                &new_pin,
            ])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap()
        })
        .collect();
    let results: Vec<(i32, serde_json::Value)> = children.into_iter().map(outcome).collect();
    let checked = results
        .iter()
        .filter(|(c, v)| *c == 3 && v["error"]["code"] == "wrong_password")
        .count();
    let limited = results
        .iter()
        .filter(|(c, v)| *c == 9 && v["error"]["code"] == "rate_limited")
        .count();
    assert_eq!((checked, limited), (5, 5), "{results:?}");
    assert_eq!(env.profile("alice")["failed_logins"], 5);
}

/// A setting that asked for nothing on its snapshot (level standard, 2FA off) is
/// refused by its write when another command turned level high on meanwhile: the gate
/// is decided again inside the write, and nothing changes. The command is held between
/// its snapshot and its write by reading its passphrase from a FIFO.
#[test]
fn level_high_turned_on_while_a_setting_waits_refuses_it() {
    let env = Env::new();
    env.register("alice");
    let fifo = env.secrets.join("passphrase.fifo");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(made.success());
    let fifo_arg = fifo.to_str().unwrap();
    let child = env
        .command(&[
            "--json",
            "security",
            "set",
            "auto-backup",
            "on",
            "--passphrase-file",
            fifo_arg,
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Opening the FIFO for writing waits until the command opens it to read: by then it
    // has read its snapshot and asked for nothing.
    let mut writer = std::fs::OpenOptions::new().write(true).open(&fifo).unwrap();
    env.ok(&["security", "set", "level", "high"]);
    use std::io::Write as _;
    writer
        .write_all(b"an automatic backup passphrase, long enough 7\n")
        .unwrap();
    drop(writer);
    let (exit, v) = outcome(child);
    assert_eq!(
        (exit, &v["error"]["code"]),
        (2, &"input_required".into()),
        "{v}"
    );
    let shown = env.ok(&["security", "show"]);
    assert_eq!(shown["level"], "high", "{shown}");
    assert_eq!(shown["auto_backup"]["enabled"], false, "{shown}");
}
