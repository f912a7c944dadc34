//! Parallel writers never lose each other's updates.

use crate::common::Env;

#[test]
fn twenty_parallel_logins_all_land() {
    let env = Env::new();
    env.register("alice");
    let pw = env.secret_path("pw");
    let children: Vec<_> = (0..20)
        .map(|_| {
            env.command(&["--json", "login", "--password-file", &pw])
                .stdout(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    for c in children {
        let out = c.wait_with_output().unwrap();
        assert_eq!(
            out.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&out.stdout)
        );
    }
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
    let children: Vec<_> = (0..40)
        .map(|_| {
            env.command(&["--json", "whoami"])
                .stdout(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    for c in children {
        let out = c.wait_with_output().unwrap();
        assert_eq!(
            out.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&out.stdout)
        );
    }
    assert_eq!(env.ok(&["whoami"])["user"], "alice");
    let leftovers: Vec<_> = crate::common::snapshot(&env.home)
        .into_keys()
        .filter(|p| p.to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}
