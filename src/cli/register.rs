//! The `register` command-line definitions (clap only: no logic, no I/O).

use crate::secret::PasswordArgs;
use std::path::PathBuf;

/// Create a local user with an encrypted vault, and log in.
///
/// The password is asked twice on a terminal and must resist guessing (checked with
/// zxcvbn). The transaction PIN (4-12 digits) approves signing later. The recovery code
/// is shown once: it opens a second keyslot of the vault; keep it offline.
///
/// Examples:
///   coffer register --username alice --email alice@example.com
///   coffer register --username alice --email a@example.com --password-file pw --pin-file pin --json
#[derive(Debug, clap::Args)]
#[command(verbatim_doc_comment)]
pub struct RegisterArgs {
    /// User name: 1-32 characters of a-z, 0-9, '_' and '-'.
    #[arg(long)]
    pub username: Option<String>,
    /// E-mail address (kept inside the encrypted vault only).
    #[arg(long)]
    pub email: Option<String>,
    #[command(flatten)]
    pub password: PasswordArgs,
    /// Read the transaction PIN from FILE (else $COFFER_PIN, else a prompt).
    #[arg(long, value_name = "FILE")]
    pub pin_file: Option<PathBuf>,
}
