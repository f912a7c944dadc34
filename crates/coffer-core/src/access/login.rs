//! `login` and `logout`: the password keyslot opened under the user's lock with the
//! failed-login backoff, the login's vault write and its session file, a failed login
//! counted; the session ended in the vault and its file deleted; what `whoami` shows
//! of the vault. Secrets come in as
//! values: asking for them (the password, the 2FA code) is the caller's.

use crate::clock;
use crate::error::{Error, Result};
use crate::settings::Settings;
use crate::vault::audit::{self, Event, Severity};
use crate::vault::keyslot::SlotKind;
use crate::vault::profile::{Profile, UserPaths, backoff_ms};
use crate::vault::session::{self, Mode, NewSession, Rejection, Session, SessionFile};
use crate::vault::{self as v, Vault, fsio, inbox, summary, totp};
use secrecy::{ExposeSecret, SecretString};
use std::path::Path;

/// Longest idle timeout a login may ask for.
const MAX_TIMEOUT: i64 = 12 * 60 * 60;

/// The idle timeout a login asks for, checked before any secret is asked for.
pub fn check_timeout(timeout: Option<u64>) -> Result<()> {
    if let Some(t) = timeout.filter(|t| *t as i64 > MAX_TIMEOUT) {
        return Err(Error::invalid(
            "timeout",
            format!("{t} s is longer than the 12 h maximum"),
        ));
    }
    Ok(())
}

/// A login under way: the user's lock held from the rate-limit check to the counter
/// update (so parallel attempts cannot slip past the backoff), the password keyslot
/// opened. The caller reads `vault` to ask for a 2FA code, then calls [`Opening::finish`].
pub struct Opening {
    lock: fsio::Lock,
    paths: UserPaths,
    user: String,
    profile: Profile,
    identity: SecretString,
    /// The unlocked vault.
    pub vault: Vault,
}

/// Opens `paths`' password keyslot with `password` under the user's lock, after the
/// backoff check; a wrong password is counted ([`record_failure`]).
pub fn open(paths: &UserPaths, user: &str, password: &SecretString) -> Result<Opening> {
    let lock = fsio::lock_exclusive(&paths.lock)?;
    let profile = Profile::load(paths)?;
    crate::access::check_backoff(&profile)?;
    let slot = profile
        .slot(SlotKind::Password)
        .ok_or_else(|| anyhow::anyhow!("profile.json has no password keyslot"))?;
    let Some(identity) = slot.open(password.expose_secret().as_bytes(), user)? else {
        let failures = record_failure(paths, profile)?;
        return Err(Error::WrongPassword {
            attempts_before_delay: 5u32.saturating_sub(failures),
            recovery: false,
        });
    };
    let vault = Vault::with_identity(paths.clone(), profile.clone(), &identity)?;
    Ok(Opening {
        lock,
        paths: paths.clone(),
        user: user.to_string(),
        profile,
        identity,
        vault,
    })
}

/// Where a login's session file goes and how it is kept.
pub struct Target<'a> {
    /// Home root (bound into the file).
    pub home: &'a Path,
    /// The session file.
    pub path: &'a Path,
    /// File or env mode.
    pub mode: Mode,
    /// The idle timeout asked for (else the vault's setting).
    pub timeout: Option<u64>,
}

impl Opening {
    /// The login's write: the 2FA code `second` checked and spent (a wrong one counts as
    /// a failed login), the last login and the one live session recorded (every older
    /// one ends here), the failure counter cleared, a vault set aside by a forced restore
    /// dropped; then the session file. Returns the file and, in env mode, its token.
    pub fn finish(
        self,
        second: Option<&totp::Second>,
        to: Target<'_>,
    ) -> Result<(SessionFile, Option<SecretString>)> {
        let user = self.user;
        let mode = to.mode;
        let session_id = session::new_id();
        let written = self.vault.write_locked(&self.lock, |conn| {
            if let Some(s) = second {
                totp::spend(conn, &user, s, clock::now())?;
            }
            let settings = Settings::load(conn)?;
            let max = settings.session_max_secs;
            let idle = match to.timeout {
                Some(t) => t as i64,
                None => settings.session_timeout_secs,
            };
            let now = clock::now();
            v::set_meta(conn, "last_login_at", &now.to_string())?;
            v::set_meta(conn, "session_id", &session_id)?;
            let details = serde_json::json!({ "session": format!("{mode:?}").to_lowercase(), "idle_timeout_secs": idle });
            audit::record(conn, &Event::new("login", Severity::Info, true, details))?;
            Ok((idle.min(max), max))
        });
        let (idle, max) = match written {
            Ok(v) => v,
            Err(e @ Error::WrongTotp { .. }) => {
                record_failure(&self.paths, self.profile)?;
                return Err(e);
            }
            Err(e) => return Err(e),
        };
        let mut profile = Profile::load(&self.paths)?;
        profile.failed_logins = 0;
        profile.last_failed_login_ms = None;
        profile.last_login_at = Some(clock::now());
        profile.last_login_ms = Some(clock::now_ms());
        profile.save(&self.paths)?;
        crate::access::user::drop_set_aside(&self.paths)?;
        drop(self.lock);
        let new = NewSession {
            home: to.home,
            user: &user,
            mode,
            idle_timeout_secs: idle,
            max_secs: max,
            id: &session_id,
        };
        session::create(to.path, &new, &self.identity)
    }
}

