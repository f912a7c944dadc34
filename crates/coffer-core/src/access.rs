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

pub mod gate;
pub mod login;
mod overview;
pub mod user;
pub use overview::{AutoBackupView, Shown, SlotView, auto_backup_dir, overview, store_auto_backup};

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
    commit_checked(paths, lock, profile, identity, event, |_| Ok(None))
}

/// [`commit`] after the caller's `check`, in the same vault write (the PIN: a refusal it
/// returns as `Ok(Some(error))` is committed, as the count of a wrong PIN, and then
/// given, and `profile` is not saved).
fn commit_checked(
    paths: &UserPaths,
    lock: &fsio::Lock,
    profile: &Profile,
    identity: &SecretString,
    event: &str,
    check: impl FnOnce(&Connection) -> Result<Option<Error>>,
) -> Result<()> {
    let mut profile = profile.clone();
    profile.bind(identity);
    let vault = Vault::with_identity(paths.clone(), profile.clone(), identity)?;
    vault.write_locked(lock, |c| {
        if let Some(refused) = check(c)? {
            return Ok(Err(refused));
        }
        audit::record(
            c,
            &Event::new(event, Severity::Medium, true, serde_json::json!({})),
        )?;
        Ok(Ok(()))
    })??;
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
    check: impl FnOnce(&Connection) -> Result<Option<Error>>,
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
    commit_checked(
        paths,
        lock,
        &profile,
        identity,
        "recovery_code_changed",
        check,
    )?;
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
    // Readable with either key: through the X25519 stanzas (the wrapping key of the new
    // key comes with the last step).
    crate::vault::store::rewrite_to(paths, &mut conn, &both, None, true)?;
    profile.save(paths)?;
    fsio::remove_if_exists(&paths.prev)?;
    fsio::remove_if_exists(&paths.engine_prev)?;
    let wrap = crate::vault::filekey::WrapKey::of(&new_identity);
    crate::vault::store::rewrite_to(
        paths,
        &mut conn,
        &[new_identity.to_public()],
        Some(&wrap),
        false,
    )?;
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

/// A new transaction PIN, after the caller's `check` of the current one in the same
/// write (a refusal it returns as `Ok(Some(error))` is committed, as the count of a
/// wrong PIN, and then given): `pin_changed` audited.
pub fn change_pin(
    vault: &Vault,
    new_pin: &SecretString,
    check: impl FnOnce(&Connection) -> Result<Option<Error>>,
) -> Result<()> {
    let kdf = vault.profile.kdf_profile.fresh_params();
    vault.write_light(|c| {
        if let Some(refused) = check(c)? {
            return Ok(Err(refused));
        }
        crate::vault::pin::set(c, new_pin.expose_secret(), &kdf)?;
        audit::record(
            c,
            &Event::new("pin_changed", Severity::Medium, true, serde_json::json!({})),
        )?;
        Ok(Ok(()))
    })?
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
