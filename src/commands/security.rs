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
