//! The audit trail: security-relevant events with time, severity and success. Details are
//! small JSON objects and never hold a secret. The rows form a hash chain:
//! `hash = SHA-256(previous hash ‖ canonical row)` (32 zero bytes before the first), and
//! the head (row count and last hash) is also kept in `profile.json`, outside the
//! encryption, so a deleted or edited row, or an older vault generation put in place,
//! shows (see [`verify_chain`] and [`check_head`]).
//!
//! Events merged from the inbox were written while the vault was locked, by whoever can
//! write to `inbox/` (the vault's recipient is public): they are stored with their
//! [`Origin`], unauthenticated, their claimed time kept apart and their `time_ms`
//! clamped between the last row before the merge and the merge itself.

use super::profile::AuditHead;
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

/// Where a stored event comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// Written by coffer with the vault unlocked: authenticated.
    Vault,
    /// Merged from the inbox: written while the vault was locked, by anyone who can
    /// write to `inbox/`. A claim, not a fact.
    Inbox {
        /// The time the entry claims (Unix milliseconds).
        claimed_ms: i64,
        /// When it was merged into the vault (`None`: still waiting in the inbox).
        merged_ms: Option<i64>,
    },
}

impl Origin {
    /// `vault` or `inbox`, as stored and shown.
    pub fn as_str(self) -> &'static str {
        match self {
            Origin::Vault => "vault",
            Origin::Inbox { .. } => "inbox",
        }
    }

    /// Whether coffer wrote it with the vault unlocked.
    pub fn authenticated(self) -> bool {
        self == Origin::Vault
    }
}

/// A stored (or still queued) event with its origin.
#[derive(Debug, Clone)]
pub struct Row {
    /// The event; for an inbox row `time_ms` is the clamped time.
    pub event: Event,
    /// Where it comes from.
    pub origin: Origin,
}

/// The bytes a row's hash covers: a JSON array of its fields (object keys sorted); an
/// inbox row adds `"inbox"`, its claimed time and its merge time, so its origin cannot
/// be changed without breaking the chain.
fn canonical(e: &Event, origin: Origin) -> Vec<u8> {
    let mut fields = vec![
        serde_json::json!(e.event_id),
        serde_json::json!(e.time_ms),
        serde_json::json!(e.event),
        serde_json::json!(e.severity.as_str()),
        serde_json::json!(e.success),
        e.details.clone(),
    ];
    if let Origin::Inbox {
        claimed_ms,
        merged_ms,
    } = origin
    {
        fields.extend([
            serde_json::json!("inbox"),
            serde_json::json!(claimed_ms),
            serde_json::json!(merged_ms),
        ]);
    }
    serde_json::to_vec(&fields).unwrap_or_default()
}

fn link(prev: &[u8], e: &Event, origin: Origin) -> Vec<u8> {
    use sha2::Digest as _;
    let mut h = sha2::Sha256::new();
    h.update(prev);
    h.update(canonical(e, origin));
    h.finalize().to_vec()
}

/// Whether `id` has the form of the ids coffer makes (32 lowercase hex digits): what an
/// audit event from the inbox must carry, so it can never take the id of a row coffer
/// derives itself (`inbox-…`).
pub fn valid_event_id(id: &str) -> bool {
    id.len() == 32 && id.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
}

/// Stores an event coffer itself writes (authenticated), chained to the last one;
/// storing the same `event_id` twice changes nothing.
pub fn record(conn: &Connection, e: &Event) -> Result<()> {
    store(conn, e, Origin::Vault)
}

/// Stores an audit event from the inbox, unauthenticated: its claimed time is kept
/// apart, and its `time_ms` is clamped between `floor` (the last row's time before the
/// merge began, see [`last_time`]) and `merged_ms`: a date in the future, or before the
/// last event the vault knew, is not accepted as fact. Merging the same event twice
/// changes nothing.
pub fn record_from_inbox(
    conn: &Connection,
    e: &Event,
    floor: Option<i64>,
    merged_ms: i64,
) -> Result<()> {
    let row = queued(e, floor, merged_ms);
    let origin = Origin::Inbox {
        claimed_ms: e.time_ms,
        merged_ms: Some(merged_ms),
    };
    store(conn, &row.event, origin)
}

