//! The vault: one user's encrypted SQLite database and everything around it (profile and
//! keyslots, age file store with atomic writes and locks, session file, schema, audit
//! trail, inbox). See DESIGN.md "The vault".

pub mod approvals;
pub mod audit;
pub mod backends;
pub mod backup;
pub mod crypto;
pub mod delta;
pub mod engine;
pub mod filekey;
pub mod fsio;
pub mod history;
pub mod inbox;
pub mod kdf;
pub mod keyslot;
pub mod labels;
pub mod pin;
pub mod plain;
pub mod profile;
pub mod rates;
pub mod schema;
pub mod session;
pub mod staging;
pub mod store;
pub mod summary;
pub mod totp;
pub mod txs;
pub mod vfs;
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

/// Why the wallet engine was lost, and the raw transactions salvaged from its files
/// (see [`store::EngineLoad::Lost`]).
type LostEngine = (String, Vec<Vec<u8>>);

/// How many bytes of each file tell its generation apart (see [`Generation`]).
const GENERATION_BYTES: usize = 512;

/// Which generation of the vault's files is on disk: the first bytes of `vault.age`,
/// `vault.delta.age`, `engine.age` and `engine.age.prev` (absent: `None`). They hold each file's age header,
/// whose ephemeral key share and MAC are new at every encryption, and a write replaces
/// the files whole (a new file renamed over the old), so any write changes them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Generation([Option<Vec<u8>>; 4]);

/// A decrypted vault (engine attached) read by a caller that writes next: it reads it
/// through [`Snapshot::scratch`] and hands it to [`Vault::write_from`], which uses it
/// instead of decrypting again when nothing was written in between.
pub struct Snapshot {
    conn: Connection,
    generation: Option<Generation>,
}

impl std::fmt::Debug for Snapshot {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Snapshot").finish_non_exhaustive()
    }
}

impl Snapshot {
    /// Runs `read` on the snapshot; whatever it changes in it (a wallet engine applying
    /// what a node said, to read back the difference) is rolled back after, so the
    /// snapshot stays the vault as read, whether `read` succeeds or not.
    pub fn scratch<T>(&self, read: impl FnOnce(&Connection) -> Result<T>) -> Result<T> {
        self.conn
            .execute_batch("SAVEPOINT scratch")
            .context("starting a scratch savepoint")?;
        let out = read(&self.conn);
        self.conn
            .execute_batch("ROLLBACK TO scratch; RELEASE scratch")
            .context("rolling a scratch savepoint back")?;
        out
    }
}

