//! `coffer security`: the PIN gate with its lockout, PIN change, the test clock.

use crate::common::{Env, typed};
use crate::typed::{BackupVerified, SecurityShown};

/// The strings of `v`, borrowed.
fn strs(v: &[String]) -> Vec<&str> {
    v.iter().map(String::as_str).collect()
}

/// `wallet reveal main` with the PIN in `pin_file`, at `now` (the test clock) if given.
fn reveal(env: &Env, pin_file: &str, now: Option<i64>) -> (i32, serde_json::Value) {
    let mut c = env.command(&["--json", "wallet", "reveal", "main", "--pin-file", pin_file]);
    if let Some(t) = now {
        c.env("COFFER_TEST_NOW", t.to_string());
    }
    let out = c.output().unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    (out.status.code().unwrap(), v)
}

fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64
}

#[test]
fn five_wrong_pins_lock_signing_until_the_time_is_up() {
    let env = Env::new();
    env.register("alice");
    env.ok(&["wallet", "create", "main", "--network", "regtest"]);
    let (pin, wrong) = (env.secret_path("pin"), env.secret("wrong-pin", "9999"));
    for left in [4, 3, 2, 1] {
        let (code, v) = reveal(&env, &wrong, None);
        assert_eq!(code, 3, "{v}");
        assert_eq!(v["error"]["code"], "wrong_pin");
        assert_eq!(v["error"]["attempts_before_lock"], left, "{v}");
        assert!(v["error"]["locked_for_secs"].is_null());
    }
    let (code, v) = reveal(&env, &wrong, None);
    assert_eq!(code, 3);
    assert_eq!(v["error"]["locked_for_secs"], 30, "{v}");
    // Locked: even the right PIN is refused, with the time left (exit 9); no mnemonic.
    let t0 = now();
    let (code, v) = reveal(&env, &pin, None);
    assert_eq!(code, 9, "{v}");
    assert_eq!(v["error"]["code"], "rate_limited");
    let left = v["error"]["retry_after_secs"].as_i64().unwrap();
    assert!((1..=30).contains(&left), "{v}");
    assert!(v.get("data").is_none());
    // A new process does not reset it (the counter is in the vault).
    let (code, _) = reveal(&env, &wrong, None);
    assert_eq!(code, 9);
    let events = env.events();
    assert!(events.contains(&"pin_locked".to_string()), "{events:?}");
    // Once the time is up the right PIN works and the count starts again.
    let (code, v) = reveal(&env, &pin, Some(t0 + 31));
    assert_eq!(code, 0, "{v}");
    assert!(v["data"]["mnemonic"].is_string());
    let (_, v) = reveal(&env, &wrong, Some(t0 + 32));
    assert_eq!(v["error"]["attempts_before_lock"], 4, "{v}");
    // After a sixth wrong PIN in a row the lock doubles.
    let env2 = Env::new();
    env2.register("bob");
    env2.ok(&["wallet", "create", "main", "--network", "regtest"]);
    let wrong2 = env2.secret("wrong-pin", "0000");
    let t = now();
    for _ in 0..5 {
        reveal(&env2, &wrong2, Some(t));
    }
    let (_, v) = reveal(&env2, &wrong2, Some(t + 31));
    assert_eq!(v["error"]["locked_for_secs"], 60, "{v}");
}

#[test]
fn the_pin_changes_with_the_old_one() {
    let env = Env::new();
    env.register("alice");
    env.ok(&["wallet", "create", "main", "--network", "regtest"]);
    let (pin, wrong) = (env.secret_path("pin"), env.secret("wrong-pin", "9999"));
    let new = env.secret("new-pin", "24680");
    // A wrong current PIN, or a malformed new one: refused, the PIN unchanged.
    let e = env.err_as(
        &[
            "security",
            "pin",
            "change",
            "--pin-file",
            &wrong,
            "--new-pin-file",
            &new,
        ],
        3,
    );
    assert_eq!(e.code, "wrong_pin");
    let bad = env.secret("bad-pin", "12");
    let e = env.err_as(
        &[
            "security",
            "pin",
            "change",
            "--pin-file",
            &pin,
            "--new-pin-file",
            &bad,
        ],
        5,
    );
    assert_eq!(e.field.as_deref(), Some("pin"), "{e}");
    env.err_as(&["security", "pin", "change", "--pin-file", &pin], 2);
    assert_eq!(reveal(&env, &pin, None).0, 0);

    let c = env.ok(&[
        "security",
        "pin",
        "change",
        "--pin-file",
        &pin,
        "--new-pin-file",
        &new,
    ]);
    assert!(c["changed_at"].is_string(), "{c}");
    let (code, v) = reveal(&env, &pin, None);
    assert_eq!((code, v["error"]["code"].as_str()), (3, Some("wrong_pin")));
    assert_eq!(reveal(&env, &new, None).0, 0);
    assert!(env.events().contains(&"pin_changed".to_string()));
}

#[test]
fn the_test_clock_needs_the_test_profile() {
    let env = Env::new();
    let out = env
        .command(&["--json", "users"])
        .env("COFFER_TEST_NOW", "1700000000")
        .env_remove("COFFER_KDF_PROFILE")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(
        v["error"]["message"]
            .as_str()
            .unwrap()
            .contains("COFFER_TEST_NOW"),
        "{v}"
    );
}

const NEW_PASSWORD: &str = "orbit-candle-meadow-fjord-42";

