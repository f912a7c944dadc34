//! Prompts that are not a command's own: a value given on the command line or asked
//! until it passes its check, and the gates' secrets (the transaction PIN, a 2FA or
//! backup code) read before a vault write checks them (`coffer_core::access::gate`).

use crate::context::Ctx;
use crate::error::{Error, Result};
use crate::vault::Vault;
use crate::vault::pin;
use coffer_core::access::gate::{Asked, pin_unlocked};
use secrecy::ExposeSecret as _;
use std::path::Path;

/// A value given on the command line (checked once), else asked at a prompt until it
/// passes `check` (each refusal shown), as the password and PIN prompts do.
pub fn ask_value(
    ctx: &Ctx,
    given: Option<String>,
    prompt: &str,
    check: &dyn Fn(&str) -> Result<()>,
) -> Result<String> {
    if let Some(v) = given {
        let v = v.trim().to_string();
        check(&v)?;
        return Ok(v);
    }
    if !ctx.input.interactive {
        return Err(Error::InputRequired {
            what: prompt.to_lowercase(),
            hint: format!("pass --{}", prompt.to_lowercase()),
        });
    }
    dialoguer::Input::<String>::new()
        .with_prompt(prompt)
        .validate_with(|s: &String| check(s.trim()).map_err(|e| e.to_string()))
        .interact_text()
        .map(|s| s.trim().to_string())
        .map_err(|e| Error::Usage(format!("prompt failed: {e}")))
}

/// Asks for the PIN (`pin_file`, `$COFFER_PIN` or a prompt) after refusing a locked one
/// on `conn` (a snapshot): the first half of [`pin_in`](coffer_core::access::gate::pin_in) (the second, in the write).
pub fn ask_pin(
    ctx: &Ctx,
    conn: &coffer_core::Db,
    pin_file: Option<&Path>,
) -> Result<secrecy::SecretString> {
    pin_unlocked(conn)?;
    ctx.input
        .pin(pin_file, "Transaction PIN", false, &|_| Ok(()))
}

/// The first half of a PIN (and code) gate, on `conn` (the snapshot): a locked PIN is
/// refused, the PIN asked; with `with_code`, a code is asked when 2FA is on and the PIN
/// is right (a wrong one is counted by [`Asked::check`] before any code is asked for).
pub fn ask_gate(
    ctx: &Ctx,
    vault: &Vault,
    conn: &coffer_core::Db,
    pin_file: Option<&Path>,
    totp_code: Option<&str>,
    with_code: bool,
) -> Result<Asked> {
    let value = ask_pin(ctx, conn, pin_file)?;
    let code = if with_code
        && crate::vault::totp::enabled(conn)?
        && pin::verify(conn, value.expose_secret())?
    {
        Some(ctx.input.totp(totp_code, "Two-factor code")?)
    } else {
        None
    };
    Ok(Asked {
        pin: value,
        code,
        user: vault.profile.username.clone(),
    })
}

/// The second factor a command was given: `--backup-code`, else a code from
/// `--totp-code`, `$COFFER_TOTP` or a prompt.
pub fn second_factor(
    ctx: &Ctx,
    totp_code: Option<&str>,
    backup_code: Option<&str>,
) -> Result<crate::vault::totp::Second> {
    use crate::vault::totp::Second;
    Ok(match backup_code {
        Some(b) => Second::Backup(secrecy::SecretString::from(b.to_string())),
        None => Second::Code(ctx.input.totp(totp_code, "Two-factor code")?),
    })
}

/// [`second_factor`] when 2FA is on in `conn`, else nothing asked.
pub fn second_factor_if_on(
    ctx: &Ctx,
    conn: &coffer_core::Db,
    totp_code: Option<&str>,
    backup_code: Option<&str>,
) -> Result<Option<crate::vault::totp::Second>> {
    if !crate::vault::totp::enabled(conn)? {
        return Ok(None);
    }
    second_factor(ctx, totp_code, backup_code).map(Some)
}
