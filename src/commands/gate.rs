//! The approval gates checked inside an unlocked vault before signing, revealing a
//! mnemonic or changing security settings: the transaction PIN, with its lockout, and
//! the 2FA code. Each is checked and counted (or spent) under the user's lock.

use crate::clock;
use crate::context::Ctx;
use crate::error::{Error, Result};
use crate::vault::Vault;
use crate::vault::audit::{self, Event, Severity};
use crate::vault::pin;
use secrecy::ExposeSecret as _;
use std::path::Path;

/// Refuses while the PIN is locked (exit 9, with the seconds left).
pub fn pin_unlocked(conn: &coffer_core::Db) -> Result<()> {
    let st = pin::state(conn)?;
    match st.locked_until {
        Some(until) if until > clock::now() => Err(Error::RateLimited {
            retry_after_secs: (until - clock::now()) as u64,
        }),
        _ => Ok(()),
    }
}

/// Asks for the PIN (`pin_file`, `$COFFER_PIN` or a prompt) after refusing a locked one
/// on `conn` (a snapshot): the first half of [`pin_in`] (the second, in the write).
pub fn ask_pin(
    ctx: &Ctx,
    conn: &coffer_core::Db,
    pin_file: Option<&Path>,
) -> Result<secrecy::SecretString> {
    pin_unlocked(conn)?;
    ctx.input
        .pin(pin_file, "Transaction PIN", false, &|_| Ok(()))
}

/// The PIN inside a vault write that goes on to act (one decryption for both): checks
/// `value` on `conn`; a right one resets the count (`Ok(None)`), a wrong one is counted
/// and audited and its error returned as `Ok(Some(..))`, for the caller to commit the
/// count and then fail.
pub fn pin_in(
    conn: &coffer_core::Db,
    value: &secrecy::SecretString,
    action: serde_json::Value,
) -> Result<Option<Error>> {
    pin_unlocked(conn)?;
    if pin::verify(conn, value.expose_secret())? {
        if pin::state(conn)?.failed > 0 {
            pin::reset(conn)?;
        }
        return Ok(None);
    }
    wrong_pin(conn, action).map(Some)
}

/// The PIN and, when asked for and 2FA is on, a 2FA code, read on a snapshot by
/// [`ask`] and checked by [`Asked::check`] inside the write that acts on them (one
/// decryption for both): `wallet reveal`, `send confirm` (`approval::Asked`), `security
/// pin change`, `security recovery-code`, `security set`.
pub struct Asked {
    pin: secrecy::SecretString,
    code: Option<secrecy::SecretString>,
    user: String,
}

/// The first half of a PIN (and code) gate, on `conn` (the snapshot): a locked PIN is
/// refused, the PIN asked; with `with_code`, a code is asked when 2FA is on and the PIN
/// is right (a wrong one is counted by [`Asked::check`] before any code is asked for).
pub fn ask(
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

impl Asked {
    /// The PIN alone, inside the write ([`pin_in`]).
    pub fn check_pin(
        &self,
        c: &coffer_core::Db,
        action: serde_json::Value,
    ) -> Result<Option<Error>> {
        pin_in(c, &self.pin, action)
    }

    /// The 2FA code read, if any.
    pub fn code(&self) -> Option<&secrecy::SecretString> {
        self.code.as_ref()
    }

    /// The account the code is for.
    pub fn user(&self) -> &str {
        &self.user
    }

    /// The second half, inside the write: the PIN ([`pin_in`]: a wrong one counted and
    /// audited), then, with `with_code` (decided on `c`) and 2FA on, the code (spent). A
    /// refusal is `Ok(Some(error))`: committed, then given.
    pub fn check(
        &self,
        c: &coffer_core::Db,
        action: serde_json::Value,
        with_code: bool,
    ) -> Result<Option<Error>> {
        if let Some(wrong) = self.check_pin(c, action)? {
            return Ok(Some(wrong));
        }
        if !with_code || !crate::vault::totp::enabled(c)? {
            return Ok(None);
        }
        let Some(code) = &self.code else {
            return Ok(Some(Error::WrongTotp {
                reason: "a two-factor code is needed now (2FA or level high was turned on \
                         meanwhile); run the command again"
                    .into(),
            }));
        };
        Ok(crate::vault::totp::accept(c, &self.user, code.expose_secret(), clock::now()).err())
    }
}

/// Counts and audits a wrong PIN (`pin_failed`; `pin_locked` when it locks); returns
/// the error to give.
fn wrong_pin(c: &coffer_core::Db, action: serde_json::Value) -> Result<Error> {
    let st = pin::record_failure(c, clock::now())?;
    let mut details = action.clone();
    if let Some(m) = details.as_object_mut() {
        m.insert("consecutive_failures".into(), st.failed.into());
    }
    audit::record(
        c,
        &Event::new("pin_failed", Severity::Medium, false, details.clone()),
    )?;
    if let Some(until) = st.locked_until {
        if let Some(m) = details.as_object_mut() {
            m.insert("locked_until".into(), clock::rfc3339(until).into());
        }
        audit::record(c, &Event::new("pin_locked", Severity::High, false, details))?;
    }
    Ok(Error::WrongPin {
        attempts_before_lock: pin::FREE_FAILURES.saturating_sub(st.failed),
        locked_for_secs: pin::lock_secs(st.failed),
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
