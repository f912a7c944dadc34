//! A new local user: the checks of a user name, an e-mail address, a password's
//! strength and a PIN; the vault, keyslots, PIN and first session written in one step
//! (or a restored database put in place of an existing user's vault); the recovery code.
//! Secrets come in as values: asking for them is the caller's.

use crate::clock;
use crate::error::{Error, Result};
use crate::vault::audit::{self, Event, Severity};
use crate::vault::kdf::{KdfParams, KdfProfile};
use crate::vault::keyslot::{Keyslot, SlotKind};
use crate::vault::profile::{Home, Profile, UserPaths, validate_username};
use crate::vault::session::{self, Mode, NewSession, SessionFile};
use crate::vault::staging::{self, Staging};
use crate::vault::{self as v, DEFAULT_SESSION_MAX, DEFAULT_SESSION_TIMEOUT, Vault, fsio, schema};
use anyhow::Context as _;
use rusqlite::Connection;
use secrecy::{ExposeSecret, SecretString};
use std::path::Path;

/// The checks made before any secret is asked for: a valid, free `username` (with
/// `replace`, restore --force, an existing one is replaced unless an earlier restore's
/// files are still kept). Sweeps what killed registrations left. Returns whether an
/// existing user is replaced.
pub fn check_new(home: &Home, username: &str, replace: bool) -> Result<bool> {
    validate_username(username)?;
    let paths = home.user(username);
    staging::sweep(&home.users_dir());
    let replace = replace && paths.dir.exists();
    if paths.dir.exists() && !replace {
        return Err(Error::UserExists(username.to_string()));
    }
    if replace {
        check_nothing_set_aside(&paths)?;
    }
    Ok(replace)
}

/// A user to create: who, their secrets, and where the first session goes.
pub struct NewUser<'a> {
    /// The home.
    pub home: &'a Home,
    /// The user name (checked by [`check_new`]).
    pub username: &'a str,
    /// The e-mail address (checked by [`validate_email`]).
    pub email: &'a str,
    /// The login password.
    pub password: &'a SecretString,
    /// The transaction PIN.
    pub pin: &'a SecretString,
    /// The KDF profile of the keyslots and the PIN.
    pub kdf_profile: KdfProfile,
    /// The session file of the first session.
    pub session_path: &'a Path,
}

/// What [`create`] made.
pub struct Created {
    /// The first session (logged in).
    pub session: SessionFile,
    /// The one-time recovery code.
    pub recovery_code: SecretString,
    /// Creation time (Unix seconds).
    pub created_at: i64,
}

/// Creates a local user: writes a vault holding `initial` (a restored database) or a
/// fresh one and logs them in. The whole user directory is built aside and put in
/// place in one step (see [`staging`]): the user appears whole or not at all. With
/// `replace` (from [`check_new`]), an existing user's directory is swapped for the new
/// one, which keeps the old vault files as `*.before-restore`.
pub fn create(user: &NewUser, initial: Option<Connection>, replace: bool) -> Result<Created> {
    let (home, username) = (user.home, user.username);
    let paths = home.user(username);
    fsio::ensure_private_dir(&home.root)?;
    let staged = Staging::create(home, username)?;
    let built = build_user(
        &staged.paths(),
        username,
        user.email,
        (user.password, user.pin),
        user.kdf_profile,
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
            fsio::remove_if_exists(user.session_path)?;
            staged.commit_replace(&paths.dir)?;
        }
        None => staged.commit_new(&paths.dir, username)?,
    }
    let new = NewSession {
        home: &home.root,
        user: username,
        mode: Mode::File,
        idle_timeout_secs: DEFAULT_SESSION_TIMEOUT,
        max_secs: DEFAULT_SESSION_MAX,
        id: &built.session_id,
    };
    let (session, _) = session::create(user.session_path, &new, &built.identity)?;
    drop(held);
    Ok(Created {
        session,
        recovery_code: built.recovery_code,
        created_at: built.created_at,
    })
}

