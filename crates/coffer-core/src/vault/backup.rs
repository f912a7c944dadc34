//! Backups: the snapshot of a vault (all of it, or the parts a partial backup holds),
//! age-encrypted to a passphrase or to recipients, recorded in the vault; and the
//! automatic backup a write makes when one is due.
//!
//! The age payload is `coffer-backup 1\n`, one line of JSON header (format, coffer
//! version, kind, created time, user, schema version, counts, SHA-256 of the snapshot),
//! `\n`, then the SQLite snapshot. Outside, the file is only an age file.
//!
//! This is the vault's own writing of itself to a backup file (as `store` writes
//! `vault.age`), so that a write can make the automatic backup without the vault layer
//! calling up into a service. Verification (decryption in memory, the checks) is in
//! [`crate::backup::verify`]; restoring (a new user from a full backup, a merge into a
//! vault, a wallet from its phrase) in [`crate::backup::restore`]; `crate::backup`
//! re-exports this module.

use crate::clock;
use crate::error::{Error, Result};
use crate::vault::audit::{self, Event, Severity};
use crate::vault::{fsio, schema, store};
use anyhow::Context as _;
use rusqlite::{Connection, MAIN_DB};
use serde::{Deserialize, Serialize};
use sha2::Digest as _;
use std::io::Write as _;
use std::path::{Path, PathBuf};

pub const MAGIC: &[u8] = b"coffer-backup 1\n";

/// The authenticated header inside a backup.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Header {
    /// Always `coffer-backup`.
    pub format: String,
    /// Format version: 2 (1 had no separate engine section).
    pub version: u32,
    /// The coffer that wrote it.
    pub coffer_version: String,
    /// `full`.
    pub kind: String,
    /// When (RFC 3339).
    pub created_at: String,
    /// The user whose vault it is.
    pub user: String,
    /// The vault's schema version.
    pub schema_version: i64,
    /// What it holds.
    pub counts: Counts,
    /// SHA-256 of the snapshot of the vault database (hex).
    pub sha256: String,
    /// Size of the wallet-engine database that follows the vault's in a full backup.
    #[serde(default)]
    pub engine_size: Option<u64>,
    /// Its SHA-256 (hex).
    #[serde(default)]
    pub engine_sha256: Option<String>,
    /// The note given.
    #[serde(default)]
    pub note: Option<String>,
    /// The parts of a partial backup.
    #[serde(default)]
    pub parts: Vec<String>,
    /// Whether it holds key material (mnemonics, the PIN hash): never for partial ones.
    #[serde(default = "yes")]
    pub key_material: bool,
}

pub fn yes() -> bool {
    true
}

/// What a partial backup keeps of a table: an allow-list. A table not listed here (a
/// secret table added later included) is emptied, so a new table never reaches a partial
/// backup unless someone decides it should.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Keep {
    /// Always: what the parts hang on (wallets and their public accounts) and the
    /// vault's own metadata.
    Always,
    /// When the backup names this part.
    Part(&'static str),
}

/// The tables a partial backup may hold (every other table is emptied).
const PARTIAL_TABLES: &[(&str, Keep)] = &[
    ("meta", Keep::Always),
    ("wallets", Keep::Always),
    ("accounts", Keep::Always),
    ("addresses", Keep::Part("addresses")),
    // Derived from the table above it by triggers: kept (or emptied) with it.
    ("address_counts", Keep::Part("addresses")),
    ("transactions", Keep::Part("transactions")),
    ("tx_counts", Keep::Part("transactions")),
    ("settings", Keep::Part("settings")),
    ("rates", Keep::Part("settings")),
    ("backends", Keep::Part("settings")),
    ("tokens", Keep::Part("settings")),
];

/// Rows of kept tables that still go: the engine's generation (the engine is never part
/// of a partial backup) and the session's id.
const PARTIAL_META_DROPPED: &[&str] = &["engine_generation", "session_id"];

