//! The vault: one user's encrypted SQLite database and everything around it (profile and
//! keyslots, age file store with atomic writes and locks, session file, schema, audit
//! trail, inbox). See DESIGN.md "The vault".

pub mod audit;
pub mod backends;
pub mod fsio;
pub mod inbox;
pub mod kdf;
pub mod keyslot;
pub mod pin;
pub mod profile;
pub mod rates;
pub mod schema;
pub mod session;
pub mod store;
pub mod totp;
pub mod txs;
pub mod wallets;

use crate::error::{Error, Result};
use anyhow::Context as _;
use profile::{Profile, UserPaths};
use rusqlite::{Connection, OptionalExtension};
use secrecy::{ExposeSecret, SecretString};

/// Default idle timeout of a session (seconds).
pub const DEFAULT_SESSION_TIMEOUT: i64 = 15 * 60;
/// Default absolute lifetime of a session (seconds).
pub const DEFAULT_SESSION_MAX: i64 = 12 * 60 * 60;

/// An open vault: the user's files, profile and the unwrapped vault identity.
pub struct Vault {
    /// The user's files.
    pub paths: UserPaths,
    /// The profile as read at open time.
    pub profile: Profile,
    identity: age::x25519::Identity,
    recipient: age::x25519::Recipient,
}

impl std::fmt::Debug for Vault {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Vault")
            .field("user", &self.profile.username)
            .finish_non_exhaustive()
    }
}

impl Vault {
    /// Opens the vault with an identity string, checking it belongs to this profile.
    pub fn with_identity(
        paths: UserPaths,
        profile: Profile,
        identity: &SecretString,
    ) -> Result<Self> {
        let damaged = |reason: &str| Error::ProfileDamaged {
            reason: reason.into(),
            path: paths.profile.clone(),
        };
        let identity: age::x25519::Identity = identity
            .expose_secret()
            .parse()
            .map_err(|_| damaged("a keyslot holds no age identity"))?;
        let recipient = profile.recipient()?;
        if identity.to_public().to_string() != recipient.to_string() {
            return Err(damaged(
                "its vault_recipient is not the key its keyslots hold",
            ));
        }
        Ok(Vault {
            paths,
            profile,
            identity,
            recipient,
        })
    }

    /// The identity string (for writing a session).
    pub fn identity_secret(&self) -> SecretString {
        self.identity.to_string()
    }

    /// A read-only snapshot of the current generation (no lock needed), without the
    /// wallet engine's state: what read commands need.
    pub fn read(&self) -> Result<Connection> {
        let mut conn = store::load(&self.paths, &self.identity)?;
        if schema::version(&conn)? < schema::CURRENT {
            store::attach_engine(&mut conn, &self.paths, &self.identity)?;
        }
        self.upgrade(&mut conn)?;
        Ok(conn)
    }

    /// [`Vault::read`] with the wallet engine's state attached (bdk change sets, raw
    /// Bitcoin transactions): for commands that open a Bitcoin wallet engine.
    pub fn read_full(&self) -> Result<Connection> {
        let mut conn = store::load(&self.paths, &self.identity)?;
        store::attach_engine(&mut conn, &self.paths, &self.identity)?;
        self.upgrade(&mut conn)?;
        Ok(conn)
    }

    /// Brings a decrypted vault to the current schema and checks that it has coffer's
    /// tables: one that does not migrate, or lacks them, is damaged (never `internal`).
    fn upgrade(&self, conn: &mut Connection) -> Result<()> {
        let damaged = |reason: String| Error::VaultDamaged {
            reason,
            dir: self.paths.dir.clone(),
        };
        match schema::migrate(conn) {
            Ok(()) => {}
            Err(e @ Error::VaultTooNew { .. }) => return Err(e),
            Err(e) => {
                return Err(damaged(format!(
                    "vault.age decrypts, but does not migrate to this coffer's schema ({})",
                    e.cause()
                )));
            }
        }
        schema::check_shape(conn, "main")
            .map_err(|r| damaged(format!("vault.age decrypts, but {r}")))
    }

    /// Decrypts and reads the inbox entries waiting to be merged.
    pub fn pending_inbox(&self) -> Result<Vec<inbox::Entry>> {
        Ok(inbox::read_all(&self.paths, &self.identity)?.0)
    }

