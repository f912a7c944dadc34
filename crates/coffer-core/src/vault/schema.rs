//! The vault database schema: `PRAGMA user_version` plus forward-only migrations. A vault
//! whose version is newer than this build knows is refused, never touched.

use crate::error::{Error, Result};
use anyhow::Context as _;
use rusqlite::Connection;

/// The wallet engine's tables (migration 5, and an engine rebuilt from the vault).
macro_rules! engine_tables {
    () => {
        "CREATE TABLE engine.engine_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
     CREATE TABLE engine.btc_changesets (
         id INTEGER PRIMARY KEY,
         account_id INTEGER NOT NULL,
         data BLOB NOT NULL
     );
     CREATE INDEX engine.btc_changesets_account ON btc_changesets (account_id, id);
     CREATE TABLE engine.btc_txs (
         account_id INTEGER NOT NULL,
         txid BLOB NOT NULL,
         raw BLOB NOT NULL,
         PRIMARY KEY (account_id, txid)
     ) WITHOUT ROWID;"
    };
}

/// The engine's floating transaction outputs (migration 14).
macro_rules! engine_txouts {
    () => {
        "CREATE TABLE IF NOT EXISTS engine.btc_txouts (
         account_id INTEGER NOT NULL,
         txid BLOB NOT NULL,
         vout INTEGER NOT NULL,
         value INTEGER NOT NULL,
         script BLOB NOT NULL,
         PRIMARY KEY (account_id, txid, vout)
     ) WITHOUT ROWID;"
    };
}

