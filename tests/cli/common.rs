//! Test harness: a temporary home per test, the binary run with a clean environment
//! (test KDF profile, no terminal, no inherited coffer variables), and JSON helpers.

use crate::typed::ErrorBody;
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// A strong password that zxcvbn accepts.
pub const PASSWORD: &str = "plaid-otter-quarry-lantern-91";
/// A valid PIN.
pub const PIN: &str = "1234";

/// The path of the binary under test.
pub fn bin() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_coffer"))
}

/// One isolated coffer home plus a place for secret files outside it.
pub struct Env {
    _dir: tempfile::TempDir,
    /// The coffer home.
    pub home: PathBuf,
    /// Files given to the binary (passwords, PINs), outside the home.
    pub secrets: PathBuf,
    /// Extra environment variables for every run.
    pub vars: Vec<(String, String)>,
}

/// The outcome of a run.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    /// The stdout as the JSON envelope.
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.stdout).unwrap_or_else(|e| {
            panic!(
                "stdout is not one JSON document ({e}): {:?} / stderr {:?}",
                self.stdout, self.stderr
            )
        })
    }
}

impl Env {
    pub fn new() -> Self {
        let dir = tempfile::tempdir().expect("tempdir");
        let home = dir.path().join("home");
        let secrets = dir.path().join("secrets");
        std::fs::create_dir_all(&secrets).unwrap();
        let env = Env {
            _dir: dir,
            home,
            secrets,
            vars: vec![],
        };
        env.secret("pw", PASSWORD);
        env.secret("pin", PIN);
        env.secret("wrong", "not-the-password-at-all-77");
        env
    }

    /// Writes a secret file and returns its path as a string.
    pub fn secret(&self, name: &str, content: &str) -> String {
        let p = self.secrets.join(name);
        std::fs::write(&p, format!("{content}\n")).unwrap();
        p.to_string_lossy().into_owned()
    }

    /// The path of a secret file written by [`Env::secret`].
    pub fn secret_path(&self, name: &str) -> String {
        self.secrets.join(name).to_string_lossy().into_owned()
    }

    /// A command for the binary with a clean, test-friendly environment.
    pub fn command(&self, args: &[&str]) -> Command {
        let mut c = Command::new(bin());
        c.args(args)
            .env("COFFER_HOME", &self.home)
            .env("COFFER_KDF_PROFILE", "test")
            .env("NO_COLOR", "1")
            .env("TZ", "UTC")
            .env("COLUMNS", "100")
            .env_remove("XDG_RUNTIME_DIR")
            .env_remove("COFFER_USER")
            .env_remove("COFFER_PASSWORD")
            .env_remove("COFFER_PIN")
            .env_remove("COFFER_SESSION")
            .stdin(Stdio::null());
        for (k, v) in &self.vars {
            c.env(k, v);
        }
        c
    }

    /// Runs the binary and collects its exit code and output.
    pub fn run(&self, args: &[&str]) -> Run {
        let out: Output = self.command(args).output().expect("running coffer");
        Run {
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        }
    }

