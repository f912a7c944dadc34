//! `coffer security`: the PIN gate with its lockout, PIN change, the test clock.

use crate::common::Env;

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
    let e = env.err(
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
    assert_eq!(e["code"], "wrong_pin");
    let bad = env.secret("bad-pin", "12");
    let e = env.err(
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
    assert_eq!(e["field"], "pin", "{e}");
    env.err(&["security", "pin", "change", "--pin-file", &pin], 2);
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