/// Each entry moves the schema from version `i` to `i + 1`. Append only; never edit.
const MIGRATIONS: &[&str] = &[
    // 0 -> 1: the foundation.
    "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
     CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
     CREATE TABLE pin (
         id INTEGER PRIMARY KEY CHECK (id = 1),
         kdf TEXT NOT NULL,
         hash BLOB NOT NULL,
         failed INTEGER NOT NULL DEFAULT 0,
         locked_until INTEGER
     );
     CREATE TABLE audit (
         id INTEGER PRIMARY KEY,
         event_id TEXT NOT NULL UNIQUE,
         time_ms INTEGER NOT NULL,
         event TEXT NOT NULL,
         severity TEXT NOT NULL,
         success INTEGER NOT NULL,
         details TEXT NOT NULL
     );
     CREATE INDEX audit_time ON audit (time_ms);
     CREATE TABLE wallets (
         id INTEGER PRIMARY KEY,
         name TEXT NOT NULL UNIQUE,
         created_at INTEGER NOT NULL
     );",
    // 1 -> 2: HD wallets, their accounts and secrets.
    "ALTER TABLE wallets ADD COLUMN kind TEXT NOT NULL DEFAULT 'hot';
     ALTER TABLE wallets ADD COLUMN archived INTEGER NOT NULL DEFAULT 0;
     CREATE TABLE wallet_secrets (
         wallet_id INTEGER PRIMARY KEY REFERENCES wallets (id),
         mnemonic TEXT NOT NULL,
         passphrase TEXT
     );
     CREATE TABLE accounts (
         id INTEGER PRIMARY KEY,
         wallet_id INTEGER NOT NULL REFERENCES wallets (id),
         chain TEXT NOT NULL,
         network TEXT,
         script_type TEXT,
         account_index INTEGER NOT NULL,
         fingerprint TEXT,
         path TEXT,
         xpub TEXT,
         external_descriptor TEXT,
         internal_descriptor TEXT,
         UNIQUE (wallet_id, chain)
     );
     CREATE TABLE addresses (
         id INTEGER PRIMARY KEY,
         account_id INTEGER NOT NULL REFERENCES accounts (id),
         change INTEGER NOT NULL,
         idx INTEGER NOT NULL,
         address TEXT NOT NULL,
         label TEXT,
         purpose TEXT,
         created_at INTEGER NOT NULL,
         UNIQUE (account_id, change, idx)
     );
     CREATE INDEX addresses_address ON addresses (address);",
    // 2 -> 3: watch-only accounts that are one address (no xpub).
    "ALTER TABLE accounts ADD COLUMN address TEXT;",
    // 3 -> 4: Bitcoin wallet state (bdk_wallet change sets, with the transactions they
    // hold kept apart in consensus encoding, the compact form), balances, history, and the
    // usage of each address. Amounts are integers in the smallest unit, as text (wei
    // does not fit 64 bits).
    "CREATE TABLE btc_changesets (
         id INTEGER PRIMARY KEY,
         account_id INTEGER NOT NULL REFERENCES accounts (id),
         data BLOB NOT NULL
     );
     CREATE INDEX btc_changesets_account ON btc_changesets (account_id, id);
     CREATE TABLE btc_txs (
         account_id INTEGER NOT NULL REFERENCES accounts (id),
         txid BLOB NOT NULL,
         raw BLOB NOT NULL,
         PRIMARY KEY (account_id, txid)
     ) WITHOUT ROWID;
     CREATE TABLE balances (
         account_id INTEGER PRIMARY KEY REFERENCES accounts (id),
         confirmed TEXT NOT NULL,
         pending TEXT NOT NULL,
         immature TEXT NOT NULL,
         tip_height INTEGER,
         updated_at INTEGER NOT NULL
     );
     CREATE TABLE transactions (
         id INTEGER PRIMARY KEY,
         account_id INTEGER NOT NULL REFERENCES accounts (id),
         txid BLOB NOT NULL,
         asset TEXT NOT NULL,
         direction TEXT NOT NULL,
         amount TEXT NOT NULL,
         fee TEXT,
         status TEXT NOT NULL,
         height INTEGER,
         block_time INTEGER,
         counterparty TEXT,
         label TEXT,
         category TEXT,
         note TEXT,
         replaces TEXT,
         replaced_by TEXT,
         chain_id INTEGER,
         raw BLOB,
         created_at INTEGER NOT NULL,
         -- When it happened (ms): its block's time once confirmed, else when first seen.
         time_ms INTEGER GENERATED ALWAYS AS (coalesce(block_time * 1000, created_at)) STORED,
         -- |amount| as text that sorts like the number: two-digit length, then digits.
         amount_key TEXT GENERATED ALWAYS AS (
             printf('%02d', length(ltrim(amount, '-'))) || ltrim(amount, '-')) STORED,
         UNIQUE (account_id, txid)
     );
     CREATE INDEX transactions_time ON transactions (time_ms, id);
     CREATE TABLE backends (
         chain TEXT NOT NULL,
         network TEXT NOT NULL,
         url TEXT NOT NULL,
         created_at INTEGER NOT NULL,
         PRIMARY KEY (chain, network)
     );
     CREATE TABLE eth_state (
         account_id INTEGER NOT NULL REFERENCES accounts (id),
         chain_id INTEGER NOT NULL,
         asset TEXT NOT NULL,
         balance TEXT NOT NULL,
         nonce INTEGER,
         synced_at INTEGER NOT NULL,
         PRIMARY KEY (account_id, chain_id, asset)
     );
     CREATE TABLE backups (
         path TEXT PRIMARY KEY,
         created_at INTEGER NOT NULL,
         kind TEXT NOT NULL,
         size INTEGER NOT NULL,
         sha256 TEXT NOT NULL,
         protection TEXT NOT NULL
     );
     CREATE TABLE rates (
         pair TEXT NOT NULL,
         time INTEGER NOT NULL,
         rate TEXT NOT NULL,
         source TEXT NOT NULL,
         PRIMARY KEY (pair, time)
     ) WITHOUT ROWID;
     CREATE TABLE tokens (
         chain_id INTEGER NOT NULL,
         address TEXT NOT NULL,
         symbol TEXT NOT NULL,
         decimals INTEGER NOT NULL,
         PRIMARY KEY (chain_id, address)
     );
     ALTER TABLE addresses ADD COLUMN tx_count INTEGER NOT NULL DEFAULT 0;
     ALTER TABLE addresses ADD COLUMN balance TEXT NOT NULL DEFAULT '0';",
    // 5: the wallet engine's state moves to its own file (see vault::store): reads
    // never decrypt it. No foreign keys: SQLite has none across databases. EVM sync
    // progress.
    concat!(
        engine_tables!(),
        "
     INSERT INTO engine.btc_changesets (id, account_id, data)
         SELECT id, account_id, data FROM main.btc_changesets;
     INSERT INTO engine.btc_txs (account_id, txid, raw)
         SELECT account_id, txid, raw FROM main.btc_txs;
     DROP TABLE main.btc_changesets;
     DROP TABLE main.btc_txs;
     -- How far `wallet sync` has read each EVM chain for an account, and its tip then.
     CREATE TABLE eth_sync (
         account_id INTEGER NOT NULL REFERENCES accounts (id),
         chain_id INTEGER NOT NULL,
         scanned_height INTEGER NOT NULL,
         tip_height INTEGER NOT NULL,
         synced_at INTEGER NOT NULL,
         PRIMARY KEY (account_id, chain_id)
     ) WITHOUT ROWID;
     -- Addresses are found by their last ten characters, case-folded (random in every
     -- format): a quarter of the size of an index of whole addresses. See
     -- wallets::ADDRESS_IS.
     DROP INDEX addresses_address;
     CREATE INDEX addresses_tail ON addresses (lower(substr(address, -10)));
     -- Automatic backups (`security set auto-backup`); the passphrase, if that is how
     -- they are protected, never leaves the vault (not even in a partial backup).
     CREATE TABLE auto_backup (
         id INTEGER PRIMARY KEY CHECK (id = 1),
         every_secs INTEGER NOT NULL,
         keep INTEGER NOT NULL,
         dir TEXT,
         recipients TEXT NOT NULL,
         passphrase TEXT,
         last_at INTEGER,
         last_error TEXT
     );
     -- TOTP second factor: the secret (base32), pending until a first code confirms it;
     -- the last accepted time step (a code is accepted once); one-time backup codes,
     -- hashed.
     CREATE TABLE totp (
         id INTEGER PRIMARY KEY CHECK (id = 1),
         secret TEXT NOT NULL,
         enabled INTEGER NOT NULL DEFAULT 0,
         last_step INTEGER,
         created_at INTEGER NOT NULL,
         enabled_at INTEGER
     );
     CREATE TABLE totp_backup_codes (
         hash BLOB PRIMARY KEY,
         used_at INTEGER
     ) WITHOUT ROWID;
     -- The audit hash chain (see vault::audit); rows before it are chained by migrate.
     ALTER TABLE audit ADD COLUMN hash BLOB;
     -- Sends held for a person's approval (limits, new recipients, level high).
     CREATE TABLE approvals (
         id TEXT PRIMARY KEY,
         created_at INTEGER NOT NULL,
         chain TEXT NOT NULL,
         wallet TEXT NOT NULL,
         asset TEXT NOT NULL,
         amount TEXT NOT NULL,
         recipients TEXT NOT NULL,
         payload TEXT NOT NULL,
         reasons TEXT NOT NULL,
         note TEXT,
         chain_id INTEGER,
         status TEXT NOT NULL
     );"
    ),
    // 5 -> 6: Bitcoin sync progress per account: where the first sync began (a rescan
    // for a wider gap limit starts there), the gap limit, the tip reached and when. A
    // wallet's birth: when coffer made its keys (a new mnemonic), nothing can have paid
    // them earlier, so its first sync starts near then; NULL (imported keys): genesis.
    // Frozen coins and addresses (coin control).
    "CREATE TABLE btc_sync (
         account_id INTEGER PRIMARY KEY REFERENCES accounts (id),
         start_height INTEGER NOT NULL,
         gap_limit INTEGER NOT NULL,
         tip_height INTEGER NOT NULL,
         synced_at INTEGER NOT NULL
     );
     ALTER TABLE wallets ADD COLUMN birth INTEGER;
     -- Coin control: frozen coins ('txid:vout') and addresses (every coin paid to them),
     -- never selected automatically.
     CREATE TABLE frozen (
         account_id INTEGER NOT NULL REFERENCES accounts (id),
         target TEXT NOT NULL,
         created_at INTEGER NOT NULL,
         PRIMARY KEY (account_id, target)
     ) WITHOUT ROWID;",
    // 6 -> 7: where an audit row comes from (see vault::audit::Origin). NULL: written by
    // coffer with the vault unlocked; 'inbox': merged from the inbox, written while the
    // vault was locked by anyone who can write there (unauthenticated), with the time
    // it claims and when it was merged (its time_ms is clamped between the rows before
    // it and the merge). Rows merged before this version cannot be told apart.
    "ALTER TABLE audit ADD COLUMN source TEXT;
     ALTER TABLE audit ADD COLUMN claimed_ms INTEGER;
     ALTER TABLE audit ADD COLUMN merged_ms INTEGER;",
    // 7 -> 8: how each hot wallet's BIP-39 seed is derived (see
    // wallets::SeedDerivation): 'bip39', the passphrase NFKD-normalised as BIP-39
    // requires; 'legacy', the passphrase's bytes as typed, as coffer derived every
    // wallet made before this version (the same seed unless NFKD changes the passphrase).
    "ALTER TABLE wallet_secrets ADD COLUMN seed_derivation TEXT NOT NULL DEFAULT 'legacy'
         CHECK (seed_derivation IN ('bip39', 'legacy'));",
    // 8 -> 9 (issue 18, Ethereum addresses): what `wallet sync` read for each watched
    // address of an EVM account (ether with its nonce, and each token), beside the
    // account's sums in eth_state; and which of our addresses an EVM history row moved.
    "CREATE TABLE eth_address_state (
         account_id INTEGER NOT NULL REFERENCES accounts (id),
         chain_id INTEGER NOT NULL,
         address TEXT NOT NULL,
         asset TEXT NOT NULL,
         balance TEXT NOT NULL,
         nonce INTEGER,
         synced_at INTEGER NOT NULL,
         PRIMARY KEY (account_id, chain_id, address, asset)
     ) WITHOUT ROWID;
     ALTER TABLE transactions ADD COLUMN address TEXT;",
    // 9 -> 10 (issue 21, Electrum backends): what each backend is: 'core-rpc' (a Bitcoin Core node),
    // 'electrum' (an Electrum server) or 'json-rpc' (an EVM endpoint); the rows before
    // this version are nodes and EVM endpoints.
    "ALTER TABLE backends ADD COLUMN kind TEXT NOT NULL DEFAULT 'core-rpc'
         CHECK (kind IN ('core-rpc', 'electrum', 'json-rpc'));
     UPDATE backends SET kind = 'json-rpc' WHERE chain = 'eth';",
    // 10 -> 11 (issue 21, privacy and TLS): how each backend is reached: through a SOCKS5
    // proxy (`socks5h://HOST:PORT`, NULL: directly) and, for a TLS server, the SHA-256 of
    // its pinned certificate (64 lowercase hex digits, NULL: the platform's CAs decide).
    "ALTER TABLE backends ADD COLUMN proxy TEXT
         CHECK (proxy IS NULL OR proxy LIKE 'socks5h://%');
     ALTER TABLE backends ADD COLUMN cert_sha256 TEXT
         CHECK (cert_sha256 IS NULL OR (length(cert_sha256) = 64
             AND NOT cert_sha256 GLOB '*[^0-9a-f]*'));",
    // 11 -> 12 (issue 21, Esplora backends): a backend may be 'esplora' (an Esplora HTTP
    // API). SQLite cannot change a CHECK in place: the table is rebuilt with its rows.
    "CREATE TABLE backends_12 (
         chain TEXT NOT NULL,
         network TEXT NOT NULL,
         url TEXT NOT NULL,
         created_at INTEGER NOT NULL,
         kind TEXT NOT NULL DEFAULT 'core-rpc'
             CHECK (kind IN ('core-rpc', 'electrum', 'esplora', 'json-rpc')),
         proxy TEXT CHECK (proxy IS NULL OR proxy LIKE 'socks5h://%'),
         cert_sha256 TEXT CHECK (cert_sha256 IS NULL OR (length(cert_sha256) = 64
             AND NOT cert_sha256 GLOB '*[^0-9a-f]*')),
         PRIMARY KEY (chain, network)
     );
     INSERT INTO backends_12 (chain, network, url, created_at, kind, proxy, cert_sha256)
         SELECT chain, network, url, created_at, kind, proxy, cert_sha256 FROM backends;
     DROP TABLE backends;
     ALTER TABLE backends_12 RENAME TO backends;",
    // 12 -> 13 (issue 22, reads that do not grow with the vault): the counts a read
    // shows, kept by triggers at every change of the rows they count, so that no read
    // counts rows: addresses per account (`wallet list`, `wallet balance`), and history
    // rows per account, asset, direction and status (`history`'s total, with or without
    // those filters). Rows left at 0 are harmless.
    "CREATE TABLE address_counts (
         account_id INTEGER PRIMARY KEY,
         n INTEGER NOT NULL
     );
     INSERT INTO address_counts (account_id, n)
         SELECT account_id, count(*) FROM addresses GROUP BY account_id;
     CREATE TRIGGER address_counts_insert AFTER INSERT ON addresses BEGIN
         INSERT INTO address_counts (account_id, n) VALUES (NEW.account_id, 1)
             ON CONFLICT (account_id) DO UPDATE SET n = n + 1;
     END;
     CREATE TRIGGER address_counts_delete AFTER DELETE ON addresses BEGIN
         UPDATE address_counts SET n = n - 1 WHERE account_id = OLD.account_id;
     END;
     CREATE TRIGGER address_counts_update AFTER UPDATE OF account_id ON addresses BEGIN
         UPDATE address_counts SET n = n - 1 WHERE account_id = OLD.account_id;
         INSERT INTO address_counts (account_id, n) VALUES (NEW.account_id, 1)
             ON CONFLICT (account_id) DO UPDATE SET n = n + 1;
     END;
     CREATE TABLE tx_counts (
         account_id INTEGER NOT NULL,
         asset TEXT NOT NULL,
         direction TEXT NOT NULL,
         status TEXT NOT NULL,
         n INTEGER NOT NULL,
         PRIMARY KEY (account_id, asset, direction, status)
     ) WITHOUT ROWID;
     INSERT INTO tx_counts (account_id, asset, direction, status, n)
         SELECT account_id, asset, direction, status, count(*) FROM transactions
         GROUP BY account_id, asset, direction, status;
     CREATE TRIGGER tx_counts_insert AFTER INSERT ON transactions BEGIN
         INSERT INTO tx_counts (account_id, asset, direction, status, n)
             VALUES (NEW.account_id, NEW.asset, NEW.direction, NEW.status, 1)
             ON CONFLICT (account_id, asset, direction, status) DO UPDATE SET n = n + 1;
     END;
     CREATE TRIGGER tx_counts_delete AFTER DELETE ON transactions BEGIN
         UPDATE tx_counts SET n = n - 1
         WHERE account_id = OLD.account_id AND asset = OLD.asset
           AND direction = OLD.direction AND status = OLD.status;
     END;
     CREATE TRIGGER tx_counts_update
         AFTER UPDATE OF account_id, asset, direction, status ON transactions BEGIN
         UPDATE tx_counts SET n = n - 1
         WHERE account_id = OLD.account_id AND asset = OLD.asset
           AND direction = OLD.direction AND status = OLD.status;
         INSERT INTO tx_counts (account_id, asset, direction, status, n)
             VALUES (NEW.account_id, NEW.asset, NEW.direction, NEW.status, 1)
             ON CONFLICT (account_id, asset, direction, status) DO UPDATE SET n = n + 1;
     END;",
    // 13 -> 14: the engine's floating transaction outputs (a foreign coin an input
    // spends, as an Electrum or Esplora sync inserts it), in rows beside the raw
    // transactions, so that `history show` reads one transaction's inputs without
    // loading the engine. An account's are filled at its next save (engine_meta
    // `txouts:<account id>` then says they are all there).
    engine_txouts!(),
    // 14 -> 15: the few labelled or categorized rows in time (or address) order, so a
    // filter by label or category reads those rows, not the table; transactions by
    // txid (`history show <txid>`).
    "CREATE INDEX transactions_txid ON transactions (txid);
     CREATE INDEX transactions_labelled ON transactions (time_ms, id) WHERE label IS NOT NULL;
     CREATE INDEX transactions_categorized ON transactions (time_ms, id)
         WHERE category IS NOT NULL;
     CREATE INDEX addresses_labelled ON addresses (account_id, change, idx)
         WHERE label IS NOT NULL;",
    // 15 -> 16: the labelled addresses' index holds every column `addr list` shows, so
    // a list filtered by label reads that index alone (a few pages), not one table page
    // per address wherever the addresses lie.
    "DROP INDEX addresses_labelled;
     CREATE INDEX addresses_labelled
         ON addresses (account_id, change, idx, label, address, purpose, tx_count, balance)
         WHERE label IS NOT NULL;",
    // 16 -> 17: the labelled and the categorized transactions' indexes hold every
    // column a history page shows or filters by, so a page or count filtered by label
    // or category reads those indexes alone (a few pages), not one table page per row
    // wherever the rows lie. Their key is the time as an expression, not the generated
    // column `time_ms`: SQLite takes a query naming a generated column to use every
    // column of the table, so no index short of the whole row would cover it; such
    // queries name the expression instead (`history::TIME_EXPR`, the same value).
    "DROP INDEX transactions_labelled;
     DROP INDEX transactions_categorized;
     CREATE INDEX transactions_labelled ON transactions (
         coalesce(block_time * 1000, created_at), id, label, category, account_id,
         chain_id, asset, direction, status, amount, fee, height, counterparty, address,
         note, txid, block_time, created_at)
         WHERE label IS NOT NULL;
     CREATE INDEX transactions_categorized ON transactions (
         coalesce(block_time * 1000, created_at), id, label, category, account_id,
         chain_id, asset, direction, status, amount, fee, height, counterparty, address,
         note, txid, block_time, created_at)
         WHERE category IS NOT NULL;",
    // 17 -> 18 (issue 22): no index on `txid` alone. It duplicated `UNIQUE (account_id,
    // txid)` but for lookups by txid in any account, which now name the accounts
    // (`txs::ANY_ACCOUNT_TXID`: one look in the unique index per account). A second
    // index on a random key: a first sync inserted into both at random places, and it
    // took an eighth of the vault (100,000 transactions: 38.8 MB with it, 34.2 without).
    "DROP INDEX transactions_txid;",
];

