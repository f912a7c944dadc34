//! The session file: idle timeout, tampering, env mode and its location.

use crate::common::{Env, typed};
use crate::typed::{ErrorCode, ErrorEnvelope, SessionMode, WhoAmI};

/// Sets the test clock (`COFFER_TEST_NOW`, Unix seconds) for the next commands.
fn at(env: &mut Env, t: i64) {
    env.vars.retain(|(k, _)| k != "COFFER_TEST_NOW");
    env.vars.push(("COFFER_TEST_NOW".into(), t.to_string()));
}

#[test]
fn idle_timeout_expires_the_session_and_deletes_its_file() {
    let mut env = Env::new();
    let t0: i64 = 2_000_000_000;
    at(&mut env, t0);
    env.register("alice");
    let login = env.login("alice", &["--timeout", "2s"]);
    assert_eq!(login["session"]["idle_timeout_secs"], 2);
    assert!(env.session_file("alice").exists());
    at(&mut env, t0 + 2);
    let e = env.err_as(&["whoami"], 3);
    assert_eq!(e.code, "session_expired");
    assert!(e.hint.as_deref().unwrap().contains("coffer login"));
    assert!(
        !env.session_file("alice").exists(),
        "an expired session file is deleted"
    );
    // Next time it is simply locked.
    assert_eq!(env.err_as(&["whoami"], 3).code, "locked");
    env.login("alice", &[]);
    assert!(env.events().contains(&"session_expired".to_string()));
}

#[test]
fn activity_restarts_the_idle_timer() {
    let mut env = Env::new();
    let t0: i64 = 2_000_000_000;
    at(&mut env, t0);
    env.register("alice");
    env.login("alice", &["--timeout", "3s"]);
    // Each step stays under the timeout; together they pass it many times over.
    for step in 1..=3 {
        at(&mut env, t0 + 2 * step);
        env.ok(&["wallet", "list"]);
    }
    // Idle for the whole timeout after the last activity: expired.
    at(&mut env, t0 + 6 + 3);
    assert_eq!(env.err_as(&["whoami"], 3).code, "session_expired");
}

/// `whoami` reports how long the session has left and does not restart its idle timer
/// (as `bitcoin-cli getwalletinfo` reports `unlocked_until`): a script or a shell prompt
/// asking every second never keeps the vault unlocked. A command that uses the vault
/// restarts it.
#[test]
fn whoami_reports_the_idle_time_left_without_restarting_it() {
    let mut env = Env::new();
    let t0: i64 = 2_000_000_000;
    at(&mut env, t0);
    env.register("alice");
    env.login("alice", &["--timeout", "10s"]);
    let session = |env: &Env| -> serde_json::Value {
        serde_json::from_slice(&std::fs::read(env.session_file("alice")).unwrap()).unwrap()
    };
    let before = session(&env);
    for t in 1..=9 {
        at(&mut env, t0 + t);
        let w = env.ok_as::<WhoAmI>(&["whoami"]);
        assert_eq!(w.session.idle_left_secs, 10 - t);
    }
    // The file is untouched: same content, same last activity under the same MAC.
    assert_eq!(session(&env), before);
    at(&mut env, t0 + 10);
    assert_eq!(env.err_as(&["whoami"], 3).code, "session_expired");

    // After a new login, a command that uses the vault restarts the timer, which
    // `whoami` then reports from that activity.
    env.login("alice", &["--timeout", "10s"]);
    at(&mut env, t0 + 16);
    env.ok(&["wallet", "list"]);
    at(&mut env, t0 + 19);
    let w = env.ok_as::<WhoAmI>(&["whoami"]);
    assert_eq!(w.session.idle_left_secs, 7);
    assert_eq!(session(&env)["last_used_at"], t0 + 16);
}

