//! The `restore` command-line definitions (clap only: no logic, no I/O).

use crate::cli::wallet::SeedArgs;
use std::path::PathBuf;

/// Arguments of `restore wallet`.
#[derive(Debug, clap::Args)]
#[command(group = clap::ArgGroup::new("phrase").required(true).args(["mnemonic_stdin", "mnemonic_file"]))]
pub struct RestoreWalletArgs {
    /// The wallet's name in this vault.
    pub name: String,
    #[command(flatten)]
    pub seed: SeedArgs,
    /// Read the BIP-39 mnemonic from standard input.
    #[arg(long)]
    pub mnemonic_stdin: bool,
    /// Read the BIP-39 mnemonic from FILE.
    #[arg(long, value_name = "FILE")]
    pub mnemonic_file: Option<PathBuf>,
    /// Receive (and change) addresses to derive per account (1-1000).
    #[arg(long, default_value_t = 20)]
    pub gap_limit: u32,
    /// Show the first addresses; write nothing.
    #[arg(long)]
    pub dry_run: bool,
}