/// An open vault: the user's files, profile and the unwrapped vault identity.
pub struct Vault {
    /// The user's files.
    pub paths: UserPaths,
    /// The profile as read at open time.
    pub profile: Profile,
    identity: age::x25519::Identity,
    recipient: age::x25519::Recipient,
    /// The session that opened it (id and file), checked against the vault's own record
    /// of the live session at every read.
    session: Option<(String, std::path::PathBuf)>,
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
        let recipient = profile.recipient().map_err(|_| profile_changed(&paths))?;
        match profile.binding_matches(&identity.to_string()) {
            Some(false) => return Err(profile_changed(&paths)),
            // The binding, keyed by the identity, covers the recipient: only the key's
            // holder wrote it. The recipient is checked against the identity again
            // before a write encrypts to it ([`Vault::checked_recipient`]); a read, which
            // never encrypts, is spared the scalar multiplication.
            Some(true) => {}
            None => {
                if !is_recipient_of(&identity, &recipient) {
                    return Err(profile_changed(&paths));
                }
            }
        }
        Ok(Vault {
            paths,
            profile,
            identity,
            recipient,
            session: None,
        })
    }

    /// Marks the vault as opened through the session `id` (its file at `path`): every
    /// read then refuses it unless the vault records it as the live session (a later
    /// login or a logout ended it), and deletes that file.
    pub fn for_session(mut self, id: &str, path: &std::path::Path) -> Self {
        self.session = Some((id.to_string(), path.to_path_buf()));
        self
    }

    /// The vault recipient of the profile, once checked to be the identity's own: what
    /// a write encrypts to (never to a key the vault's owner does not hold).
    fn checked_recipient(&self) -> Result<&age::x25519::Recipient> {
        if is_recipient_of(&self.identity, &self.recipient) {
            Ok(&self.recipient)
        } else {
            Err(profile_changed(&self.paths))
        }
    }

    /// The identity string (for writing a session).
    pub fn identity_secret(&self) -> SecretString {
        self.identity.to_string()
    }

    /// A read-only snapshot of the current generation (no lock needed), without the
    /// wallet engine's state: what read commands need.
    ///
    /// The vault is opened in place (see [`vfs`]): a query decrypts only the chunks of
    /// `vault.age` that hold the pages it reads. A vault of an older schema is decrypted
    /// whole and migrated in memory instead (the next write stores it migrated).
    pub fn read(&self) -> Result<Connection> {
        let conn = store::open_read(&self.paths, &self.identity)?;
        match self.checked_in_place(conn)? {
            Some(conn) => Ok(conn),
            None => self.read_copy(),
        }
    }

    /// The checks of a vault opened in place: its schema version (`None`: an older
    /// vault, for the caller to read whole and migrate), the profile's binding, the
    /// schema's shape and the session.
    fn checked_in_place(&self, conn: Connection) -> Result<Option<Connection>> {
        // A chunk that did not decrypt is what failed, when one did (its pages are read
        // as the checks need them): said as such, not as what the check saw.
        let damaged = |reason: String| {
            vfs::take_damage().unwrap_or_else(|| Error::VaultDamaged {
                reason,
                dir: self.paths.dir.clone(),
            })
        };
        let version = schema::version(&conn).map_err(|e| {
            damaged(format!(
                "the decrypted vault is not a database: {}",
                e.cause()
            ))
        })?;
        if version > schema::CURRENT {
            return Err(Error::VaultTooNew {
                found: version,
                supported: schema::CURRENT,
            });
        }
        if version < schema::CURRENT {
            return Ok(None);
        }
        self.check_binding(&conn)?;
        schema::check_shape(&conn, "main")
            .map_err(|r| damaged(format!("vault.age decrypts, but {r}")))?;
        self.check_session(&conn)?;
        Ok(Some(conn))
    }

    /// [`Vault::read`] with the wallet engine attached, both read in place (nothing
    /// decrypted whole), when the engine on disk is the generation the vault expects;
    /// otherwise [`Vault::read_full`] (which rebuilds a lost engine).
    pub fn read_with_engine(&self) -> Result<Connection> {
        let conn = self.read()?;
        if store::engine_attached(&conn)?
            || store::attach_engine_in_place(&conn, &self.paths, &self.identity)?
        {
            return Ok(conn);
        }
        drop(conn);
        self.read_full()
    }

    /// The vault decrypted whole into memory, without the wallet engine, and migrated to
    /// the current schema: a private copy the caller may change (a light write's
    /// starting point, a partial backup's reduced snapshot); nothing saves it.
    pub fn read_copy(&self) -> Result<Connection> {
        let mut conn = self.load()?;
        if schema::version(&conn)? < schema::CURRENT {
            // Migrations may move rows into the engine. A lost engine is attached empty
            // here; this snapshot is never saved, and the next write rebuilds it.
            store::attach_engine(&mut conn, &self.paths, &self.identity)?;
        }
        self.upgrade(&mut conn)?;
        self.check_session(&conn)?;
        Ok(conn)
    }

    /// The vault in place for a write that needs no engine ([`store::open_write`]: only
    /// the pages it changes are written, as the vault's delta), checked as
    /// [`Vault::read`] checks it; a vault of an older schema is read whole and migrated
    /// ([`Vault::read_copy`]). The caller holds the lock.
    fn open_for_write(&self) -> Result<Connection> {
        let conn = store::open_write(&self.paths, &self.identity)?;
        match self.checked_in_place(conn)? {
            Some(conn) => Ok(conn),
            None => self.read_copy(),
        }
    }

    /// [`Vault::read`] with the wallet engine's state attached (bdk change sets, raw
    /// Bitcoin transactions): for commands that open a Bitcoin wallet engine. A lost
    /// engine is rebuilt and stored first (under the lock, so the caller must not hold
    /// it), and the vault read again.
    pub fn read_full(&self) -> Result<Connection> {
        let (mut conn, lost) = self.load_full()?;
        if lost.is_some() {
            drop(conn);
            self.write(|_| Ok(()))?;
            let (again, lost) = self.load_full()?;
            conn = again;
            if let Some(lost) = lost {
                // Another process lost it again meanwhile: rebuilt for this read only.
                self.rebuild_engine(&conn, lost)?;
            }
        }
        Ok(conn)
    }

    /// [`Vault::read_full`] for a caller that writes next ([`Vault::write_from`]): when no
    /// write happened in between, the write uses this snapshot instead of decrypting the
    /// vault again.
    pub fn read_full_for_write(&self) -> Result<Snapshot> {
        let before = self.generation();
        let conn = self.read_full()?;
        // A write between the two looks (another process, or this read rebuilding a lost
        // engine) leaves the snapshot unusable for the write: it decrypts again.
        let generation = (self.generation() == before).then_some(before);
        Ok(Snapshot { conn, generation })
    }

    /// Which generation of the vault's files is on disk now (see [`Generation`]).
    fn generation(&self) -> Generation {
        use std::io::Read as _;
        let head = |path: &std::path::Path| {
            let mut buf = vec![0; GENERATION_BYTES];
            let mut f = std::fs::File::open(path).ok()?;
            let mut n = 0;
            while n < buf.len() {
                match f.read(&mut buf[n..]) {
                    Ok(0) => break,
                    Ok(k) => n += k,
                    Err(_) => return None,
                }
            }
            buf.truncate(n);
            Some(buf)
        };
        Generation([
            head(&self.paths.vault),
            head(&self.paths.delta),
            head(&self.paths.engine),
            head(&self.paths.engine_prev),
        ])
    }

    /// [`Vault::write`] after a [`Vault::read_full_for_write`]: the snapshot is the vault
    /// the change runs on when the files on disk are still the generation it was read
    /// from (checked under the lock); otherwise the vault is decrypted again, as
    /// [`Vault::write`] does. Everything else (the inbox merge, the audit-head check,
    /// the automatic backup, the atomic save) is the same.
    pub fn write_from<T>(
        &self,
        snapshot: Snapshot,
        change: impl FnOnce(&Connection) -> Result<T>,
    ) -> Result<T> {
        let lock = fsio::lock_exclusive(&self.paths.lock)?;
        let current = snapshot
            .generation
            .is_some_and(|g| g == self.generation())
            .then_some(snapshot.conn);
        self.write_with(&lock, true, current, change)
    }

    /// The whole vault, engine attached, for a caller that holds the user's lock (a
    /// lost engine is rebuilt in memory, and stored by the caller's write).
    pub fn read_full_locked(&self, _held: &fsio::Lock) -> Result<Connection> {
        let (conn, lost) = self.load_full()?;
        if let Some(lost) = lost {
            self.rebuild_engine(&conn, lost)?;
        }
        Ok(conn)
    }

    /// Decrypts the vault and attaches its engine; a lost engine is attached empty and
    /// returned, to be rebuilt once the schema is current.
    fn load_full(&self) -> Result<(Connection, Option<LostEngine>)> {
        let mut conn = self.load()?;
        let load = store::attach_engine(&mut conn, &self.paths, &self.identity)?;
        self.upgrade(&mut conn)?;
        self.check_session(&conn)?;
        Ok(match load {
            store::EngineLoad::Loaded => (conn, None),
            store::EngineLoad::Lost { reason, salvage } => (conn, Some((reason, salvage))),
        })
    }

    /// Decrypts `vault.age`, and refuses a profile whose binding was removed from a
    /// vault that had one (a profile never bound is bound by the next write).
    fn load(&self) -> Result<Connection> {
        let conn = store::load(&self.paths, &self.identity)?;
        self.check_binding(&conn)?;
        Ok(conn)
    }

    /// Refuses a profile whose binding was removed from a vault that had one.
    fn check_binding(&self, conn: &Connection) -> Result<()> {
        // A vault without coffer's meta table is damage (the full shape check follows
        // the migrations), never `internal`.
        let read_meta = |key: &str| {
            meta(conn, key).map_err(|e| Error::VaultDamaged {
                reason: format!(
                    "vault.age decrypts, but its meta table cannot be read ({})",
                    e.cause()
                ),
                dir: self.paths.dir.clone(),
            })
        };
        if self.profile.binding.is_none() && read_meta("profile_bound")?.is_some() {
            return Err(profile_changed(&self.paths));
        }
        Ok(())
    }

    /// Refuses a session the vault does not record as the live one (a later login or a
    /// logout ended it), and deletes its file. Vaults from before session ids record
    /// none: any session opens them until the next login records one.
    fn check_session(&self, conn: &Connection) -> Result<()> {
        if let Some((id, path)) = &self.session
            && meta(conn, "session_id")?.is_some_and(|live| live != *id)
        {
            session::remove_if_id(path, id);
            return Err(Error::SessionExpired {
                reason: Some("a later login or a logout ended this session".into()),
            });
        }
        Ok(())
    }

    /// Attaches the engine to a connection that has none yet, rebuilding it when lost.
    fn attach_or_rebuild(&self, conn: &mut Connection) -> Result<()> {
        match store::attach_engine(conn, &self.paths, &self.identity)? {
            store::EngineLoad::Loaded => Ok(()),
            store::EngineLoad::Lost { reason, salvage } => {
                self.rebuild_engine(conn, (reason, salvage))
            }
        }
    }

    /// Rebuilds a lost engine from the vault (see [`crate::vault::engine::rebuild`]) into
    /// the attached empty one, which the next save stores; audits it (`engine_rebuilt`)
    /// and tells the user on stderr. Never locks the user out: the wallet engine's state
    /// is derived data.
    fn rebuild_engine(&self, conn: &Connection, lost: LostEngine) -> Result<()> {
        let (reason, salvage) = lost;
        let done =
            crate::vault::engine::rebuild::rebuild_engine(conn, &salvage, crate::clock::now_ms())?;
        audit::record(
            conn,
            &audit::Event::new(
                "engine_rebuilt",
                audit::Severity::Medium,
                true,
                serde_json::json!({
                    "reason": reason,
                    "accounts": done.accounts,
                    "transactions": done.transactions,
                    "missing": done.missing,
                }),
            ),
        )?;
        let mut msg = format!(
            "warning: the wallet engine's state did not match the vault ({reason}); it was \
             rebuilt from the vault: {} Bitcoin account(s), {} transaction(s) restored.",
            done.accounts, done.transactions
        );
        if done.missing > 0 {
            msg.push_str(&format!(
                " {} transaction(s) must be read again: run `coffer wallet sync` (balances \
                 and history keep their last known figures until then).",
                done.missing
            ));
        }
        notice(msg);
        Ok(())
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
        Ok(inbox::read_all(&self.paths, &self.identity)?.entries)
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
        self.write_with(&lock, false, None, change)
    }

    /// [`Vault::write_light`] for a caller that already holds the user's lock.
    pub fn write_light_locked<T>(
        &self,
        held: &fsio::Lock,
        change: impl FnOnce(&Connection) -> Result<T>,
    ) -> Result<T> {
        self.write_with(held, false, None, change)
    }

    /// [`Vault::write`] for a caller that already holds the user's lock.
    pub fn write_locked<T>(
        &self,
        held: &fsio::Lock,
        change: impl FnOnce(&Connection) -> Result<T>,
    ) -> Result<T> {
        self.write_with(held, true, None, change)
    }

    /// Every write also checks the vault against the audit head profile.json recorded
    /// (an older generation put in place is reported: `vault_rollback_detected` and a
    /// notice) and merges the inbox: its audit events unauthenticated, its queued
    /// imports as unconfirmed, and the files that cannot be merged moved aside and
    /// reported (`inbox_rejected` and a notice), never dropped.
    fn write_with<T>(
        &self,
        _held: &fsio::Lock,
        engine: bool,
        current: Option<Connection>,
        change: impl FnOnce(&Connection) -> Result<T>,
    ) -> Result<T> {
        // Checked before anything is written.
        let recipient = self.checked_recipient()?;
        // Entries whose writer died between naming and renaming them (encrypted; see
        // fsio): they were never posted.
        fsio::sweep_stale_temps(&self.paths.inbox, |_| true);
        self.bind_legacy_profile()?;
        let waiting = inbox::read_all(&self.paths, &self.identity)?;
        let engine = engine
            || waiting
                .entries
                .iter()
                .any(|e| matches!(e.item, inbox::Item::BtcTxImport(_)));
        let mut conn = if let Some(conn) = current {
            // Read under this generation by read_full_for_write, engine attached, and
            // left as read (Snapshot::scratch rolls its changes back).
            conn
        } else if engine {
            let (conn, lost) = self.load_full()?;
            if let Some(lost) = lost {
                self.rebuild_engine(&conn, lost)?;
            }
            conn
        } else {
            self.open_for_write()?
        };
        let recorded = Profile::load(&self.paths)?.audit_head;
        let (out, rollback) = {
            let tx = conn.transaction().context("starting vault transaction")?;
            let floor = audit::last_time(&tx)?;
            let rollback = match audit::check_head(&tx, recorded.as_ref())? {
                audit::HeadCheck::Missing(m) => {
                    audit::record_rollback(&tx, &m)?;
                    Some(m)
                }
                _ => None,
            };
            merge_inbox(&tx, &waiting, floor)?;
            let out = change(&tx)?;
            if meta(&tx, "profile_bound")?.is_none() {
                set_meta(&tx, "profile_bound", "1")?;
            }
            tx.commit().context("committing vault transaction")?;
            (out, rollback)
        };
        // An automatic backup of exactly what is about to be saved, when one is due.
        backup::auto_backup_if_due(
            &mut conn,
            &self.paths,
            &self.profile.username,
            !self.profile.kdf_profile.is_secure(),
            |c| self.attach_or_rebuild(c),
        );
        store::save(&self.paths, &mut conn, recipient, Some(&self.identity))?;
        self.advance_audit_head(&conn)?;
        summary::record(&self.paths, &self.identity_secret(), &conn);
        // Recorded in the vault just saved; a crash before the move only means the next
        // write records (under the same event id: once) and moves them.
        inbox::set_aside(&self.paths, &waiting.rejected)?;
        for e in waiting.entries {
            // Merges are idempotent (event ids are unique), so a crash before this
            // removal only means the next write merges the same events again, harmlessly.
            fsio::remove_if_exists(&e.path)?;
        }
        if let Some(m) = rollback
            && !matches!(
                audit::check_head(&conn, recorded.as_ref())?,
                audit::HeadCheck::Reanchored
            )
        {
            notice(m.notice());
        }
        if !waiting.rejected.is_empty() {
            notice(rejected_notice(&self.paths, &waiting.rejected));
        }
        Ok(out)
    }

    /// Binds a profile made before bindings existed, before the vault records that it
    /// has one (so a crash between the two never leaves a vault that refuses its own
    /// profile). The caller holds the lock.
    fn bind_legacy_profile(&self) -> Result<()> {
        if self.profile.binding.is_some() {
            return Ok(());
        }
        let mut profile = Profile::load(&self.paths)?;
        if profile.binding.is_none() {
            profile.bind(&self.identity_secret());
            profile.save(&self.paths)?;
        }
        Ok(())
    }

    /// Records the audit chain's head in profile.json, when the recorded head is still a
    /// row of the chain (an ancestor: the log only grew), or an authenticated
    /// `audit_reanchored` row accepts the vault in its place. If neither, the log lost
    /// rows (or an older vault was put in place): the head stays, every write reports it
    /// and `security log verify` fails, until `security log reanchor`.
    fn advance_audit_head(&self, conn: &Connection) -> Result<()> {
        let (count, Some(hash)) = audit::head(conn)? else {
            return Ok(());
        };
        let mut profile = Profile::load(&self.paths)?;
        let new = profile::AuditHead { count, hash };
        if profile.audit_head.as_ref() == Some(&new) {
            return Ok(());
        }
        let advance = match audit::check_head(conn, profile.audit_head.as_ref())? {
            audit::HeadCheck::Unrecorded
            | audit::HeadCheck::InChain
            | audit::HeadCheck::Reanchored => true,
            audit::HeadCheck::Missing(_) => false,
        };
        if advance {
            profile.audit_head = Some(new);
            profile.bind(&self.identity_secret());
            profile.save(&self.paths)?;
        }
        Ok(())
    }

    /// Writes the very first generation of a new vault, the vault key `identity`'s (the
    /// caller holds the lock).
    pub fn write_initial(
        paths: &UserPaths,
        conn: &mut Connection,
        identity: &age::x25519::Identity,
    ) -> Result<()> {
        store::save(paths, conn, &identity.to_public(), Some(identity))
    }
}

