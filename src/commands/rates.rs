//! `coffer rates` (exchange rates: list, set, import, history, convert), `coffer
//! currencies`, `coffer config` (the preferred fiat currency), and the valuation helpers
//! `wallet balance` and `history show` use. Rates are exact decimals; a value without a
//! rate at or before its time is "no rate", never a guess.

use crate::chain::amount;
use crate::clock;
use crate::context::Ctx;
use crate::error::{Error, Result};
use crate::output::{Human, Report};
use crate::vault::rates::{self, Rate};
use crate::vault::{backends, wallets};
use anyhow::Context as _;
use rusqlite::{Connection, OptionalExtension};
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

/// A pair in canonical form, checked: `BASE/QUOTE`, each 2-10 letters or digits.
pub fn parse_pair(s: &str) -> Result<String> {
    let up = s.trim().to_uppercase();
    let ok = |p: &str| (2..=10).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphanumeric());
    match up.split_once('/') {
        Some((b, q)) if ok(b) && ok(q) && b != q => Ok(up),
        _ => Err(Error::invalid(
            "pair",
            format!("'{s}' is not a pair like BTC/USD"),
        )),
    }
}

fn currency_code(s: &str) -> Result<String> {
    let up = s.trim().to_uppercase();
    if (2..=10).contains(&up.len()) && up.chars().all(|c| c.is_ascii_alphanumeric()) {
        Ok(up)
    } else {
        Err(Error::invalid(
            "currency",
            format!("'{s}' is not a currency code"),
        ))
    }
}

/// The preferred fiat currency (`config set currency`), USD by default.
pub fn preferred(conn: &Connection) -> Result<String> {
    Ok(conn
        .query_row(
            "SELECT value FROM settings WHERE key = 'currency'",
            [],
            |r| r.get(0),
        )
        .optional()
        .context("reading settings")?
        .unwrap_or_else(|| "USD".to_string()))
}

/// A value in a fiat currency, or why there is none.
#[derive(Debug, Clone, Serialize)]
pub struct Valuation {
    /// The currency.
    pub currency: String,
    /// Rounded to cents (half up); null without a rate. Through an inverse or cross
    /// rate: rounded half up to the currency's decimals.
    pub value: Option<String>,
    /// The exact product (a direct rate only).
    pub exact: Option<String>,
    /// The rate used (a direct rate only).
    pub rate: Option<String>,
    /// The rate's time (RFC 3339); of several, the oldest.
    pub rate_time: Option<String>,
    /// The rate's source; of several, the sources joined.
    pub source: Option<String>,
    /// Why there is no value: `no rate`, `test network`, or `too large to value`.
    pub missing: Option<String>,
    /// How much older the rate is than the time valued (seconds; for a value now, the
    /// rate's age); of several, the oldest's. Shown to people when over a day.
    pub rate_age_secs: Option<i64>,
    /// `direct` (ASSET/CURRENCY), `inverse` (CURRENCY/ASSET, divided) or `cross`
    /// (through a common currency: two rates); null without a value.
    pub method: Option<String>,
    /// The stored rates used, in order (empty without a value).
    pub rates_used: Vec<RateUsed>,
}

impl Valuation {
    /// The rates behind the value, for people: `rate R at T, SOURCE` for a direct rate,
    /// else each stored pair used (`inverse: USD/BTC 0.00002 at T, SOURCE`).
    pub fn rates_text(&self) -> String {
        match self.method.as_deref() {
            Some("direct") | None => format!(
                "rate {} at {}, {}",
                self.rate.as_deref().unwrap_or("?"),
                self.rate_time.as_deref().unwrap_or("?"),
                self.source.as_deref().unwrap_or("?")
            ),
            Some(method) => {
                let used: Vec<String> = self
                    .rates_used
                    .iter()
                    .map(|r| format!("{} {} at {}, {}", r.pair, r.rate, r.time, r.source))
                    .collect();
                format!("{method}: {}", used.join("; "))
            }
        }
    }

    /// The stored pairs behind the value that are older than a day, with their age.
    pub fn stale_pairs(&self) -> Vec<String> {
        self.rates_used
            .iter()
            .filter(|r| r.age_secs > STALE_SECS)
            .map(|r| format!("{} {}", r.pair, age_text(r.age_secs)))
            .collect()
    }

