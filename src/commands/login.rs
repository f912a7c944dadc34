//! `coffer login`, `logout` and `whoami`: unlock the vault into a session file with an
//! idle timeout, lock it again, and show who is unlocked and until when.

use super::SessionInfo;
use crate::cli::login::{LoginArgs, SessionMode};
use crate::clock;
use crate::context::Ctx;
use crate::error::{Error, Result};
use crate::secret::{self};
use crate::vault::audit::{self, Event, Severity};
use crate::vault::kdf::KdfProfile;
use crate::vault::keyslot::SlotKind;
use crate::vault::profile::{Profile, UserPaths, backoff_ms};
use crate::vault::session::{self, Mode, NewSession, Rejection};
use crate::vault::{self as v, Vault, fsio, inbox};
use anyhow::Context as _;
use coffer_core::settings::Settings;
use secrecy::ExposeSecret;
use serde::Serialize;

/// Longest idle timeout a login may ask for.
const MAX_TIMEOUT: i64 = 12 * 60 * 60;

/// The result of `login`.
#[derive(Serialize)]
pub struct LoggedIn {
    /// The user.
    pub user: String,
    /// The new session.
    pub session: SessionInfo,
    /// Env mode: the token for `COFFER_SESSION`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub session_token: Option<String>,
    /// What the unlock found that needs the user's attention: an older vault put in
    /// place, inbox files that could not be merged. Also printed on stderr.
    pub warnings: Vec<String>,
}

impl std::fmt::Debug for LoggedIn {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LoggedIn")
            .field("user", &self.user)
            .field("session", &self.session)
            .field(
                "session_token",
                &self.session_token.as_ref().map(|_| "[REDACTED]"),
            )
            .field("warnings", &self.warnings)
            .finish()
    }
}

