//! `coffer security 2fa enable|disable`: the TOTP second factor. Enabling shows a secret
//! (its `otpauth://` URI and a QR code for an authenticator app) and turns it on only
//! after a right code; it then prints one-time backup codes. `login` asks for a code
//! while it is on.

use crate::cli::twofa::{DisableArgs, EnableArgs};
use crate::clock;
use crate::context::Ctx;
use crate::error::{Error, Result};
use crate::output::Report as _;
use crate::vault::totp;
use coffer_core::access;
pub use coffer_core::access::TwoFa;
use secrecy::ExposeSecret as _;

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
        crate::prompt::ask_pin(ctx, &conn, args.pin_file.as_deref())?
    };
    let second =
        crate::prompt::second_factor(ctx, args.totp_code.as_deref(), args.backup_code.as_deref())?;
    let action = serde_json::json!({ "action": "2fa_disable" });
    access::disable_totp(
        &unlocked.vault,
        |c| coffer_core::access::gate::pin_in(c, &pin, action),
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
