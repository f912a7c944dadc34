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
    let env = Env::new();
    env.register("alice");
    // Each reader refreshes the session's idle timer; 40 at once must all succeed.
    std::thread::sleep(std::time::Duration::from_millis(1000));
    env.all_succeed_in_parallel(40, &["--json", "whoami"]);
    assert_eq!(env.ok(&["whoami"])["user"], "alice");
    let leftovers: Vec<_> = crate::common::snapshot(&env.home)
        .into_keys()
        .filter(|p| p.to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}
