//! Files coffer writes outside the vault: every `--out` file (exports, watch-only copies,
//! PSBTs, signed transactions, backups) is 0600 whatever the umask, and the temp files
//! of writers that died (a session's holds the vault key) do not outlive the next
//! command.

use crate::common::{Env, Run};
use crate::fund;
use bitcoin::Network;
use std::os::unix::fs::PermissionsExt as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// `command` (an [`Env::command`]) run by `program` with `args` before it, in the
/// same environment.
fn wrapped(program: impl AsRef<std::ffi::OsStr>, args: &[&str], command: &Command) -> Command {
    let mut c = Command::new(program);
    c.args(args)
        .arg(command.get_program())
        .args(command.get_args())
        .stdin(Stdio::null());
    for (k, v) in command.get_envs() {
        match v {
            Some(v) => c.env(k, v),
            None => c.env_remove(k),
        };
    }
    c
}

/// Runs `command` (an [`Env::command`]) through `sh` under `umask MASK`.
fn under_umask(mask: &str, command: Command) -> Run {
    let script = format!("umask {mask} && exec \"$@\"");
    let out = wrapped("sh", &["-c", &script, "sh"], &command)
        .output()
        .expect("running sh");
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

fn mode(p: &Path) -> u32 {
    std::fs::metadata(p).unwrap().permissions().mode() & 0o777
}

/// The names in `dir` that end in `.tmp`.
fn temps(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp"))
        .collect()
}

/// Someone else's regtest address.
fn payee() -> String {
    use bitcoin::secp256k1::{Secp256k1, SecretKey};
    let sk = SecretKey::from_slice(&[0x42; 32]).unwrap();
    let pk = bitcoin::CompressedPublicKey(sk.public_key(&Secp256k1::new()));
    bitcoin::Address::p2wpkh(&pk, Network::Regtest).to_string()
}

#[test]
fn every_out_file_is_private_whatever_the_umask() {
    let env = Env::new();
    env.regtest_wallet("alice", "main");
    let a = env.ok(&["addr", "new", "--label", "rent"]);
    let address = a["items"][0]["address"].as_str().unwrap();
    let tx = fund::pay(&[(address, 100_000)], Network::Regtest, 3);
    env.ok(&[
        "receive",
        "import",
        "--tx",
        &fund::hex(&tx),
        "--height",
        "101",
        "--block-time",
        "1769860800",
    ]);
    let dir = env.secrets.join("out");
    std::fs::create_dir(&dir).unwrap();
    let f = |name: &str| dir.join(name).to_string_lossy().into_owned();
    // An existing file, readable by everyone, is replaced by a private one.
    std::fs::write(f("old.json"), "old").unwrap();
    std::fs::set_permissions(f("old.json"), std::fs::Permissions::from_mode(0o666)).unwrap();
    let pass = env.secret("backup-pass", "a backup passphrase, not the password");
    let pin = env.secret_path("pin");
    let to = payee();
    let (csv, old, labels, watch, log, backup, psbt, signed, raw) = (
        f("history.csv"),
        f("old.json"),
        f("labels.jsonl"),
        f("watch.json"),
        f("log.jsonl"),
        f("backup.age"),
        f("pay.psbt"),
        f("pay.signed.psbt"),
        f("tx.hex"),
    );
    let runs: Vec<Vec<&str>> = vec![
        vec!["history", "export", "--format", "csv", "--out", &csv],
        vec!["history", "export", "--format", "json", "--out", &old],
        vec!["labels", "export", "--out", &labels],
        vec!["wallet", "export", "main", "--watch-only", "--out", &watch],
        vec!["security", "log", "export", "--out", &log],
        vec![
            "backup",
            "create",
            "--passphrase-file",
            &pass,
            "--out",
            &backup,
        ],
        vec![
            "send",
            "--to",
            &to,
            "--amount",
            "0.0004",
            "--fee",
            "2",
            "--unsigned-out",
            &psbt,
        ],
        vec![
            "send",
            "sign",
            &psbt,
            "--out",
            &signed,
            "--yes",
            "--pin-file",
            &pin,
        ],
        vec![
            "send",
            "--to",
            &to,
            "--amount",
            "0.0003",
            "--fee",
            "2",
            "--raw-out",
            &raw,
            "--yes",
            "--pin-file",
            &pin,
        ],
    ];
    for args in &runs {
        let mut a = vec!["--json"];
        a.extend_from_slice(args);
        let r = under_umask("000", env.command(&a));
        assert_eq!(r.code, 0, "{args:?}: {} {}", r.stdout, r.stderr);
    }
    for file in [
        &csv, &old, &labels, &watch, &log, &backup, &psbt, &signed, &raw,
    ] {
        let p = PathBuf::from(file);
        assert_eq!(mode(&p), 0o600, "{file} is {:o}", mode(&p));
        assert!(std::fs::metadata(&p).unwrap().len() > 2, "{file} is empty");
    }
    assert!(std::fs::read_to_string(&old).unwrap().starts_with('['));
    assert_eq!(temps(&dir), Vec::<String>::new());
    // A device is written in place, untouched otherwise.
    let r = env.run(&["history", "export", "--format", "csv", "--out", "/dev/null"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(mode(Path::new("/dev/null")), 0o666);
    // A directory is no file to write: refused, with the documented code.
    let e = env.err(&["labels", "export", "--out", dir.to_str().unwrap()], 5);
    assert_eq!(e["field"], "out", "{e}");
}

/// The path of strace, or None (then the caller skips, loudly; under CI it fails).
fn strace() -> Option<PathBuf> {
    let found = std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|d| d.join("strace"))
            .find(|p| p.is_file())
    });
    if found.is_none() {
        assert_ne!(
            std::env::var("CI").as_deref(),
            Ok("true"),
            "strace is needed (scripts/install-tools.sh installs it)"
        );
        use std::io::Write as _;
        let _ = writeln!(
            std::io::stderr(),
            "SKIPPED: strace is not installed; this test needs it to kill a login"
        );
    }
    found
}

