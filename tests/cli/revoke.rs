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
    for args in [
        vec!["wallet", "list"],
        vec!["addr", "new"],
        vec!["whoami"],
        vec!["status", "--offline"],
    ] {
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

/// `security rekey` is the remedy for a leaked session file: the vault gets a new key,
/// every file of the vault is encrypted to it alone, and the old key (which a file-mode
/// session file holds) opens nothing; the books and the password carry over.
#[test]
fn rekey_gives_the_vault_a_new_key_that_old_session_files_cannot_open() {
    use crate::fund::{hex, pay};
    let env = Env::new();
    env.regtest_wallet("alice", "main");
    let pw = env.secret_path("pw");
    let addr = env.ok(&["receive"])["address"]
        .as_str()
        .unwrap()
        .to_string();
    let tx = pay(&[(&addr, 80_000)], bitcoin::Network::Regtest, 7);
    env.ok(&["receive", "import", "--tx", &hex(&tx)]);
    env.ok(&["addr", "new"]);
    let leaked = saved_copy(&env);
    let old_key: age::x25519::Identity = serde_json::from_slice::<serde_json::Value>(&leaked)
        .unwrap()["identity"]
        .as_str()
        .unwrap()
        .parse()
        .unwrap();
    let dir = env.user_dir("alice");
    let opens = |key: &age::x25519::Identity, file: &std::path::Path| {
        let ct = std::fs::read(file).unwrap();
        age::decrypt(key, &ct).is_ok()
    };
    assert!(opens(&old_key, &dir.join("vault.age")));

    let r = env.ok(&["security", "rekey", "--password-file", &pw]);
    assert_eq!(r["sessions_ended"], true, "{r}");
    let code = r["recovery_code"].as_str().unwrap().to_string();
    // No file of the vault opens with the old key.
    let mut files = vec![];
    for e in std::fs::read_dir(&dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_file() && p.file_name().unwrap().to_string_lossy().contains(".age") {
            files.push(p);
        }
    }
    assert!(files.iter().any(|f| f.ends_with("engine.age")), "{files:?}");
    for f in &files {
        assert!(
            !opens(&old_key, f),
            "{} opens with the old key",
            f.display()
        );
    }
    // The leaked session file opens nothing.
    put_back(&env, &leaked);
    let e = env.err(&["wallet", "balance"], 3);
    assert_eq!(e["code"], "session_expired", "{e}");
    // The password still logs in; the books and the engine are intact.
    env.ok(&["login", "--password-file", &pw]);
    let b = env.ok(&["wallet", "balance"]);
    assert_eq!(b["items"][0]["total_sat"], 80_000, "{b}");
    env.ok(&["history", "show", &tx.compute_txid().to_string()]);
    assert_eq!(env.ok(&["security", "log", "verify"])["ok"], true);
    // The new recovery code opens the vault (and the old session key never again).
    let code_file = env.secret("code", &code);
    let new_pw = env.secret("new-pw", "violet-harbor-compass-meadow-47");
    env.ok(&[
        "security",
        "recover",
        "--username",
        "alice",
        "--recovery-code-file",
        &code_file,
        "--password-file",
        &new_pw,
    ]);
    env.ok(&["login", "--password-file", &new_pw]);
    assert_eq!(
        env.ok(&["wallet", "balance"])["items"][0]["total_sat"],
        80_000
    );
}

/// `logout` ends the session in the vault itself, not only in the summary beside it:
/// with the summary deleted, or the one from before the logout put back (both valid for
/// the same vault generation had the logout not written the vault), a saved copy of
/// the session file still opens nothing, and the `logout` event is the vault's own.
#[test]
fn a_logout_survives_a_deleted_or_older_summary() {
    let env = Env::new();
    env.register("alice");
    let copy = saved_copy(&env);
    let path = env.user_dir("alice").join("summary");
    let before = std::fs::read(&path).unwrap();
    assert_eq!(env.ok(&["logout"])["was_logged_in"], true);
    put_back(&env, &copy);
    let live: String = crate::common::open_vault(&env, "alice", "vault.age")
        .query_row("SELECT value FROM meta WHERE key = 'session_id'", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(live, "", "the vault still names the ended session");
    for summary in [None, Some(&before)] {
        match summary {
            None => std::fs::remove_file(&path).unwrap(),
            Some(b) => std::fs::write(&path, b).unwrap(),
        }
        put_back(&env, &copy);
        assert_eq!(env.err(&["whoami"], 3)["code"], "session_expired");
        put_back(&env, &copy);
        assert_eq!(env.err(&["wallet", "list"], 3)["code"], "session_expired");
    }
    env.login("alice", &[]);
    let log = env.ok(&["security", "log", "--limit", "10"])["items"].clone();
    let logout = log
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["event"] == "logout")
        .unwrap()
        .clone();
    assert_eq!(logout["source"], "vault", "{logout}");
    assert_eq!(logout["authenticated"], true, "{logout}");
}

/// The summary is only believed for the vault generation it was written for: one that
/// names an older vault (a write that stopped between the vault and the summary), a
/// damaged one, or none at all sends `whoami` to the vault, which answers right.
#[test]
fn a_summary_of_another_vault_or_a_damaged_one_is_not_believed() {
    let env = Env::new();
    env.register("alice");
    let path = env.user_dir("alice").join("summary");
    let older = std::fs::read(&path).unwrap();
    env.ok(&["wallet", "create", "main", "--network", "regtest"]);
    assert_eq!(env.ok(&["whoami"])["wallets"], 1);
    // The write's summary lost: the one of the vault before is there.
    std::fs::write(&path, &older).unwrap();
    assert_eq!(env.ok(&["whoami"])["wallets"], 1);
    std::fs::write(&path, b"{\"v\":1,\"stamp\":\"x\"}").unwrap();
    assert_eq!(env.ok(&["whoami"])["wallets"], 1);
    std::fs::remove_file(&path).unwrap();
    let w = env.ok(&["whoami"]);
    assert_eq!(
        (w["wallets"].clone(), w["email"].clone()),
        (1.into(), "alice@example.com".into())
    );
    // Without a summary, logout writes the vault as before; the next write makes one.
    let copy = saved_copy(&env);
    assert_eq!(env.ok(&["logout"])["was_logged_in"], true);
    put_back(&env, &copy);
    assert_eq!(env.err(&["whoami"], 3)["code"], "session_expired");
    env.login("alice", &[]);
    assert!(path.exists());
    // A summary edited by hand does not decrypt: not believed either.
    let mut f: serde_json::Value = serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
    let ct = f["ct"].as_str().unwrap().to_string();
    let flipped = if ct.starts_with('A') { "B" } else { "A" };
    f["ct"] = format!("{flipped}{}", &ct[1..]).into();
    std::fs::write(&path, serde_json::to_vec(&f).unwrap()).unwrap();
    assert_eq!(env.ok(&["whoami"])["wallets"], 1);
}
