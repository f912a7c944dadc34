//! The one rendering path. A command returns a value that is `Serialize` (the `--json`
//! `data`) and implements [`Report`] for people; errors render as the JSON envelope on
//! stdout under `--json`, or as `error:`/`hint:` lines on stderr. This is the only module
//! (with `main.rs`) that prints.
#![allow(clippy::print_stdout, clippy::print_stderr)]

use crate::error::Error;
use serde::Serialize;
use std::io::{self, IsTerminal as _, Write};

/// A command result that renders for people as well as for `--json`.
pub trait Report: Serialize {
    /// Writes the human form.
    fn human(&self, out: &mut Human);

    /// The human form as text (a review shown in a confirmation prompt).
    fn human_text(&self) -> String {
        let mut h = Human::default();
        self.human(&mut h);
        h.finish()
    }
}

/// How a value is shown on a terminal that takes colour. The style is added after the
/// text is sanitised and laid out, so data never carries an escape and widths are the
/// visible ones.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Style {
    /// As is.
    #[default]
    Plain,
    /// Money coming in (green).
    In,
    /// Money going out (red).
    Out,
    /// Something to look at (yellow).
    Warn,
    /// An error (red).
    Error,
}

impl Style {
    /// The style of a signed amount: negative goes out, positive comes in, zero is plain.
    pub fn of_amount(amount: &str) -> Style {
        let a = amount.trim();
        if a.starts_with('-') {
            Style::Out
        } else if a.chars().any(|c| c.is_ascii_digit() && c != '0') {
            Style::In
        } else {
            Style::Plain
        }
    }

    fn code(self) -> Option<&'static str> {
        match self {
            Style::Plain => None,
            Style::In => Some("\x1b[32m"),
            Style::Out | Style::Error => Some("\x1b[31m"),
            Style::Warn => Some("\x1b[33m"),
        }
    }

    /// `text` with this style's colour when `color` (text already sanitised).
    pub fn paint(self, text: &str, color: bool) -> String {
        match self.code() {
            Some(code) if color && !text.is_empty() => format!("{code}{text}\x1b[0m"),
            _ => text.to_string(),
        }
    }
}

/// How a table column is aligned.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Align {
    /// Left (text).
    #[default]
    Left,
    /// Right (counts, heights).
    Right,
    /// Amounts: decimal points in one column, units after them in another.
    Decimal,
}

/// A table cell: its text and how it is shown.
#[derive(Debug, Clone, Default)]
pub struct Cell {
    /// The text (sanitised when the table is laid out).
    pub text: String,
    /// Its colour on a terminal.
    pub style: Style,
}

impl Cell {
    /// A cell in `style`.
    pub fn styled(text: impl Into<String>, style: Style) -> Cell {
        Cell {
            text: text.into(),
            style,
        }
    }

    /// A signed amount, green when it comes in and red when it goes out.
    pub fn amount(text: impl Into<String>) -> Cell {
        let text = text.into();
        let style = Style::of_amount(&text);
        Cell { text, style }
    }
}

impl From<String> for Cell {
    fn from(text: String) -> Cell {
        Cell {
            text,
            style: Style::Plain,
        }
    }
}

impl From<&str> for Cell {
    fn from(text: &str) -> Cell {
        Cell::from(text.to_string())
    }
}

/// Lines up the decimal points of a column of amounts (`"-0.5 BTC"`, `"12"`,
/// `"0.000000000000000001 ETH"`): the whole part right-aligned, the fraction
/// left-aligned and padded, a unit after the number in a column of its own. Cells that
/// are not amounts (empty, "no rate") are right-aligned to the column.
pub fn align_decimals(cells: &[String]) -> Vec<String> {
    // (whole part with sign, fraction with its point, unit) of each amount.
    let parts: Vec<Option<(&str, &str, &str)>> = cells.iter().map(|c| split_amount(c)).collect();
    let width = |part: usize| {
        parts
            .iter()
            .flatten()
            .map(|p| [p.0, p.1, p.2][part].chars().count())
            .max()
            .unwrap_or(0)
    };
    let (whole, frac, unit) = (width(0), width(1), width(2));
    let total = whole + frac + if unit > 0 { unit + 1 } else { 0 };
    cells
        .iter()
        .zip(&parts)
        .map(|(c, p)| {
            // Trailing padding kept: it is what lines the points up.
            match p {
                Some((w, f, u)) if unit > 0 => format!("{w:>whole$}{f:<frac$} {u:<unit$}"),
                Some((w, f, _)) => format!("{w:>whole$}{f:<frac$}"),
                None => format!("{c:>total$}"),
            }
        })
        .collect()
}

