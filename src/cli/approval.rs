//! The `approval` command-line definitions (clap only: no logic, no I/O).

/// Arguments of `send confirm`.
#[derive(Debug, Clone, clap::Args)]
pub struct ConfirmArgs {
    /// The approval id (from the send that was held).
    pub id: String,
    /// Pass the rolling daily limit (PIN and, when on, a 2FA code; audited, severity high).
    #[arg(long)]
    pub override_limit: bool,
    /// Read the PIN from FILE (else $COFFER_PIN, else a prompt).
    #[arg(long, value_name = "FILE")]
    pub pin_file: Option<std::path::PathBuf>,
    /// A two-factor code, when 2FA is on (else $COFFER_TOTP, else a prompt).
    #[arg(long, value_name = "CODE")]
    pub totp_code: Option<String>,
    /// Do not ask "Sign this transaction?" (the review is still printed on a terminal).
    #[arg(long)]
    pub yes: bool,
    /// Also write the signed raw transaction (hex) to FILE.
    #[arg(long, value_name = "FILE")]
    pub raw_out: Option<std::path::PathBuf>,
}

/// Arguments of `send cancel`.
#[derive(Debug, Clone, clap::Args)]
pub struct CancelArgs {
    /// The approval id.
    pub id: String,
}
