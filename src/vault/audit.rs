//! The audit trail: security-relevant events with time, severity and success. Details are
//! small JSON objects and never hold a secret.

use crate::clock;
use crate::error::Result;
use anyhow::Context as _;
use rusqlite::{Connection, params};
use serde::{Deserialize, Serialize};

/// How much an event matters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// Routine.
    Info,
    /// Worth a look (failed logins, rejected sessions).
    Warning,
    /// Needs attention (a locked PIN).
    High,
    /// Demands attention.
    Critical,
}

impl Severity {
    fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::High => "high",
            Severity::Critical => "critical",
        }
    }
}

/// One audit event.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Event {
    /// Unique id (also makes inbox merges idempotent).
    pub event_id: String,
    /// When it happened (Unix milliseconds).
    pub time_ms: i64,
    /// What happened: `register`, `login`, `login_failed`, `logout`, `session_expired`, …
    pub event: String,
    /// How much it matters.
    pub severity: Severity,
    /// Whether the action succeeded.
    pub success: bool,
    /// Non-secret details.
    pub details: serde_json::Value,
}

impl Event {
    /// A new event happening now.
    pub fn new(event: &str, severity: Severity, success: bool, details: serde_json::Value) -> Self {
        Event {
            event_id: hex::encode(super::fsio::random_bytes::<16>()),
            time_ms: clock::now_ms(),
            event: event.to_string(),
            severity,
            success,
            details,
        }
    }
}

/// Stores an event; storing the same `event_id` twice changes nothing.
pub fn record(conn: &Connection, e: &Event) -> Result<()> {
    conn.execute(
        "INSERT OR IGNORE INTO audit (event_id, time_ms, event, severity, success, details)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![
            e.event_id,
            e.time_ms,
            e.event,
            e.severity.as_str(),
            e.success,
            e.details.to_string()
        ],
    )
    .context("recording audit event")?;
    Ok(())
}

/// Events at or after `since_ms`, newest first.
pub fn list(conn: &Connection, since_ms: Option<i64>) -> Result<Vec<Event>> {
    let mut stmt = conn
        .prepare(
            "SELECT event_id, time_ms, event, severity, success, details FROM audit
             WHERE time_ms >= ?1 ORDER BY time_ms DESC, id DESC",
        )
        .context("preparing audit query")?;
    let rows = stmt
        .query_map([since_ms.unwrap_or(i64::MIN)], |r| {
            let severity: String = r.get(3)?;
            let details: String = r.get(5)?;
            Ok(Event {
                event_id: r.get(0)?,
                time_ms: r.get(1)?,
                event: r.get(2)?,
                severity: match severity.as_str() {
                    "critical" => Severity::Critical,
                    "warning" => Severity::Warning,
                    _ => Severity::Info,
                },
                success: r.get(4)?,
                details: serde_json::from_str(&details).unwrap_or(serde_json::Value::Null),
            })
        })
        .context("querying audit")?;
    Ok(rows
        .collect::<Result<Vec<_>, _>>()
        .context("reading audit")?)
}
