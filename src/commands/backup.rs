//! `coffer backup`: full encrypted backups that restore without the login password
//! (age to a passphrase, scrypt, or to age recipients), and verification in memory that
//! never touches the live vault.
//!
//! The age payload is `coffer-backup 1\n`, one line of JSON header (format, coffer
//! version, kind, created time, user, schema version, counts, SHA-256 of the snapshot),
//! `\n`, then the SQLite snapshot. Outside, the file is only an age file.

use crate::backups::{
    Counts, Header, MAGIC, Protect, backups_dir, counts, encrypt_backup, record_backup,
    record_path, reduce_to, snapshot,
};
use crate::chain::{Network, btc, eth};
// What other commands use of the backup service, under the names they know.
pub use crate::backups::{AutoBackup, auto_backup_settings, dir_inside, home_of, set_auto_backup};
use crate::clock;
use crate::context::Ctx;
use crate::error::{Error, Result};
use crate::output::{Human, Report};
use crate::vault::audit::{self, Event, Severity};
use crate::vault::{fsio, schema, store, wallets};
use anyhow::Context as _;
use rusqlite::{Connection, MAIN_DB};
use serde::{Deserialize, Serialize};
use sha2::Digest as _;
use std::io::Read as _;
use std::path::{Path, PathBuf};

/// `backup` subcommands.
#[derive(Debug, clap::Subcommand)]
pub enum BackupCmd {
    /// Write a full, encrypted backup of the vault.
    ///
    /// The file is age-encrypted to a passphrase (not the login password: it is asked
    /// for here, or read from --passphrase-file) or to age recipients (age1…, keys kept
    /// elsewhere). It restores without this machine. Put it anywhere, for example in a
    /// synced cloud folder: it is encrypted end to end.
    ///
    /// Examples:
    ///   coffer backup create --passphrase-file pass.txt
    ///   coffer backup create --recipient age1… --out ~/Dropbox/coffer.age
    #[command(verbatim_doc_comment)]
    Create(CreateArgs),
    /// The backups in the default location and those this vault recorded.
    List,
    /// Check a backup in memory: decryption, header hash, database integrity, schema,
    /// keys against stored addresses, counts. Changes nothing.
    Verify(VerifyArgs),
}

/// Arguments of `backup create`.
#[derive(Debug, clap::Args)]
pub struct CreateArgs {
    /// Where to write it (default: users/NAME/backups/ with a UTC timestamp).
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// Read the backup passphrase from FILE (else it is asked twice on a terminal).
    #[arg(long, value_name = "FILE", conflicts_with = "recipient")]
    pub passphrase_file: Option<PathBuf>,
    /// Encrypt to this age recipient instead (repeatable).
    #[arg(long, value_name = "AGE1…")]
    pub recipient: Vec<String>,
    /// A note kept in the header.
    #[arg(long, allow_hyphen_values = true)]
    pub note: Option<String>,
    /// Only these parts, and never any key material: addresses, transactions, labels,
    /// settings (comma-separated).
    #[arg(long, value_delimiter = ',')]
    pub partial: Vec<Part>,
}

/// A part of the vault a partial backup holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Part {
    /// The wallets' addresses (public only).
    Addresses,
    /// The transactions.
    Transactions,
    /// The labels of addresses and transactions.
    Labels,
    /// Settings, rates, backends and tokens.
    Settings,
}

impl Part {
    /// The word, as typed and as listed in the backup's header.
    pub fn name(self) -> &'static str {
        match self {
            Part::Addresses => "addresses",
            Part::Transactions => "transactions",
            Part::Labels => "labels",
            Part::Settings => "settings",
        }
    }
}

/// Arguments of `backup verify`.
#[derive(Debug, clap::Args)]
pub struct VerifyArgs {
    /// The backup file.
    pub file: PathBuf,
    /// Its passphrase, from FILE (else asked on a terminal).
    #[arg(long, value_name = "FILE", conflicts_with = "identity")]
    pub passphrase_file: Option<PathBuf>,
    /// An age identity file (AGE-SECRET-KEY-1… lines) for a backup made to recipients.
    #[arg(long, value_name = "FILE")]
    pub identity: Option<PathBuf>,
}

/// What `backup create` wrote.
#[derive(Debug, Serialize)]
pub struct Created {
    /// The file.
    pub file: String,
    /// Its size in bytes.
    pub size: u64,
    /// `passphrase (scrypt, work factor N)` or `N age recipient(s)`.
    pub protection: String,
    /// The header.
    pub header: Header,
    /// True when the file is inside the coffer home (the default place): it is lost
    /// with the vault's disk, so it must be copied elsewhere (a warning on stderr says so).
    pub inside_home: bool,
}

