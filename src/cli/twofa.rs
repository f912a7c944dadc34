//! The `twofa` command-line definitions (clap only: no logic, no I/O).

use std::path::PathBuf;

/// `security 2fa` subcommands.
#[derive(Debug, clap::Subcommand)]
pub enum TwoFaCmd {
    /// Turn on TOTP two-factor authentication: shows the secret as an otpauth:// URI
    /// and a QR code for an authenticator app; it is on only once a code from the app
    /// is entered (asked here on a terminal, else with --code). Prints backup codes.
    ///
    /// Examples:
    ///   coffer security 2fa enable                  # on a terminal: scan, type the code
    ///   coffer security 2fa enable --json           # scripts: the URI, then
    ///   coffer security 2fa enable --code 123456    # confirm with a code
    #[command(verbatim_doc_comment)]
    Enable(EnableArgs),
    /// Turn it off: the PIN and a current code (or a backup code).
    Disable(DisableArgs),
}

/// Arguments of `security 2fa enable`.
#[derive(Debug, clap::Args)]
pub struct EnableArgs {
    /// Confirm the pending setup with this code from the app.
    #[arg(long, value_name = "CODE")]
    pub code: Option<String>,
    /// Start again with a new secret (a pending one is replaced).
    #[arg(long, conflicts_with = "code")]
    pub new: bool,
}

/// Arguments of `security 2fa disable`.
#[derive(Debug, clap::Args)]
pub struct DisableArgs {
    /// Read the PIN from FILE (else $COFFER_PIN, else a prompt).
    #[arg(long, value_name = "FILE")]
    pub pin_file: Option<PathBuf>,
    /// A current code (else $COFFER_TOTP, else a prompt).
    #[arg(long, value_name = "CODE", conflicts_with = "backup_code")]
    pub totp_code: Option<String>,
    /// One of the backup codes instead (it is then used up).
    #[arg(long, value_name = "CODE")]
    pub backup_code: Option<String>,
}
