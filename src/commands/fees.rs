//! `coffer wallet fees`: the fee rates of the levels `slow`, `normal` and `fast` per
//! Bitcoin network, used by `send --fee LEVEL` until a backend gives live estimates.
//! The levels are `coffer_core::fees`; this is the command line over them.

use crate::chain::Network;
use crate::context::Ctx;
use crate::error::Result;
use bitcoin::FeeRate;
use coffer_core::fees::{self, Fees, LevelRate, LevelTarget};
use rusqlite::Connection;

/// Arguments of `wallet fees`.
#[derive(Debug, clap::Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct FeesArgs {
    /// Change the rates.
    #[command(subcommand)]
    pub cmd: Option<FeesCmd>,
    /// The network (default: bitcoin).
    #[arg(long, value_parser = crate::values::named::<crate::chain::Network>(), global = true)]
    pub network: Option<Network>,
}

/// `wallet fees` subcommands.
#[derive(Debug, clap::Subcommand)]
pub enum FeesCmd {
    /// Set level rates in sat/vB: `coffer wallet fees set slow=2 normal=5 fast=10`.
    Set {
        /// LEVEL=RATE pairs (sat/vB).
        #[arg(required = true, value_name = "LEVEL=RATE", value_parser = crate::values::parsed::<LevelRate>)]
        pairs: Vec<LevelRate>,
    },
    /// Set the confirmation targets (blocks) the node's `estimatesmartfee` is asked for:
    /// `coffer wallet fees targets slow=144 normal=6 fast=2` (the defaults).
    Targets {
        /// LEVEL=BLOCKS pairs (1 to 1008).
        #[arg(required = true, value_name = "LEVEL=BLOCKS", value_parser = crate::values::parsed::<LevelTarget>)]
        pairs: Vec<LevelTarget>,
    },
}

/// `--fee slow|normal|fast|RATE` as a rate (see [`fees::resolve`]); its notice (the node
/// had no estimate) is said here, before the review.
pub fn resolve(conn: &Connection, network: Network, fee: &str) -> Result<FeeRate> {
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
