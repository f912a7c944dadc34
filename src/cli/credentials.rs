//! The `credentials` command-line definitions (clap only: no logic, no I/O).

use crate::secret::PasswordArgs;
use std::path::PathBuf;

/// Arguments of `security password`.
#[derive(Debug, clap::Args)]
pub struct PasswordChangeArgs {
    /// The current password (`--password-file`, `--password-stdin`, else
    /// $COFFER_PASSWORD, else a prompt).
    #[command(flatten)]
    pub current: PasswordArgs,
    /// Read the new password from FILE (else a prompt, asked twice).
    #[arg(long, value_name = "FILE")]
    pub new_password_file: Option<PathBuf>,
}

/// Arguments of `security rekey`.
#[derive(Debug, clap::Args)]
pub struct RekeyArgs {
    /// Argon2id memory, e.g. 256MiB, 1GiB, 512KiB (default: the profile's default).
    #[arg(long, value_name = "SIZE")]
    pub memory: Option<String>,
    /// Argon2id iterations.
    #[arg(long, value_name = "N")]
    pub iterations: Option<u32>,
    /// Argon2id lanes.
    #[arg(long, value_name = "N")]
    pub parallelism: Option<u32>,
    /// The current password.
    #[command(flatten)]
    pub current: PasswordArgs,
}

/// Arguments of `security recovery-code`.
#[derive(Debug, clap::Args)]
pub struct RecoveryCodeArgs {
    /// Read the PIN from FILE (else $COFFER_PIN, else a prompt).
    #[arg(long, value_name = "FILE")]
    pub pin_file: Option<PathBuf>,
}