/// Reduces a copy of the vault to the `parts` of a partial backup: the tables of
/// [`PARTIAL_TABLES`] whose part is named, every other table emptied (no mnemonic, no PIN
/// hash, no 2FA secret, no audit trail, no held payment, no sync or engine state), labels
/// cleared unless named; then VACUUM, so nothing deleted lingers in free pages.
pub fn reduce_to(conn: &Connection, parts: &[String]) -> Result<()> {
    let has = |p: &str| parts.iter().any(|x| x == p);
    let tables: Vec<String> = {
        let mut stmt = conn
            .prepare(
                "SELECT name FROM main.sqlite_master
                 WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
            )
            .context("listing the snapshot's tables")?;
        stmt.query_map([], |r| r.get(0))
            .context("listing the snapshot's tables")?
            .collect::<rusqlite::Result<_>>()
            .context("listing the snapshot's tables")?
    };
    for table in &tables {
        let keep = PARTIAL_TABLES
            .iter()
            .find(|(name, _)| name == table)
            .is_some_and(|(_, keep)| match keep {
                Keep::Always => true,
                Keep::Part(part) => has(part),
            });
        if !keep {
            // The name comes from sqlite_master; quoted all the same.
            let sql = format!("DELETE FROM main.\"{}\"", table.replace('"', "\"\""));
            conn.execute(&sql, [])
                .with_context(|| format!("reducing the snapshot: {sql}"))?;
        }
    }
    for key in PARTIAL_META_DROPPED {
        conn.execute("DELETE FROM meta WHERE key = ?1", [key])
            .context("reducing the snapshot's metadata")?;
    }
    if !has("labels") {
        for sql in [
            "UPDATE addresses SET label = NULL",
            "UPDATE transactions SET label = NULL",
        ] {
            conn.execute(sql, [])
                .with_context(|| format!("reducing the snapshot: {sql}"))?;
        }
    }
    conn.execute_batch("VACUUM")
        .context("compacting the snapshot")?;
    Ok(())
}

/// Row counts of a snapshot.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Counts {
    /// Wallets.
    pub wallets: i64,
    /// Addresses.
    pub addresses: i64,
    /// Transactions in history.
    pub transactions: i64,
    /// Labelled transactions and addresses.
    pub labels: i64,
}

pub fn counts(conn: &Connection) -> Result<Counts> {
    let n = |sql: &str| -> Result<i64> {
        Ok(conn.query_row(sql, [], |r| r.get(0)).context("counting")?)
    };
    Ok(Counts {
        wallets: n("SELECT count(*) FROM wallets")?,
        addresses: n("SELECT count(*) FROM addresses")?,
        transactions: n("SELECT count(*) FROM transactions")?,
        labels: n(
            "SELECT (SELECT count(*) FROM transactions WHERE label IS NOT NULL)
                  + (SELECT count(*) FROM addresses WHERE label IS NOT NULL)",
        )?,
    })
}

/// Whether the directory `dir` lies under the directory `home`, links resolved (a
/// directory not made yet is judged by its path).
pub fn dir_inside(dir: &Path, home: &Path) -> bool {
    let real = |p: &Path| std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf());
    real(dir).starts_with(real(home))
}

/// The coffer home of a user's files (`HOME/users/NAME`).
pub fn home_of(paths: &crate::vault::profile::UserPaths) -> PathBuf {
    paths
        .dir
        .parent()
        .and_then(Path::parent)
        .map(Path::to_path_buf)
        .unwrap_or_else(|| paths.dir.clone())
}

/// The default backup directory (`users/NAME/backups`), created 0700, without the temp
/// files of backups that were interrupted.
pub fn backups_dir(paths: &crate::vault::profile::UserPaths) -> Result<PathBuf> {
    let dir = paths.dir.join("backups");
    fsio::ensure_private_dir(&dir)?;
    fsio::sweep_stale_temps(&dir, |_| true);
    Ok(dir)
}

/// Who can open a backup.
pub enum Protect {
    /// age's scrypt recipient: the passphrase and the work factor.
    Passphrase(secrecy::SecretString, u8),
    /// age X25519 recipients.
    Recipients(Vec<age::x25519::Recipient>),
}

