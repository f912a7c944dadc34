//! Access to the vault beyond the session: the keyslots that wrap the vault key (the
//! login password's and the recovery code's, with the failed-login backoff), a new
//! password, a new recovery code, a new vault key (`rekey`), recovery with the recovery
//! code, the transaction PIN's change and reset, and the TOTP second factor's enrolment
//! and removal. Secrets come in as values: asking for them is the caller's.

use crate::clock;
use crate::error::{Error, Result};
use crate::vault::audit::{self, Event, Severity};
use crate::vault::kdf::KdfParams;
use crate::vault::keyslot::{Keyslot, SlotKind};
use crate::vault::profile::{AuditHead, Profile, UserPaths};
use crate::vault::{Vault, fsio, totp};
use anyhow::Context as _;
use rusqlite::Connection;
use secrecy::{ExposeSecret as _, SecretString};
use serde::Serialize;

// What the commands over these services return (their JSON `data`).

/// What `security pin change` did.
#[derive(Debug, Serialize)]
pub struct PinChanged {
    /// When (RFC 3339).
    pub changed_at: String,
}

/// What `security set` changed.
#[derive(Debug, Serialize)]
pub struct SetDone {
    /// The setting.
    pub key: String,
    /// Its new value.
    pub value: String,
    /// The automatic-backup settings now (for `auto-backup`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub auto_backup: Option<AutoBackupView>,
}

/// What `security recover` did.
#[derive(Serialize)]
pub struct Recovered {
    /// The user.
    pub user: String,
    /// The new recovery code: shown here once; the old one no longer works.
    pub recovery_code: String,
    /// When the password changed (RFC 3339).
    pub password_changed_at: String,
    /// True when two-factor authentication was on and the recovery turned it off (the
    /// recovery code is the way back from a lost authenticator too).
    pub two_factor_disabled: bool,
}

impl std::fmt::Debug for Recovered {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Recovered")
            .field("user", &self.user)
            .finish_non_exhaustive()
    }
}

/// The state of the second factor after `2fa enable|disable`.
#[derive(Serialize)]
pub struct TwoFa {
    /// `pending` (waiting for a first code), `enabled` or `disabled`.
    pub status: String,
    /// The secret (base32), shown only while pending: enter it in the app.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub secret: Option<String>,
    /// The otpauth:// URI of it (the QR code's content), only while pending.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub uri: Option<String>,
    /// One-time backup codes, shown once when it is turned on.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub backup_codes: Option<Vec<String>>,
}

impl std::fmt::Debug for TwoFa {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TwoFa")
            .field("status", &self.status)
            .finish_non_exhaustive()
    }
}

/// What a keyslot change did.
#[derive(Serialize)]
pub struct SlotChanged {
    /// The user.
    pub user: String,
    /// `password`, `rekey` or `recovery_code`.
    pub change: String,
    /// When (RFC 3339).
    pub changed_at: String,
    /// The password keyslot's KDF parameters now (no salt).
    pub kdf: KdfView,
    /// Whether sessions were ended (a password change and a rekey end every one).
    pub sessions_ended: bool,
    /// A new recovery code, shown once (`security recovery-code`, `security rekey`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub recovery_code: Option<String>,
}

impl std::fmt::Debug for SlotChanged {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SlotChanged")
            .field("user", &self.user)
            .field("change", &self.change)
            .finish_non_exhaustive()
    }
}

/// Refuses while failed logins impose a wait (`rate_limited`, with the seconds left).
pub fn check_backoff(profile: &Profile) -> Result<()> {
    if let Some(wait_ms) = profile.login_delay_ms(clock::now_ms()) {
        return Err(Error::RateLimited {
            retry_after_secs: ((wait_ms + 999) / 1000) as u64,
        });
    }
    Ok(())
}