/// The schema version this build writes.
pub const CURRENT: i64 = MIGRATIONS.len() as i64;

/// The database's `user_version`.
pub fn version(conn: &Connection) -> Result<i64> {
    Ok(conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .context("reading user_version")?)
}

/// Refuses a vault written by a newer coffer.
pub fn check_supported(conn: &Connection) -> Result<i64> {
    let v = version(conn)?;
    if v > CURRENT {
        return Err(Error::VaultTooNew {
            found: v,
            supported: CURRENT,
        });
    }
    Ok(v)
}

/// Applies the missing migrations, each in its own transaction.
pub fn migrate(conn: &mut Connection) -> Result<()> {
    let from = check_supported(conn)?;
    if from < CURRENT {
        // Migrations may touch the engine: a vault that has none yet gets an empty one
        // (the caller attaches the vault's own engine first when it has one).
        super::store::attach_empty_engine(conn)?;
    }
    for (i, sql) in MIGRATIONS.iter().enumerate().skip(from as usize) {
        let tx = conn.transaction().context("starting migration")?;
        tx.execute_batch(sql)
            .with_context(|| format!("migration {} -> {}", i, i + 1))?;
        tx.pragma_update(None, "user_version", (i + 1) as i64)
            .context("setting user_version")?;
        tx.commit().context("committing migration")?;
    }
    if from < 5 && CURRENT >= 5 {
        super::audit::rechain(conn)?;
    }
    Ok(())
}