    /// No value (yet), for `missing` to say why.
    pub fn none(currency: &str) -> Self {
        Valuation {
            currency: currency.to_string(),
            value: None,
            exact: None,
            rate: None,
            rate_time: None,
            source: None,
            missing: None,
            rate_age_secs: None,
            method: None,
            rates_used: vec![],
        }
    }
}

/// Values `units` of `asset` (with `decimals`) in `fiat` at `time`, with the rates at or
/// before it: the direct pair, else its inverse, else two rates through a common
/// currency (as `rates convert`); test networks have no value.
pub fn value(
    conn: &Connection,
    asset: &str,
    units: u128,
    decimals: u32,
    fiat: &str,
    time: i64,
    test_network: bool,
) -> Result<Valuation> {
    let mut v = Valuation::none(fiat);
    if test_network {
        v.missing = Some("test network".into());
        return Ok(v);
    }
    let from = asset.to_uppercase();
    let Some(path) = find_path(conn, &from, fiat, time)? else {
        v.missing = Some("no rate".into());
        return Ok(v);
    };
    let oldest = path.iter().map(|(r, _)| r.time).min().unwrap_or(time);
    v.rate_time = Some(clock::rfc3339(oldest));
    v.rate_age_secs = Some((time - oldest).max(0));
    match path.as_slice() {
        [(r, false)] => {
            let (exact, cents) = amount::value_at(units, decimals, &r.rate)?;
            v.value = Some(cents);
            v.exact = Some(exact);
            v.rate = Some(r.rate.clone());
            v.source = Some(r.source.clone());
            v.method = Some("direct".into());
        }
        _ => {
            let to_decimals = decimals_of(conn, fiat)?;
            let result = convert_units(units, decimals, to_decimals, &path)?;
            let mut sources: Vec<String> = path.iter().map(|(r, _)| r.source.clone()).collect();
            sources.dedup();
            v.value = Some(amount::format_units(result, to_decimals, true));
            v.source = Some(sources.join(", "));
            v.method = Some(if path.len() == 1 { "inverse" } else { "cross" }.into());
        }
    }
    v.rates_used = path
        .into_iter()
        .map(|(r, inverted)| RateUsed {
            age_secs: (time - r.time).max(0),
            time: clock::rfc3339(r.time),
            pair: r.pair,
            rate: r.rate,
            source: r.source,
            inverted,
        })
        .collect();
    Ok(v)
}

/// Whether coins of `chain` (`btc`/`eth`) on `network` (a Bitcoin network name, or an
/// EVM chain id as text) belong to a test network, whose coins have no price.
pub fn test_network(chain: &str, network: &str) -> bool {
    if chain == "btc" {
        network != "bitcoin"
    } else {
        network.parse::<u64>().map_or(true, evm_test_chain)
    }
}

/// Whether an EVM chain id is a test network (its ether has no price).
pub fn evm_test_chain(chain_id: u64) -> bool {
    matches!(
        chain_id,
        5 | 17000 | 11155111 | 560048 | 1337 | 31337 | 84532 | 421614 | 11155420
    )
}

/// Rates, as listed.
#[derive(Debug, Serialize)]
pub struct Rates {
    /// The rates.
    pub items: Vec<RateView>,
    /// The latest rates (not a history): old ones are marked with their age.
    #[serde(skip)]
    pub latest: bool,
}

/// One rate.
#[derive(Debug, Serialize)]
pub struct RateView {
    /// BASE/QUOTE.
    pub pair: String,
    /// The rate.
    pub rate: String,
    /// When (RFC 3339).
    pub time: String,
    /// Source.
    pub source: String,
    /// How old it is now (seconds); `rates list` shows the age of one over a day old.
    pub age_secs: i64,
}

impl From<Rate> for RateView {
    fn from(r: Rate) -> Self {
        RateView {
            age_secs: (clock::now() - r.time).max(0),
            time: clock::rfc3339(r.time),
            pair: r.pair,
            rate: r.rate,
            source: r.source,
        }
    }
}

impl Report for Rates {
    fn human(&self, out: &mut Human) {
        if self.items.is_empty() {
            out.line("No rates; record one with `coffer rates set BTC/USD 97000`.");
            return;
        }
        let rows = self
            .items
            .iter()
            .map(|r| {
                vec![
                    r.pair.clone(),
                    r.rate.clone(),
                    if self.latest && r.age_secs > STALE_SECS {
                        format!("{} ({})", r.time, age_text(r.age_secs))
                    } else {
                        r.time.clone()
                    },
                    r.source.clone(),
                ]
            })
            .collect();
        out.table(&["pair", "rate", "time", "source"], rows);
    }
}