/// The syscalls `std::fs::rename` may use (`?`: unknown on this architecture is fine).
const RENAMES: &str = "trace=?rename,?renameat,?renameat2";

/// Which rename of the main thread (1-based) puts the session file of `user` in place
/// during `login`: traced on a login that runs to the end.
fn session_rename(env: &Env, strace: &Path, user: &str) -> usize {
    let log = env.secrets.join("renames.log");
    let pw = env.secret_path("pw");
    let login = env.command(&["--user", user, "login", "--password-file", &pw]);
    let log_arg = log.to_string_lossy().into_owned();
    let status = wrapped(
        strace,
        &["-f", "-qq", "-e", RENAMES, "-o", &log_arg],
        &login,
    )
    .stdout(Stdio::null())
    .status()
    .unwrap();
    assert!(status.success());
    let text = std::fs::read_to_string(&log).unwrap();
    let target = format!("/sessions/{user}.session\"");
    let line = text
        .lines()
        .find(|l| l.contains("rename") && l.trim_end().contains(&target))
        .unwrap_or_else(|| panic!("no rename into the session file in {text}"));
    let pid = line.split_whitespace().next().unwrap();
    text.lines()
        .filter(|l| l.starts_with(pid) && l.contains("rename"))
        .position(|l| l == line)
        .unwrap()
        + 1
}

