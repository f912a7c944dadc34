//! `coffer security password`, `security rekey` and `security recovery-code`: the
//! keyslots that wrap the vault key. A password or recovery-code change rewrites only
//! `profile.json`; `security rekey` also gives the vault a new key (a leaked session
//! file, or a leaked key, then opens nothing) and re-encrypts every file to it.

use crate::clock;
use crate::context::Ctx;
use crate::error::{Error, Result};
use crate::output::{Human, Report};
use crate::secret::PasswordArgs;
use crate::vault::audit::{self, Event, Severity};
use crate::vault::kdf::KdfParams;
use crate::vault::keyslot::{Keyslot, SlotKind};
use crate::vault::profile::{Profile, UserPaths};
use crate::vault::{Vault, fsio};
use anyhow::Context as _;
use secrecy::{ExposeSecret as _, SecretString};
use serde::Serialize;
use std::path::PathBuf;

/// Arguments of `security password`.
#[derive(Debug, clap::Args)]
pub struct PasswordChangeArgs {
    /// The current password (`--password-file`, `--password-stdin`, else
    /// $COFFER_PASSWORD, else a prompt).
    #[command(flatten)]
    pub current: PasswordArgs,
    /// Read the new password from FILE (else a prompt, asked twice).
    #[arg(long, value_name = "FILE")]
    pub new_password_file: Option<PathBuf>,
}

/// Arguments of `security rekey`.
#[derive(Debug, clap::Args)]
pub struct RekeyArgs {
    /// Argon2id memory, e.g. 256MiB, 1GiB, 512KiB (default: the profile's default).
    #[arg(long, value_name = "SIZE")]
    pub memory: Option<String>,
    /// Argon2id iterations.
    #[arg(long, value_name = "N")]
    pub iterations: Option<u32>,
    /// Argon2id lanes.
    #[arg(long, value_name = "N")]
    pub parallelism: Option<u32>,
    /// The current password.
    #[command(flatten)]
    pub current: PasswordArgs,
}

