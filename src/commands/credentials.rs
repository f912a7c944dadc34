//! `coffer security password`, `security rekey` and `security recovery-code`: the
//! keyslots that wrap the vault key. A password or recovery-code change rewrites only
//! `profile.json`; `security rekey` also gives the vault a new key (a leaked session
//! file, or a leaked key, then opens nothing) and re-encrypts every file to it.

//!
//! The keyslot changes themselves are `coffer_core::access`; this is the command line
//! over them: arguments, the password prompts, the PIN gate.

use crate::cli::credentials::{PasswordChangeArgs, RecoveryCodeArgs, RekeyArgs};
use crate::clock;
use crate::context::Ctx;
use crate::error::Result;
use crate::secret::PasswordArgs;
use crate::vault::fsio;
use crate::vault::keyslot::SlotKind;
use crate::vault::profile::{Profile, UserPaths};
use coffer_core::access;
pub use coffer_core::access::{KdfView, SlotChanged};
use secrecy::{ExposeSecret as _, SecretString};

/// The vault key, unwrapped by the current password (checked against the failed-login
/// backoff, and counted as a failed login when wrong), and that password. The caller
/// holds the lock.
fn with_password(
    ctx: &Ctx,
    paths: &UserPaths,
    profile: &Profile,
    args: &PasswordArgs,
) -> Result<(SecretString, SecretString)> {
    access::check_backoff(profile)?;
    let current = ctx
        .input
        .password(args, "Current password", false, &|_| Ok(()))?;
    let identity = access::open_slot(
        paths,
        profile,
        SlotKind::Password,
        current.expose_secret().as_bytes(),
        coffer_core::access::login::record_failure,
    )?;
    Ok((identity, current))
}

/// Runs `coffer security password`.
pub fn password(ctx: &Ctx, args: PasswordChangeArgs) -> Result<SlotChanged> {
    let unlocked = ctx.unlock()?;
    let paths = unlocked.vault.paths.clone();
    let user = unlocked.vault.profile.username.clone();
    let email = crate::vault::meta(&unlocked.vault.read()?, "email")?.unwrap_or_default();
    let lock = fsio::lock_exclusive(&paths.lock)?;
    let profile = Profile::load(&paths)?;
    let (identity, _) = with_password(ctx, &paths, &profile, &args.current)?;
    let inputs = [user.as_str(), email.as_str(), "coffer"];
    let new = ctx
        .input
        .new_password(args.new_password_file.as_deref(), &|pw| {
            coffer_core::access::user::check_strength(pw, &inputs)
        })?;
    let now = clock::now();
    let params = access::change_password(&paths, &lock, profile, &identity, &new, now)?;
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

/// Runs `coffer security rekey`: the password keyslot rewrapped with new Argon2id
/// parameters, never weaker than the profile's default.
pub fn rekey(ctx: &Ctx, args: RekeyArgs) -> Result<SlotChanged> {
    let unlocked = ctx.unlock()?;
    let paths = unlocked.vault.paths.clone();
    let user = unlocked.vault.profile.username.clone();
    let floor = unlocked.vault.profile.kdf_profile.fresh_params();
    let params = access::rekey_params(
        &floor,
        args.memory.as_deref(),
        args.iterations,
        args.parallelism,
    )?;
    drop(unlocked);
    let lock = fsio::lock_exclusive(&paths.lock)?;
    let profile = Profile::load(&paths)?;
    let (old_identity, current) = with_password(ctx, &paths, &profile, &args.current)?;
    let now = clock::now();
    let new_code = coffer_core::access::user::new_recovery_code();
    let kdf_profile = profile.kdf_profile;
    let seal = |new_secret: &SecretString| {
        coffer_core::access::user::seal_slots(
            &user,
            new_secret,
            &current,
            params.clone(),
            kdf_profile,
            &new_code,
            now,
        )
    };
    access::rekey(&paths, &lock, profile, &old_identity, &params, seal, now)?;
    drop(lock);
    fsio::remove_if_exists(&ctx.session_path(&user))?;
    Ok(SlotChanged {
        user,
        change: "rekey".into(),
        changed_at: clock::rfc3339(now),
        kdf: KdfView::of(&params),
        sessions_ended: true,
        recovery_code: Some(new_code.expose_secret().to_string()),
    })
}

/// Runs `coffer security recovery-code`: a new recovery code (PIN required); the old
/// one stops working.
pub fn recovery_code(ctx: &Ctx, args: RecoveryCodeArgs) -> Result<SlotChanged> {
    let unlocked = ctx.unlock()?;
    let vault = &unlocked.vault;
    let conn = vault.read()?;
    let asked = crate::prompt::ask_gate(ctx, vault, &conn, args.pin_file.as_deref(), None, false)?;
    drop(conn);
    let paths = vault.paths.clone();
    let user = vault.profile.username.clone();
    let lock = fsio::lock_exclusive(&paths.lock)?;
    let profile = Profile::load(&paths)?;
    let identity = unlocked.session.identity.clone();
    let code = coffer_core::access::user::new_recovery_code();
    let now = clock::now();
    let normalized = coffer_core::access::user::normalize_recovery_code(code.expose_secret());
    // The PIN checked (a wrong one counted) in the write that audits the new keyslot.
    let action = serde_json::json!({ "action": "recovery_code" });
    let check = |c: &coffer_core::Db| asked.check_pin(c, action);
    let kdf =
        access::change_recovery_code(&paths, &lock, profile, &identity, &normalized, now, check)?;
    Ok(SlotChanged {
        user,
        change: "recovery_code".into(),
        changed_at: clock::rfc3339(now),
        kdf,
        sessions_ended: false,
        recovery_code: Some(code.expose_secret().to_string()),
    })
}
