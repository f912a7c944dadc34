//! The audit trail: security-relevant events with time, severity and success. Details are
//! small JSON objects and never hold a secret. The rows form a hash chain:
//! `hash = SHA-256(previous hash ‖ canonical row)` (32 zero bytes before the first), and
//! the head (row count and last hash) is also kept in `profile.json`, outside the
//! encryption, so a deleted or edited row, or an older vault generation put in place,
//! shows (see [`verify_chain`]).

use crate::clock;
use crate::error::Result;
use anyhow::Context as _;
use rusqlite::{Connection, params};
use serde::{Deserialize, Serialize};

/// How much an event matters: info < low < medium < high < critical.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// Routine.
    Info,
    /// Minor.
    Low,
    /// Worth a look (failed logins, wrong PINs, changed credentials). Stored and queued
    /// as `warning` before schema 5.
    #[serde(alias = "warning")]
    Medium,
    /// Needs attention (a locked PIN, 2FA turned off, an overridden limit).
    High,
    /// Demands attention.
    Critical,
}

impl Severity {
    /// From its stored name (unknown names read as info).
    pub fn parse(s: &str) -> Severity {
        match s {
            "critical" => Severity::Critical,
            "high" => Severity::High,
            "medium" | "warning" => Severity::Medium,
            "low" => Severity::Low,
            _ => Severity::Info,
        }
    }

    /// Its rank: info 0 … critical 4.
    pub fn rank(self) -> u8 {
        match self {
            Severity::Info => 0,
            Severity::Low => 1,
            Severity::Medium => 2,
            Severity::High => 3,
            Severity::Critical => 4,
        }
    }

    /// Its stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Low => "low",
            Severity::Medium => "medium",
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

/// The bytes a row's hash covers: a JSON array of its fields (object keys sorted).
fn canonical(e: &Event) -> Vec<u8> {
    serde_json::to_vec(&serde_json::json!([
        e.event_id,
        e.time_ms,
        e.event,
        e.severity.as_str(),
        e.success,
        e.details
    ]))
    .unwrap_or_default()
}

fn link(prev: &[u8], e: &Event) -> Vec<u8> {
    use sha2::Digest as _;
    let mut h = sha2::Sha256::new();
    h.update(prev);
    h.update(canonical(e));
    h.finalize().to_vec()
}

/// Stores an event, chained to the last one; storing the same `event_id` twice changes
/// nothing.
pub fn record(conn: &Connection, e: &Event) -> Result<()> {
    use rusqlite::OptionalExtension as _;
    let known: bool = conn
        .query_row(
            "SELECT 1 FROM audit WHERE event_id = ?1",
            [&e.event_id],
            |_| Ok(()),
        )
        .optional()
        .context("recording audit event")?
        .is_some();
    if known {
        return Ok(());
    }
    let prev: Vec<u8> = conn
        .query_row("SELECT hash FROM audit ORDER BY id DESC LIMIT 1", [], |r| {
            r.get::<_, Option<Vec<u8>>>(0)
        })
        .optional()
        .context("recording audit event")?
        .flatten()
        .unwrap_or_else(|| vec![0; 32]);
    conn.execute(
        "INSERT INTO audit (event_id, time_ms, event, severity, success, details, hash)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![
            e.event_id,
            e.time_ms,
            e.event,
            e.severity.as_str(),
            e.success,
            e.details.to_string(),
            link(&prev, e)
        ],
    )
    .context("recording audit event")?;
    Ok(())
}

/// A stored row: its rowid, the event, and its stored hash.
type Link = (i64, Event, Option<Vec<u8>>);

/// Every row in chain order with its stored hash.
fn chain(conn: &Connection) -> Result<Vec<Link>> {
    let mut stmt = conn
        .prepare(
            "SELECT id, event_id, time_ms, event, severity, success, details, hash
             FROM audit ORDER BY id",
        )
        .context("reading audit")?;
    let rows = stmt
        .query_map([], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                Event {
                    event_id: r.get(1)?,
                    time_ms: r.get(2)?,
                    event: r.get(3)?,
                    severity: Severity::parse(&r.get::<_, String>(4)?),
                    success: r.get(5)?,
                    details: serde_json::from_str(&r.get::<_, String>(6)?)
                        .unwrap_or(serde_json::Value::Null),
                },
                r.get::<_, Option<Vec<u8>>>(7)?,
            ))
        })
        .context("reading audit")?;
    Ok(rows
        .collect::<Result<Vec<_>, _>>()
        .context("reading audit")?)
}

/// Every row in chain order with its hash (hex).
pub fn export(conn: &Connection) -> Result<Vec<(Event, String)>> {
    Ok(chain(conn)?
        .into_iter()
        .map(|(_, e, h)| (e, h.map(hex::encode).unwrap_or_default()))
        .collect())
}

/// Computes the chain over rows stored before it existed (schema 5).
pub fn rechain(conn: &Connection) -> Result<()> {
    let mut prev = vec![0u8; 32];
    for (id, e, _) in chain(conn)? {
        let h = link(&prev, &e);
        conn.execute("UPDATE audit SET hash = ?1 WHERE id = ?2", params![h, id])
            .context("chaining audit rows")?;
        prev = h;
    }
    Ok(())
}

/// The head of the chain: (rows, last hash hex).
pub fn head(conn: &Connection) -> Result<(u64, Option<String>)> {
    use rusqlite::OptionalExtension as _;
    let count: i64 = conn
        .query_row("SELECT count(*) FROM audit", [], |r| r.get(0))
        .context("reading audit")?;
    let last: Option<Vec<u8>> = conn
        .query_row("SELECT hash FROM audit ORDER BY id DESC LIMIT 1", [], |r| {
            r.get(0)
        })
        .optional()
        .context("reading audit")?
        .flatten();
    Ok((count as u64, last.map(hex::encode)))
}

/// The hash (hex) of the `n`-th row (1-based) in chain order.
pub fn hash_at(conn: &Connection, n: u64) -> Result<Option<String>> {
    use rusqlite::OptionalExtension as _;
    if n == 0 {
        return Ok(None);
    }
    Ok(conn
        .query_row(
            "SELECT hash FROM audit ORDER BY id LIMIT 1 OFFSET ?1",
            [n as i64 - 1],
            |r| r.get::<_, Option<Vec<u8>>>(0),
        )
        .optional()
        .context("reading audit")?
        .flatten()
        .map(hex::encode))
}

/// The first row whose stored hash is not the one the chain gives, if any:
/// (position, 1-based; event id; event; time).
pub fn verify_chain(conn: &Connection) -> Result<Option<(u64, Event)>> {
    let mut prev = vec![0u8; 32];
    for (i, (_, e, stored)) in chain(conn)?.into_iter().enumerate() {
        let h = link(&prev, &e);
        if stored.as_deref() != Some(&h[..]) {
            return Ok(Some((i as u64 + 1, e)));
        }
        prev = h;
    }
    Ok(None)
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
                severity: Severity::parse(&severity),
                success: r.get(4)?,
                details: serde_json::from_str(&details).unwrap_or(serde_json::Value::Null),
            })
        })
        .context("querying audit")?;
    Ok(rows
        .collect::<Result<Vec<_>, _>>()
        .context("reading audit")?)
}