impl Report for Created {
    fn human(&self, out: &mut Human) {
        out.kv("Backup", &self.file);
        out.kv("Size", format!("{} bytes", self.size));
        out.kv("Protected by", &self.protection);
        out.kv(
            "Holds",
            format!(
                "{} wallets, {} addresses, {} transactions, {} labels",
                self.header.counts.wallets,
                self.header.counts.addresses,
                self.header.counts.transactions,
                self.header.counts.labels
            ),
        );
        if self.protection.starts_with("passphrase") {
            out.line("It needs this passphrase to restore, not your login password: keep both.");
        }
    }
}

/// The scrypt work factor (log2 N) of passphrase backups: age's default, or a fast one
/// under the test KDF profile.
fn work_factor(ctx: &Ctx) -> u8 {
    if ctx.kdf_profile.as_deref() == Some("test") {
        10
    } else {
        18
    }
}

/// Runs `coffer backup create`.
pub fn create(ctx: &Ctx, args: CreateArgs) -> Result<Created> {
    let unlocked = ctx.unlock()?;
    let recipients: Vec<age::x25519::Recipient> = args
        .recipient
        .iter()
        .map(|r| {
            r.trim().parse().map_err(|_| {
                Error::invalid(
                    "recipient",
                    format!("'{r}' is not an age recipient (age1…)"),
                )
            })
        })
        .collect::<Result<_>>()?;
    let parts: Vec<String> = args.partial.iter().map(|p| p.name().to_string()).collect();
    let partial = !parts.is_empty();
    // One snapshot (a full backup holds the wallet engine's state too; a partial one
    // never does), then one write transaction to record the backup: the encryption in
    // between holds no lock.
    let mut snapshot_conn = if partial {
        unlocked.vault.read()?
    } else {
        unlocked.vault.read_full()?
    };
    let passphrase = if recipients.is_empty() {
        let user = unlocked.vault.profile.username.clone();
        let email = crate::vault::meta(&snapshot_conn, "email")?.unwrap_or_default();
        Some(ctx.input.checked_secret(
            args.passphrase_file.as_deref(),
            "a backup passphrase",
            "--passphrase-file FILE (or --recipient age1…)",
            true,
            &|p: &str| check_passphrase(p, &user, &email),
        )?)
    } else {
        None
    };
    if partial {
        reduce_to(&snapshot_conn, &parts)?;
    }
    let (header, plain) = snapshot(
        &mut snapshot_conn,
        &unlocked.vault.profile.username,
        &parts,
        args.note.clone(),
    )?;
    drop(snapshot_conn);
    let protect = match passphrase {
        Some(p) => Protect::Passphrase(p, work_factor(ctx)),
        None => Protect::Recipients(recipients),
    };
    let (ct, protection) = encrypt_backup(&plain, &protect)?;
    drop(plain);
    let path = match &args.out {
        // Relative to the current directory, and recorded absolute: `backup list` finds
        // it from anywhere.
        Some(p) => std::path::absolute(p)
            .map_err(|e| Error::invalid("out", format!("cannot resolve {}: {e}", p.display())))?,
        None => {
            let dir = backups_dir(&unlocked.vault.paths)?;
            let stamp = jiff::Timestamp::now()
                .strftime("%Y%m%dT%H%M%SZ")
                .to_string();
            dir.join(format!("coffer-{}-{stamp}.age", header.user))
        }
    };
    fsio::write_private(&path, &ct)
        .map_err(|e| Error::invalid("out", format!("cannot write {}: {e:#}", path.display())))?;
    let size = ct.len() as u64;
    unlocked
        .vault
        .write_light(|c| record_backup(c, &path, size, &header, &protection, false))?;
    let inside_home = inside(&path, &ctx.home.root);
    if inside_home {
        crate::vault::notice(format!(
            "warning: {} is inside the coffer home ({}): a lost or broken disk takes it \
             with the vault. Copy it elsewhere (another disk or machine) to make it a backup.",
            path.display(),
            ctx.home.root.display()
        ));
    }
    Ok(Created {
        file: path.display().to_string(),
        size,
        protection,
        header,
        inside_home,
    })
}

/// A new backup passphrase must be as hard to guess as a login password (the same
/// estimator and threshold): the backup holds the seeds.
pub(crate) fn check_passphrase(p: &str, user: &str, email: &str) -> Result<()> {
    super::register::check_strength(p, &[user, email, "coffer"]).map_err(|e| match e {
        Error::WeakPassword { reason, .. } => Error::WeakPassword {
            reason,
            subject: "backup passphrase",
        },
        e => e,
    })
}

/// Whether `file` (which exists) lies under the directory `home`, links resolved.
fn inside(file: &Path, home: &Path) -> bool {
    let real = |p: &Path| std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf());
    let dir = file.parent().map(real).unwrap_or_default();
    dir.starts_with(real(home))
}

/// One check of `backup verify`.
#[derive(Debug, Serialize)]
pub struct Check {
    /// What was checked.
    pub check: String,
    /// Whether it passed.
    pub ok: bool,
    /// Details.
    pub detail: String,
}

