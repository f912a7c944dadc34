//! One module per command group: the glue. Each takes its clap args (defined in
//! [`crate::cli`]) and exposes a `run`-style function returning a `Serialize` +
//! [`Report`](crate::output::Report) value; none prints.

pub mod addr;
pub mod approval;
pub mod backend;
pub mod backup;
pub mod balance;
pub mod completions;
pub mod credentials;
pub mod fees;
pub mod history;
pub mod labels;
pub mod login;
pub mod message;
pub mod multisig;
pub mod rates;
pub mod receive;
pub mod register;
pub mod restore;
pub mod security;
pub mod send;
pub mod send_eth;
pub mod status;
pub mod twofa;
pub mod users;
pub mod utxo;
pub mod wallet;

use crate::clock;
use crate::vault::session::{Mode, SessionFile};
use serde::Serialize;

/// A session as shown by `register`, `login` and `whoami`.
#[derive(Debug, Serialize)]
pub struct SessionInfo {
    /// `file` or `env`.
    pub mode: Mode,
    /// Login time (RFC 3339).
    pub created_at: String,
    /// Absolute expiry (RFC 3339).
    pub expires_at: String,
    /// Seconds until the absolute expiry.
    pub expires_in_secs: i64,
    /// The idle timeout in seconds.
    pub idle_timeout_secs: i64,
    /// Seconds of inactivity left before the session expires.
    pub idle_left_secs: i64,
}

impl SessionInfo {
    /// Describes `file`, last active at `last_active`, as seen at `now`.
    pub fn new(file: &SessionFile, last_active: i64, now: i64) -> Self {
        SessionInfo {
            mode: file.mode,
            created_at: clock::rfc3339(file.created_at),
            expires_at: clock::rfc3339(file.expires_at),
            expires_in_secs: (file.expires_at - now).max(0),
            idle_timeout_secs: file.idle_timeout_secs,
            idle_left_secs: (last_active + file.idle_timeout_secs - now).max(0),
        }
    }
}

/// A damage report raised where only the database was at hand, with the user's vault
/// directory (its hint names `vault.age.prev`).
pub fn located(ctx: &crate::context::Ctx, e: crate::error::Error) -> crate::error::Error {
    match &e {
        crate::error::Error::VaultDamaged { dir, .. } if dir.as_os_str().is_empty() => {
            match ctx.resolve_user() {
                Ok(user) => crate::vault::txs::in_dir(e, &ctx.home.user(&user).dir),
                Err(_) => e,
            }
        }
        _ => e,
    }
}