/// A conversion.
#[derive(Debug, Serialize)]
pub struct Converted {
    /// The amount converted.
    pub amount: String,
    /// Its asset.
    pub from: String,
    /// The valuation, with `method` and `rates_used`.
    #[serde(flatten)]
    pub valuation: Valuation,
}

/// One stored rate a conversion used.
#[derive(Debug, Clone, Serialize)]
pub struct RateUsed {
    /// BASE/QUOTE as stored.
    pub pair: String,
    /// The rate as stored.
    pub rate: String,
    /// Its time (RFC 3339).
    pub time: String,
    /// Its source.
    pub source: String,
    /// True when the conversion divided by it (QUOTE into BASE).
    pub inverted: bool,
    /// How old it is (seconds).
    pub age_secs: i64,
}

/// A rate older than this is shown with its age.
pub const STALE_SECS: i64 = 24 * 3600;

/// "3 days old", "26 hours old": the age of a rate, for people.
pub fn age_text(secs: i64) -> String {
    if secs >= 2 * 24 * 3600 {
        format!("{} days old", secs / (24 * 3600))
    } else {
        format!("{} hours old", secs / 3600)
    }
}

impl Report for Converted {
    fn human(&self, out: &mut Human) {
        let v = &self.valuation;
        let Some(x) = &v.value else {
            out.line(format!(
                "{} {}: no rate for {}/{}",
                self.amount, self.from, self.from, v.currency
            ));
            return;
        };
        out.line(format!(
            "{} {} = {x} {}",
            self.amount, self.from, v.currency
        ));
        for r in &v.rates_used {
            let (b, q) = r.pair.split_once('/').unwrap_or((&r.pair, ""));
            let how = if r.inverted {
                format!("1 {q} = 1/{} {b}", r.rate)
            } else {
                format!("1 {b} = {} {q}", r.rate)
            };
            let age = if r.age_secs > STALE_SECS {
                format!(" ({})", age_text(r.age_secs))
            } else {
                String::new()
            };
            out.line(format!(
                "  using {} {} ({how}) at {}{age}, {}",
                r.pair, r.rate, r.time, r.source
            ));
        }
    }
}

/// The rates that convert `from` into `to` at `time`: the direct pair, else its
/// inverse, else two rates through a common currency (each either way). Each rate comes
/// with whether it is used inverted. None when no such rates are stored.
fn find_path(
    conn: &Connection,
    from: &str,
    to: &str,
    time: i64,
) -> Result<Option<Vec<(Rate, bool)>>> {
    let edge = |a: &str, b: &str| -> Result<Option<(Rate, bool)>> {
        if let Some(r) = rates::at(conn, &format!("{a}/{b}"), time)? {
            return Ok(Some((r, false)));
        }
        Ok(rates::at(conn, &format!("{b}/{a}"), time)?.map(|r| (r, true)))
    };
    if let Some(e) = edge(from, to)? {
        return Ok(Some(vec![e]));
    }
    // Every currency paired with `from`, in a stable order: the first that also pairs
    // with `to` is the bridge.
    let mut bridges: Vec<String> = rates::latest(conn)?
        .into_iter()
        .filter_map(|r| {
            let (b, q) = r.pair.split_once('/')?;
            if b == from {
                Some(q.to_string())
            } else if q == from {
                Some(b.to_string())
            } else {
                None
            }
        })
        .collect();
    bridges.sort();
    bridges.dedup();
    for x in bridges {
        if x == to {
            continue;
        }
        if let (Some(a), Some(b)) = (edge(from, &x)?, edge(&x, to)?) {
            return Ok(Some(vec![a, b]));
        }
    }
    Ok(None)
}

