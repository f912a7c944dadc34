//! `coffer security 2fa enable|disable`: the TOTP second factor. Enabling shows a secret
//! (its `otpauth://` URI and a QR code for an authenticator app) and turns it on only
//! after a right code; it then prints one-time backup codes. `login` asks for a code
//! while it is on.

use crate::clock;
use crate::context::Ctx;
use crate::error::{Error, Result};
use crate::output::Report as _;
use crate::vault::totp;
use coffer_core::access;
pub use coffer_core::access::TwoFa;
use secrecy::ExposeSecret as _;
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

/// Runs `coffer security 2fa enable`: a new secret (one write), or with `--code` its
/// confirmation (one write).
pub fn enable(ctx: &Ctx, args: EnableArgs) -> Result<TwoFa> {
    let unlocked = ctx.unlock()?;
    let confirm = |code: &str| -> Result<TwoFa> {
        let codes = access::confirm_totp(&unlocked.vault, code, clock::now())?;
        Ok(TwoFa {
            status: "enabled".into(),
            secret: None,
            uri: None,
            backup_codes: Some(
                codes
                    .iter()
                    .map(|c| c.expose_secret().to_string())
                    .collect(),
            ),
        })
    };
    if let Some(code) = &args.code {
        return confirm(code);
    }
    // A new secret, pending until a code from the app confirms it.
    let e = access::begin_totp(&unlocked.vault, clock::now())?;
    let pending = TwoFa {
        status: "pending".into(),
        secret: Some(e.secret),
        uri: Some(e.uri),
        backup_codes: None,
    };
    if !ctx.input.interactive {
        return Ok(pending);
    }
    // On a terminal: show it, then ask for the first code right here.
    crate::output::write_stderr(&pending.human_text());
    let code = ctx.input.totp(None, "Code from the app")?;
    confirm(code.expose_secret())
}

/// Runs `coffer security 2fa disable`: one read (is it on? is the PIN locked?) before
/// the PIN and the code are asked for, then one write that checks them and turns it
/// off.
pub fn disable(ctx: &Ctx, args: DisableArgs) -> Result<TwoFa> {
    let unlocked = ctx.unlock()?;
    let pin = {
        let conn = unlocked.vault.read()?;
        if !totp::enabled(&conn)? {
            return Err(Error::invalid("2fa", "two-factor authentication is off"));
        }
        super::gate::ask_pin(ctx, &conn, args.pin_file.as_deref())?
    };
    let second =
        super::gate::second_factor(ctx, args.totp_code.as_deref(), args.backup_code.as_deref())?;
    let action = serde_json::json!({ "action": "2fa_disable" });
    access::disable_totp(
        &unlocked.vault,
        |c| super::gate::pin_in(c, &pin, action),
        &second,
        clock::now(),
    )?;
    Ok(TwoFa {
        status: "disabled".into(),
        secret: None,
        uri: None,
        backup_codes: None,
    })
}