/// What `backup verify` found.
#[derive(Debug, Serialize)]
pub struct Verified {
    /// The file.
    pub file: String,
    /// Whether every check passed: always true, since a backup that fails a check is
    /// the error `backup_invalid` (with the checks).
    pub ok: bool,
    /// The header.
    pub header: Header,
    /// Each check.
    pub checks: Vec<Check>,
    /// Where the result was recorded for `backup list` (`FILE.verified`, next to the
    /// backup; never in the vault), or null when that place is not writable.
    pub recorded: Option<String>,
}

/// The result of the last `backup verify` of a file, kept next to it as `FILE.verified`
/// (no secret in it): `backup list` shows it while the file is unchanged.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct VerifyRecord {
    /// SHA-256 of the backup file verified.
    file_sha256: String,
    /// When (RFC 3339).
    verified_at: String,
    /// Whether every check passed.
    ok: bool,
    /// The checks that failed.
    failed: Vec<String>,
    /// The coffer that verified it.
    coffer_version: String,
}

fn file_sha256(file: &Path) -> Option<String> {
    let mut f = std::fs::File::open(file).ok()?;
    let mut h = sha2::Sha256::new();
    std::io::copy(&mut f, &mut h).ok()?;
    Some(hex::encode(h.finalize()))
}

/// The last verification of `file`, if recorded and the file is unchanged since.
fn last_verified(file: &Path) -> Option<VerifyRecord> {
    let r: VerifyRecord = serde_json::from_slice(&std::fs::read(record_path(file)).ok()?).ok()?;
    (file_sha256(file)? == r.file_sha256).then_some(r)
}

impl Report for Verified {
    fn human(&self, out: &mut Human) {
        out.kv("Backup", &self.file);
        out.kv("User", &self.header.user);
        out.kv("Created", &self.header.created_at);
        for c in &self.checks {
            out.kv(
                &c.check,
                format!("{} {}", if c.ok { "pass" } else { "FAIL" }, c.detail),
            );
        }
        out.kv("Result", if self.ok { "usable" } else { "NOT usable" });
        if let Some(r) = &self.recorded {
            out.kv("Recorded", format!("{r} (shown by `coffer backup list`)"));
        }
    }
}

/// Decrypts a backup in memory with a passphrase or identities.
fn decrypt(path: &Path, args: &VerifyArgs, ctx: &Ctx) -> Result<zeroize::Zeroizing<Vec<u8>>> {
    let ct = std::fs::read(path)
        .map_err(|e| Error::invalid("file", format!("cannot read {}: {e}", path.display())))?;
    let decryptor = age::Decryptor::new_buffered(&ct[..])
        .map_err(|e| Error::BackupInvalid(format!("not an age file ({e})")))?;
    let mut reader = if decryptor.is_scrypt() {
        let p = ctx.input.secret(
            args.passphrase_file.as_deref(),
            "the backup passphrase",
            "--passphrase-file FILE",
            false,
        )?;
        let mut id = age::scrypt::Identity::new(p);
        id.set_max_work_factor(22);
        decryptor
            .decrypt(std::iter::once(&id as &dyn age::Identity))
            .map_err(|e| match e {
                age::DecryptError::DecryptionFailed | age::DecryptError::NoMatchingKeys => {
                    Error::WrongPassphrase
                }
                e => Error::BackupInvalid(e.to_string()),
            })?
    } else {
        let file = args.identity.as_ref().ok_or_else(|| Error::InputRequired {
            what: "an age identity".into(),
            hint: "this backup is encrypted to age recipients: pass --identity FILE".into(),
        })?;
        let text = zeroize::Zeroizing::new(std::fs::read_to_string(file).map_err(|e| {
            Error::invalid("identity", format!("cannot read {}: {e}", file.display()))
        })?);
        let ids: Vec<age::x25519::Identity> = text
            .lines()
            .map(str::trim)
            .filter(|l| l.starts_with("AGE-SECRET-KEY-"))
            .filter_map(|l| l.parse().ok())
            .collect();
        if ids.is_empty() {
            return Err(Error::invalid(
                "identity",
                "no AGE-SECRET-KEY-1… line in the file",
            ));
        }
        decryptor
            .decrypt(ids.iter().map(|i| i as &dyn age::Identity))
            .map_err(|e| match e {
                age::DecryptError::NoMatchingKeys => Error::WrongPassphrase,
                e => Error::BackupInvalid(e.to_string()),
            })?
    };
    let mut plain = zeroize::Zeroizing::new(Vec::with_capacity(ct.len()));
    reader
        .read_to_end(&mut plain)
        .map_err(|e| Error::BackupInvalid(format!("it was truncated or altered ({e})")))?;
    Ok(plain)
}