/// `units` (with `from_decimals`) through the rates of `path`, in units of
/// `to_decimals`, rounded half up. Exact integer arithmetic (512 bits: an amount, two
/// rates and their scales fit).
fn convert_units(
    units: u128,
    from_decimals: u32,
    to_decimals: u32,
    path: &[(Rate, bool)],
) -> Result<u128> {
    use alloy_primitives::U512;
    let ten = |n: u32| U512::from(10u64).pow(U512::from(n));
    let mut num = U512::from(units) * ten(to_decimals);
    let mut den = ten(from_decimals);
    for (r, inverted) in path {
        let frac = r.rate.split_once('.').map_or(0, |(_, f)| f.len()) as u32;
        let value = U512::from(amount::parse_units(&r.rate, frac, "rate")?);
        if value.is_zero() {
            return Err(anyhow::anyhow!("a stored rate of {} is zero", r.pair).into());
        }
        if *inverted {
            num *= ten(frac);
            den *= value;
        } else {
            num *= value;
            den *= ten(frac);
        }
    }
    let q = (num + den / U512::from(2u64)) / den;
    u128::try_from(q).map_err(|_| Error::invalid("amount", "the result is too large"))
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

impl Report for RatesOut {
    fn human(&self, out: &mut Human) {
        match self {
            RatesOut::List(r) => r.human(out),
            RatesOut::Converted(c) => c.human(out),
        }
    }
}

/// The decimals of an asset symbol known to the vault (BTC 8, ETH 18, tokens their own,
/// anything else 2 as for fiat).
fn decimals_of(conn: &Connection, asset: &str) -> Result<u32> {
    Ok(match asset {
        "BTC" => 8,
        "ETH" => 18,
        other => backends::tokens(conn, None)?
            .into_iter()
            .find(|t| t.symbol.eq_ignore_ascii_case(other))
            .map_or(2, |t| u32::from(t.decimals)),
    })
}

/// Reads rates from an HTTP source; any failure is `backend` (exit 7).
fn fetch(url: &str, format: &str) -> Result<Vec<Rate>> {
    let timeout = std::env::var("COFFER_RPC_TIMEOUT")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(10);
    let response = minreq::get(url)
        .with_timeout(timeout)
        .send()
        .map_err(|e| Error::RateSource(format!("{url} did not answer: {e}")))?;
    if !(200..300).contains(&response.status_code) {
        return Err(Error::RateSource(format!(
            "{url} answered HTTP {} {}",
            response.status_code, response.reason_phrase
        )));
    }
    let doc: serde_json::Value = serde_json::from_slice(response.as_bytes())
        .map_err(|_| Error::RateSource(format!("{url} did not answer with JSON")))?;
    let now = clock::now();
    let source = format!("{format} {url}");
    let as_rate = |v: &serde_json::Value| -> Option<String> {
        let text = match v {
            serde_json::Value::String(s) => s.clone(),
            serde_json::Value::Number(n) => n.to_string(),
            _ => return None,
        };
        amount::parse_rate(&text).ok()
    };
    let mut out = vec![];
    let obj = doc
        .as_object()
        .ok_or_else(|| Error::RateSource(format!("{url}: expected a JSON object")))?;
    match format {
        "coingecko" => {
            for (id, quotes) in obj {
                let base = match id.as_str() {
                    "bitcoin" => "BTC",
                    "ethereum" => "ETH",
                    _ => continue,
                };
                for (quote, v) in quotes.as_object().into_iter().flatten() {
                    if let (Some(rate), Ok(pair)) =
                        (as_rate(v), parse_pair(&format!("{base}/{quote}")))
                    {
                        out.push(Rate {
                            pair,
                            time: now,
                            rate,
                            source: source.clone(),
                        });
                    }
                }
            }
        }
        _ => {
            for (pair, v) in obj {
                if let (Some(rate), Ok(pair)) = (as_rate(v), parse_pair(pair)) {
                    out.push(Rate {
                        pair,
                        time: now,
                        rate,
                        source: source.clone(),
                    });
                }
            }
        }
    }
    if out.is_empty() {
        return Err(Error::RateSource(format!("{url} answered no usable rate")));
    }
    Ok(out)
}

/// Parses a CSV of `time,pair,rate` rows; the first bad row is an error naming it.
fn parse_csv(text: &str) -> Result<Vec<Rate>> {
    let mut out = vec![];
    let now = clock::now();
    for (i, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || (i == 0 && line.to_lowercase().starts_with("time")) {
            continue;
        }
        let bad = |why: String| {
            Error::invalid(
                "file",
                format!("row {}: {why}; nothing was imported", i + 1),
            )
        };
        let cells: Vec<&str> = line.split(',').map(str::trim).collect();
        let [time, pair, rate] = cells[..] else {
            return Err(bad(format!("'{line}' is not time,pair,rate")));
        };
        let time = match time.parse::<i64>() {
            Ok(t) => t,
            Err(_) => clock::parse_date(time, now).map_err(|e| bad(e.to_string()))?,
        };
        out.push(Rate {
            pair: parse_pair(pair).map_err(|e| bad(e.to_string()))?,
            time,
            rate: amount::parse_rate(rate).map_err(|e| bad(e.to_string()))?,
            source: "import".into(),
        });
    }
    Ok(out)
}

/// Runs `coffer rates …`.
pub fn run(ctx: &Ctx, cmd: RatesCmd) -> Result<RatesOut> {
    let unlocked = ctx.unlock()?;
    let list = |conn: &Connection| -> Result<RatesOut> {
        Ok(RatesOut::List(Rates {
            items: rates::latest(conn)?
                .into_iter()
                .map(RateView::from)
                .collect(),
            latest: true,
        }))
    };
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
            let parsed = parse_csv(&text)?;
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
            Ok(RatesOut::List(Rates {
                items: rates::history(&conn, &pair, since)?
                    .into_iter()
                    .map(RateView::from)
                    .collect(),
                latest: false,
            }))
        }
        RatesCmd::Source(SourceCmd::Set { url, format }) => {
            crate::chain::eth::rpc::check_url(&url)?;
            unlocked.vault.write_light(|c| {
                for (k, v) in [
                    ("rates.source.url", url.as_str()),
                    ("rates.source.format", format.name()),
                ] {
                    c.execute(
                        "INSERT INTO settings (key, value) VALUES (?1, ?2)
                         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                        [k, v],
                    )
                    .context("storing setting")?;
                }
                list(c)
            })
        }
        RatesCmd::Source(SourceCmd::Remove) => unlocked.vault.write_light(|c| {
            c.execute("DELETE FROM settings WHERE key LIKE 'rates.source.%'", [])
                .context("removing setting")?;
            list(c)
        }),
        RatesCmd::Fetch => {
            let conn = unlocked.vault.read()?;
            let get = |k: &str| -> Result<Option<String>> {
                Ok(conn
                    .query_row("SELECT value FROM settings WHERE key = ?1", [k], |r| {
                        r.get(0)
                    })
                    .optional()
                    .context("reading settings")?)
            };
            let (Some(url), Some(format)) = (get("rates.source.url")?, get("rates.source.format")?)
            else {
                return Err(Error::NotFound(
                    "a rates source (set one with `coffer rates source set URL --format coingecko`)"
                        .into(),
                ));
            };
            // No lock (nor decrypted vault) held across the network.
            drop(conn);
            let fetched = fetch(&url, &format)?;
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
            let from = currency_code(&from)?;
            let to = currency_code(&to)?;
            if from == to {
                return Err(Error::invalid("to", "converting a currency into itself"));
            }
            let decimals = decimals_of(&conn, &from)?;
            let units = amount::parse_units(&a, decimals, "amount")?;
            let now = clock::now();
            let valuation = value(&conn, &from, units, decimals, &to, now, false)?;
            if valuation.value.is_none() {
                return Err(Error::NotFound(format!(
                    "a rate for {from}/{to} (direct, inverse, or both against a common currency)"
                )));
            }
            Ok(RatesOut::Converted(Box::new(Converted {
                amount: a.trim().to_string(),
                from,
                valuation,
            })))
        }
    }
}