/// The vault key unwrapped by the `kind` keyslot with `secret`. A wrong secret is
/// counted as a failed login by `count_failure` (which returns the failures in a row)
/// and is a `wrong_password` error. The caller holds the user's lock.
pub fn open_slot(
    paths: &UserPaths,
    profile: &Profile,
    kind: SlotKind,
    secret: &[u8],
    count_failure: impl FnOnce(&UserPaths, Profile) -> Result<u32>,
) -> Result<SecretString> {
    let slot = profile
        .slot(kind)
        .ok_or_else(|| anyhow::anyhow!("profile.json has no {} keyslot", kind.name()))?;
    match slot.open(secret, &profile.username)? {
        Some(identity) => Ok(identity),
        None => {
            let failures = count_failure(paths, profile.clone())?;
            Err(Error::WrongPassword {
                attempts_before_delay: 5u32.saturating_sub(failures),
                recovery: kind == SlotKind::Recovery,
            })
        }
    }
}

/// The e-mail address kept in the vault `identity` opens (empty when none): an input of
/// the password strength check.
pub fn email(paths: &UserPaths, profile: &Profile, identity: &SecretString) -> Result<String> {
    let vault = Vault::with_identity(paths.clone(), profile.clone(), identity)?;
    Ok(crate::vault::meta(&vault.read()?, "email")?.unwrap_or_default())
}

/// KDF parameters as shown (the salt is left out).
#[derive(Debug, Clone, Serialize)]
pub struct KdfView {
    /// `argon2id`.
    pub algorithm: String,
    /// Memory in KiB.
    pub memory_kib: u32,
    /// Iterations.
    pub iterations: u32,
    /// Lanes.
    pub parallelism: u32,
}

impl KdfView {
    /// The view of `p`.
    pub fn of(p: &KdfParams) -> Self {
        KdfView {
            algorithm: p.algorithm.clone(),
            memory_kib: p.m_kib,
            iterations: p.t,
            parallelism: p.p,
        }
    }
}

/// Replaces the keyslot of `kind` in `profile`.
fn replace_slot(profile: &mut Profile, slot: Keyslot) {
    profile.keyslots.retain(|s| s.kind != slot.kind);
    profile.keyslots.push(slot);
}

/// Records `event` in the vault and saves `profile` (the caller holds the lock).
fn commit(
    paths: &UserPaths,
    lock: &fsio::Lock,
    profile: &Profile,
    identity: &SecretString,
    event: &str,
) -> Result<()> {
    let mut profile = profile.clone();
    profile.bind(identity);
    let vault = Vault::with_identity(paths.clone(), profile.clone(), identity)?;
    vault.write_locked(lock, |c| {
        audit::record(
            c,
            &Event::new(event, Severity::Medium, true, serde_json::json!({})),
        )
    })?;
    // The write advanced the audit head in the file: keep it.
    if let Ok(now) = Profile::load(paths) {
        profile.audit_head = now.audit_head;
        profile.bind(identity);
    }
    profile.save(paths)
}

/// A new login password: the password keyslot resealed with the same KDF parameters
/// and a fresh salt, the failed logins cleared, `password_changed` audited. Returns the
/// slot's parameters. The caller holds the lock (and ends the sessions).
pub fn change_password(
    paths: &UserPaths,
    lock: &fsio::Lock,
    mut profile: Profile,
    identity: &SecretString,
    new_password: &SecretString,
    now: i64,
) -> Result<KdfParams> {
    let old = profile
        .slot(SlotKind::Password)
        .ok_or_else(|| anyhow::anyhow!("profile.json has no password keyslot"))?;
    // The same KDF parameters, a fresh salt.
    let params = KdfParams {
        salt: profile.kdf_profile.fresh_params().salt,
        ..old.kdf.clone()
    };
    let slot = Keyslot::seal(
        SlotKind::Password,
        new_password.expose_secret().as_bytes(),
        &profile.username,
        identity,
        params.clone(),
        now,
    )?;
    replace_slot(&mut profile, slot);
    profile.password_changed_at = now;
    profile.failed_logins = 0;
    profile.last_failed_login_ms = None;
    commit(paths, lock, &profile, identity, "password_changed")?;
    Ok(params)
}