#[test]
fn a_login_killed_while_writing_its_session_leaves_no_key_behind() {
    let Some(strace) = strace() else { return };
    let env = Env::new();
    env.register("alice");
    let n = session_rename(&env, &strace, "alice");
    // The same login, killed at that rename: the session's temp file is left.
    let pw = env.secret_path("pw");
    let login = env.command(&["--user", "alice", "login", "--password-file", &pw]);
    let inject = format!("inject=?rename,?renameat,?renameat2:signal=SIGKILL:when={n}");
    let status = wrapped(
        &strace,
        &["-f", "-qq", "-o", "/dev/null", "-e", RENAMES, "-e", &inject],
        &login,
    )
    .stdout(Stdio::null())
    .status()
    .unwrap();
    assert!(!status.success(), "the login was not killed");
    let sessions = env.home.join("sessions");
    let left = temps(&sessions);
    assert_eq!(left.len(), 1, "{left:?}");
    let key = std::fs::read_to_string(sessions.join(&left[0])).unwrap();
    assert!(
        key.contains("AGE-SECRET-KEY-1"),
        "the case this test is about"
    );
    // The next command (here `logout`) wipes and removes it.
    let witness = env.secrets.join("witness");
    std::fs::hard_link(sessions.join(&left[0]), &witness).unwrap();
    env.ok(&["logout"]);
    assert_eq!(temps(&sessions), Vec::<String>::new());
    let after = std::fs::read(&witness).unwrap();
    assert_eq!(after.len(), key.len());
    assert!(after.iter().all(|b| *b == 0), "overwritten before removal");
}

/// The pid of a process that has ended.
fn dead_pid() -> u32 {
    let mut c = Command::new("true").spawn().unwrap();
    let pid = c.id();
    c.wait().unwrap();
    pid
}

#[test]
fn temp_files_of_dead_writers_are_swept_and_live_ones_kept() {
    let env = Env::new();
    env.register("alice");
    let sessions = env.home.join("sessions");
    let plant = |dir: &Path, name: &str, age_secs: u64| {
        let p = dir.join(name);
        std::fs::write(&p, "AGE-SECRET-KEY-1PLANTEDPLANTEDPLANTED").unwrap();
        let t = std::time::SystemTime::now() - std::time::Duration::from_secs(age_secs);
        std::fs::File::options()
            .write(true)
            .open(&p)
            .unwrap()
            .set_modified(t)
            .unwrap();
        p
    };
    let dead = dead_pid();
    let crashed = plant(
        &sessions,
        &format!("alice.session.0123456789ab-{dead}.tmp"),
        0,
    );
    let witness = env.secrets.join("witness");
    std::fs::hard_link(&crashed, &witness).unwrap();
    // From an older coffer (no pid in the name): removed once old enough.
    plant(&sessions, "alice.session.ba9876543210.tmp", 3600);
    // A writer that is alive (this process) with a fresh file: kept; so are files that
    // are not coffer's temp files.
    let live = format!("alice.session.aaaaaaaaaaaa-{}.tmp", std::process::id());
    plant(&sessions, &live, 0);
    plant(&sessions, "notes.tmp", 3600);
    plant(&sessions, "alice.session.zzzzzzzzzzzz-1.tmp", 3600);
    env.ok(&["whoami"]);
    let mut left = temps(&sessions);
    left.sort();
    assert_eq!(
        left,
        vec![
            live.clone(),
            "alice.session.zzzzzzzzzzzz-1.tmp".to_string(),
            "notes.tmp".to_string()
        ]
    );
    assert!(std::fs::read(&witness).unwrap().iter().all(|b| *b == 0));

    // An interrupted backup's temp file goes at the next backup into that directory.
    let backups = env.user_dir("alice").join("backups");
    std::fs::create_dir_all(&backups).unwrap();
    plant(
        &backups,
        &format!("coffer-alice-20260101T000000Z.age.0123456789ab-{dead}.tmp"),
        0,
    );
    let pass = env.secret("backup-pass", "a backup passphrase, not the password");
    env.ok(&["backup", "create", "--passphrase-file", &pass]);
    assert_eq!(temps(&backups), Vec::<String>::new());

    // An inbox entry that was never posted goes at the next write of the vault.
    let inbox = env.user_dir("alice").join("inbox");
    std::fs::create_dir_all(&inbox).unwrap();
    plant(
        &inbox,
        &format!("000000000000001-0011223344556677.age.0123456789ab-{dead}.tmp"),
        0,
    );
    env.login("alice", &[]);
    assert_eq!(temps(&inbox), Vec::<String>::new());
}
