//! `history summary`: totals in, out, fees and net per month, category or currency, in
//! each asset and in the preferred fiat currency (each transaction valued at its time).

use super::{Filter, Rows, for_each_row};
use crate::chain::Chain;
use crate::chain::amount;
use crate::chain::asset::Asset;
use crate::error::{Error, Result};
use crate::valuation as rates;
use crate::vault::txs;
use serde::Serialize;
use std::collections::BTreeMap;

/// How a summary groups the transactions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SummaryBy {
    /// By calendar month (UTC).
    Month,
    /// By category (`uncategorized` without one).
    Category,
    /// By currency.
    Currency,
}

impl SummaryBy {
    /// The word, as typed and as `by` in the JSON.
    pub fn name(self) -> &'static str {
        match self {
            SummaryBy::Month => "month",
            SummaryBy::Category => "category",
            SummaryBy::Currency => "currency",
        }
    }
}

/// One group of a summary, in one currency.
#[derive(Debug, Serialize)]
pub struct Group {
    /// The month (`2026-01`), category, or currency.
    pub key: String,
    /// The currency of the amounts.
    pub currency: String,
    /// Transactions counted.
    pub count: u64,
    /// Received (decimal).
    pub received: String,
    /// Sent, fees excluded (decimal).
    pub sent: String,
    /// Fees paid (decimal; Bitcoin and ether rows).
    pub fees: String,
    /// received - sent - fees (decimal, signed).
    pub net: String,
    /// The same in the preferred fiat currency, each transaction valued at its time.
    pub fiat: GroupFiat,
}

/// A group's fiat totals.
#[derive(Debug, Default, Serialize)]
pub struct GroupFiat {
    /// Received.
    pub received: String,
    /// Sent.
    pub sent: String,
    /// Fees.
    pub fees: String,
    /// Net.
    pub net: String,
    /// Transactions without a rate at their time (not in these totals).
    pub unvalued: u64,
}

/// `history summary` output.
#[derive(Debug, Serialize)]
pub struct Summary {
    /// month, category or currency.
    pub by: String,
    /// The preferred fiat currency.
    pub fiat_currency: String,
    /// The groups, in key order.
    pub groups: Vec<Group>,
}

/// The running totals of one group.
#[derive(Default)]
struct Acc {
    count: u64,
    received: i128,
    sent: i128,
    fees: i128,
    cents: [i128; 3],
    unvalued: u64,
    decimals: u32,
    fixed: bool,
}

/// A fiat value of ours ("12.34") in cents.
fn cents_of(value: &str) -> Result<i128> {
    value
        .replace('.', "")
        .parse::<i128>()
        .map_err(|_| Error::Internal(anyhow::anyhow!("a fiat value is not a decimal: {value:?}")))
}

fn cents_str(c: i128) -> String {
    let sign = if c < 0 { "-" } else { "" };
    let c = c.unsigned_abs();
    format!("{sign}{}.{:02}", c / 100, c % 100)
}

fn units_str(v: i128, decimals: u32, fixed: bool) -> String {
    let s = amount::format_units(v.unsigned_abs(), decimals, fixed);
    if v < 0 { format!("-{s}") } else { s }
}