/// A decrypted backup: its header, snapshot bytes and checks.
struct Inspected {
    header: Header,
    checks: Vec<Check>,
}

/// Where the databases are in a decrypted backup: the vault's, and the wallet engine's
/// (full backups since format 2).
#[derive(Debug, Clone)]
struct Parts {
    vault: std::ops::Range<usize>,
    engine: Option<std::ops::Range<usize>>,
}

/// Opens the snapshot's databases in memory: the vault as `main`, the engine (if any)
/// attached as `engine`.
fn open_snapshot(plain: &[u8], parts: &Parts, read_only: bool) -> Result<Connection> {
    let bad = |e: rusqlite::Error| Error::BackupInvalid(format!("the snapshot does not open: {e}"));
    let db = &plain[parts.vault.clone()];
    let mut conn = schema::memory_connection()?;
    conn.deserialize_read_exact(MAIN_DB, db, db.len(), read_only)
        .map_err(bad)?;
    if let Some(r) = &parts.engine {
        store::attach_empty_engine(&conn)?;
        let e = &plain[r.clone()];
        conn.deserialize_read_exact(store::ENGINE, e, e.len(), read_only)
            .map_err(bad)?;
    }
    Ok(conn)
}

/// Parses and checks a decrypted backup; returns where its databases are in `plain`.
fn inspect(plain: &[u8]) -> Result<(Inspected, Parts)> {
    let bad = |m: &str| Error::BackupInvalid(m.to_string());
    let rest = plain
        .strip_prefix(MAGIC)
        .ok_or_else(|| bad("not a coffer backup"))?;
    let nl = rest
        .iter()
        .position(|b| *b == b'\n')
        .ok_or_else(|| bad("its header is cut"))?;
    let header: Header = serde_json::from_slice(&rest[..nl])
        .map_err(|e| Error::BackupInvalid(format!("its header is unreadable: {e}")))?;
    let start = MAGIC.len() + nl + 1;
    let engine_size = usize::try_from(header.engine_size.unwrap_or(0))
        .ok()
        .filter(|n| *n <= plain.len() - start)
        .ok_or_else(|| bad("its engine section is cut"))?;
    let parts = Parts {
        vault: start..plain.len() - engine_size,
        engine: header
            .engine_size
            .map(|_| plain.len() - engine_size..plain.len()),
    };
    let db = &plain[parts.vault.clone()];
    let mut checks = vec![];
    let mut check = |name: &str, ok: bool, detail: String| {
        checks.push(Check {
            check: name.into(),
            ok,
            detail,
        })
    };
    let digest = hex::encode(sha2::Sha256::digest(db));
    check(
        "snapshot hash",
        digest == header.sha256,
        format!("SHA-256 {}", &digest[..16]),
    );
    if let (Some(r), Some(want)) = (&parts.engine, &header.engine_sha256) {
        let digest = hex::encode(sha2::Sha256::digest(&plain[r.clone()]));
        check(
            "engine snapshot hash",
            &digest == want,
            format!("SHA-256 {}", &digest[..16]),
        );
    }
    let opened = open_snapshot(plain, &parts, false).ok();
    let integrity: String = match &opened {
        Some(conn) => {
            let one = |db: &str| -> String {
                conn.query_row(&format!("PRAGMA {db}.integrity_check"), [], |r| r.get(0))
                    .unwrap_or_else(|e| e.to_string())
            };
            match (one("main"), parts.engine.as_ref().map(|_| one("engine"))) {
                (m, None) => m,
                (m, Some(e)) if m == "ok" && e == "ok" => m,
                (m, Some(e)) => format!("vault: {m}; engine: {e}"),
            }
        }
        None => "not a database".into(),
    };
    check("database integrity", integrity == "ok", integrity.clone());
    match opened {
        Some(mut conn) if integrity == "ok" => {
            check_content(&mut conn, &header, parts.engine.is_some(), &mut check)
        }
        _ => {}
    }
    Ok((Inspected { header, checks }, parts))
}

/// The checks of a snapshot that opens: its schema version, its tables (after bringing a
/// copy to the current schema), its counts and its wallets' keys. Whatever a crafted
/// or damaged snapshot makes fail is a failed check, never an error: each check stops
/// at the first that fails, since the next ones read what it vouches for.
fn check_content(
    conn: &mut Connection,
    header: &Header,
    has_engine: bool,
    check: &mut impl FnMut(&str, bool, String),
) {
    let v = schema::version(conn).unwrap_or(-1);
    let version_ok = v == header.schema_version && (1..=schema::CURRENT).contains(&v);
    check(
        "schema version",
        version_ok,
        format!("{v} (this coffer reads 1 to {})", schema::CURRENT),
    );
    if !version_ok {
        return;
    }
    if let Err(why) = current_schema(conn, has_engine) {
        check("tables", false, why);
        return;
    }
    check("tables", true, "coffer's tables and columns".into());
    let c = match counts(conn) {
        Ok(c) => c,
        Err(e) => return check("counts", false, e.cause()),
    };
    check(
        "counts",
        c == header.counts,
        format!(
            "{} wallets, {} addresses, {} transactions, {} labels",
            c.wallets, c.addresses, c.transactions, c.labels
        ),
    );
    let list = match wallets::list(conn) {
        Ok(l) => l,
        Err(e) => return check("wallets", false, e.cause()),
    };
    for w in list {
        let (ok, detail) = keys_match(conn, &w).unwrap_or_else(|e| (false, e.cause()));
        check(&format!("keys of wallet {}", w.name), ok, detail);
    }
}