    /// Applies `change` under the exclusive lock: re-reads the current generation, merges
    /// the inbox, runs `change` in a transaction and writes the new generation.
    pub fn write<T>(&self, change: impl FnOnce(&Connection) -> Result<T>) -> Result<T> {
        let lock = fsio::lock_exclusive(&self.paths.lock)?;
        self.write_locked(&lock, change)
    }

    /// [`Vault::write`] for a change that never touches the wallet engine's state (it
    /// is neither decrypted nor written, unless the inbox holds a queued import).
    pub fn write_light<T>(&self, change: impl FnOnce(&Connection) -> Result<T>) -> Result<T> {
        let lock = fsio::lock_exclusive(&self.paths.lock)?;
        self.write_with(&lock, false, change)
    }

    /// [`Vault::write`] for a caller that already holds the user's lock.
    pub fn write_locked<T>(
        &self,
        held: &fsio::Lock,
        change: impl FnOnce(&Connection) -> Result<T>,
    ) -> Result<T> {
        self.write_with(held, true, change)
    }

    fn write_with<T>(
        &self,
        _held: &fsio::Lock,
        engine: bool,
        change: impl FnOnce(&Connection) -> Result<T>,
    ) -> Result<T> {
        // Entries whose writer died between naming and renaming them (encrypted; see
        // fsio): they were never posted.
        fsio::sweep_stale_temps(&self.paths.inbox, |_| true);
        let (entries, _) = inbox::read_all(&self.paths, &self.identity)?;
        let engine = engine
            || entries
                .iter()
                .any(|e| matches!(e.item, inbox::Item::BtcTxImport(_)));
        let mut conn = if engine {
            self.read_full()?
        } else {
            self.read()?
        };
        let out = {
            let tx = conn.transaction().context("starting vault transaction")?;
            let mut imports = vec![];
            for e in &entries {
                match &e.item {
                    inbox::Item::Audit(ev) => audit::record(&tx, ev)?,
                    inbox::Item::BtcTxImport(t) => imports.push((e, t)),
                }
            }
            if !imports.is_empty() {
                apply_queued_imports(&tx, &imports)?;
            }
            let out = change(&tx)?;
            tx.commit().context("committing vault transaction")?;
            out
        };
        // An automatic backup of exactly what is about to be saved, when one is due.
        crate::commands::backup::auto_backup_if_due(
            &mut conn,
            &self.paths,
            &self.profile.username,
            !self.profile.kdf_profile.is_secure(),
            |c| store::attach_engine(c, &self.paths, &self.identity),
        );
        store::save(&self.paths, &mut conn, &self.recipient)?;
        self.advance_audit_head(&conn)?;
        for e in entries {
            // Merges are idempotent (event ids are unique), so a crash before this
            // removal only means the next write merges the same events again, harmlessly.
            fsio::remove_if_exists(&e.path)?;
        }
        Ok(out)
    }

    /// Records the audit chain's head in profile.json, when the recorded head is still a
    /// row of the chain (an ancestor: the log only grew). If it is not, the log lost
    /// rows (or an older vault was put in place): the head stays, and `security log
    /// verify` reports it.
    fn advance_audit_head(&self, conn: &Connection) -> Result<()> {
        let (count, Some(hash)) = audit::head(conn)? else {
            return Ok(());
        };
        let mut profile = Profile::load(&self.paths)?;
        let new = profile::AuditHead { count, hash };
        let advance = match &profile.audit_head {
            None => true,
            Some(h) if *h == new => false,
            Some(h) => h.count <= count && audit::hash_at(conn, h.count)?.as_ref() == Some(&h.hash),
        };
        if advance {
            profile.audit_head = Some(new);
            profile.save(&self.paths)?;
        }
        Ok(())
    }

    /// Writes the very first generation of a new vault (the caller holds the lock).
    pub fn write_initial(
        paths: &UserPaths,
        conn: &mut Connection,
        recipient: &age::x25519::Recipient,
    ) -> Result<()> {
        store::save(paths, conn, recipient)
    }
}

