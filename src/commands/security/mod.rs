//! `coffer security`: the audit trail (`log`), password recovery, the PIN, and settings
//! (`set`: sessions, level, limits, new recipients, automatic backups, currency). The
//! services are `coffer_core::access` (keyslots, PIN, 2FA, the overview),
//! `coffer_core::auditlog`, `coffer_core::settings` and `coffer_core::policy`; this is
//! the command line over them: arguments, prompts and the gates.

mod log;
mod set;

pub use log::*;
pub use set::*;

use crate::cli::security::{PinChangeArgs, PinResetArgs, RecoverArgs};
use crate::clock;
use crate::context::Ctx;
use crate::error::Result;
use crate::vault::keyslot::SlotKind;
use coffer_core::access;
pub use coffer_core::access::{PinChanged, Recovered, SetDone, Shown};
use secrecy::ExposeSecret as _;

/// Runs `coffer security pin reset`.
pub fn pin_reset(ctx: &Ctx, args: PinResetArgs) -> Result<PinChanged> {
    let unlocked = ctx.unlock()?;
    let paths = unlocked.vault.paths.clone();
    let password = ctx
        .input
        .password(&args.password, "Login password", false, &|_| Ok(()))?;
    // As `login`: the backoff check, the password check and the count under the user's
    // lock, so parallel attempts cannot slip past the backoff.
    let lock = crate::vault::fsio::lock_exclusive(&paths.lock)?;
    let profile = crate::vault::profile::Profile::load(&paths)?;
    access::check_backoff(&profile)?;
    access::open_slot(
        &paths,
        &profile,
        SlotKind::Password,
        password.expose_secret().as_bytes(),
        coffer_core::access::login::record_failure,
    )?;
    drop(lock);
    let second = crate::prompt::second_factor_if_on(
        ctx,
        &unlocked.vault.read()?,
        args.totp_code.as_deref(),
        args.backup_code.as_deref(),
    )?;
    let new = new_pin(ctx, args.new_pin_file.as_deref())?;
    let now = clock::now();
    access::reset_pin(&unlocked.vault, second.as_ref(), &new, now)?;
    Ok(PinChanged {
        changed_at: clock::rfc3339(now),
    })
}

/// The new PIN (4-12 digits), from `file` or asked twice.
fn new_pin(ctx: &Ctx, file: Option<&std::path::Path>) -> Result<secrecy::SecretString> {
    ctx.input.new_pin(
        file,
        "New transaction PIN (4-12 digits)",
        &coffer_core::access::user::validate_pin,
    )
}

/// Runs `coffer security pin change`: the current PIN asked on a snapshot (a locked one
/// refused), then the new one; one write checks the current one (a wrong one counted,
/// nothing changed) and sets the new one.
pub fn pin_change(ctx: &Ctx, args: PinChangeArgs) -> Result<PinChanged> {
    let unlocked = ctx.unlock()?;
    let vault = &unlocked.vault;
    let conn = vault.read()?;
    let asked = crate::prompt::ask_gate(ctx, vault, &conn, args.pin_file.as_deref(), None, false)?;
    drop(conn);
    let new = new_pin(ctx, args.new_pin_file.as_deref())?;
    let now = clock::now();
    let action = serde_json::json!({ "action": "pin_change" });
    access::change_pin(vault, &new, |c| asked.check_pin(c, action))?;
    Ok(PinChanged {
        changed_at: clock::rfc3339(now),
    })
}

/// Runs `coffer security recover`.
pub fn recover(ctx: &Ctx, args: RecoverArgs) -> Result<Recovered> {
    use crate::vault::fsio;
    use crate::vault::profile::Profile;
    let user = args.username.trim().to_string();
    let paths = ctx.home.user(&user);
    crate::vault::require_user(&paths, &user)?;
    let code = ctx.input.secret(
        args.recovery_code_file.as_deref(),
        "the recovery code",
        "--recovery-code-file FILE",
        false,
    )?;
    let lock = fsio::lock_exclusive(&paths.lock)?;
    let profile = Profile::load(&paths)?;
    access::check_backoff(&profile)?;
    let normalized = coffer_core::access::user::normalize_recovery_code(code.expose_secret());
    let identity = access::open_slot(
        &paths,
        &profile,
        SlotKind::Recovery,
        normalized.as_bytes(),
        coffer_core::access::login::record_failure,
    )?;
    let email = access::email(&paths, &profile, &identity)?;
    let inputs = [user.as_str(), email.as_str(), "coffer"];
    let strong = |pw: &str| coffer_core::access::user::check_strength(pw, &inputs);
    let password = ctx
        .input
        .password(&args.password, "New password", true, &strong)?;
    let now = clock::now();
    let new_code = coffer_core::access::user::new_recovery_code();
    let kdf = profile.kdf_profile;
    let keyslots = coffer_core::access::user::seal_slots(
        &user,
        &identity,
        &password,
        kdf.fresh_params(),
        kdf,
        &new_code,
        now,
    )?;
    let two_factor_disabled = access::recover(&paths, &lock, profile, &identity, keyslots, now)?;
    drop(lock);
    Ok(Recovered {
        user,
        recovery_code: new_code.expose_secret().to_string(),
        password_changed_at: clock::rfc3339(now),
        two_factor_disabled,
    })
}

/// Runs `coffer security show`.
pub fn show(ctx: &Ctx) -> Result<Shown> {
    let unlocked = ctx.unlock()?;
    let conn = unlocked.vault.read()?;
    show_of(&unlocked, &conn)
}

/// `security show` from a vault already unlocked and read (`coffer status`).
pub fn show_of(unlocked: &crate::context::Unlocked, conn: &coffer_core::Db) -> Result<Shown> {
    access::overview(&unlocked.vault, conn)
}
