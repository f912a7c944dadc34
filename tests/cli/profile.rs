//! profile.json is read while the vault is locked, so it is a claim: the fields that
//! steer coffer are bound to the vault key, absurd KDF parameters are refused before any
//! KDF runs, and a fixed test clock never applies to a vault with the production KDF.

use crate::common::{Env, snapshot};
use serde_json::Value;

/// A change to profile.json's JSON.
type Edit = Box<dyn Fn(&mut Value)>;

fn edit_profile(env: &Env, user: &str, edit: impl Fn(&mut Value)) {
    let path = env.user_dir(user).join("profile.json");
    let mut p: Value = serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
    edit(&mut p);
    std::fs::write(&path, serde_json::to_vec_pretty(&p).unwrap()).unwrap();
}

/// Each field that steers coffer, changed in profile.json: the next unlock refuses it
/// as damage (exit 8, with the hint), never `internal`, never silence; nothing changes.
#[test]
fn a_changed_profile_field_is_detected_at_unlock() {
    let env = Env::new();
    env.register("alice");
    env.ok(&["wallet", "create", "main", "--network", "regtest"]);
    let pw = env.secret_path("pw");
    let dir = env.user_dir("alice");
    let original = std::fs::read(dir.join("profile.json")).unwrap();
    assert!(env.profile("alice")["binding"].as_str().is_some());
    let other_recipient = {
        let other = Env::new();
        other.register("alice");
        other.profile("alice")["vault_recipient"].clone()
    };
    let edits: Vec<(&str, Edit)> = vec![
        (
            "kdf_profile",
            Box::new(|p| p["kdf_profile"] = "default".into()),
        ),
        (
            "audit_head",
            Box::new(|p| p["audit_head"]["count"] = 999.into()),
        ),
        (
            "password_changed_at",
            Box::new(|p| p["password_changed_at"] = 0.into()),
        ),
        (
            "kdf params",
            Box::new(|p| p["keyslots"][1]["kdf"]["t"] = 2.into()),
        ),
        ("binding removed", Box::new(|p| p["binding"] = Value::Null)),
        (
            "vault_recipient",
            Box::new(move |p| p["vault_recipient"] = other_recipient.clone()),
        ),
        ("username", Box::new(|p| p["username"] = "bob".into())),
        ("format", Box::new(|p| p["format"] = 2.into())),
        (
            "no keyslots",
            Box::new(|p| p["keyslots"] = Value::Array(vec![])),
        ),
        ("garbage", Box::new(|p| p["keyslots"] = "[".into())),
    ];
    for (what, edit) in edits {
        std::fs::write(dir.join("profile.json"), &original).unwrap();
        env.ok(&["login", "--password-file", &pw]);
        edit_profile(&env, "alice", |p| {
            edit(p);
            if p["binding"].is_null() {
                p.as_object_mut().unwrap().remove("binding");
            }
        });
        let before = snapshot(&dir);
        for args in [
            vec!["wallet", "list"],
            vec!["login", "--password-file", pw.as_str()],
        ] {
            let e = env.err(&args, 8);
            assert_eq!(e["code"], "vault_damaged", "{what}: {args:?}: {e}");
            assert!(
                e["message"].as_str().unwrap().contains("profile.json"),
                "{what}: {e}"
            );
            assert!(
                e["hint"].as_str().unwrap().contains("restore"),
                "{what}: {e}"
            );
        }
        assert_eq!(before, snapshot(&dir), "{what}: nothing written");
    }
    // Put back, everything works again.
    std::fs::write(dir.join("profile.json"), &original).unwrap();
    env.ok(&["login", "--password-file", &pw]);
    env.ok(&["wallet", "list"]);
}

/// A profile made before bindings existed still opens, and the next write binds it;
/// then removing the binding is noticed.
#[test]
fn a_profile_from_before_bindings_is_bound_by_the_next_write() {
    let env = Env::new();
    env.register("alice");
    let pw = env.secret_path("pw");
    // Make it look old: no binding in the profile, no mark in the vault.
    edit_profile(&env, "alice", |p| {
        p.as_object_mut().unwrap().remove("binding");
    });
    let mut conn = crate::common::open_vault(&env, "alice", "vault.age");
    conn.execute("DELETE FROM meta WHERE key = 'profile_bound'", [])
        .unwrap();
    crate::common::write_vault(&env, "alice", &mut conn);
    env.ok(&["login", "--password-file", &pw]);
    assert!(env.profile("alice")["binding"].as_str().is_some());
    env.ok(&["wallet", "list"]);
    edit_profile(&env, "alice", |p| {
        p.as_object_mut().unwrap().remove("binding");
    });
    assert_eq!(env.err(&["wallet", "list"], 8)["code"], "vault_damaged");
}