    /// Starts `n` copies of the command at once and asserts that every one succeeds.
    pub fn all_succeed_in_parallel(&self, n: usize, args: &[&str]) {
        let children: Vec<_> = (0..n)
            .map(|_| {
                self.command(args)
                    .stdout(Stdio::piped())
                    .spawn()
                    .expect("spawn")
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
    }

    /// The names of the audit events, newest first (at most 1000).
    pub fn events(&self) -> Vec<String> {
        self.ok(&["security", "log", "--limit", "1000"])["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["event"].as_str().unwrap().to_string())
            .collect()
    }

    /// Runs with `--json`, asserts success, and returns `data`.
    pub fn ok(&self, args: &[&str]) -> Value {
        let mut a = vec!["--json"];
        a.extend_from_slice(args);
        let r = self.run(&a);
        let v = r.json();
        assert_eq!(r.code, 0, "{args:?} failed: {v}");
        assert_eq!(v["ok"], true, "{v}");
        v["data"].clone()
    }

    /// Runs with `--json`, asserts success, and returns `data` read as `T` (a test-side
    /// type of tests/cli/typed.rs: a renamed, missing or added field fails here).
    pub fn ok_as<T: serde::de::DeserializeOwned>(&self, args: &[&str]) -> T {
        typed(self.ok(args), args)
    }

    /// Runs with `--json`, asserts failure with `exit`, and returns the error object read
    /// as [`ErrorBody`] (its extra fields checked against its code).
    pub fn err_as(&self, args: &[&str], exit: i32) -> ErrorBody {
        let mut a = vec!["--json"];
        a.extend_from_slice(args);
        let r = self.run(&a);
        assert_eq!(r.code, exit, "{args:?}: {}", r.stdout);
        let e: crate::typed::ErrorEnvelope = typed(r.json(), args);
        assert!(!e.ok, "{args:?} should fail: {}", r.stdout);
        assert!(!e.error.message.is_empty(), "{}", r.stdout);
        e.error.check_extras();
        e.error
    }

    /// Runs with `--json`, asserts failure with `exit`, and returns the error object.
    pub fn err(&self, args: &[&str], exit: i32) -> Value {
        let mut a = vec!["--json"];
        a.extend_from_slice(args);
        let r = self.run(&a);
        let v = r.json();
        assert_eq!(v["ok"], false, "{args:?} should fail: {v}");
        assert_eq!(r.code, exit, "{args:?}: {v}");
        for k in ["code", "message"] {
            assert!(
                v["error"][k].as_str().is_some_and(|s| !s.is_empty()),
                "error.{k} missing: {v}"
            );
        }
        v["error"].clone()
    }

    /// Registers `user` (password [`PASSWORD`], PIN [`PIN`]) and returns `data`.
    /// The external and internal descriptors of wallet `name`'s first account.
    pub fn descriptors(&self, name: &str) -> (String, String) {
        let shown = self.ok(&["wallet", "show", name]);
        let desc = |k: &str| shown["accounts"][0][k].as_str().unwrap().to_string();
        (desc("external_descriptor"), desc("internal_descriptor"))
    }

    /// Registers `user` with a regtest Bitcoin wallet `name` (a new seed).
    pub fn regtest_wallet(&self, user: &str, name: &str) {
        self.register(user);
        self.ok(&[
            "wallet",
            "create",
            name,
            "--network",
            "regtest",
            "--chains",
            "btc",
        ]);
    }

    pub fn register(&self, user: &str) -> Value {
        let email = format!("{user}@example.com");
        let (pw, pin) = (self.secret_path("pw"), self.secret_path("pin"));
        self.ok(&[
            "register",
            "--username",
            user,
            "--email",
            &email,
            "--password-file",
            &pw,
            "--pin-file",
            &pin,
        ])
    }

    /// `restore vault FILE --passphrase-file PASS` with the password and PIN files of
    /// [`Env::register`], then `extra`.
    pub fn restore_args(&self, file: &str, pass: &str, extra: &[&str]) -> Vec<String> {
        let (pw, pin) = (self.secret_path("pw"), self.secret_path("pin"));
        let mut a: Vec<String> = [
            "restore",
            "vault",
            file,
            "--passphrase-file",
            pass,
            "--password-file",
            &pw,
            "--pin-file",
            &pin,
        ]
        .map(String::from)
        .to_vec();
        a.extend(extra.iter().map(|s| s.to_string()));
        a
    }

    /// Logs `user` in with the right password.
    pub fn login(&self, user: &str, extra: &[&str]) -> Value {
        let pw = self.secret_path("pw");
        let mut a = vec!["--user", user, "login", "--password-file", &pw];
        a.extend_from_slice(extra);
        self.ok(&a)
    }

    /// The user's directory.
    pub fn user_dir(&self, user: &str) -> PathBuf {
        self.home.join("users").join(user)
    }

    /// The user's session file (no XDG_RUNTIME_DIR in tests).
    pub fn session_file(&self, user: &str) -> PathBuf {
        self.home.join("sessions").join(format!("{user}.session"))
    }

    /// The user's parsed profile.json.
    pub fn profile(&self, user: &str) -> Value {
        serde_json::from_slice(&std::fs::read(self.user_dir(user).join("profile.json")).unwrap())
            .unwrap()
    }
}

/// `v` read as `T`, or a panic naming the command, the error and the document.
pub fn typed<T: serde::de::DeserializeOwned>(v: Value, args: &[&str]) -> T {
    match serde_json::from_value(v.clone()) {
        Ok(t) => t,
        Err(e) => panic!(
            "{args:?}: the JSON does not match the test-side type {} ({e}): {v}",
            std::any::type_name::<T>()
        ),
    }
}

/// Runs `c` with `input` on its standard input and collects its output.
pub fn feed(mut c: Command, input: &str) -> Output {
    use std::io::Write;
    c.stdin(Stdio::piped()).stdout(Stdio::piped());
    let mut child = c.spawn().expect("spawn");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

/// Every file below `dir` with its content (empty map if `dir` does not exist).
pub fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                out.insert(p.clone(), b"<dir>".to_vec());
                stack.push(p);
            } else {
                out.insert(p.clone(), std::fs::read(&p).unwrap());
            }
        }
    }
    out
}

