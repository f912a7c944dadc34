//! `coffer labels`: BIP-329 label export and import (JSON Lines), the interchange format
//! of Sparrow and other wallets. Transaction and address labels round-trip; xpub
//! records carry the wallet name; Ethereum uses the same record shape.

use crate::context::Ctx;
use crate::error::{Error, Result};
use crate::output::{Human, Report};
use crate::vault::wallets;
use anyhow::Context as _;
use rusqlite::{Connection, OptionalExtension, params};
use serde::{Deserialize, Serialize};
use std::path::PathBuf;

/// `labels` subcommands.
#[derive(Debug, clap::Subcommand)]
pub enum LabelsCmd {
    /// Write BIP-329 labels (JSON Lines): transactions, addresses, account xpubs.
    Export {
        /// Only this wallet.
        #[arg(long)]
        wallet: Option<String>,
        /// Write to FILE (default: standard output).
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
    /// Read BIP-329 labels; imported labels win over existing ones.
    ///
    /// A bad line stops the import with its line number and nothing changes, unless
    /// --partial (then the good lines are imported and the bad ones reported).
    Import {
        /// The BIP-329 file.
        file: PathBuf,
        /// Import the good lines even when some are bad.
        #[arg(long)]
        partial: bool,
    },
}

/// One BIP-329 record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Record {
    /// `tx`, `addr`, `pubkey`, `input`, `output` or `xpub`.
    #[serde(rename = "type")]
    pub kind: String,
    /// The transaction id, address, key, outpoint or xpub.
    #[serde(rename = "ref")]
    pub reference: String,
    /// The label.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// The key origin of the wallet it belongs to, e.g. `wpkh([d34db33f/84'/0'/0'])`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub origin: Option<String>,
    /// For outputs: whether it may be spent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub spendable: Option<bool>,
}

/// What `labels export` wrote.
#[derive(Debug, Serialize)]
pub struct LabelsExported {
    /// Records written.
    pub records: usize,
    /// The file, when --out was given.
    pub file: Option<String>,
    /// The JSON Lines, when no file was given.
    pub content: Option<String>,
}

impl Report for LabelsExported {
    fn human(&self, out: &mut Human) {
        match (&self.file, &self.content) {
            (Some(f), _) => out.line(format!("{} labels written to {f}", self.records)),
            (None, Some(c)) => out.raw(c),
            (None, None) => {}
        }
    }
}

/// A line `labels import` did not import, and why.
#[derive(Debug, Serialize)]
pub struct Ignored {
    /// 1-based line number.
    pub line: usize,
    /// Why.
    pub reason: String,
}

/// What `labels import` did.
#[derive(Debug, Default, Serialize)]
pub struct LabelsImported {
    /// Labels set where there was none.
    pub added: usize,
    /// Labels replaced by a different one.
    pub updated: usize,
    /// Labels already equal.
    pub unchanged: usize,
    /// Lines not imported, with reasons.
    pub ignored: Vec<Ignored>,
}

impl Report for LabelsImported {
    fn human(&self, out: &mut Human) {
        out.kv("Added", self.added.to_string());
        out.kv("Updated", self.updated.to_string());
        out.kv("Unchanged", self.unchanged.to_string());
        out.kv("Ignored", self.ignored.len().to_string());
        for i in &self.ignored {
            out.line(format!("  line {}: {}", i.line, i.reason));
        }
    }
}

/// The key origin of an account, BIP-329 style: `wpkh([fp/84'/0'/0'])`.
fn origin(account: &wallets::AccountRow) -> Option<String> {
    let d = account.external_descriptor.as_deref()?;
    let open = d.find('[')?;
    let close = d[open..].find(']')? + open;
    let wrapper = &d[..open];
    let closing = ")".repeat(wrapper.matches('(').count());
    Some(format!("{wrapper}{}{closing}", &d[open..=close]))
}

/// The records of the vault (or of one wallet).
fn records(conn: &Connection, wallet: Option<&str>) -> Result<Vec<Record>> {
    let list = match wallet {
        Some(n) => vec![wallets::get(conn, n)?],
        None => wallets::list(conn)?,
    };
    let mut out = vec![];
    for w in &list {
        for a in &w.accounts {
            let o = if a.chain == "btc" { origin(a) } else { None };
            if let Some(x) = &a.xpub {
                out.push(Record {
                    kind: "xpub".into(),
                    reference: x.clone(),
                    label: Some(w.name.clone()),
                    origin: o.clone(),
                    spendable: None,
                });
            }
            let mut stmt = conn
                .prepare_cached(
                    "SELECT txid, label FROM transactions
                     WHERE account_id = ?1 AND label IS NOT NULL ORDER BY id",
                )
                .context("reading labels")?;
            let rows = stmt
                .query_map([a.id], |r| {
                    Ok((r.get::<_, Vec<u8>>(0)?, r.get::<_, String>(1)?))
                })
                .context("reading labels")?;
            for row in rows {
                let (txid, label) = row.context("reading labels")?;
                let reference = if a.chain == "eth" {
                    format!("0x{}", hex::encode(txid))
                } else {
                    hex::encode(txid)
                };
                out.push(Record {
                    kind: "tx".into(),
                    reference,
                    label: Some(label),
                    origin: o.clone(),
                    spendable: None,
                });
            }
            let mut stmt = conn
                .prepare_cached(
                    "SELECT address, label FROM addresses
                     WHERE account_id = ?1 AND label IS NOT NULL ORDER BY change, idx",
                )
                .context("reading labels")?;
            let rows = stmt
                .query_map([a.id], |r| {
                    Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
                })
                .context("reading labels")?;
            for row in rows {
                let (address, label) = row.context("reading labels")?;
                out.push(Record {
                    kind: "addr".into(),
                    reference: address,
                    label: Some(label),
                    origin: o.clone(),
                    spendable: None,
                });
            }
        }
    }
    Ok(out)
}

