//! The generated completion files in `completions/` match the binary.

use crate::common::Env;

#[test]
fn checked_in_completions_are_current() {
    let env = Env::new();
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("completions");
    for (shell, file) in [
        ("bash", "coffer.bash"),
        ("zsh", "_coffer"),
        ("fish", "coffer.fish"),
        ("elvish", "coffer.elv"),
        ("powershell", "_coffer.ps1"),
    ] {
        let r = env.run(&["completions", shell]);
        assert_eq!(r.code, 0);
        assert!(r.stdout.contains("coffer"));
        let stored = std::fs::read_to_string(root.join(file)).unwrap_or_default();
        assert!(
            stored == r.stdout,
            "completions/{file} is stale: run scripts/gen-completions.sh"
        );
    }
    let v = env.ok(&["completions", "bash"]);
    assert_eq!(v["shell"], "bash");
}

/// The man pages, one per command and subcommand (`coffer.1`, `coffer-wallet-create.1`,
/// …), rendered from the CLI definitions with a version without commit or date, so they
/// only change when the command line does.
fn man_pages() -> Vec<(String, Vec<u8>)> {
    fn walk(cmd: &clap::Command, out: &mut Vec<(String, Vec<u8>)>) {
        if cmd.is_hide_set() {
            return;
        }
        let name = cmd
            .get_display_name()
            .unwrap_or_else(|| cmd.get_name())
            .to_string();
        let mut page = vec![];
        clap_mangen::Man::new(cmd.clone())
            .render(&mut page)
            .expect("rendering a man page");
        out.push((format!("{name}.1"), page));
        for sub in cmd.get_subcommands() {
            if sub.get_name() != "help" {
                walk(sub, out);
            }
        }
    }
    use clap::CommandFactory;
    let mut cmd = coffer::cli::Cli::command().version(env!("CARGO_PKG_VERSION"));
    cmd.build();
    let mut out = vec![];
    walk(&cmd, &mut out);
    out
}

/// `man/` holds exactly the current pages. With `COFFER_WRITE_MAN=1` (what
/// scripts/gen-completions.sh sets) the test writes them instead of comparing.
#[test]
fn checked_in_man_pages_are_current() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("man");
    let pages = man_pages();
    assert!(pages.len() > 40, "too few pages: {}", pages.len());
    assert_eq!(pages[0].0, "coffer.1");
    let names: std::collections::BTreeSet<&str> = pages.iter().map(|(n, _)| n.as_str()).collect();
    for want in [
        "coffer-status.1",
        "coffer-wallet-create.1",
        "coffer-send-bump.1",
    ] {
        assert!(names.contains(want), "no {want} in {names:?}");
    }
    let on_disk = |dir: &std::path::Path| -> Vec<String> {
        let mut v: Vec<String> = std::fs::read_dir(dir)
            .map(|d| {
                d.filter_map(|e| e.ok())
                    .map(|e| e.file_name().to_string_lossy().into_owned())
                    .filter(|n| n.ends_with(".1"))
                    .collect()
            })
            .unwrap_or_default();
        v.sort();
        v
    };
    if std::env::var_os("COFFER_WRITE_MAN").is_some_and(|v| v == "1") {
        std::fs::create_dir_all(&dir).unwrap();
        for old in on_disk(&dir) {
            if !names.contains(old.as_str()) {
                std::fs::remove_file(dir.join(old)).unwrap();
            }
        }
        for (name, page) in &pages {
            std::fs::write(dir.join(name), page).unwrap();
        }
    }
    let stale = "man/ is stale: run scripts/gen-completions.sh";
    let extra: Vec<String> = on_disk(&dir)
        .into_iter()
        .filter(|n| !names.contains(n.as_str()))
        .collect();
    assert!(extra.is_empty(), "{stale} (pages of no command: {extra:?})");
    for (name, page) in &pages {
        let stored = std::fs::read(dir.join(name)).unwrap_or_default();
        assert!(
            &stored == page,
            "{stale} (man/{name} differs or is missing)"
        );
    }
}

/// `coffer --version` names the commit and the build date: from git in a checkout (the
/// date is the commit's, or SOURCE_DATE_EPOCH's, never the time of the build), else
/// `unknown`.
#[test]
fn version_names_the_commit_and_the_build_date() {
    let env = Env::new();
    let r = env.run(&["--version"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let git = |args: &[&str]| {
        std::process::Command::new("git")
            .args(args)
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .output()
            .ok()
            .filter(|o| o.status.success())
            .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
    };
    let commit = git(&["rev-parse", "--short=12", "HEAD"]);
    let epoch = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<i64>().ok())
        .or_else(|| {
            commit
                .as_ref()
                .and_then(|_| git(&["log", "-1", "--format=%ct", "HEAD"]))
                .and_then(|s| s.parse().ok())
        });
    let date = epoch.map_or("unknown".to_string(), |e| {
        jiff::Timestamp::from_second(e)
            .unwrap()
            .strftime("%Y-%m-%d")
            .to_string()
    });
    let want = format!(
        "coffer {} (commit {}, built {date})\n",
        env!("CARGO_PKG_VERSION"),
        commit.as_deref().unwrap_or("unknown")
    );
    assert_eq!(r.stdout, want);
    // Subcommands say the same.
    let sub = env.run(&["status", "--version"]);
    assert!(sub.stdout.ends_with(&want[6..]), "{}", sub.stdout);
}