/// A new recovery code (`normalized`, as the recovery keyslot is sealed with it):
/// `recovery_code_changed` audited. Returns the password keyslot's parameters.
pub fn change_recovery_code(
    paths: &UserPaths,
    lock: &fsio::Lock,
    mut profile: Profile,
    identity: &SecretString,
    normalized: &str,
    now: i64,
) -> Result<KdfView> {
    let slot = Keyslot::seal(
        SlotKind::Recovery,
        normalized.as_bytes(),
        &profile.username,
        identity,
        profile.kdf_profile.fresh_params(),
        now,
    )?;
    replace_slot(&mut profile, slot);
    commit(paths, lock, &profile, identity, "recovery_code_changed")?;
    profile
        .slot(SlotKind::Password)
        .map(|s| KdfView::of(&s.kdf))
        .ok_or_else(|| anyhow::anyhow!("profile.json has no password keyslot").into())
}

/// Parses `256MiB`, `1GiB`, `512KiB` (or a bare number of KiB) into KiB.
pub fn parse_memory(s: &str) -> Result<u32> {
    let t = s.trim();
    let bad = || {
        Error::invalid(
            "memory",
            format!("'{s}' is not a size such as 256MiB or 1GiB"),
        )
    };
    let (digits, unit) = t.split_at(t.find(|c: char| !c.is_ascii_digit()).unwrap_or(t.len()));
    let n: u64 = digits.parse().map_err(|_| bad())?;
    let kib = match unit.trim().to_ascii_lowercase().as_str() {
        "" | "k" | "kib" => n,
        "m" | "mib" => n * 1024,
        "g" | "gib" => n * 1024 * 1024,
        _ => return Err(bad()),
    };
    if kib > 4 * 1024 * 1024 {
        return Err(Error::invalid("memory", "at most 4GiB"));
    }
    u32::try_from(kib).map_err(|_| bad())
}

/// The Argon2id parameters of a rekey: those given, else `floor`'s, never weaker than
/// `floor` and usable.
pub fn rekey_params(
    floor: &KdfParams,
    memory: Option<&str>,
    iterations: Option<u32>,
    parallelism: Option<u32>,
) -> Result<KdfParams> {
    let params = KdfParams {
        m_kib: match memory {
            Some(m) => parse_memory(m)?,
            None => floor.m_kib,
        },
        t: iterations.unwrap_or(floor.t),
        p: parallelism.unwrap_or(floor.p),
        ..floor.clone()
    };
    if params.m_kib < floor.m_kib || params.t < floor.t || params.p < 1 || params.p > 64 {
        return Err(Error::invalid(
            "memory",
            format!(
                "rekey never weakens the KDF: at least m={} KiB, t={}, and 1 to 64 lanes",
                floor.m_kib, floor.t
            ),
        ));
    }
    if params.t > 64 {
        return Err(Error::invalid("iterations", "at most 64"));
    }
    argon2::Params::new(params.m_kib, params.t, params.p, Some(32))
        .map_err(|e| Error::invalid("memory", format!("not usable Argon2id parameters: {e}")))?;
    Ok(params)
}