/// The plaintext of a backup of `conn` (with the engine attached for a full one; a
/// partial one was reduced by the caller): magic, header line, vault, engine.
pub fn snapshot(
    conn: &mut Connection,
    user: &str,
    parts: &[String],
    note: Option<String>,
) -> Result<(Header, super::plain::Plain)> {
    let partial = !parts.is_empty();
    let schema_version = schema::version(conn)?;
    let row_counts = counts(conn)?;
    let engine = if partial {
        None
    } else {
        Some(super::plain::Plain::from(
            conn.serialize(store::ENGINE)
                .context("serializing the wallet engine")?
                .to_vec(),
        ))
    };
    let data = conn.serialize(MAIN_DB).context("serializing the vault")?;
    let header = Header {
        format: "coffer-backup".into(),
        version: 2,
        coffer_version: env!("CARGO_PKG_VERSION").into(),
        kind: if partial { "partial" } else { "full" }.into(),
        created_at: clock::rfc3339(clock::now()),
        user: user.to_string(),
        schema_version,
        counts: row_counts,
        sha256: hex::encode(sha2::Sha256::digest(&data[..])),
        engine_size: engine.as_ref().map(|e| e.len() as u64),
        engine_sha256: engine
            .as_ref()
            .map(|e| hex::encode(sha2::Sha256::digest(&e[..]))),
        note,
        parts: parts.to_vec(),
        key_material: !partial,
    };
    let mut plain = super::plain::Plain::with_capacity(
        data.len() + engine.as_ref().map_or(0, |e| e.len()) + 512,
    );
    plain.extend_from_slice(MAGIC);
    plain.extend_from_slice(&serde_json::to_vec(&header).map_err(anyhow::Error::from)?);
    plain.push(b'\n');
    plain.extend_from_slice(&data[..]);
    drop(data);
    if let Some(e) = engine {
        plain.extend_from_slice(&e[..]);
    }
    Ok((header, plain))
}

/// Encrypts a backup's plaintext; the ciphertext and a description of its protection.
pub fn encrypt_backup(plain: &[u8], protect: &Protect) -> Result<(Vec<u8>, String)> {
    Ok(match protect {
        Protect::Passphrase(p, wf) => {
            let mut r = age::scrypt::Recipient::new(p.clone());
            r.set_work_factor(*wf);
            (
                age::encrypt(&r, plain).context("encrypting the backup")?,
                format!("passphrase (scrypt, work factor {wf})"),
            )
        }
        Protect::Recipients(recipients) => {
            let enc = age::Encryptor::with_recipients(
                recipients.iter().map(|r| r as &dyn age::Recipient),
            )
            .map_err(|e| anyhow::anyhow!("encrypting the backup: {e}"))?;
            let mut ct = vec![];
            let mut w = enc.wrap_output(&mut ct).context("encrypting the backup")?;
            w.write_all(plain).context("encrypting the backup")?;
            w.finish().context("encrypting the backup")?;
            (ct, format!("{} age recipient(s)", recipients.len()))
        }
    })
}

/// Records a backup in the vault (for `backup list`) and in the audit log.
pub fn record_backup(
    c: &Connection,
    path: &Path,
    size: u64,
    header: &Header,
    protection: &str,
    automatic: bool,
) -> Result<()> {
    c.execute(
        "INSERT INTO backups (path, created_at, kind, size, sha256, protection)
         VALUES (?1, ?2, ?6, ?3, ?4, ?5)
         ON CONFLICT (path) DO UPDATE SET created_at = excluded.created_at,
             size = excluded.size, sha256 = excluded.sha256, protection = excluded.protection",
        rusqlite::params![
            path.display().to_string(),
            clock::now(),
            size as i64,
            header.sha256,
            protection,
            header.kind
        ],
    )
    .context("recording the backup")?;
    let details = serde_json::json!({
        "file": path.display().to_string(),
        "kind": header.kind,
        "automatic": automatic,
    });
    audit::record(
        c,
        &Event::new("backup_created", Severity::Info, true, details),
    )
}

/// Where the result of `backup verify` of `file` is kept (`FILE.verified`).
pub fn record_path(file: &Path) -> PathBuf {
    fsio::sibling(file, ".verified")
}

/// Automatic backups: made at an unlocked write when the last one is older than
/// `every_secs` (no daemon), the oldest beyond `keep` removed.
#[derive(Debug, Clone)]
pub struct AutoBackup {
    /// Interval.
    pub every_secs: i64,
    /// How many automatic backups to keep.
    pub keep: u32,
    /// Where (default `users/NAME/backups`).
    pub dir: Option<String>,
    /// age recipients (else the passphrase).
    pub recipients: Vec<String>,
    /// The passphrase, kept in the vault (redacted in Debug).
    pub passphrase: Option<secrecy::SecretString>,
    /// When the last one was made.
    pub last_at: Option<i64>,
    /// Why the last attempt failed, if it did.
    pub last_error: Option<String>,
}

