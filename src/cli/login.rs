//! The `login` command-line definitions (clap only: no logic, no I/O).

use crate::secret::PasswordArgs;

/// Unlock the vault for a while.
///
/// Verifies the password and writes a session file that expires after the idle timeout
/// (default 15m) or at the absolute session limit (12h).
/// With `--session env`, prints `export COFFER_SESSION=…` for `eval`; the session file
/// is then useless without that variable.
///
/// Examples:
///   coffer login
///   coffer login --timeout 5m --password-file ~/.coffer-pw
///   eval "$(coffer login --session env)"
#[derive(Debug, clap::Args)]
#[command(verbatim_doc_comment)]
pub struct LoginArgs {
    /// Idle timeout of this session, e.g. 30s, 15m, 1h (at most 12h).
    #[arg(long, value_name = "DURATION")]
    pub timeout: Option<String>,
    /// Keep the unlocked key in the session file, or wrapped under $COFFER_SESSION.
    #[arg(long, value_enum, default_value = "file")]
    pub session: SessionMode,
    #[command(flatten)]
    pub password: PasswordArgs,
    /// The two-factor code, when 2FA is on (else $COFFER_TOTP, else a prompt).
    #[arg(long, value_name = "CODE")]
    pub totp_code: Option<String>,
    /// One of the 2FA backup codes instead of a code (it is then used up).
    #[arg(long, value_name = "CODE", conflicts_with = "totp_code")]
    pub backup_code: Option<String>,
}

/// `--session` values.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum SessionMode {
    /// The session file holds the key (mode 0600, on tmpfs when available).
    File,
    /// The key is wrapped under a token printed for `COFFER_SESSION`.
    Env,
}
