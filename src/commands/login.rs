//! `coffer login`, `logout` and `whoami`: unlock the vault into a session file with an
//! idle timeout, lock it again, and show who is unlocked and until when.

use super::SessionInfo;
use crate::cli::login::{LoginArgs, SessionMode};
use crate::clock;
use crate::context::Ctx;
use crate::error::Result;
use crate::secret::{self};
use crate::vault::kdf::KdfProfile;
use crate::vault::session::Mode;
use crate::vault::{self as v};
use coffer_core::access::login as access;
use secrecy::ExposeSecret;
use serde::Serialize;

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
    access::check_timeout(timeout)?;
    let password = ctx
        .input
        .password(&args.password, "Password", false, &secret::not_empty)?;
    let opening = access::open(&paths, &user, &password)?;
    // With 2FA on, a code as well: checked (and spent) inside the login's vault write;
    // a wrong one counts as a failed login.
    let second = crate::prompt::second_factor_if_on(
        ctx,
        &opening.vault.read()?,
        args.totp_code.as_deref(),
        args.backup_code.as_deref(),
    )?;
    let mode = match args.session {
        SessionMode::File => Mode::File,
        SessionMode::Env => Mode::Env,
    };
    let to = access::Target {
        home: &ctx.home.root,
        path: &ctx.session_path(&user),
        mode,
        timeout,
    };
    let (file, token) = opening.finish(second.as_ref(), to)?;
    Ok(LoggedIn {
        user,
        session: SessionInfo::new(&file, file.last_used_at, clock::now()),
        session_token: token.map(|t| t.expose_secret().to_string()),
        // The binary prints them on stderr as well (never on stdout: `eval` reads it).
        warnings: v::notices(),
    })
}

/// The result of `logout`.
#[derive(Debug, Serialize)]
pub struct LoggedOut {
    /// The user.
    pub user: String,
    /// Whether a live session was ended (false: it was already locked or expired).
    pub was_logged_in: bool,
}

/// Runs `coffer logout`: ends the session and deletes its file (success even when
/// already locked).
pub fn logout(ctx: &Ctx) -> Result<LoggedOut> {
    let user = ctx.resolve_user()?;
    let paths = ctx.home.user(&user);
    let path = ctx.session_path(&user);
    let token = ctx.session_token.as_deref();
    let was_logged_in = access::logout(&ctx.home.root, &paths, &user, &path, token)?;
    Ok(LoggedOut {
        user,
        was_logged_in,
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

/// Runs `coffer whoami`: the e-mail and the wallet count come from the vault's summary
/// (nothing decrypted), or from the vault when the summary is not usable.
pub fn whoami(ctx: &Ctx) -> Result<WhoAmI> {
    // Reports the session; asking is not activity (see `unlock_without_activity`).
    let unlocked = ctx.unlock_without_activity()?;
    let (email, wallets) = access::whoami_facts(&unlocked.vault, &unlocked.session)?;
    Ok(whoami_with(ctx, &unlocked, email, wallets))
}

/// `whoami` from a vault already unlocked and read (`coffer status`).
pub fn whoami_of(
    ctx: &Ctx,
    unlocked: &crate::context::Unlocked,
    conn: &coffer_core::Db,
) -> Result<WhoAmI> {
    let email = v::meta(conn, "email")?.unwrap_or_default();
    let wallets = crate::vault::wallets::count(conn)?;
    Ok(whoami_with(ctx, unlocked, email, wallets))
}

fn whoami_with(
    ctx: &Ctx,
    unlocked: &crate::context::Unlocked,
    email: String,
    wallets: i64,
) -> WhoAmI {
    let profile = &unlocked.vault.profile;
    WhoAmI {
        user: profile.username.clone(),
        email,
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
    }
}
