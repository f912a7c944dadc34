//! `coffer security`: the audit trail (`log`), password recovery, the PIN, and settings
//! (`set`: sessions, level, limits, new recipients, automatic backups, currency). The
//! services are `coffer_core::access` (keyslots, PIN, 2FA, the overview),
//! `coffer_core::auditlog`, `coffer_core::settings` and `coffer_core::policy`; this is
//! the command line over them: arguments, prompts and the gates.

mod log;
mod set;

pub use log::*;
pub use set::*;

use crate::clock;
use crate::context::Ctx;
use crate::error::Result;
use crate::vault::keyslot::SlotKind;
use coffer_core::access;
pub use coffer_core::access::{PinChanged, Recovered, SetDone, Shown};
use secrecy::ExposeSecret as _;

/// Security settings and the audit trail.
#[derive(Debug, clap::Subcommand)]
pub enum SecurityCmd {
    /// Show the audit trail, newest first.
    ///
    /// Examples:
    ///   coffer security log --limit 20
    ///   coffer security log --since 7d --json
    #[command(verbatim_doc_comment)]
    Log(LogArgs),
    /// Forgotten password: unlock with the recovery code and set a new password. A new
    /// recovery code replaces the old one.
    ///
    /// Example:
    ///   coffer security recover --username alice --recovery-code-file code.txt
    #[command(verbatim_doc_comment)]
    Recover(RecoverArgs),
    /// Every security setting, the keyslots' KDF parameters, failure counters, and
    /// recommendations.
    Show,
    /// Change a setting: session-timeout, session-max, level, limit-tx, limit-daily,
    /// confirm-new-recipient, auto-backup, currency.
    ///
    /// Examples:
    ///   coffer security set auto-backup on --every 24h --keep 7 --recipient age1…
    ///   coffer security set auto-backup on --every 7d --passphrase-file pass.txt --dir ~/Sync
    ///   coffer security set auto-backup off
    ///   coffer security set currency EUR
    ///   coffer security set session-timeout 5m
    ///   coffer security set session-max 8h
    ///   coffer security set limit-tx BTC 0.05
    ///   coffer security set limit-daily ETH 1.5
    ///   coffer security set confirm-new-recipient on
    ///   coffer security set level high
    #[command(subcommand, verbatim_doc_comment)]
    Set(SetCmd),
    /// The transaction PIN.
    #[command(subcommand)]
    Pin(PinCmd),
    /// Change the login password (the current one, then the new one twice). The vault
    /// key is unchanged; every session ends.
    ///
    /// Example (scripted):
    ///   coffer security password --password-file old.txt --new-password-file new.txt
    #[command(verbatim_doc_comment)]
    Password(crate::commands::credentials::PasswordChangeArgs),
    /// Give the vault a new key (and a new recovery code), and rewrap the password
    /// keyslot, with stronger Argon2id parameters if given. Every session ends.
    ///
    /// Example:
    ///   coffer security rekey --memory 256MiB --iterations 4
    #[command(verbatim_doc_comment)]
    Rekey(crate::commands::credentials::RekeyArgs),
    /// A new recovery code (PIN required); the old one stops working.
    RecoveryCode(crate::commands::credentials::RecoveryCodeArgs),
    /// TOTP two-factor authentication.
    #[command(name = "2fa", subcommand)]
    TwoFa(crate::commands::twofa::TwoFaCmd),
}

/// `security pin` subcommands.
#[derive(Debug, clap::Subcommand)]
pub enum PinCmd {
    /// Change the PIN: the current one, then the new one twice.
    ///
    /// Example (scripted):
    ///   coffer security pin change --pin-file old.txt --new-pin-file new.txt
    #[command(verbatim_doc_comment)]
    Change(PinChangeArgs),
    /// A forgotten PIN: set a new one with the login password (and a two-factor code
    /// when 2FA is on). Clears a PIN lock.
    ///
    /// Example (scripted):
    ///   coffer security pin reset --password-file pw.txt --new-pin-file new.txt
    #[command(verbatim_doc_comment)]
    Reset(PinResetArgs),
}

