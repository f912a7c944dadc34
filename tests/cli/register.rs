//! `register`, `whoami`, `logout`, `users` and user selection, through the binary.

use crate::common::{Env, snapshot};

#[test]
fn register_login_whoami_logout_cycle() {
    let env = Env::new();
    let reg = env.register("alice");
    assert_eq!(reg["username"], "alice");
    assert_eq!(reg["email"], "alice@example.com");
    assert_eq!(reg["kdf_profile"], "test");
    assert_eq!(reg["kdf_insecure"], true);
    let code = reg["recovery_code"].as_str().unwrap();
    assert_eq!(code.len(), 29, "five groups of five: {code}");
    assert!(
        code.split('-')
            .all(|g| g.len() == 5 && g.chars().all(|c| c.is_ascii_alphanumeric()))
    );
    assert_eq!(reg["session"]["mode"], "file");
    assert_eq!(reg["session"]["idle_timeout_secs"], 900);

    // Registering logs in.
    let who = env.ok(&["whoami"]);
    assert_eq!(who["user"], "alice");
    assert_eq!(who["email"], "alice@example.com");
    assert_eq!(who["kdf_profile"], "test");
    assert_eq!(who["kdf_insecure"], true);
    assert_eq!(who["wallets"], 0);
    assert_eq!(who["home"], env.home.to_string_lossy().as_ref());
    let s = &who["session"];
    assert!(s["idle_left_secs"].as_i64().unwrap() > 890);
    assert!(s["expires_in_secs"].as_i64().unwrap() > 11 * 3600);
    assert!(s["expires_at"].as_str().unwrap().ends_with('Z'));
    assert!(
        !who.to_string().contains(code),
        "the recovery code is shown once only"
    );

    let out = env.ok(&["logout"]);
    assert_eq!(out["was_logged_in"], true);
    let e = env.err(&["whoami"], 3);
    assert_eq!(e["code"], "locked");
    assert!(e["hint"].as_str().unwrap().contains("coffer login"));
    // Logging out again is fine and says so.
    let out = env.ok(&["logout"]);
    assert_eq!(out["was_logged_in"], false);

    let login = env.login("alice", &[]);
    assert_eq!(login["user"], "alice");
    assert_eq!(login["session"]["mode"], "file");
    assert!(login.get("session_token").is_none());
    assert_eq!(env.ok(&["whoami"])["user"], "alice");

    let events = env.events();
    assert_eq!(
        events,
        ["login", "logout", "login", "register"],
        "newest first"
    );
}

