//! `coffer wallet balance`: per wallet and currency, confirmed, pending and total
//! (`coffer_core::balance`).

use crate::cli::balance::BalanceArgs;
use crate::context::Ctx;
use crate::error::Result;
pub use coffer_core::balance::{AccountBalance, Balances};

/// Runs `coffer wallet balance`.
pub fn balance(ctx: &Ctx, args: BalanceArgs) -> Result<Balances> {
    let unlocked = ctx.unlock()?;
    let conn = unlocked.vault.read()?;
    balances_of(&unlocked, &conn, args.wallet.as_deref())
}

/// The balances (of `wallet` only, if given) from a vault already unlocked and read
/// (`coffer status`).
pub fn balances_of(
    unlocked: &crate::context::Unlocked,
    conn: &coffer_core::Db,
    wallet: Option<&str>,
) -> Result<Balances> {
    coffer_core::balance::balances(conn, wallet)
        .map_err(|e| crate::vault::txs::in_dir(e, &unlocked.vault.paths.dir))
}
