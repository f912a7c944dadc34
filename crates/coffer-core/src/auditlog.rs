//! The audit log as `security log` reads it: the vault's events with those still
//! waiting in the inbox, filtered; the check of its hash chain and of the head
//! profile.json recorded (`verify`); its export as JSON Lines or CSV; and the re-anchor
//! that accepts an older vault generation put back on purpose. The rows themselves and
//! their chain are [`crate::vault::audit`]'s.

use crate::clock;
use crate::error::{Error, Result};
use crate::vault::audit::{self, Severity};
use crate::vault::profile::Profile;
use crate::vault::{Vault, inbox};
use rusqlite::Connection;
use serde::Serialize;

/// One audit event as shown.
#[derive(Debug, Serialize)]
pub struct LogRow {
    /// Event id.
    pub id: String,
    /// When (RFC 3339, millisecond precision). For an inbox event, its claimed time
    /// clamped between the event before it and its merge.
    pub time: String,
    /// What happened.
    pub event: String,
    /// `info`, `low`, `medium`, `high` or `critical`.
    pub severity: Severity,
    /// Whether the action succeeded.
    pub success: bool,
    /// Non-secret details.
    pub details: serde_json::Value,
    /// `vault` (written by coffer with the vault unlocked) or `inbox` (written while it
    /// was locked, by anyone who could write to `inbox/`).
    pub source: &'static str,
    /// False for inbox events: claims, not facts.
    pub authenticated: bool,
    /// The time an inbox event claims (may differ from `time`); null for vault events.
    pub claimed_time: Option<String>,
    /// When an inbox event was merged into the vault; null while it still waits in the
    /// inbox, and for vault events.
    pub merged_at: Option<String>,
}

/// The result of `security log`.
#[derive(Debug, Serialize)]
pub struct Log {
    /// Events, newest first.
    pub items: Vec<LogRow>,
    /// Events matching the filter (before `--limit`).
    pub total: usize,
}

/// Which events `security log` shows.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    /// At most this many (the newest).
    pub limit: usize,
    /// Only those since this time (Unix milliseconds).
    pub since_ms: Option<i64>,
    /// Only those of at least this severity.
    pub min_severity: Option<Severity>,
    /// Only this event.
    pub event: Option<String>,
}

/// The events of the vault `conn` was read from plus those still in its inbox, newest
/// first, as `filter` asks.
pub fn list(vault: &Vault, conn: &Connection, filter: &Filter) -> Result<Log> {
    let since_ms = filter.since_ms;
    let min = filter.min_severity.map(Severity::rank);
    let mut events: Vec<audit::Row> = audit::list(conn, since_ms)?;
    let known: std::collections::HashSet<String> =
        events.iter().map(|r| r.event.event_id.clone()).collect();
    let floor = audit::last_time(conn)?;
    let now = clock::now_ms();
    for entry in vault.pending_inbox()? {
        let inbox::Item::Audit(ev) = entry.item else {
            continue;
        };
        let row = audit::queued(&ev, floor, now);
        if since_ms.is_none_or(|s| row.event.time_ms >= s) && !known.contains(&ev.event_id) {
            events.push(row);
        }
    }
    events.retain(|r| {
        min.is_none_or(|m| r.event.severity.rank() >= m)
            && filter.event.as_ref().is_none_or(|n| &r.event.event == n)
    });
    events.sort_by_key(|r| std::cmp::Reverse(r.event.time_ms));
    let total = events.len();
    let items = events
        .into_iter()
        .take(filter.limit)
        .map(|r| {
            let (claimed_time, merged_at) = times(r.origin);
            let e = r.event;
            LogRow {
                id: e.event_id,
                time: clock::rfc3339_ms(e.time_ms),
                event: e.event,
                severity: e.severity,
                success: e.success,
                details: e.details,
                source: r.origin.as_str(),
                authenticated: r.origin.authenticated(),
                claimed_time,
                merged_at,
            }
        })
        .collect();
    Ok(Log { items, total })
}

