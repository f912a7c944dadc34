//! The documentation is checked against the binary:
//!
//! - every README block of shell commands marked `<!-- docs-test -->` (or
//!   `<!-- docs-test: logged-in -->`) runs, as written, in a fresh home with the test KDF
//!   profile and must exit 0;
//! - every ```json block of docs/json.md is preceded by `<!-- docs-json: ARGS -->`: the
//!   command `coffer --json ARGS` runs against a prepared vault and the example's keys must
//!   be the real output's keys, recursively (objects; arrays by their first element), both
//!   ways (`ARGS => FILE`: the example is the JSON file the command writes, in the
//!   directory holding the `pw` and `pin` files the arguments name; `{ADDR}` and `{TX}` stand
//!   for the regtest wallet's first address and a payment to it). `<!-- docs-json: skip REASON -->` is the only way to leave a block out, and the
//!   reason must be given.

use crate::common::{Env, bin};
use crate::fund;
use bitcoin::Network;
use serde_json::Value;
use std::collections::BTreeSet;
use std::path::Path;
use std::process::Command;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Fenced blocks of `lang` and the HTML comment with `tag` right before each (if any):
/// `(line of the fence, marker text, block content)`.
fn blocks(text: &str, lang: &str, tag: &str) -> Vec<(usize, Option<String>, String)> {
    let lines: Vec<&str> = text.lines().collect();
    let mut out = vec![];
    let mut i = 0;
    while i < lines.len() {
        let l = lines[i];
        if l.starts_with("```") {
            let open = l.trim_start_matches('`').trim();
            let start = i;
            let mut body = String::new();
            i += 1;
            while i < lines.len() && !lines[i].starts_with("```") {
                body.push_str(lines[i]);
                body.push('\n');
                i += 1;
            }
            if open == lang {
                // The marker: the last non-empty line before the fence.
                let marker = lines[..start]
                    .iter()
                    .rev()
                    .find(|l| !l.trim().is_empty())
                    .and_then(|l| {
                        let l = l.trim();
                        l.strip_prefix(&format!("<!-- {tag}"))
                            .and_then(|r| r.strip_suffix("-->"))
                            .map(|r| r.trim_start_matches(':').trim().to_string())
                    });
                out.push((start + 1, marker, body));
            }
        }
        i += 1;
    }
    out
}

/// Splits a marker's arguments like a shell would for simple words and "quoted text".
fn words(s: &str) -> Vec<String> {
    let mut out = vec![];
    let mut cur = String::new();
    let (mut quoted, mut any) = (false, false);
    for c in s.chars() {
        match c {
            '"' => {
                quoted = !quoted;
                any = true;
            }
            c if c.is_whitespace() && !quoted => {
                if any {
                    out.push(std::mem::take(&mut cur));
                    any = false;
                }
            }
            c => {
                cur.push(c);
                any = true;
            }
        }
    }
    if any {
        out.push(cur);
    }
    out
}

/// The differences between the keys of a documented example and of real output.
fn compare(doc: &Value, real: &Value, path: &str, diffs: &mut Vec<String>) {
    match (doc, real) {
        (Value::Object(d), Value::Object(r)) => {
            let dk: BTreeSet<_> = d.keys().collect();
            let rk: BTreeSet<_> = r.keys().collect();
            for k in dk.difference(&rk) {
                diffs.push(format!("{path}.{k}: documented, not in the output"));
            }
            for k in rk.difference(&dk) {
                diffs.push(format!("{path}.{k}: in the output, not documented"));
            }
            for k in dk.intersection(&rk) {
                compare(&d[*k], &r[*k], &format!("{path}.{k}"), diffs);
            }
        }
        (Value::Array(d), Value::Array(r)) => match (d.first(), r.first()) {
            (Some(d0), Some(r0)) => compare(d0, r0, &format!("{path}[0]"), diffs),
            (Some(_), None) => diffs.push(format!("{path}: documented items, none in the output")),
            _ => {}
        },
        // An elided value (`"… as in wallet show …"`) stands for whatever is there.
        (Value::String(s), _) if s.contains('…') => {}
        (Value::Object(_), _) | (_, Value::Object(_)) => {
            diffs.push(format!("{path}: an object on one side only"))
        }
        _ => {}
    }
}

