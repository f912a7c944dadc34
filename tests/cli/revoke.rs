//! Sessions are revocable and their idle time is authenticated: a saved copy of a
//! session file opens nothing after `logout` or a new `login`; touching or editing the
//! file never extends a session.

use crate::common::Env;

/// Copies the session file aside and back, as someone who read it could.
fn saved_copy(env: &Env) -> Vec<u8> {
    std::fs::read(env.session_file("alice")).unwrap()
}

fn put_back(env: &Env, bytes: &[u8]) {
    let path = env.session_file("alice");
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, bytes).unwrap();
}

#[test]
fn logout_and_a_new_login_end_every_older_session() {
    let env = Env::new();
    env.register("alice");
    let pw = env.secret_path("pw");
    env.ok(&["wallet", "create", "main", "--network", "regtest"]);
    let copy = saved_copy(&env);
    env.ok(&["logout"]);
    for args in [vec!["wallet", "list"], vec!["addr", "new"], vec!["whoami"]] {
        put_back(&env, &copy);
        let e = env.err(&args, 3);
        assert_eq!(e["code"], "session_expired", "{args:?}: {e}");
        assert!(e["message"].as_str().unwrap().contains("ended"), "{e}");
    }
    // The stale copy, which holds the vault key, is deleted once refused.
    assert!(!env.session_file("alice").exists());

    // A new login ends the session before it, even one still within its time.
    env.ok(&["login", "--password-file", &pw]);
    let old = saved_copy(&env);
    env.ok(&["login", "--password-file", &pw]);
    let new = saved_copy(&env);
    put_back(&env, &old);
    assert_eq!(env.err(&["wallet", "list"], 3)["code"], "session_expired");
    put_back(&env, &new);
    env.ok(&["wallet", "list"]);
    // Logging out with a stale copy in place ends nothing and says so.
    put_back(&env, &old);
    assert_eq!(env.ok(&["logout"])["was_logged_in"], false);
    put_back(&env, &new);
    env.ok(&["wallet", "list"]);
}

/// The idle deadline is inside the MAC: the file's mtime means nothing, and an edited
/// time is refused.
#[test]
fn touching_or_editing_the_file_never_extends_a_session() {
    let mut env = Env::new();
    let t0: i64 = 2_000_000_000;
    env.vars.push(("COFFER_TEST_NOW".into(), t0.to_string()));
    env.register("alice");
    let pw = env.secret_path("pw");
    env.ok(&["login", "--password-file", &pw, "--timeout", "5m"]);
    let path = env.session_file("alice");
    let at = |env: &mut Env, t: i64| {
        env.vars.retain(|(k, _)| k != "COFFER_TEST_NOW");
        env.vars.push(("COFFER_TEST_NOW".into(), t.to_string()));
    };
    // Activity at t0+4m restarts the timer (the file is rewritten under its MAC).
    at(&mut env, t0 + 240);
    env.ok(&["wallet", "list"]);
    let f: serde_json::Value = serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
    assert_eq!(f["last_used_at"], t0 + 240);
    // `touch` on the file does nothing: idle since t0+4m, so expired at t0+9m.
    let later =
        std::time::SystemTime::UNIX_EPOCH + std::time::Duration::from_secs((t0 + 500) as u64);
    std::fs::File::options()
        .write(true)
        .open(&path)
        .unwrap()
        .set_modified(later)
        .unwrap();
    at(&mut env, t0 + 541);
    let e = env.err(&["wallet", "list"], 3);
    assert_eq!(e["code"], "session_expired", "{e}");
    assert!(e["message"].as_str().unwrap().contains("idle"), "{e}");

    // Editing the time in the file breaks its MAC: rejected and deleted.
    at(&mut env, t0 + 600);
    env.ok(&["login", "--password-file", &pw, "--timeout", "5m"]);
    let mut f: serde_json::Value = serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
    f["last_used_at"] = (t0 + 10_000).into();
    std::fs::write(&path, serde_json::to_vec(&f).unwrap()).unwrap();
    at(&mut env, t0 + 1000);
    let e = env.err(&["wallet", "list"], 3);
    assert!(e["message"].as_str().unwrap().contains("altered"), "{e}");
    assert!(!path.exists());
}

/// In env mode the file alone is useless, and nothing in it can extend the session.
#[test]
fn an_env_session_file_alone_cannot_be_extended() {
    let mut env = Env::new();
    let t0: i64 = 2_000_000_000;
    env.vars.push(("COFFER_TEST_NOW".into(), t0.to_string()));
    env.register("alice");
    let pw = env.secret_path("pw");
    let token = env.ok(&[
        "login",
        "--password-file",
        &pw,
        "--session",
        "env",
        "--timeout",
        "5m",
    ])["session_token"]
        .as_str()
        .unwrap()
        .to_string();
    let path = env.session_file("alice");
    let mut f: serde_json::Value = serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
    f["last_used_at"] = (t0 + 3000).into();
    f["expires_at"] = (t0 + 999_999).into();
    std::fs::write(&path, serde_json::to_vec(&f).unwrap()).unwrap();
    env.vars.retain(|(k, _)| k != "COFFER_TEST_NOW");
    env.vars
        .push(("COFFER_TEST_NOW".into(), (t0 + 600).to_string()));
    env.vars.push(("COFFER_SESSION".into(), token));
    let e = env.err(&["wallet", "list"], 3);
    assert_eq!(e["code"], "session_expired", "{e}");
}
