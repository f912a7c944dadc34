//! BIP-329 labels (JSON Lines), the interchange format of Sparrow and other wallets:
//! the records of the vault (transaction and address labels, account xpubs named by
//! their wallet, `output` records saying whether a coin may be spent), each naming its
//! wallet by its `origin` (the descriptor with every key reduced to its key origin);
//! and the import, which applies a record only to the wallet its origin names. The
//! labels' SQL is in the vault's labels repository.

use crate::clock;
use crate::error::{Error, Result};
use crate::text::sanitize;
use crate::vault::audit::{self, Event, Severity};
use crate::vault::engine::BtcWallet;
use crate::vault::labels::{self, Labelled, Target};
use crate::vault::{Vault, txs, wallets};
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};

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
    /// Records that changed something: `added + updated + frozen + unfrozen`.
    pub applied: usize,
    /// Labels set where there was none.
    pub added: usize,
    /// Labels replaced by a different one.
    pub updated: usize,
    /// Coins frozen (`output` records with `spendable: false`).
    pub frozen: usize,
    /// Coins unfrozen (`output` records with `spendable: true`).
    pub unfrozen: usize,
    /// Records that would change nothing (the same label, no label, the same state).
    pub unchanged: usize,
    /// Records of a type BIP-329 does not define, skipped.
    pub skipped_unknown_type: usize,
    /// Records whose `origin` is another wallet's than the one holding their reference,
    /// not applied.
    pub skipped_other_origin: usize,
    /// Lines not applied (every skipped or bad line included), with reasons.
    pub ignored: Vec<Ignored>,
}

/// The BIP-329 origin of an account: its receive descriptor with every key reduced to
/// its origin, `wpkh([fp/84'/0'/0'])` or
/// `wsh(sortedmulti(2,[fp1/48'/0'/0'/2'],[fp2/48'/0'/0'/2']))`; none when a key has no
/// origin.
fn origin(account: &wallets::AccountRow) -> Option<String> {
    let d = account.external_descriptor.as_deref()?;
    let d = d.split('#').next()?.trim();
    let mut out = String::new();
    let mut token = String::new();
    for c in d.chars() {
        if !matches!(c, '(' | ')' | ',' | '{' | '}') {
            token.push(c);
            continue;
        }
        if c == '(' {
            // A function name: wpkh, wsh, sortedmulti, …
            out.push_str(&token);
        } else if !token.is_empty() {
            out.push_str(&key_origin(&token)?);
        }
        token.clear();
        out.push(c);
    }
    if !token.is_empty() {
        out.push_str(&key_origin(&token)?);
    }
    Some(out)
}

/// An argument of a descriptor function as an origin shows it: a number (a threshold)
/// as is, a key as its `[fingerprint/path]` alone.
fn key_origin(arg: &str) -> Option<String> {
    let arg = arg.trim();
    if !arg.is_empty() && arg.bytes().all(|b| b.is_ascii_digit()) {
        return Some(arg.to_string());
    }
    let close = arg.strip_prefix('[')?.find(']')? + 1;
    Some(arg[..=close].to_string())
}

/// An origin in one spelling, to compare: no whitespace, no checksum, keys reduced to
/// their origins (a full descriptor names the same wallet as its origin), `'` for a
/// hardened step written `h`, lower case.
fn normalize_origin(s: &str) -> String {
    let s: String = s
        .split('#')
        .next()
        .unwrap_or_default()
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    let mut reduced = String::new();
    let mut token = String::new();
    for c in s.chars() {
        if !matches!(c, '(' | ')' | ',' | '{' | '}') {
            token.push(c);
            continue;
        }
        reduced.push_str(if c == '(' { &token } else { reduce_key(&token) });
        token.clear();
        reduced.push(c);
    }
    reduced.push_str(reduce_key(&token));
    let mut out = String::new();
    let mut prev_digit = false;
    for c in reduced.chars() {
        if c.is_whitespace() {
            continue;
        }
        out.push(if prev_digit && matches!(c, 'h' | 'H') {
            '\''
        } else {
            c.to_ascii_lowercase()
        });
        prev_digit = c.is_ascii_digit();
    }
    out
}

/// A key with an origin as its origin alone; anything else as it is.
fn reduce_key(arg: &str) -> &str {
    match (arg.starts_with('['), arg.find(']')) {
        (true, Some(close)) => &arg[..=close],
        _ => arg,
    }
}

