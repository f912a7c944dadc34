//! `coffer wallet fees`: the fee rates of the levels `slow`, `normal` and `fast` per
//! Bitcoin network, used by `send --fee LEVEL` until a backend gives live estimates.

use crate::chain::Network;
use crate::context::Ctx;
use crate::error::{Error, Result};
use crate::output::{Human, Report};
use crate::vault::engine::send::{format_rate, parse_fee_rate};
use bitcoin::FeeRate;
use rusqlite::Connection;
use serde::Serialize;

/// The fee levels, slowest first.
pub const LEVELS: [&str; 3] = ["slow", "normal", "fast"];

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
        #[arg(required = true, value_name = "LEVEL=RATE")]
        pairs: Vec<String>,
    },
    /// Set the confirmation targets (blocks) the node's `estimatesmartfee` is asked for:
    /// `coffer wallet fees targets slow=144 normal=6 fast=2` (the defaults).
    Targets {
        /// LEVEL=BLOCKS pairs (1 to 1008).
        #[arg(required = true, value_name = "LEVEL=BLOCKS")]
        pairs: Vec<String>,
    },
}

/// Built-in rates (sat/vB) for a network, before the user sets any.
fn default_rate(network: Network, level: &str) -> &'static str {
    match (network, level) {
        (Network::Bitcoin, "slow") => "2",
        (Network::Bitcoin, "normal") => "6",
        (Network::Bitcoin, _) => "15",
        (_, "slow") => "1",
        (_, "normal") => "2",
        _ => "5",
    }
}

fn key(network: Network, level: &str) -> String {
    format!("fees.{}.{level}", network.name())
}

/// The rate of `level` on `network`, and whether the user set it.
pub fn level_rate(conn: &Connection, network: Network, level: &str) -> Result<(FeeRate, bool)> {
    let set = coffer_core::policy::setting(conn, &key(network, level))?;
    let user = set.is_some();
    let rate = parse_fee_rate(set.as_deref().unwrap_or(default_rate(network, level)))?;
    Ok((rate, user))
}

/// The built-in confirmation target (blocks) `estimatesmartfee` is asked for at each
/// level.
fn default_target(level: &str) -> u16 {
    match level {
        "slow" => 144,
        "normal" => 6,
        _ => 2,
    }
}

fn target_key(network: Network, level: &str) -> String {
    format!("fee_target.{}.{level}", network.name())
}

/// The confirmation target of `level` on `network`, and whether the user set it.
pub fn target(conn: &Connection, network: Network, level: &str) -> Result<(u16, bool)> {
    let set = coffer_core::policy::setting(conn, &target_key(network, level))?;
    Ok(match set.and_then(|v| v.parse().ok()) {
        Some(t) => (t, true),
        None => (default_target(level), false),
    })
}

/// The node's estimate for `level` (sat/vB), when a node is set and has one.
fn node_estimate(conn: &Connection, network: Network, level: &str) -> Result<Option<String>> {
    use bdk_bitcoind_rpc::bitcoincore_rpc::RpcApi as _;
    let Some(node) = crate::sync::btc_rpc(conn, network)? else {
        return Ok(None);
    };
    let est = node
        .estimate_smart_fee(target(conn, network, level)?.0, None)
        .map_err(crate::chain::btc::rpc::node_error)?;
    Ok(est.fee_rate.map(|per_kvb| {
        // BTC per 1,000 vbytes → sat per vbyte, at least 1.
        let sat_vb = (per_kvb.to_sat() as f64 / 1000.0).max(1.0);
        format!("{sat_vb:.1}")
    }))
}

/// `--fee slow|normal|fast|RATE` as a rate. A level asks the network's Bitcoin node
/// (`estimatesmartfee`, 144/6/2 blocks unless `wallet fees targets` says otherwise) when
/// one is set, and falls back to the user's
/// or built-in rate of that level, with a notice, when the node has no estimate.
pub fn resolve(conn: &Connection, network: Network, fee: &str) -> Result<FeeRate> {
    if LEVELS.contains(&fee) {
        let has_node = crate::vault::backends::get(conn, "btc", network.name())?.is_some();
        if has_node {
            if let Some(rate) = node_estimate(conn, network, fee)? {
                return parse_fee_rate(&rate);
            }
            let (rate, _) = level_rate(conn, network, fee)?;
            crate::output::write_stderr(&format!(
                "coffer: the node has no fee estimate for {} blocks; using the {fee} rate of {} sat/vB\n",
                target(conn, network, fee)?.0,
                rate.to_sat_per_kwu() as f64 / 250.0
            ));
            return Ok(rate);
        }
        return Ok(level_rate(conn, network, fee)?.0);
    }
    parse_fee_rate(fee).map_err(|_| {
        Error::invalid(
            "fee",
            format!("'{fee}' is neither slow, normal, fast nor a rate in sat/vB (0.1 to 10000)"),
        )
    })
}