/// Brings an opened snapshot to the current schema (in memory) and checks that it has
/// coffer's tables; else says why not.
fn current_schema(conn: &mut Connection, has_engine: bool) -> std::result::Result<(), String> {
    schema::migrate(conn)
        .map_err(|e| format!("it does not migrate to this coffer's schema: {}", e.cause()))?;
    schema::check_shape(conn, "main")?;
    schema::check_types(conn, "main")?;
    if has_engine {
        schema::check_shape(conn, "engine")
            .and_then(|()| schema::check_types(conn, "engine"))
            .map_err(|e| format!("the engine: {e}"))?;
    }
    Ok(())
}

/// A verified backup's databases, opened and brought to the current schema (which
/// [`inspect`] checked they can be).
fn open_current(plain: &[u8], parts: &Parts) -> Result<Connection> {
    let mut conn = open_snapshot(plain, parts, false)?;
    current_schema(&mut conn, parts.engine.is_some())
        .map_err(|why| Error::BackupInvalid(format!("its snapshot: {why}")))?;
    Ok(conn)
}

/// A decrypted backup that passed every check, for restoring from: its plaintext,
/// header and checks, and where the snapshot is in the plaintext.
type Opened = (zeroize::Zeroizing<Vec<u8>>, Inspected, Parts);

fn open_verified(
    ctx: &Ctx,
    file: &Path,
    passphrase_file: &Option<PathBuf>,
    identity: &Option<PathBuf>,
) -> Result<Opened> {
    let verify_args = VerifyArgs {
        file: file.to_path_buf(),
        passphrase_file: passphrase_file.clone(),
        identity: identity.clone(),
    };
    let plain = decrypt(file, &verify_args, ctx)?;
    let (i, parts) = inspect(&plain)?;
    if let Some(c) = i.checks.iter().find(|c| !c.ok) {
        return Err(Error::BackupInvalid(format!(
            "check '{}' failed ({}): nothing was restored",
            c.check, c.detail
        )));
    }
    Ok((plain, i, parts))
}

/// Runs `coffer backup verify`: everything in memory; nothing is written.
pub fn verify(ctx: &Ctx, args: VerifyArgs) -> Result<Verified> {
    let plain = decrypt(&args.file, &args, ctx)?;
    let (i, _) = inspect(&plain)?;
    let ok = i.checks.iter().all(|c| c.ok);
    // The result goes next to the backup, never into the vault (which stays untouched).
    let recorded = file_sha256(&args.file).and_then(|sha| {
        let record = VerifyRecord {
            file_sha256: sha,
            verified_at: clock::rfc3339(clock::now()),
            ok,
            failed: i
                .checks
                .iter()
                .filter(|c| !c.ok)
                .map(|c| c.check.clone())
                .collect(),
            coffer_version: env!("CARGO_PKG_VERSION").into(),
        };
        let path = record_path(&args.file);
        let json = serde_json::to_vec_pretty(&record).ok()?;
        fsio::write_private(&path, &json).ok()?;
        Some(path.display().to_string())
    });
    if !ok {
        let failed: Vec<String> = i
            .checks
            .iter()
            .filter(|c| !c.ok)
            .map(|c| format!("{} ({})", c.check, c.detail))
            .collect();
        return Err(Error::BackupUnusable {
            failed: failed.join("; "),
            details: Box::new(serde_json::json!({
                "checks": serde_json::to_value(&i.checks).context("serializing the checks")?,
                "recorded": recorded,
            })),
        });
    }
    Ok(Verified {
        file: args.file.display().to_string(),
        ok,
        header: i.header,
        checks: i.checks,
        recorded,
    })
}

/// `restore` subcommands.
#[derive(Debug, clap::Subcommand)]
pub enum RestoreCmd {
    /// A new local user from a full backup (asks for a new password and PIN, prints a
    /// new recovery code). An existing user is never overwritten.
    ///
    /// Examples:
    ///   coffer restore vault coffer-alice-20260131T120000Z.age
    ///   coffer restore vault backup.age --as alice2 --dry-run
    #[command(verbatim_doc_comment)]
    Vault(RestoreArgs),
    /// A wallet recreated from its BIP-39 phrase into the unlocked vault, with the first
    /// --gap-limit addresses derived (and EVM balances read when a backend is set).
    ///
    /// Examples:
    ///   coffer restore wallet old --mnemonic-file words.txt --dry-run
    ///   coffer restore wallet old --mnemonic-stdin --chains btc --network testnet
    #[command(verbatim_doc_comment)]
    Wallet(Box<crate::commands::restore::RestoreWalletArgs>),
    /// Merge a backup's labels, notes, categories, settings and rates into this vault.
    Partial(PartialArgs),
}