/// The origins of the vault's accounts, normalized, by account id.
fn origins(conn: &Connection) -> Result<HashMap<i64, Option<String>>> {
    let mut map = HashMap::new();
    for w in wallets::list(conn)? {
        for a in &w.accounts {
            let o = if a.chain == crate::chain::Chain::Btc {
                origin(a)
            } else {
                None
            };
            map.insert(a.id, o.as_deref().map(normalize_origin));
        }
    }
    Ok(map)
}

/// One unspent coin of the vault: its account, its address, and what freezes it.
struct CoinState {
    account_id: i64,
    address: String,
    coin_frozen: bool,
    address_frozen: bool,
}

/// The unspent coins of the vault's Bitcoin accounts (or of one wallet's), by outpoint.
fn coins(conn: &Connection, list: &[wallets::WalletRow]) -> Result<BTreeMap<String, CoinState>> {
    let mut out = BTreeMap::new();
    for w in list {
        for a in &w.accounts {
            if a.chain != crate::chain::Chain::Btc || a.external_descriptor.is_none() {
                continue;
            }
            let frozen = txs::frozen(conn, a.id)?;
            let bw = BtcWallet::open(conn, a)?;
            for u in bw.inner.list_unspent() {
                let address = bw
                    .inner
                    .peek_address(u.keychain, u.derivation_index)
                    .address
                    .to_string();
                let op = u.outpoint.to_string();
                out.insert(
                    op.clone(),
                    CoinState {
                        account_id: a.id,
                        coin_frozen: frozen.contains(&op),
                        address_frozen: frozen.contains(&address),
                        address,
                    },
                );
            }
        }
    }
    Ok(out)
}