/// The wallet engine's tables as migrations 5 and 14 create them (no other migration
/// changes them; a test compares the two): for an engine rebuilt from the vault.
const ENGINE_TABLES: &str = concat!(engine_tables!(), "\n", engine_txouts!());

/// Creates the engine's tables in the attached, empty engine database.
pub fn create_engine_tables(conn: &Connection) -> Result<()> {
    conn.execute_batch(ENGINE_TABLES)
        .context("creating the engine's tables")?;
    Ok(())
}

/// The tables of the current schema and the columns coffer's queries use, in the vault
/// database (`main`) and the wallet engine's (`engine`). A database that lacks one was
/// not written by coffer (or was damaged): see [`check_shape`]. More tables or columns
/// are fine. A migration that adds a table or column may add it here.
const SHAPE: &[(&str, &str, &str)] = &[
    (
        "main",
        "accounts",
        "id wallet_id chain network script_type account_index fingerprint path xpub external_descriptor internal_descriptor address",
    ),
    (
        "main",
        "addresses",
        "id account_id change idx address label purpose created_at tx_count balance",
    ),
    (
        "main",
        "approvals",
        "id created_at chain wallet asset amount recipients payload reasons note chain_id status",
    ),
    (
        "main",
        "audit",
        "id event_id time_ms event severity success details hash",
    ),
    (
        "main",
        "auto_backup",
        "id every_secs keep dir recipients passphrase last_at last_error",
    ),
    (
        "main",
        "backends",
        "chain network url created_at kind proxy cert_sha256",
    ),
    (
        "main",
        "backups",
        "path created_at kind size sha256 protection",
    ),
    (
        "main",
        "balances",
        "account_id confirmed pending immature tip_height updated_at",
    ),
    (
        "main",
        "btc_sync",
        "account_id start_height gap_limit tip_height synced_at",
    ),
    (
        "main",
        "eth_state",
        "account_id chain_id asset balance nonce synced_at",
    ),
    (
        "main",
        "eth_address_state",
        "account_id chain_id address asset balance nonce synced_at",
    ),
    (
        "main",
        "eth_sync",
        "account_id chain_id scanned_height tip_height synced_at",
    ),
    ("main", "frozen", "account_id target created_at"),
    ("main", "address_counts", "account_id n"),
    ("main", "tx_counts", "account_id asset direction status n"),
    ("main", "meta", "key value"),
    ("main", "pin", "id kdf hash failed locked_until"),
    ("main", "rates", "pair time rate source"),
    ("main", "settings", "key value"),
    ("main", "tokens", "chain_id address symbol decimals"),
    (
        "main",
        "totp",
        "id secret enabled last_step created_at enabled_at",
    ),
    ("main", "totp_backup_codes", "hash used_at"),
    (
        "main",
        "transactions",
        "id account_id txid asset direction amount fee status height block_time counterparty label category note replaces replaced_by chain_id raw created_at time_ms amount_key",
    ),
    (
        "main",
        "wallet_secrets",
        "wallet_id mnemonic passphrase seed_derivation",
    ),
    ("main", "wallets", "id name created_at kind archived birth"),
    ("engine", "btc_changesets", "id account_id data"),
    ("engine", "btc_txs", "account_id txid raw"),
    ("engine", "btc_txouts", "account_id txid vout value script"),
    ("engine", "engine_meta", "key value"),
];