/// An amount split at its decimal point: `"-12.5 BTC"` → `("-12", ".5", "BTC")`.
fn split_amount(cell: &str) -> Option<(&str, &str, &str)> {
    let (number, unit) = match cell.split_once(' ') {
        Some((n, u)) => (n, u),
        None => (cell, ""),
    };
    let digits = number.strip_prefix(['-', '+']).unwrap_or(number);
    let valid = !digits.is_empty()
        && digits.chars().all(|c| c.is_ascii_digit() || c == '.')
        && digits.chars().filter(|c| *c == '.').count() <= 1
        && digits.chars().next().is_some_and(|c| c.is_ascii_digit());
    if !valid {
        return None;
    }
    let point = number.find('.').unwrap_or(number.len());
    Some((&number[..point], &number[point..], unit))
}

/// Builder of human output: aligned key/value runs, plain lines and tables.
#[derive(Default)]
pub struct Human {
    text: String,
    pending: Vec<(String, String, Style)>,
    /// Whether styles are rendered as colour (a terminal that takes it).
    color: bool,
}

impl Human {
    /// A builder that renders styles as colour when `color`.
    pub fn new(color: bool) -> Human {
        Human {
            color,
            ..Human::default()
        }
    }

    /// A `key: value` line; consecutive ones are aligned.
    pub fn kv(&mut self, key: &str, value: impl AsRef<str>) {
        self.kv_styled(key, value, Style::Plain);
    }

    /// A `key: value` line whose value is shown in `style`.
    pub fn kv_styled(&mut self, key: &str, value: impl AsRef<str>, style: Style) {
        self.pending
            .push((key.to_string(), sanitize(value.as_ref()), style));
    }

    /// A line of text (sanitised).
    pub fn line(&mut self, s: impl AsRef<str>) {
        self.flush_kv();
        self.text.push_str(&sanitize(s.as_ref()));
        self.text.push('\n');
    }

    /// Text exactly as given (generated scripts).
    pub fn raw(&mut self, s: &str) {
        self.flush_kv();
        self.text.push_str(s);
    }

    /// A table with a header row; cells are sanitised.
    pub fn table(&mut self, header: &[&str], rows: Vec<Vec<String>>) {
        let rows = rows
            .into_iter()
            .map(|r| r.into_iter().map(Cell::from).collect())
            .collect();
        self.table_with(header, rows, &[]);
    }

    /// A table with a header row, the columns aligned as `align` says (missing ones
    /// left) and cells styled; cells are sanitised, colour is added after the layout.
    pub fn table_with(&mut self, header: &[&str], mut rows: Vec<Vec<Cell>>, align: &[Align]) {
        self.flush_kv();
        for r in rows.iter_mut() {
            for c in r.iter_mut() {
                c.text = sanitize(&c.text);
            }
        }
        for (col, a) in align.iter().enumerate() {
            if *a != Align::Decimal {
                continue;
            }
            let texts: Vec<String> = rows
                .iter()
                .map(|r| r.get(col).map(|c| c.text.clone()).unwrap_or_default())
                .collect();
            for (r, text) in rows.iter_mut().zip(align_decimals(&texts)) {
                if let Some(c) = r.get_mut(col) {
                    c.text = text;
                }
            }
        }
        let mut t = comfy_table::Table::new();
        t.load_style(comfy_table::presets::NOTHING);
        t.set_header(header.iter().map(|h| h.to_uppercase()));
        for r in &rows {
            t.add_row(r.iter().map(|c| c.text.as_str()));
        }
        for (col, a) in align.iter().enumerate() {
            if let Some(c) = t.column_mut(col)
                && *a != Align::Left
            {
                c.set_cell_alignment(comfy_table::CellAlignment::Right);
            }
        }
        let rendered = t.to_string();
        let mut lines = rendered.lines();
        if let Some(head) = lines.next() {
            self.text.push_str(head.trim_end());
            self.text.push('\n');
        }
        for r in &rows {
            let height = r
                .iter()
                .map(|c| c.text.split('\n').count())
                .max()
                .unwrap_or(1)
                .max(1);
            for _ in 0..height {
                let Some(line) = lines.next() else { break };
                let line = line.trim_end();
                if height == 1 && self.color {
                    self.text.push_str(&paint_cells(line, r));
                } else {
                    self.text.push_str(line);
                }
                self.text.push('\n');
            }
        }
        for line in lines {
            self.text.push_str(line.trim_end());
            self.text.push('\n');
        }
    }

