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
    let mut out = Vec::with_capacity(s.len() + 3);
    push_cell(&mut out, s, plain);
    // The cell is the text of `s` with ASCII quotes added.
    String::from_utf8(out).unwrap_or_default()
}

/// Appends one CSV cell as [`csv_cell`] makes it to `out`, without building it first.
fn push_cell(out: &mut Vec<u8>, s: &str, plain: bool) {
    let bytes = s.as_bytes();
    let risky = !plain
        && matches!(
            bytes.first(),
            Some(b'=' | b'+' | b'-' | b'@' | b'\t' | b'\r')
        )
        && !is_number(s);
    // Bytes, not chars: each of these is ASCII, which no byte of a multi-byte UTF-8
    // character can be.
    if !risky
        && !bytes
            .iter()
            .any(|b| matches!(b, b',' | b'"' | b'\r' | b'\n'))
    {
        out.extend_from_slice(bytes);
        return;
    }
    out.extend_from_slice(if risky { b"\"'" } else { b"\"" });
    for (i, part) in s.split('"').enumerate() {
        if i > 0 {
            out.extend_from_slice(b"\"\"");
        }
        out.extend_from_slice(part.as_bytes());
    }
    out.push(b'"');
}

/// Whether `s` is a plain decimal number (`-0.001`, `12`): no guard for it.
fn is_number(s: &str) -> bool {
    let d = s.strip_prefix('-').unwrap_or(s);
    !d.is_empty()
        && d.split_once('.')
            .map_or(d.bytes().all(|b| b.is_ascii_digit()), |(i, f)| {
                !i.is_empty()
                    && !f.is_empty()
                    && i.bytes().chain(f.bytes()).all(|b| b.is_ascii_digit())
            })
}

/// Makes one CSV line (CRLF) of a row and, when asked, its value, in `line` (emptied
/// first): the sink gets a line in one write, not a write a cell.
fn csv_line(line: &mut Vec<u8>, r: &Row, plain: bool, fiat: Option<&Valuation>) {
    fn o(v: &Option<String>) -> &str {
        v.as_deref().unwrap_or_default()
    }
    line.clear();
    push_cell(line, &r.time, plain);
    let cell = |line: &mut Vec<u8>, s: &str| {
        line.push(b',');
        push_cell(line, s, plain);
    };
    // Numbers and network names need no quoting: written in place (a Vec's writes
    // cannot fail).
    let bare = |line: &mut Vec<u8>, v: &dyn std::fmt::Display| {
        line.push(b',');
        let _ = write!(line, "{v}");
    };
    for c in [&r.wallet, r.chain.name()] {
        cell(line, c);
    }
    bare(line, &r.network);
    for c in [
        r.asset.symbol(),
        &r.kind,
        &r.amount,
        &r.amount_units,
        o(&r.fee),
        &r.status,
    ] {
        cell(line, c);
    }
    for v in [r.confirmations, r.height] {
        match v {
            Some(v) => bare(line, &v),
            None => line.push(b','),
        }
    }
    for c in [
        o(&r.counterparty),
        o(&r.label),
        o(&r.category),
        o(&r.note),
        &r.txid,
    ] {
        cell(line, c);
    }
    if let Some(v) = fiat {
        let source = format!("{}{}", o(&v.source), o(&v.missing));
        for c in [
            v.currency.as_str(),
            o(&v.value),
            o(&v.rate),
            o(&v.rate_time),
            &source,
        ] {
            cell(line, c);
        }
    }
    line.extend_from_slice(b"\r\n");
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

/// The fiat currency code asked for, checked (2 to 10 letters or digits, upper case).
fn fiat_code(e: &Export) -> Result<Option<String>> {
    e.fiat
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
        .transpose()
}

/// The rows an export holds: what counts, so that its amounts add up to the balance;
/// a --status names any other rows explicitly.
fn which(e: &Export) -> Rows {
    if e.filter.status.is_none() {
        Rows::Counted
    } else {
        Rows::All
    }
}

/// How many rows [`export`] of `e` writes (one count in SQL, nothing read), after the
/// same checks: for an answer that names the count before the rows.
pub fn count(conn: &rusqlite::Connection, e: &Export) -> Result<u64> {
    fiat_code(e)?;
    super::count_rows(conn, &e.filter, which(e))
}

/// Writes the export to `sink` one row at a time, as the query returns them (nothing
/// is collected: memory does not grow with the rows), calling `tick` after each, and
/// returns how many rows it wrote. The filters run in SQL; a row's value is one
/// indexed rate lookup. Everything is checked before the first byte is written (an
/// unknown wallet, a bad date or currency writes nothing). Without a `--status` filter
/// it holds what counts (pending and confirmed), so that its amounts add up to the
/// balance. A failed write is an `invalid_input` on `out`.
pub fn export(
    conn: &rusqlite::Connection,
    e: &Export,
    sink: &mut dyn Write,
    tick: &mut dyn FnMut(),
) -> Result<u64> {
    let io = |e: std::io::Error| Error::invalid("out", format!("cannot write: {e}"));
    let fiat = fiat_code(e)?;
    let mut header = true;
    let mut line = Vec::with_capacity(512);
    let rows = for_each_row(conn, &e.filter, e.reverse, which(e), |r| {
        if header {
            // The filters are checked and the query runs: the export starts.
            write_header(sink, e).map_err(io)?;
            header = false;
        } else if e.json {
            sink.write_all(b",").map_err(io)?;
        }
        let value = fiat
            .as_deref()
            .map(|f| value_of(conn, &r, f, r.time_s))
            .transpose()?;
        if e.json {
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
            serde_json::to_writer(&mut *sink, &doc).map_err(|e| match e.io_error_kind() {
                Some(_) => io(e.into()),
                None => anyhow::Error::from(e).into(),
            })?;
        } else {
            csv_line(&mut line, &r, e.plain, value.as_ref());
            sink.write_all(&line).map_err(io)?;
        }
        tick();
        Ok(())
    })?;
    if header {
        write_header(sink, e).map_err(io)?;
    }
    if e.json {
        sink.write_all(b"]\n").map_err(io)?;
    }
    sink.flush().map_err(io)?;
    Ok(rows)
}

/// The start of the export: `[` (JSON) or the CSV header row.
fn write_header(sink: &mut dyn Write, e: &Export) -> std::io::Result<()> {
    if e.json {
        return sink.write_all(b"[");
    }
    let mut header = CSV_HEADER.join(",");
    if e.fiat.is_some() {
        header.push_str(",fiat_currency,fiat_value,rate,rate_time,rate_source");
    }
    header.push_str("\r\n");
    sink.write_all(header.as_bytes())
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
        assert_eq!(csv_cell("'=\"x\"", false), "\"'=\"\"x\"\"\"");
        assert_eq!(csv_cell("", false), "");
        assert_eq!(csv_cell("-", false), "\"'-\"");
        assert_eq!(csv_cell("@a\nb", true), "\"@a\nb\"");
    }
}