/// Decrypts `vault.age` of `user` (with its delta, `vault.delta.age`) or another of
/// their files with the identity from their (file-mode) session and returns the
/// in-memory database.
pub fn open_vault(env: &Env, user: &str, file: &str) -> rusqlite::Connection {
    let session: Value =
        serde_json::from_slice(&std::fs::read(env.session_file(user)).unwrap()).unwrap();
    let identity: age::x25519::Identity = session["identity"]
        .as_str()
        .expect("file-mode session")
        .parse()
        .unwrap();
    let ct = std::fs::read(env.user_dir(user).join(file)).unwrap();
    let mut pt = age::decrypt(&identity, &ct).expect("vault decrypts");
    if file == "vault.age" {
        // The pages changed since vault.age was written whole.
        let delta = env.user_dir(user).join("vault.delta.age");
        coffer::vault::delta::apply(&mut pt, &ct, &delta, &identity).expect("the delta applies");
    }
    let mut conn = rusqlite::Connection::open_in_memory().unwrap();
    conn.deserialize_read_exact(rusqlite::MAIN_DB, &pt[..], pt.len(), false)
        .unwrap();
    conn
}

/// Encrypts `conn` back into `vault.age` of `user` (to the profile's recipient); the
/// delta, if any, then names an older vault.age and is ignored.
pub fn write_vault(env: &Env, user: &str, conn: &mut rusqlite::Connection) {
    let recipient: age::x25519::Recipient = env.profile(user)["vault_recipient"]
        .as_str()
        .unwrap()
        .parse()
        .unwrap();
    let data = conn.serialize(rusqlite::MAIN_DB).unwrap();
    let ct = age::encrypt(&recipient, &data).unwrap();
    std::fs::write(env.user_dir(user).join("vault.age"), ct).unwrap();
}

/// Every row of every table of `user`'s vault, as text: equal dumps mean an operation
/// changed nothing (the file itself is re-encrypted on every write).
pub fn dump_vault(env: &Env, user: &str) -> Vec<String> {
    let mut out = dump(&open_vault(env, user, "vault.age"), "");
    // The wallet engine's state, kept apart in engine.age.
    if env.user_dir(user).join("engine.age").exists() {
        out.extend(dump(&open_vault(env, user, "engine.age"), "engine."));
    }
    out
}

fn dump(conn: &rusqlite::Connection, prefix: &str) -> Vec<String> {
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    let mut out = vec![];
    for t in tables {
        let mut stmt = conn.prepare(&format!("SELECT * FROM \"{t}\"")).unwrap();
        let n = stmt.column_count();
        let mut rows = stmt.query([]).unwrap();
        while let Some(r) = rows.next().unwrap() {
            let cells: Vec<String> = (0..n)
                .map(|i| format!("{:?}", r.get_ref(i).unwrap()))
                .collect();
            out.push(format!("{prefix}{t}: {}", cells.join(" | ")));
        }
    }
    out
}

/// A watch-only copy of `offline`'s wallet "main" for a new user `user` of `online`:
/// exported as `wallet export --watch-only` and imported from the file.
pub fn watch_only_copy(offline: &Env, online: &Env, user: &str) {
    let export = offline.secrets.join("watch.json");
    offline.ok(&[
        "wallet",
        "export",
        "main",
        "--watch-only",
        "--out",
        export.to_str().unwrap(),
    ]);
    online.register(user);
    online.ok(&[
        "wallet",
        "import",
        "main",
        "--watch-only-file",
        export.to_str().unwrap(),
    ]);
}

/// `v` without the fields that follow the clock between two reads (`age_secs`,
/// `rate_age_secs`, at any depth), for comparing two reads of the same data.
pub fn without_ages(mut v: serde_json::Value) -> serde_json::Value {
    fn strip(v: &mut serde_json::Value) {
        match v {
            serde_json::Value::Object(m) => {
                m.remove("age_secs");
                m.remove("rate_age_secs");
                m.values_mut().for_each(strip);
            }
            serde_json::Value::Array(a) => a.iter_mut().for_each(strip),
            _ => {}
        }
    }
    strip(&mut v);
    v
}