/// One level.
#[derive(Debug, Serialize)]
pub struct Level {
    /// `slow`, `normal` or `fast`.
    pub level: String,
    /// Rate in sat/vB.
    pub sat_per_vb: String,
    /// `user` (set with `wallet fees set`) or `default`.
    pub source: String,
    /// The confirmation target (blocks) the node's estimate is asked for.
    pub target_blocks: u16,
    /// `user` (set with `wallet fees targets`) or `default`.
    pub target_source: String,
}

/// `wallet fees` output.
#[derive(Debug, Serialize)]
pub struct Fees {
    /// The network.
    pub network: String,
    /// The levels.
    pub levels: Vec<Level>,
}

impl Report for Fees {
    fn human(&self, out: &mut Human) {
        out.kv("Network", &self.network);
        for l in &self.levels {
            out.kv(
                &l.level,
                format!(
                    "{} sat/vB ({}); with a node: its estimate for {} blocks ({})",
                    l.sat_per_vb, l.source, l.target_blocks, l.target_source
                ),
            );
        }
    }
}

/// Runs `coffer wallet fees [set …]`.
pub fn run(ctx: &Ctx, args: FeesArgs) -> Result<Fees> {
    let network = args.network.unwrap_or(Network::Bitcoin);
    let unlocked = ctx.unlock()?;
    if let Some(FeesCmd::Targets { pairs }) = &args.cmd {
        let mut parsed = vec![];
        for p in pairs {
            let (level, blocks) = p.split_once('=').ok_or_else(|| {
                Error::invalid("fees", format!("'{p}' is not LEVEL=BLOCKS (e.g. normal=6)"))
            })?;
            if !LEVELS.contains(&level) {
                return Err(Error::invalid(
                    "fees",
                    format!("'{level}' is not a level (slow, normal, fast)"),
                ));
            }
            let b: u16 = blocks
                .parse()
                .ok()
                .filter(|b| (1..=1008).contains(b))
                .ok_or_else(|| {
                    Error::invalid(
                        "fees",
                        format!("'{blocks}' is not a number of blocks from 1 to 1008"),
                    )
                })?;
            parsed.push((level.to_string(), b));
        }
        return unlocked.vault.write_light(|conn| {
            for (level, b) in &parsed {
                coffer_core::policy::set_setting(
                    conn,
                    &target_key(network, level),
                    Some(&b.to_string()),
                )?;
            }
            let [slow, normal, fast] = LEVELS.map(|l| target(conn, network, l).map(|t| t.0));
            let (slow, normal, fast) = (slow?, normal?, fast?);
            if !(slow >= normal && normal >= fast) {
                return Err(Error::invalid(
                    "fees",
                    "the targets must not grow from slow to normal to fast (e.g. 144, 6, 2)",
                ));
            }
            // The answer from the vault just changed (one decryption for the command).
            levels(conn, network)
        });
    }
    if let Some(FeesCmd::Set { pairs }) = &args.cmd {
        let mut parsed = vec![];
        for p in pairs {
            let (level, rate) = p.split_once('=').ok_or_else(|| {
                Error::invalid("fees", format!("'{p}' is not LEVEL=RATE (e.g. normal=5)"))
            })?;
            if !LEVELS.contains(&level) {
                return Err(Error::invalid(
                    "fees",
                    format!("'{level}' is not a level (slow, normal, fast)"),
                ));
            }
            let r = parse_fee_rate(rate)?;
            parsed.push((level.to_string(), format_rate(r)));
        }
        return unlocked.vault.write_light(|conn| {
            for (level, rate) in &parsed {
                coffer_core::policy::set_setting(conn, &key(network, level), Some(rate))?;
            }
            let slow = level_rate(conn, network, "slow")?.0;
            let normal = level_rate(conn, network, "normal")?.0;
            let fast = level_rate(conn, network, "fast")?.0;
            if !(slow <= normal && normal <= fast) {
                return Err(Error::invalid(
                    "fees",
                    "the rates must not decrease from slow to normal to fast",
                ));
            }
            levels(conn, network)
        });
    }
    levels(&unlocked.vault.read()?, network)
}

/// The levels of `network` as `conn` holds them.
fn levels(conn: &rusqlite::Connection, network: Network) -> Result<Fees> {
    let mut levels = vec![];
    for level in LEVELS {
        let (rate, user) = level_rate(conn, network, level)?;
        let (blocks, user_target) = target(conn, network, level)?;
        levels.push(Level {
            level: level.into(),
            sat_per_vb: format_rate(rate),
            source: if user { "user" } else { "default" }.into(),
            target_blocks: blocks,
            target_source: if user_target { "user" } else { "default" }.into(),
        });
    }
    Ok(Fees {
        network: network.name().into(),
        levels,
    })
}
