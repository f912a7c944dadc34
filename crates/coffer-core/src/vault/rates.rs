//! Exchange rates kept in the vault: a history per pair (`BTC/USD`), each rate an exact
//! decimal with its time and source. A valuation uses the latest rate at or before the
//! time it values; none is ever invented.

use crate::error::Result;
use anyhow::Context as _;
use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;

/// One rate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Rate {
    /// `BASE/QUOTE`, e.g. `BTC/USD`.
    pub pair: String,
    /// When it held (Unix seconds).
    #[serde(skip)]
    pub time: i64,
    /// Units of QUOTE per one BASE (exact decimal).
    pub rate: String,
    /// Where it came from: `manual`, `import`, or the fetch source.
    pub source: String,
}

/// Stores rates (a rate at the same pair and time is replaced).
pub fn insert(conn: &Connection, rates: &[Rate]) -> Result<()> {
    let mut stmt = conn
        .prepare_cached(
            "INSERT INTO rates (pair, time, rate, source) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT (pair, time) DO UPDATE SET rate = excluded.rate, source = excluded.source",
        )
        .context("storing rates")?;
    for r in rates {
        stmt.execute(params![r.pair, r.time, r.rate, r.source])
            .context("storing rates")?;
    }
    Ok(())
}

fn rate_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Rate> {
    Ok(Rate {
        pair: r.get(0)?,
        time: r.get(1)?,
        rate: r.get(2)?,
        source: r.get(3)?,
    })
}

/// The latest rate of `pair` at or before `time`: one step of the (pair, time) key,
/// its statement kept for the next call (an export values every row).
pub fn at(conn: &Connection, pair: &str, time: i64) -> Result<Option<Rate>> {
    Ok(conn
        .prepare_cached(
            "SELECT pair, time, rate, source FROM rates WHERE pair = ?1 AND time <= ?2
             ORDER BY time DESC LIMIT 1",
        )
        .and_then(|mut s| s.query_row(params![pair, time], rate_row).optional())
        .context("reading rates")?)
}

/// The latest rate of every pair.
pub fn latest(conn: &Connection) -> Result<Vec<Rate>> {
    let mut stmt = conn
        .prepare("SELECT pair, max(time), rate, source FROM rates GROUP BY pair ORDER BY pair")
        .context("reading rates")?;
    let rows = stmt.query_map([], rate_row).context("reading rates")?;
    Ok(rows
        .collect::<rusqlite::Result<_>>()
        .context("reading rates")?)
}

/// The rates of `pair` since `since`, oldest first.
pub fn history(conn: &Connection, pair: &str, since: i64) -> Result<Vec<Rate>> {
    let mut stmt = conn
        .prepare(
            "SELECT pair, time, rate, source FROM rates WHERE pair = ?1 AND time >= ?2
             ORDER BY time",
        )
        .context("reading rates")?;
    let rows = stmt
        .query_map(params![pair, since], rate_row)
        .context("reading rates")?;
    Ok(rows
        .collect::<rusqlite::Result<_>>()
        .context("reading rates")?)
}