#[test]
fn tampered_or_truncated_session_files_are_rejected_and_deleted() {
    let env = Env::new();
    env.register("alice");
    let path = env.session_file("alice");
    let original = std::fs::read_to_string(&path).unwrap();
    let mut v: serde_json::Value = serde_json::from_str(&original).unwrap();

    // Extending the expiry by hand breaks the MAC.
    v["expires_at"] = serde_json::json!(v["expires_at"].as_i64().unwrap() + 86400 * 365);
    std::fs::write(&path, v.to_string()).unwrap();
    assert_eq!(env.err_as(&["whoami"], 3).code, "session_expired");
    assert!(!path.exists());

    // Truncated.
    std::fs::write(&path, &original[..original.len() / 2]).unwrap();
    let e = env.err_as(&["whoami"], 3);
    assert_eq!(e.code, "session_expired");
    assert!(!path.exists());

    // A session belonging to another user.
    let mut other: serde_json::Value = serde_json::from_str(&original).unwrap();
    other["user"] = "bob".into();
    std::fs::write(&path, other.to_string()).unwrap();
    assert_eq!(env.err_as(&["whoami"], 3).code, "session_expired");
    assert!(!path.exists());

    // The original, untouched, still works (nothing else was damaged).
    std::fs::write(&path, &original).unwrap();
    assert_eq!(env.ok_as::<WhoAmI>(&["whoami"]).user, "alice");
    assert!(env.events().contains(&"session_rejected".to_string()));
}

#[test]
fn env_mode_sessions_need_the_token() {
    let env = Env::new();
    env.register("alice");
    env.ok(&["logout"]);
    let login = env.login("alice", &["--session", "env"]);
    assert_eq!(login["session"]["mode"], "env");
    let token = login["session_token"].as_str().unwrap().to_string();
    let file = std::fs::read_to_string(env.session_file("alice")).unwrap();
    assert!(
        !file.contains("AGE-SECRET-KEY"),
        "the identity is only stored wrapped"
    );
    assert!(!file.contains(&token));

    let e = env.err_as(&["whoami"], 3);
    assert_eq!(e.code, "locked");
    assert!(e.hint.as_deref().unwrap().contains("COFFER_SESSION"));
    let run = |token: &str| {
        let mut c = env.command(&["--json", "whoami"]);
        c.env("COFFER_SESSION", token);
        let out = c.output().unwrap();
        (
            out.status.code().unwrap(),
            serde_json::from_slice::<serde_json::Value>(&out.stdout).unwrap(),
        )
    };
    let (code, v) = run(&token);
    assert_eq!(code, 0, "{v}");
    let w: WhoAmI = typed(v["data"].clone(), &["whoami"]);
    assert_eq!(w.session.mode, SessionMode::Env);
    let (code, v) = run("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
    let e: ErrorEnvelope = typed(v, &["whoami"]);
    e.error.check_extras();
    assert_eq!((code, e.error.code), (3, ErrorCode::Locked));
    assert!(
        env.session_file("alice").exists(),
        "a wrong token does not destroy the session"
    );

    // The human form is ready for eval.
    env.ok(&["logout"]);
    let pw = env.secret_path("pw");
    let r = env.run(&["login", "--session", "env", "--password-file", &pw]);
    assert_eq!(r.code, 0);
    let first = r.stdout.lines().next().unwrap();
    assert!(
        first.starts_with("export COFFER_SESSION=") && first.len() > 40,
        "{first}"
    );
    assert!(
        r.stdout.lines().skip(1).all(|l| l.starts_with('#')),
        "{}",
        r.stdout
    );
}

#[test]
fn session_lives_in_the_runtime_dir_when_there_is_one() {
    let mut env = Env::new();
    let rt = env.secrets.join("runtime");
    std::fs::create_dir_all(&rt).unwrap();
    env.vars
        .push(("XDG_RUNTIME_DIR".into(), rt.to_string_lossy().into_owned()));
    env.register("alice");
    assert!(!env.home.join("sessions").exists());
    let found: Vec<_> = walk(&rt)
        .into_iter()
        .filter(|p| p.ends_with("alice.session"))
        .collect();
    assert_eq!(found.len(), 1, "{found:?}");
    use std::os::unix::fs::PermissionsExt;
    assert_eq!(
        std::fs::metadata(&found[0]).unwrap().permissions().mode() & 0o777,
        0o600
    );
    assert_eq!(
        std::fs::metadata(found[0].parent().unwrap())
            .unwrap()
            .permissions()
            .mode()
            & 0o777,
        0o700
    );
    assert_eq!(env.ok_as::<WhoAmI>(&["whoami"]).user, "alice");
    env.ok(&["logout"]);
    assert!(!found[0].exists());
}

fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    crate::common::snapshot(dir).into_keys().collect()
}
