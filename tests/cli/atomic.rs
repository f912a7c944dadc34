//! `register` and `restore vault` are atomic: killed (SIGKILL, injected by strace) at
//! every system call that changes the file system, once or twice in a row, they leave
//! the user absent (and a new try succeeds) or whole (login works), never half made.

use crate::common::{Env, Run};
use crate::kills;
use std::path::Path;

/// An [`Env`] whose home is on a tmpfs (/dev/shm) where there is one: a kill does not
/// depend on the file system, and a synced write there costs nothing, which keeps the
/// hundreds of runs below quick.
struct Fast {
    env: Env,
    _shm: Option<tempfile::TempDir>,
}

impl std::ops::Deref for Fast {
    type Target = Env;
    fn deref(&self) -> &Env {
        &self.env
    }
}

fn fast() -> Fast {
    let mut env = Env::new();
    let shm = tempfile::tempdir_in("/dev/shm").ok();
    if let Some(d) = &shm {
        env.home = d.path().join("home");
    }
    Fast { env, _shm: shm }
}

/// Runs coffer with `args` in `env`, SIGKILLed at the `n`-th call of `syscall`: None
/// when it was killed, else how it ended.
fn killed_at(env: &Env, args: &[&str], syscall: &str, n: usize) -> Option<Run> {
    let strace_args = [
        "-f".to_string(),
        "-o".into(),
        "/dev/null".into(),
        "-e".into(),
        format!("trace={syscall}"),
        "-e".into(),
        format!("inject={syscall}:signal=SIGKILL:when={n}"),
    ];
    let out = kills::under_strace(&env.command(args), &strace_args)
        .output()
        .expect("running strace");
    let code = out.status.code();
    if code.is_none() || code == Some(128 + 9) {
        return None;
    }
    Some(Run {
        code: code.unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    })
}

/// Kills `args` at each of its kill points ([`kills::kill_points`]: every call of
/// [`kills::FS_CALLS`] that changes the files, found by one traced run in a home made by
/// `setup`), each time in a fresh home made by `setup`, and hands the home and the point
/// to `check`. Returns the number of points killed; asserts that each run was killed.
fn kill_everywhere(
    setup: &dyn Fn() -> Fast,
    args: &dyn Fn(&Env) -> Vec<String>,
    check: &dyn Fn(&Env, &str, usize),
) -> usize {
    let traced = setup();
    let points = kills::kill_points(
        &kills::trace(&traced.command(&strs(&args(&traced)))),
        &kills::FS_CALLS,
    );
    for (syscall, n) in &points {
        let env = setup();
        let a = args(&env);
        if let Some(run) = killed_at(&env, &strs(&a), syscall, *n) {
            panic!(
                "{syscall} #{n} was not reached: the traced run and this one differ: {} {}",
                run.stdout, run.stderr
            );
        }
        check(&env, syscall, *n);
    }
    points.len()
}

fn register_args(env: &Env, user: &str, email: &str) -> Vec<String> {
    [
        "--json",
        "register",
        "--username",
        user,
        "--email",
        email,
        "--password-file",
        &env.secret_path("pw"),
        "--pin-file",
        &env.secret_path("pin"),
    ]
    .map(String::from)
    .to_vec()
}

/// The entries of `users/` that are not users (left by a killed command).
fn leftovers(env: &Env) -> Vec<String> {
    std::fs::read_dir(env.home.join("users"))
        .map(|rd| {
            rd.flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|n| n.starts_with('.') && n != ".staging.lock")
                .collect()
        })
        .unwrap_or_default()
}

/// The user is whole: the password `pw_file` logs in and `whoami` reads the vault.
/// Returns the number of wallets.
fn whole(env: &Env, user: &str, pw_file: &str, at: &str) -> i64 {
    let r = env.run(&[
        "--json",
        "--user",
        user,
        "login",
        "--password-file",
        pw_file,
    ]);
    assert_eq!(r.code, 0, "{at}: {user} is not whole: {}", r.stdout);
    let w = env.run(&["--json", "--user", user, "whoami"]);
    assert_eq!(w.code, 0, "{at}: {}", w.stdout);
    w.json()["data"]["wallets"].as_i64().unwrap()
}

/// After a kill of `register alice`: absent (and a new register succeeds) or whole.
fn absent_or_whole(env: &Env, at: &str) -> bool {
    let dir = env.user_dir("alice");
    if dir.exists() {
        assert!(
            dir.join("profile.json").exists(),
            "{at}: a user directory without profile.json"
        );
        whole(env, "alice", &env.secret_path("pw"), at);
        true
    } else {
        let e = env.run(&["--json", "--user", "alice", "whoami"]);
        assert_eq!(e.code, 4, "{at}: {}", e.stdout);
        assert_eq!(e.json()["error"]["code"], "user_not_found", "{at}");
        false
    }
}