/// Gives the vault a new key: everything under the old key is brought up to date, the
/// keyslots `seal` makes for the new key (given as its secret) replace the old ones,
/// every session ends (`rekey` audited with `params`), and the files are rewritten to
/// the new key in steps that are each safe to stop at. The caller holds the lock.
pub fn rekey(
    paths: &UserPaths,
    lock: &fsio::Lock,
    mut profile: Profile,
    old_identity: &SecretString,
    params: &KdfParams,
    seal: impl FnOnce(&SecretString) -> Result<Vec<Keyslot>>,
    now: i64,
) -> Result<()> {
    let old = Vault::with_identity(paths.clone(), profile.clone(), old_identity)?;
    // Everything under the old key first: the inbox merged, a lost engine rebuilt.
    old.write_locked(lock, |_| Ok(()))?;
    let mut conn = old.read_full_locked(lock)?;

    // A new vault key, sealed under the same password with the new parameters, and a
    // new recovery code (the old slot wraps the old key, and the code is not at hand).
    let new_identity = age::x25519::Identity::generate();
    let new_secret = new_identity.to_string();
    profile.keyslots = seal(&new_secret)?;
    profile.vault_recipient = new_identity.to_public().to_string();
    profile.password_changed_at = now;
    {
        let tx = conn.transaction().context("starting vault transaction")?;
        // Every session ends: they hold the old key.
        crate::vault::set_meta(&tx, "session_id", "")?;
        let mut details = serde_json::to_value(KdfView::of(params)).unwrap_or_default();
        if let Some(m) = details.as_object_mut() {
            m.insert("vault_key_rotated".into(), true.into());
        }
        audit::record(&tx, &Event::new("rekey", Severity::Medium, true, details))?;
        tx.commit().context("committing vault transaction")?;
    }
    if let (count, Some(hash)) = audit::head(&conn)? {
        profile.audit_head = Some(AuditHead { count, hash });
    }
    profile.bind(&new_secret);
    // The switch, safe at every step: (1) vault and engine readable with either key,
    // (2) the profile names the new key, (3) the generations under the old key go,
    // (4) vault and engine under the new key alone, not keeping the (1) generation.
    let both = [recipient_of(old_identity)?, new_identity.to_public()];
    crate::vault::store::rewrite_to(paths, &mut conn, &both, true)?;
    profile.save(paths)?;
    fsio::remove_if_exists(&paths.prev)?;
    fsio::remove_if_exists(&paths.engine_prev)?;
    crate::vault::store::rewrite_to(paths, &mut conn, &[new_identity.to_public()], false)?;
    fsio::sync_parent(&paths.vault)?;
    Ok(())
}

/// The public recipient of an unwrapped vault key.
fn recipient_of(identity: &SecretString) -> Result<age::x25519::Recipient> {
    let id: age::x25519::Identity = identity
        .expose_secret()
        .parse()
        .map_err(|_| anyhow::anyhow!("the unwrapped vault identity is malformed"))?;
    Ok(id.to_public())
}

/// Recovery with the recovery code: `keyslots` (sealed for the new password and a new
/// recovery code) replace the old ones, the failed logins are cleared, 2FA is turned
/// off (the recovery code is the way back from a lost authenticator too) and
/// `password_recovered` audited. Returns whether 2FA was on. The caller holds the lock.
pub fn recover(
    paths: &UserPaths,
    lock: &fsio::Lock,
    mut profile: Profile,
    identity: &SecretString,
    keyslots: Vec<Keyslot>,
    now: i64,
) -> Result<bool> {
    profile.keyslots = keyslots;
    profile.password_changed_at = now;
    profile.failed_logins = 0;
    profile.last_failed_login_ms = None;
    profile.bind(identity);
    let vault = Vault::with_identity(paths.clone(), profile.clone(), identity)?;
    let two_factor_disabled = vault.write_locked(lock, |c| {
        let was_on = totp::enabled(c)?;
        if was_on {
            totp::disable(c)?;
        }
        audit::record(
            c,
            &Event::new(
                "password_recovered",
                Severity::High,
                true,
                serde_json::json!({ "via": "recovery_code", "two_factor_disabled": was_on }),
            ),
        )?;
        Ok(was_on)
    })?;
    // The write advanced the audit head in the file: keep it.
    profile.audit_head = Profile::load(paths)?.audit_head;
    profile.bind(identity);
    profile.save(paths)?;
    Ok(two_factor_disabled)
}

/// A new transaction PIN (after the current one was checked): `pin_changed` audited.
pub fn change_pin(vault: &Vault, new_pin: &SecretString) -> Result<()> {
    let kdf = vault.profile.kdf_profile.fresh_params();
    vault.write_light(|c| {
        crate::vault::pin::set(c, new_pin.expose_secret(), &kdf)?;
        audit::record(
            c,
            &Event::new("pin_changed", Severity::Medium, true, serde_json::json!({})),
        )
    })
}