    fn flush_kv(&mut self) {
        let width = self
            .pending
            .iter()
            .map(|(k, _, _)| k.chars().count() + 1)
            .max()
            .unwrap_or(0);
        for (k, v, style) in self.pending.drain(..) {
            let v = style.paint(&v, self.color);
            self.text
                .push_str(&format!("{:width$}  {v}\n", format!("{k}:")));
        }
    }

    /// The finished text.
    pub fn finish(mut self) -> String {
        self.flush_kv();
        self.text
    }
}

/// Control characters of untrusted text replaced (the core's, for the whole binary).
pub use coffer_core::text::sanitize;

/// A laid-out table line with its styled cells coloured: each cell is found in turn
/// after the one before it (cells are separated by padding only).
fn paint_cells(line: &str, cells: &[Cell]) -> String {
    let mut out = String::with_capacity(line.len() + 16);
    let mut pos = 0;
    for c in cells {
        let text = c.text.trim_end();
        if text.trim().is_empty() {
            continue;
        }
        let Some(at) = line[pos..].find(text) else {
            continue;
        };
        let start = pos + at;
        out.push_str(&line[pos..start]);
        out.push_str(&c.style.paint(text, true));
        pos = start + text.len();
    }
    out.push_str(&line[pos..]);
    out
}

/// Whether a review was shown at a confirmation prompt in this run.
static REVIEW_SHOWN: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Records that a confirmation was answered on the terminal (not skipped with `--yes`):
/// the review was shown there, so the result does not print it a second time.
pub fn review_confirmed(yes: bool) {
    if !yes {
        REVIEW_SHOWN.store(true, std::sync::atomic::Ordering::Relaxed);
    }
}

/// Whether the review was already shown at the prompt (see [`review_confirmed`]).
pub fn review_shown() -> bool {
    REVIEW_SHOWN.load(std::sync::atomic::Ordering::Relaxed)
}

/// Whether colour goes to a stream: a terminal, and no `NO_COLOR` (any non-empty value,
/// <https://no-color.org>).
pub fn color_for(is_terminal: bool) -> bool {
    is_terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

/// The printer chosen by `--json`.
#[derive(Debug, Clone, Copy)]
pub struct Printer {
    /// Whether output is the JSON envelope.
    pub json: bool,
    /// Whether stdout takes colour (a terminal, no `NO_COLOR`, not `--json`).
    pub color_out: bool,
    /// Whether stderr takes colour.
    pub color_err: bool,
}

#[derive(Serialize)]
struct Ok<'a, T: Serialize> {
    ok: bool,
    data: &'a T,
}

impl Printer {
    /// The printer for `--json` (or not), with colour where the streams take it.
    pub fn new(json: bool) -> Printer {
        Printer {
            json,
            color_out: !json && color_for(io::stdout().is_terminal()),
            color_err: !json && color_for(io::stderr().is_terminal()),
        }
    }

    /// Prints a successful result. A closed stdout (broken pipe) is not an error.
    pub fn emit<T: Report>(&self, value: &T) -> io::Result<()> {
        if !self.json {
            let mut h = Human::new(self.color_out);
            value.human(&mut h);
            return write_stdout(&h.finish());
        }
        // Streamed: a large list never exists as one string in memory.
        let mut out = io::BufWriter::with_capacity(64 * 1024, io::stdout().lock());
        let doc = Ok {
            ok: true,
            data: value,
        };
        let written = serde_json::to_writer(&mut out, &doc)
            .map_err(io::Error::from)
            .and_then(|()| out.write_all(b"\n"))
            .and_then(|()| out.flush());
        match written {
            Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
            r => r,
        }
    }