/// The automatic-backup settings, if they are on.
pub fn auto_backup_settings(conn: &Connection) -> Result<Option<AutoBackup>> {
    use rusqlite::OptionalExtension as _;
    Ok(conn
        .query_row(
            "SELECT every_secs, keep, dir, recipients, passphrase, last_at, last_error
             FROM auto_backup WHERE id = 1",
            [],
            |r| {
                Ok(AutoBackup {
                    every_secs: r.get(0)?,
                    keep: r.get(1)?,
                    dir: r.get(2)?,
                    recipients: r
                        .get::<_, String>(3)?
                        .split_whitespace()
                        .map(str::to_string)
                        .collect(),
                    passphrase: r
                        .get::<_, Option<String>>(4)?
                        .map(secrecy::SecretString::from),
                    last_at: r.get(5)?,
                    last_error: r.get(6)?,
                })
            },
        )
        .optional()
        .context("reading the automatic backup settings")?)
}

/// Turns automatic backups on with `a` (replacing earlier settings), or off.
pub fn set_auto_backup(conn: &Connection, a: Option<&AutoBackup>) -> Result<()> {
    use secrecy::ExposeSecret as _;
    conn.execute("DELETE FROM auto_backup", [])
        .context("storing the automatic backup settings")?;
    if let Some(a) = a {
        conn.execute(
            "INSERT INTO auto_backup (id, every_secs, keep, dir, recipients, passphrase)
             VALUES (1, ?1, ?2, ?3, ?4, ?5)",
            rusqlite::params![
                a.every_secs,
                a.keep,
                a.dir,
                a.recipients.join(" "),
                a.passphrase.as_ref().map(|p| p.expose_secret().to_string())
            ],
        )
        .context("storing the automatic backup settings")?;
    }
    Ok(())
}

/// The automatic backups of `user` in `dir`, oldest first.
pub fn automatic_backups(dir: &Path, user: &str) -> Vec<PathBuf> {
    let prefix = format!("coffer-{user}-auto-");
    let mut found: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| {
                    p.file_name()
                        .and_then(|n| n.to_str())
                        .is_some_and(|n| n.starts_with(&prefix) && n.ends_with(".age"))
                })
                .collect()
        })
        .unwrap_or_default();
    found.sort();
    found
}