#[test]
fn human_output_goes_to_stdout_and_errors_to_stderr() {
    let env = Env::new();
    env.register("alice");
    let r = env.run(&["whoami"]);
    assert_eq!(r.code, 0);
    assert!(
        r.stdout.contains("User:") && r.stdout.contains("alice"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout.contains("INSECURE"),
        "the test KDF profile is reported: {}",
        r.stdout
    );
    env.ok(&["logout"]);
    let r = env.run(&["whoami"]);
    assert_eq!(r.code, 3);
    assert!(r.stdout.is_empty());
    assert!(
        r.stderr.starts_with("error: ") && r.stderr.contains("hint: run `coffer login`"),
        "{}",
        r.stderr
    );
}

#[test]
fn bad_registrations_are_refused_and_create_nothing() {
    let env = Env::new();
    let (pw, pin) = (env.secret_path("pw"), env.secret_path("pin"));
    let weak = env.secret("weak", "password123");
    let named = env.secret("named", "alice2026");
    let short_pin = env.secret("pin3", "123");
    let long_pin = env.secret("pin13", "1234567890123");
    let alpha_pin = env.secret("pinx", "12ab");
    let long_name = "x".repeat(33);
    let cases: Vec<(Vec<&str>, &str, Option<&str>)> = vec![
        (
            vec![
                "--username",
                "alice",
                "--email",
                "a@example.com",
                "--password-file",
                &weak,
                "--pin-file",
                &pin,
            ],
            "weak_password",
            None,
        ),
        (
            vec![
                "--username",
                "alice",
                "--email",
                "a@example.com",
                "--password-file",
                &named,
                "--pin-file",
                &pin,
            ],
            "weak_password",
            None,
        ),
        (
            vec![
                "--username",
                "alice",
                "--email",
                "not-an-email",
                "--password-file",
                &pw,
                "--pin-file",
                &pin,
            ],
            "invalid_input",
            Some("email"),
        ),
        (
            vec![
                "--username",
                "alice",
                "--email",
                "a@localhost",
                "--password-file",
                &pw,
                "--pin-file",
                &pin,
            ],
            "invalid_input",
            Some("email"),
        ),
        (
            vec![
                "--username",
                "Alice",
                "--email",
                "a@example.com",
                "--password-file",
                &pw,
                "--pin-file",
                &pin,
            ],
            "invalid_input",
            Some("username"),
        ),
        (
            vec![
                "--username",
                "a/b",
                "--email",
                "a@example.com",
                "--password-file",
                &pw,
                "--pin-file",
                &pin,
            ],
            "invalid_input",
            Some("username"),
        ),
        (
            vec![
                "--username",
                &long_name,
                "--email",
                "a@example.com",
                "--password-file",
                &pw,
                "--pin-file",
                &pin,
            ],
            "invalid_input",
            Some("username"),
        ),
        (
            vec![
                "--username",
                "alice",
                "--email",
                "a@example.com",
                "--password-file",
                &pw,
                "--pin-file",
                &short_pin,
            ],
            "invalid_input",
            Some("pin"),
        ),
        (
            vec![
                "--username",
                "alice",
                "--email",
                "a@example.com",
                "--password-file",
                &pw,
                "--pin-file",
                &long_pin,
            ],
            "invalid_input",
            Some("pin"),
        ),
        (
            vec![
                "--username",
                "alice",
                "--email",
                "a@example.com",
                "--password-file",
                &pw,
                "--pin-file",
                &alpha_pin,
            ],
            "invalid_input",
            Some("pin"),
        ),
    ];
    for (args, code, field) in cases {
        let mut a = vec!["register"];
        a.extend(args.iter().copied());
        let e = env.err(&a, 5);
        assert_eq!(e["code"], code, "{a:?}: {e}");
        if let Some(f) = field {
            assert_eq!(e["field"], f, "{a:?}: {e}");
        }
        assert!(!env.home.exists(), "{a:?} created {}", env.home.display());
    }
    // The weak-password message carries the estimator's reason.
    let e = env.err(
        &[
            "register",
            "--username",
            "alice",
            "--email",
            "a@example.com",
            "--password-file",
            &weak,
            "--pin-file",
            &pin,
        ],
        5,
    );
    assert!(
        e["message"].as_str().unwrap().len() > "password is too weak: ".len(),
        "{e}"
    );

    // Duplicate user: refused, the existing user untouched.
    env.register("alice");
    let before = snapshot(&env.home.join("users"));
    let e = env.err(
        &[
            "register",
            "--username",
            "alice",
            "--email",
            "b@example.com",
            "--password-file",
            &pw,
            "--pin-file",
            &pin,
        ],
        5,
    );
    assert_eq!(e["code"], "user_exists");
    assert_eq!(before, snapshot(&env.home.join("users")));
}

#[test]
fn missing_secrets_without_a_terminal_are_errors_not_hangs() {
    let env = Env::new();
    let pin = env.secret_path("pin");
    let e = env.err(
        &[
            "register",
            "--username",
            "alice",
            "--email",
            "a@example.com",
            "--pin-file",
            &pin,
        ],
        2,
    );
    assert_eq!(e["code"], "input_required");
    assert!(e["hint"].as_str().unwrap().contains("--password-file"));
    let pw = env.secret_path("pw");
    let e = env.err(
        &[
            "register",
            "--username",
            "alice",
            "--email",
            "a@example.com",
            "--password-file",
            &pw,
        ],
        2,
    );
    assert_eq!(e["code"], "input_required");
    let e = env.err(
        &[
            "register",
            "--email",
            "a@example.com",
            "--password-file",
            &pw,
            "--pin-file",
            &pin,
        ],
        2,
    );
    assert_eq!(e["code"], "input_required");
    assert!(!env.home.exists());
}

#[test]
fn secrets_from_stdin_and_environment() {
    let env = Env::new();
    let mut c = env.command(&[
        "--json",
        "register",
        "--username",
        "bob",
        "--email",
        "bob@example.com",
        "--password-stdin",
    ]);
    c.env("COFFER_PIN", "98765");
    let out = crate::common::feed(c, &format!("{}\n", crate::common::PASSWORD));
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    env.ok(&["logout"]);
    let mut c = env.command(&["--json", "login"]);
    c.env("COFFER_PASSWORD", crate::common::PASSWORD);
    assert_eq!(c.output().unwrap().status.code(), Some(0));
    assert_eq!(env.ok(&["whoami"])["user"], "bob");
}

#[test]
fn users_and_user_selection() {
    let env = Env::new();
    assert_eq!(env.ok(&["users"])["total"], 0);
    let e = env.err(&["whoami"], 4);
    assert_eq!(e["code"], "no_user");
    env.register("alice");
    env.register("bob");
    let users = env.ok(&["users"]);
    assert_eq!(users["total"], 2);
    let names: Vec<&str> = users["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["alice", "bob"]);
    // Both are logged in; the default is the most recent login.
    assert_eq!(env.ok(&["whoami"])["user"], "bob");
    assert_eq!(env.ok(&["--user", "alice", "whoami"])["user"], "alice");
    let mut c = env.command(&["--json", "whoami"]);
    c.env("COFFER_USER", "alice");
    let v: serde_json::Value = serde_json::from_slice(&c.output().unwrap().stdout).unwrap();
    assert_eq!(v["data"]["user"], "alice");
    let e = env.err(&["--user", "carol", "whoami"], 4);
    assert_eq!(e["code"], "user_not_found");
    // `users` needs no unlock.
    env.ok(&["--user", "alice", "logout"]);
    env.ok(&["--user", "bob", "logout"]);
    assert_eq!(env.ok(&["users"])["total"], 2);
}

#[test]
fn usage_errors_are_json_under_json() {
    let env = Env::new();
    let e = env.err(&["frobnicate"], 2);
    assert_eq!(e["code"], "usage");
    let e = env.err(&["login", "--no-such-flag"], 2);
    assert_eq!(e["code"], "usage");
    let r = env.run(&["frobnicate"]);
    assert_eq!(r.code, 2);
    assert!(r.stdout.is_empty() && r.stderr.contains("frobnicate"));
    let r = env.run(&["--help"]);
    assert_eq!(r.code, 0);
    assert!(r.stdout.contains("register"));
    env.register("alice");
    let e = env.err(&["login", "--timeout", "soon"], 5);
    assert_eq!(e["field"], "duration");
    let e = env.err(&["security", "log", "--since", "someday"], 5);
    assert_eq!(e["field"], "date");
}

#[test]
fn the_default_user_is_the_latest_login_even_within_one_second() {
    let env = Env::new();
    env.register("alice");
    env.register("bob");
    env.login("bob", &[]);
    env.login("alice", &[]);
    assert_eq!(env.ok(&["whoami"])["user"], "alice");
    env.login("bob", &[]);
    assert_eq!(env.ok(&["whoami"])["user"], "bob");
}

#[test]
fn a_damaged_profile_does_not_hide_the_other_users() {
    let env = Env::new();
    env.register("alice");
    env.register("bob");
    std::fs::write(env.user_dir("bob").join("profile.json"), "{").unwrap();
    let users = env.ok(&["users"]);
    assert_eq!(users["total"], 2);
    assert!(users["items"][0]["damaged"].is_null());
    assert!(
        users["items"][1]["damaged"]
            .as_str()
            .unwrap()
            .contains("profile.json")
    );
    assert_eq!(env.ok(&["--user", "alice", "whoami"])["user"], "alice");
    let e = env.err(&["--user", "bob", "whoami"], 8);
    assert_eq!(e["code"], "vault_damaged");
    assert!(e["hint"].as_str().unwrap().contains("backup"), "{e}");
}

#[test]
fn any_spelling_of_the_home_is_the_same_home() {
    let env = Env::new();
    env.register("alice");
    let home = env.home.to_string_lossy().into_owned();
    let link = env.secrets.join("link");
    std::os::unix::fs::symlink(&env.home, &link).unwrap();
    for spelling in [
        format!("{home}/"),
        format!("{home}/./"),
        link.to_string_lossy().into_owned(),
    ] {
        assert_eq!(
            env.ok(&["--home", &spelling, "whoami"])["user"],
            "alice",
            "{spelling}"
        );
    }
}