/// The summary of the rows matching `filter` that count (and reverted EVM ones, for
/// their fees), grouped `by`.
pub fn summary(conn: &rusqlite::Connection, filter: &Filter, by: SummaryBy) -> Result<Summary> {
    let fiat = rates::preferred(conn)?;
    let mut groups: BTreeMap<(String, String), Acc> = BTreeMap::new();
    let value_cents = |currency: &str, units: u128, decimals: u32, time: i64, test: bool| {
        let v = rates::value(conn, currency, units, decimals, &fiat, time, test)?;
        v.value.map(|x| cents_of(&x)).transpose()
    };
    for_each_row(conn, filter, true, Rows::CountedAndReverted, |r| {
        let key = match by {
            SummaryBy::Month => r.time.get(..7).unwrap_or("").to_string(),
            SummaryBy::Category => r.category.clone().unwrap_or_else(|| "uncategorized".into()),
            SummaryBy::Currency => r.asset.symbol().to_string(),
        };
        let test = rates::test_network(r.network);
        let a = &r.asset;
        let amount: i128 = txs::stored(&r.amount_units, "transaction amount")?;
        // A reverted EVM transaction moved nothing; its fee was paid.
        let amount = if r.status == "failed" { 0 } else { amount };
        let fee: i128 = r
            .fee_units
            .as_deref()
            .map(|f| txs::stored(f, "transaction fee"))
            .transpose()?
            .unwrap_or(0);
        // A Bitcoin amount is the net effect, our fee included; an EVM amount is not.
        let coin: Asset = a.coin();
        let gross = match r.chain {
            Chain::Btc => amount + fee,
            Chain::Eth => amount,
        };
        let acc = groups
            .entry((key.clone(), r.asset.symbol().to_string()))
            .or_insert_with(|| Acc {
                decimals: a.decimals(),
                fixed: a.fixed(),
                ..Acc::default()
            });
        acc.count += 1;
        let (received, sent) = if gross >= 0 { (gross, 0) } else { (0, -gross) };
        acc.received += received;
        acc.sent += sent;
        let value = |units: i128, decimals: u32, currency: &str| -> Result<Option<i128>> {
            if units == 0 {
                return Ok(Some(0));
            }
            value_cents(currency, units.unsigned_abs(), decimals, r.time_s, test)
        };
        let rv = value(received, a.decimals(), a.symbol())?;
        let sv = value(sent, a.decimals(), a.symbol())?;
        match (rv, sv) {
            (Some(x), Some(y)) => {
                acc.cents[0] += x;
                acc.cents[1] += y;
            }
            _ => acc.unvalued += 1,
        }
        if fee > 0 {
            let symbol = coin.symbol();
            let fv = value(fee, coin.decimals(), symbol)?;
            // Paid in the row's own asset (bitcoin, ether): the row's group.
            let fee_acc = if *a == coin {
                acc
            } else {
                groups
                    .entry((key, symbol.to_string()))
                    .or_insert_with(|| Acc {
                        decimals: coin.decimals(),
                        fixed: coin.fixed(),
                        ..Acc::default()
                    })
            };
            fee_acc.fees += fee;
            match fv {
                Some(x) => fee_acc.cents[2] += x,
                None => fee_acc.unvalued += 1,
            }
        }
        Ok(())
    })?;
    Ok(Summary {
        by: by.name().into(),
        fiat_currency: fiat,
        groups: groups
            .into_iter()
            .map(|((key, currency), a)| Group {
                key,
                currency,
                count: a.count,
                received: units_str(a.received, a.decimals, a.fixed),
                sent: units_str(a.sent, a.decimals, a.fixed),
                fees: units_str(a.fees, a.decimals, a.fixed),
                net: units_str(a.received - a.sent - a.fees, a.decimals, a.fixed),
                fiat: GroupFiat {
                    received: cents_str(a.cents[0]),
                    sent: cents_str(a.cents[1]),
                    fees: cents_str(a.cents[2]),
                    net: cents_str(a.cents[0] - a.cents[1] - a.cents[2]),
                    unvalued: a.unvalued,
                },
            })
            .collect(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cents_and_units_are_exact() {
        assert_eq!(cents_of("12.34").unwrap(), 1234);
        assert_eq!(cents_of("-0.05").unwrap(), -5);
        assert!(cents_of("1,2").is_err());
        assert_eq!(cents_str(1234), "12.34");
        assert_eq!(cents_str(-5), "-0.05");
        assert_eq!(cents_str(0), "0.00");
        assert_eq!(units_str(-150_000, 8, true), "-0.00150000");
        assert_eq!(units_str(1_500_000_000_000_000_000, 18, false), "1.5");
        assert_eq!(units_str(0, 6, false), "0");
    }
}