#[test]
fn register_killed_at_any_step_leaves_no_half_user() {
    let killed = kill_everywhere(
        &fast,
        &|env| register_args(env, "alice", "alice@example.com"),
        &|env, syscall, n| {
            let at = format!("killed at {syscall} #{n}");
            if absent_or_whole(env, &at) {
                // A retry finds the user and changes nothing.
                let r = env.run(&strs(&register_args(env, "alice", "alice@example.com")));
                assert_eq!(r.code, 5, "{at}: {}", r.stdout);
                assert_eq!(r.json()["error"]["code"], "user_exists");
            } else {
                // A second kill in a row, at the same step of the retry.
                let again = register_args(env, "alice", "alice@example.com");
                match killed_at(env, &strs(&again), syscall, n) {
                    None => {
                        absent_or_whole(env, &format!("{at}, twice"));
                    }
                    Some(r) => assert_eq!(r.code, 0, "{at}, retried: {}", r.stdout),
                }
                if !env.user_dir("alice").exists() {
                    env.ok(&strs(&again)[1..]);
                }
                whole(env, "alice", &env.secret_path("pw"), &at);
            }
            assert_eq!(leftovers(env), Vec::<String>::new(), "{at}");
        },
    );
    // openat, write, mkdir, chmod, unlink, rename and renameat2 are all reached (30 points
    // that change the files; fsyncs and reads change nothing a kill can see).
    assert!(killed >= 25, "only {killed} steps were killed");
}

fn strs(v: &[String]) -> Vec<&str> {
    v.iter().map(String::as_str).collect()
}