/// Arguments of `restore vault`.
#[derive(Debug, clap::Args)]
pub struct RestoreArgs {
    /// The full backup.
    pub file: PathBuf,
    /// The user to create (default: the backup's user).
    #[arg(long = "as", value_name = "USERNAME")]
    pub as_user: Option<String>,
    /// Show what would be restored; write nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// Replace an existing user of that name: their vault is kept as
    /// `vault.age.before-restore` (with its profile) until their next successful login.
    #[arg(long)]
    pub force: bool,
    /// The backup passphrase, from FILE (else asked on a terminal).
    #[arg(long, value_name = "FILE", conflicts_with = "identity")]
    pub passphrase_file: Option<PathBuf>,
    /// An age identity file, for a backup made to recipients.
    #[arg(long, value_name = "FILE")]
    pub identity: Option<PathBuf>,
    #[command(flatten)]
    pub password: crate::secret::PasswordArgs,
    /// Read the new transaction PIN from FILE (else $COFFER_PIN, else a prompt).
    #[arg(long, value_name = "FILE")]
    pub pin_file: Option<PathBuf>,
}

/// What `restore vault` did (or would do).
#[derive(Debug, Serialize)]
pub struct Restored {
    /// True with --dry-run: nothing was written.
    pub dry_run: bool,
    /// The user created.
    pub user: String,
    /// The user the backup was made of.
    pub from_user: String,
    /// When the backup was made.
    pub backup_created_at: String,
    /// The wallets restored.
    pub wallets: Vec<String>,
    /// True when an existing user was replaced (--force); their old vault is kept as
    /// `*.before-restore` until their next successful login.
    pub replaced: bool,
    /// What the backup holds.
    pub counts: Counts,
    /// The new user (password, recovery code, session), unless a dry run.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub registered: Option<crate::commands::register::Registered>,
}

impl Report for Restored {
    fn human(&self, out: &mut Human) {
        if self.dry_run {
            out.line("Dry run: nothing was written.");
        }
        out.kv("User", &self.user);
        out.kv(
            "From",
            format!("{}'s backup of {}", self.from_user, self.backup_created_at),
        );
        out.kv("Wallets", self.wallets.join(", "));
        if self.replaced {
            out.kv(
                "Replaces",
                format!(
                    "the existing user {}: the old vault is kept as vault.age.before-restore \
                     (with profile.json.before-restore) until their next successful login",
                    self.user
                ),
            );
        }
        out.kv(
            "Holds",
            format!(
                "{} addresses, {} transactions, {} labels",
                self.counts.addresses, self.counts.transactions, self.counts.labels
            ),
        );
        if let Some(r) = &self.registered {
            out.line("");
            r.human(out);
        }
    }
}

/// Arguments of `restore partial`.
#[derive(Debug, clap::Args)]
pub struct PartialArgs {
    /// The partial (or full) backup.
    pub file: PathBuf,
    /// The backup passphrase, from FILE.
    #[arg(long, value_name = "FILE", conflicts_with = "identity")]
    pub passphrase_file: Option<PathBuf>,
    /// An age identity file.
    #[arg(long, value_name = "FILE")]
    pub identity: Option<PathBuf>,
}

/// What `restore partial` changed.
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

impl Report for Merged {
    fn human(&self, out: &mut Human) {
        out.kv("Addresses", self.addresses.to_string());
        out.kv("Transactions", self.transactions.to_string());
        out.kv("Settings", self.settings.to_string());
        out.kv("Rates", self.rates.to_string());
    }
}