/// Absurd KDF parameters are refused at once, before the KDF runs (no minutes-long
/// login holding the user's lock, no `internal`).
#[test]
fn absurd_kdf_parameters_are_refused_before_the_kdf_runs() {
    let env = Env::new();
    env.register("alice");
    let pw = env.secret_path("pw");
    let dir = env.user_dir("alice");
    let original = std::fs::read(dir.join("profile.json")).unwrap();
    let cases: [(&str, Value); 5] = [
        ("t", 0.into()),
        ("m_kib", u32::MAX.into()),
        ("p", 100_000.into()),
        ("salt", "AAAA".into()),
        ("algorithm", "scrypt".into()),
    ];
    for (field, value) in cases {
        std::fs::write(dir.join("profile.json"), &original).unwrap();
        edit_profile(&env, "alice", |p| {
            p["keyslots"][0]["kdf"][field] = value.clone();
        });
        let before = snapshot(&dir);
        let e = env.err(&["login", "--password-file", &pw], 8);
        assert_eq!(e["code"], "vault_damaged", "{field}: {e}");
        assert!(
            e["message"].as_str().unwrap().contains("keyslot"),
            "{field}: {e}"
        );
        assert_eq!(before, snapshot(&dir), "{field}");
    }
}

/// COFFER_TEST_NOW never applies to a vault with the production KDF, whatever the
/// environment says: no fixed clock past a login backoff, a PIN lock or a session's end.
#[test]
fn a_fixed_clock_never_applies_to_a_production_vault() {
    let mut env = Env::new();
    env.vars
        .push(("COFFER_KDF_PROFILE".into(), "default".into()));
    env.register("alice");
    let pw = env.secret_path("pw");
    let wrong = env.secret_path("wrong");
    // Five wrong passwords, then (as if seven more had waited their turn) a wait of two
    // minutes on the real clock.
    for _ in 0..5 {
        env.err(&["login", "--password-file", &wrong], 3);
    }
    edit_profile(&env, "alice", |p| {
        p["failed_logins"] = 12.into();
        p["last_failed_login_ms"] = (now() * 1000).into();
    });
    assert_eq!(
        env.err(&["login", "--password-file", &pw], 9)["code"],
        "rate_limited"
    );
    // The environment of the test suite, with a clock an hour ahead: refused.
    let mut tests = Env::new();
    tests.home = env.home.clone();
    tests.secret("pw", crate::common::PASSWORD);
    tests
        .vars
        .push(("COFFER_TEST_NOW".into(), (now() + 3600).to_string()));
    let dir = env.user_dir("alice");
    let before = snapshot(&dir);
    for args in [
        vec!["login", "--password-file", pw.as_str()],
        vec!["whoami"],
        vec!["wallet", "list"],
    ] {
        let e = tests.err(&args, 2);
        assert_eq!(e["code"], "usage", "{args:?}: {e}");
        assert!(
            e["message"].as_str().unwrap().contains("production KDF"),
            "{e}"
        );
    }
    assert_eq!(before, snapshot(&dir));
    // A session made "in 2030" cannot exist: the login above was refused. With the real
    // clock the backoff still holds.
    assert_eq!(
        env.err(&["login", "--password-file", &pw], 9)["code"],
        "rate_limited"
    );

    // Making the profile claim the test KDF changes nothing that matters: its keyslots
    // no longer unwrap, and with a live session the profile no longer verifies.
    // (wait out the backoff on the real clock is too long for a test: reset the
    // counters, which are not bound, as an attacker with write access could anyway)
    edit_profile(&env, "alice", |p| {
        p["failed_logins"] = 0.into();
        p["last_failed_login_ms"] = Value::Null;
    });
    env.ok(&["login", "--password-file", &pw]);
    edit_profile(&env, "alice", |p| {
        p["kdf_profile"] = "test".into();
        for slot in p["keyslots"].as_array_mut().unwrap() {
            slot["kdf"]["m_kib"] = 64.into();
            slot["kdf"]["t"] = 1.into();
            slot["kdf"]["p"] = 1.into();
        }
    });
    // A clock set back to revive the session would now apply (the profile claims a
    // test vault), but the profile no longer verifies against the session's key.
    let mut past = Env::new();
    past.home = env.home.clone();
    past.vars
        .push(("COFFER_TEST_NOW".into(), (now() - 60).to_string()));
    let e = past.err(&["whoami"], 8);
    assert_eq!(e["code"], "vault_damaged", "{e}");
    let e = tests.err(&["login", "--password-file", &pw], 3);
    assert_eq!(e["code"], "wrong_password", "{e}");
}

fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64
}
