//! `coffer register`: create a local user, their vault, keyslots and PIN, log them in,
//! and show the one-time recovery code.

use super::SessionInfo;
use crate::cli::register::RegisterArgs;
use crate::clock;
use crate::context::Ctx;
use crate::error::{Error, Result};
use crate::secret::PasswordArgs;
use crate::vault::kdf::KdfProfile;
use crate::vault::profile::validate_username;
use coffer_core::access::user::{self, NewUser};
use secrecy::ExposeSecret;
use serde::Serialize;

/// The result of `register`.
#[derive(Serialize)]
pub struct Registered {
    /// The new user.
    pub username: String,
    /// Their e-mail.
    pub email: String,
    /// The home holding the vault.
    pub home: String,
    /// The one-time recovery code: shown here and never again.
    pub recovery_code: String,
    /// The KDF profile of the keyslots.
    pub kdf_profile: KdfProfile,
    /// True when the KDF profile is the insecure test profile.
    pub kdf_insecure: bool,
    /// Creation time (RFC 3339).
    pub created_at: String,
    /// The session opened by registering.
    pub session: SessionInfo,
}

impl std::fmt::Debug for Registered {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Registered")
            .field("username", &self.username)
            .field("recovery_code", &"[REDACTED]")
            .finish_non_exhaustive()
    }
}

/// Runs `coffer register`.
pub fn run(ctx: &Ctx, args: RegisterArgs) -> Result<Registered> {
    let free = |name: &str| {
        validate_username(name)?;
        if ctx.home.user(name).dir.exists() {
            return Err(Error::UserExists(name.to_string()));
        }
        Ok(())
    };
    let username = crate::prompt::ask_value(ctx, args.username, "Username", &free)?;
    let email = crate::prompt::ask_value(ctx, args.email, "Email", &user::validate_email)?;
    new_user(
        ctx,
        &username,
        &email,
        &args.password,
        args.pin_file.as_deref(),
        None,
        false,
    )
}

/// Creates a local user: asks for a new password and PIN, then has
/// [`user::create`] write a vault holding `initial` (a restored database) or a fresh
/// one. With `replace` (restore --force), an existing user's directory is swapped for
/// the new one, which keeps the old vault files as `*.before-restore`.
pub fn new_user(
    ctx: &Ctx,
    username: &str,
    email: &str,
    password_args: &PasswordArgs,
    pin_file: Option<&std::path::Path>,
    initial: Option<coffer_core::Db>,
    replace: bool,
) -> Result<Registered> {
    let replace = user::check_new(&ctx.home, username, replace)?;
    let kdf_profile = KdfProfile::from_name(ctx.kdf_profile.as_deref().unwrap_or("default"))?;
    clock::allow_for_vault(kdf_profile == KdfProfile::Test, username)?;
    let inputs = [username, email, "coffer"];
    let strong = |pw: &str| user::check_strength(pw, &inputs);
    let password = ctx
        .input
        .password(password_args, "New password", true, &strong)?;
    let pin = ctx.input.pin(
        pin_file,
        "Transaction PIN (4-12 digits)",
        true,
        &user::validate_pin,
    )?;
    let new = NewUser {
        home: &ctx.home,
        username,
        email,
        password: &password,
        pin: &pin,
        kdf_profile,
        session_path: &ctx.session_path(username),
    };
    let created = user::create(&new, initial, replace)?;
    let now = created.created_at;
    Ok(Registered {
        username: username.to_string(),
        email: email.to_string(),
        home: ctx.home.root.display().to_string(),
        recovery_code: created.recovery_code.expose_secret().to_string(),
        kdf_profile,
        kdf_insecure: !kdf_profile.is_secure(),
        created_at: clock::rfc3339(now),
        session: SessionInfo::new(&created.session, now, now),
    })
}
