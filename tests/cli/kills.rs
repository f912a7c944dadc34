//! Where a command can be killed. One run under strace lists every file-system call the
//! command makes, in order. Each call is then a kill point, unless a kill there is
//! provably the same as a kill at a later point. The crash tests (atomic.rs, crash.rs)
//! kill the command only at the points that are left.
//!
//! A SIGKILL at a call stops the process before the call runs. What it leaves is the file
//! system as the calls before it left it. So a kill at a call that changes nothing leaves
//! the same files as a kill at the next kill point, provided nothing changed between the
//! two. Calls that change nothing:
//! - a failed call (`= -1 …`: the `unlink` of a leftover that is not there, the `mkdir`
//!   of a directory that exists);
//! - an `openat` that can neither create, truncate nor write (a read, a directory opened
//!   to be synced, the dynamic loader's libraries);
//! - a `write` to a pipe, a socket, a terminal or /dev/null (the command's output);
//! - an `fsync`/`fdatasync`: a killed process's writes stay in the page cache and every
//!   later reader sees them, synced or not. (Only a power cut tells the two apart, and no
//!   test here can cut the power.)
//!
//! Every call that changes the files is still a kill point, and so is the last point of the
//! run. With `COFFER_KILL_EVERY_CALL=1` (scripts/crash-test.sh, before each release) every
//! call is one, as a check of this reasoning.

use std::process::{Command, Output, Stdio};

/// Every system call that coffer uses to change the file system (and `write`, which
/// also covers its output). A `?` makes strace accept a name that this architecture
/// does not have.
pub const FS_CALLS: [&str; 18] = [
    "openat",
    "write",
    "fsync",
    "fdatasync",
    "?mkdir",
    "mkdirat",
    "?chmod",
    "fchmod",
    "fchmodat",
    "?unlink",
    "unlinkat",
    "?rmdir",
    "?rename",
    "renameat",
    "renameat2",
    "?link",
    "linkat",
    "ftruncate",
];

/// The strace binary; a missing one fails the test (scripts/install-tools.sh installs it).
pub fn strace() -> String {
    let found = std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|d| d.join("strace"))
            .find(|p| p.is_file())
    });
    match found {
        Some(p) => p.to_string_lossy().into_owned(),
        None => panic!(
            "these tests inject kills with strace, which is not installed: run scripts/install-tools.sh (apt-get install -y strace)"
        ),
    }
}

/// `coffer` (as built by `Env::command`) wrapped in strace with `strace_args` before the
/// `--`: the same arguments, environment and stdin.
pub fn under_strace(coffer: &Command, strace_args: &[String]) -> Command {
    let mut c = Command::new(strace());
    c.args(strace_args)
        .arg("--")
        .arg(coffer.get_program())
        .args(coffer.get_args())
        .stdin(Stdio::null());
    for (k, v) in coffer.get_envs() {
        match v {
            Some(v) => c.env(k, v),
            None => c.env_remove(k),
        };
    }
    // cargo's library path for the test binary would make the dynamic loader try a
    // hundred paths before coffer's `main`: kills there prove nothing.
    c.env_remove("LD_LIBRARY_PATH");
    c
}

/// One file-system call of a traced run.
#[derive(Debug, Clone, PartialEq)]
pub struct Call {
    /// The system call's name (without strace's `?`).
    pub name: String,
    /// Its rank among the calls of that name (1 for the first): strace's `when=`.
    pub n: usize,
    /// Whether a kill before it can leave other files than a kill after it.
    pub changes: bool,
}

