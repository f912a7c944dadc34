//! The `completions` command-line definitions (clap only: no logic, no I/O).

use clap_complete::Shell;

/// Print the completion script for SHELL.
///
/// Examples:
///   coffer completions bash > ~/.local/share/bash-completion/completions/coffer
///   coffer completions zsh > "${fpath[1]}/_coffer"
#[derive(Debug, clap::Args)]
#[command(verbatim_doc_comment)]
pub struct CompletionsArgs {
    /// The shell.
    #[arg(value_enum)]
    pub shell: Shell,
}
