//! The security overview (`security show`, part of `status`): every security setting,
//! the keyslots' KDF parameters, the failure counters and the recommendations; and the
//! automatic-backup settings as shown and stored by `security set auto-backup`.

use super::KdfView;
use crate::clock;
use crate::error::{Error, Result};
use crate::vault::audit::{self, Event, Severity};
use crate::vault::profile::Profile;
use crate::vault::{Vault, fsio};
use rusqlite::Connection;
use serde::Serialize;

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
/// `setting_changed` (severity medium when turned off), after the caller's `check` (the
/// PIN, a 2FA code: a refusal it returns as `Ok(Some(error))` is committed, as the count
/// of a wrong PIN, and then given); returns them as shown. When they go inside the
/// coffer home, a warning is queued ([`crate::vault::notice`]).
pub fn store_auto_backup(
    vault: &Vault,
    setting: Option<&crate::backup::AutoBackup>,
    check: impl FnOnce(&Connection) -> Result<Option<Error>>,
) -> Result<AutoBackupView> {
    let view = AutoBackupView::of(setting, &vault.paths);
    vault.write_light(|c| {
        if let Some(refused) = check(c)? {
            return Ok(Err(refused));
        }
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
        )?;
        Ok(Ok(()))
    })??;
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
