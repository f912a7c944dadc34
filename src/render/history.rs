//! Human rendering for `history`: pages, details, summaries, exports; and the "Last
//! sync" lines that `wallet balance` shows too.

use crate::output::{Align, Cell, Human, Report};
use crate::vault::txs;
use coffer_core::history::export::Exported;
use coffer_core::history::summary::Summary;
use coffer_core::history::{Detail, Page};

impl Report for Page {
    fn human(&self, out: &mut Human) {
        if self.items.is_empty() {
            out.line("No transactions.");
            return;
        }
        let rows = self
            .items
            .iter()
            .map(|r| {
                vec![
                    Cell::from(r.id.to_string()),
                    Cell::from(utc_time(&r.time)),
                    Cell::from(r.wallet.as_str()),
                    Cell::from(r.kind.as_str()),
                    Cell::amount(format!("{} {}", r.amount, r.asset.symbol())),
                    Cell::from(r.status.as_str()),
                    Cell::from(r.counterparty.clone().unwrap_or_default()),
                    Cell::from(r.label.clone().unwrap_or_default()),
                ]
            })
            .collect();
        out.table_with(
            &[
                "id",
                "time (UTC)",
                "wallet",
                "type",
                "amount",
                "status",
                "counterparty",
                "label",
            ],
            rows,
            &[
                Align::Right,
                Align::Left,
                Align::Left,
                Align::Left,
                Align::Decimal,
            ],
        );
        if let Some(c) = &self.next_cursor {
            out.line(format!(
                "{} of {} shown; next page: --cursor {c}",
                self.items.len(),
                self.total
            ));
        }
        last_sync_lines(out, &self.synced);
    }
}

/// The "Last sync" lines under `history` and `wallet balance`: one per network or EVM
/// chain, however many accounts sync there. An account alone on its chain is named; for
/// several, the one furthest behind (the oldest sync) speaks for them.
pub fn last_sync_lines(out: &mut Human, points: &[txs::SyncPoint]) {
    let mut groups: Vec<(&txs::SyncPoint, usize)> = vec![];
    for p in points {
        match groups
            .iter_mut()
            .find(|(g, _)| g.chain == p.chain && g.network == p.network && g.chain_id == p.chain_id)
        {
            Some((oldest, n)) => {
                *n += 1;
                if p.age_secs > oldest.age_secs {
                    *oldest = p;
                }
            }
            None => groups.push((p, 1)),
        }
    }
    for (oldest, n) in groups {
        let text = if n == 1 {
            txs::describe_sync(oldest)
        } else {
            let all = txs::SyncPoint {
                wallet: format!("{n} accounts"),
                ..oldest.clone()
            };
            format!("{} (the oldest)", txs::describe_sync(&all))
        };
        out.kv("Last sync", text);
    }
}

/// An RFC 3339 UTC time as the tables show it, under a `TIME (UTC)` header:
/// `2026-01-10T12:00:00Z` → `2026-01-10 12:00:00`.
pub fn utc_time(rfc3339: &str) -> String {
    rfc3339.replace('T', " ").trim_end_matches('Z').to_string()
}

impl Report for Detail {
    fn human(&self, out: &mut Human) {
        let r = &self.row;
        out.kv("ID", r.id.to_string());
        out.kv("Transaction", &r.txid);
        out.kv("Time", &r.time);
        out.kv("Wallet", &r.wallet);
        out.kv("Type", &r.kind);
        out.kv("Amount", format!("{} {}", r.amount, r.asset.symbol()));
        if let Some(f) = &r.fee {
            out.kv(
                "Fee",
                format!(
                    "{f}{}",
                    self.fee_rate
                        .as_deref()
                        .map(|x| format!(
                            " ({x} {})",
                            match r.chain {
                                crate::chain::Chain::Btc => "sat/vB",
                                crate::chain::Chain::Eth => "gwei/gas",
                            }
                        ))
                        .unwrap_or_default()
                ),
            );
        }
        out.kv("Status", &r.status);
        for (k, v) in [
            ("Value then", &self.fiat.at_time),
            ("Value now", &self.fiat.now),
        ] {
            out.kv(
                k,
                match (&v.value, &v.missing) {
                    (Some(x), _) => format!("{x} {} ({})", v.currency, v.rates_text()),
                    (None, m) => m.clone().unwrap_or_default(),
                },
            );
        }
        if let Some(h) = r.height {
            out.kv(
                "Block",
                format!(
                    "{h}{}",
                    r.confirmations
                        .map(|c| {
                            let s = if c == 1 { "" } else { "s" };
                            format!(" ({c} confirmation{s})")
                        })
                        .unwrap_or_default()
                ),
            );
        }
        if let Some(v) = self.vsize {
            out.kv("Size", format!("{v} vB"));
        }
        for (k, v) in [
            ("Replaces", &self.replaces),
            ("Replaced by", &self.replaced_by),
            ("Label", &r.label),
            ("Category", &r.category),
            ("Note", &r.note),
        ] {
            if let Some(v) = v {
                out.kv(k, v);
            }
        }
        for (what, list) in [("In", &self.inputs), ("Out", &self.outputs)] {
            for io in list {
                out.kv(
                    what,
                    format!(
                        "{} {}{}",
                        io.amount.as_deref().unwrap_or("?"),
                        io.address
                            .as_deref()
                            .or(io.outpoint.as_deref())
                            .unwrap_or("-"),
                        if io.ours { "  (ours)" } else { "" }
                    ),
                );
            }
        }
    }
}

impl Report for Exported {
    fn human(&self, out: &mut Human) {
        match (&self.file, &self.content) {
            (Some(f), _) => out.line(format!("{} rows written to {f}", self.rows)),
            (None, Some(c)) => out.raw(c),
            (None, None) => {}
        }
    }
}

impl Report for Summary {
    fn human(&self, out: &mut Human) {
        if self.groups.is_empty() {
            out.line("No transactions.");
            return;
        }
        let rows = self
            .groups
            .iter()
            .map(|g| {
                vec![
                    Cell::from(g.key.as_str()),
                    Cell::from(g.currency.as_str()),
                    Cell::from(g.count.to_string()),
                    Cell::from(g.received.as_str()),
                    Cell::from(g.sent.as_str()),
                    Cell::from(g.fees.as_str()),
                    Cell::amount(g.net.as_str()),
                    Cell::from(if g.fiat.unvalued >= g.count {
                        // Nothing valued: "0.00 EUR" would read as a value.
                        "no value".to_string()
                    } else if g.fiat.unvalued > 0 {
                        format!(
                            "{} {} ({} unvalued)",
                            g.fiat.net, self.fiat_currency, g.fiat.unvalued
                        )
                    } else {
                        format!("{} {}", g.fiat.net, self.fiat_currency)
                    }),
                ]
            })
            .collect();
        out.table_with(
            &[
                "group",
                "currency",
                "txs",
                "received",
                "sent",
                "fees",
                "net",
                "net (fiat)",
            ],
            rows,
            &[
                Align::Left,
                Align::Left,
                Align::Right,
                Align::Decimal,
                Align::Decimal,
                Align::Decimal,
                Align::Decimal,
                Align::Decimal,
            ],
        );
    }
}