/// Runs `coffer labels export`.
pub fn export(ctx: &Ctx, wallet: Option<&str>, out: Option<&PathBuf>) -> Result<LabelsExported> {
    let conn = ctx.unlock()?.vault.read()?;
    let recs = records(&conn, wallet)?;
    let mut text = String::new();
    for r in &recs {
        text.push_str(&serde_json::to_string(r).map_err(anyhow::Error::from)?);
        text.push('\n');
    }
    if let Some(p) = out {
        crate::vault::fsio::write_private(p, text.as_bytes())
            .map_err(|e| Error::invalid("out", format!("cannot write {}: {e:#}", p.display())))?;
    }
    Ok(LabelsExported {
        records: recs.len(),
        file: out.map(|p| p.display().to_string()),
        content: out.is_none().then_some(text),
    })
}

/// Where a label goes: (table, row id, current label).
fn target(conn: &Connection, r: &Record) -> Result<Option<(&'static str, i64, Option<String>)>> {
    let found = match r.kind.as_str() {
        "tx" => {
            let key = r.reference.trim().trim_start_matches("0x").to_lowercase();
            conn.query_row(
                "SELECT id, label FROM transactions WHERE lower(hex(txid)) = ?1",
                [key],
                |row| Ok(("transactions", row.get(0)?, row.get(1)?)),
            )
            .optional()
        }
        "addr" => conn
            .query_row(
                &format!(
                    "SELECT id, label FROM addresses WHERE {}",
                    wallets::ADDRESS_IS
                ),
                [r.reference.trim()],
                |row| Ok(("addresses", row.get(0)?, row.get(1)?)),
            )
            .optional(),
        _ => Ok(None),
    };
    Ok(found.context("looking up a label's reference")?)
}

/// Runs `coffer labels import`.
pub fn import(ctx: &Ctx, file: &PathBuf, partial: bool) -> Result<LabelsImported> {
    let text = std::fs::read_to_string(file)
        .map_err(|e| Error::invalid("file", format!("cannot read {}: {e}", file.display())))?;
    let mut parsed = vec![];
    let mut bad = vec![];
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        match serde_json::from_str::<Record>(line) {
            Ok(r)
                if ["tx", "addr", "pubkey", "input", "output", "xpub"]
                    .contains(&r.kind.as_str()) =>
            {
                parsed.push((i + 1, r))
            }
            Ok(r) => bad.push(Ignored {
                line: i + 1,
                reason: format!("'{}' is not a BIP-329 record type", r.kind),
            }),
            Err(e) => bad.push(Ignored {
                line: i + 1,
                reason: format!("not a BIP-329 record: {e}"),
            }),
        }
    }
    if !bad.is_empty() && !partial {
        let first = &bad[0];
        return Err(Error::invalid(
            "file",
            format!(
                "line {}: {} ({} bad line(s); nothing was imported; --partial imports the good ones)",
                first.line,
                first.reason,
                bad.len()
            ),
        ));
    }
    let unlocked = ctx.unlock()?;
    let mut report = unlocked.vault.write_light(|conn| {
        let mut rep = LabelsImported::default();
        for (line, r) in &parsed {
            let ignore = |reason: &str| Ignored {
                line: *line,
                reason: reason.to_string(),
            };
            match r.kind.as_str() {
                "xpub" => {
                    rep.ignored.push(ignore(
                        "xpub labels name wallets: rename with `coffer wallet rename`",
                    ));
                    continue;
                }
                "pubkey" | "input" | "output" => {
                    rep.ignored
                        .push(ignore(&format!("{} labels are not kept by coffer", r.kind)));
                    continue;
                }
                _ => {}
            }
            let Some((table, id, current)) = target(conn, r)? else {
                rep.ignored.push(ignore(&format!(
                    "{} {} is not in this vault",
                    r.kind, r.reference
                )));
                continue;
            };
            let new = r.label.as_deref().map(str::trim).filter(|l| !l.is_empty());
            if current.as_deref() == new {
                rep.unchanged += 1;
                continue;
            }
            conn.execute(
                &format!("UPDATE {table} SET label = ?2 WHERE id = ?1"),
                params![id, new],
            )
            .context("importing label")?;
            if current.is_none() {
                rep.added += 1;
            } else {
                rep.updated += 1;
            }
        }
        Ok(rep)
    })?;
    report.ignored.extend(bad);
    report.ignored.sort_by_key(|i| i.line);
    Ok(report)
}
