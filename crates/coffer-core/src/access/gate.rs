//! The approval gates checked inside an unlocked vault before signing, revealing a
//! mnemonic or changing security settings: the transaction PIN, with its lockout, and
//! the 2FA code. Each is checked and counted (or spent) under the user's lock; asking
//! for them is the caller's.

use crate::clock;
use crate::error::{Error, Result};
use crate::vault::audit::{self, Event, Severity};
use crate::vault::pin;
use rusqlite::Connection;
use secrecy::{ExposeSecret as _, SecretString};

/// Refuses while the PIN is locked (exit 9, with the seconds left).
pub fn pin_unlocked(conn: &Connection) -> Result<()> {
    let st = pin::state(conn)?;
    match st.locked_until {
        Some(until) if until > clock::now() => Err(Error::RateLimited {
            retry_after_secs: (until - clock::now()) as u64,
        }),
        _ => Ok(()),
    }
}

/// The PIN inside a vault write that goes on to act (one decryption for both): checks
/// `value` on `conn`; a right one resets the count (`Ok(None)`), a wrong one is counted
/// and audited and its error returned as `Ok(Some(..))`, for the caller to commit the
/// count and then fail.
pub fn pin_in(
    conn: &Connection,
    value: &SecretString,
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
/// the caller (the binary's `prompt::ask_gate`) and checked by [`Asked::check`] inside the write that acts on them (one
/// decryption for both): `wallet reveal`, `send confirm`, `security
/// pin change`, `security recovery-code`, `security set`.
pub struct Asked {
    /// The PIN given.
    pub pin: SecretString,
    /// The 2FA code given, if one was asked for.
    pub code: Option<SecretString>,
    /// The account the code is for.
    pub user: String,
}

impl Asked {
    /// The PIN alone, inside the write ([`pin_in`]).
    pub fn check_pin(&self, c: &Connection, action: serde_json::Value) -> Result<Option<Error>> {
        pin_in(c, &self.pin, action)
    }

    /// The 2FA code read, if any.
    pub fn code(&self) -> Option<&SecretString> {
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
        c: &Connection,
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
fn wrong_pin(c: &Connection, action: serde_json::Value) -> Result<Error> {
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

/// The gate of one settings change, decided on the snapshot: at level high, the PIN
/// (and code) asked already for every change; else, for a change that lowers protection
/// with 2FA on, the PIN and a code asked now; else nothing. Checked in the change's write
/// ([`Setting::check`]).
pub struct Setting<'a> {
    /// What was asked: at level high the caller's, else this change's own.
    asked: Option<&'a Asked>,
    own: Option<Asked>,
    action: serde_json::Value,
    /// Whether the change lowers protection (gated when 2FA is on).
    lowers: bool,
}

/// The gate of the settings change `key` on the snapshot `conn`: `high` is what was
/// asked at level high; `ask` asks for the PIN and a code when the change `lowers`
/// protection with 2FA on.
pub fn setting<'a>(
    conn: &Connection,
    key: &str,
    high: Option<&'a Asked>,
    lowers: bool,
    ask: impl FnOnce() -> Result<Asked>,
) -> Result<Setting<'a>> {
    let mut gate = Setting {
        asked: high,
        own: None,
        action: serde_json::json!({ "action": "setting", "setting": key }),
        lowers,
    };
    if high.is_some() {
        gate.action = serde_json::json!({ "action": "setting", "setting": key, "level": "high" });
    } else if lowers && crate::vault::totp::enabled(conn)? {
        gate.own = Some(ask()?);
    }
    Ok(gate)
}

impl Setting<'_> {
    /// Inside the write: the PIN and, with 2FA on, the code ([`Asked::check`]). When
    /// nothing was asked on the snapshot, the write checks that nothing is needed now:
    /// level high, or 2FA for a lowering change, turned on by another command meanwhile
    /// refuses the change (nothing changed; run it again).
    pub fn check(&self, c: &Connection) -> Result<Option<Error>> {
        if let Some(asked) = self.asked.or(self.own.as_ref()) {
            return asked.check(c, self.action.clone(), true);
        }
        let high = crate::settings::Settings::load(c)?.level == crate::settings::Level::High;
        if high || (self.lowers && crate::vault::totp::enabled(c)?) {
            return Ok(Some(Error::InputRequired {
                what: "the transaction PIN".into(),
                hint: "level high or 2FA was turned on while this change was asked for; \
                       run the command again"
                    .into(),
            }));
        }
        Ok(None)
    }
}