/// How an event from the inbox reads before it is merged (at `now_ms`): unauthenticated,
/// its time clamped as [`record_from_inbox`] would.
pub fn queued(e: &Event, floor: Option<i64>, now_ms: i64) -> Row {
    let low = floor.unwrap_or(i64::MIN).min(now_ms);
    let mut event = e.clone();
    event.time_ms = e.time_ms.clamp(low, now_ms);
    Row {
        event,
        origin: Origin::Inbox {
            claimed_ms: e.time_ms,
            merged_ms: None,
        },
    }
}

/// The time of the last row in chain order (the floor of the next inbox merge).
pub fn last_time(conn: &Connection) -> Result<Option<i64>> {
    use rusqlite::OptionalExtension as _;
    Ok(conn
        .query_row(
            "SELECT time_ms FROM audit ORDER BY id DESC LIMIT 1",
            [],
            |r| r.get(0),
        )
        .optional()
        .context("reading audit")?)
}

fn store(conn: &Connection, e: &Event, origin: Origin) -> Result<()> {
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
    let (source, claimed, merged) = match origin {
        Origin::Vault => (None, None, None),
        Origin::Inbox {
            claimed_ms,
            merged_ms,
        } => (Some("inbox"), Some(claimed_ms), merged_ms),
    };
    conn.execute(
        "INSERT INTO audit (event_id, time_ms, event, severity, success, details, hash,
                            source, claimed_ms, merged_ms)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        params![
            e.event_id,
            e.time_ms,
            e.event,
            e.severity.as_str(),
            e.success,
            e.details.to_string(),
            link(&prev, e, origin),
            source,
            claimed,
            merged
        ],
    )
    .context("recording audit event")?;
    Ok(())
}

/// A stored row: its rowid, the row, and its stored hash.
type Link = (i64, Row, Option<Vec<u8>>);

const COLUMNS: &str =
    "event_id, time_ms, event, severity, success, details, source, claimed_ms, merged_ms";

/// Reads a row from [`COLUMNS`] starting at column `at`.
fn read_row(r: &rusqlite::Row<'_>, at: usize) -> rusqlite::Result<Row> {
    let time_ms: i64 = r.get(at + 1)?;
    let origin = match r.get::<_, Option<String>>(at + 6)?.as_deref() {
        Some("inbox") => Origin::Inbox {
            claimed_ms: r.get::<_, Option<i64>>(at + 7)?.unwrap_or(time_ms),
            merged_ms: r.get(at + 8)?,
        },
        _ => Origin::Vault,
    };
    Ok(Row {
        event: Event {
            event_id: r.get(at)?,
            time_ms,
            event: r.get(at + 2)?,
            severity: Severity::parse(&r.get::<_, String>(at + 3)?),
            success: r.get(at + 4)?,
            details: serde_json::from_str(&r.get::<_, String>(at + 5)?)
                .unwrap_or(serde_json::Value::Null),
        },
        origin,
    })
}

/// Every row in chain order with its stored hash.
fn chain(conn: &Connection) -> Result<Vec<Link>> {
    let mut stmt = conn
        .prepare(&format!(
            "SELECT id, hash, {COLUMNS} FROM audit ORDER BY id"
        ))
        .context("reading audit")?;
    let rows = stmt
        .query_map([], |r| {
            Ok((r.get::<_, i64>(0)?, read_row(r, 2)?, r.get(1)?))
        })
        .context("reading audit")?;
    Ok(rows
        .collect::<Result<Vec<_>, _>>()
        .context("reading audit")?)
}

/// Every row in chain order with its hash (hex).
pub fn export(conn: &Connection) -> Result<Vec<(Row, String)>> {
    Ok(chain(conn)?
        .into_iter()
        .map(|(_, r, h)| (r, h.map(hex::encode).unwrap_or_default()))
        .collect())
}