/// The settings.
#[derive(Debug, Serialize)]
pub struct Config {
    /// The preferred fiat currency.
    pub currency: String,
}

impl Report for Config {
    fn human(&self, out: &mut Human) {
        out.kv("currency", &self.currency);
    }
}

/// Stores the preferred fiat currency (`config set currency`, `security set currency`);
/// returns the code as stored.
pub fn set_currency(vault: &crate::vault::Vault, value: &str) -> Result<String> {
    let code = currency_code(value)?;
    vault.write_light(|c| {
        c.execute(
            "INSERT INTO settings (key, value) VALUES ('currency', ?1)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            [&code],
        )
        .context("storing setting")?;
        crate::vault::audit::record(
            c,
            &crate::vault::audit::Event::new(
                "setting_changed",
                crate::vault::audit::Severity::Info,
                true,
                serde_json::json!({ "setting": "currency", "value": code }),
            ),
        )
    })?;
    Ok(code)
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
        set_currency(&unlocked.vault, &value)?;
    }
    let conn = unlocked.vault.read()?;
    Ok(Config {
        currency: preferred(&conn)?,
    })
}

/// One supported asset.
#[derive(Debug, Serialize)]
pub struct Currency {
    /// Symbol.
    pub symbol: String,
    /// Decimals.
    pub decimals: u32,
    /// Bitcoin network or EVM chain id.
    pub network: String,
    /// Token contract, for ERC-20.
    pub contract: Option<String>,
    /// Whether a wallet of the vault has a non-zero balance of it (Bitcoin as of the
    /// last change or sync, EVM assets as of the last `wallet sync`).
    pub held: bool,
    /// Whether the vault has a wallet for it (held or not).
    pub has_wallet: bool,
    /// The current rate in the preferred currency.
    pub rate: Option<String>,
}

