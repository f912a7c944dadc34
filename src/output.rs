//! The one rendering path. A command returns a value that is `Serialize` (the `--json`
//! `data`) and implements [`Report`] for people; errors render as the JSON envelope on
//! stdout under `--json`, or as `error:`/`hint:` lines on stderr. This is the only module
//! (with `main.rs`) that prints.
#![allow(clippy::print_stdout, clippy::print_stderr)]

use crate::error::Error;
use serde::Serialize;
use std::io::{self, Write};

/// A command result that renders for people as well as for `--json`.
pub trait Report: Serialize {
    /// Writes the human form.
    fn human(&self, out: &mut Human);
}

/// Builder of human output: aligned key/value runs, plain lines and tables.
#[derive(Default)]
pub struct Human {
    text: String,
    pending: Vec<(String, String)>,
}

impl Human {
    /// A `key: value` line; consecutive ones are aligned.
    pub fn kv(&mut self, key: &str, value: impl AsRef<str>) {
        self.pending
            .push((key.to_string(), sanitize(value.as_ref())));
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
        self.flush_kv();
        let mut t = comfy_table::Table::new();
        t.load_style(comfy_table::presets::NOTHING);
        t.set_header(header.iter().map(|h| h.to_uppercase()));
        for r in rows {
            t.add_row(r.iter().map(|c| sanitize(c)));
        }
        for line in t.to_string().lines() {
            self.text.push_str(line.trim_end());
            self.text.push('\n');
        }
    }

    fn flush_kv(&mut self) {
        let width = self
            .pending
            .iter()
            .map(|(k, _)| k.chars().count() + 1)
            .max()
            .unwrap_or(0);
        for (k, v) in self.pending.drain(..) {
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

/// Replaces control characters so an untrusted string cannot drive the terminal.
pub fn sanitize(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c.is_control() && c != '\n' && c != '\t' {
                '\u{FFFD}'
            } else {
                c
            }
        })
        .collect()
}

/// The printer chosen by `--json`.
#[derive(Debug, Clone, Copy)]
pub struct Printer {
    /// Whether output is the JSON envelope.
    pub json: bool,
}

#[derive(Serialize)]
struct Ok<'a, T: Serialize> {
    ok: bool,
    data: &'a T,
}

impl Printer {
    /// Prints a successful result. A closed stdout (broken pipe) is not an error.
    pub fn emit<T: Report>(&self, value: &T) -> io::Result<()> {
        if !self.json {
            let mut h = Human::default();
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
            let mut s = format!("error: {}\n", sanitize(&e.to_string()));
            if let Some(h) = e.hint() {
                s.push_str(&format!("hint: {}\n", sanitize(&h)));
            }
            let _ = io::stderr().write_all(s.as_bytes());
        }
    }

    /// A notice for people on stderr (never part of the data).
    pub fn notice(&self, msg: &str) {
        let _ = writeln!(io::stderr(), "{}", sanitize(msg));
    }
}

/// Writes raw text to stdout, treating a closed pipe as success.
pub fn write_stdout(text: &str) -> io::Result<()> {
    let mut out = io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|_| out.flush()) {
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
        r => r,
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
    fn sanitize_replaces_escape_sequences() {
        assert_eq!(sanitize("a\x1b[31mb"), "a\u{FFFD}[31mb");
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
