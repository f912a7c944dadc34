//! Human rendering for `send` (Ethereum): the review and the result of an ether or token payment.

use crate::output::{Human, Report};
use coffer_core::pay::eth::{EthReview, EthSent};

impl Report for EthReview {
    /// The review as lines for people.
    fn human(&self, out: &mut Human) {
        out.kv(
            "Pay",
            format!("{} {} to {}", self.amount, self.currency, self.to),
        );
        if let Some(c) = &self.token_contract {
            out.kv("Token contract", c);
        }
        out.kv("From", &self.from);
        out.kv("Chain id", self.chain_id.to_string());
        out.kv("Nonce", self.nonce.to_string());
        out.kv(
            "Fees",
            format!(
                "max {} gwei, priority {} gwei, gas limit {}",
                self.max_fee_gwei, self.priority_fee_gwei, self.gas_limit
            ),
        );
        out.kv(
            "Max network fee",
            format!("{} ETH (gas limit x max fee)", self.max_network_fee),
        );
        out.kv("Max total cost", format!("{} ETH", self.max_total_cost));
        if let Some(s) = &self.sources {
            s.human(out);
        }
    }
}

impl Report for EthSent {
    fn human(&self, out: &mut Human) {
        // Once: not again after the confirmation prompt showed it.
        if !crate::output::review_shown() {
            self.review.human(out);
        }
        if let Some(h) = &self.hash {
            out.kv("Transaction", h);
        }
        match self.status {
            "unsigned" => {
                out.kv(
                    "Status",
                    "unsigned request: sign it with `coffer send sign FILE` where the keys are",
                );
                if let Some(f) = &self.file {
                    out.kv("Request", f);
                }
            }
            "broadcast" => out.kv("Status", "broadcast; recorded as pending"),
            _ => {
                if let Some(f) = &self.file {
                    out.kv("Signed", f);
                }
                out.kv(
                    "Status",
                    "signed, not broadcast: `coffer send broadcast FILE` with a backend, or \
                     hand the raw transaction below to any node",
                );
                if let Some(r) = &self.raw {
                    out.line("");
                    out.line(r);
                }
            }
        }
    }
}
