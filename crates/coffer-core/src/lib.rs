//! coffer-core: the wallet as a library. The vault (an age-encrypted SQLite database:
//! store, keyslots, KDF, session, schema, inbox, audit log), the chains (Bitcoin through
//! bdk_wallet and a node's RPC; Ethereum keys, transactions, ERC-20 and RPC), the one
//! error type with its codes and exit codes, the clock (with the test clock), the
//! spending policy (limits, security level, new recipients, held sends), backups, sync,
//! valuation (fiat values from the stored exchange rates), history (pages, details,
//! export, summary) and the status's pending, held and backend reads.
//!
//! It parses no command line, prompts for nothing and prints nothing: what it has to tell
//! a person is queued with [`vault::notice`] for the caller to show.

pub mod access;
pub mod accounts;
pub mod addresses;
pub mod auditlog;
pub mod backends;
pub mod backup;
pub mod balance;
pub mod chain;
pub mod clock;
pub mod coins;
pub mod error;
pub mod fees;
pub mod history;
pub mod labels;
pub mod message;
pub mod multisig;
pub mod paging;
pub mod pay;
pub mod policy;
pub mod receive;
pub mod settings;
pub mod status;
pub mod sync;
pub mod text;
pub mod valuation;
pub mod vault;

/// The vault's open database as the layers above the vault hold it: a handle passed to
/// the repositories and the services, which alone make SQL calls on it.
pub type Db = rusqlite::Connection;
