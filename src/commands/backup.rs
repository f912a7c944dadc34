//! `coffer backup` and `coffer restore vault|partial`: full encrypted backups that
//! restore without the login password (age to a passphrase, scrypt, or to age
//! recipients), and verification in memory that never touches the live vault. The
//! service is `coffer_core::backup` (create, verification, restore); this is the
//! command line over it: arguments, the passphrase prompts and the strength check. The
//! human rendering is in `render/backup.rs`.

pub use crate::backups::create::Created;
use crate::backups::create::{self, Request, parse_recipients};
use crate::backups::restore::{self, Merged};
use crate::backups::verify::{self, Verified};
use crate::backups::{Counts, Listing, Protect};
// What other commands use of the backup service, under the names they know.
pub use crate::backups::{
    AutoBackup, auto_backup_settings, dir_inside, home_of, list_for, set_auto_backup,
};
use crate::cli::backup::{CreateArgs, PartialArgs, RestoreArgs, VerifyArgs};
use crate::context::Ctx;
use crate::error::{Error, Result};
use serde::Serialize;
use std::path::Path;

/// The scrypt work factor (log2 N) of passphrase backups: age's default, or a fast one
/// under the test KDF profile.
fn work_factor(ctx: &Ctx) -> u8 {
    if ctx.kdf_profile.as_deref() == Some("test") {
        10
    } else {
        18
    }
}

/// Runs `coffer backup create`.
pub fn create(ctx: &Ctx, args: CreateArgs) -> Result<Created> {
    let unlocked = ctx.unlock()?;
    let recipients = parse_recipients(&args.recipient)?;
    let user = unlocked.vault.profile.username.clone();
    let req = Request {
        out: args.out.as_deref(),
        note: args.note,
        parts: args.partial.iter().map(|p| p.name().to_string()).collect(),
    };
    create::create(&unlocked.vault, &ctx.home.root, req, |email| {
        Ok(if recipients.is_empty() {
            Protect::Passphrase(
                ctx.input.checked_secret(
                    args.passphrase_file.as_deref(),
                    "a backup passphrase",
                    "--passphrase-file FILE (or --recipient age1…)",
                    true,
                    &|p: &str| coffer_core::access::user::check_backup_passphrase(p, &user, email),
                )?,
                work_factor(ctx),
            )
        } else {
            Protect::Recipients(recipients)
        })
    })
}

/// Asks for the passphrase of a backup made to one (or reads it from its file).
fn passphrase(
    ctx: &Ctx,
    passphrase_file: Option<&Path>,
) -> impl FnOnce() -> Result<secrecy::SecretString> {
    move || {
        ctx.input.secret(
            passphrase_file,
            "the backup passphrase",
            "--passphrase-file FILE",
            false,
        )
    }
}

/// Runs `coffer backup verify`: everything in memory; nothing is written.
pub fn verify(ctx: &Ctx, args: VerifyArgs) -> Result<Verified> {
    let key = passphrase(ctx, args.passphrase_file.as_deref());
    let plain = verify::decrypt(&args.file, key, args.identity.as_deref())?;
    verify::verify(&args.file, &plain)
}

/// What `restore vault` did (or would do).
#[derive(Debug, Serialize)]
pub struct Restored {
    /// True with --dry-run: nothing was written.
    pub dry_run: bool,
    /// The user created.
    pub user: String,
    /// The user the backup was made of.
    pub from_user: String,
    /// When the backup was made.
    pub backup_created_at: String,
    /// The wallets restored.
    pub wallets: Vec<String>,
    /// True when an existing user was replaced (--force); their old vault is kept as
    /// `*.before-restore` until their next successful login.
    pub replaced: bool,
    /// What the backup holds.
    pub counts: Counts,
    /// The new user (password, recovery code, session), unless a dry run.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub registered: Option<crate::commands::register::Registered>,
}

/// Runs `coffer restore partial`: merges labels, notes, categories, settings and rates
/// of a backup into the unlocked vault (the backup's values win).
pub fn restore_partial(ctx: &Ctx, args: PartialArgs) -> Result<Merged> {
    let unlocked = ctx.unlock()?;
    let key = passphrase(ctx, args.passphrase_file.as_deref());
    let (plain, _, parts) = verify::open_verified(&args.file, key, args.identity.as_deref())?;
    restore::merge_partial(&unlocked.vault, &plain, &parts, &args.file)
}

/// Runs `coffer restore vault`: a new local user from a verified full backup.
pub fn restore(ctx: &Ctx, args: RestoreArgs) -> Result<Restored> {
    let key = passphrase(ctx, args.passphrase_file.as_deref());
    let (plain, i, parts) = verify::open_verified(&args.file, key, args.identity.as_deref())?;
    let user = restore::restore_user(&i.header, args.as_user.as_deref())?;
    let exists = ctx.home.user(&user).dir.exists();
    if exists && !args.force {
        return Err(Error::UserExists(user));
    }
    if exists {
        coffer_core::access::user::check_nothing_set_aside(&ctx.home.user(&user))?;
    }
    let (conn, wallet_names) = restore::open_restorable(&plain, &parts)?;
    let mut out = Restored {
        dry_run: args.dry_run,
        user: user.clone(),
        from_user: i.header.user.clone(),
        backup_created_at: i.header.created_at.clone(),
        wallets: wallet_names,
        replaced: exists,
        counts: i.header.counts.clone(),
        registered: None,
    };
    if args.dry_run {
        return Ok(out);
    }
    let email = crate::vault::meta(&conn, "email")?.unwrap_or_default();
    out.registered = Some(crate::commands::register::new_user(
        ctx,
        &user,
        &email,
        &args.password,
        args.pin_file.as_deref(),
        Some(conn),
        args.force,
    )?);
    Ok(out)
}

/// Runs `coffer backup list`.
pub fn list(ctx: &Ctx) -> Result<Listing> {
    let unlocked = ctx.unlock()?;
    let conn = unlocked.vault.read()?;
    Ok(Listing {
        items: list_for(&conn, &unlocked.vault.paths)?,
    })
}