/// Runs `coffer restore partial`: merges labels, notes, categories, settings and rates
/// of a backup into the unlocked vault (the backup's values win).
pub fn restore_partial(ctx: &Ctx, args: PartialArgs) -> Result<Merged> {
    let unlocked = ctx.unlock()?;
    let (plain, _, parts) = open_verified(ctx, &args.file, &args.passphrase_file, &args.identity)?;
    let src = open_current(&plain, &parts)?;
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
    let addresses = collect(
        "SELECT address, label, purpose FROM addresses WHERE label IS NOT NULL OR purpose IS NOT NULL",
    )?;
    let txs = collect(
        "SELECT txid, label, category, note FROM transactions
         WHERE label IS NOT NULL OR category IS NOT NULL OR note IS NOT NULL",
    )?;
    let settings = collect("SELECT key, value FROM settings")?;
    let rates = collect("SELECT pair, time, rate, source FROM rates")?;
    unlocked.vault.write(|c| {
        let mut m = Merged::default();
        for a in &addresses {
            m.addresses += c
                .execute(
                    &format!(
                        "UPDATE addresses SET label = coalesce(?2, label), purpose = coalesce(?3, purpose)
                         WHERE {}",
                        wallets::ADDRESS_IS
                    ),
                    rusqlite::params_from_iter(a.iter()),
                )
                .context("merging address labels")?
                .min(1);
        }
        for t in &txs {
            m.transactions += c
                .execute(
                    "UPDATE transactions SET label = coalesce(?2, label),
                         category = coalesce(?3, category), note = coalesce(?4, note)
                     WHERE txid = ?1",
                    rusqlite::params_from_iter(t.iter()),
                )
                .context("merging transaction notes")?
                .min(1);
        }
        for s in &settings {
            c.execute(
                "INSERT INTO settings (key, value) VALUES (?1, ?2)
                 ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                rusqlite::params_from_iter(s.iter()),
            )
            .context("merging settings")?;
            m.settings += 1;
        }
        for r in &rates {
            m.rates += c
                .execute(
                    "INSERT OR IGNORE INTO rates (pair, time, rate, source) VALUES (?1, ?2, ?3, ?4)",
                    rusqlite::params_from_iter(r.iter()),
                )
                .context("merging rates")?;
        }
        audit::record(
            c,
            &Event::new(
                "restore_partial",
                Severity::Info,
                true,
                serde_json::json!({
                    "file": args.file.display().to_string(),
                    "addresses": m.addresses,
                    "transactions": m.transactions,
                    "settings": m.settings,
                    "rates": m.rates,
                }),
            ),
        )?;
        Ok(m)
    })
}

/// Runs `coffer restore vault`: a new local user from a verified full backup.
pub fn restore(ctx: &Ctx, args: RestoreArgs) -> Result<Restored> {
    let (plain, i, parts) = open_verified(ctx, &args.file, &args.passphrase_file, &args.identity)?;
    if i.header.kind != "full" {
        return Err(Error::invalid(
            "file",
            "a partial backup holds no keys: restore it into a vault with `coffer restore partial`",
        ));
    }
    let user = args
        .as_user
        .clone()
        .unwrap_or_else(|| i.header.user.clone());
    // Before the name becomes a path (a backup's header is not to be trusted with one).
    crate::vault::profile::validate_username(&user)?;
    let exists = ctx.home.user(&user).dir.exists();
    if exists && !args.force {
        return Err(Error::UserExists(user));
    }
    if exists {
        crate::commands::register::check_nothing_set_aside(&ctx.home.user(&user))?;
    }
    let conn = open_current(&plain, &parts)?;
    let wallet_names: Vec<String> = wallets::list(&conn)?.into_iter().map(|w| w.name).collect();
    let mut out = Restored {
        dry_run: args.dry_run,
        user: user.clone(),
        from_user: i.header.user.clone(),
        backup_created_at: i.header.created_at.clone(),
        wallets: wallet_names,
        replaced: exists,
        counts: i.header.counts.clone(),
        registered: None,
    };
    if args.dry_run {
        return Ok(out);
    }
    let email = crate::vault::meta(&conn, "email")?.unwrap_or_default();
    out.registered = Some(crate::commands::register::new_user(
        ctx,
        &user,
        &email,
        &args.password,
        args.pin_file.as_deref(),
        Some(conn),
        args.force,
    )?);
    Ok(out)
}

/// Re-derives a hot wallet's fingerprint and first addresses from its mnemonic and
/// compares them with what the backup stores.
fn keys_match(conn: &Connection, w: &wallets::WalletRow) -> Result<(bool, String)> {
    let Some(secret) = wallets::secret(conn, w.id)? else {
        return Ok((true, "watch-only: no keys to check".into()));
    };
    let Ok(seed) = secret.seed() else {
        return Ok((false, "the stored mnemonic is not valid".into()));
    };
    let secp = bitcoin::secp256k1::Secp256k1::new();
    let mut checked = 0;
    for a in &w.accounts {
        let stored: Option<String> = conn
            .query_row(
                "SELECT address FROM addresses WHERE account_id = ?1 AND change = 0 AND idx = 0",
                [a.id],
                |r| r.get(0),
            )
            .ok();
        let derived = if a.chain == "eth" {
            let master = btc::master(&seed[..], Network::Bitcoin)?;
            eth::derive_address(&secp, &master, 0)?.to_checksum(None)
        } else {
            let network: Network = a.network.as_deref().unwrap_or("bitcoin").parse()?;
            let master = btc::master(&seed[..], network)?;
            let fp = master.fingerprint(&secp).to_string();
            if a.fingerprint.as_deref() != Some(fp.as_str()) {
                return Ok((
                    false,
                    format!("master fingerprint {fp} differs from the stored one"),
                ));
            }
            match a.addresses(0, 0, 1) {
                Ok(mut v) => v.remove(0),
                Err(_) => continue,
            }
        };
        if let Some(s) = stored {
            if !s.eq_ignore_ascii_case(&derived) {
                return Ok((
                    false,
                    format!("{} address 0 differs from the keys", a.chain),
                ));
            }
            checked += 1;
        }
    }
    Ok((
        true,
        format!("fingerprint and {checked} first address(es) re-derived"),
    ))
}

