//! `coffer security`: the audit trail (`log`). Settings, PIN, 2FA and limits come with
//! the security issue.

use crate::clock;
use crate::context::Ctx;
use crate::error::{Error, Result};
use crate::output::{Human, Report};
use crate::vault::audit::{self, Event, Severity};
use crate::vault::inbox;
use serde::Serialize;

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

/// What `security recover` did.
#[derive(Serialize)]
pub struct Recovered {
    /// The user.
    pub user: String,
    /// The new recovery code: shown here once; the old one no longer works.
    pub recovery_code: String,
    /// When the password changed (RFC 3339).
    pub password_changed_at: String,
}

impl std::fmt::Debug for Recovered {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Recovered")
            .field("user", &self.user)
            .finish_non_exhaustive()
    }
}

impl Report for Recovered {
    fn human(&self, out: &mut Human) {
        out.line(format!(
            "New password set for {}; log in with it (`coffer login`).",
            self.user
        ));
        out.line("");
        out.line("New recovery code (shown once; the old one no longer works):");
        out.line(format!("    {}", self.recovery_code));
    }
}

/// Runs `coffer security recover`.
pub fn recover(ctx: &Ctx, args: RecoverArgs) -> Result<Recovered> {
    use crate::commands::{login, register};
    use crate::vault::keyslot::{Keyslot, SlotKind};
    use crate::vault::profile::Profile;
    use crate::vault::{Vault, fsio};
    use secrecy::ExposeSecret as _;
    let user = args.username.trim().to_string();
    let paths = ctx.home.user(&user);
    crate::vault::require_user(&paths, &user)?;
    let code = ctx.input.secret(
        args.recovery_code_file.as_deref(),
        "the recovery code",
        "--recovery-code-file",
        false,
    )?;
    let lock = fsio::lock_exclusive(&paths.lock)?;
    let profile = Profile::load(&paths)?;
    if let Some(wait_ms) = profile.login_delay_ms(clock::now_ms()) {
        return Err(Error::RateLimited {
            retry_after_secs: ((wait_ms + 999) / 1000) as u64,
        });
    }
    let slot = profile
        .slot(SlotKind::Recovery)
        .ok_or_else(|| anyhow::anyhow!("profile.json has no recovery keyslot"))?;
    let normalized = register::normalize_recovery_code(code.expose_secret());
    let Some(identity) = slot.open(normalized.as_bytes(), &user)? else {
        let failures = login::record_failure(&paths, profile)?;
        return Err(Error::WrongPassword {
            attempts_before_delay: 5u32.saturating_sub(failures),
        });
    };
    let email = {
        let vault = Vault::with_identity(paths.clone(), profile.clone(), &identity)?;
        crate::vault::meta(&vault.read()?, "email")?.unwrap_or_default()
    };
    let inputs = [user.as_str(), email.as_str(), "coffer"];
    let strong = |pw: &str| register::check_strength(pw, &inputs);
    let password = ctx
        .input
        .password(&args.password, "New password", true, &strong)?;
    let now = clock::now();
    let new_code = register::new_recovery_code();
    let kdf = profile.kdf_profile;
    let mut profile = profile;
    profile.keyslots = vec![
        Keyslot::seal(
            SlotKind::Password,
            password.expose_secret().as_bytes(),
            &user,
            &identity,
            kdf.fresh_params(),
            now,
        )?,
        Keyslot::seal(
            SlotKind::Recovery,
            register::normalize_recovery_code(new_code.expose_secret()).as_bytes(),
            &user,
            &identity,
            kdf.fresh_params(),
            now,
        )?,
    ];
    profile.password_changed_at = now;
    profile.failed_logins = 0;
    profile.last_failed_login_ms = None;
    let vault = Vault::with_identity(paths.clone(), profile.clone(), &identity)?;
    vault.write_locked(&lock, |c| {
        audit::record(
            c,
            &Event::new(
                "password_recovered",
                audit::Severity::Warning,
                true,
                serde_json::json!({ "via": "recovery_code" }),
            ),
        )
    })?;
    profile.save(&paths)?;
    drop(lock);
    Ok(Recovered {
        user,
        recovery_code: new_code.expose_secret().to_string(),
        password_changed_at: clock::rfc3339(now),
    })
}

/// Arguments of `security log`.
#[derive(Debug, clap::Args)]
pub struct LogArgs {
    /// Show at most N events.
    #[arg(long, default_value_t = 50, value_name = "N")]
    pub limit: usize,
    /// Only events since DATE (2026-01-31, RFC 3339, or relative: 12h, 7d, 2w).
    #[arg(long, value_name = "DATE")]
    pub since: Option<String>,
}

/// One audit event as shown.
#[derive(Debug, Serialize)]
pub struct LogRow {
    /// Event id.
    pub id: String,
    /// When (RFC 3339, millisecond precision).
    pub time: String,
    /// What happened.
    pub event: String,
    /// `info`, `warning` or `critical`.
    pub severity: Severity,
    /// Whether the action succeeded.
    pub success: bool,
    /// Non-secret details.
    pub details: serde_json::Value,
}

/// The result of `security log`.
#[derive(Debug, Serialize)]
pub struct Log {
    /// Events, newest first.
    pub items: Vec<LogRow>,
    /// Events matching the filter (before `--limit`).
    pub total: usize,
}

impl Report for Log {
    fn human(&self, out: &mut Human) {
        if self.items.is_empty() {
            out.line("No events.");
            return;
        }
        let rows = self
            .items
            .iter()
            .map(|e| {
                let details = match &e.details {
                    serde_json::Value::Object(m) if m.is_empty() => String::new(),
                    d => d.to_string(),
                };
                let ok = if e.success { "yes" } else { "no" };
                vec![
                    e.time.clone(),
                    e.event.clone(),
                    format!("{:?}", e.severity).to_lowercase(),
                    ok.into(),
                    details,
                ]
            })
            .collect();
        out.table(&["time", "event", "severity", "ok", "details"], rows);
        if self.total > self.items.len() {
            out.line(format!(
                "({} of {} events; use --limit to see more)",
                self.items.len(),
                self.total
            ));
        }
    }
}

/// Runs `coffer security log`: the vault's events plus those still in the inbox.
pub fn log(ctx: &Ctx, args: LogArgs) -> Result<Log> {
    if args.limit == 0 {
        return Err(Error::invalid("limit", "must be at least 1"));
    }
    let since_ms = args
        .since
        .as_deref()
        .map(|s| clock::parse_date(s, clock::now()))
        .transpose()?
        .map(|s| s * 1000);
    let unlocked = ctx.unlock()?;
    let conn = unlocked.vault.read()?;
    let mut events: Vec<Event> = audit::list(&conn, since_ms)?;
    let known: std::collections::HashSet<String> =
        events.iter().map(|e| e.event_id.clone()).collect();
    for entry in unlocked.vault.pending_inbox()? {
        let inbox::Item::Audit(ev) = entry.item else {
            continue;
        };
        if since_ms.is_none_or(|s| ev.time_ms >= s) && !known.contains(&ev.event_id) {
            events.push(ev);
        }
    }
    events.sort_by_key(|e| std::cmp::Reverse(e.time_ms));
    let total = events.len();
    let items = events
        .into_iter()
        .take(args.limit)
        .map(|e| LogRow {
            id: e.event_id,
            time: clock::rfc3339_ms(e.time_ms),
            event: e.event,
            severity: e.severity,
            success: e.success,
            details: e.details,
        })
        .collect();
    Ok(Log { items, total })
}