/// Things the user should be told that a command's result does not carry (an older
/// vault put in place, inbox files set aside): `login` shows them with its result, the
/// binary prints the rest on stderr after any command.
static NOTICES: std::sync::Mutex<Vec<String>> = std::sync::Mutex::new(Vec::new());

/// Queues a notice for the user (once per run).
pub fn notice(msg: String) {
    let mut n = NOTICES.lock().unwrap_or_else(|e| e.into_inner());
    if !n.contains(&msg) {
        n.push(msg);
    }
}

/// The notices queued so far (they stay queued).
pub fn notices() -> Vec<String> {
    NOTICES.lock().unwrap_or_else(|e| e.into_inner()).clone()
}

/// Takes the notices queued so far.
pub fn take_notices() -> Vec<String> {
    std::mem::take(&mut *NOTICES.lock().unwrap_or_else(|e| e.into_inner()))
}

fn rejected_notice(paths: &UserPaths, rejected: &[inbox::Rejected]) -> String {
    let files: Vec<String> = rejected
        .iter()
        .map(|r| format!("{} ({})", r.name(), r.reason))
        .collect();
    format!(
        "warning: {} inbox file(s) could not be merged and were moved to {}: {}. Whatever they held (an event, or a `receive import` queued while the vault was locked) was not applied: import such a transaction again while logged in.",
        rejected.len(),
        inbox::rejected_dir(paths).display(),
        files.join("; ")
    )
}

