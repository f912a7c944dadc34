//! `coffer utxo`: coin control for Bitcoin wallets (`coffer_core::coins`).

use crate::cli::utxo::UtxoCmd;
use crate::context::Ctx;
use crate::error::Result;
use coffer_core::coins::{self, Coins};

/// Runs `coffer utxo …`.
pub fn run(ctx: &Ctx, cmd: UtxoCmd) -> Result<Coins> {
    let unlocked = ctx.unlock()?;
    match cmd {
        UtxoCmd::List(a) => coins::list(&unlocked.vault, a.wallet.as_deref(), a.frozen),
        UtxoCmd::Freeze(a) => {
            coins::set_frozen(&unlocked.vault, a.wallet.as_deref(), &a.targets, true)
        }
        UtxoCmd::Unfreeze(a) => {
            coins::set_frozen(&unlocked.vault, a.wallet.as_deref(), &a.targets, false)
        }
    }
}