/// One backup as listed.
#[derive(Debug, Serialize)]
pub struct Listed {
    /// The file.
    pub path: String,
    /// When it was made (RFC 3339), if recorded.
    pub created_at: Option<String>,
    /// `full`.
    pub kind: Option<String>,
    /// Size in bytes (0 when the file is gone).
    pub size: u64,
    /// Whether the file is still there.
    pub exists: bool,
    /// How it is protected, if recorded.
    pub protection: Option<String>,
    /// When `backup verify` last checked this very file (unchanged since), if it did.
    pub last_verified: Option<String>,
    /// Its result: true when every check passed.
    pub verified_ok: Option<bool>,
    /// True for a path recorded relative to a directory nobody noted (before issue 19):
    /// it cannot be located, and `exists`, `size` and `last_verified` are as seen from
    /// the current directory, which may not be the one it was made in.
    pub path_relative: bool,
}

/// `backup list` output.
#[derive(Debug, Serialize)]
pub struct Listing {
    /// The backups, newest first.
    pub items: Vec<Listed>,
}

impl Report for Listing {
    fn human(&self, out: &mut Human) {
        if self.items.is_empty() {
            out.line("No backups yet; make one with `coffer backup create`.");
            return;
        }
        let rows = self
            .items
            .iter()
            .map(|b| {
                vec![
                    b.created_at.clone().unwrap_or_default(),
                    if b.path_relative {
                        format!("{} (recorded relative to an unknown directory)", b.path)
                    } else {
                        b.path.clone()
                    },
                    match (b.exists, b.path_relative) {
                        (true, _) => b.size.to_string(),
                        (false, true) => "not found here".into(),
                        (false, false) => "missing".into(),
                    },
                    b.protection.clone().unwrap_or_default(),
                    match (&b.last_verified, b.verified_ok) {
                        (Some(at), Some(true)) => format!("ok {at}"),
                        (Some(at), _) => format!("FAILED {at}"),
                        _ => "never".into(),
                    },
                ]
            })
            .collect();
        out.table(
            &["created", "file", "size", "protected by", "verified"],
            rows,
        );
    }
}

/// Runs `coffer backup list`.
pub fn list(ctx: &Ctx) -> Result<Listing> {
    let unlocked = ctx.unlock()?;
    let conn = unlocked.vault.read()?;
    Ok(Listing {
        items: list_for(&conn, &unlocked.vault.paths)?,
    })
}

/// The backups the vault recorded and those in the default directory, newest first.
pub fn list_for(
    conn: &Connection,
    paths: &crate::vault::profile::UserPaths,
) -> Result<Vec<Listed>> {
    let mut items: Vec<Listed> = vec![];
    let mut stmt = conn
        .prepare("SELECT path, created_at, kind, protection FROM backups ORDER BY created_at DESC")
        .context("listing backups")?;
    let rows = stmt
        .query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, i64>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
            ))
        })
        .context("listing backups")?;
    for row in rows {
        let (path, at, kind, protection) = row.context("listing backups")?;
        let meta = std::fs::metadata(&path).ok();
        let v = last_verified(Path::new(&path));
        items.push(Listed {
            path_relative: Path::new(&path).is_relative(),
            exists: meta.is_some(),
            size: meta.map_or(0, |m| m.len()),
            path,
            created_at: Some(clock::rfc3339(at)),
            kind: Some(kind),
            protection: Some(protection),
            last_verified: v.as_ref().map(|v| v.verified_at.clone()),
            verified_ok: v.map(|v| v.ok),
        });
    }
    let dir = paths.dir.join("backups");
    if let Ok(entries) = std::fs::read_dir(&dir) {
        let mut found: Vec<PathBuf> = entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "age"))
            .collect();
        found.sort();
        for p in found.into_iter().rev() {
            let s = p.display().to_string();
            if items.iter().any(|i| i.path == s) {
                continue;
            }
            let v = last_verified(&p);
            items.push(Listed {
                size: std::fs::metadata(&p).map_or(0, |m| m.len()),
                exists: true,
                path: s,
                created_at: None,
                kind: None,
                protection: None,
                last_verified: v.as_ref().map(|v| v.verified_at.clone()),
                verified_ok: v.map(|v| v.ok),
                path_relative: false,
            });
        }
    }
    Ok(items)
}