/// Merges the inbox into the vault in `conn`: audit events unauthenticated (their time
/// clamped above `floor`, the last row's time before this write), queued imports as
/// unconfirmed, and one `inbox_rejected` event per file that cannot be merged.
fn merge_inbox(conn: &Connection, waiting: &inbox::Contents, floor: Option<i64>) -> Result<()> {
    let now = crate::clock::now_ms();
    let mut imports = vec![];
    for e in &waiting.entries {
        match &e.item {
            inbox::Item::Audit(ev) => audit::record_from_inbox(conn, ev, floor, now)?,
            inbox::Item::BtcTxImport(t) => imports.push((e, t)),
        }
    }
    for r in &waiting.rejected {
        audit::record(conn, &rejected_event(r))?;
    }
    if !imports.is_empty() {
        apply_queued_imports(conn, &imports)?;
    }
    Ok(())
}

/// `inbox_rejected` for a file set aside. Its id derives from the file name, so a crash
/// before the move records it once; it is not of the form an inbox event may carry
/// (see [`audit::valid_event_id`]), so no planted event can take it first.
fn rejected_event(r: &inbox::Rejected) -> audit::Event {
    let name = r.name();
    let mut ev = audit::Event::new(
        "inbox_rejected",
        audit::Severity::High,
        false,
        serde_json::json!({
            "file": name,
            "reason": r.reason,
            "moved_to": format!("inbox/rejected/{name}"),
        }),
    );
    ev.event_id = format!("inbox-rejected-{name}");
    ev
}