#[test]
fn the_password_changes_and_every_session_ends() {
    let mut env = Env::new();
    // The test clock orders the login before the change (whole seconds), without sleeping.
    let t0: i64 = 2_000_000_000;
    env.vars.push(("COFFER_TEST_NOW".into(), t0.to_string()));
    env.register("alice");
    let recipient = env.profile("alice")["vault_recipient"].clone();
    let (pw, wrong) = (env.secret_path("pw"), env.secret_path("wrong"));
    let new = env.secret("new-pw", NEW_PASSWORD);
    let weak = env.secret("weak-pw", "password1");
    let change = |current: &str, next: &str| {
        vec![
            "security".to_string(),
            "password".into(),
            "--password-file".into(),
            current.into(),
            "--new-password-file".into(),
            next.into(),
        ]
    };
    let before = crate::common::snapshot(&env.user_dir("alice"));
    let e = env.err_as(&strs(&change(&wrong, &new)), 3);
    assert_eq!(e.code, "wrong_password");
    let e = env.err_as(&strs(&change(&pw, &weak)), 5);
    assert_eq!(e.code, "weak_password");
    // Nothing changed but the failed-login count of the wrong attempt.
    let mut after = crate::common::snapshot(&env.user_dir("alice"));
    let mut before = before;
    for s in [&mut before, &mut after] {
        s.retain(|p, _| !p.ends_with("profile.json") && !p.to_string_lossy().contains("inbox"));
    }
    assert_eq!(before, after);
    // A copy of the current session, to show that old sessions are refused.
    let old_session = std::fs::read(env.session_file("alice")).unwrap();
    env.vars.retain(|(k, _)| k != "COFFER_TEST_NOW");
    env.vars
        .push(("COFFER_TEST_NOW".into(), (t0 + 1).to_string()));
    let r = env.ok(&strs(&change(&pw, &new)));
    assert_eq!(r["sessions_ended"], true, "{r}");
    assert!(!r.to_string().contains(NEW_PASSWORD));
    assert_eq!(env.err_as(&["whoami"], 3).code, "locked");
    std::fs::write(env.session_file("alice"), &old_session).unwrap();
    let e = env.err_as(&["whoami"], 3);
    assert_eq!(e.code, "session_expired", "{e}");
    // The old password no longer opens it; the new one does; the vault key is the same.
    let e = env.err_as(&["login", "--password-file", &pw], 3);
    assert_eq!(e.code, "wrong_password");
    env.ok(&["login", "--password-file", &new]);
    assert_eq!(env.profile("alice")["vault_recipient"], recipient);
    assert!(env.events().contains(&"password_changed".to_string()));
}

#[test]
fn rekey_strengthens_the_slot_and_the_recovery_code_is_replaced() {
    let env = Env::new();
    let reg = env.register("alice");
    let old_code = env.secret("old-code", reg["recovery_code"].as_str().unwrap());
    let (pw, pin) = (env.secret_path("pw"), env.secret_path("pin"));
    // Never weaker than the profile's default (the test profile: 64 KiB, t=1).
    let e = env.err_as(
        &[
            "security",
            "rekey",
            "--memory",
            "32KiB",
            "--password-file",
            &pw,
        ],
        5,
    );
    assert_eq!(e.field.as_deref(), Some("memory"), "{e}");
    env.err_as(
        &[
            "security",
            "rekey",
            "--memory",
            "lots",
            "--password-file",
            &pw,
        ],
        5,
    );
    let r = env.ok(&[
        "security",
        "rekey",
        "--memory",
        "128KiB",
        "--iterations",
        "2",
        "--password-file",
        &pw,
    ]);
    assert_eq!(r["kdf"]["memory_kib"], 128, "{r}");
    assert_eq!(r["kdf"]["iterations"], 2);
    let slots = env.profile("alice")["keyslots"].clone();
    let slot = slots
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["kind"] == "password")
        .unwrap()
        .clone();
    assert_eq!(slot["kdf"]["m_kib"], 128, "{slot}");
    assert_eq!(slot["kdf"]["t"], 2);
    env.ok(&["logout"]);
    env.ok(&["login", "--password-file", &pw]);
    assert!(env.events().contains(&"rekey".to_string()));

    // A new recovery code needs the PIN; then the old code stops working.
    let wrong_pin = env.secret("wrong-pin", "9999");
    env.err_as(&["security", "recovery-code", "--pin-file", &wrong_pin], 3);
    let r = env.ok(&["security", "recovery-code", "--pin-file", &pin]);
    let code = r["recovery_code"].as_str().unwrap().to_string();
    assert_ne!(code, reg["recovery_code"].as_str().unwrap());
    let new_code = env.secret("new-code", &code);
    let new_pw = env.secret("new-pw", NEW_PASSWORD);
    let recover = |code_file: &str| {
        vec![
            "security".to_string(),
            "recover".into(),
            "--username".into(),
            "alice".into(),
            "--recovery-code-file".into(),
            code_file.into(),
            "--password-file".into(),
            new_pw.clone(),
        ]
    };
    env.err_as(&strs(&recover(&old_code)), 3);
    env.ok(&strs(&recover(&new_code)));
    env.ok(&["login", "--password-file", &new_pw]);
}