/// The records of the vault (or of one wallet).
fn records(conn: &Connection, wallet: Option<&str>) -> Result<Vec<Record>> {
    let list = match wallet {
        Some(n) => vec![wallets::get(conn, n)?],
        None => wallets::list(conn)?,
    };
    let coins = coins(conn, &list)?;
    let mut out = vec![];
    for w in &list {
        for a in &w.accounts {
            let o = if a.chain == crate::chain::Chain::Btc {
                origin(a)
            } else {
                None
            };
            if let Some(x) = &a.xpub {
                out.push(Record {
                    kind: "xpub".into(),
                    reference: x.clone(),
                    label: Some(w.name.clone()),
                    origin: o.clone(),
                    spendable: None,
                });
            }
            for (txid, label) in labels::tx_labels(conn, a.id)? {
                let reference = if a.chain == crate::chain::Chain::Eth {
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
            for (address, label) in labels::address_labels(conn, a.id)? {
                out.push(Record {
                    kind: "addr".into(),
                    reference: address,
                    label: Some(label),
                    origin: o.clone(),
                    spendable: None,
                });
            }
            // Every unspent coin, with whether coin selection may spend it.
            for (op, c) in coins.iter().filter(|(_, c)| c.account_id == a.id) {
                out.push(Record {
                    kind: "output".into(),
                    reference: op.clone(),
                    label: None,
                    origin: o.clone(),
                    spendable: Some(!(c.coin_frozen || c.address_frozen)),
                });
            }
        }
    }
    Ok(out)
}

/// The records of the vault (or of one wallet) as JSON Lines: how many, and the text.
pub fn export(conn: &Connection, wallet: Option<&str>) -> Result<(usize, String)> {
    let recs = records(conn, wallet)?;
    let mut text = String::new();
    for r in &recs {
        text.push_str(&serde_json::to_string(r).map_err(anyhow::Error::from)?);
        text.push('\n');
    }
    Ok((recs.len(), text))
}

/// Where a `tx` or `addr` label goes: every row of the vault holding the reference.
fn targets(conn: &Connection, r: &Record) -> Result<Vec<Target>> {
    let kind = match r.kind.as_str() {
        "tx" => Labelled::Tx,
        "addr" => Labelled::Addr,
        _ => return Ok(vec![]),
    };
    labels::targets(conn, kind, &r.reference)
}

/// What is wrong with a line that is not a BIP-329 record, in the user's terms (never
/// the JSON parser's own message).
fn record_problem(line: &str) -> String {
    use serde_json::Value;
    let example = r#"each line is one JSON object like {"type":"tx","ref":"TXID","label":"rent"}"#;
    let v: Value = match serde_json::from_str(line) {
        Ok(v) => v,
        Err(e) if e.is_eof() => {
            return format!(
                "the JSON object is cut off (a closing brace or quote is missing); {example}"
            );
        }
        Err(e) => {
            return format!("not valid JSON (at character {}); {example}", e.column());
        }
    };
    let Some(obj) = v.as_object() else {
        return format!("not a JSON object; {example}");
    };
    for (field, what) in [("type", "a string"), ("ref", "a string")] {
        match obj.get(field) {
            None => return format!("the \"{field}\" field is missing; {example}"),
            Some(Value::String(_)) => {}
            Some(_) => return format!("\"{field}\" must be {what}"),
        }
    }
    for (field, ok) in [
        (
            "label",
            obj.get("label")
                .is_none_or(|v| v.is_string() || v.is_null()),
        ),
        (
            "origin",
            obj.get("origin")
                .is_none_or(|v| v.is_string() || v.is_null()),
        ),
    ] {
        if !ok {
            return format!("\"{field}\" must be a string");
        }
    }
    if !obj
        .get("spendable")
        .is_none_or(|v| v.is_boolean() || v.is_null())
    {
        return "\"spendable\" must be true or false".into();
    }
    format!("not a BIP-329 record; {example}")
}

/// The record types BIP-329 defines.
const TYPES: [&str; 6] = ["tx", "addr", "pubkey", "input", "output", "xpub"];

/// The lines of a BIP-329 file: the records to apply (with their line numbers), those
/// of types BIP-329 does not define (skipped) and the lines that are not records.
#[derive(Debug, Default)]
pub struct Parsed {
    records: Vec<(usize, Record)>,
    unknown: Vec<Ignored>,
    bad: Vec<Ignored>,
}

impl Parsed {
    /// Reads the lines of `text` (blank lines are skipped). With bad lines and not
    /// `partial`, an `invalid_input` error naming the first.
    pub fn read(text: &str, partial: bool) -> Result<Parsed> {
        let mut p = Parsed::default();
        for (i, line) in text.lines().enumerate() {
            if line.trim().is_empty() {
                continue;
            }
            match serde_json::from_str::<Record>(line) {
                Ok(r) if TYPES.contains(&r.kind.as_str()) => p.records.push((i + 1, r)),
                // BIP-329: a record of a type the importer does not know is skipped.
                Ok(r) => p.unknown.push(Ignored {
                    line: i + 1,
                    reason: format!(
                        "type '{}' is not one BIP-329 defines: skipped",
                        sanitize(&r.kind)
                    ),
                }),
                Err(_) => p.bad.push(Ignored {
                    line: i + 1,
                    reason: record_problem(line),
                }),
            }
        }
        if let Some(first) = p.bad.first().filter(|_| !partial) {
            return Err(Error::invalid(
                "file",
                format!(
                    "line {}: {} ({} bad line(s); nothing was imported; --partial imports the good ones)",
                    first.line,
                    first.reason,
                    p.bad.len()
                ),
            ));
        }
        Ok(p)
    }
}

/// Imports the records of `parsed` in one write (imported labels win over existing
/// ones; `output` records freeze or unfreeze coins, audited as `utxo_freeze` and
/// `utxo_unfreeze`), and says what it did with each line.
pub fn import(vault: &Vault, parsed: Parsed) -> Result<LabelsImported> {
    // One decryption of each file: the coins (from the wallet engine) are read in the
    // write's transaction, which changes only labels and frozen rows.
    let mut report = vault.write(|conn| {
        let coin_states = coins(conn, &wallets::list(conn)?)?;
        let origins = origins(conn)?;
        let mut rep = LabelsImported::default();
        let mut froze = vec![];
        let mut thawed = vec![];
        for (line, r) in &parsed.records {
            let ignore = |reason: String| Ignored {
                line: *line,
                reason,
            };
            // Whether the record's origin (if any) is that of `account_id`'s wallet.
            let wanted = r.origin.as_deref().map(normalize_origin);
            let ours = |account_id: i64| match &wanted {
                None => true,
                Some(w) => origins
                    .get(&account_id)
                    .is_some_and(|o| o.as_deref() == Some(w.as_str())),
            };
            let other_origin = |rep: &mut LabelsImported| {
                rep.skipped_other_origin += 1;
                rep.ignored.push(ignore(format!(
                    "{} {}: its origin {} is not the origin of the wallet holding it here: skipped",
                    r.kind,
                    sanitize(&r.reference),
                    sanitize(r.origin.as_deref().unwrap_or_default())
                )));
            };
            match r.kind.as_str() {
                "xpub" => {
                    rep.ignored.push(ignore(
                        "xpub labels name wallets: rename with `coffer wallet rename`".into(),
                    ));
                    continue;
                }
                "pubkey" | "input" => {
                    rep.ignored
                        .push(ignore(format!("{} labels are not kept by coffer", r.kind)));
                    continue;
                }
                "output" => {
                    let op = r.reference.trim();
                    let Some(c) = coin_states.get(op) else {
                        rep.ignored.push(ignore(format!(
                            "output {} is not an unspent coin of this vault",
                            sanitize(op)
                        )));
                        continue;
                    };
                    if !ours(c.account_id) {
                        other_origin(&mut rep);
                        continue;
                    }
                    match r.spendable {
                        None if r.label.is_some() => rep.ignored.push(ignore(
                            "output labels are not kept by coffer (label the address)".into(),
                        )),
                        None => rep.unchanged += 1,
                        Some(false) if c.coin_frozen || c.address_frozen => rep.unchanged += 1,
                        Some(false) => {
                            txs::set_frozen(conn, c.account_id, op, true, clock::now())?;
                            froze.push(op.to_string());
                            rep.frozen += 1;
                        }
                        Some(true) if c.coin_frozen => {
                            txs::set_frozen(conn, c.account_id, op, false, clock::now())?;
                            thawed.push(op.to_string());
                            rep.unfrozen += 1;
                        }
                        Some(true) if c.address_frozen => rep.ignored.push(ignore(format!(
                            "output {op} is frozen by its address {}: `coffer utxo unfreeze {}` spends every coin of it",
                            c.address, c.address
                        ))),
                        Some(true) => rep.unchanged += 1,
                    }
                    continue;
                }
                _ => {}
            }
            let found = targets(conn, r)?;
            if found.is_empty() {
                rep.ignored.push(ignore(format!(
                    "{} {} is not in this vault",
                    r.kind,
                    sanitize(&r.reference)
                )));
                continue;
            }
            let mine: Vec<&Target> = found.iter().filter(|t| ours(t.account_id)).collect();
            if mine.is_empty() {
                other_origin(&mut rep);
                continue;
            }
            // BIP-329: the label is optional; a record without one leaves ours alone.
            let Some(label) = r.label.as_deref() else {
                rep.unchanged += 1;
                continue;
            };
            let new = Some(label.trim()).filter(|l| !l.is_empty());
            let changed: Vec<&&Target> = mine
                .iter()
                .filter(|t| t.current.as_deref() != new)
                .collect();
            if changed.is_empty() {
                rep.unchanged += 1;
                continue;
            }
            for t in &changed {
                labels::set_label(conn, t, new)?;
            }
            if changed.iter().all(|t| t.current.is_none()) {
                rep.added += 1;
            } else {
                rep.updated += 1;
            }
        }
        for (event, targets) in [("utxo_freeze", &froze), ("utxo_unfreeze", &thawed)] {
            if !targets.is_empty() {
                let details = serde_json::json!({ "targets": targets, "via": "labels import" });
                audit::record(conn, &Event::new(event, Severity::Low, true, details))?;
            }
        }
        rep.applied = rep.added + rep.updated + rep.frozen + rep.unfrozen;
        Ok(rep)
    })?;
    report.skipped_unknown_type = parsed.unknown.len();
    report.ignored.extend(parsed.unknown);
    report.ignored.extend(parsed.bad);
    report.ignored.sort_by_key(|i| i.line);
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn account(descriptor: &str) -> wallets::AccountRow {
        wallets::AccountRow {
            id: 1,
            chain: crate::chain::Chain::Btc,
            network: Some(crate::chain::Network::Bitcoin),
            script_type: None,
            account_index: 0,
            fingerprint: None,
            path: None,
            xpub: None,
            external_descriptor: Some(descriptor.into()),
            internal_descriptor: None,
            address: None,
        }
    }

    #[test]
    fn origins_keep_every_key_origin_and_no_key() {
        let single = account(
            "wpkh([d34db33f/84'/0'/0']xpub6CUGRUonZSQ4TWtTMmzXdrXDtypWKiKrhko4egpiMZbpiaQL2jkwSB1icqYh2cfDfVxdx4df189oLKnC5fSwqPfgyP3hooxujYzAu3fDVmz/0/*)#abcdefgh",
        );
        assert_eq!(origin(&single).unwrap(), "wpkh([d34db33f/84'/0'/0'])");
        let multi = account(
            "wsh(sortedmulti(2,[aaaaaaaa/48'/0'/0'/2']xpubA/0/*,[bbbbbbbb/48'/0'/0'/2']xpubB/0/*,[cccccccc/48'/0'/0'/2']xpubC/0/*))#qwertyui",
        );
        assert_eq!(
            origin(&multi).unwrap(),
            "wsh(sortedmulti(2,[aaaaaaaa/48'/0'/0'/2'],[bbbbbbbb/48'/0'/0'/2'],[cccccccc/48'/0'/0'/2']))"
        );
        // A key without an origin: no origin at all (never a key in its place).
        assert_eq!(origin(&account("wpkh(xpubA/0/*)")), None);
        assert_eq!(
            normalize_origin(" wpkh([D34DB33F/84h/0h/0h])#xyz "),
            normalize_origin("wpkh([d34db33f/84'/0'/0'])")
        );
        assert_eq!(
            normalize_origin(
                "wpkh([d34db33f/84'/0'/0']xpub6CUGRUonZSQ4TWtTMmzXdrXDtypWKiKrhko4egpiMZbpiaQL2jkwSB1icqYh2cfDfVxdx4df189oLKnC5fSwqPfgyP3hooxujYzAu3fDVmz/0/*)#abcdefgh"
            ),
            normalize_origin("wpkh([d34db33f/84'/0'/0'])")
        );
        assert_eq!(
            normalize_origin(
                "wsh(sortedmulti(2,[aaaaaaaa/48h/0h/0h/2h]xpubA/<0;1>/*, [bbbbbbbb/48'/0'/0'/2']))"
            ),
            normalize_origin("wsh(sortedmulti(2,[aaaaaaaa/48'/0'/0'/2'],[bbbbbbbb/48'/0'/0'/2']))")
        );
        assert_ne!(
            normalize_origin("wpkh([d34db33f/84'/0'/1'])"),
            normalize_origin("wpkh([d34db33f/84'/0'/0'])")
        );
    }

    #[test]
    fn a_file_is_read_into_records_unknown_types_and_bad_lines() {
        let text = concat!(
            "{\"type\":\"tx\",\"ref\":\"ab\",\"label\":\"rent\"}\n",
            "\n",
            "{\"type\":\"future\",\"ref\":\"x\"}\n",
            "{\"type\":\"addr\"\n",
            "[1]\n",
        );
        let e = Parsed::read(text, false).unwrap_err();
        assert!(
            e.to_string().contains("line 4: the JSON object is cut off"),
            "{e}"
        );
        let p = Parsed::read(text, true).unwrap();
        assert_eq!(p.records.len(), 1);
        assert_eq!(p.records[0].0, 1);
        assert_eq!(p.unknown.len(), 1);
        assert_eq!(p.unknown[0].line, 3);
        let bad: Vec<usize> = p.bad.iter().map(|b| b.line).collect();
        assert_eq!(bad, vec![4, 5]);
        assert!(p.bad[1].reason.starts_with("not a JSON object"));
    }

    #[test]
    fn record_problems_name_the_field() {
        assert!(record_problem(r#"{"ref":"x"}"#).starts_with("the \"type\" field is missing"));
        assert_eq!(
            record_problem(r#"{"type":1,"ref":"x"}"#),
            "\"type\" must be a string"
        );
        assert_eq!(
            record_problem(r#"{"type":"tx","ref":"x","label":5}"#),
            "\"label\" must be a string"
        );
        assert_eq!(
            record_problem(r#"{"type":"tx","ref":"x","spendable":"no"}"#),
            "\"spendable\" must be true or false"
        );
        assert!(record_problem("{oops").starts_with("not valid JSON (at character 2)"));
    }
}
