//! Valuation: what an amount is worth in a fiat currency, from the rates kept in the
//! vault (`vault::rates`). Rates are exact decimals; a value without a rate at or before
//! its time is "no rate", never a guess. Also the rates settings (the preferred currency,
//! the HTTP source), the supported assets (`coffer currencies`) and the portfolio value
//! of a set of balances (`wallet balance`).

mod fetch;

pub use fetch::{fetch, parse_csv};

use crate::chain::Network;
use crate::chain::amount;
use crate::chain::asset::{Asset, NetworkId};
use crate::clock;
use crate::error::{Error, Result};
use crate::settings::{self, Settings};
use crate::vault::rates::{self, Rate};
use crate::vault::{backends, wallets};
use rusqlite::Connection;
use serde::Serialize;

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

/// A currency or asset code in canonical form, checked: 2-10 letters or digits.
pub fn currency_code(s: &str) -> Result<String> {
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
    Ok(Settings::load(conn)?.currency)
}

/// Stores the preferred fiat currency (`config set currency`, `security set currency`);
/// returns the code as stored.
pub fn set_currency(vault: &crate::vault::Vault, value: &str) -> Result<String> {
    let code = currency_code(value)?;
    vault.write_light(|c| {
        settings::set_currency(c, &code)?;
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

/// Stores the HTTP source `rates fetch` reads: its URL and format (`coingecko` or
/// `pairs`).
pub fn set_source(conn: &Connection, url: &str, format: &str) -> Result<()> {
    settings::set_rates_source(conn, Some((url, format)))
}

/// Removes the rates source.
pub fn remove_source(conn: &Connection) -> Result<()> {
    settings::set_rates_source(conn, None)
}

/// The rates source (URL, format); `not_found` when none is set.
pub fn source(conn: &Connection) -> Result<(String, String)> {
    Settings::load(conn)?.rates_source.ok_or_else(|| {
        Error::NotFound(
            "a rates source (set one with `coffer rates source set URL --format coingecko`)".into(),
        )
    })
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
pub fn test_network(network: NetworkId) -> bool {
    match network {
        NetworkId::Bitcoin(n) => n != Network::Bitcoin,
        NetworkId::Evm(id) => evm_test_chain(id),
    }
}

/// Whether an EVM chain id is a test network (its ether has no price).
pub fn evm_test_chain(chain_id: u64) -> bool {
    matches!(
        chain_id,
        5 | 17000 | 11155111 | 560048 | 1337 | 31337 | 84532 | 421614 | 11155420
    )
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

/// The decimals of an asset symbol known to the vault (BTC 8, ETH 18, tokens their own,
/// anything else 2 as for fiat).
pub fn decimals_of(conn: &Connection, asset: &str) -> Result<u32> {
    Ok(match asset {
        "BTC" => 8,
        "ETH" => 18,
        other => backends::tokens(conn, None)?
            .into_iter()
            .find(|t| t.symbol.eq_ignore_ascii_case(other))
            .map_or(2, |t| u32::from(t.decimals)),
    })
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

/// The latest rate of every pair (`rates list`).
pub fn latest(conn: &Connection) -> Result<Rates> {
    Ok(Rates {
        items: rates::latest(conn)?
            .into_iter()
            .map(RateView::from)
            .collect(),
        latest: true,
    })
}

/// The rates of `pair` (canonical) since `since`, oldest first (`rates history`).
pub fn history(conn: &Connection, pair: &str, since: i64) -> Result<Rates> {
    Ok(Rates {
        items: rates::history(conn, pair, since)?
            .into_iter()
            .map(RateView::from)
            .collect(),
        latest: false,
    })
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

/// Converts `amount` (exact decimal) of `from` into `to` with the latest rates
/// (`rates convert`); `not_found` without a way through the stored rates.
pub fn convert(conn: &Connection, amount: &str, from: &str, to: &str) -> Result<Converted> {
    let from = currency_code(from)?;
    let to = currency_code(to)?;
    if from == to {
        return Err(Error::invalid("to", "converting a currency into itself"));
    }
    let decimals = decimals_of(conn, &from)?;
    let units = amount::parse_units(amount, decimals, "amount")?;
    let now = clock::now();
    let valuation = value(conn, &from, units, decimals, &to, now, false)?;
    if valuation.value.is_none() {
        return Err(Error::NotFound(format!(
            "a rate for {from}/{to} (direct, inverse, or both against a common currency)"
        )));
    }
    Ok(Converted {
        amount: amount.trim().to_string(),
        from,
        valuation,
    })
}

/// One balance, as valuation needs it.
#[derive(Debug, Clone, Copy)]
pub struct Holding<'a> {
    /// What it counts: bitcoin on a network, ether or a token on an EVM chain (its
    /// network, symbol and decimals).
    pub asset: &'a Asset,
    /// The total in the smallest unit (decimal digits).
    pub total_units: &'a str,
}

/// The value now of a set of balances.
#[derive(Debug)]
pub struct Portfolio {
    /// Each balance's value, in the order given.
    pub values: Vec<Valuation>,
    /// The sum of the values (cents, each rounded half up).
    pub total: String,
    /// Currencies held (on main networks) that have no rate: not in the total.
    pub unvalued: Vec<String>,
    /// Whether any balance has a value.
    pub valued: bool,
}

/// Values `holdings` in `fiat` at `now` (test networks have none).
pub fn portfolio(
    conn: &Connection,
    fiat: &str,
    now: i64,
    holdings: &[Holding<'_>],
) -> Result<Portfolio> {
    let mut cents: u128 = 0;
    let mut unvalued = vec![];
    let mut valued = false;
    let mut values = Vec::with_capacity(holdings.len());
    for b in holdings {
        let test = test_network(b.asset.network());
        let currency = b.asset.symbol();
        let decimals = b.asset.decimals();
        let units: alloy_primitives::U256 = crate::vault::txs::stored(b.total_units, "balance")?;
        // A token balance beyond 128 bits (no real asset has one) is shown exactly but
        // not valued: it counts among the unvalued, never as 0 or a saturated figure.
        let Ok(units) = u128::try_from(units) else {
            if !unvalued.iter().any(|c| c == currency) {
                unvalued.push(currency.to_string());
            }
            values.push(Valuation {
                missing: Some("too large to value".into()),
                ..Valuation::none(fiat)
            });
            continue;
        };
        let v = value(conn, currency, units, decimals, fiat, now, test)?;
        match &v.value {
            Some(x) => {
                valued = true;
                cents += x.replace('.', "").parse::<u128>().map_err(|_| {
                    Error::Internal(anyhow::anyhow!("a fiat value is not a decimal: {x:?}"))
                })?
            }
            None if !test && units > 0 && !unvalued.iter().any(|c| c == currency) => {
                unvalued.push(currency.to_string())
            }
            None => {}
        }
        values.push(v);
    }
    Ok(Portfolio {
        values,
        total: format!("{}.{:02}", cents / 100, cents % 100),
        unvalued,
        valued,
    })
}

/// One supported asset.
#[derive(Debug, Serialize)]
pub struct Currency {
    /// Symbol.
    pub symbol: String,
    /// Decimals.
    pub decimals: u32,
    /// Bitcoin network or EVM chain id (shown as text).
    pub network: NetworkId,
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

/// The supported assets (`coffer currencies`): Bitcoin on each network, ether on each
/// configured EVM chain (mainnet without one), the registered tokens; `balances` says
/// what the wallets hold (HELD is a non-zero balance, not merely a wallet).
pub fn currencies(conn: &Connection, balances: &[Holding<'_>]) -> Result<Currencies> {
    let fiat = preferred(conn)?;
    let holds = |network: NetworkId, symbol: &str| {
        balances.iter().any(|b| {
            b.asset.network() == network
                && b.asset.symbol() == symbol
                && !b.total_units.trim_start_matches('0').is_empty()
        })
    };
    let accounts: Vec<wallets::AccountRow> = wallets::list(conn)?
        .into_iter()
        .flat_map(|w| w.accounts)
        .collect();
    let now = clock::now();
    let rate = |sym: &str| -> Result<Option<String>> {
        Ok(rates::at(conn, &format!("{sym}/{fiat}"), now)?.map(|r| r.rate))
    };
    let mut items = vec![];
    for n in crate::chain::Network::ALL {
        let has_wallet = accounts
            .iter()
            .any(|a| a.chain == crate::chain::Chain::Btc && a.network == Some(n));
        items.push(Currency {
            symbol: "BTC".into(),
            decimals: 8,
            network: NetworkId::Bitcoin(n),
            contract: None,
            held: holds(NetworkId::Bitcoin(n), "BTC"),
            has_wallet,
            rate: if n == crate::chain::Network::Bitcoin {
                rate("BTC")?
            } else {
                None
            },
        });
    }
    let has_eth = accounts.iter().any(|a| a.chain == crate::chain::Chain::Eth);
    let mut chains = backends::evm_chain_ids(conn)?;
    if chains.is_empty() {
        chains.push(1);
    }
    for id in chains {
        items.push(Currency {
            symbol: "ETH".into(),
            decimals: 18,
            network: NetworkId::Evm(id),
            contract: None,
            held: holds(NetworkId::Evm(id), "ETH"),
            has_wallet: has_eth,
            rate: if evm_test_chain(id) {
                None
            } else {
                rate("ETH")?
            },
        });
    }
    for t in backends::tokens(conn, None)? {
        items.push(Currency {
            rate: if evm_test_chain(t.chain_id) {
                None
            } else {
                rate(&t.symbol)?
            },
            held: holds(NetworkId::Evm(t.chain_id), &t.symbol),
            symbol: t.symbol,
            decimals: u32::from(t.decimals),
            network: NetworkId::Evm(t.chain_id),
            contract: Some(t.address),
            has_wallet: has_eth,
        });
    }
    Ok(Currencies { fiat, items })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A migrated in-memory vault with `rates` (pair, time, rate) stored.
    fn vault_with(stored: &[(&str, i64, &str)]) -> Connection {
        let mut c = crate::vault::schema::memory_connection().unwrap();
        crate::vault::schema::migrate(&mut c).unwrap();
        let rows: Vec<Rate> = stored
            .iter()
            .map(|(pair, time, rate)| Rate {
                pair: (*pair).into(),
                time: *time,
                rate: (*rate).into(),
                source: "manual".into(),
            })
            .collect();
        rates::insert(&c, &rows).unwrap();
        c
    }

    const BTC: u128 = 100_000_000;

    #[test]
    fn pairs_and_codes_are_checked_and_canonical() {
        assert_eq!(parse_pair(" btc/usd ").unwrap(), "BTC/USD");
        for bad in ["BTC", "BTC/BTC", "B/USD", "BTC/US-D", "BTC/USD/EUR"] {
            assert!(parse_pair(bad).is_err(), "{bad}");
        }
        assert_eq!(currency_code("eur").unwrap(), "EUR");
        assert!(currency_code("E").is_err());
        assert!(currency_code("EU R").is_err());
    }

    #[test]
    fn test_networks_have_no_price() {
        assert!(!test_network(NetworkId::Bitcoin(Network::Bitcoin)));
        assert!(test_network(NetworkId::Bitcoin(Network::Regtest)));
        assert!(!test_network(NetworkId::Evm(1)));
        assert!(test_network(NetworkId::Evm(11155111)));
    }

    #[test]
    fn a_value_uses_the_rate_of_its_time_directly_inversely_or_across() {
        let c = vault_with(&[
            ("BTC/USD", 1000, "97000.12"),
            ("BTC/USD", 5000, "100000"),
            ("EUR/USD", 1000, "1.25"),
            ("USD/ETH", 1000, "0.0004"),
        ]);
        // Before any rate: none is invented.
        let v = value(&c, "btc", BTC, 8, "USD", 999, false).unwrap();
        assert_eq!((v.value, v.missing.as_deref()), (None, Some("no rate")));
        // Direct, with the rate at or before the time valued.
        let v = value(&c, "BTC", BTC / 2, 8, "USD", 4999, false).unwrap();
        assert_eq!(v.value.as_deref(), Some("48500.06"));
        assert_eq!(v.method.as_deref(), Some("direct"));
        assert_eq!(v.rate_age_secs, Some(3999));
        // Inverse: USD/ETH 0.0004 is 2500 USD per ETH.
        let v = value(&c, "ETH", 10u128.pow(18), 18, "USD", 6000, false).unwrap();
        assert_eq!(v.value.as_deref(), Some("2500.00"));
        assert_eq!(v.method.as_deref(), Some("inverse"));
        assert!(v.rates_used[0].inverted);
        // Cross, through USD: 100000 / 1.25.
        let v = value(&c, "BTC", BTC, 8, "EUR", 6000, false).unwrap();
        assert_eq!(v.value.as_deref(), Some("80000.00"));
        assert_eq!(v.method.as_deref(), Some("cross"));
        let used: Vec<(&str, bool)> = v
            .rates_used
            .iter()
            .map(|r| (r.pair.as_str(), r.inverted))
            .collect();
        assert_eq!(used, [("BTC/USD", false), ("EUR/USD", true)]);
        // The oldest rate used sets the age.
        assert_eq!(v.rate_age_secs, Some(5000));
        assert_eq!(v.stale_pairs(), Vec::<String>::new());
        // A test network has no value whatever the rates.
        let v = value(&c, "BTC", BTC, 8, "USD", 6000, true).unwrap();
        assert_eq!(v.missing.as_deref(), Some("test network"));
    }

    #[test]
    fn conversions_round_half_up_exactly() {
        let r = |rate: &str| Rate {
            pair: "BTC/USD".into(),
            time: 0,
            rate: rate.into(),
            source: "manual".into(),
        };
        // 1 sat at 50000 USD = 0.0005 USD: 0.00 cents; 0.000005 rounds half up to 0.01.
        assert_eq!(convert_units(1, 8, 2, &[(r("50000"), false)]).unwrap(), 0);
        assert_eq!(convert_units(10, 8, 2, &[(r("50000"), false)]).unwrap(), 1);
        assert_eq!(convert_units(3, 0, 2, &[(r("3"), true)]).unwrap(), 100);
        assert!(convert_units(1, 0, 0, &[(r("0.0"), false)]).is_err());
    }

    #[test]
    fn a_portfolio_sums_what_has_a_value_and_names_what_has_none() {
        let c = vault_with(&[("BTC/USD", 0, "100000")]);
        let huge = (alloy_primitives::U256::from(1u8) << 130usize).to_string();
        let (btc, regtest) = (
            Asset::Bitcoin {
                network: Network::Bitcoin,
            },
            Asset::Bitcoin {
                network: Network::Regtest,
            },
        );
        let token = |symbol: &str| Asset::Erc20 {
            chain_id: 1,
            contract: String::new(),
            decimals: 18,
            symbol: symbol.into(),
        };
        let (eth, xyz, big) = (Asset::Ether { chain_id: 1 }, token("XYZ"), token("BIG"));
        fn h<'a>(asset: &'a Asset, total_units: &'a str) -> Holding<'a> {
            Holding { asset, total_units }
        }
        let holdings = [
            h(&btc, "150000000"),
            h(&regtest, "100000000"),
            h(&eth, "0"),
            h(&xyz, "5"),
            h(&big, &huge),
        ];
        let p = portfolio(&c, "USD", 10, &holdings).unwrap();
        assert_eq!(p.total, "150000.00");
        assert!(p.valued);
        assert_eq!(p.unvalued, ["XYZ", "BIG"]);
        let missing: Vec<Option<&str>> = p.values.iter().map(|v| v.missing.as_deref()).collect();
        assert_eq!(
            missing,
            [
                None,
                Some("test network"),
                Some("no rate"),
                Some("no rate"),
                Some("too large to value")
            ]
        );
        let none = portfolio(&c, "USD", 10, &holdings[1..]).unwrap();
        assert_eq!((none.total.as_str(), none.valued), ("0.00", false));
    }

    #[test]
    fn a_csv_imports_whole_or_not_at_all() {
        let ok = parse_csv("time,pair,rate\n1700000000, btc/usd, 97000.5\n\n").unwrap();
        assert_eq!(ok.len(), 1);
        assert_eq!(
            (ok[0].pair.as_str(), ok[0].time),
            ("BTC/USD", 1_700_000_000)
        );
        assert_eq!(ok[0].source, "import");
        let err = parse_csv("1700000000,BTC/USD,1\n1700000000,BTC/USD\n").unwrap_err();
        assert!(err.to_string().contains("row 2"), "{err}");
    }
}