#[test]
fn security_show_reports_settings_and_recommendations() {
    let env = Env::new();
    env.register("alice");
    env.ok(&["wallet", "create", "main", "--network", "regtest"]);
    let has =
        |s: &SecurityShown, needle: &str| s.recommendations.iter().any(|r| r.contains(needle));
    let show = || env.ok_as::<SecurityShown>(&["security", "show"]);
    let s = show();
    assert!(s.kdf_insecure, "{s:?}");
    assert_eq!(s.keyslots.len(), 2);
    assert_eq!(s.session_timeout_secs, 900);
    assert_eq!(s.pin_failures, 0);
    assert!(!s.two_factor);
    for r in [
        "2FA is off",
        "insecure test profile",
        "no verified backup",
        "automatic backups are off",
    ] {
        assert!(has(&s, r), "{r}: {s:?}");
    }
    assert!(!has(&s, "session timeout"));

    // Session settings: ranges checked; login uses them.
    env.err_as(&["security", "set", "session-timeout", "30s"], 5);
    env.err_as(&["security", "set", "session-timeout", "13h"], 5);
    env.err_as(&["security", "set", "session-max", "25h"], 5);
    env.err_as(&["security", "set", "session-timeout", "soon"], 5);
    env.ok(&["security", "set", "session-max", "8h"]);
    let t = env.ok(&["security", "set", "session-timeout", "2h"]);
    assert_eq!(t["value"], "2h 0m", "{t}");
    let s = show();
    assert!(has(&s, "session timeout is 2h 0m"), "{s:?}");
    assert_eq!(s.session_max_secs, 8 * 3600);
    let l = env.login("alice", &[]);
    assert_eq!(l["session"]["idle_timeout_secs"], 7200, "{l}");

    // A wrong PIN shows; a verified backup clears that recommendation.
    let wrong = env.secret("wrong-pin", "9999");
    reveal(&env, &wrong, None);
    let s = show();
    assert_eq!(s.pin_failures, 1);
    assert!(has(&s, "wrong PIN"));
    let pass = env.secret("backup-pass", "correct horse battery staple");
    let file = env.ok(&["backup", "create", "--passphrase-file", &pass])["file"]
        .as_str()
        .unwrap()
        .to_string();
    env.ok_as::<BackupVerified>(&["backup", "verify", &file, "--passphrase-file", &pass]);
    let raw = env.ok(&["security", "show"]);
    let s: SecurityShown = typed(raw.clone(), &["security", "show"]);
    assert!(!has(&s, "no verified backup"), "{s:?}");
    assert!(s.last_verified_backup_at.is_some());
    let text = raw.to_string();
    for secret in [crate::common::PASSWORD, "correct horse"] {
        assert!(!text.contains(secret), "{secret} in {text}");
    }
    let events = env.events();
    assert!(
        events.contains(&"setting_changed".to_string()),
        "{events:?}"
    );
}

/// Runs `args` with `--json` at the test clock `t`: (exit code, JSON).
fn at(env: &Env, t: i64, args: &[&str]) -> (i32, serde_json::Value) {
    let mut a = vec!["--json"];
    a.extend_from_slice(args);
    let out = env
        .command(&a)
        .env("COFFER_TEST_NOW", t.to_string())
        .output()
        .unwrap();
    let v = serde_json::from_slice(&out.stdout).unwrap_or(serde_json::Value::Null);
    (out.status.code().unwrap(), v)
}