/// A forgotten PIN replaced (after the login password was checked; `second` spent when
/// 2FA is on): `pin_reset` audited, a PIN lock cleared.
pub fn reset_pin(
    vault: &Vault,
    second: Option<&totp::Second>,
    new_pin: &SecretString,
    now: i64,
) -> Result<()> {
    let kdf = vault.profile.kdf_profile.fresh_params();
    let user = vault.profile.username.clone();
    vault.write_light(|c| {
        if let Some(s) = second {
            totp::spend(c, &user, s, now)?;
        }
        crate::vault::pin::set(c, new_pin.expose_secret(), &kdf)?;
        audit::record(
            c,
            &Event::new("pin_reset", Severity::High, true, serde_json::json!({})),
        )
    })
}

/// A TOTP secret waiting for its first code.
pub struct Enrolment {
    /// The secret (base32).
    pub secret: String,
    /// Its `otpauth://` URI.
    pub uri: String,
}

/// Refuses when 2FA is on already.
fn not_on(c: &Connection) -> Result<Option<totp::Stored>> {
    let stored = totp::stored(c)?;
    if stored.as_ref().is_some_and(|s| s.enabled) {
        return Err(Error::invalid(
            "2fa",
            "two-factor authentication is already on (`coffer security 2fa disable` first)",
        ));
    }
    Ok(stored)
}

/// Starts turning 2FA on: a new secret, pending (a pending one is replaced) until
/// [`confirm_totp`]; `2fa_setup_started` audited. One write.
pub fn begin_totp(vault: &Vault, now: i64) -> Result<Enrolment> {
    let user = vault.profile.username.clone();
    let secret = totp_rs::Secret::from(fsio::random_bytes::<20>().to_vec()).to_base32();
    let uri = totp::generator(
        &totp::secret_bytes(&SecretString::from(secret.clone()))?,
        &user,
    )?
    .to_url()
    .map_err(|e| anyhow::anyhow!("otpauth URI: {e}"))?;
    vault.write_light(|c| {
        not_on(c)?;
        totp::begin(c, &secret, now)?;
        audit::record(
            c,
            &Event::new(
                "2fa_setup_started",
                Severity::Info,
                true,
                serde_json::json!({}),
            ),
        )
    })?;
    Ok(Enrolment { secret, uri })
}

/// Turns 2FA on with a first right `code` for the pending secret; returns the new
/// backup codes. `2fa_enabled` audited. One write; a wrong code changes nothing.
pub fn confirm_totp(vault: &Vault, code: &str, now: i64) -> Result<Vec<SecretString>> {
    let user = vault.profile.username.clone();
    let codes = backup_codes();
    vault.write_light(|c| {
        if not_on(c)?.is_none() {
            return Err(Error::invalid(
                "code",
                "nothing to confirm: run `coffer security 2fa enable` first",
            ));
        }
        totp::accept(c, &user, code, now)?;
        totp::enable(c, &user, &codes, now)?;
        audit::record(
            c,
            &Event::new("2fa_enabled", Severity::Medium, true, serde_json::json!({})),
        )
    })?;
    Ok(codes)
}

/// Turns 2FA off: `pin` checks the PIN in the write (a wrong one is counted there and
/// returned as `Ok(Some(error))`, which is then the answer), then `second` is spent;
/// `2fa_disabled` audited. One write.
pub fn disable_totp(
    vault: &Vault,
    pin: impl FnOnce(&Connection) -> Result<Option<Error>>,
    second: &totp::Second,
    now: i64,
) -> Result<()> {
    let user = vault.profile.username.clone();
    vault.write_light(|c| {
        if !totp::enabled(c)? {
            return Err(Error::invalid("2fa", "two-factor authentication is off"));
        }
        if let Some(wrong) = pin(c)? {
            return Ok(Err(wrong));
        }
        totp::spend(c, &user, second, now)?;
        totp::disable(c)?;
        audit::record(
            c,
            &Event::new("2fa_disabled", Severity::High, true, serde_json::json!({})),
        )?;
        Ok(Ok(()))
    })?
}

/// Ten backup codes of 10 Crockford base32 characters (50 bits), as `XXXXX-XXXXX`.
fn backup_codes() -> Vec<SecretString> {
    const CROCKFORD: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    (0..10)
        .map(|_| {
            let bytes = zeroize::Zeroizing::new(fsio::random_bytes::<10>());
            let chars: String = bytes
                .iter()
                .map(|b| CROCKFORD[(*b & 31) as usize] as char)
                .collect();
            SecretString::from(format!("{}-{}", &chars[..5], &chars[5..]))
        })
        .collect()
}