/// Makes an automatic backup of `conn` (the state a write is about to save) when one is
/// due, then removes the oldest beyond `keep`. Called by every unlocked write; a failure
/// is reported on stderr and in the audit log and never fails the write.
pub fn auto_backup_if_due(
    conn: &mut Connection,
    paths: &crate::vault::profile::UserPaths,
    user: &str,
    test_kdf: bool,
    attach_engine: impl FnOnce(&mut Connection) -> Result<()>,
) {
    let Ok(Some(a)) = auto_backup_settings(conn) else {
        return;
    };
    let now = clock::now();
    if a.last_at.is_some_and(|t| now - t < a.every_secs) {
        return;
    }
    let made = (|| -> Result<(PathBuf, u64, Header, String, Vec<PathBuf>)> {
        attach_engine(conn)?;
        let (header, plain) = snapshot(conn, user, &[], Some("automatic".into()))?;
        let protect = match &a.passphrase {
            Some(p) => Protect::Passphrase(p.clone(), if test_kdf { 10 } else { 18 }),
            None => Protect::Recipients(
                a.recipients
                    .iter()
                    .map(|r| {
                        r.parse().map_err(|_| {
                            Error::invalid("recipient", format!("'{r}' is not an age recipient"))
                        })
                    })
                    .collect::<Result<_>>()?,
            ),
        };
        let (ct, protection) = encrypt_backup(&plain, &protect)?;
        let dir = match &a.dir {
            Some(d) => {
                let d = PathBuf::from(d);
                fsio::ensure_private_dir(&d)?;
                // Only this user's automatic backups: the directory may be shared.
                let prefix = format!("coffer-{user}-auto-");
                fsio::sweep_stale_temps(&d, |b| b.starts_with(&prefix) && b.ends_with(".age"));
                d
            }
            None => backups_dir(paths)?,
        };
        let stamp = jiff::Timestamp::now()
            .strftime("%Y%m%dT%H%M%S%3fZ")
            .to_string();
        let path = dir.join(format!("coffer-{user}-auto-{stamp}.age"));
        fsio::write_atomic_unlocked(&path, &ct)?;
        let all = automatic_backups(&dir, user);
        let surplus = all.len().saturating_sub(a.keep as usize);
        let mut removed = vec![];
        for old in all.into_iter().take(surplus) {
            fsio::remove_if_exists(&old)?;
            fsio::remove_if_exists(&record_path(&old))?;
            removed.push(old);
        }
        Ok((path, ct.len() as u64, header, protection, removed))
    })();
    let recorded = match made {
        Ok((path, size, header, protection, removed)) => (|| -> Result<()> {
            record_backup(conn, &path, size, &header, &protection, true)?;
            for old in &removed {
                conn.execute(
                    "DELETE FROM backups WHERE path = ?1",
                    [old.display().to_string()],
                )
                .context("forgetting a rotated backup")?;
            }
            conn.execute(
                "UPDATE auto_backup SET last_at = ?1, last_error = NULL",
                [now],
            )
            .context("recording the automatic backup")?;
            Ok(())
        })(),
        Err(e) => Err(e),
    };
    if let Err(e) = recorded {
        let reason = format!("{e:#}");
        crate::vault::notice(format!(
            "coffer: the automatic backup failed ({reason}); your command itself went through"
        ));
        let _ = conn.execute("UPDATE auto_backup SET last_error = ?1", [&reason]);
        let _ = audit::record(
            conn,
            &Event::new(
                "backup_failed",
                Severity::Medium,
                false,
                serde_json::json!({ "automatic": true, "reason": reason }),
            ),
        );
    }
}

/// A backup as the vault recorded it (`backups`).
#[derive(Debug, Clone)]
pub struct Recorded {
    /// The file as recorded.
    pub path: String,
    /// When it was made (Unix seconds).
    pub created_at: i64,
    /// `full` or `partial`.
    pub kind: String,
    /// How it is protected.
    pub protection: String,
}

/// The backups the vault recorded, newest first.
pub fn recorded(conn: &Connection) -> Result<Vec<Recorded>> {
    let mut stmt = conn
        .prepare("SELECT path, created_at, kind, protection FROM backups ORDER BY created_at DESC")
        .context("listing backups")?;
    let rows = stmt
        .query_map([], |r| {
            Ok(Recorded {
                path: r.get(0)?,
                created_at: r.get(1)?,
                kind: r.get(2)?,
                protection: r.get(3)?,
            })
        })
        .context("listing backups")?;
    Ok(rows
        .collect::<rusqlite::Result<_>>()
        .context("listing backups")?)
}

/// What `restore partial` merges from a backup, as stored there: address labels and
/// purposes, transaction labels, categories and notes, settings, rates.
#[derive(Debug, Default)]
pub struct Annotations {
    addresses: Vec<Vec<rusqlite::types::Value>>,
    transactions: Vec<Vec<rusqlite::types::Value>>,
    settings: Vec<Vec<rusqlite::types::Value>>,
    rates: Vec<Vec<rusqlite::types::Value>>,
}

/// What [`merge_annotations`] changed.
#[derive(Debug, Default, Serialize)]
pub struct Merged {
    /// Address labels and purposes set.
    pub addresses: usize,
    /// Transaction labels, categories and notes set.
    pub transactions: usize,
    /// Settings written.
    pub settings: usize,
    /// Rates added.
    pub rates: usize,
}

/// Reads the [`Annotations`] of a backup's database.
pub fn annotations(src: &Connection) -> Result<Annotations> {
    let collect = |sql: &str| -> Result<Vec<Vec<rusqlite::types::Value>>> {
        let mut stmt = src.prepare(sql).context("reading the backup")?;
        let n = stmt.column_count();
        let rows = stmt
            .query_map([], |r| (0..n).map(|i| r.get(i)).collect())
            .context("reading the backup")?;
        Ok(rows
            .collect::<rusqlite::Result<_>>()
            .context("reading the backup")?)
    };
    Ok(Annotations {
        addresses: collect(
            "SELECT address, label, purpose FROM addresses WHERE label IS NOT NULL OR purpose IS NOT NULL",
        )?,
        transactions: collect(
            "SELECT txid, label, category, note FROM transactions
             WHERE label IS NOT NULL OR category IS NOT NULL OR note IS NOT NULL",
        )?,
        settings: collect("SELECT key, value FROM settings")?,
        rates: collect("SELECT pair, time, rate, source FROM rates")?,
    })
}