#[test]
fn two_factor_codes_skew_replay_and_backup_codes() {
    use coffer::vault::totp;
    let env = Env::new();
    env.register("alice");
    let (pw, pin) = (env.secret_path("pw"), env.secret_path("pin"));
    // A step-aligned clock a little ahead of real time (sessions stay valid).
    let base = (now() / 30) * 30 + 300;
    let (code, p) = at(&env, base, &["security", "2fa", "enable"]);
    assert_eq!(code, 0, "{p}");
    assert_eq!(p["data"]["status"], "pending");
    let uri = p["data"]["uri"].as_str().unwrap();
    assert!(uri.starts_with("otpauth://totp/coffer:alice?"), "{uri}");
    assert!(
        uri.contains("algorithm=SHA1") || !uri.contains("algorithm="),
        "{uri}"
    );
    let secret = p["data"]["secret"].as_str().unwrap().to_string();
    let g = totp::generator(
        &totp::secret_bytes(&secrecy::SecretString::from(secret.clone())).unwrap(),
        "alice",
    )
    .unwrap();
    let code_at = |t: i64| g.generate(t as u64).to_string();
    // A wrong first code does not turn it on.
    let window = [code_at(base - 30), code_at(base), code_at(base + 30)];
    let wrong = (0..4u32)
        .map(|d| format!("{d}{d}{d}{d}{d}{d}"))
        .find(|c| !window.contains(c))
        .unwrap();
    let (c, e) = at(&env, base, &["security", "2fa", "enable", "--code", &wrong]);
    assert_eq!(
        (c, e["error"]["code"].as_str()),
        (3, Some("wrong_totp")),
        "{e}"
    );
    let (c, _) = at(&env, base, &["login", "--password-file", &pw]);
    assert_eq!(c, 0, "2FA is not on yet");
    // The right one does, and gives ten backup codes.
    let (c, on) = at(
        &env,
        base,
        &["security", "2fa", "enable", "--code", &code_at(base)],
    );
    assert_eq!(c, 0, "{on}");
    assert_eq!(on["data"]["status"], "enabled");
    let backup: Vec<String> = on["data"]["backup_codes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c.as_str().unwrap().to_string())
        .collect();
    assert_eq!(backup.len(), 10);

    let login = |t: i64, extra: &[&str]| {
        at(&env, t, &["logout"]);
        let mut a = vec!["login", "--password-file", pw.as_str()];
        a.extend_from_slice(extra);
        at(&env, t, &a)
    };
    // No code without a terminal: a clear error, not a hang.
    let (c, e) = login(base + 30, &[]);
    assert_eq!(
        (c, e["error"]["code"].as_str()),
        (2, Some("input_required")),
        "{e}"
    );
    let t1 = base + 30;
    assert_eq!(login(t1, &["--totp-code", &code_at(t1)]).0, 0);
    // The same code again, in its window: a replay.
    let (c, e) = login(t1 + 5, &["--totp-code", &code_at(t1)]);
    assert_eq!(
        (c, e["error"]["code"].as_str()),
        (3, Some("wrong_totp")),
        "{e}"
    );
    // One step of clock skew either way is accepted; two are not.
    let t2 = base + 90;
    assert_eq!(
        login(t2, &["--totp-code", &code_at(t2 - 30)]).0,
        0,
        "one step behind"
    );
    let t3 = base + 150;
    assert_eq!(
        login(t3, &["--totp-code", &code_at(t3 + 30)]).0,
        0,
        "one step ahead"
    );
    let t4 = base + 300;
    assert_eq!(
        login(t4, &["--totp-code", &code_at(t4 - 60)]).0,
        3,
        "two steps behind"
    );
    assert_eq!(
        login(t4, &["--totp-code", &code_at(t4 + 60)]).0,
        3,
        "two steps ahead"
    );
    // COFFER_TOTP works for scripts.
    at(&env, t4, &["logout"]);
    let out = env
        .command(&["--json", "login", "--password-file", &pw])
        .env("COFFER_TEST_NOW", t4.to_string())
        .env("COFFER_TOTP", code_at(t4))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    // A backup code works once.
    let t5 = base + 400;
    assert_eq!(login(t5, &["--backup-code", &backup[0]]).0, 0);
    let (c, e) = login(t5, &["--backup-code", &backup[0]]);
    assert_eq!(
        (c, e["error"]["code"].as_str()),
        (3, Some("wrong_totp")),
        "{e}"
    );
    assert_eq!(
        login(t5, &["--backup-code", &backup[1].to_lowercase()]).0,
        0
    );

    // Off: the PIN and a code; then login needs no code.
    let t6 = base + 480;
    let wrong_pin = env.secret("wrong-pin", "9999");
    let (c, _) = at(
        &env,
        t6,
        &[
            "security",
            "2fa",
            "disable",
            "--pin-file",
            &wrong_pin,
            "--totp-code",
            &code_at(t6),
        ],
    );
    assert_eq!(c, 3);
    let (c, off) = at(
        &env,
        t6,
        &[
            "security",
            "2fa",
            "disable",
            "--pin-file",
            &pin,
            "--totp-code",
            &code_at(t6),
        ],
    );
    assert_eq!(c, 0, "{off}");
    assert_eq!(off["data"]["status"], "disabled");
    assert_eq!(login(t6 + 30, &[]).0, 0);
    // Neither the secret nor a backup code is in the audit trail.
    let (_, log) = at(&env, t6 + 30, &["security", "log", "--limit", "500"]);
    let text = log.to_string();
    assert!(!text.contains(&secret), "the secret leaked");
    assert!(
        backup.iter().all(|b| !text.contains(b.as_str())),
        "a backup code leaked"
    );
    assert!(
        text.contains("2fa_enabled") && text.contains("2fa_disabled"),
        "{text}"
    );
}

#[test]
fn the_audit_chain_shows_edited_and_deleted_rows_and_an_older_vault() {
    use crate::common::{open_vault, write_vault};
    let env = Env::new();
    env.register("alice");
    env.ok(&["security", "set", "session-timeout", "20m"]);
    env.ok(&["logout"]);
    env.login("alice", &[]);
    let v = env.ok(&["security", "log", "verify"]);
    let rows = v["rows"].as_u64().unwrap();
    assert!(rows >= 4, "{v}");
    let recorded = env.profile("alice")["audit_head"]["count"]
        .as_u64()
        .unwrap();
    assert!(recorded <= rows, "{recorded} > {rows}");
    assert_eq!(v["recorded_rows"], recorded);
    // Export: every row with its hash, in chain order.
    let ex = env.ok(&["security", "log", "export"]);
    let lines: Vec<serde_json::Value> = ex["content"]
        .as_str()
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len() as u64, rows);
    assert_eq!(lines[0]["event"], "register");
    assert!(
        lines
            .iter()
            .all(|l| l["hash"].as_str().unwrap().len() == 64)
    );
    let csv = env.ok(&["security", "log", "export", "--format", "csv"]);
    assert!(
        csv["content"]
            .as_str()
            .unwrap()
            .starts_with("time,event,severity")
    );
    env.err_as(&["security", "log", "export", "--format", "xml"], 5);
    // Filters.
    let logins = env.ok(&["security", "log", "--event", "login"]);
    assert!(
        logins["items"]
            .as_array()
            .unwrap()
            .iter()
            .all(|i| i["event"] == "login"),
        "{logins}"
    );
    env.err_as(&["security", "log", "--severity", "loud"], 5);

    let dir = env.user_dir("alice");
    let good = std::fs::read(dir.join("vault.age")).unwrap();
    // An edited row.
    let mut c = open_vault(&env, "alice", "vault.age");
    c.execute("UPDATE audit SET details = '{}' WHERE id = 2", [])
        .unwrap();
    write_vault(&env, "alice", &mut c);
    let e = env.err_as(&["security", "log", "verify"], 8);
    assert_eq!(e.code, "audit_broken", "{e}");
    assert_eq!(e.row, Some(Some(2)));
    // A deleted row.
    std::fs::write(dir.join("vault.age"), &good).unwrap();
    let mut c = open_vault(&env, "alice", "vault.age");
    c.execute("DELETE FROM audit WHERE id = 2", []).unwrap();
    write_vault(&env, "alice", &mut c);
    let e = env.err_as(&["security", "log", "verify"], 8);
    assert_eq!(e.row, Some(Some(2)), "{e}");
    // The intact vault verifies again; then an older generation put in place does not.
    std::fs::write(dir.join("vault.age"), &good).unwrap();
    env.ok(&["security", "log", "verify"]);
    env.ok(&["security", "set", "session-timeout", "25m"]);
    // That write changed the vault in place: its previous generation is vault.age with
    // the previous delta.
    assert!(dir.join("vault.delta.age.prev").exists());
    std::fs::copy(
        dir.join("vault.delta.age.prev"),
        dir.join("vault.delta.age"),
    )
    .unwrap();
    let e = env.err_as(&["security", "log", "verify"], 8);
    assert_eq!(e.code, "audit_broken", "{e}");
    assert!(e.message.as_str().contains("older"), "{e}");
}