/// `security log verify` output.
#[derive(Debug, Serialize)]
pub struct LogVerified {
    /// Always true (a broken chain is an `audit_broken` error).
    pub ok: bool,
    /// Rows in the chain.
    pub rows: u64,
    /// The last row's hash (hex).
    pub head: Option<String>,
    /// Rows profile.json recorded at the last write (the log may have grown since).
    pub recorded_rows: Option<u64>,
    /// Rows merged from the inbox: chained like the others, but written while the vault
    /// was locked by whoever could write to `inbox/` (unauthenticated claims).
    pub unauthenticated_rows: u64,
}

/// The `audit_broken` error of a recorded head the log does not hold.
fn head_missing(m: &audit::Mismatch) -> Error {
    Error::AuditBroken {
        reason: format!(
            "profile.json records {} rows ending in {}…, which this log ({} rows) does not hold: rows were removed or an older vault generation is in place; if you put it back yourself (docs/recovery.md), `coffer security log reanchor` accepts it",
            m.recorded_rows,
            &m.recorded_hash[..16.min(m.recorded_hash.len())],
            m.vault_rows
        ),
        row: None,
    }
}

/// The first row that does not check, as an `audit_broken` error.
fn chain_broken(conn: &Connection) -> Result<()> {
    if let Some((row, e)) = audit::verify_chain(conn)? {
        return Err(Error::AuditBroken {
            reason: format!(
                "row {row} ({} at {}) does not match the chain: it or the row before it was changed or removed",
                e.event,
                clock::rfc3339_ms(e.time_ms)
            ),
            row: Some(row),
        });
    }
    Ok(())
}

/// Walks the hash chain of the log in `conn` and checks that it holds the head
/// profile.json records (`audit_broken`, exit 8, when not).
pub fn verify(vault: &Vault, conn: &Connection) -> Result<LogVerified> {
    chain_broken(conn)?;
    let (rows, head) = audit::head(conn)?;
    let profile = Profile::load(&vault.paths)?;
    if let audit::HeadCheck::Missing(m) = audit::check_head(conn, profile.audit_head.as_ref())? {
        return Err(head_missing(&m));
    }
    Ok(LogVerified {
        ok: true,
        rows,
        head,
        recorded_rows: profile.audit_head.map(|h| h.count),
        unauthenticated_rows: audit::inbox_rows(conn)?,
    })
}

/// `security log reanchor` output.
#[derive(Debug, Serialize)]
pub struct LogReanchored {
    /// Whether the recorded head was replaced (false: it was already in the log).
    pub reanchored: bool,
    /// The head profile.json recorded, which the log did not hold (when reanchored).
    pub previous: Option<audit::Mismatch>,
    /// Rows in the log now.
    pub rows: u64,
    /// Its head now, which profile.json records (hex).
    pub head: Option<String>,
}

/// Whether the log in `conn` needs a re-anchor: `Ok(None)` when it does (its chain is
/// whole and the head profile.json records is not in it), else the answer that nothing
/// was re-anchored. A broken chain is refused (`audit_broken`): re-anchoring accepts an
/// older generation, never an edited one.
pub fn reanchor_needed(vault: &Vault, conn: &Connection) -> Result<Option<LogReanchored>> {
    chain_broken(conn)?;
    let recorded = Profile::load(&vault.paths)?.audit_head;
    if let audit::HeadCheck::Missing(_) = audit::check_head(conn, recorded.as_ref())? {
        return Ok(None);
    }
    let (rows, head) = audit::head(conn)?;
    Ok(Some(LogReanchored {
        reanchored: false,
        previous: None,
        rows,
        head,
    }))
}