/// Counts a failed login in the profile and leaves an audit event in the inbox.
pub fn record_failure(paths: &UserPaths, mut profile: Profile) -> Result<u32> {
    profile.failed_logins = profile.failed_logins.saturating_add(1);
    profile.last_failed_login_ms = Some(clock::now_ms());
    profile.save(paths)?;
    let details = serde_json::json!({
        "consecutive_failures": profile.failed_logins,
        "next_delay_secs": backoff_ms(profile.failed_logins).map(|ms| ms / 1000),
    });
    let ev = Event::new("login_failed", Severity::Medium, false, details);
    inbox::post(paths, &profile.recipient()?, &inbox::Item::Audit(ev))?;
    Ok(profile.failed_logins)
}

/// What `whoami` shows from the vault: the e-mail and the number of wallets, from the
/// vault's summary when it is usable (nothing decrypted), else from the vault.
/// A session the summary does not record as the live one is refused as a vault read
/// would refuse it (its file deleted).
pub fn whoami_facts(vault: &Vault, session: &Session) -> Result<(String, i64)> {
    match summary::load(&vault.paths, &session.identity) {
        Some(s) if s.is_live(&session.file.id) => Ok((s.email, s.wallets)),
        Some(_) => {
            session::remove_if_id(&session.path, &session.file.id);
            Err(Error::SessionExpired {
                reason: Some("a later login or a logout ended this session".into()),
            })
        }
        None => {
            let conn = vault.read()?;
            Ok((
                v::meta(&conn, "email")?.unwrap_or_default(),
                crate::vault::wallets::count(&conn)?,
            ))
        }
    }
}

/// Ends `user`'s session whose file is `path` (success even when already locked):
/// returns whether a live session was ended.
pub fn logout(
    home: &Path,
    paths: &UserPaths,
    user: &str,
    path: &Path,
    token: Option<&str>,
) -> Result<bool> {
    let opened = session::open(path, home, user, token, clock::now());
    let live = matches!(opened, Ok(_) | Err(Rejection::NeedsToken(_)));
    if let Ok(s) = opened {
        // With the key at hand, the vault forgets the session: a saved copy of the file
        // no longer opens anything. (A session whose key is out of reach, in env mode
        // without COFFER_SESSION, is only deleted: its file alone is useless.)
        let ended = Profile::load(paths)
            .and_then(|p| Vault::with_identity(paths.clone(), p, &s.identity))
            .and_then(|vault| {
                vault.for_session(&s.file.id, path).write_light(|c| {
                    v::set_meta(c, "session_id", "")?;
                    audit::record(
                        c,
                        &Event::new("logout", Severity::Info, true, serde_json::json!({})),
                    )
                })
            });
        let was_logged_in = match ended {
            Ok(()) => Some(true),
            // Already ended by a later login or logout (a stale copy of the file).
            Err(Error::SessionExpired { .. }) => Some(false),
            // The vault cannot be written (damaged, say): logging out still works, as
            // below, by deleting the file.
            Err(_) => None,
        };
        if let Some(was_logged_in) = was_logged_in {
            fsio::remove_if_exists(path)?;
            return Ok(was_logged_in);
        }
    }
    let existed = fsio::remove_if_exists(path)?;
    if existed && live {
        let profile = Profile::load(paths)?;
        let ev = Event::new("logout", Severity::Info, true, serde_json::json!({}));
        inbox::post(paths, &profile.recipient()?, &inbox::Item::Audit(ev))?;
    }
    Ok(existed && live)
}