/// docs/recovery.md, "A damaged `vault.age`", step by step: the previous generation put
/// back is noticed at the login (a warning, `vault_rollback_detected` once), every write
/// repeats the warning and `security log verify` fails until the documented
/// `security log reanchor`, after which the log verifies again. An older copy of the
/// file is noticed the same way.
#[test]
fn a_vault_put_back_is_noticed_at_login_and_the_documented_reanchor_clears_it() {
    let env = Env::new();
    env.register("alice");
    env.ok(&["security", "set", "session-timeout", "20m"]);
    let dir = env.user_dir("alice");
    let old_copy = std::fs::read(dir.join("vault.age")).unwrap();
    env.login("alice", &[]);
    env.ok(&["security", "log", "verify"]);
    // vault.age is damaged: every command stops with exit 8.
    let mut bytes = std::fs::read(dir.join("vault.age")).unwrap();
    let n = bytes.len();
    bytes.truncate(n - 100);
    std::fs::write(dir.join("vault.age"), &bytes).unwrap();
    assert_eq!(env.err_as(&["whoami"], 8).code, "vault_damaged");
    // The procedure.
    std::fs::copy(dir.join("vault.age"), dir.join("vault.age.damaged")).unwrap();
    std::fs::copy(dir.join("vault.age.prev"), dir.join("vault.age")).unwrap();
    let pw = env.secret_path("pw");
    let r = env.run(&["--json", "login", "--password-file", &pw]);
    assert_eq!(r.code, 0, "{} / {}", r.stdout, r.stderr);
    let warnings = r.json()["data"]["warnings"].clone();
    assert!(
        warnings
            .to_string()
            .contains("not the one coffer last wrote")
            && warnings.to_string().contains("security log reanchor"),
        "{warnings}"
    );
    assert!(
        r.stderr.contains("not the one coffer last wrote"),
        "{}",
        r.stderr
    );
    let detected = |env: &Env| -> Vec<serde_json::Value> {
        env.ok(&["security", "log", "--event", "vault_rollback_detected"])["items"]
            .as_array()
            .unwrap()
            .clone()
    };
    let d = detected(&env);
    assert_eq!(d.len(), 1, "{d:?}");
    assert_eq!(d[0]["severity"], "high");
    assert_eq!(d[0]["source"], "vault");
    assert!(
        d[0]["details"]["recorded_rows"].as_u64().unwrap()
            > d[0]["details"]["vault_rows"].as_u64().unwrap()
    );
    let e = env.err_as(&["security", "log", "verify"], 8);
    assert_eq!(e.code, "audit_broken", "{e}");
    assert!(e.message.as_str().contains("reanchor"), "{e}");
    // Every write says it again until it is accepted; the event is logged once.
    let w = env.run(&["--json", "security", "set", "session-timeout", "25m"]);
    assert_eq!(w.code, 0, "{}", w.stdout);
    assert!(
        w.stderr.contains("not the one coffer last wrote"),
        "{}",
        w.stderr
    );
    assert_eq!(detected(&env).len(), 1);
    // The re-anchor needs the PIN: a wrong one changes nothing.
    let wrong = env.secret("wrong-pin", "999999");
    assert_eq!(
        env.err_as(&["security", "log", "reanchor", "--pin-file", &wrong], 3)
            .code,
        "wrong_pin"
    );
    env.err_as(&["security", "log", "verify"], 8);
    let pin = env.secret_path("pin");
    let a = env.ok(&["security", "log", "reanchor", "--pin-file", &pin]);
    assert_eq!(a["reanchored"], true, "{a}");
    let recorded = a["previous"]["recorded_hash"].as_str().unwrap().to_string();
    let v = env.ok(&["security", "log", "verify"]);
    assert_eq!(v["ok"], true, "{v}");
    assert_eq!(v["head"], a["head"], "{v} / {a}");
    let re = env.ok(&["security", "log", "--event", "audit_reanchored"]);
    assert_eq!(re["items"][0]["severity"], "high", "{re}");
    assert_eq!(
        re["items"][0]["details"]["recorded_hash"],
        recorded.as_str()
    );
    // Quiet again, and nothing more to re-anchor.
    let r = env.run(&["--json", "login", "--password-file", &pw]);
    assert_eq!(r.json()["data"]["warnings"], serde_json::json!([]));
    assert!(!r.stderr.contains("warning"), "{}", r.stderr);
    let a = env.ok(&["security", "log", "reanchor", "--pin-file", &pin]);
    assert_eq!(a["reanchored"], false, "{a}");
    env.ok(&["security", "log", "verify"]);

    // An older copy of vault.age put in place: the same.
    std::fs::write(dir.join("vault.age"), &old_copy).unwrap();
    let r = env.run(&["--json", "login", "--password-file", &pw]);
    assert!(
        r.json()["data"]["warnings"]
            .to_string()
            .contains("not the one coffer last wrote"),
        "{}",
        r.stdout
    );
    env.err_as(&["security", "log", "verify"], 8);
    env.ok(&["security", "log", "reanchor", "--pin-file", &pin]);
    env.ok(&["security", "log", "verify"]);
}