/// Runs `coffer` once under strace (every call of [`FS_CALLS`], file descriptors shown
/// with their paths) and returns its calls in order. The run must succeed.
pub fn trace(coffer: &Command) -> Vec<Call> {
    let log = tempfile::NamedTempFile::new().unwrap();
    let args: Vec<String> = [
        "-f",
        "-y",
        "-s",
        "0",
        "-o",
        &log.path().to_string_lossy(),
        "-e",
        &format!("trace={}", FS_CALLS.join(",")),
    ]
    .map(String::from)
    .to_vec();
    let out: Output = under_strace(coffer, &args)
        .output()
        .expect("running strace");
    assert_eq!(
        out.status.code(),
        Some(0),
        "the traced run failed: {} {}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    parse(&std::fs::read_to_string(log.path()).unwrap())
}

/// The calls of an strace log (`-f -y`). With more than one process or thread, the
/// order of the calls could differ from run to run: every call then counts as a change.
fn parse(log: &str) -> Vec<Call> {
    let mut calls: Vec<Call> = vec![];
    let mut pids = std::collections::BTreeSet::new();
    for line in log.lines() {
        let (pid, rest) = line.split_once(' ').unwrap_or(("", line));
        let rest = rest.trim_start();
        // Not a call: a signal, the exit, the end of a call started on an earlier line.
        if rest.starts_with("---") || rest.starts_with("+++") || rest.starts_with("<...") {
            continue;
        }
        let Some((name, args)) = rest.split_once('(') else {
            continue;
        };
        pids.insert(pid.to_string());
        let failed = rest
            .rsplit_once(") = ")
            .is_some_and(|(_, ret)| ret.starts_with('-'));
        let changes = !failed
            && match name {
                "openat" => ["O_WRONLY", "O_RDWR", "O_CREAT", "O_TRUNC", "O_TMPFILE"]
                    .iter()
                    .any(|f| args.contains(f)),
                "write" => {
                    let fd = args.split_once('>').map_or("", |(fd, _)| fd);
                    let target = fd.split_once('<').map_or("", |(_, t)| t);
                    // Not /dev/ as a whole: /dev/shm holds files (atomic.rs's homes).
                    !(["pipe:", "socket:", "/dev/pts/", "/dev/tty"]
                        .iter()
                        .any(|p| target.starts_with(p))
                        || target == "/dev/null")
                }
                "fsync" | "fdatasync" => false,
                _ => true,
            };
        let n = calls.iter().filter(|c| c.name == name).count() + 1;
        calls.push(Call {
            name: name.to_string(),
            n,
            changes,
        });
    }
    if pids.len() > 1 {
        for c in &mut calls {
            c.changes = true;
        }
    }
    calls
}

/// The kill points among the calls named in `classes` (strace names, `?` allowed), in
/// order: each one, except those that leave the same files as a later one (see the
/// module docs): a call that changes nothing, followed by no change before the next
/// call of `classes`.
pub fn kill_points(calls: &[Call], classes: &[&str]) -> Vec<(String, usize)> {
    let tested = |c: &Call| classes.iter().any(|k| k.trim_start_matches('?') == c.name);
    if std::env::var("COFFER_KILL_EVERY_CALL").is_ok_and(|v| v == "1") {
        return calls
            .iter()
            .filter(|c| tested(c))
            .map(|c| (c.name.clone(), c.n))
            .collect();
    }
    // Going backwards: whether a later point is reached with no change on the way.
    let mut clean = false;
    let mut points = vec![];
    for c in calls.iter().rev() {
        if tested(c) {
            if c.changes || !clean {
                points.push((c.name.clone(), c.n));
            }
            clean = true;
        } else if c.changes {
            clean = false;
        }
    }
    points.reverse();
    points
}

#[test]
fn kill_points_skip_only_calls_that_change_nothing_before_the_next_point() {
    let log = "\
7  openat(AT_FDCWD</h>, \"/etc/ld.so.cache\", O_RDONLY|O_CLOEXEC) = 3</etc/ld.so.cache>
7  mkdir(\"/h\", 0700) = -1 EEXIST (File exists)
7  unlink(\"/h/v.tmp\") = -1 ENOENT (No such file or directory)
7  openat(AT_FDCWD</h>, \"/h/v.tmp\", O_WRONLY|O_CREAT|O_EXCL|O_CLOEXEC, 0600) = 3</h/v.tmp>
7  write(3</h/v.tmp>, \"\"..., 20) = 20
7  fsync(3</h/v.tmp>) = 0
7  rename(\"/h/v.tmp\", \"/h/v\") = 0
7  openat(AT_FDCWD</h>, \"/h\", O_RDONLY|O_CLOEXEC) = 3</h>
7  fsync(3</h>) = 0
7  write(1<pipe:[99]>, \"\"..., 9) = 9
7  +++ exited with 0 +++
";
    let calls = parse(log);
    assert_eq!(calls.len(), 10);
    // A file's content changes, also on a tmpfs under /dev; the output changes nothing.
    let writes = |line: &str| parse(line)[0].changes;
    assert!(writes("7  write(3</dev/shm/h/v.tmp>, \"\"..., 20) = 20"));
    assert!(!writes("7  write(2</dev/null>, \"\"..., 20) = 20"));
    assert!(!writes("7  write(1</dev/pts/3>, \"\"..., 20) = 20"));
    let names = |p: Vec<(String, usize)>| {
        p.iter()
            .map(|(c, n)| format!("{c}#{n}"))
            .collect::<Vec<_>>()
            .join(" ")
    };
    // Every class is killed: the read-only opens, the failed calls and the fsyncs are
    // skipped; the last point (the output) stays.
    assert_eq!(
        names(kill_points(&calls, &FS_CALLS)),
        "openat#2 write#1 rename#1 write#2"
    );
    // Only some classes are killed: the failed unlink stays (the open after it creates
    // a file, and opens are not killed); the fsync before the rename is skipped; the last
    // fsync stays (nothing is killed after it).
    assert_eq!(
        names(kill_points(&calls, &["rename", "fsync", "?unlink"])),
        "unlink#1 rename#1 fsync#2"
    );
    // Several processes: nothing is skipped.
    let two = log.replacen("7  mkdir", "8  mkdir", 1);
    assert_eq!(
        kill_points(&parse(&two), &FS_CALLS).len(),
        10,
        "{:?}",
        parse(&two)
    );
}