// The security overview (`security show`, part of `status`).

/// The automatic-backup settings as shown.
#[derive(Debug, Serialize)]
pub struct AutoBackupView {
    /// Whether they are on.
    pub enabled: bool,
    /// Interval (seconds).
    pub every_secs: Option<i64>,
    /// How many are kept.
    pub keep: Option<u32>,
    /// Where they go.
    pub dir: Option<String>,
    /// `N age recipient(s)` or `passphrase (kept in the vault)`.
    pub protection: Option<String>,
    /// When the last one was made (RFC 3339).
    pub last_at: Option<String>,
    /// Why the last attempt failed, if it did.
    pub last_error: Option<String>,
    /// True when they go inside the coffer home (the default place): a lost or broken
    /// disk takes them with the vault, so they protect against mistakes, not against
    /// that (a warning when set, a recommendation in `security show`).
    pub inside_home: bool,
}

impl AutoBackupView {
    /// The view of the settings `a` of the user at `paths`.
    pub fn of(
        a: Option<&crate::backup::AutoBackup>,
        paths: &crate::vault::profile::UserPaths,
    ) -> Self {
        let default_dir = paths.dir.join("backups");
        let home = crate::backup::home_of(paths);
        match a {
            None => AutoBackupView {
                enabled: false,
                every_secs: None,
                keep: None,
                dir: None,
                protection: None,
                last_at: None,
                last_error: None,
                inside_home: false,
            },
            Some(a) => AutoBackupView {
                inside_home: crate::backup::dir_inside(
                    a.dir.as_deref().map_or(&default_dir, std::path::Path::new),
                    &home,
                ),
                enabled: true,
                every_secs: Some(a.every_secs),
                keep: Some(a.keep),
                dir: Some(
                    a.dir
                        .clone()
                        .unwrap_or_else(|| default_dir.display().to_string()),
                ),
                protection: Some(if a.passphrase.is_some() {
                    "passphrase (kept in the vault)".into()
                } else {
                    format!("{} age recipient(s)", a.recipients.len())
                }),
                last_at: a.last_at.map(clock::rfc3339),
                last_error: a.last_error.clone(),
            },
        }
    }
}

/// One keyslot as `security show` reports it.
#[derive(Debug, Serialize)]
pub struct SlotView {
    /// `password` or `recovery`.
    pub kind: String,
    /// Its KDF parameters (no salt).
    pub kdf: KdfView,
    /// When it was sealed (RFC 3339).
    pub created_at: String,
}

/// `security show` output.
#[derive(Debug, Serialize)]
pub struct Shown {
    /// The user.
    pub user: String,
    /// `default` or `test`.
    pub kdf_profile: String,
    /// True for the test profile.
    pub kdf_insecure: bool,
    /// The keyslots of profile.json.
    pub keyslots: Vec<SlotView>,
    /// The PIN hash's KDF parameters.
    pub pin_kdf: KdfView,
    /// Wrong PINs in a row.
    pub pin_failures: u32,
    /// Until when the PIN is locked (RFC 3339), if it is.
    pub pin_locked_until: Option<String>,
    /// Failed logins in a row.
    pub failed_logins: u32,
    /// Whether TOTP two-factor authentication is on.
    pub two_factor: bool,
    /// Its backup codes not used yet.
    pub backup_codes_left: u32,
    /// Last password change (RFC 3339).
    pub password_changed_at: String,
    /// Idle session timeout (seconds).
    pub session_timeout_secs: i64,
    /// Absolute session lifetime (seconds).
    pub session_max_secs: i64,
    /// The preferred fiat currency.
    pub currency: String,
    /// `standard` or `high`.
    pub level: String,
    /// Whether sends to recipients never paid before are held for approval.
    pub confirm_new_recipient: bool,
    /// The spending limits set, per asset.
    pub limits: Vec<crate::policy::LimitView>,
    /// Sends held for approval.
    pub awaiting_approval: u64,
    /// Automatic backups.
    pub auto_backup: AutoBackupView,
    /// When a backup was last created, and last verified (RFC 3339).
    pub last_backup_at: Option<String>,
    /// The most recent successful `backup verify` of a backup this vault knows.
    pub last_verified_backup_at: Option<String>,
    /// What to do about it, most important first.
    pub recommendations: Vec<String>,
}

