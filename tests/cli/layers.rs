//! The layers of the source tree (docs/architecture.md): no import cycle between the
//! top-level modules of either crate, the core's chain layer names nothing above it, and
//! only the vault's repositories (and settings.rs) make SQL calls in the core; the
//! binary crate names no rusqlite and its commands are glue.
//! The compiler already keeps `coffer-core` from naming the binary crate; cycles inside
//! a crate it allows, so they are found here from the source text.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

/// The `.rs` files under `dir`, each with its path relative to `dir` ('/'-separated).
fn rust_files_under(dir: &Path) -> Vec<(String, PathBuf)> {
    let mut files = vec![];
    rust_files(dir, &mut files);
    files
        .into_iter()
        .map(|f| {
            let rel = f
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            (rel, f)
        })
        .collect()
}

/// The source without comments (line comments and doc comments), so that a path named
/// in prose is not an import.
fn code(text: &str) -> String {
    text.lines()
        .map(|l| match l.find("//") {
            // A `//` inside a string literal ("https://…") is rare in paths we care
            // about; cutting there only ever drops text.
            Some(i) => &l[..i],
            None => l,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn ident(s: &str) -> &str {
    let end = s
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .unwrap_or(s.len());
    &s[..end]
}

/// The top-level modules that `text` names through `prefix::` (`crate::vault::…`,
/// `crate::{vault, chain::btc}`).
fn named(text: &str, prefix: &str) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    let mut rest = text;
    while let Some(i) = rest.find(prefix) {
        let before = rest[..i].chars().next_back();
        rest = &rest[i + prefix.len()..];
        if before.is_some_and(|c| c.is_ascii_alphanumeric() || c == '_') {
            continue;
        }
        if let Some(group) = rest.strip_prefix('{') {
            // The group's top-level items: split at depth-1 commas up to its `}`.
            let mut depth = 1;
            let mut items = vec![String::new()];
            for c in group.chars() {
                match c {
                    '{' => depth += 1,
                    '}' => depth -= 1,
                    ',' if depth == 1 => {
                        items.push(String::new());
                        continue;
                    }
                    _ => {}
                }
                if depth == 0 {
                    break;
                }
                items.last_mut().unwrap().push(c);
            }
            for item in &items {
                let name = ident(item.trim_start());
                if !name.is_empty() {
                    found.insert(name.to_string());
                }
            }
        } else {
            let name = ident(rest);
            if !name.is_empty() {
                found.insert(name.to_string());
            }
        }
    }
    found
}

/// Top-level module → the top-level modules of the same crate it names.
fn graph(src: &Path, prefix: &str, ignore: &[&str]) -> BTreeMap<String, BTreeSet<String>> {
    let mut files = vec![];
    rust_files(src, &mut files);
    let tops: BTreeSet<String> = files
        .iter()
        .map(|f| top_of(src, f))
        .filter(|t| !ignore.contains(&t.as_str()))
        .collect();
    let mut g: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for f in &files {
        let top = top_of(src, f);
        if ignore.contains(&top.as_str()) {
            continue;
        }
        let names = named(&code(&std::fs::read_to_string(f).unwrap()), prefix);
        let entry = g.entry(top.clone()).or_default();
        for n in names {
            if n != top && tops.contains(&n) {
                entry.insert(n);
            }
        }
    }
    g
}

fn top_of(src: &Path, file: &Path) -> String {
    let rel = file.strip_prefix(src).unwrap();
    let first = rel
        .components()
        .next()
        .unwrap()
        .as_os_str()
        .to_string_lossy();
    first.trim_end_matches(".rs").to_string()
}

/// A cycle in `g`, if there is one (as the path that closes it).
fn cycle(g: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    fn visit(
        n: &str,
        g: &BTreeMap<String, BTreeSet<String>>,
        state: &mut BTreeMap<String, u8>,
        path: &mut Vec<String>,
    ) -> Option<Vec<String>> {
        match state.get(n) {
            Some(2) => return None,
            Some(1) => {
                let at = path.iter().position(|p| p == n).unwrap();
                let mut c = path[at..].to_vec();
                c.push(n.to_string());
                return Some(c);
            }
            _ => {}
        }
        state.insert(n.to_string(), 1);
        path.push(n.to_string());
        for m in g.get(n).into_iter().flatten() {
            if let Some(c) = visit(m, g, state, path) {
                return Some(c);
            }
        }
        path.pop();
        state.insert(n.to_string(), 2);
        None
    }
    let mut state = BTreeMap::new();
    for n in g.keys() {
        if let Some(c) = visit(n, g, &mut state, &mut vec![]) {
            return Some(c);
        }
    }
    None
}

#[test]
fn the_parser_finds_paths_and_groups() {
    let text = "use crate::vault::txs;\nuse crate::{chain::btc, clock};\nx = crate::error::E;\nmy_crate::nope";
    let found: Vec<String> = named(text, "crate::").into_iter().collect();
    assert_eq!(found, ["chain", "clock", "error", "vault"]);
    let mut g = BTreeMap::new();
    g.insert("a".to_string(), BTreeSet::from(["b".to_string()]));
    g.insert("b".to_string(), BTreeSet::from(["a".to_string()]));
    assert_eq!(cycle(&g).unwrap(), ["a", "b", "a"]);
    g.get_mut("b").unwrap().clear();
    assert_eq!(cycle(&g), None);
}

#[test]
fn the_core_has_no_import_cycle_and_chain_is_the_bottom() {
    let g = graph(&root().join("crates/coffer-core/src"), "crate::", &["lib"]);
    assert!(g.contains_key("vault") && g.contains_key("chain"), "{g:?}");
    assert_eq!(
        cycle(&g),
        None,
        "an import cycle between core modules: {g:?}"
    );
    // The chain layer (protocols, keys, amounts) names nothing but errors and the clock:
    // storage and services sit above it.
    let chain: Vec<&String> = g["chain"]
        .iter()
        .filter(|m| !["error", "clock"].contains(&m.as_str()))
        .collect();
    assert!(chain.is_empty(), "chain imports {chain:?}");
    // The vault (store and repositories) names no service.
    for service in ["backup", "sync", "policy", "valuation"] {
        assert!(
            !g["vault"].contains(service),
            "vault imports the {service} service: {g:?}"
        );
    }
}

#[test]
fn the_binary_has_no_import_cycle() {
    let g = graph(&root().join("src"), "crate::", &["lib", "main"]);
    assert!(
        g.contains_key("commands") && g.contains_key("output"),
        "{g:?}"
    );
    assert_eq!(
        cycle(&g),
        None,
        "an import cycle between modules of src/: {g:?}"
    );
    // Output knows only errors: it renders, it decides nothing.
    let output: Vec<&String> = g["output"].iter().filter(|m| *m != "error").collect();
    assert!(output.is_empty(), "output imports {output:?}");
}

fn lines_under(dir: &Path) -> usize {
    let mut files = vec![];
    rust_files(dir, &mut files);
    files
        .iter()
        .map(|f| std::fs::read_to_string(f).unwrap().lines().count())
        .sum()
}

/// The binary's commands are glue (issue 20): `src/commands/` holds at most this share
/// (in per cent) of the binary crate's `src/` lines, the issue's reading (it was 68 %
/// with the clap definitions, prompts and user creation in it). The issue's target is
/// 35; the figure only goes down.
const COMMANDS_MAX_PERCENT: usize = 34;

#[test]
fn commands_are_at_most_35_percent_of_the_source() {
    let commands = lines_under(&root().join("src/commands"));
    let all = lines_under(&root().join("src"));
    assert!(commands > 0 && all > commands);
    assert!(
        commands * 100 <= all * COMMANDS_MAX_PERCENT,
        "src/commands/ holds {commands} of the binary's {all} lines in src/ ({} %, at most {COMMANDS_MAX_PERCENT} %)",
        commands * 100 / all
    );
}

/// The binary crate names no rusqlite and makes no SQL call (issue 20): it holds the
/// vault's database only as `coffer_core::Db`, passed to the core.
#[test]
fn the_binary_names_no_rusqlite_and_makes_no_sql_call() {
    let files = rust_files_under(&root().join("src"));
    let mut found = vec![];
    for (rel, f) in &files {
        let text = code_without_tests(&std::fs::read_to_string(f).unwrap());
        for bad in SQL_CALLS.iter().chain(&["rusqlite"]) {
            if text.contains(bad) {
                found.push(format!("src/{rel}: {bad}"));
            }
        }
    }
    assert!(files.len() > 10 && found.is_empty(), "{found:?}");
}

/// The source with comments dropped and string and char literals emptied (`""`, `''`),
/// line breaks kept: what is left are the paths, calls and braces of the code.
fn skeleton(text: &str) -> String {
    let c: Vec<char> = text.chars().collect();
    let ident = |i: usize| i < c.len() && (c[i].is_ascii_alphanumeric() || c[i] == '_');
    let at = |i: usize, k: usize| c.get(i + k).copied();
    let mut out = String::new();
    let mut i = 0;
    while i < c.len() {
        if c[i] == '/' && at(i, 1) == Some('/') {
            while i < c.len() && c[i] != '\n' {
                i += 1;
            }
            continue;
        }
        if c[i] == '/' && at(i, 1) == Some('*') {
            i += 2;
            while i < c.len() && !(c[i] == '*' && at(i, 1) == Some('/')) {
                if c[i] == '\n' {
                    out.push('\n');
                }
                i += 1;
            }
            i += 2;
            continue;
        }
        // A raw string: r"…", r#"…"#, br"…".
        let raw_start = c[i] == 'r'
            && (i == 0 || !ident(i - 1) || (c[i - 1] == 'b' && (i < 2 || !ident(i - 2))));
        if raw_start {
            let mut k = 1;
            while at(i, k) == Some('#') {
                k += 1;
            }
            if at(i, k) == Some('"') {
                let hashes = k - 1;
                i += k + 1;
                out.push_str("r\"");
                while i < c.len() {
                    if c[i] == '"' && (1..=hashes).all(|h| at(i, h) == Some('#')) {
                        i += hashes + 1;
                        break;
                    }
                    if c[i] == '\n' {
                        out.push('\n');
                    }
                    i += 1;
                }
                out.push('"');
                continue;
            }
        }
        if c[i] == '"' {
            i += 1;
            out.push('"');
            while i < c.len() && c[i] != '"' {
                if c[i] == '\\' {
                    i += 1;
                }
                if i < c.len() && c[i] == '\n' {
                    out.push('\n');
                }
                i += 1;
            }
            i += 1;
            out.push('"');
            continue;
        }
        if c[i] == '\'' {
            // A char literal ('x', '\n', '\u{7b}'); otherwise a lifetime.
            if at(i, 1) == Some('\\') {
                let mut k = 2;
                while at(i, k).is_some_and(|x| x != '\'') {
                    k += 1;
                }
                i += k + 1;
                out.push_str("''");
                continue;
            }
            if at(i, 2) == Some('\'') {
                i += 3;
                out.push_str("''");
                continue;
            }
        }
        out.push(c[i]);
        i += 1;
    }
    out
}

/// The skeleton of a core source file (see [`skeleton`]) without its `#[cfg(test)]`
/// items (unit tests and their helpers: up to the end of the item's braces, or its `;`).
fn code_without_tests(text: &str) -> String {
    let mut out = vec![];
    let mut skipping = false;
    let mut depth = 0i64;
    let mut opened = false;
    let text = skeleton(text);
    for line in text.lines() {
        if !skipping && line.trim() == "#[cfg(test)]" {
            (skipping, depth, opened) = (true, 0, false);
            continue;
        }
        if !skipping {
            out.push(line);
            continue;
        }
        for c in line.chars() {
            match c {
                '{' => (depth, opened) = (depth + 1, true),
                '}' => depth -= 1,
                _ => {}
            }
        }
        if (opened && depth <= 0) || (!opened && line.trim_end().ends_with(';')) {
            skipping = false;
        }
    }
    out.join("\n")
}

/// The SQL calls of rusqlite a service must not make.
const SQL_CALLS: [&str; 5] = [
    "execute(",
    "execute_batch(",
    "prepare(",
    "prepare_cached(",
    "query_row(",
];

/// Repositories own the SQL (issue 20): a core file outside the vault layer (and
/// settings.rs, the settings repository) makes no SQL call; its unit tests may.
#[test]
fn sql_is_only_in_the_vault_layer() {
    let mut found = vec![];
    for (rel, f) in &rust_files_under(&root().join("crates/coffer-core/src")) {
        if rel.starts_with("vault/") || rel == "settings.rs" {
            continue;
        }
        let text = code_without_tests(&std::fs::read_to_string(f).unwrap());
        for call in SQL_CALLS {
            if text.contains(call) {
                found.push(format!("{rel}: {call}"));
            }
        }
    }
    assert!(
        found.is_empty(),
        "SQL outside the vault's repositories: {found:?}"
    );
}

#[test]
fn the_sql_check_sees_calls_but_not_tests_or_comments() {
    let service = "fn f(conn: &Connection) {\n    conn.execute(\"DELETE FROM x\", [])?;\n}\n";
    assert!(code_without_tests(service).contains("execute("));
    let quiet = "// conn.prepare(\"…\")\nfn f() {}\n#[cfg(test)]\nmod tests {\n    fn t() {\n        conn.query_row(\"…\")\n    }\n}\n";
    let text = code_without_tests(quiet);
    assert!(SQL_CALLS.iter().all(|c| !text.contains(c)), "{text}");
    // Code after a test item is checked again, braces in literals and comments or not.
    let braces = "#[cfg(test)]\nmod tests {\n    fn t() {\n        let _ = (\"{\\\"a\", r#\"}}\"#, '{', \"x://{\");\n        // }\n    }\n}\n";
    let after = format!("{braces}fn g(c: &Connection) {{\n    c.prepare_cached(\"…\")\n}}\n");
    assert!(code_without_tests(&after).contains("prepare_cached("));
    // A call named in a string is no call.
    assert!(!code_without_tests("let s = \"conn.execute(\";").contains("execute("));
}
