#!/usr/bin/env bash
# Regenerates the shell completion files in completions/ and the man pages in man/ from
# the current CLI. tests/cli/completions.rs fails when either is stale.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --quiet --locked
bin=target/debug/coffer
"$bin" completions bash > completions/coffer.bash
"$bin" completions zsh > completions/_coffer
"$bin" completions fish > completions/coffer.fish
"$bin" completions elvish > completions/coffer.elv
"$bin" completions powershell > completions/_coffer.ps1
echo "completions/ regenerated"
# The man pages are rendered by the test that checks them (clap_mangen is a
# dev-dependency: the coffer binary does not carry it).
COFFER_WRITE_MAN=1 cargo test --quiet --locked --test cli completions::checked_in_man_pages_are_current >/dev/null
echo "man/ regenerated ($(ls man/*.1 | wc -l) pages)"
