//! Build metadata for `coffer --version`: the git commit and the build date.
//!
//! The commit comes from `git` when the sources are a checkout, else it is `unknown` (a
//! `cargo package` tarball has no `.git`). The date is not "now", so that two builds of
//! the same sources agree: `SOURCE_DATE_EPOCH` (Unix seconds) when set, else the commit's
//! date, else `unknown`.

use std::process::Command;

fn git(args: &[&str]) -> Option<String> {
    let out = Command::new("git")
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .ok()?;
    if !out.status.success() {
        return None;
    }
    let s = String::from_utf8(out.stdout).ok()?.trim().to_string();
    (!s.is_empty()).then_some(s)
}

/// A Unix time as `YYYY-MM-DD` (UTC), without a date library: the days-to-civil
/// algorithm of Howard Hinnant's `chrono`-compatible date paper.
fn ymd(secs: i64) -> String {
    let z = secs.div_euclid(86_400) + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}")
}

fn main() {
    println!("cargo:rerun-if-env-changed=SOURCE_DATE_EPOCH");
    // A new commit or checkout changes the version: watch HEAD and the branch it names.
    // Outside a checkout, build.rs itself is the only input.
    println!("cargo:rerun-if-changed=build.rs");
    let inside = git(&["rev-parse", "--is-inside-work-tree"]).as_deref() == Some("true");
    // Only this package's own checkout counts (not a repository around a vendored copy).
    let top_is_us = git(&["rev-parse", "--show-toplevel"]).is_some_and(|t| {
        std::fs::canonicalize(t).ok() == std::fs::canonicalize(env!("CARGO_MANIFEST_DIR")).ok()
    });
    let commit = if inside && top_is_us {
        // Only files that exist: cargo reruns the script on every build for a missing one.
        let mut watched = vec!["HEAD".to_string(), "packed-refs".to_string()];
        watched.extend(git(&["symbolic-ref", "-q", "HEAD"]));
        for p in &watched {
            if let Some(path) = git(&["rev-parse", "--git-path", p])
                && std::path::Path::new(&path).exists()
            {
                println!("cargo:rerun-if-changed={path}");
            }
        }
        git(&["rev-parse", "--short=12", "HEAD"])
    } else {
        None
    };
    let date = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<i64>().ok())
        .or_else(|| {
            commit
                .as_ref()
                .and_then(|_| git(&["log", "-1", "--format=%ct", "HEAD"]))
                .and_then(|s| s.parse().ok())
        })
        .map(ymd);
    let commit = commit.unwrap_or_else(|| "unknown".into());
    let date = date.unwrap_or_else(|| "unknown".into());
    println!("cargo:rustc-env=COFFER_COMMIT={commit}");
    println!("cargo:rustc-env=COFFER_BUILD_DATE={date}");
    println!(
        "cargo:rustc-env=COFFER_LONG_VERSION={} (commit {commit}, built {date})",
        std::env::var("CARGO_PKG_VERSION").unwrap_or_default()
    );
    order_functions();
}

/// Puts the functions everyday commands run ahead of the rest of the code, in the order
/// they run them: `link/order.ld`, a linker script made by scripts/orderfile.sh. A
/// command maps the binary's code 64 KiB at a time as it first runs it; grouped, the
/// code of `whoami` costs 22 such faults instead of 58, an `addr list` page's 34 instead
/// of 104 (docs/architecture.md, "The life of a read"). For the release profile (the
/// bench's too) linked by rust-lld, the linker of x86_64-unknown-linux-gnu since Rust
/// 1.90 (a linker chosen in RUSTFLAGS, which might not read the script, is left alone),
/// unless `COFFER_NO_ORDER=1`. A function the script names and the build lacks is only
/// left where it was.
fn order_functions() {
    println!("cargo:rerun-if-env-changed=COFFER_NO_ORDER");
    let script = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("link/order.ld");
    println!("cargo:rerun-if-changed={}", script.display());
    let var = |k: &str| std::env::var(k).unwrap_or_default();
    // A linker chosen in RUSTFLAGS may not be lld.
    let flags = var("CARGO_ENCODED_RUSTFLAGS");
    let linker_chosen = flags.contains("linker") || flags.contains("link-self-contained");
    if var("PROFILE") != "release"
        || var("TARGET") != "x86_64-unknown-linux-gnu"
        || linker_chosen
        || !var("COFFER_NO_ORDER").is_empty()
        || !script.exists()
    {
        return;
    }
    println!(
        "cargo:rustc-link-arg-bin=coffer=-Wl,--script={}",
        script.display()
    );
}