/// `currencies` output.
#[derive(Debug, Serialize)]
pub struct Currencies {
    /// The preferred fiat currency.
    pub fiat: String,
    /// The assets.
    pub items: Vec<Currency>,
}

impl Report for Currencies {
    fn human(&self, out: &mut Human) {
        let rows = self
            .items
            .iter()
            .map(|c| {
                vec![
                    c.symbol.clone(),
                    c.network.clone(),
                    c.decimals.to_string(),
                    if c.held { "yes" } else { "" }.into(),
                    c.rate
                        .clone()
                        .map(|r| format!("{r} {}", self.fiat))
                        .unwrap_or_default(),
                ]
            })
            .collect();
        out.table(&["asset", "network", "decimals", "held", "rate"], rows);
    }
}

/// Runs `coffer currencies`.
pub fn currencies(ctx: &Ctx) -> Result<Currencies> {
    let conn = ctx.unlock()?.vault.read()?;
    let fiat = preferred(&conn)?;
    // What the wallets hold: HELD is a non-zero balance, not merely a wallet.
    let balances = crate::commands::balance::balance(
        ctx,
        crate::commands::balance::BalanceArgs { wallet: None },
    )?
    .items;
    let holds = |chain: &str, network: Option<&str>, chain_id: Option<u64>, symbol: &str| {
        balances.iter().any(|b| {
            b.chain == chain
                && b.currency == symbol
                && (network.is_none() || b.network.as_deref() == network)
                && (chain_id.is_none() || b.chain_id == chain_id)
                && !b.total_units.trim_start_matches('0').is_empty()
        })
    };
    let accounts: Vec<wallets::AccountRow> = wallets::list(&conn)?
        .into_iter()
        .flat_map(|w| w.accounts)
        .collect();
    let now = clock::now();
    let rate = |sym: &str| -> Result<Option<String>> {
        Ok(rates::at(&conn, &format!("{sym}/{fiat}"), now)?.map(|r| r.rate))
    };
    let mut items = vec![];
    for n in crate::chain::Network::ALL {
        let has_wallet = accounts
            .iter()
            .any(|a| a.chain == "btc" && a.network.as_deref() == Some(n.name()));
        items.push(Currency {
            symbol: "BTC".into(),
            decimals: 8,
            network: n.name().into(),
            contract: None,
            held: holds("btc", Some(n.name()), None, "BTC"),
            has_wallet,
            rate: if n == crate::chain::Network::Bitcoin {
                rate("BTC")?
            } else {
                None
            },
        });
    }
    let has_eth = accounts.iter().any(|a| a.chain == "eth");
    let mut chains: Vec<u64> = backends::list(&conn)?
        .into_iter()
        .filter(|b| b.chain == "eth")
        .filter_map(|b| b.network.parse().ok())
        .collect();
    if chains.is_empty() {
        chains.push(1);
    }
    for id in chains {
        items.push(Currency {
            symbol: "ETH".into(),
            decimals: 18,
            network: id.to_string(),
            contract: None,
            held: holds("eth", None, Some(id), "ETH"),
            has_wallet: has_eth,
            rate: if evm_test_chain(id) {
                None
            } else {
                rate("ETH")?
            },
        });
    }
    for t in backends::tokens(&conn, None)? {
        items.push(Currency {
            rate: if evm_test_chain(t.chain_id) {
                None
            } else {
                rate(&t.symbol)?
            },
            held: holds("eth", None, Some(t.chain_id), &t.symbol),
            symbol: t.symbol,
            decimals: u32::from(t.decimals),
            network: t.chain_id.to_string(),
            contract: Some(t.address),
            has_wallet: has_eth,
        });
    }
    Ok(Currencies { fiat, items })
}