    /// Prints an error: the envelope on stdout under `--json`, else stderr lines.
    pub fn error(&self, e: &Error) {
        if self.json {
            let mut err = serde_json::json!({
                "code": e.code(),
                "message": e.to_string(),
                "hint": e.hint(),
            });
            if let (Some(serde_json::Value::Object(fields)), Some(obj)) =
                (e.extra(), err.as_object_mut())
            {
                obj.extend(fields);
            }
            let doc = serde_json::json!({ "ok": false, "error": err });
            let _ = write_stdout(&format!("{doc}\n"));
        } else {
            let c = self.color_err;
            let mut s = format!(
                "{} {}\n",
                Style::Error.paint("error:", c),
                sanitize(&e.to_string())
            );
            if let Some(h) = e.hint() {
                s.push_str(&format!(
                    "{} {}\n",
                    Style::Warn.paint("hint:", c),
                    sanitize(&h)
                ));
            }
            let _ = io::stderr().write_all(s.as_bytes());
        }
    }

    /// A notice for people on stderr (never part of the data).
    pub fn notice(&self, msg: &str) {
        let msg = sanitize(msg);
        let msg = match msg.strip_prefix("warning:") {
            Some(rest) => format!("{}{rest}", Style::Warn.paint("warning:", self.color_err)),
            None => msg,
        };
        let _ = writeln!(io::stderr(), "{msg}");
    }
}

/// What a command may ask of the output without seeing `--json`: whether people read it,
/// a progress bar (hidden when they do not), whether a QR code is wanted, and a sink for
/// a stream of events. Made in `main` from the [`Printer`]; it is the context's `out`.
#[derive(Debug, Clone, Copy)]
pub struct Output {
    json: bool,
}

/// One event of a stream (`receive watch`): a JSON object per line under `--json`, else
/// its line for people.
pub trait StreamEvent: Serialize {
    /// The line for people (without its newline).
    fn human_line(&self) -> String;
}

impl Output {
    /// The output the printer renders.
    pub fn of(printer: &Printer) -> Output {
        Output { json: printer.json }
    }

    /// An output no person watches: no progress, no question that only a person answers
    /// (the syncs `receive watch` runs between its events).
    pub fn quiet() -> Output {
        Output { json: true }
    }

    /// Whether people read the result (not `--json`): the things only they need (a
    /// mnemonic to confirm, a hint about an address) are theirs.
    pub fn for_people(self) -> bool {
        !self.json
    }

    /// A progress bar on stderr: hidden under `--json` (indicatif hides it off a
    /// terminal too).
    pub fn progress(self) -> indicatif::ProgressBar {
        if self.json {
            indicatif::ProgressBar::hidden()
        } else {
            indicatif::ProgressBar::new(0)
        }
    }

    /// A notice shown now on stderr (in `--json` mode too, as the other notices), above
    /// `bar` while it is drawn: a server that makes a sync wait.
    pub fn note(self, bar: &indicatif::ProgressBar, msg: &str) {
        let msg = sanitize(msg);
        bar.suspend(|| {
            let _ = writeln!(io::stderr(), "{msg}");
        });
    }

    /// Whether a QR code is shown when not asked for: people at a terminal.
    pub fn wants_qr(self) -> bool {
        !self.json && io::stdout().is_terminal()
    }

    /// Writes one event of a stream: `Ok(false)` when the reader has gone (a closed
    /// pipe, as `receive watch | head -1`), so the stream can end.
    pub fn event<E: StreamEvent>(self, event: &E) -> io::Result<bool> {
        let line = if self.json {
            serde_json::to_string(event).map_err(io::Error::from)?
        } else {
            event.human_line()
        };
        write_stdout_streamed(&format!("{line}\n"))
    }
}

/// stdout for a result whose last field is a long text written as it is made
/// (`history export`): for people the text itself; under `--json` the envelope around
/// it, the text escaped as serde_json escapes a string, byte for byte what
/// [`Printer::emit`] prints for the whole value. Buffered (64 KiB): an error before the
/// first 64 KiB went out leaves stdout empty ([`Streamed::abandon`]), so the error
/// envelope is the whole output. A reader that goes away (`| head -1`) is remembered
/// ([`Streamed::closed`]): the command ends quietly, as [`Printer::emit`] does.
pub struct Streamed {
    json: bool,
    buf: Vec<u8>,
    /// What follows the text (the envelope's end).
    tail: Vec<u8>,
    started: bool,
    closed: bool,
}

