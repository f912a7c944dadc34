//! Wrong passwords: counted, audited, and from the sixth try on rate-limited with a
//! growing delay that a success resets.

use crate::common::Env;

/// Sets the test clock (`COFFER_TEST_NOW`, Unix seconds) for the next commands.
fn at(env: &mut Env, t: i64) {
    env.vars.retain(|(k, _)| k != "COFFER_TEST_NOW");
    env.vars.push(("COFFER_TEST_NOW".into(), t.to_string()));
}

#[test]
fn wrong_password_is_counted_and_audited() {
    let env = Env::new();
    env.register("alice");
    env.ok(&["logout"]);
    let wrong = env.secret_path("wrong");
    let e = env.err_as(&["login", "--password-file", &wrong], 3);
    assert_eq!(e.code, "wrong_password");
    assert_eq!(e.attempts_before_delay, Some(4));
    assert!(
        !e.to_string().contains("not-the-password"),
        "the password is never echoed"
    );
    assert_eq!(env.profile("alice")["failed_logins"], 1);
    assert_eq!(
        env.err_as(&["whoami"], 3).code,
        "locked",
        "a failed login unlocks nothing"
    );

    env.login("alice", &[]);
    assert_eq!(
        env.profile("alice")["failed_logins"],
        0,
        "a success resets the counter"
    );
    let log = env.ok(&["security", "log"]);
    let failed: Vec<_> = log["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["event"] == "login_failed")
        .collect();
    assert_eq!(failed.len(), 1);
    assert_eq!(failed[0]["success"], false);
    assert_eq!(failed[0]["severity"], "medium");
    // Already merged into the vault: the inbox is empty after the unlocked write.
    assert_eq!(
        std::fs::read_dir(env.user_dir("alice").join("inbox"))
            .unwrap()
            .count(),
        0
    );
}

#[test]
fn backoff_from_the_sixth_attempt_and_reset() {
    let mut env = Env::new();
    // The test clock measures the waits: no sleeping.
    let t0: i64 = 2_000_000_000;
    at(&mut env, t0);
    env.register("alice");
    env.ok(&["logout"]);
    let wrong = env.secret_path("wrong");
    let pw = env.secret_path("pw");
    for i in 0..5 {
        let e = env.err_as(&["login", "--password-file", &wrong], 3);
        assert_eq!(e.code, "wrong_password", "attempt {i}");
    }
    // The sixth try must wait, even with the right password.
    let e = env.err_as(&["login", "--password-file", &pw], 9);
    assert_eq!(e.code, "rate_limited");
    let wait = e.retry_after_secs.unwrap();
    assert!((1..=1).contains(&wait), "{e}");
    assert!(e.message.as_str().contains(&format!("{wait} s")));
    assert_eq!(
        env.profile("alice")["failed_logins"],
        5,
        "refused tries are not counted"
    );

    // After the wait, a wrong password doubles the delay.
    at(&mut env, t0 + 1);
    env.err_as(&["login", "--password-file", &wrong], 3);
    let e = env.err_as(&["login", "--password-file", &pw], 9);
    assert_eq!(e.retry_after_secs, Some(2));
    at(&mut env, t0 + 2);
    let e = env.err_as(&["login", "--password-file", &pw], 9);
    assert_eq!(
        e.retry_after_secs,
        Some(1),
        "the wait runs on the test clock"
    );

    // After that wait, the right password works and resets everything.
    at(&mut env, t0 + 3);
    env.ok(&["login", "--password-file", &pw]);
    assert_eq!(env.profile("alice")["failed_logins"], 0);
    env.ok(&["logout"]);
    let e = env.err_as(&["login", "--password-file", &wrong], 3);
    assert_eq!(e.code, "wrong_password");
    assert_eq!(e.attempts_before_delay, Some(4));
}