#[test]
fn parallel_registers_of_one_name_one_wins() {
    let env = Env::new();
    let children: Vec<_> = (0..6)
        .map(|i| {
            let a = register_args(&env, "alice", &format!("alice{i}@example.com"));
            env.command(&strs(&a))
                .stdout(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    let mut won = vec![];
    for c in children {
        let out = c.wait_with_output().unwrap();
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        match out.status.code() {
            Some(0) => won.push(v["data"]["email"].as_str().unwrap().to_string()),
            Some(5) => assert_eq!(v["error"]["code"], "user_exists", "{v}"),
            other => panic!("{other:?}: {v}"),
        }
    }
    assert_eq!(won.len(), 1, "{won:?}");
    whole(&env, "alice", &env.secret_path("pw"), "after the race");
    let w = env.ok(&["--user", "alice", "whoami"]);
    assert_eq!(
        w["email"],
        won[0].as_str(),
        "the winner's vault is the one in place"
    );
    assert_eq!(leftovers(&env), Vec::<String>::new());
}

/// Copies the directory tree `from` to `to`.
fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap().flatten() {
        let (src, dst) = (e.path(), to.join(e.file_name()));
        if e.file_type().unwrap().is_dir() {
            copy_tree(&src, &dst);
        } else {
            std::fs::copy(&src, &dst).unwrap();
        }
    }
}

const NEW_PASSWORD: &str = "orbit-candle-meadow-fjord-42";

/// A home where alice has a backup (in `users/alice/backups/`) holding one wallet, and
/// a second wallet made after it; returns the backup file. (Watch-only wallets: a
/// restore then derives no keys, which an unoptimized build does slowly.)
fn alice_with_a_backup() -> (Fast, String) {
    let env = fast();
    env.register("alice");
    let watch = |name: &str, address: &str| {
        env.ok(&["wallet", "import", name, "--eth-address", address]);
    };
    watch("one", "0x7E5F4552091A69125d5DfCb7b8C2659029395Bdf");
    // To an age recipient: a passphrase's scrypt is slow in an unoptimized build.
    let id = age::x25519::Identity::generate();
    env.secret("backup-identity", &{
        use secrecy::ExposeSecret as _;
        id.to_string().expose_secret().to_string()
    });
    let backups = env.user_dir("alice").join("backups");
    std::fs::create_dir_all(&backups).unwrap();
    let out = backups.join("offsite.age").to_string_lossy().into_owned();
    let recipient = id.to_public().to_string();
    let b = env.ok(&["backup", "create", "--recipient", &recipient, "--out", &out]);
    watch("two", "0x2B5AD5c4795c026514f8317c7a215E218DcCD6cF");
    env.secret("new-pw", NEW_PASSWORD);
    (env, b["file"].as_str().unwrap().to_string())
}

/// A fresh home holding a copy of `template`'s.
fn copy_of(template: &Env) -> Fast {
    let env = fast();
    copy_tree(&template.home, &env.home);
    copy_tree(&template.secrets, &env.secrets);
    env
}

fn restore_args(env: &Env, file: &str, extra: &[&str]) -> Vec<String> {
    let mut a: Vec<String> = [
        "--json",
        "restore",
        "vault",
        file,
        "--identity",
        &env.secret_path("backup-identity"),
        "--password-file",
        &env.secret_path("new-pw"),
        "--pin-file",
        &env.secret_path("pin"),
    ]
    .map(String::from)
    .to_vec();
    a.extend(extra.iter().map(|s| s.to_string()));
    a
}

/// After a kill of `restore vault --force` over alice: alice is the old user (the old
/// vault key, the old password, two wallets) or the restored one (a new key, the new
/// password, one wallet), whole either way, with her backups still there. True when she
/// is the restored one.
fn old_or_restored(env: &Env, old_key: &serde_json::Value, file: &str, at: &str) -> bool {
    let dir = env.user_dir("alice");
    assert!(
        dir.join("profile.json").exists(),
        "{at}: alice has no profile"
    );
    assert!(Path::new(file).exists(), "{at}: her backup is gone");
    if env.profile("alice")["vault_recipient"] == *old_key {
        assert_eq!(whole(env, "alice", &env.secret_path("pw"), at), 2, "{at}");
        return false;
    }
    assert_eq!(
        whole(env, "alice", &env.secret_path("new-pw"), at),
        1,
        "{at}"
    );
    // The login removed what the restore kept of the old vault.
    assert!(!dir.join("vault.age.before-restore").exists(), "{at}");
    true
}

/// The files below `dir`, by path relative to it, with their content.
fn relative_snapshot(dir: &Path) -> Vec<(std::path::PathBuf, Vec<u8>)> {
    crate::common::snapshot(dir)
        .into_iter()
        .map(|(p, c)| (p.strip_prefix(dir).unwrap().to_path_buf(), c))
        .collect()
}

#[test]
fn a_forced_restore_killed_at_any_step_leaves_the_old_or_the_new_user_whole() {
    let (template, file) = alice_with_a_backup();
    // The backup file lives in the home: each copy has it at its own path.
    let rel = Path::new(&file)
        .strip_prefix(&template.home)
        .unwrap()
        .to_path_buf();
    let file_in = |env: &Env| env.home.join(&rel).to_string_lossy().into_owned();
    let old_key = template.profile("alice")["vault_recipient"].clone();
    let old_or_restored =
        |env: &Env, file: &str, at: &str| old_or_restored(env, &old_key, file, at);
    let killed = kill_everywhere(
        &|| copy_of(&template),
        &|env| restore_args(env, &file_in(env), &["--force"]),
        &|env, syscall, n| {
            let at = format!("killed at {syscall} #{n}");
            let file = file_in(env);
            if !old_or_restored(env, &file, &at) {
                // A second kill in a row at the same step, then a retry to the end.
                let again = restore_args(env, &file, &["--force"]);
                let restored = match killed_at(env, &strs(&again), syscall, n) {
                    None => old_or_restored(env, &file, &format!("{at}, twice")),
                    Some(r) => {
                        assert_eq!(r.code, 0, "{at}, retried: {}", r.stdout);
                        old_or_restored(env, &file, &format!("{at}, retried"))
                    }
                };
                if !restored {
                    env.ok(&strs(&again)[1..]);
                    assert!(old_or_restored(env, &file, &format!("{at}, retried")));
                }
            }
            assert_eq!(leftovers(env), Vec::<String>::new(), "{at}");
        },
    );
    // 45 points that change the files.
    assert!(killed >= 40, "only {killed} steps were killed");
}

#[test]
fn a_restore_as_a_new_user_killed_at_any_step_is_absent_or_whole() {
    let (template, file) = alice_with_a_backup();
    let rel = Path::new(&file)
        .strip_prefix(&template.home)
        .unwrap()
        .to_path_buf();
    let file_in = |env: &Env| env.home.join(&rel).to_string_lossy().into_owned();
    let alice = relative_snapshot(&template.user_dir("alice"));
    let killed = kill_everywhere(
        &|| copy_of(&template),
        &|env| restore_args(env, &file_in(env), &["--as", "bob"]),
        &|env, syscall, n| {
            let at = format!("killed at {syscall} #{n}");
            let bob = env.user_dir("bob");
            if !bob.exists() {
                let again = restore_args(env, &file_in(env), &["--as", "bob"]);
                env.ok(&strs(&again)[1..]);
            }
            assert!(bob.join("profile.json").exists(), "{at}");
            assert_eq!(whole(env, "bob", &env.secret_path("new-pw"), &at), 1);
            // Alice is untouched, byte for byte.
            assert!(relative_snapshot(&env.user_dir("alice")) == alice, "{at}");
            assert_eq!(leftovers(env), Vec::<String>::new(), "{at}");
        },
    );
    // 27 points that change the files.
    assert!(killed >= 22, "only {killed} steps were killed");
}

#[test]
fn a_leftover_staging_directory_is_swept_and_never_listed() {
    let env = Env::new();
    env.register("alice");
    // What a register killed half-way leaves: a directory that is not a user.
    let stale = env.home.join("users").join(".staging-bob-0011223344556677");
    std::fs::create_dir_all(stale.join("inbox")).unwrap();
    std::fs::write(stale.join("profile.json"), b"{").unwrap();
    assert_eq!(env.ok(&["users"])["total"], 1);
    let e = env.err(&["--user", "bob", "whoami"], 4);
    assert_eq!(e["code"], "user_not_found");
    env.register("bob");
    assert!(!stale.exists());
}