/// The files of a user that `restore vault --force` keeps, as (current, kept): the old
/// vault stays openable (its profile holds the keyslots) until the next successful login
/// removes them.
fn set_aside_files(paths: &UserPaths) -> Vec<(std::path::PathBuf, std::path::PathBuf)> {
    [
        &paths.profile,
        &paths.vault,
        &paths.prev,
        &paths.delta,
        &paths.delta_prev,
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
            // The old vault's summary names the old vault: the new one has its own.
            None if src == old.lock
                || src == crate::vault::summary::path(old)
                || name.to_string_lossy().ends_with(".tmp") =>
            {
                continue;
            }
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
    initial: Option<Connection>,
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
    Vault::write_initial(paths, &mut conn, &identity)?;
    profile.save(paths)?;
    crate::vault::summary::record(paths, &identity_secret, &conn);
    Ok(Built {
        identity: identity_secret,
        recovery_code,
        created_at: now,
        session_id,
    })
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

/// A new backup passphrase must be as hard to guess as a login password (the same
/// estimator and threshold): the backup holds the seeds.
pub fn check_backup_passphrase(p: &str, user: &str, email: &str) -> Result<()> {
    check_strength(p, &[user, email, "coffer"]).map_err(|e| match e {
        Error::WeakPassword { reason, .. } => Error::WeakPassword {
            reason,
            subject: "backup passphrase",
        },
        e => e,
    })
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

fn store_pin(conn: &Connection, pin: &SecretString, kdf: &KdfParams) -> Result<()> {
    crate::vault::pin::set(conn, pin.expose_secret(), kdf)
}

const CROCKFORD: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/// The two keyslots of the vault key `identity`: the password's, sealed under
/// `params`, and the recovery code's, under fresh parameters of `kdf_profile`.
pub fn seal_slots(
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

    /// A profile bound by the vault key whose recipient is not that key's (no one but
    /// the key's holder can bind one, so only a bug could write it): reads open it, but
    /// no write encrypts the vault to that recipient; nothing on disk changes.
    #[test]
    fn no_write_encrypts_to_a_recipient_that_is_not_the_identity_s() {
        let dir = tempfile::tempdir().unwrap();
        let home = Home::new(dir.path().to_path_buf());
        let session_path = dir.path().join("alice.session");
        let created = create(
            &NewUser {
                home: &home,
                username: "alice",
                email: "alice@example.com",
                password: &SecretString::from("a long test password 1"),
                pin: &SecretString::from("1234"),
                kdf_profile: KdfProfile::Test,
                session_path: &session_path,
            },
            None,
            false,
        )
        .unwrap();
        let paths = home.user("alice");
        let session = session::open(
            &session_path,
            dir.path(),
            "alice",
            None,
            created.session.last_used_at,
        )
        .unwrap_or_else(|_| panic!("the new session opens"));
        let identity = session.identity;
        let good = Profile::load(&paths).unwrap();
        let vault = Vault::with_identity(paths.clone(), good.clone(), &identity).unwrap();
        vault.write(|c| v::set_meta(c, "probe", "1")).unwrap();

        let mut bad = good;
        bad.vault_recipient = age::x25519::Identity::generate().to_public().to_string();
        bad.bind(&identity);
        bad.save(&paths).unwrap();
        let files = |p: &UserPaths| {
            let mut all: Vec<(std::path::PathBuf, Vec<u8>)> = std::fs::read_dir(&p.dir)
                .unwrap()
                .map(|e| e.unwrap().path())
                .filter(|p| p.is_file())
                .map(|p| (p.clone(), std::fs::read(&p).unwrap()))
                .collect();
            all.sort();
            all
        };
        let before = files(&paths);
        let vault = Vault::with_identity(paths.clone(), bad, &identity).unwrap();
        let conn = vault.read().unwrap();
        assert_eq!(v::meta(&conn, "probe").unwrap().as_deref(), Some("1"));
        drop(conn);
        for light in [false, true] {
            let change = |c: &Connection| v::set_meta(c, "probe", "2");
            let e = if light {
                vault.write_light(change)
            } else {
                vault.write(change)
            }
            .unwrap_err();
            assert!(matches!(e, Error::ProfileDamaged { .. }), "{e:?}");
        }
        assert_eq!(before, files(&paths), "nothing written");
    }
}