/// Applies the `receive import`s queued while the vault was locked (one engine open and
/// save per wallet), and records each outcome in the audit log. A failure (a transaction
/// that pays nothing to the wallet, an unknown wallet) changes nothing and is logged; it
/// never blocks the write that merges it.
fn apply_queued_imports(
    conn: &Connection,
    imports: &[(&inbox::Entry, &inbox::TxImport)],
) -> Result<()> {
    use crate::chain::btc::wallet::{Confirmation, ToImport, import_batch};
    let now = crate::clock::now_ms();
    let parse = |t: &inbox::TxImport| -> Result<ToImport> {
        let tx: bitcoin::Transaction = bitcoin::consensus::encode::deserialize_hex(&t.hex)
            .map_err(|e| Error::invalid("tx", format!("not a raw transaction: {e}")))?;
        let confirmation = match (t.height, t.block_time) {
            (Some(height), Some(time)) => Some(Confirmation {
                height,
                time,
                hash: match &t.block_hash {
                    Some(h) => Some(
                        h.parse()
                            .map_err(|_| Error::invalid("block-hash", "bad hash"))?,
                    ),
                    None => None,
                },
            }),
            _ => None,
        };
        Ok(ToImport {
            wallet: t.wallet.clone(),
            tx,
            confirmation,
        })
    };
    let parsed: Vec<Result<ToImport>> = imports.iter().map(|(_, t)| parse(t)).collect();
    let valid: Vec<ToImport> = parsed
        .iter()
        .filter_map(|p| p.as_ref().ok().cloned())
        .collect();
    conn.execute_batch("SAVEPOINT queued_imports")
        .context("starting queued imports")?;
    let batch = import_batch(conn, valid, now);
    if batch.is_err() {
        conn.execute_batch("ROLLBACK TO queued_imports")
            .context("rolling back queued imports")?;
    }
    conn.execute_batch("RELEASE queued_imports")
        .context("finishing queued imports")?;
    let mut results = match batch {
        Ok(r) => r
            .into_iter()
            .map(|r| r.map_err(|e| e.to_string()))
            .collect(),
        Err(e) => vec![Err(e.to_string()); imports.len()],
    }
    .into_iter();
    for ((entry, t), p) in imports.iter().zip(parsed) {
        let outcome = match p {
            Ok(_) => results
                .next()
                .unwrap_or_else(|| Err("not applied".to_string())),
            Err(e) => Err(e.to_string()),
        };
        let name = entry
            .path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let mut ev = match &outcome {
            Ok(done) => audit::Event::new(
                "btc_tx_imported",
                audit::Severity::Info,
                true,
                serde_json::json!({ "wallet": done.wallet, "txid": done.record.txid, "queued": true }),
            ),
            Err(reason) => audit::Event::new(
                "btc_tx_import_failed",
                audit::Severity::Medium,
                false,
                serde_json::json!({ "wallet": t.wallet, "reason": reason, "queued": true }),
            ),
        };
        // Derived from the inbox file: merging the same file twice logs it once.
        ev.event_id = format!("inbox-{name}");
        audit::record(conn, &ev)?;
    }
    Ok(())
}

/// A user setting from the vault, or `default`.
pub fn setting_i64(conn: &Connection, key: &str, default: i64) -> Result<i64> {
    let v: Option<String> = conn
        .query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| {
            r.get(0)
        })
        .optional()
        .context("reading setting")?;
    Ok(v.and_then(|s| s.parse().ok()).unwrap_or(default))
}

/// A value from the `meta` table.
pub fn meta(conn: &Connection, key: &str) -> Result<Option<String>> {
    Ok(conn
        .query_row("SELECT value FROM meta WHERE key = ?1", [key], |r| r.get(0))
        .optional()
        .context("reading meta")?)
}

/// Sets a value in the `meta` table.
pub fn set_meta(conn: &Connection, key: &str, value: &str) -> Result<()> {
    conn.execute(
        "INSERT INTO meta (key, value) VALUES (?1, ?2) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        [key, value],
    )
    .context("writing meta")?;
    Ok(())
}

/// Maps "the vault does not exist" to a user-facing error.
pub fn require_user(paths: &UserPaths, name: &str) -> Result<()> {
    if !paths.profile.exists() {
        return Err(Error::UserNotFound(name.to_string()));
    }
    Ok(())
}