/// Computes the chain over rows stored before it existed (schema 5).
pub fn rechain(conn: &Connection) -> Result<()> {
    let mut prev = vec![0u8; 32];
    for (id, r, _) in chain(conn)? {
        let h = link(&prev, &r.event, r.origin);
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
    for (i, (_, r, stored)) in chain(conn)?.into_iter().enumerate() {
        let h = link(&prev, &r.event, r.origin);
        if stored.as_deref() != Some(&h[..]) {
            return Ok(Some((i as u64 + 1, r.event)));
        }
        prev = h;
    }
    Ok(None)
}

/// Rows merged from the inbox (unauthenticated).
pub fn inbox_rows(conn: &Connection) -> Result<u64> {
    let n: i64 = conn
        .query_row(
            "SELECT count(*) FROM audit WHERE source = 'inbox'",
            [],
            |r| r.get(0),
        )
        .context("reading audit")?;
    Ok(n as u64)
}

/// Events at or after `since_ms`, newest first.
pub fn list(conn: &Connection, since_ms: Option<i64>) -> Result<Vec<Row>> {
    let mut stmt = conn
        .prepare(&format!(
            "SELECT {COLUMNS} FROM audit WHERE time_ms >= ?1 ORDER BY time_ms DESC, id DESC"
        ))
        .context("preparing audit query")?;
    let rows = stmt
        .query_map([since_ms.unwrap_or(i64::MIN)], |r| read_row(r, 0))
        .context("querying audit")?;
    Ok(rows
        .collect::<Result<Vec<_>, _>>()
        .context("reading audit")?)
}

/// How the head recorded in profile.json relates to this vault's chain.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HeadCheck {
    /// No head recorded yet.
    Unrecorded,
    /// The recorded head is a row of this chain: the log only grew since.
    InChain,
    /// Not in this chain, but an authenticated `audit_reanchored` row accepts it (the
    /// recorded head catches up at the next write).
    Reanchored,
    /// Not in this chain: an older vault generation (`vault.age.prev`, an older copy)
    /// is in place, or rows were removed.
    Missing(Mismatch),
}

/// A recorded head that the vault's chain does not hold, and the chain's own head.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Mismatch {
    /// Rows profile.json records.
    pub recorded_rows: u64,
    /// The last of them's hash (hex).
    pub recorded_hash: String,
    /// Rows the vault holds.
    pub vault_rows: u64,
    /// Its last row's hash (hex).
    pub vault_hash: Option<String>,
}

impl Mismatch {
    /// Whether the vault holds fewer rows than recorded (an older generation, most
    /// likely), rather than as many with other hashes.
    pub fn behind(&self) -> bool {
        self.vault_rows < self.recorded_rows
    }

    /// What to tell the user when it is noticed.
    pub fn notice(&self) -> String {
        format!(
            "warning: this vault is not the one coffer last wrote: profile.json records {} audit rows ending in {}…, which it does not hold ({} rows). An older vault.age (vault.age.prev, an old copy) was put in place, or rows were removed: whatever changed since is missing. If you put it back yourself (docs/recovery.md), accept it with `coffer security log reanchor`; if not, restore your latest backup.",
            self.recorded_rows,
            short(&self.recorded_hash),
            self.vault_rows
        )
    }
}

fn short(hash: &str) -> &str {
    &hash[..16.min(hash.len())]
}

/// Compares the head recorded in profile.json with the vault's chain. Kept apart from
/// where the head is stored, so it works on any copy of it.
pub fn check_head(conn: &Connection, recorded: Option<&AuditHead>) -> Result<HeadCheck> {
    let Some(h) = recorded else {
        return Ok(HeadCheck::Unrecorded);
    };
    let (rows, head) = head(conn)?;
    // The usual case first (every write records its head): no walk.
    if h.count == rows && head.as_ref() == Some(&h.hash) {
        return Ok(HeadCheck::InChain);
    }
    if h.count <= rows && hash_at(conn, h.count)?.as_ref() == Some(&h.hash) {
        return Ok(HeadCheck::InChain);
    }
    if authenticated_about(conn, "audit_reanchored", &h.hash)? {
        return Ok(HeadCheck::Reanchored);
    }
    Ok(HeadCheck::Missing(Mismatch {
        recorded_rows: h.count,
        recorded_hash: h.hash.clone(),
        vault_rows: rows,
        vault_hash: head,
    }))
}

