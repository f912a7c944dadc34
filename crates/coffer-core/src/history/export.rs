//! `history export`: the rows that match a filter written one at a time (CSV with a
//! header row, RFC 4180 quoting and the spreadsheet-injection guard, or one JSON
//! array), each with its fiat value at its time when asked.

use super::{Filter, Row, Rows, for_each_row, value_of};
use crate::error::{Error, Result};
use crate::valuation::Valuation;
use serde::Serialize;
use std::io::Write;

/// The CSV header.
const CSV_HEADER: [&str; 17] = [
    "time",
    "wallet",
    "chain",
    "network",
    "currency",
    "type",
    "amount",
    "amount_units",
    "fee",
    "status",
    "confirmations",
    "height",
    "counterparty",
    "label",
    "category",
    "note",
    "txid",
];

/// A CSV cell: RFC 4180 quoting, and (unless `plain`) a ' before anything a
/// spreadsheet would run as a formula. Plain numbers (`-0.001`) are left alone.
pub fn csv_cell(s: &str, plain: bool) -> String {
    let number = {
        let d = s.strip_prefix('-').unwrap_or(s);
        !d.is_empty()
            && d.split_once('.')
                .map_or(d.bytes().all(|b| b.is_ascii_digit()), |(i, f)| {
                    !i.is_empty()
                        && !f.is_empty()
                        && i.bytes().chain(f.bytes()).all(|b| b.is_ascii_digit())
                })
    };
    let risky = !plain && !number && s.starts_with(['=', '+', '-', '@', '\t', '\r']);
    let s = if risky {
        format!("'{s}")
    } else {
        s.to_string()
    };
    if risky || s.contains([',', '"', '\r', '\n']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s
    }
}

fn csv_line(r: &Row, plain: bool, fiat: Option<&Valuation>) -> String {
    let o = |v: &Option<String>| v.clone().unwrap_or_default();
    let n = |v: Option<u32>| v.map(|x| x.to_string()).unwrap_or_default();
    let cells = [
        r.time.clone(),
        r.wallet.clone(),
        r.chain.name().to_string(),
        r.network.to_string(),
        r.asset.symbol().to_string(),
        r.kind.clone(),
        r.amount.clone(),
        r.amount_units.clone(),
        o(&r.fee),
        r.status.clone(),
        n(r.confirmations),
        n(r.height),
        o(&r.counterparty),
        o(&r.label),
        o(&r.category),
        o(&r.note),
        r.txid.clone(),
    ];
    let fiat_cells: Vec<String> = fiat
        .map(|v| {
            vec![
                v.currency.clone(),
                o(&v.value),
                o(&v.rate),
                o(&v.rate_time),
                o(&v.source).to_string() + &v.missing.clone().unwrap_or_default(),
            ]
        })
        .unwrap_or_default();
    let mut line = cells
        .iter()
        .chain(fiat_cells.iter())
        .map(|c| csv_cell(c, plain))
        .collect::<Vec<_>>()
        .join(",");
    line.push_str("\r\n");
    line
}

/// What `history export` wrote.
#[derive(Debug, Serialize)]
pub struct Exported {
    /// `csv` or `json`.
    pub format: String,
    /// Rows written.
    pub rows: u64,
    /// The file, when --out was given.
    pub file: Option<String>,
    /// The export itself, when no file was given.
    pub content: Option<String>,
}

/// What to export and how.
#[derive(Debug, Clone, Default)]
pub struct Export {
    /// One JSON array (else CSV).
    pub json: bool,
    /// No spreadsheet-injection guard on CSV cells.
    pub plain: bool,
    /// Each amount's value in this fiat currency (a code, checked here) at its time.
    pub fiat: Option<String>,
    /// Oldest first.
    pub reverse: bool,
    /// The rows.
    pub filter: Filter,
}

/// Writes the export to `sink` row by row (calling `tick` after each) and returns how
/// many rows it wrote. Without a `--status` filter it holds what counts (pending and
/// confirmed), so that its amounts add up to the balance. A failed write is an
/// `invalid_input` on `out`.
pub fn export(
    conn: &rusqlite::Connection,
    e: &Export,
    mut sink: &mut dyn Write,
    tick: &mut dyn FnMut(),
) -> Result<u64> {
    let io = |e: std::io::Error| Error::invalid("out", format!("cannot write: {e}"));
    if e.json {
        sink.write_all(b"[").map_err(io)?;
    } else {
        let mut header = CSV_HEADER.join(",");
        if e.fiat.is_some() {
            header.push_str(",fiat_currency,fiat_value,rate,rate_time,rate_source");
        }
        header.push_str("\r\n");
        sink.write_all(header.as_bytes()).map_err(io)?;
    }
    let mut first = true;
    let fiat = e
        .fiat
        .as_deref()
        .map(|f| {
            let up = f.trim().to_uppercase();
            if (2..=10).contains(&up.len()) && up.chars().all(|c| c.is_ascii_alphanumeric()) {
                Ok(up)
            } else {
                Err(Error::invalid(
                    "fiat",
                    format!("'{f}' is not a currency code"),
                ))
            }
        })
        .transpose()?;
    // An export holds what counts, so that its amounts add up to the balance; a
    // --status names any other rows explicitly.
    let which = if e.filter.status.is_none() {
        Rows::Counted
    } else {
        Rows::All
    };
    let rows = for_each_row(conn, &e.filter, e.reverse, which, |r| {
        let value = fiat
            .as_deref()
            .map(|f| value_of(conn, &r, f, r.time_s))
            .transpose()?;
        if e.json {
            if !first {
                sink.write_all(b",").map_err(io)?;
            }
            first = false;
            #[derive(Serialize)]
            struct WithFiat<'a> {
                #[serde(flatten)]
                row: &'a Row,
                #[serde(skip_serializing_if = "Option::is_none")]
                fiat: Option<&'a Valuation>,
            }
            let doc = WithFiat {
                row: &r,
                fiat: value.as_ref(),
            };
            serde_json::to_writer(&mut sink, &doc).map_err(anyhow::Error::from)?;
        } else {
            sink.write_all(csv_line(&r, e.plain, value.as_ref()).as_bytes())
                .map_err(io)?;
        }
        tick();
        Ok(())
    })?;
    if e.json {
        sink.write_all(b"]\n").map_err(io)?;
    }
    sink.flush().map_err(io)?;
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::csv_cell;

    #[test]
    fn csv_cells_are_quoted_and_guarded() {
        assert_eq!(csv_cell("plain", false), "plain");
        assert_eq!(csv_cell("a,b", false), "\"a,b\"");
        assert_eq!(csv_cell("say \"hi\"", false), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_cell("-0.001", false), "-0.001");
        assert_eq!(csv_cell("=1+1", false), "\"'=1+1\"");
        assert_eq!(csv_cell("-x", false), "\"'-x\"");
        assert_eq!(csv_cell("=1+1", true), "=1+1");
        assert_eq!(csv_cell("-1.", false), "\"'-1.\"");
    }
}
