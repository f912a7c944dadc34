//! `coffer rates` (exchange rates: list, set, import, history, fetch, source, convert),
//! `coffer currencies` and `coffer config` (the preferred fiat currency): the command
//! line (the human rendering is in `render/rates.rs`). The valuation itself is
//! `coffer_core::valuation`.

use crate::chain::amount;
use crate::clock;
use crate::context::Ctx;
use crate::error::{Error, Result};
use crate::vault::rates::{self, Rate};
use coffer_core::valuation::{self, Converted, Currencies, Rates, parse_pair, preferred};
use rusqlite::Connection;
use serde::Serialize;
use std::path::PathBuf;

/// `rates` subcommands.
#[derive(Debug, clap::Subcommand)]
pub enum RatesCmd {
    /// The latest rate of each pair, with its time and source.
    List,
    /// Record a rate: `coffer rates set BTC/USD 97000.12 [--at 2026-01-31]`.
    Set {
        /// BASE/QUOTE, e.g. BTC/USD.
        pair: String,
        /// Units of QUOTE per one BASE (exact decimal).
        #[arg(allow_hyphen_values = true)]
        rate: String,
        /// When it held (default: now): a date, RFC 3339, or 7d / 3m ago.
        #[arg(long, value_name = "TIME")]
        at: Option<String>,
    },
    /// Import a history of rates from a CSV file of `time,pair,rate` rows.
    Import {
        /// The CSV file (a header row is allowed).
        file: PathBuf,
    },
    /// The rates of a pair over time.
    History {
        /// BASE/QUOTE.
        pair: String,
        /// From this time.
        #[arg(long, value_name = "DATE")]
        since: Option<String>,
    },
    /// Fetch current rates from the configured source (`rates source set`).
    Fetch,
    /// The HTTP source `rates fetch` reads.
    #[command(subcommand)]
    Source(SourceCmd),
    /// Convert an amount with the latest rate: `coffer rates convert 0.5 BTC EUR`.
    Convert {
        /// The amount (exact decimal).
        #[arg(allow_hyphen_values = true)]
        amount: String,
        /// The asset it is in.
        from: String,
        /// The currency to value it in.
        to: String,
    },
}

/// The answer a rates source gives.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum SourceFormat {
    /// CoinGecko's simple/price answer: {"bitcoin": {"usd": 97000.12}}.
    Coingecko,
    /// A JSON object of "BASE/QUOTE": "rate" strings.
    Pairs,
}

impl SourceFormat {
    /// The word, as typed and as stored.
    pub fn name(self) -> &'static str {
        match self {
            SourceFormat::Coingecko => "coingecko",
            SourceFormat::Pairs => "pairs",
        }
    }
}

/// `rates source` subcommands.
#[derive(Debug, clap::Subcommand)]
pub enum SourceCmd {
    /// Set the source: `coffer rates source set URL --format coingecko`.
    ///
    /// Formats: `coingecko` (the simple/price answer: {"bitcoin": {"usd": 97000.12}}),
    /// `pairs` (a JSON object of "BASE/QUOTE": "rate" strings).
    #[command(verbatim_doc_comment)]
    Set {
        /// The URL (http:// or https://).
        url: String,
        /// coingecko or pairs.
        #[arg(long)]
        format: SourceFormat,
    },
    /// Remove the source.
    Remove,
}

/// `config` subcommands.
#[derive(Debug, clap::Subcommand)]
pub enum ConfigCmd {
    /// Show the settings.
    Show,
    /// Set one: `coffer config set currency EUR`.
    Set {
        /// The setting: currency.
        key: String,
        /// Its value.
        value: String,
    },
}

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
    let list =
        |conn: &Connection| -> Result<RatesOut> { Ok(RatesOut::List(valuation::latest(conn)?)) };
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
    let balances = crate::commands::balance::balance(
        ctx,
        crate::commands::balance::BalanceArgs { wallet: None },
    )?
    .items;
    let holdings: Vec<valuation::Holding<'_>> = balances
        .iter()
        .map(crate::commands::balance::AccountBalance::holding)
        .collect();
    valuation::currencies(&conn, &holdings)
}