/// What is buffered before it goes to stdout.
const STREAM_BUFFER: usize = 64 * 1024;

impl Output {
    /// stdout for `head`, a result whose last field is an empty string: the text
    /// written to the [`Streamed`] becomes that field.
    pub fn streamed<T: Serialize>(self, head: &T) -> io::Result<Streamed> {
        let mut s = Streamed {
            json: self.json,
            buf: Vec::with_capacity(STREAM_BUFFER + 1024),
            tail: vec![],
            started: false,
            closed: false,
        };
        if self.json {
            let doc = serde_json::to_vec(&Ok {
                ok: true,
                data: head,
            })
            .map_err(io::Error::from)?;
            let Some(open) = doc.strip_suffix(b"\"}}") else {
                return Err(io::Error::other("a streamed result must end with a string"));
            };
            s.buf.extend_from_slice(open);
            s.tail = b"\"}}\n".to_vec();
        }
        Ok(s)
    }
}

impl Streamed {
    /// Whether the reader went away (a closed pipe): not an error.
    pub fn closed(&self) -> bool {
        self.closed
    }

    /// Ends the output: the envelope's end, everything flushed. A closed pipe is no
    /// error.
    pub fn finish(mut self) -> io::Result<()> {
        if self.closed {
            return Ok(());
        }
        let tail = std::mem::take(&mut self.tail);
        self.buf.extend_from_slice(&tail);
        match self.send().and_then(|()| io::stdout().lock().flush()) {
            Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
            r => r,
        }
    }

    /// The command failed: what is still buffered is dropped. If part of the output
    /// already went out, a line end closes it so that the error (the envelope under
    /// `--json`) starts on a line of its own.
    pub fn abandon(self) {
        if self.started && !self.closed {
            let mut out = io::stdout().lock();
            let _ = out.write_all(b"\n").and_then(|()| out.flush());
        }
    }

    /// Writes the buffer to stdout.
    fn send(&mut self) -> io::Result<()> {
        if self.buf.is_empty() {
            return Ok(());
        }
        self.started = true;
        let r = io::stdout().lock().write_all(&self.buf);
        self.buf.clear();
        if let Err(e) = &r
            && e.kind() == io::ErrorKind::BrokenPipe
        {
            self.closed = true;
        }
        r
    }
}

impl Write for Streamed {
    fn write(&mut self, data: &[u8]) -> io::Result<usize> {
        if self.closed {
            return Err(io::ErrorKind::BrokenPipe.into());
        }
        if self.json {
            json_escape_into(&mut self.buf, data);
        } else {
            self.buf.extend_from_slice(data);
        }
        if self.buf.len() >= STREAM_BUFFER {
            self.send()?;
        }
        Ok(data.len())
    }

    /// Buffered until [`Streamed::finish`]: a flush of the text writes nothing yet.
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// Appends `data` (UTF-8, possibly cut inside a character) escaped as the inside of a
/// JSON string, exactly as serde_json escapes: `"`, `\\`, and the control characters
/// below 0x20 (`\b \t \n \f \r` by name, the others as `\u00xx`); everything else as
/// is.
fn json_escape_into(buf: &mut Vec<u8>, data: &[u8]) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut start = 0;
    for (i, &b) in data.iter().enumerate() {
        let esc: &[u8] = match b {
            b'"' => b"\\\"",
            b'\\' => b"\\\\",
            0x08 => b"\\b",
            b'\t' => b"\\t",
            b'\n' => b"\\n",
            0x0c => b"\\f",
            b'\r' => b"\\r",
            0x00..=0x1f => b"",
            _ => continue,
        };
        buf.extend_from_slice(&data[start..i]);
        if esc.is_empty() {
            buf.extend_from_slice(b"\\u00");
            buf.push(HEX[usize::from(b >> 4)]);
            buf.push(HEX[usize::from(b & 0xf)]);
        } else {
            buf.extend_from_slice(esc);
        }
        start = i + 1;
    }
    buf.extend_from_slice(&data[start..]);
}

/// Writes raw text to stdout, treating a closed pipe as success.
pub fn write_stdout(text: &str) -> io::Result<()> {
    let mut out = io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|_| out.flush()) {
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
        r => r,
    }
}

