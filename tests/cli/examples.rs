//! The example scripts of `examples/` run as they are documented, against the binary
//! under test and a real regtest node.

use std::process::Command;

#[test]
fn cold_signing_example_runs() {
    let root = env!("CARGO_MANIFEST_DIR");
    let dir = tempfile::tempdir().unwrap();
    let out = Command::new("bash")
        .arg(format!("{root}/examples/cold-signing.sh"))
        .env("COFFER", crate::common::bin())
        .env("COFFER_KDF_PROFILE", "test")
        .env("TMPDIR", dir.path())
        .env_remove("COFFER_HOME")
        .env_remove("COFFER_USER")
        .env_remove("XDG_RUNTIME_DIR")
        .output()
        .expect("running examples/cold-signing.sh");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "cold-signing.sh failed:\n{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(stdout.contains("cold signing done:"), "{stdout}");
}