/// Merges `a` into the vault database `c` (the backup's values win; rates already
/// there are kept).
pub fn merge_annotations(c: &Connection, a: &Annotations) -> Result<Merged> {
    let mut m = Merged::default();
    for a in &a.addresses {
        m.addresses += c
            .execute(
                &format!(
                    "UPDATE addresses SET label = coalesce(?2, label), purpose = coalesce(?3, purpose)
                     WHERE {}",
                    crate::vault::wallets::ADDRESS_IS
                ),
                rusqlite::params_from_iter(a.iter()),
            )
            .context("merging address labels")?
            .min(1);
    }
    for t in &a.transactions {
        m.transactions += c
            .execute(
                &format!(
                    "UPDATE transactions SET label = coalesce(?2, label),
                     category = coalesce(?3, category), note = coalesce(?4, note)
                     WHERE {}",
                    super::txs::ANY_ACCOUNT_TXID
                ),
                rusqlite::params_from_iter(t.iter()),
            )
            .context("merging transaction notes")?
            .min(1);
    }
    for s in &a.settings {
        c.execute(
            "INSERT INTO settings (key, value) VALUES (?1, ?2)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            rusqlite::params_from_iter(s.iter()),
        )
        .context("merging settings")?;
        m.settings += 1;
    }
    for r in &a.rates {
        m.rates += c
            .execute(
                "INSERT OR IGNORE INTO rates (pair, time, rate, source) VALUES (?1, ?2, ?3, ?4)",
                rusqlite::params_from_iter(r.iter()),
            )
            .context("merging rates")?;
    }
    Ok(m)
}

#[cfg(test)]
mod partial_tests {
    use super::*;

    fn count(c: &Connection, table: &str) -> i64 {
        c.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
            .unwrap()
    }

    /// A vault with a row in every table a test cares about, and a table no code knows.
    fn filled() -> Connection {
        let mut c = crate::vault::schema::memory_connection().unwrap();
        crate::vault::schema::migrate(&mut c).unwrap();
        c.execute_batch(
            "INSERT INTO wallets (id, name, created_at) VALUES (1, 'w', 0);
             INSERT INTO wallet_secrets (wallet_id, mnemonic) VALUES (1, 'abandon …');
             INSERT INTO settings (key, value) VALUES ('currency', 'EUR');
             INSERT INTO meta (key, value) VALUES ('session_id', 's'), ('engine_generation', 'g');
             CREATE TABLE future_secret (k TEXT);
             INSERT INTO future_secret VALUES ('key material added by a later version');",
        )
        .unwrap();
        c
    }

    #[test]
    fn a_table_not_listed_is_emptied() {
        let c = filled();
        reduce_to(&c, &["settings".to_string()]).unwrap();
        assert_eq!(count(&c, "future_secret"), 0);
        assert_eq!(count(&c, "wallet_secrets"), 0);
        assert_eq!(count(&c, "wallets"), 1);
        assert_eq!(count(&c, "settings"), 1);
        let dropped: i64 = c
            .query_row(
                "SELECT count(*) FROM meta WHERE key IN ('session_id', 'engine_generation')",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(dropped, 0);
    }

    #[test]
    fn a_part_not_named_is_emptied() {
        let c = filled();
        reduce_to(&c, &["labels".to_string()]).unwrap();
        assert_eq!(count(&c, "settings"), 0);
        assert_eq!(count(&c, "wallets"), 1);
    }

    #[test]
    fn every_listed_table_exists() {
        // A rename in the schema must not silently drop a part from partial backups.
        let mut c = crate::vault::schema::memory_connection().unwrap();
        crate::vault::schema::migrate(&mut c).unwrap();
        for (table, _) in PARTIAL_TABLES {
            count(&c, table);
        }
    }
}
