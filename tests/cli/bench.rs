//! scripts/bench.sh: its syntax, and its refusal of an environment without the node or
//! GNU time that the wallet rows need (before it builds anything). Never a timed test.

use std::path::Path;
use std::process::Command;

fn script() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/bench.sh")
}

/// bench.sh, and scripts/orderfile.sh, which makes link/order.ld (tests/cli/order.rs).
#[test]
fn bench_scripts_parse() {
    let orderfile = Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/orderfile.sh");
    for s in [script(), orderfile] {
        let out = Command::new("bash").arg("-n").arg(&s).output().unwrap();
        assert!(
            out.status.success(),
            "{}: {}",
            s.display(),
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

/// Without bitcoind the wallet rows cannot compare coffer with bitcoin-cli: the script
/// says where it looked and exits 1 before its `cargo build` (nothing on stdout).
#[test]
fn bench_script_without_bitcoind_stops_before_building() {
    let empty = tempfile::tempdir().unwrap();
    // A `cargo` first on PATH that only leaves a mark: were the check gone, the script
    // would fail fast here instead of building.
    let fake = tempfile::tempdir().unwrap();
    let mark = fake.path().join("cargo-ran");
    let cargo = fake.path().join("cargo");
    std::fs::write(
        &cargo,
        format!("#!/bin/sh\ntouch '{}'\nexit 97\n", mark.display()),
    )
    .unwrap();
    {
        use std::os::unix::fs::PermissionsExt as _;
        std::fs::set_permissions(&cargo, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    let path = format!(
        "{}:{}",
        fake.path().display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let out = Command::new("bash")
        .arg(script())
        .env("COFFER_BITCOIN_BIN", empty.path())
        .env_remove("COFFER_BIN")
        .env("PATH", path)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains(&format!(
            "bench.sh: bitcoind not found in {}",
            empty.path().display()
        )) && stderr.contains("COFFER_BITCOIN_BIN"),
        "{stderr}"
    );
    assert!(!stderr.contains("cargo build"), "{stderr}");
    assert!(out.stdout.is_empty());
    assert!(!mark.exists(), "the script ran cargo");
}
