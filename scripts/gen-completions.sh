#!/usr/bin/env bash
# Regenerates the shell completion files in completions/ from the current CLI.
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