/// Applies the `receive import`s queued while the vault was locked (one engine open and
/// save per wallet), and records each outcome in the audit log. A queued import is a
/// claim: whoever can write to the inbox can post one, so its block (height, time, hash)
/// is not believed: the transaction counts as unconfirmed until a sync, or an unlocked
/// `receive import` with its block, confirms it; one that spends the wallet's coins or
/// conflicts with a transaction the wallet holds is refused (see
/// [`crate::vault::engine::ToImport::queued`]). A failure changes nothing and is
/// logged; it never blocks the write that merges it.
fn apply_queued_imports(
    conn: &Connection,
    imports: &[(&inbox::Entry, &inbox::TxImport)],
) -> Result<()> {
    use crate::vault::engine::{ToImport, import_batch};
    let now = crate::clock::now_ms();
    let parse = |t: &inbox::TxImport| -> Result<ToImport> {
        let tx: bitcoin::Transaction = bitcoin::consensus::encode::deserialize_hex(&t.hex)
            .map_err(|e| Error::invalid("tx", format!("not a raw transaction: {e}")))?;
        Ok(ToImport {
            wallet: t.wallet.clone(),
            tx,
            confirmation: None,
            queued: true,
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
        // The block the entry claims, kept as a claim.
        let claimed = (t.height.is_some() || t.block_hash.is_some()).then(|| {
            serde_json::json!({
                "height": t.height,
                "time": t.block_time,
                "hash": t.block_hash,
            })
        });
        let mut ev = match &outcome {
            Ok(done) => audit::Event::new(
                "btc_tx_imported",
                audit::Severity::Info,
                true,
                serde_json::json!({
                    "wallet": done.wallet,
                    "txid": done.record.txid,
                    "status": done.record.status,
                    "queued": true,
                    "claimed_block": claimed,
                }),
            ),
            Err(reason) => audit::Event::new(
                "btc_tx_import_failed",
                audit::Severity::Medium,
                false,
                serde_json::json!({
                    "wallet": t.wallet,
                    "reason": reason,
                    "queued": true,
                    "claimed_block": claimed,
                }),
            ),
        };
        // Derived from the inbox file: merging the same file twice logs it once.
        ev.event_id = format!("inbox-{name}");
        audit::record(conn, &ev)?;
    }
    Ok(())
}

/// A value from the `meta` table.
pub fn meta(conn: &Connection, key: &str) -> Result<Option<String>> {
    Ok(conn
        .query_row("SELECT value FROM meta WHERE key = ?1", [key], |r| r.get(0))
        .optional()
        .context("reading meta")?)
}

/// Sets a value in the `meta` table.
/// A key of the vault key `identity` (its `AGE-SECRET-KEY-1…` string) for one use,
/// named by `purpose` (a label with its version): SHA-256 of the label, then the key.
/// The summary, the session MAC, the profile binding, the delta MAC and the wrapped
/// file keys each derive theirs under their own label; changing the derivation would
/// orphan every file made under it.
pub(crate) fn derived_key(purpose: &[u8], identity: &SecretString) -> zeroize::Zeroizing<[u8; 32]> {
    let mut h = crypto::Sha256::new();
    h.update(purpose);
    h.update(identity.expose_secret().as_bytes());
    zeroize::Zeroizing::new(h.finish())
}

pub fn set_meta(conn: &Connection, key: &str, value: &str) -> Result<()> {
    conn.execute(
        "INSERT INTO meta (key, value) VALUES (?1, ?2) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        [key, value],
    )
    .context("writing meta")?;
    Ok(())
}

/// Removes a value from the `meta` table.
pub fn delete_meta(conn: &Connection, key: &str) -> Result<()> {
    conn.execute("DELETE FROM meta WHERE key = ?1", [key])
        .context("writing meta")?;
    Ok(())
}

/// Whether `recipient` is the public key of `identity`.
fn is_recipient_of(identity: &age::x25519::Identity, recipient: &age::x25519::Recipient) -> bool {
    identity.to_public().to_string() == recipient.to_string()
}

/// profile.json no longer matches the vault key: changed (or its binding removed)
/// outside coffer.
fn profile_changed(paths: &UserPaths) -> Error {
    Error::ProfileDamaged {
        reason: "its fields were changed outside coffer (they no longer match the vault key)"
            .into(),
        path: paths.profile.clone(),
    }
}

/// Maps "the vault does not exist" to a user-facing error.
pub fn require_user(paths: &UserPaths, name: &str) -> Result<()> {
    if !paths.profile.exists() {
        return Err(Error::UserNotFound(name.to_string()));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The derivation is pinned: SHA-256 of the label then the key string, as computed
    /// by Python's hashlib for these inputs. Every summary, session, binding, delta and
    /// wrapped file key on disk depends on it staying so.
    #[test]
    fn derived_keys_are_sha256_of_the_label_then_the_key() {
        let key = SecretString::from(format!("AGE-SECRET-KEY-1{}", "Q".repeat(55)));
        for (label, want) in [
            (
                &b"coffer-summary-key-v1"[..],
                "66553dd6eff0d76048c855401cbea2770d20de24b06f0775ad1b51d553025892",
            ),
            (
                &b"coffer-file-key-wrap-v1"[..],
                "df095fdae255b3a6a65a479af608423ea2bc74a35518e3ffb28cb26d6baadd43",
            ),
        ] {
            assert_eq!(hex::encode(*derived_key(label, &key)), want);
        }
    }
}
