//! The human rendering of `rates`, `currencies` and `config`.

use crate::commands::rates::{Config, RatesOut};
use crate::output::{Human, Report};
use coffer_core::valuation::{Converted, Currencies, Rates, STALE_SECS, age_text};

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

impl Report for RatesOut {
    fn human(&self, out: &mut Human) {
        match self {
            RatesOut::List(r) => r.human(out),
            RatesOut::Converted(c) => c.human(out),
        }
    }
}

impl Report for Config {
    fn human(&self, out: &mut Human) {
        out.kv("currency", &self.currency);
    }
}

impl Report for Currencies {
    fn human(&self, out: &mut Human) {
        let rows = self
            .items
            .iter()
            .map(|c| {
                vec![
                    c.symbol.clone(),
                    c.network.to_string(),
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
