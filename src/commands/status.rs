//! `coffer status`: one screen for the first look of the day — who is unlocked and for how
//! long, the balances and their fiat total, pending and held transactions, each backend's
//! last sync and whether it answers now, automatic backups, and the recommendations of
//! `security show`.
//!
//! It reads only what it must: the vault is decrypted once, balances are the stored ones
//! (no wallet engine is rebuilt), pending and held transactions are counted and only the
//! latest few read. Backends are probed in parallel and waited for at most `--timeout`
//! seconds (default 3; each request also within `COFFER_RPC_TIMEOUT`); one that does not
//! answer is a line in the status, not a failure of the command. A locked vault is the `locked` error (exit 3), as for every
//! command that needs the vault.

use crate::cli::status::StatusArgs;
use crate::commands::balance::{self, Balances};
use crate::commands::login::{self, WhoAmI};
use crate::commands::security::{self, Shown};
use crate::context::Ctx;
use crate::error::Result;
use crate::vault::backends;
use coffer_core::status::{self as core, BackendStatus, OpenTxs};
use serde::Serialize;

/// `coffer status` output.
#[derive(Debug, Serialize)]
pub struct Status {
    /// The user and the session: `whoami`'s data.
    pub whoami: WhoAmI,
    /// The balances per wallet and the fiat total: `wallet balance`'s data.
    pub balances: Balances,
    /// Unconfirmed transactions.
    pub pending: OpenTxs,
    /// Sends held for approval (`coffer send confirm ID` / `send cancel ID`).
    pub held: OpenTxs,
    /// The backends, their reachability now and their last sync.
    pub backends: Vec<BackendStatus>,
    /// Automatic backups, the last backups and the recommendations: `security show`'s
    /// data.
    pub security: Shown,
}

/// Runs `coffer status`.
pub fn run(ctx: &Ctx, args: StatusArgs) -> Result<Status> {
    let unlocked = ctx.unlock()?;
    let conn = unlocked.vault.read()?;
    let whoami = login::whoami_of(ctx, &unlocked, &conn)?;
    let balances = balance::balances_of(&unlocked, &conn, None)?;
    let tokens = backends::tokens(&conn, None)?;
    let pending = core::pending(&conn, &tokens)?;
    let held = core::held(&conn)?;
    let security = security::show_of(&unlocked, &conn)?;
    let backends = core::backends(&conn, &balances.synced, args.offline, args.timeout)?;
    Ok(Status {
        whoami,
        balances,
        pending,
        held,
        backends,
        security,
    })
}