/// Checks that the database `db` (`main` or `engine`) of `conn`, at the current schema
/// version, has the tables and columns of [`SHAPE`]; else says what is missing. Every
/// read runs it, so it asks SQLite's parsed schema directly
/// (`sqlite3_table_column_metadata`: a table, not a view, and its column, by name as SQL
/// matches it) instead of preparing a query of every table's columns.
pub fn check_shape(conn: &Connection, db: &str) -> std::result::Result<(), String> {
    let listed = |e: rusqlite::Error| format!("its tables cannot be listed ({e})");
    for (_, table, columns) in SHAPE.iter().filter(|(d, _, _)| *d == db) {
        if !conn.table_exists(Some(db), table).map_err(listed)? {
            return Err(format!(
                "it has no table {table}: it is not a coffer database"
            ));
        }
        for column in columns.split(' ') {
            if !conn
                .column_exists(Some(db), table, column)
                .map_err(listed)?
            {
                return Err(format!("its table {table} has no column {column}"));
            }
        }
    }
    Ok(())
}

/// Checks that every value in the tables of [`SHAPE`] in database `db` has its column's
/// declared type (INTEGER, TEXT or BLOB) or is NULL, as coffer writes them; else names
/// the first column that does not. Reads every row: for checking a backup, not for
/// every read of the vault.
pub fn check_types(conn: &Connection, db: &str) -> std::result::Result<(), String> {
    for (_, table, _) in SHAPE.iter().filter(|(d, _, _)| *d == db) {
        let columns: Vec<(String, String)> = conn
            .prepare(&format!(
                "SELECT name, upper(type) FROM pragma_table_xinfo('{table}', '{db}')"
            ))
            .and_then(|mut st| {
                st.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
                    .collect::<rusqlite::Result<_>>()
            })
            .map_err(|e| format!("the columns of {table} cannot be listed ({e})"))?;
        for (column, declared) in columns {
            let expected = match declared.as_str() {
                "INTEGER" => "integer",
                "TEXT" => "text",
                "BLOB" => "blob",
                _ => continue,
            };
            let bad: i64 = conn
                .query_row(
                    &format!(
                        "SELECT count(*) FROM \"{db}\".\"{table}\"
                         WHERE typeof(\"{column}\") NOT IN ('{expected}', 'null')"
                    ),
                    [],
                    |r| r.get(0),
                )
                .map_err(|e| format!("{table} cannot be read ({e})"))?;
            if bad > 0 {
                return Err(format!(
                    "{bad} value(s) of {table}.{column} are not of type {declared}"
                ));
            }
        }
    }
    Ok(())
}

/// A fresh in-memory connection configured so nothing spills to disk.
pub fn memory_connection() -> Result<Connection> {
    let conn = Connection::open_in_memory().context("opening in-memory database")?;
    conn.execute_batch("PRAGMA temp_store = MEMORY; PRAGMA foreign_keys = ON;")
        .context("configuring database")?;
    Ok(conn)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The counts the triggers keep (`address_counts`, `tx_counts`) equal the rows they
    /// count: for rows from before the counts existed (counted by the migration), and
    /// after inserts, moves between accounts, status changes and deletes.
    #[test]
    fn the_kept_counts_follow_every_change() {
        let mut c = memory_connection().unwrap();
        super::super::store::attach_empty_engine(&c).unwrap();
        for sql in &MIGRATIONS[..12] {
            c.execute_batch(sql).unwrap();
        }
        c.pragma_update(None, "user_version", 12).unwrap();
        let tx = |id: i64, account: i64, direction: &str, status: &str| {
            format!(
                "INSERT INTO transactions (id, account_id, txid, asset, direction, amount, \
                 status, created_at) VALUES ({id}, {account}, x'{id:02x}', 'BTC', \
                 '{direction}', '1', '{status}', {id});"
            )
        };
        let mut rows = String::from(
            "INSERT INTO wallets (id, name, created_at) VALUES (1, 'a', 0), (2, 'b', 0);
             INSERT INTO accounts (id, wallet_id, chain, account_index) VALUES
                 (1, 1, 'btc', 0), (2, 2, 'btc', 0);
             INSERT INTO addresses (account_id, change, idx, address, created_at) VALUES
                 (1, 0, 0, 'a0', 0), (1, 0, 1, 'a1', 0), (2, 0, 0, 'b0', 0);",
        );
        rows += &tx(1, 1, "in", "confirmed");
        rows += &tx(2, 1, "out", "pending");
        c.execute_batch(&rows).unwrap();
        migrate(&mut c).unwrap();
        let check = |c: &Connection| {
            let kept = |sql: &str| -> Vec<(i64, String, String, i64)> {
                c.prepare(sql)
                    .unwrap()
                    .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
                    .unwrap()
                    .collect::<rusqlite::Result<_>>()
                    .unwrap()
            };
            assert_eq!(
                kept(
                    "SELECT account_id, direction, status, n FROM tx_counts WHERE n > 0
                     ORDER BY 1, 2, 3"
                ),
                kept(
                    "SELECT account_id, direction, status, count(*) FROM transactions
                     GROUP BY 1, 2, 3 ORDER BY 1, 2, 3"
                )
            );
            assert_eq!(
                kept("SELECT account_id, '', '', n FROM address_counts WHERE n > 0 ORDER BY 1"),
                kept("SELECT account_id, '', '', count(*) FROM addresses GROUP BY 1 ORDER BY 1")
            );
        };
        check(&c);
        let mut more = String::new();
        for id in 3..40 {
            more += &tx(
                id,
                1 + id % 2,
                ["in", "out", "self"][id as usize % 3],
                "pending",
            );
        }
        more += "INSERT INTO addresses (account_id, change, idx, address, created_at) VALUES
                     (2, 1, 0, 'b1', 0), (2, 1, 1, 'b2', 0);";
        c.execute_batch(&more).unwrap();
        check(&c);
        c.execute_batch(
            "UPDATE transactions SET status = 'confirmed' WHERE id % 3 = 0;
             UPDATE transactions SET account_id = 2, direction = 'in' WHERE id % 5 = 0;
             UPDATE transactions SET label = 'x';
             DELETE FROM transactions WHERE id % 7 = 0;
             UPDATE addresses SET account_id = 1 WHERE address = 'b2';
             DELETE FROM addresses WHERE address = 'a0';",
        )
        .unwrap();
        check(&c);
    }

    /// The shape the checks expect is what the migrations build (a column renamed or
    /// dropped by a migration must leave SHAPE too), and a database without it fails.
    #[test]
    fn the_migrations_build_the_checked_shape() {
        let mut c = memory_connection().unwrap();
        migrate(&mut c).unwrap();
        check_shape(&c, "main").unwrap();
        check_shape(&c, "engine").unwrap();
        c.execute_batch("ALTER TABLE accounts DROP COLUMN external_descriptor")
            .unwrap();
        assert_eq!(
            check_shape(&c, "main").unwrap_err(),
            "its table accounts has no column external_descriptor"
        );
        c.execute_batch("DROP TABLE engine.btc_txs").unwrap();
        assert!(
            check_shape(&c, "engine")
                .unwrap_err()
                .contains("no table btc_txs")
        );
        // A view of the same name and columns is not the table.
        c.execute_batch(
            "CREATE VIEW engine.btc_txs AS SELECT 1 AS account_id, 2 AS txid, 3 AS raw",
        )
        .unwrap();
        assert!(
            check_shape(&c, "engine")
                .unwrap_err()
                .contains("no table btc_txs")
        );
        let empty = memory_connection().unwrap();
        assert!(check_shape(&empty, "main").is_err());
        check_types(&c, "main").unwrap();
        c.execute_batch(
            "INSERT INTO wallets (id, name, created_at) VALUES (1, 'w', 0);
             INSERT INTO accounts (id, wallet_id, chain, account_index) VALUES (1, 1, 'btc', 'x');",
        )
        .unwrap();
        assert_eq!(
            check_types(&c, "main").unwrap_err(),
            "1 value(s) of accounts.account_index are not of type INTEGER"
        );
    }

    #[test]
    fn migrates_forward_and_refuses_newer() {
        let mut c = memory_connection().unwrap();
        migrate(&mut c).unwrap();
        assert_eq!(version(&c).unwrap(), CURRENT);
        migrate(&mut c).unwrap(); // idempotent
        c.pragma_update(None, "user_version", CURRENT + 1).unwrap();
        assert!(matches!(migrate(&mut c), Err(Error::VaultTooNew { .. })));
    }

    /// Version 10 gives each backend its kind: the nodes and EVM endpoints stored before.
    #[test]
    fn backends_get_their_kind() {
        let mut c = memory_connection().unwrap();
        super::super::store::attach_empty_engine(&c).unwrap();
        for sql in &MIGRATIONS[..9] {
            c.execute_batch(sql).unwrap();
        }
        c.pragma_update(None, "user_version", 9).unwrap();
        c.execute_batch(
            "INSERT INTO backends (chain, network, url, created_at)
                 VALUES ('btc', 'regtest', 'http://a', 0), ('eth', '1', 'http://b', 0);",
        )
        .unwrap();
        migrate(&mut c).unwrap();
        let kinds: Vec<(String, String)> = c
            .prepare("SELECT chain, kind FROM backends ORDER BY chain")
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        assert_eq!(
            kinds,
            [
                ("btc".into(), "core-rpc".into()),
                ("eth".into(), "json-rpc".into())
            ]
        );
        assert!(c.execute("UPDATE backends SET kind = 'ftp'", []).is_err());
    }

    /// Version 11 adds how each backend is reached: the backends stored before are direct
    /// and unpinned; a proxy is socks5h:// and a fingerprint 64 lowercase hex digits.
    #[test]
    fn backends_get_a_route() {
        let mut c = memory_connection().unwrap();
        super::super::store::attach_empty_engine(&c).unwrap();
        for sql in &MIGRATIONS[..10] {
            c.execute_batch(sql).unwrap();
        }
        c.pragma_update(None, "user_version", 10).unwrap();
        c.execute_batch(
            "INSERT INTO backends (chain, network, url, created_at, kind)
                 VALUES ('btc', 'regtest', 'tcp://a:1', 0, 'electrum');",
        )
        .unwrap();
        migrate(&mut c).unwrap();
        let route: (Option<String>, Option<String>) = c
            .query_row("SELECT proxy, cert_sha256 FROM backends", [], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .unwrap();
        assert_eq!(route, (None, None));
        let hex = "ab".repeat(32);
        c.execute(
            "UPDATE backends SET proxy = 'socks5h://127.0.0.1:9050', cert_sha256 = ?1",
            [&hex],
        )
        .unwrap();
        for bad in [
            "UPDATE backends SET proxy = 'http://127.0.0.1:8080'",
            "UPDATE backends SET cert_sha256 = 'ab'",
            "UPDATE backends SET cert_sha256 = upper(cert_sha256)",
        ] {
            assert!(c.execute(bad, []).is_err(), "{bad}");
        }
    }

    /// Version 12 lets a backend be an Esplora API and keeps the rows stored before,
    /// with their kind and route; the other checks still hold.
    #[test]
    fn backends_may_be_esplora() {
        let mut c = memory_connection().unwrap();
        super::super::store::attach_empty_engine(&c).unwrap();
        for sql in &MIGRATIONS[..11] {
            c.execute_batch(sql).unwrap();
        }
        c.pragma_update(None, "user_version", 11).unwrap();
        c.execute_batch(
            "INSERT INTO backends (chain, network, url, created_at, kind, proxy)
                 VALUES ('btc', 'regtest', 'tcp://a:1', 7, 'electrum', 'socks5h://p:1');",
        )
        .unwrap();
        assert!(
            c.execute("UPDATE backends SET kind = 'esplora'", [])
                .is_err()
        );
        migrate(&mut c).unwrap();
        let row: (String, i64, String, Option<String>) = c
            .query_row(
                "SELECT url, created_at, kind, proxy FROM backends",
                [],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
            )
            .unwrap();
        assert_eq!(
            row,
            (
                "tcp://a:1".into(),
                7,
                "electrum".into(),
                Some("socks5h://p:1".into())
            )
        );
        c.execute("UPDATE backends SET kind = 'esplora'", [])
            .unwrap();
        for bad in [
            "UPDATE backends SET kind = 'ftp'",
            "UPDATE backends SET proxy = 'http://127.0.0.1:8080'",
            "INSERT INTO backends (chain, network, url, created_at) VALUES ('btc', 'regtest', 'x', 0)",
        ] {
            assert!(c.execute(bad, []).is_err(), "{bad}");
        }
    }

    /// Version 5 moves the wallet-engine tables and their rows to the engine database.
    #[test]
    fn engine_tables_move_out_of_the_vault() {
        let mut c = memory_connection().unwrap();
        for sql in &MIGRATIONS[..4] {
            c.execute_batch(sql).unwrap();
        }
        c.pragma_update(None, "user_version", 4).unwrap();
        c.execute_batch(
            "INSERT INTO wallets (id, name, created_at) VALUES (1, 'w', 0);
             INSERT INTO accounts (id, wallet_id, chain, account_index)
                 VALUES (1, 1, 'btc', 0);
             INSERT INTO btc_txs (account_id, txid, raw) VALUES (1, x'01', x'0203');
             INSERT INTO btc_changesets (account_id, data) VALUES (1, x'04');",
        )
        .unwrap();
        migrate(&mut c).unwrap();
        let count = |sql: &str| c.query_row(sql, [], |r| r.get::<_, i64>(0)).unwrap();
        assert_eq!(
            count("SELECT count(*) FROM engine.btc_txs WHERE raw = x'0203'"),
            1
        );
        assert_eq!(count("SELECT count(*) FROM engine.btc_changesets"), 1);
        assert_eq!(
            count(
                "SELECT count(*) FROM main.sqlite_schema
                 WHERE name IN ('btc_txs', 'btc_changesets')"
            ),
            0
        );
    }

    /// The tables of a rebuilt engine are those a migrated vault has.
    #[test]
    fn rebuilt_engine_tables_equal_the_migrated_ones() {
        let schema = |c: &Connection| -> Vec<String> {
            c.prepare("SELECT sql FROM engine.sqlite_schema ORDER BY name")
                .unwrap()
                .query_map([], |r| r.get(0))
                .unwrap()
                .collect::<rusqlite::Result<_>>()
                .unwrap()
        };
        let mut migrated = memory_connection().unwrap();
        migrate(&mut migrated).unwrap();
        let fresh = memory_connection().unwrap();
        crate::vault::store::attach_empty_engine(&fresh).unwrap();
        create_engine_tables(&fresh).unwrap();
        let norm = |v: Vec<String>| -> Vec<String> {
            v.into_iter()
                .map(|s| s.split_whitespace().collect::<Vec<_>>().join(" "))
                .collect()
        };
        assert_eq!(norm(schema(&migrated)), norm(schema(&fresh)));
    }
}
