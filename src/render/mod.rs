//! Human rendering: the `Report` impls of what commands return, one file per command
//! group, and of the core library's values that commands show as they are (the core
//! library prints nothing and knows no `Human`). Commands build values; this draws them.

pub mod addr;
pub mod approval;
pub mod backend;
pub mod backup;
pub mod balance;
pub mod completions;
pub mod fees;
pub mod history;
pub mod labels;
pub mod login;
pub mod message;
pub mod multisig;
pub mod rates;
pub mod receive;
pub mod register;
pub mod security;
pub mod send;
pub mod send_eth;
pub mod status;
pub mod users;
pub mod utxo;
pub mod wallet;

use crate::chain::uri::{Source, Sources};
use crate::output::{Human, Report};
use crate::vault::engine::send::Review;

impl Report for Sources {
    /// The review lines for people.
    fn human(&self, out: &mut Human) {
        out.kv("Payment URI", &self.uri);
        let mut parts = vec![
            format!("recipient from {}", self.recipient.describe()),
            format!("amount from {}", self.amount.describe()),
        ];
        if let Some(s) = self.chain_id {
            parts.push(format!("chain id from {}", s.describe()));
        }
        if let Some(s) = self.token {
            parts.push(format!("token from {}", s.describe()));
        }
        match self.label {
            Some(Source::Uri) => parts.push("note from the URI's label".into()),
            Some(s) => parts.push(format!("note from {}", s.describe())),
            None => {}
        }
        out.kv("Sources", parts.join("; "));
        if let Some(m) = &self.message {
            out.kv("Message (URI)", m);
        }
    }
}

impl Report for Review {
    /// The review as lines for people.
    fn human(&self, out: &mut Human) {
        for r in &self.recipients {
            let mark = if r.ours { "  (this wallet)" } else { "" };
            out.kv("Pay", format!("{} BTC to {}{mark}", r.amount, r.address));
        }
        for c in &self.change {
            out.kv(
                "Change",
                format!(
                    "{} BTC to {} (ours, {})",
                    c.amount,
                    c.address,
                    c.path.as_deref().unwrap_or("-")
                ),
            );
        }
        out.kv(
            "Fee",
            format!(
                "{} BTC ({} sat, {} sat/vB, {}{} vB)",
                self.fee,
                self.fee_sat,
                self.fee_rate,
                if self.vsize_final { "" } else { "~" },
                self.vsize
            ),
        );
        out.kv("Total debited", format!("{} BTC", self.total_debited));
        match self.spends.len() {
            0 => {}
            n @ 1..=4 => out.kv(&format!("Coins spent ({n})"), self.spends.join(", ")),
            n => out.kv(
                &format!("Coins spent ({n})"),
                format!("{}, … ({} more)", self.spends[..3].join(", "), n - 3),
            ),
        }
        out.kv("Replaceable", if self.rbf { "yes (BIP-125)" } else { "no" });
        if let Some(s) = &self.signatures {
            out.kv("Signatures", s.describe());
        }
        if let Some(s) = &self.sources {
            s.human(out);
        }
    }
}
