//! `coffer rates` (exchange rates: list, set, import, history, fetch, source, convert),
//! `coffer currencies` and `coffer config` (the preferred fiat currency): the command
//! line (the human rendering is in `render/rates.rs`). The valuation itself is
//! `coffer_core::valuation`.

use crate::chain::amount;
use crate::cli::rates::{ConfigCmd, RatesCmd, SourceCmd};
use crate::clock;
use crate::context::Ctx;
use crate::error::{Error, Result};
use crate::vault::rates::{self, Rate};
use coffer_core::Db;
use coffer_core::valuation::{self, Converted, Currencies, Rates, parse_pair, preferred};
use serde::Serialize;

/// What a `rates` command returns.
#[derive(Debug, Serialize)]
#[serde(untagged)]
pub enum RatesOut {
    /// A list.
    List(Rates),
    /// A conversion.
    Converted(Box<Converted>),
}

/// Runs `coffer rates …`.
pub fn run(ctx: &Ctx, cmd: RatesCmd) -> Result<RatesOut> {
    let unlocked = ctx.unlock()?;
    let list = |conn: &Db| -> Result<RatesOut> { Ok(RatesOut::List(valuation::latest(conn)?)) };
    match cmd {
        RatesCmd::List => list(&unlocked.vault.read()?),
        RatesCmd::Set { pair, rate, at } => {
            let r = Rate {
                pair: parse_pair(&pair)?,
                time: match at {
                    Some(t) => clock::parse_date(&t, clock::now())?,
                    None => clock::now(),
                },
                rate: amount::parse_rate(&rate)?,
                source: "manual".into(),
            };
            // The answer is read in the write's transaction: one decryption.
            unlocked.vault.write_light(|c| {
                rates::insert(c, &[r])?;
                list(c)
            })
        }
        RatesCmd::Import { file } => {
            let text = std::fs::read_to_string(&file).map_err(|e| {
                Error::invalid("file", format!("cannot read {}: {e}", file.display()))
            })?;
            let parsed = valuation::parse_csv(&text)?;
            unlocked.vault.write_light(|c| {
                rates::insert(c, &parsed)?;
                list(c)
            })
        }
        RatesCmd::History { pair, since } => {
            let pair = parse_pair(&pair)?;
            let since = since
                .map(|s| clock::parse_date(&s, clock::now()))
                .transpose()?
                .unwrap_or(i64::MIN);
            let conn = unlocked.vault.read()?;
            Ok(RatesOut::List(valuation::history(&conn, &pair, since)?))
        }
        RatesCmd::Source(SourceCmd::Set { url, format }) => {
            crate::chain::eth::rpc::check_url(&url)?;
            unlocked.vault.write_light(|c| {
                valuation::set_source(c, &url, format.name())?;
                list(c)
            })
        }
        RatesCmd::Source(SourceCmd::Remove) => unlocked.vault.write_light(|c| {
            valuation::remove_source(c)?;
            list(c)
        }),
        RatesCmd::Fetch => {
            let conn = unlocked.vault.read()?;
            let (url, format) = valuation::source(&conn)?;
            // No lock (nor decrypted vault) held across the network.
            drop(conn);
            let fetched = valuation::fetch(&url, &format)?;
            unlocked.vault.write_light(|c| {
                rates::insert(c, &fetched)?;
                list(c)
            })
        }
        RatesCmd::Convert {
            amount: a,
            from,
            to,
        } => {
            let conn = unlocked.vault.read()?;
            Ok(RatesOut::Converted(Box::new(valuation::convert(
                &conn, &a, &from, &to,
            )?)))
        }
    }
}

/// The settings.
#[derive(Debug, Serialize)]
pub struct Config {
    /// The preferred fiat currency.
    pub currency: String,
}

/// Runs `coffer config …`.
pub fn config(ctx: &Ctx, cmd: ConfigCmd) -> Result<Config> {
    let unlocked = ctx.unlock()?;
    if let ConfigCmd::Set { key, value } = cmd {
        if key != "currency" {
            return Err(Error::invalid(
                "key",
                format!("'{key}' is not a setting (currency)"),
            ));
        }
        valuation::set_currency(&unlocked.vault, &value)?;
    }
    let conn = unlocked.vault.read()?;
    Ok(Config {
        currency: preferred(&conn)?,
    })
}

/// Runs `coffer currencies`.
pub fn currencies(ctx: &Ctx) -> Result<Currencies> {
    let conn = ctx.unlock()?.vault.read()?;
    // What the wallets hold: HELD is a non-zero balance, not merely a wallet.
    let balances =
        crate::commands::balance::balance(ctx, crate::cli::balance::BalanceArgs { wallet: None })?
            .items;
    let holdings: Vec<valuation::Holding<'_>> = balances
        .iter()
        .map(crate::commands::balance::AccountBalance::holding)
        .collect();
    valuation::currencies(&conn, &holdings)
}