/// docs/recovery.md, "A lost PIN" and "A lost TOTP device", step by step.
#[test]
fn recovery_procedures_for_a_lost_pin_and_a_lost_totp_device() {
    use coffer::vault::totp;
    let env = Env::new();
    let reg = env.register("alice");
    env.ok(&["wallet", "create", "main", "--network", "regtest"]);
    let pw = env.secret_path("pw");
    let base = (now() / 30) * 30 + 300;
    let enable = |t: i64| -> (Vec<String>, Box<dyn Fn(i64) -> String>) {
        let (_, p) = at(&env, t, &["security", "2fa", "enable"]);
        let secret = p["data"]["secret"].as_str().unwrap().to_string();
        let g = totp::generator(
            &totp::secret_bytes(&secrecy::SecretString::from(secret)).unwrap(),
            "alice",
        )
        .unwrap();
        let code = move |t: i64| g.generate(t as u64).to_string();
        let (c, on) = at(&env, t, &["security", "2fa", "enable", "--code", &code(t)]);
        assert_eq!(c, 0, "{on}");
        let backup = on["data"]["backup_codes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c.as_str().unwrap().to_string())
            .collect();
        (backup, Box::new(code))
    };
    let (backup, code) = enable(base);

    // A lost PIN: the login password and a two-factor code set a new one.
    let new_pin = env.secret("new-pin", "86420");
    let wrong = env.secret_path("wrong");
    let t = base + 30;
    let (c, e) = at(
        &env,
        t,
        &[
            "security",
            "pin",
            "reset",
            "--password-file",
            &wrong,
            "--new-pin-file",
            &new_pin,
            "--totp-code",
            &code(t),
        ],
    );
    assert_eq!(
        (c, e["error"]["code"].as_str()),
        (3, Some("wrong_password")),
        "{e}"
    );
    let (c, r) = at(
        &env,
        t,
        &[
            "security",
            "pin",
            "reset",
            "--password-file",
            &pw,
            "--new-pin-file",
            &new_pin,
            "--totp-code",
            &code(t),
        ],
    );
    assert_eq!(c, 0, "{r}");
    assert_eq!(
        at(
            &env,
            t,
            &["wallet", "reveal", "main", "--pin-file", &new_pin]
        )
        .0,
        0
    );

    // A lost TOTP device, with the backup codes: log in with one, turn 2FA off with
    // another (and the PIN), turn it on again on the new device.
    let t = base + 60;
    at(&env, t, &["logout"]);
    let (c, l) = at(
        &env,
        t,
        &["login", "--password-file", &pw, "--backup-code", &backup[0]],
    );
    assert_eq!(c, 0, "{l}");
    let (c, off) = at(
        &env,
        t,
        &[
            "security",
            "2fa",
            "disable",
            "--pin-file",
            &new_pin,
            "--backup-code",
            &backup[1],
        ],
    );
    assert_eq!(c, 0, "{off}");
    let (_, _) = enable(base + 90);

    // Without the backup codes: the recovery code sets a new password and turns 2FA off.
    let t = base + 120;
    at(&env, t, &["logout"]);
    let code_file = env.secret("code", reg["recovery_code"].as_str().unwrap());
    let new_pw = env.secret("new-pw", NEW_PASSWORD);
    let (c, r) = at(
        &env,
        t,
        &[
            "security",
            "recover",
            "--username",
            "alice",
            "--recovery-code-file",
            &code_file,
            "--password-file",
            &new_pw,
        ],
    );
    assert_eq!(c, 0, "{r}");
    assert_eq!(r["data"]["two_factor_disabled"], true);
    let (c, l) = at(&env, t + 30, &["login", "--password-file", &new_pw]);
    assert_eq!(c, 0, "no code needed now: {l}");
}

/// With 2FA on, a change that lowers protection needs the PIN and a code; one that
/// raises it does not.
#[test]
fn lowering_protection_needs_the_pin_and_a_code_with_2fa_on() {
    use coffer::vault::totp;
    let env = Env::new();
    env.register("alice");
    let pin = env.secret_path("pin");
    let base = (now() / 30) * 30 + 300;
    let (_, p) = at(&env, base, &["security", "2fa", "enable"]);
    let g = totp::generator(
        &totp::secret_bytes(&secrecy::SecretString::from(
            p["data"]["secret"].as_str().unwrap().to_string(),
        ))
        .unwrap(),
        "alice",
    )
    .unwrap();
    let code = |t: i64| g.generate(t as u64).to_string();
    assert_eq!(
        at(
            &env,
            base,
            &["security", "2fa", "enable", "--code", &code(base)]
        )
        .0,
        0
    );
    let t = base + 30;
    // A code matching none of the accepted steps.
    let window = [code(t - 30), code(t), code(t + 30)];
    let bad = (0..4u32)
        .map(|d| format!("{d}{d}{d}{d}{d}{d}"))
        .find(|c| !window.contains(c))
        .unwrap();
    // Shorter: no gate.
    assert_eq!(
        at(&env, t, &["security", "set", "session-timeout", "5m"]).0,
        0
    );
    // Longer: the PIN and a code.
    let (c, e) = at(&env, t, &["security", "set", "session-timeout", "1h"]);
    assert_eq!(
        (c, e["error"]["code"].as_str()),
        (2, Some("input_required")),
        "{e}"
    );
    let (c, e) = at(
        &env,
        t,
        &[
            "security",
            "set",
            "session-timeout",
            "1h",
            "--pin-file",
            &pin,
        ],
    );
    assert_eq!(
        (c, e["error"]["code"].as_str()),
        (2, Some("input_required")),
        "{e}"
    );
    let (c, e) = at(
        &env,
        t,
        &[
            "security",
            "set",
            "session-timeout",
            "1h",
            "--pin-file",
            &pin,
            "--totp-code",
            &bad,
        ],
    );
    assert_eq!(c, 3, "{e}");
    let (c, s) = at(
        &env,
        t,
        &[
            "security",
            "set",
            "session-timeout",
            "1h",
            "--pin-file",
            &pin,
            "--totp-code",
            &code(t),
        ],
    );
    assert_eq!(c, 0, "{s}");
    let (_, shown) = at(&env, t, &["security", "show"]);
    let shown: SecurityShown = typed(shown["data"].clone(), &["security", "show"]);
    assert_eq!(shown.session_timeout_secs, 3600);
}

/// No secret (password, PIN, TOTP secret, backup codes, mnemonic, recovery code) in any
/// output but the one made to show it once, in the audit trail, or in any file of the
/// home outside the encrypted vault.
#[test]
fn no_secret_leaks_into_outputs_the_audit_trail_or_files() {
    use coffer::vault::totp;
    let env = Env::new();
    const PIN: &str = "739185";
    let pin = env.secret("pin7", PIN);
    let pw = env.secret_path("pw");
    let reg = env.ok(&[
        "register",
        "--username",
        "alice",
        "--email",
        "alice@example.com",
        "--password-file",
        &pw,
        "--pin-file",
        &pin,
    ]);
    let recovery = reg["recovery_code"].as_str().unwrap().to_string();
    let mut outputs: Vec<String> = vec![];
    let mut run = |t: i64, args: &[&str]| -> serde_json::Value {
        let mut a = vec!["--json"];
        a.extend_from_slice(args);
        let out = env
            .command(&a)
            .env("COFFER_TEST_NOW", t.to_string())
            .output()
            .unwrap();
        outputs.push(String::from_utf8_lossy(&out.stdout).into_owned());
        outputs.push(String::from_utf8_lossy(&out.stderr).into_owned());
        serde_json::from_slice(&out.stdout).unwrap_or_default()
    };
    let base = (now() / 30) * 30 + 300;
    run(base, &["wallet", "create", "main", "--network", "regtest"]);
    let words = {
        let out = env
            .command(&["--json", "wallet", "reveal", "main", "--pin-file", &pin])
            .env("COFFER_TEST_NOW", base.to_string())
            .output()
            .unwrap();
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        v["data"]["mnemonic"].as_str().unwrap().to_string()
    };
    let enabling = env
        .command(&["--json", "security", "2fa", "enable"])
        .env("COFFER_TEST_NOW", base.to_string())
        .output()
        .unwrap();
    let p: serde_json::Value = serde_json::from_slice(&enabling.stdout).unwrap();
    let secret = p["data"]["secret"].as_str().unwrap().to_string();
    let g = totp::generator(
        &totp::secret_bytes(&secrecy::SecretString::from(secret.clone())).unwrap(),
        "alice",
    )
    .unwrap();
    let code = |t: i64| g.generate(t as u64).to_string();
    let on = env
        .command(&["--json", "security", "2fa", "enable", "--code", &code(base)])
        .env("COFFER_TEST_NOW", base.to_string())
        .output()
        .unwrap();
    let on: serde_json::Value = serde_json::from_slice(&on.stdout).unwrap();
    let backup: Vec<String> = on["data"]["backup_codes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c.as_str().unwrap().to_string())
        .collect();

    // Everything else a user does, including failures.
    let t = base + 30;
    let wrong_pin = env.secret("wrong-pin", "9999");
    let pass = env.secret("backup-pass", "correct horse battery staple");
    for args in [
        vec!["addr", "new", "--count", "3"],
        vec!["receive"],
        vec!["wallet", "list"],
        vec!["wallet", "show", "main"],
        vec!["wallet", "reveal", "main", "--pin-file", &wrong_pin],
        vec!["security", "show"],
        vec!["security", "log", "--limit", "500"],
        vec!["security", "log", "export"],
        vec!["security", "log", "verify"],
        vec!["backup", "create", "--passphrase-file", &pass],
        vec!["backup", "list"],
        vec!["whoami"],
        vec!["logout"],
        vec!["login", "--password-file", &env.secret_path("wrong")],
    ] {
        run(t, &args);
    }
    run(
        t,
        &["login", "--password-file", &pw, "--totp-code", &code(t)],
    );
    run(
        t + 30,
        &[
            "security",
            "pin",
            "change",
            "--pin-file",
            &pin,
            "--new-pin-file",
            &pin,
        ],
    );
    let text = outputs.join("\n");
    // The commands ran (the sweep is not of error messages alone).
    for seen in [
        "2fa_enabled",
        "coffer-backup",
        "\"rows\"",
        "pin_failed",
        "changed_at",
    ] {
        assert!(text.contains(seen), "{seen} missing from the outputs");
    }
    let mut secrets: Vec<(&str, String)> = vec![
        ("password", crate::common::PASSWORD.to_string()),
        ("PIN", PIN.to_string()),
        ("TOTP secret", secret.clone()),
        ("mnemonic", words.clone()),
        ("recovery code", recovery.clone()),
        ("backup passphrase", "correct horse battery staple".into()),
    ];
    for b in &backup {
        secrets.push(("backup code", b.clone()));
    }
    for (what, s) in &secrets {
        assert!(!text.contains(s.as_str()), "the {what} is in an output");
    }
    // Every file of the home but the age-encrypted ones, as bytes.
    let files = crate::common::snapshot(&env.home);
    for (path, bytes) in &files {
        if bytes.starts_with(b"age-encryption.org/v1") {
            continue;
        }
        for (what, s) in &secrets {
            assert!(
                !bytes.windows(s.len()).any(|w| w == s.as_bytes()),
                "the {what} is in {}",
                path.display()
            );
        }
    }
}

/// Issue 20 item 5: each `security set` key is a subcommand whose value clap parses into
/// its type (a duration, a level, on/off…), the same words as before. A wrong value is
/// still `invalid_input` naming the field (exit 5), now found before the vault is
/// opened; an option of another key is a usage error; the help lists the keys and a
/// key's values.
#[test]
fn setting_keys_are_subcommands_with_typed_values() {
    let env = Env::new();
    // No user yet: the value is refused at the edge, not after an unlock.
    for (args, field) in [
        (&["level", "maximum"][..], "value"),
        (&["confirm-new-recipient", "yes"], "value"),
        (&["session-timeout", "13h"], "value"),
        (&["session-max", "soon"], "duration"),
        (&["auto-backup", "maybe"], "value"),
        (&["auto-backup", "on", "--keep", "0"], "keep"),
        (
            &["auto-backup", "on", "--recipient", "age1nope"],
            "recipient",
        ),
        (&["limit-tx", "BTC", "lots"], "amount"),
        (&["no-such-thing", "1"], "key"),
    ] {
        let mut a = vec!["security", "set"];
        a.extend_from_slice(args);
        let e = env.err(&a, 5);
        assert_eq!(e["code"], "invalid_input", "{args:?}: {e}");
        assert_eq!(e["field"], field, "{args:?}: {e}");
    }
    // An unknown key's words are taken raw: a --json after them still asks for JSON.
    let r = env.run(&["security", "set", "no-such-thing", "1", "--json"]);
    assert_eq!(r.code, 5, "{} {}", r.stdout, r.stderr);
    let e: serde_json::Value =
        serde_json::from_str(&r.stdout).unwrap_or_else(|_| panic!("{} {}", r.stdout, r.stderr));
    assert_eq!(
        (&e["ok"], &e["error"]["field"]),
        (&false.into(), &"key".into()),
        "{e}"
    );
    let e = env.err(&["security", "set", "level", "maximum"], 5);
    assert!(
        e["message"].as_str().unwrap().contains("standard or high"),
        "{e}"
    );
    // --every belongs to auto-backup only.
    env.err(
        &["security", "set", "session-timeout", "5m", "--every", "1h"],
        2,
    );
    let help = env.run(&["security", "set", "--help"]);
    assert_eq!(help.code, 0, "{}", help.stderr);
    for key in [
        "session-timeout",
        "session-max",
        "level",
        "limit-tx",
        "limit-daily",
        "confirm-new-recipient",
        "auto-backup",
        "currency",
    ] {
        assert!(
            help.stdout.lines().any(|l| l.trim_start().starts_with(key)),
            "{key} listed: {}",
            help.stdout
        );
    }
    let level = env.run(&["security", "set", "level", "--help"]);
    assert_eq!(level.code, 0, "{}", level.stderr);
    assert!(level.stdout.contains("Possible values"), "{}", level.stdout);

    // The same words as before do what they did.
    env.register("alice");
    assert_eq!(
        env.ok(&["security", "set", "session-timeout", "15m"])["value"],
        "15m 0s"
    );
    let l = env.ok(&["security", "set", "limit-tx", "btc", "0.5"]);
    assert_eq!(
        (&l["key"], &l["value"]),
        (&"limit-tx".into(), &"BTC 0.5".into())
    );
    assert_eq!(
        env.ok(&["security", "set", "confirm-new-recipient", "on"])["value"],
        "on"
    );
    assert_eq!(
        env.ok(&["security", "set", "level", "high"])["value"],
        "high"
    );
    // The audit log's severity words, `warning` as medium among them.
    env.ok(&["security", "log", "--severity", "warning"]);
    let e = env.err(&["security", "log", "--severity", "loud"], 5);
    assert_eq!(e["field"], "severity", "{e}");
}