/// Runs `coffer login`.
pub fn login(ctx: &Ctx, args: LoginArgs) -> Result<LoggedIn> {
    let user = ctx.resolve_user()?;
    let paths = ctx.home.user(&user);
    let timeout = args
        .timeout
        .as_deref()
        .map(clock::parse_duration)
        .transpose()?;
    if let Some(t) = timeout.filter(|t| *t as i64 > MAX_TIMEOUT) {
        return Err(Error::invalid(
            "timeout",
            format!("{t} s is longer than the 12 h maximum"),
        ));
    }
    let password = ctx
        .input
        .password(&args.password, "Password", false, &secret::not_empty)?;

    // Hold the lock from the rate-limit check to the counter update, so parallel
    // attempts cannot slip past the backoff.
    let lock = fsio::lock_exclusive(&paths.lock)?;
    let profile = Profile::load(&paths)?;
    if let Some(wait_ms) = profile.login_delay_ms(clock::now_ms()) {
        return Err(Error::RateLimited {
            retry_after_secs: ((wait_ms + 999) / 1000) as u64,
        });
    }
    let slot = profile
        .slot(SlotKind::Password)
        .context("profile.json has no password keyslot")?;
    let Some(identity) = slot.open(password.expose_secret().as_bytes(), &user)? else {
        let failures = record_failure(&paths, profile)?;
        return Err(Error::WrongPassword {
            attempts_before_delay: 5u32.saturating_sub(failures),
            recovery: false,
        });
    };
    let vault = Vault::with_identity(paths.clone(), profile.clone(), &identity)?;
    // With 2FA on, a code as well: checked (and spent) inside the login's vault write;
    // a wrong one counts as a failed login.
    let second = crate::prompt::second_factor_if_on(
        ctx,
        &vault.read()?,
        args.totp_code.as_deref(),
        args.backup_code.as_deref(),
    )?;
    let mode = match args.session {
        SessionMode::File => Mode::File,
        SessionMode::Env => Mode::Env,
    };
    let session_id = session::new_id();
    let written = vault.write_locked(&lock, |conn| {
        if let Some(s) = &second {
            crate::vault::totp::spend(conn, &user, s, clock::now())?;
        }
        let settings = Settings::load(conn)?;
        let max = settings.session_max_secs;
        let idle = match timeout {
            Some(t) => t as i64,
            None => settings.session_timeout_secs,
        };
        let now = clock::now();
        v::set_meta(conn, "last_login_at", &now.to_string())?;
        // The one live session: every older one (saved copies included) ends here.
        v::set_meta(conn, "session_id", &session_id)?;
        let details = serde_json::json!({ "session": format!("{mode:?}").to_lowercase(), "idle_timeout_secs": idle });
        audit::record(conn, &Event::new("login", Severity::Info, true, details))?;
        Ok((idle.min(max), max))
    });
    let (idle, max) = match written {
        Ok(v) => v,
        Err(e @ Error::WrongTotp { .. }) => {
            record_failure(&paths, profile)?;
            return Err(e);
        }
        Err(e) => return Err(e),
    };
    let mut profile = Profile::load(&paths)?;
    profile.failed_logins = 0;
    profile.last_failed_login_ms = None;
    profile.last_login_at = Some(clock::now());
    profile.last_login_ms = Some(clock::now_ms());
    profile.save(&paths)?;
    // A vault set aside by `restore vault --force` is no longer needed.
    coffer_core::access::user::drop_set_aside(&paths)?;
    drop(lock);

    let new = NewSession {
        home: &ctx.home.root,
        user: &user,
        mode,
        idle_timeout_secs: idle,
        max_secs: max,
        id: &session_id,
    };
    let (file, token) = session::create(&ctx.session_path(&user), &new, &identity)?;
    Ok(LoggedIn {
        user,
        session: SessionInfo::new(&file, file.last_used_at, clock::now()),
        session_token: token.map(|t| t.expose_secret().to_string()),
        // The binary prints them on stderr as well (never on stdout: `eval` reads it).
        warnings: v::notices(),
    })
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

/// The result of `logout`.
#[derive(Debug, Serialize)]
pub struct LoggedOut {
    /// The user.
    pub user: String,
    /// Whether a live session was ended (false: it was already locked or expired).
    pub was_logged_in: bool,
}

/// Runs `coffer logout`: deletes the session file (success even when already locked).
pub fn logout(ctx: &Ctx) -> Result<LoggedOut> {
    let user = ctx.resolve_user()?;
    let paths = ctx.home.user(&user);
    let path = ctx.session_path(&user);
    let opened = session::open(
        &path,
        &ctx.home.root,
        &user,
        ctx.session_token.as_deref(),
        clock::now(),
    );
    let live = matches!(opened, Ok(_) | Err(Rejection::NeedsToken(_)));
    if let Ok(s) = opened {
        // With the key at hand, the vault forgets the session: a saved copy of the file
        // no longer opens anything. (A session whose key is out of reach, in env mode
        // without COFFER_SESSION, is only deleted: its file alone is useless.)
        let ended = Profile::load(&paths)
            .and_then(|p| Vault::with_identity(paths.clone(), p, &s.identity))
            .and_then(|vault| {
                vault.for_session(&s.file.id, &path).write_light(|c| {
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
            fsio::remove_if_exists(&path)?;
            return Ok(LoggedOut {
                user,
                was_logged_in,
            });
        }
    }
    let existed = fsio::remove_if_exists(&path)?;
    if existed && live {
        let profile = Profile::load(&paths)?;
        let ev = Event::new("logout", Severity::Info, true, serde_json::json!({}));
        inbox::post(&paths, &profile.recipient()?, &inbox::Item::Audit(ev))?;
    }
    Ok(LoggedOut {
        user,
        was_logged_in: existed && live,
    })
}

/// The result of `whoami`.
#[derive(Debug, Serialize)]
pub struct WhoAmI {
    /// The user.
    pub user: String,
    /// Their e-mail.
    pub email: String,
    /// The home.
    pub home: String,
    /// The live session.
    pub session: SessionInfo,
    /// The KDF profile of the keyslots.
    pub kdf_profile: KdfProfile,
    /// True when that profile is the insecure test profile.
    pub kdf_insecure: bool,
    /// Number of wallets in the vault.
    pub wallets: i64,
    /// Last successful login (RFC 3339).
    pub last_login_at: Option<String>,
}

/// Runs `coffer whoami`.
pub fn whoami(ctx: &Ctx) -> Result<WhoAmI> {
    let unlocked = ctx.unlock()?;
    let conn = unlocked.vault.read()?;
    whoami_of(ctx, &unlocked, &conn)
}

/// `whoami` from a vault already unlocked and read (`coffer status`).
pub fn whoami_of(
    ctx: &Ctx,
    unlocked: &crate::context::Unlocked,
    conn: &coffer_core::Db,
) -> Result<WhoAmI> {
    let wallets = crate::vault::wallets::count(conn)?;
    let profile = &unlocked.vault.profile;
    Ok(WhoAmI {
        user: profile.username.clone(),
        email: v::meta(conn, "email")?.unwrap_or_default(),
        home: ctx.home.root.display().to_string(),
        session: SessionInfo::new(
            &unlocked.session.file,
            unlocked.session.last_active,
            clock::now(),
        ),
        kdf_profile: profile.kdf_profile,
        kdf_insecure: !profile.kdf_profile.is_secure(),
        wallets,
        last_login_at: profile.last_login_at.map(clock::rfc3339),
    })
}
