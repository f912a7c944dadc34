//! `coffer register`: create a local user, their vault, keyslots and PIN, log them in,
//! and show the one-time recovery code.

use super::SessionInfo;
use crate::cli::register::RegisterArgs;
use crate::clock;
use crate::context::Ctx;
use crate::error::{Error, Result};
use crate::output::{Human, Report};
use crate::secret::PasswordArgs;
use crate::vault::audit::{self, Event, Severity};
use crate::vault::kdf::{KdfParams, KdfProfile};
use crate::vault::keyslot::{Keyslot, SlotKind};
use crate::vault::profile::{Profile, UserPaths, validate_username};
use crate::vault::session::{self, Mode, NewSession};
use crate::vault::staging::{self, Staging};
use crate::vault::{self as v, DEFAULT_SESSION_MAX, DEFAULT_SESSION_TIMEOUT, Vault, fsio, schema};
use anyhow::Context as _;
use secrecy::{ExposeSecret, SecretString};
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

impl Report for Registered {
    fn human(&self, out: &mut Human) {
        out.line(format!("Registered {} and logged in.", self.username));
        out.kv("User", &self.username);
        out.kv("Email", &self.email);
        out.kv("Home", &self.home);
        out.kv("Session expires", &self.session.expires_at);
        if self.kdf_insecure {
            out.kv("KDF profile", "test (INSECURE: for test suites only)");
        }
        out.line("");
        out.line("Recovery code (shown once; write it down and keep it offline):");
        out.line(format!("    {}", self.recovery_code));
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
    let username = ask(ctx, args.username, "Username", &free)?;
    let email = ask(ctx, args.email, "Email", &validate_email)?;
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

/// The files of a user that `restore vault --force` keeps, as (current, kept): the old
/// vault stays openable (its profile holds the keyslots) until the next successful login
/// removes them.
fn set_aside_files(paths: &UserPaths) -> Vec<(std::path::PathBuf, std::path::PathBuf)> {
    [
        &paths.profile,
        &paths.vault,
        &paths.prev,
        &paths.engine,
        &paths.engine_prev,
        &paths.inbox,
    ]
    .into_iter()
    .map(|p| (p.clone(), fsio::sibling(p, ".before-restore")))
    .collect()
}

/// Removes what a forced restore kept (after a successful login), and the directories
/// that a killed `register` or `restore vault` left under `users/`.
pub fn drop_set_aside(paths: &UserPaths) -> Result<()> {
    for (_, kept) in set_aside_files(paths) {
        if kept.is_dir() {
            std::fs::remove_dir_all(&kept).context("removing the vault kept before a restore")?;
        } else {
            fsio::remove_if_exists(&kept)?;
        }
    }
    if let Some(users) = paths.dir.parent() {
        staging::sweep(users);
    }
    Ok(())
}

/// Refuses a forced restore while an earlier one's files are still kept.
pub fn check_nothing_set_aside(paths: &UserPaths) -> Result<()> {
    match set_aside_files(paths).into_iter().find(|(_, k)| k.exists()) {
        Some((_, kept)) => Err(Error::invalid(
            "force",
            format!(
                "{} from an earlier restore is still kept: log in once (which removes it) or move it away first",
                kept.display()
            ),
        )),
        None => Ok(()),
    }
}

/// Fills the staging directory `new` with what the replaced user `old` keeps: its vault
/// files as `*.before-restore`, everything else it holds (`backups/`, …) under the same
/// name; all hard links, so the old directory stays untouched. Its lock file and the
/// temp files of killed writers stay behind.
fn carry_over(old: &UserPaths, new: &UserPaths) -> Result<()> {
    let kept = set_aside_files(old);
    for entry in std::fs::read_dir(&old.dir).context("reading the replaced user's files")? {
        let entry = entry.context("reading the replaced user's files")?;
        let src = entry.path();
        let name = entry.file_name();
        let to = match kept.iter().find(|(current, _)| *current == src) {
            Some((_, k)) => new.dir.join(k.file_name().unwrap_or(&name)),
            None if src == old.lock || name.to_string_lossy().ends_with(".tmp") => continue,
            None => new.dir.join(&name),
        };
        if entry.file_type().context("reading a file type")?.is_dir() {
            fsio::link_tree(&src, &to)?;
        } else if std::fs::hard_link(&src, &to).is_err() {
            std::fs::copy(&src, &to).context("keeping the replaced user's files")?;
        }
    }
    Ok(())
}

/// Creates a local user: asks for a new password and PIN, then writes a vault holding
/// `initial` (a restored database) or a fresh one. The whole user directory is built
/// aside and put in place in one step (see [`staging`]): the user appears whole or not
/// at all. With `replace` (restore --force), an existing user's directory is swapped
/// for the new one, which keeps the old vault files as `*.before-restore`.
pub fn new_user(
    ctx: &Ctx,
    username: &str,
    email: &str,
    password_args: &PasswordArgs,
    pin_file: Option<&std::path::Path>,
    initial: Option<rusqlite::Connection>,
    replace: bool,
) -> Result<Registered> {
    validate_username(username)?;
    let paths = ctx.home.user(username);
    staging::sweep(&ctx.home.users_dir());
    let replace = replace && paths.dir.exists();
    if paths.dir.exists() && !replace {
        return Err(Error::UserExists(username.to_string()));
    }
    if replace {
        check_nothing_set_aside(&paths)?;
    }
    let kdf_profile = KdfProfile::from_name(ctx.kdf_profile.as_deref().unwrap_or("default"))?;
    clock::allow_for_vault(kdf_profile == KdfProfile::Test, username)?;
    let inputs = [username, email, "coffer"];
    let strong = |pw: &str| check_strength(pw, &inputs);
    let password = ctx
        .input
        .password(password_args, "New password", true, &strong)?;
    let pin = ctx.input.pin(
        pin_file,
        "Transaction PIN (4-12 digits)",
        true,
        &validate_pin,
    )?;

    fsio::ensure_private_dir(&ctx.home.root)?;
    let staged = Staging::create(&ctx.home, username)?;
    let built = build_user(
        &staged.paths(),
        username,
        email,
        (&password, &pin),
        kdf_profile,
        initial,
    )?;
    // The replaced user's lock: no writer of the old vault runs while it is swapped out.
    let held = match replace.then(|| fsio::lock_exclusive(&paths.lock)) {
        Some(Ok(lock)) => Some(lock),
        // It vanished meanwhile: there is nothing to replace.
        Some(Err(_)) if !paths.dir.exists() => None,
        Some(Err(e)) => return Err(e.into()),
        None => None,
    };
    match &held {
        Some(_) => {
            check_nothing_set_aside(&paths)?;
            carry_over(&paths, &staged.paths())?;
            // Its session unlocks a key that no longer opens anything here.
            fsio::remove_if_exists(&ctx.session_path(username))?;
            staged.commit_replace(&paths.dir)?;
        }
        None => staged.commit_new(&paths.dir, username)?,
    }
    let new = NewSession {
        home: &ctx.home.root,
        user: username,
        mode: Mode::File,
        idle_timeout_secs: DEFAULT_SESSION_TIMEOUT,
        max_secs: DEFAULT_SESSION_MAX,
        id: &built.session_id,
    };
    let (file, _) = session::create(&ctx.session_path(username), &new, &built.identity)?;
    drop(held);
    let now = built.created_at;
    Ok(Registered {
        username: username.to_string(),
        email: email.to_string(),
        home: ctx.home.root.display().to_string(),
        recovery_code: built.recovery_code.expose_secret().to_string(),
        kdf_profile,
        kdf_insecure: !kdf_profile.is_secure(),
        created_at: clock::rfc3339(now),
        session: SessionInfo::new(&file, now, now),
    })
}

/// What [`build_user`] made: the secrets the caller shows or keeps in the session.
struct Built {
    identity: SecretString,
    recovery_code: SecretString,
    created_at: i64,
    /// The first session's id, recorded in the vault.
    session_id: String,
}

/// Writes a complete user directory at `paths` (a staging directory nobody else sees):
/// lock file, inbox, vault and profile, each synced.
fn build_user(
    paths: &UserPaths,
    username: &str,
    email: &str,
    (password, pin): (&SecretString, &SecretString),
    kdf_profile: KdfProfile,
    initial: Option<rusqlite::Connection>,
) -> Result<Built> {
    let _lock = fsio::lock_exclusive(&paths.lock)?;
    fsio::ensure_private_dir(&paths.inbox)?;
    let now = clock::now();
    let identity = age::x25519::Identity::generate();
    let identity_secret = identity.to_string();
    let recovery_code = new_recovery_code();
    let keyslots = seal_slots(
        username,
        &identity_secret,
        password,
        kdf_profile.fresh_params(),
        kdf_profile,
        &recovery_code,
        now,
    )?;
    let profile = Profile {
        format: crate::vault::keyslot::FORMAT_VERSION,
        username: username.to_string(),
        created_at: now,
        kdf_profile,
        vault_recipient: identity.to_public().to_string(),
        keyslots,
        failed_logins: 0,
        last_failed_login_ms: None,
        last_login_at: Some(now),
        last_login_ms: Some(clock::now_ms()),
        password_changed_at: now,
        audit_head: None,
        binding: None,
    };

    let restored = initial.is_some();
    let mut conn = match initial {
        Some(c) => c,
        None => schema::memory_connection()?,
    };
    schema::migrate(&mut conn)?;
    v::set_meta(&conn, "username", username)?;
    v::set_meta(&conn, "email", email)?;
    if !restored {
        v::set_meta(&conn, "created_at", &now.to_string())?;
    }
    v::set_meta(&conn, "last_login_at", &now.to_string())?;
    store_pin(&conn, pin, &kdf_profile.fresh_params())?;
    let details = serde_json::json!({ "kdf_profile": kdf_profile.name() });
    audit::record(
        &conn,
        &Event::new(
            if restored { "restored" } else { "register" },
            Severity::Info,
            true,
            details,
        ),
    )?;
    audit::record(
        &conn,
        &Event::new(
            "login",
            Severity::Info,
            true,
            serde_json::json!({ "via": "register" }),
        ),
    )?;
    v::set_meta(&conn, "profile_bound", "1")?;
    let session_id = session::new_id();
    v::set_meta(&conn, "session_id", &session_id)?;
    let mut profile = profile;
    profile.bind(&identity_secret);
    Vault::write_initial(paths, &mut conn, &profile.recipient()?)?;
    profile.save(paths)?;
    Ok(Built {
        identity: identity_secret,
        recovery_code,
        created_at: now,
        session_id,
    })
}

/// A value given on the command line (checked once), else asked at a prompt until it
/// passes `check` (each refusal shown), as the password and PIN prompts do.
fn ask(
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

/// Checks an e-mail address (RFC 5322 syntax, with a dotted domain).
pub fn validate_email(email: &str) -> Result<()> {
    let bad = |why: &str| Error::invalid("email", format!("'{email}' {why}"));
    let parsed: email_address::EmailAddress = email
        .parse()
        .map_err(|e| bad(&format!("is not an e-mail address ({e})")))?;
    let domain = parsed.domain();
    if email.len() > 254
        || !domain.contains('.')
        || domain.starts_with('[')
        || domain.ends_with('.')
    {
        return Err(bad("is not an e-mail address with a usable domain"));
    }
    if parsed.display_part() != "" || email.contains(['<', '>', ' ']) {
        return Err(bad("must be a bare address such as alice@example.com"));
    }
    Ok(())
}

/// Checks the transaction PIN: 4 to 12 ASCII digits.
pub fn validate_pin(p: &str) -> Result<()> {
    if !(4..=12).contains(&p.len()) || !p.bytes().all(|b| b.is_ascii_digit()) {
        return Err(Error::invalid("pin", "the PIN must be 4 to 12 digits"));
    }
    Ok(())
}

/// Rejects passwords zxcvbn scores below 3 ("safely unguessable"), with its reason.
pub fn check_strength(password: &str, user_inputs: &[&str]) -> Result<()> {
    let est = zxcvbn::zxcvbn(password, user_inputs);
    if password.is_empty() {
        return Err(Error::WeakPassword {
            reason: "the password is empty".into(),
            subject: "password",
        });
    }
    if u8::from(est.score()) >= 3 {
        return Ok(());
    }
    let mut reason = match est.feedback().and_then(|f| f.warning()) {
        Some(w) => w.to_string(),
        None => "it is too easy to guess".to_string(),
    };
    if let Some(s) = est.feedback().and_then(|f| f.suggestions().first()) {
        reason.push_str(&format!(" ({s})"));
    }
    Err(Error::WeakPassword {
        reason,
        subject: "password",
    })
}

fn store_pin(conn: &rusqlite::Connection, pin: &SecretString, kdf: &KdfParams) -> Result<()> {
    crate::vault::pin::set(conn, pin.expose_secret(), kdf)
}

const CROCKFORD: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/// The two keyslots of the vault key `identity`: the password's, sealed under
/// `params`, and the recovery code's, under fresh parameters of `kdf_profile`.
pub(crate) fn seal_slots(
    user: &str,
    identity: &SecretString,
    password: &SecretString,
    params: KdfParams,
    kdf_profile: KdfProfile,
    recovery_code: &SecretString,
    now: i64,
) -> Result<Vec<Keyslot>> {
    Ok(vec![
        Keyslot::seal(
            SlotKind::Password,
            password.expose_secret().as_bytes(),
            user,
            identity,
            params,
            now,
        )?,
        Keyslot::seal(
            SlotKind::Recovery,
            normalize_recovery_code(recovery_code.expose_secret()).as_bytes(),
            user,
            identity,
            kdf_profile.fresh_params(),
            now,
        )?,
    ])
}

/// A new recovery code: 25 Crockford base32 characters (125 bits) in five groups.
pub fn new_recovery_code() -> SecretString {
    let bytes = zeroize::Zeroizing::new(fsio::random_bytes::<25>());
    let chars: String = bytes
        .iter()
        .map(|b| CROCKFORD[(b & 31) as usize] as char)
        .collect();
    let groups: Vec<&str> = (0..5).map(|i| &chars[i * 5..i * 5 + 5]).collect();
    SecretString::from(groups.join("-"))
}

/// The canonical form of a typed recovery code: upper case, no separators.
pub fn normalize_recovery_code(code: &str) -> String {
    code.chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_uppercase())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails() {
        assert!(validate_email("alice@example.com").is_ok());
        assert!(validate_email("a.b+tag@sub.example.org").is_ok());
        for bad in [
            "alice",
            "alice@",
            "@example.com",
            "alice@localhost",
            "a b@example.com",
            "Alice <a@example.com>",
        ] {
            assert!(validate_email(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn pins() {
        for ok in ["1234", "123456789012"] {
            assert!(validate_pin(ok).is_ok());
        }
        for bad in ["123", "1234567890123", "12a4", ""] {
            assert!(validate_pin(bad).is_err());
        }
    }

    #[test]
    fn strength() {
        assert!(check_strength("password1", &[]).is_err());
        assert!(check_strength("alice2026", &["alice"]).is_err());
        assert!(check_strength("plaid-otter-quarry-lantern-91", &[]).is_ok());
    }

    #[test]
    fn recovery_codes() {
        let c = new_recovery_code();
        assert_eq!(c.expose_secret().len(), 29);
        assert_eq!(
            normalize_recovery_code(&c.expose_secret().to_lowercase()).len(),
            25
        );
    }
}
