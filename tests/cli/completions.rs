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