/// Whether an authenticated row `event` names `recorded_hash` in its details. Rows from
/// the inbox never count: anyone can write those.
fn authenticated_about(conn: &Connection, event: &str, recorded_hash: &str) -> Result<bool> {
    let n: i64 = conn
        .query_row(
            "SELECT count(*) FROM audit WHERE event = ?1 AND source IS NULL
               AND json_extract(details, '$.recorded_hash') = ?2",
            [event, recorded_hash],
            |r| r.get(0),
        )
        .context("reading audit")?;
    Ok(n > 0)
}

/// Records `vault_rollback_detected` (severity high) for `m`, once per recorded head.
pub fn record_rollback(conn: &Connection, m: &Mismatch) -> Result<()> {
    if authenticated_about(conn, "vault_rollback_detected", &m.recorded_hash)? {
        return Ok(());
    }
    let details = serde_json::to_value(m).context("describing the rollback")?;
    record(
        conn,
        &Event::new("vault_rollback_detected", Severity::High, false, details),
    )
}

/// Records `audit_reanchored` (severity high): the user accepts the vault in place, and
/// the recorded head `m.recorded_hash` may be replaced by this chain's head.
pub fn record_reanchor(conn: &Connection, m: &Mismatch) -> Result<()> {
    let details = serde_json::to_value(m).context("describing the re-anchor")?;
    record(
        conn,
        &Event::new("audit_reanchored", Severity::High, true, details),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event(time_ms: i64) -> Event {
        Event {
            event_id: "ab".repeat(16),
            time_ms,
            event: "login".into(),
            severity: Severity::Info,
            success: true,
            details: serde_json::json!({ "b": 1, "a": 2 }),
        }
    }

    /// Rows coffer writes hash as before schema 7, so existing chains still verify; an
    /// inbox row's origin is part of its hash.
    #[test]
    fn the_canonical_row_is_unchanged_for_vault_rows_and_binds_the_origin() {
        let e = event(5);
        let old = serde_json::to_vec(&serde_json::json!([
            e.event_id,
            e.time_ms,
            e.event,
            e.severity.as_str(),
            e.success,
            e.details
        ]))
        .unwrap();
        assert_eq!(canonical(&e, Origin::Vault), old);
        let inbox = Origin::Inbox {
            claimed_ms: 5,
            merged_ms: Some(9),
        };
        assert_ne!(link(&[0; 32], &e, Origin::Vault), link(&[0; 32], &e, inbox));
    }

    #[test]
    fn a_claimed_time_is_clamped_between_the_last_row_and_now() {
        let now = 1_000;
        assert_eq!(queued(&event(i64::MAX), Some(500), now).event.time_ms, now);
        assert_eq!(queued(&event(10), Some(500), now).event.time_ms, 500);
        assert_eq!(queued(&event(700), Some(500), now).event.time_ms, 700);
        assert_eq!(queued(&event(-5), None, now).event.time_ms, -5);
        // A clock that went back: the merge time wins.
        assert_eq!(queued(&event(10), Some(5_000), now).event.time_ms, now);
        let row = queued(&event(i64::MAX), None, now);
        assert_eq!(
            row.origin,
            Origin::Inbox {
                claimed_ms: i64::MAX,
                merged_ms: None
            }
        );
        assert!(!row.origin.authenticated());
    }

    #[test]
    fn only_coffer_shaped_ids_come_from_the_inbox() {
        assert!(valid_event_id(&"0a".repeat(16)));
        assert!(!valid_event_id(&"0A".repeat(16)));
        assert!(!valid_event_id("inbox-rejected-x.age"));
        assert!(!valid_event_id(&"0".repeat(31)));
    }
}
