//! Parallel writers never lose each other's updates; parallel readers never collide.

use crate::common::Env;

#[test]
fn twenty_parallel_logins_all_land() {
    let env = Env::new();
    env.register("alice");
    let pw = env.secret_path("pw");
    env.all_succeed_in_parallel(20, &["--json", "login", "--password-file", &pw]);
    let log = env.ok(&["security", "log", "--limit", "100"]);
    let logins = log["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["event"] == "login" && e["details"]["via"].is_null())
        .count();
    assert_eq!(logins, 20, "{log}");
    assert_eq!(log["total"], 22, "register + its login + 20 logins");
}

#[test]
fn parallel_readers_and_session_refreshes_do_not_collide() {
    let mut env = Env::new();
    let t0: i64 = 2_000_000_000;
    env.vars.push(("COFFER_TEST_NOW".into(), t0.to_string()));
    env.register("alice");
    // Each reader refreshes the session's idle timer (a second after the login, on the
    // test clock); 40 at once must all succeed.
    env.vars.retain(|(k, _)| k != "COFFER_TEST_NOW");
    env.vars
        .push(("COFFER_TEST_NOW".into(), (t0 + 1).to_string()));
    env.all_succeed_in_parallel(40, &["--json", "wallet", "list"]);
    let f: serde_json::Value =
        serde_json::from_slice(&std::fs::read(env.session_file("alice")).unwrap()).unwrap();
    assert_eq!(
        f["last_used_at"],
        t0 + 1,
        "the readers refreshed the session"
    );
    assert_eq!(env.ok(&["whoami"])["user"], "alice");
    let leftovers: Vec<_> = crate::common::snapshot(&env.home)
        .into_keys()
        .filter(|p| p.to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}