/// Arguments of `security pin reset`.
#[derive(Debug, clap::Args)]
pub struct PinResetArgs {
    /// The login password.
    #[command(flatten)]
    pub password: crate::secret::PasswordArgs,
    /// A two-factor code, when 2FA is on (else $COFFER_TOTP, else a prompt).
    #[arg(long, value_name = "CODE", conflicts_with = "backup_code")]
    pub totp_code: Option<String>,
    /// A 2FA backup code instead.
    #[arg(long, value_name = "CODE")]
    pub backup_code: Option<String>,
    /// Read the new PIN (4-12 digits) from FILE (else a prompt, asked twice).
    #[arg(long, value_name = "FILE")]
    pub new_pin_file: Option<std::path::PathBuf>,
}

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
        crate::commands::login::record_failure,
    )?;
    drop(lock);
    let second = crate::commands::gate::second_factor_if_on(
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
        &crate::commands::register::validate_pin,
    )
}

/// Arguments of `security pin change`.
#[derive(Debug, clap::Args)]
pub struct PinChangeArgs {
    /// Read the current PIN from FILE (else $COFFER_PIN, else a prompt).
    #[arg(long, value_name = "FILE")]
    pub pin_file: Option<std::path::PathBuf>,
    /// Read the new PIN (4-12 digits) from FILE (else a prompt, asked twice).
    #[arg(long, value_name = "FILE")]
    pub new_pin_file: Option<std::path::PathBuf>,
}

/// Runs `coffer security pin change`: the current PIN asked on a snapshot (a locked one
/// refused), then the new one; one write checks the current one (a wrong one counted,
/// nothing changed) and sets the new one.
pub fn pin_change(ctx: &Ctx, args: PinChangeArgs) -> Result<PinChanged> {
    let unlocked = ctx.unlock()?;
    let vault = &unlocked.vault;
    let conn = vault.read()?;
    let asked =
        crate::commands::gate::ask(ctx, vault, &conn, args.pin_file.as_deref(), None, false)?;
    drop(conn);
    let new = new_pin(ctx, args.new_pin_file.as_deref())?;
    let now = clock::now();
    let action = serde_json::json!({ "action": "pin_change" });
    access::change_pin(vault, &new, |c| asked.check_pin(c, action))?;
    Ok(PinChanged {
        changed_at: clock::rfc3339(now),
    })
}

/// Arguments of `security recover`.
#[derive(Debug, clap::Args)]
pub struct RecoverArgs {
    /// The user.
    #[arg(long)]
    pub username: String,
    /// Read the recovery code from FILE (else asked on a terminal).
    #[arg(long, value_name = "FILE")]
    pub recovery_code_file: Option<std::path::PathBuf>,
    #[command(flatten)]
    pub password: crate::secret::PasswordArgs,
}

/// Runs `coffer security recover`.
pub fn recover(ctx: &Ctx, args: RecoverArgs) -> Result<Recovered> {
    use crate::commands::{login, register};
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
    let normalized = register::normalize_recovery_code(code.expose_secret());
    let identity = access::open_slot(
        &paths,
        &profile,
        SlotKind::Recovery,
        normalized.as_bytes(),
        login::record_failure,
    )?;
    let email = access::email(&paths, &profile, &identity)?;
    let inputs = [user.as_str(), email.as_str(), "coffer"];
    let strong = |pw: &str| register::check_strength(pw, &inputs);
    let password = ctx
        .input
        .password(&args.password, "New password", true, &strong)?;
    let now = clock::now();
    let new_code = register::new_recovery_code();
    let kdf = profile.kdf_profile;
    let keyslots = register::seal_slots(
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
pub fn show_of(unlocked: &crate::context::Unlocked, conn: &rusqlite::Connection) -> Result<Shown> {
    access::overview(&unlocked.vault, conn)
}