/// Arguments of `security recovery-code`.
#[derive(Debug, clap::Args)]
pub struct RecoveryCodeArgs {
    /// Read the PIN from FILE (else $COFFER_PIN, else a prompt).
    #[arg(long, value_name = "FILE")]
    pub pin_file: Option<PathBuf>,
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

impl Report for SlotChanged {
    fn human(&self, out: &mut Human) {
        match self.change.as_str() {
            "password" => {
                out.line(
                    "Password changed. Every session was ended: log in again with the new one.",
                );
            }
            "rekey" => {
                out.line(format!(
                    "The vault has a new key; the password keyslot uses Argon2id m={} KiB, \
                     t={}, p={}. Every session was ended (old session files open nothing): \
                     log in again.",
                    self.kdf.memory_kib, self.kdf.iterations, self.kdf.parallelism
                ));
                out.line("New recovery code (shown once; the old one no longer works):");
                out.line(format!(
                    "    {}",
                    self.recovery_code.as_deref().unwrap_or_default()
                ));
            }
            _ => {
                out.line("New recovery code (shown once; the old one no longer works):");
                out.line(format!(
                    "    {}",
                    self.recovery_code.as_deref().unwrap_or_default()
                ));
            }
        }
    }
}

/// The vault key, unwrapped by the current password (checked against the failed-login
/// backoff, and counted as a failed login when wrong), and that password. The caller
/// holds the lock.
fn with_password(
    ctx: &Ctx,
    paths: &UserPaths,
    profile: &Profile,
    args: &PasswordArgs,
) -> Result<(SecretString, SecretString)> {
    if let Some(wait_ms) = profile.login_delay_ms(clock::now_ms()) {
        return Err(Error::RateLimited {
            retry_after_secs: ((wait_ms + 999) / 1000) as u64,
        });
    }
    let current = ctx
        .input
        .password(args, "Current password", false, &|_| Ok(()))?;
    let slot = profile
        .slot(SlotKind::Password)
        .ok_or_else(|| anyhow::anyhow!("profile.json has no password keyslot"))?;
    match slot.open(current.expose_secret().as_bytes(), &profile.username)? {
        Some(identity) => Ok((identity, current)),
        None => {
            let failures = super::login::record_failure(paths, profile.clone())?;
            Err(Error::WrongPassword {
                attempts_before_delay: 5u32.saturating_sub(failures),
                recovery: false,
            })
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
    details: serde_json::Value,
) -> Result<()> {
    let mut profile = profile.clone();
    profile.bind(identity);
    let vault = Vault::with_identity(paths.clone(), profile.clone(), identity)?;
    vault.write_locked(lock, |c| {
        audit::record(c, &Event::new(event, Severity::Medium, true, details))
    })?;
    // The write advanced the audit head in the file: keep it.
    if let Ok(now) = Profile::load(paths) {
        profile.audit_head = now.audit_head;
        profile.bind(identity);
    }
    profile.save(paths)
}

/// Runs `coffer security password`.
pub fn password(ctx: &Ctx, args: PasswordChangeArgs) -> Result<SlotChanged> {
    let unlocked = ctx.unlock()?;
    let paths = unlocked.vault.paths.clone();
    let user = unlocked.vault.profile.username.clone();
    let email = crate::vault::meta(&unlocked.vault.read()?, "email")?.unwrap_or_default();
    let lock = fsio::lock_exclusive(&paths.lock)?;
    let mut profile = Profile::load(&paths)?;
    let (identity, _) = with_password(ctx, &paths, &profile, &args.current)?;
    let inputs = [user.as_str(), email.as_str(), "coffer"];
    let new = ctx
        .input
        .new_password(args.new_password_file.as_deref(), &|pw| {
            super::register::check_strength(pw, &inputs)
        })?;
    let old = profile
        .slot(SlotKind::Password)
        .ok_or_else(|| anyhow::anyhow!("profile.json has no password keyslot"))?;
    // The same KDF parameters, a fresh salt.
    let params = KdfParams {
        salt: profile.kdf_profile.fresh_params().salt,
        ..old.kdf.clone()
    };
    let now = clock::now();
    let slot = Keyslot::seal(
        SlotKind::Password,
        new.expose_secret().as_bytes(),
        &user,
        &identity,
        params.clone(),
        now,
    )?;
    replace_slot(&mut profile, slot);
    profile.password_changed_at = now;
    profile.failed_logins = 0;
    profile.last_failed_login_ms = None;
    commit(
        &paths,
        &lock,
        &profile,
        &identity,
        "password_changed",
        serde_json::json!({}),
    )?;
    drop(lock);
    fsio::remove_if_exists(&ctx.session_path(&user))?;
    Ok(SlotChanged {
        user,
        change: "password".into(),
        changed_at: clock::rfc3339(now),
        kdf: KdfView::of(&params),
        sessions_ended: true,
        recovery_code: None,
    })
}

/// Parses `256MiB`, `1GiB`, `512KiB` (or a bare number of KiB) into KiB.
fn parse_memory(s: &str) -> Result<u32> {
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

/// Runs `coffer security rekey`: the password keyslot rewrapped with new Argon2id
/// parameters, never weaker than the profile's default.
pub fn rekey(ctx: &Ctx, args: RekeyArgs) -> Result<SlotChanged> {
    let unlocked = ctx.unlock()?;
    let paths = unlocked.vault.paths.clone();
    let user = unlocked.vault.profile.username.clone();
    let floor = unlocked.vault.profile.kdf_profile.fresh_params();
    let params = KdfParams {
        m_kib: match &args.memory {
            Some(m) => parse_memory(m)?,
            None => floor.m_kib,
        },
        t: args.iterations.unwrap_or(floor.t),
        p: args.parallelism.unwrap_or(floor.p),
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
    drop(unlocked);
    let lock = fsio::lock_exclusive(&paths.lock)?;
    let mut profile = Profile::load(&paths)?;
    let (old_identity, current) = with_password(ctx, &paths, &profile, &args.current)?;
    let now = clock::now();
    let old = Vault::with_identity(paths.clone(), profile.clone(), &old_identity)?;
    // Everything under the old key first: the inbox merged, a lost engine rebuilt.
    old.write_locked(&lock, |_| Ok(()))?;
    let mut conn = old.read_full_locked(&lock)?;

    // A new vault key, sealed under the same password with the new parameters, and a
    // new recovery code (the old slot wraps the old key, and the code is not at hand).
    let new_identity = age::x25519::Identity::generate();
    let new_secret = new_identity.to_string();
    let new_code = super::register::new_recovery_code();
    profile.keyslots = super::register::seal_slots(
        &user,
        &new_secret,
        &current,
        params.clone(),
        profile.kdf_profile,
        &new_code,
        now,
    )?;
    profile.vault_recipient = new_identity.to_public().to_string();
    profile.password_changed_at = now;
    let view = KdfView::of(&params);
    {
        let tx = conn.transaction().context("starting vault transaction")?;
        // Every session ends: they hold the old key.
        crate::vault::set_meta(&tx, "session_id", "")?;
        let mut details = serde_json::to_value(&view).unwrap_or_default();
        if let Some(m) = details.as_object_mut() {
            m.insert("vault_key_rotated".into(), true.into());
        }
        audit::record(&tx, &Event::new("rekey", Severity::Medium, true, details))?;
        tx.commit().context("committing vault transaction")?;
    }
    if let (count, Some(hash)) = audit::head(&conn)? {
        profile.audit_head = Some(crate::vault::profile::AuditHead { count, hash });
    }
    profile.bind(&new_secret);
    // The switch, safe at every step: (1) vault and engine readable with either key,
    // (2) the profile names the new key, (3) the generations under the old key go,
    // (4) vault and engine under the new key alone, not keeping the (1) generation.
    let old_recipient = old_identity_recipient(&old_identity)?;
    let both = [old_recipient, new_identity.to_public()];
    crate::vault::store::rewrite_to(&paths, &mut conn, &both, true)?;
    profile.save(&paths)?;
    fsio::remove_if_exists(&paths.prev)?;
    fsio::remove_if_exists(&paths.engine_prev)?;
    crate::vault::store::rewrite_to(&paths, &mut conn, &[new_identity.to_public()], false)?;
    fsio::sync_parent(&paths.vault)?;
    drop(lock);
    fsio::remove_if_exists(&ctx.session_path(&user))?;
    Ok(SlotChanged {
        user,
        change: "rekey".into(),
        changed_at: clock::rfc3339(now),
        kdf: view,
        sessions_ended: true,
        recovery_code: Some(new_code.expose_secret().to_string()),
    })
}

/// The public recipient of an unwrapped vault key.
fn old_identity_recipient(identity: &SecretString) -> Result<age::x25519::Recipient> {
    let id: age::x25519::Identity = identity
        .expose_secret()
        .parse()
        .map_err(|_| anyhow::anyhow!("the unwrapped vault identity is malformed"))?;
    Ok(id.to_public())
}

/// Runs `coffer security recovery-code`: a new recovery code (PIN required); the old
/// one stops working.
pub fn recovery_code(ctx: &Ctx, args: RecoveryCodeArgs) -> Result<SlotChanged> {
    let unlocked = ctx.unlock()?;
    super::gate::pin(
        ctx,
        &unlocked.vault,
        args.pin_file.as_deref(),
        serde_json::json!({ "action": "recovery_code" }),
    )?;
    let paths = unlocked.vault.paths.clone();
    let user = unlocked.vault.profile.username.clone();
    let lock = fsio::lock_exclusive(&paths.lock)?;
    let mut profile = Profile::load(&paths)?;
    let identity = unlocked.session.identity.clone();
    let code = super::register::new_recovery_code();
    let params = profile.kdf_profile.fresh_params();
    let now = clock::now();
    let slot = Keyslot::seal(
        SlotKind::Recovery,
        super::register::normalize_recovery_code(code.expose_secret()).as_bytes(),
        &user,
        &identity,
        params,
        now,
    )?;
    replace_slot(&mut profile, slot);
    commit(
        &paths,
        &lock,
        &profile,
        &identity,
        "recovery_code_changed",
        serde_json::json!({}),
    )?;
    let kdf = profile
        .slot(SlotKind::Password)
        .map(|s| KdfView::of(&s.kdf))
        .ok_or_else(|| anyhow::anyhow!("profile.json has no password keyslot"))?;
    Ok(SlotChanged {
        user,
        change: "recovery_code".into(),
        changed_at: clock::rfc3339(now),
        kdf,
        sessions_ended: false,
        recovery_code: Some(code.expose_secret().to_string()),
    })
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
}