/// Writes raw text to stdout for a stream of lines: `Ok(false)` when the reader has gone
/// (a closed pipe, as `receive watch | head -1`), so the stream can end.
pub fn write_stdout_streamed(text: &str) -> io::Result<bool> {
    let mut out = io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|_| out.flush()) {
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(false),
        r => r.map(|()| true),
    }
}

/// Writes raw text to stderr (prompts' companions, clap's messages).
pub fn write_stderr(text: &str) {
    let _ = io::stderr().write_all(text.as_bytes());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn streamed_text_is_escaped_as_serde_json_escapes_it() {
        let mut text: String = (0u8..0x80).map(char::from).collect();
        text.push_str("é€😀 \\\" end");
        let whole = serde_json::to_string(&text).unwrap();
        // Fed in pieces of every size, cut inside characters too.
        for piece in 1..8 {
            let mut buf = vec![b'"'];
            for chunk in text.as_bytes().chunks(piece) {
                json_escape_into(&mut buf, chunk);
            }
            buf.push(b'"');
            assert_eq!(String::from_utf8(buf).unwrap(), whole, "pieces of {piece}");
        }
    }

    #[test]
    fn output_handles_follow_the_printer() {
        let json = Output::of(&Printer {
            json: true,
            color_out: false,
            color_err: false,
        });
        let people = Output::of(&Printer {
            json: false,
            color_out: false,
            color_err: false,
        });
        assert!(people.for_people() && !json.for_people());
        assert!(json.progress().is_hidden());
        assert!(!json.wants_qr());
        assert!(!Output::quiet().for_people());
        assert!(Output::quiet().progress().is_hidden());
    }

    #[test]
    fn sanitize_replaces_escape_sequences() {
        assert_eq!(sanitize("a\x1b[31mb"), "a\u{FFFD}[31mb");
    }

    #[test]
    fn decimal_points_line_up() {
        let cells = [
            "12.5 BTC",
            "-0.000000000000000123 ETH",
            "7 USDC",
            "",
            "no rate",
        ]
        .map(String::from);
        assert_eq!(
            align_decimals(&cells),
            [
                "12.5                  BTC ",
                "-0.000000000000000123 ETH ",
                " 7                    USDC",
                "                          ",
                "                   no rate",
            ]
        );
        let bare = ["0", "1.25", "-30.5"].map(String::from);
        assert_eq!(align_decimals(&bare), ["  0   ", "  1.25", "-30.5 "]);
        assert_eq!(split_amount("1.2.3 BTC"), None);
        assert_eq!(split_amount("-12.5 BTC"), Some(("-12", ".5", "BTC")));
    }

    #[test]
    fn tables_line_amounts_up_and_colour_after_layout() {
        let rows = || {
            vec![
                vec![Cell::from("a"), Cell::amount("-1.5 BTC")],
                vec![Cell::from("bb"), Cell::amount("20.25 BTC")],
            ]
        };
        let mut plain = Human::new(false);
        plain.table_with(&["w", "amount"], rows(), &[Align::Left, Align::Decimal]);
        let plain = plain.finish();
        assert_eq!(plain, " W      AMOUNT\n a   -1.5  BTC\n bb  20.25 BTC\n");
        let mut colour = Human::new(true);
        colour.table_with(&["w", "amount"], rows(), &[Align::Left, Align::Decimal]);
        let colour = colour.finish();
        assert_eq!(
            colour,
            " W      AMOUNT\n a   \x1b[31m-1.5  BTC\x1b[0m\n bb  \x1b[32m20.25 BTC\x1b[0m\n"
        );
        // Data never carries an escape, coloured or not.
        let mut h = Human::new(true);
        h.table_with(
            &["w"],
            vec![vec![Cell::styled("\x1b[2Jx", Style::Warn)]],
            &[],
        );
        assert_eq!(h.finish(), " W\n \x1b[33m\u{FFFD}[2Jx\x1b[0m\n");
    }

    #[test]
    fn kv_runs_are_aligned() {
        let mut h = Human::default();
        h.kv("User", "alice");
        h.kv("Session expires", "soon");
        assert_eq!(
            h.finish(),
            "User:             alice\nSession expires:  soon\n"
        );
    }
}
