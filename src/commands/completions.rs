//! `coffer completions SHELL`: the shell completion script, generated from the clap
//! definitions (the same files are kept in `completions/`).

use crate::cli::completions::CompletionsArgs;
use crate::error::Result;
use clap_complete::Shell;
use serde::Serialize;

/// The result of `completions`.
#[derive(Debug, Serialize)]
pub struct Completions {
    /// The shell.
    pub shell: String,
    /// The script.
    pub script: String,
}

/// The completion script for `shell`, from the command tree `cli` (`Cli::command()`:
/// passed in, so that commands do not depend on the command tree that names them).
pub fn script(shell: Shell, cli: &mut clap::Command) -> String {
    let mut buf = Vec::new();
    clap_complete::generate(shell, cli, "coffer", &mut buf);
    String::from_utf8(buf).expect("clap_complete writes UTF-8")
}

/// Runs `coffer completions`.
pub fn run(args: CompletionsArgs, cli: &mut clap::Command) -> Result<Completions> {
    Ok(Completions {
        shell: args.shell.to_string(),
        script: script(args.shell, cli),
    })
}