/// `security show`: every security setting of the vault `conn` was read from, the
/// keyslots' KDF parameters, the failure counters, and what to do, most important
/// first.
pub fn overview(vault: &Vault, conn: &Connection) -> Result<Shown> {
    use crate::vault::pin;
    let profile = Profile::load(&vault.paths)?;
    let now = clock::now();
    let settings = crate::settings::Settings::load(conn)?;
    let (timeout, max) = (settings.session_timeout_secs, settings.session_max_secs);
    let pin_state = pin::state(conn)?;
    let pin_kdf = pin::kdf(conn)?;
    let auto = crate::backup::auto_backup_settings(conn)?;
    let backups = crate::backup::list_for(conn, &vault.paths)?;
    let last_backup = backups.iter().filter_map(|b| b.created_at.clone()).max();
    let last_verified = backups
        .iter()
        .filter(|b| b.verified_ok == Some(true))
        .filter_map(|b| b.last_verified.clone())
        .max();
    let floor = profile.kdf_profile.fresh_params();
    let two_factor = crate::vault::totp::enabled(conn)?;
    let backup_codes_left = crate::vault::totp::backup_codes_left(conn)?;
    let mut rec = vec![];
    if !two_factor {
        rec.push("2FA is off: `coffer security 2fa enable`".to_string());
    } else if backup_codes_left < 3 {
        rec.push(format!(
            "only {backup_codes_left} 2FA backup code(s) left: turn 2FA off and on again for new ones"
        ));
    }
    if !profile.kdf_profile.is_secure() {
        rec.push("the KDF profile is the insecure test profile: register a real user without COFFER_KDF_PROFILE=test".to_string());
    }
    for s in &profile.keyslots {
        if s.kdf.m_kib < floor.m_kib || s.kdf.t < floor.t {
            rec.push(format!(
                "the {} slot's KDF parameters are below the current default: run `coffer {}`",
                s.kind.name(),
                if s.kind == crate::vault::keyslot::SlotKind::Password {
                    "security rekey"
                } else {
                    "security recovery-code"
                }
            ));
        }
    }
    let verified_recently = last_verified
        .as_deref()
        .and_then(|t| t.parse::<jiff::Timestamp>().ok())
        .is_some_and(|t| now - t.as_second() <= 30 * 86_400);
    if !verified_recently {
        rec.push(
            "no verified backup in 30 days: `coffer backup create`, then `coffer backup verify FILE`"
                .into(),
        );
    }
    if auto.is_none() {
        rec.push(
            "automatic backups are off: `coffer security set auto-backup on --recipient age1…`"
                .into(),
        );
    }
    let auto_view = AutoBackupView::of(auto.as_ref(), &vault.paths);
    if auto_view.inside_home {
        rec.push(format!(
            "automatic backups go inside the coffer home ({}): a lost disk takes them with \
             the vault: `coffer security set auto-backup on --dir DIR` with DIR on another disk",
            auto_view.dir.as_deref().unwrap_or_default()
        ));
    }
    if timeout > 3600 {
        rec.push(format!(
            "the session timeout is {} (above 1 h): `coffer security set session-timeout 15m`",
            clock::human_duration(timeout)
        ));
    }
    if pin_state.failed > 0 {
        rec.push(format!(
            "{} wrong PIN(s) in a row: look at `coffer security log --event pin_failed`",
            pin_state.failed
        ));
    }
    if profile.failed_logins > 0 {
        rec.push(format!(
            "{} failed login(s) in a row: look at `coffer security log --event login_failed`",
            profile.failed_logins
        ));
    }
    Ok(Shown {
        user: profile.username.clone(),
        kdf_profile: profile.kdf_profile.name().into(),
        kdf_insecure: !profile.kdf_profile.is_secure(),
        keyslots: profile
            .keyslots
            .iter()
            .map(|s| SlotView {
                kind: s.kind.name().into(),
                kdf: KdfView::of(&s.kdf),
                created_at: clock::rfc3339(s.created_at),
            })
            .collect(),
        pin_kdf: KdfView::of(&pin_kdf),
        pin_failures: pin_state.failed,
        pin_locked_until: pin_state
            .locked_until
            .filter(|t| *t > now)
            .map(clock::rfc3339),
        failed_logins: profile.failed_logins,
        two_factor,
        backup_codes_left,
        password_changed_at: clock::rfc3339(profile.password_changed_at),
        session_timeout_secs: timeout,
        session_max_secs: max,
        currency: settings.currency,
        level: settings.level.name().into(),
        confirm_new_recipient: settings.confirm_new_recipient,
        limits: crate::policy::limits(conn, now)?,
        awaiting_approval: crate::policy::awaiting_count(conn)?,
        auto_backup: auto_view,
        last_backup_at: last_backup,
        last_verified_backup_at: last_verified,
        recommendations: rec,
    })
}

