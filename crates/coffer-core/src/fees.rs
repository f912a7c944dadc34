//! Fee levels of Bitcoin sends: the rates of `slow`, `normal` and `fast` per network
//! (built-in, or set with `wallet fees set`), the confirmation targets a node's
//! `estimatesmartfee` is asked for (`wallet fees targets`), and `--fee LEVEL|RATE`
//! resolved to a rate (the backend's estimate when one is set: a node's, or an Electrum
//! server's `blockchain.estimatefee`).

use crate::chain::Network;
use crate::error::{Error, Result};
use crate::settings;
use crate::vault::engine::send::{format_rate, parse_fee_rate};
use bitcoin::FeeRate;
use rusqlite::Connection;
use serde::Serialize;

/// The fee levels, slowest first.
pub const LEVELS: [&str; 3] = ["slow", "normal", "fast"];

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
    let set = settings::raw(conn, &key(network, level))?;
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
    let set = settings::raw(conn, &target_key(network, level))?;
    Ok(match set.and_then(|v| v.parse().ok()) {
        Some(t) => (t, true),
        None => (default_target(level), false),
    })
}

/// The backend's estimate for `level` (sat/vB), when one is set and has one: a node's
/// `estimatesmartfee`, an Electrum server's `blockchain.estimatefee` (BTC/kvB).
fn node_estimate(conn: &Connection, network: Network, level: &str) -> Result<Option<String>> {
    let Some(backend) = crate::sync::btc_backend(conn, network)? else {
        return Ok(None);
    };
    let est = backend.fee_estimate(target(conn, network, level)?.0)?;
    Ok(est.map(|sat_vb| format!("{sat_vb:.1}")))
}

/// `--fee slow|normal|fast|RATE` as a rate, and what to tell the user about it. A level
/// asks the network's Bitcoin backend (a node's `estimatesmartfee`, an Electrum server's
/// `blockchain.estimatefee`; 144/6/2 blocks unless `wallet fees targets` says otherwise)
/// when one is set, and falls back to the user's or built-in rate of that level, with a
/// notice, when it has no estimate.
pub fn resolve(
    conn: &Connection,
    network: Network,
    fee: &str,
) -> Result<(FeeRate, Option<String>)> {
    if LEVELS.contains(&fee) {
        let has_node =
            crate::vault::backends::get(conn, crate::vault::backends::Target::Bitcoin(network))?
                .is_some();
        if has_node {
            if let Some(rate) = node_estimate(conn, network, fee)? {
                return Ok((parse_fee_rate(&rate)?, None));
            }
            let (rate, _) = level_rate(conn, network, fee)?;
            let kind = crate::vault::backends::kind(
                conn,
                crate::vault::backends::Target::Bitcoin(network),
            )?;
            let notice = format!(
                "coffer: the {} has no fee estimate for {} blocks; using the {fee} rate of {} sat/vB\n",
                match kind {
                    Some(crate::vault::backends::Kind::Electrum) => "Electrum server",
                    Some(crate::vault::backends::Kind::Esplora) => "Esplora API",
                    _ => "node",
                },
                target(conn, network, fee)?.0,
                rate.to_sat_per_kwu() as f64 / 250.0
            );
            return Ok((rate, Some(notice)));
        }
        return Ok((level_rate(conn, network, fee)?.0, None));
    }
    let rate = parse_fee_rate(fee).map_err(|_| {
        Error::invalid(
            "fee",
            format!("'{fee}' is neither slow, normal, fast nor a rate in sat/vB (0.1 to 10000)"),
        )
    })?;
    Ok((rate, None))
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
    pub network: Network,
    /// The levels.
    pub levels: Vec<Level>,
}

/// The levels of `network` as `conn` holds them.
pub fn levels(conn: &Connection, network: Network) -> Result<Fees> {
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
    Ok(Fees { network, levels })
}

/// `LEVEL=VALUE`: the level checked (slow, normal or fast), the value as typed; `example`
/// is shown in the error (`normal=6`).
fn level_pair<'a>(pair: &'a str, what: &str, example: &str) -> Result<(&'a str, &'a str)> {
    let (level, value) = pair.split_once('=').ok_or_else(|| {
        Error::invalid(
            "fees",
            format!("'{pair}' is not LEVEL={what} (e.g. {example})"),
        )
    })?;
    if !LEVELS.contains(&level) {
        return Err(Error::invalid(
            "fees",
            format!("'{level}' is not a level (slow, normal, fast)"),
        ));
    }
    Ok((level, value))
}

/// A `LEVEL=RATE` pair of `wallet fees set` (sat/vB).
#[derive(Debug, Clone)]
pub struct LevelRate {
    level: String,
    rate: String,
}

impl std::str::FromStr for LevelRate {
    type Err = Error;
    fn from_str(pair: &str) -> Result<Self> {
        let (level, rate) = level_pair(pair, "RATE", "normal=5")?;
        Ok(LevelRate {
            level: level.into(),
            rate: format_rate(parse_fee_rate(rate)?),
        })
    }
}

/// A `LEVEL=BLOCKS` pair of `wallet fees targets` (1 to 1008 blocks).
#[derive(Debug, Clone)]
pub struct LevelTarget {
    level: String,
    blocks: u16,
}

impl std::str::FromStr for LevelTarget {
    type Err = Error;
    fn from_str(pair: &str) -> Result<Self> {
        let (level, blocks) = level_pair(pair, "BLOCKS", "normal=6")?;
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
        Ok(LevelTarget {
            level: level.into(),
            blocks: b,
        })
    }
}

/// Stores the rates (inside a vault write); refused unless they do not decrease from
/// slow to normal to fast. Returns the levels as now stored.
pub fn set_rates(conn: &Connection, network: Network, pairs: &[LevelRate]) -> Result<Fees> {
    for p in pairs {
        settings::set_raw(conn, &key(network, &p.level), Some(&p.rate))?;
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
}

/// Stores the confirmation targets (inside a vault write); refused unless they do not
/// grow from slow to normal to fast. Returns the levels as now stored.
pub fn set_targets(conn: &Connection, network: Network, pairs: &[LevelTarget]) -> Result<Fees> {
    for p in pairs {
        settings::set_raw(
            conn,
            &target_key(network, &p.level),
            Some(&p.blocks.to_string()),
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
    levels(conn, network)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pairs_are_checked_as_typed() {
        let r: LevelRate = "normal=5".parse().unwrap();
        assert_eq!((r.level.as_str(), r.rate.as_str()), ("normal", "5.00"));
        let t: LevelTarget = "slow=144".parse().unwrap();
        assert_eq!((t.level.as_str(), t.blocks), ("slow", 144));
        for (bad, why) in [
            ("normal", "is not LEVEL=RATE"),
            ("quick=5", "is not a level"),
        ] {
            let e = bad.parse::<LevelRate>().unwrap_err();
            assert!(e.to_string().contains(why), "{bad}: {e}");
        }
        for bad in ["slow=0", "slow=1009", "slow=x"] {
            let e = bad.parse::<LevelTarget>().unwrap_err();
            assert!(e.to_string().contains("number of blocks"), "{bad}: {e}");
        }
    }
}