#[test]
fn key_comparison_finds_renamed_and_missing_keys() {
    let doc: Value =
        serde_json::from_str(r#"{"a":1,"b":[{"c":1,"d":{"e":1}}],"x":"… elided …"}"#).unwrap();
    let same: Value =
        serde_json::from_str(r#"{"a":2,"b":[{"c":3,"d":{"e":4}},{}],"x":{"y":1}}"#).unwrap();
    let renamed: Value = serde_json::from_str(r#"{"a":2,"b":[{"c":3,"d":{"f":4}}]}"#).unwrap();
    let mut d = vec![];
    compare(&doc, &same, "", &mut d);
    assert!(d.is_empty(), "{d:?}");
    compare(&doc, &renamed, "", &mut d);
    assert_eq!(
        d,
        [
            ".x: documented, not in the output",
            ".b[0].d.e: documented, not in the output",
            ".b[0].d.f: in the output, not documented",
        ]
    );
}

/// Every JSON example of docs/json.md has the keys of the real output of its command.
#[test]
fn json_examples_have_the_keys_of_real_output() {
    let text = std::fs::read_to_string(root().join("docs/json.md")).unwrap();
    let env = Env::new();
    // The vault the examples describe: alice with a mainnet wallet `savings` (both
    // chains) and a regtest wallet `main` paid once.
    env.register("alice");
    env.ok(&["wallet", "create", "savings"]);
    env.ok(&[
        "wallet",
        "create",
        "main",
        "--network",
        "regtest",
        "--chains",
        "btc",
    ]);
    let main_addr = env.ok(&["addr", "new", "--wallet", "main"])["items"][0]["address"]
        .as_str()
        .unwrap()
        .to_string();
    let tx = fund::hex(&fund::pay(&[(&main_addr, 150_000)], Network::Regtest, 7));
    let dir = env.secrets.clone();

    let found = blocks(&text, "json", "docs-json");
    assert!(found.len() >= 15, "only {} json blocks found", found.len());
    let mut failures = vec![];
    let mut checked = 0;
    let mut skipped = vec![];
    for (line, marker, body) in found {
        let Some(marker) = marker else {
            failures.push(format!(
                "docs/json.md:{line}: a json block without `<!-- docs-json: ARGS -->`"
            ));
            continue;
        };
        if let Some(reason) = marker.strip_prefix("skip") {
            assert!(
                !reason.trim().is_empty(),
                "docs/json.md:{line}: a skip needs a reason"
            );
            skipped.push(line);
            continue;
        }
        let doc: Value = serde_json::from_str(&body)
            .unwrap_or_else(|e| panic!("docs/json.md:{line}: the example is not JSON: {e}"));
        // Each example starts from a live session of alice's.
        env.login("alice", &[]);
        // `ARGS => FILE`: the example is the file the command writes, not its stdout.
        let (cmd, file) = match marker.split_once(" => ") {
            Some((c, f)) => (c, Some(dir.join(f.trim()))),
            None => (marker.as_str(), None),
        };
        let args: Vec<String> = words(&cmd.replace("{TX}", &tx))
            .into_iter()
            .map(|w| w.replace("{ADDR}", &main_addr))
            .collect();
        let mut c = env.command(&[]);
        c.current_dir(&dir)
            .env("COFFER_USER", "alice")
            .arg("--json")
            .args(&args);
        let out = c.output().unwrap();
        let stdout = String::from_utf8_lossy(&out.stdout);
        if file.is_some() {
            assert!(out.status.success(), "docs/json.md:{line}: {stdout}");
        }
        let real_text = match &file {
            Some(f) => std::fs::read_to_string(f).unwrap(),
            None => stdout.to_string(),
        };
        let real: Value = serde_json::from_str(&real_text).unwrap_or_else(|e| {
            panic!(
                "docs/json.md:{line}: `coffer --json {marker}` printed no JSON ({e}): {stdout} {}",
                String::from_utf8_lossy(&out.stderr)
            )
        });
        let mut diffs = vec![];
        compare(&doc, &real, "", &mut diffs);
        if !diffs.is_empty() {
            failures.push(format!(
                "docs/json.md:{line} (`coffer --json {marker}`):\n  {}\n  real output: {real}",
                diffs.join("\n  ")
            ));
        }
        checked += 1;
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(checked >= 15, "only {checked} examples were checked");
    // A skip is for a block that is not one command's output (the list of error
    // envelopes); more of them would hollow the test out.
    assert!(
        skipped.len() <= 1,
        "json blocks skipped at lines {skipped:?}"
    );
}

/// The README's shell blocks marked `<!-- docs-test -->` run as written.
#[test]
fn readme_examples_run() {
    let text = std::fs::read_to_string(root().join("README.md")).unwrap();
    let bin_dir = bin().parent().unwrap().to_path_buf();
    let path = format!(
        "{}:{}",
        bin_dir.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let marked: Vec<_> = blocks(&text, "sh", "docs-test")
        .into_iter()
        .filter_map(|(line, m, body)| m.map(|m| (line, m, body)))
        .collect();
    assert!(marked.len() >= 4, "only {} blocks marked", marked.len());
    for (line, mode, body) in marked {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        // What the examples take for granted: secret files in the working directory,
        // $PASSWORD, and ~/.coffer-pw.
        let pw = crate::common::PASSWORD;
        std::fs::write(d.join("pw"), format!("{pw}\n")).unwrap();
        std::fs::write(d.join("pin"), "1234\n").unwrap();
        std::fs::write(d.join(".coffer-pw"), format!("{pw}\n")).unwrap();
        let prelude = match mode.as_str() {
            "" => "",
            "logged-in" => {
                "coffer register --username alice --email alice@example.com \
                 --password-file pw --pin-file pin --no-input >/dev/null\n"
            }
            other => panic!("README.md:{line}: unknown docs-test mode {other:?}"),
        };
        let script = format!("set -euo pipefail\n{prelude}{body}");
        let out = Command::new("bash")
            .arg("-c")
            .arg(&script)
            .current_dir(d)
            .env("PATH", &path)
            .env("HOME", d)
            .env("PASSWORD", pw)
            .env("COFFER_HOME", d.join("home"))
            .env("COFFER_KDF_PROFILE", "test")
            .env("COFFER_PIN", "1234")
            .env("NO_COLOR", "1")
            .env_remove("COFFER_USER")
            .env_remove("COFFER_PASSWORD")
            .env_remove("COFFER_SESSION")
            .env_remove("XDG_RUNTIME_DIR")
            .stdin(std::process::Stdio::null())
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "README.md:{line}: the example failed ({}):\n{body}\nstdout: {}\nstderr: {}",
            out.status,
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
    }
}