/// A directory for automatic backups as given: made absolute, created private if
/// missing (`invalid_input` naming `dir` when it cannot be used).
pub fn auto_backup_dir(d: &std::path::Path) -> Result<String> {
    let abs = std::path::absolute(d)
        .map_err(|e| Error::invalid("dir", format!("{}: {e}", d.display())))?;
    fsio::ensure_private_dir(&abs)
        .map_err(|e| Error::invalid("dir", format!("cannot use {}: {e:#}", abs.display())))?;
    Ok(abs.display().to_string())
}

/// Stores the automatic-backup settings (`None`: off) in one write, audited as
/// `setting_changed` (severity medium when turned off); returns them as shown. When
/// they go inside the coffer home, a warning is queued ([`crate::vault::notice`]).
pub fn store_auto_backup(
    vault: &Vault,
    setting: Option<&crate::backup::AutoBackup>,
) -> Result<AutoBackupView> {
    let view = AutoBackupView::of(setting, &vault.paths);
    vault.write_light(|c| {
        crate::backup::set_auto_backup(c, setting)?;
        let details = serde_json::json!({
            "setting": "auto-backup",
            "enabled": view.enabled,
            "every_secs": view.every_secs,
            "keep": view.keep,
            "dir": view.dir,
            "protection": view.protection,
        });
        audit::record(
            c,
            &Event::new(
                "setting_changed",
                if view.enabled {
                    Severity::Info
                } else {
                    Severity::Medium
                },
                true,
                details,
            ),
        )
    })?;
    if view.inside_home {
        crate::vault::notice(format!(
            "warning: automatic backups go to {}, inside the coffer home ({}): a lost or \
             broken disk takes them with the vault. Give a directory on another disk \
             (or synced elsewhere) with --dir to make them survive it.",
            view.dir.as_deref().unwrap_or_default(),
            crate::backup::home_of(&vault.paths).display()
        ));
    }
    Ok(view)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn memory_sizes() {
        assert_eq!(parse_memory("256MiB").unwrap(), 256 * 1024);
        assert_eq!(parse_memory("1GiB").unwrap(), 1024 * 1024);
        assert_eq!(parse_memory("512KiB").unwrap(), 512);
        assert_eq!(parse_memory("64").unwrap(), 64);
        assert!(parse_memory("5GiB").is_err());
        assert!(parse_memory("lots").is_err());
    }

    #[test]
    fn backup_codes_are_ten_distinct_crockford_pairs() {
        let codes: Vec<String> = backup_codes()
            .iter()
            .map(|c| c.expose_secret().to_string())
            .collect();
        assert_eq!(codes.len(), 10);
        for c in &codes {
            assert_eq!(c.len(), 11, "{c}");
            assert_eq!(&c[5..6], "-");
            assert!(c.chars().all(|ch| ch == '-' || ch.is_ascii_alphanumeric()));
        }
        let mut unique = codes.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), 10);
    }
}
