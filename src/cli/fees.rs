//! The `fees` command-line definitions (clap only: no logic, no I/O).

use crate::chain::Network;
use coffer_core::fees::{LevelRate, LevelTarget};

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