/// Re-anchors in one write, after `gate` accepted it in the same write (the PIN and a
/// 2FA code; a wrong PIN is counted there and returned as `Ok(Some(error))`, which is
/// then the answer): against the head profile.json records under the lock, the log's
/// own head becomes the recorded one (`audit_reanchored`, severity high).
pub fn reanchor(
    vault: &Vault,
    gate: impl FnOnce(&Connection) -> Result<Option<Error>>,
) -> Result<LogReanchored> {
    vault.write_light(|c| {
        if let Some(wrong) = gate(c)? {
            return Ok(Err(wrong));
        }
        // Under the lock, against the head as it is now.
        let recorded = Profile::load(&vault.paths)?.audit_head;
        let previous = match audit::check_head(c, recorded.as_ref())? {
            audit::HeadCheck::Missing(m) => {
                audit::record_reanchor(c, &m)?;
                Some(m)
            }
            _ => None,
        };
        let (rows, head) = audit::head(c)?;
        Ok(Ok(LogReanchored {
            reanchored: previous.is_some(),
            previous,
            rows,
            head,
        }))
    })?
}

/// `security log export` output.
#[derive(Debug, Serialize)]
pub struct LogExported {
    /// Rows written.
    pub rows: u64,
    /// The file, with --out.
    pub file: Option<String>,
    /// The export itself, without --out.
    pub content: Option<String>,
}

/// Every row of the log in chain order with its hash, as JSON Lines or (with `csv`)
/// CSV with a header row: the number of rows and the text.
pub fn export(conn: &Connection, csv: bool) -> Result<(u64, String)> {
    let rows = audit::export(conn)?;
    let mut text = String::new();
    if csv {
        text.push_str(
            "time,event,severity,success,details,id,hash,source,claimed_time,merged_at\r\n",
        );
    }
    for (r, hash) in &rows {
        text.push_str(&export_line(csv, r, hash));
    }
    Ok((rows.len() as u64, text))
}

/// The CSV or JSON-lines form of one exported row.
fn export_line(csv: bool, r: &audit::Row, hash: &str) -> String {
    let e = &r.event;
    let (claimed, merged) = times(r.origin);
    if csv {
        let cells = [
            clock::rfc3339_ms(e.time_ms),
            e.event.clone(),
            e.severity.as_str().to_string(),
            e.success.to_string(),
            e.details.to_string(),
            e.event_id.clone(),
            hash.to_string(),
            r.origin.as_str().to_string(),
            claimed.unwrap_or_default(),
            merged.unwrap_or_default(),
        ];
        let line: Vec<String> = cells.iter().map(|c| csv_cell(c)).collect();
        return format!("{}\r\n", line.join(","));
    }
    let mut line = serde_json::json!({
        "id": e.event_id,
        "time": clock::rfc3339_ms(e.time_ms),
        "event": e.event,
        "severity": e.severity.as_str(),
        "success": e.success,
        "details": e.details,
        "hash": hash,
        "source": r.origin.as_str(),
        "claimed_time": claimed,
        "merged_at": merged,
    })
    .to_string();
    line.push('\n');
    line
}

/// A CSV cell: history export's (RFC 4180 quoting, the spreadsheet guard).
fn csv_cell(s: &str) -> String {
    crate::history::export::csv_cell(s, false)
}

/// An inbox row's claimed time and merge time (RFC 3339).
fn times(origin: audit::Origin) -> (Option<String>, Option<String>) {
    match origin {
        audit::Origin::Vault => (None, None),
        audit::Origin::Inbox {
            claimed_ms,
            merged_ms,
        } => (
            Some(clock::rfc3339_ms(claimed_ms)),
            merged_ms.map(clock::rfc3339_ms),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_cells_quote_and_defuse_formulas() {
        assert_eq!(csv_cell("plain"), "plain");
        assert_eq!(csv_cell("-12.5"), "-12.5");
        assert_eq!(csv_cell("=cmd()"), "\"'=cmd()\"");
        assert_eq!(csv_cell("a,b"), "\"a,b\"");
        assert_eq!(csv_cell("say \"hi\""), "\"say \"\"hi\"\"\"");
    }

    #[test]
    fn inbox_rows_show_their_claimed_and_merge_times() {
        assert_eq!(times(audit::Origin::Vault), (None, None));
        let (claimed, merged) = times(audit::Origin::Inbox {
            claimed_ms: 1_000,
            merged_ms: None,
        });
        assert_eq!(claimed.as_deref(), Some("1970-01-01T00:00:01.000Z"));
        assert_eq!(merged, None);
    }
}
