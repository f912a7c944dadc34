//! The `labels` command-line definitions (clap only: no logic, no I/O).

use std::path::PathBuf;

/// `labels` subcommands.
#[derive(Debug, clap::Subcommand)]
pub enum LabelsCmd {
    /// Write BIP-329 labels (JSON Lines): transactions, addresses, account xpubs.
    Export {
        /// Only this wallet.
        #[arg(long)]
        wallet: Option<String>,
        /// Write to FILE (default: standard output).
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
    /// Read BIP-329 labels; imported labels win over existing ones.
    ///
    /// A record applies only to the wallet its `origin` names (none: any); a record
    /// without a label leaves the label alone; `output` records freeze (`spendable:
    /// false`) or unfreeze coins; records of unknown types are skipped and counted.
    /// A bad line stops the import with its line number and nothing changes, unless
    /// --partial (then the good lines are imported and the bad ones reported).
    Import {
        /// The BIP-329 file.
        file: PathBuf,
        /// Import the good lines even when some are bad.
        #[arg(long)]
        partial: bool,
    },
}
