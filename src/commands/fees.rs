//! `coffer wallet fees`: the fee rates of the levels `slow`, `normal` and `fast` per
//! Bitcoin network, used by `send --fee LEVEL` until a backend gives live estimates.
//! The levels are `coffer_core::fees`; this is the command line over them.

use crate::chain::Network;
use crate::cli::fees::{FeesArgs, FeesCmd};
use crate::context::Ctx;
use crate::error::Result;
use bitcoin::FeeRate;
use coffer_core::Db;
use coffer_core::fees::{self, Fees};

/// `--fee slow|normal|fast|RATE` as a rate (see [`fees::resolve`]); its notice (the node
/// had no estimate) is said here, before the review.
pub fn resolve(conn: &Db, network: Network, fee: &str) -> Result<FeeRate> {
    let (rate, notice) = fees::resolve(conn, network, fee)?;
    if let Some(n) = notice {
        crate::output::write_stderr(&n);
    }
    Ok(rate)
}

/// Runs `coffer wallet fees [set …]`: a change is one write that also reads the answer.
pub fn run(ctx: &Ctx, args: FeesArgs) -> Result<Fees> {
    let network = args.network.unwrap_or(Network::Bitcoin);
    let unlocked = ctx.unlock()?;
    match &args.cmd {
        Some(FeesCmd::Targets { pairs }) => unlocked
            .vault
            .write_light(|conn| fees::set_targets(conn, network, pairs)),
        Some(FeesCmd::Set { pairs }) => unlocked
            .vault
            .write_light(|conn| fees::set_rates(conn, network, pairs)),
        None => fees::levels(&unlocked.vault.read()?, network),
    }
}
