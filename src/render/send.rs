//! Human rendering for `send` (Bitcoin): the review, the result of a payment, a broadcast, a combine.

use crate::commands::send::Done;
use crate::output::{Human, Report};
use coffer_core::pay::btc::{Abandoned, Broadcast, Combined, Sent};

impl Report for Combined {
    fn human(&self, out: &mut Human) {
        out.kv("Transaction", &self.txid);
        out.kv("Written", &self.file);
        if let Some(s) = &self.signatures {
            out.kv("Signatures", s.describe());
        }
        out.kv(
            "Next",
            if self.complete {
                "coffer send broadcast FILE"
            } else {
                "more cosigners must sign it (coffer send sign FILE)"
            },
        );
    }
}

impl Report for Sent {
    fn human(&self, out: &mut Human) {
        // Once: not again after the confirmation prompt showed it.
        if !crate::output::review_shown() {
            self.review.human(out);
        }
        out.kv("Transaction", &self.txid);
        if let Some(r) = &self.replaces {
            out.kv("Replaces", r);
        }
        match self.status {
            "unsigned" => {
                out.kv(
                    "Status",
                    "unsigned PSBT: sign it with `coffer send sign FILE`",
                );
                match &self.file {
                    Some(f) => out.kv("PSBT", f),
                    None => out.kv("PSBT", self.psbt.as_deref().unwrap_or("")),
                }
            }
            "partially_signed" => {
                out.kv("Status", "partially signed: more signatures are needed");
            }
            "broadcast" => {
                out.kv(
                    "Status",
                    "broadcast through the node, recorded as pending (`coffer wallet sync` \
                     follows its confirmations)",
                );
            }
            _ => {
                if let Some(f) = &self.file {
                    out.kv("Signed PSBT", f);
                }
                out.kv(
                    "Status",
                    "signed, recorded as pending; not broadcast (no node set, or \
                     --no-broadcast): hand the hex below to any node (bitcoin-cli \
                     sendrawtransaction) or explorer",
                );
                if let Some(h) = &self.hex {
                    out.line("");
                    out.line(h);
                }
            }
        }
    }
}

impl Report for Done {
    fn human(&self, out: &mut Human) {
        match self {
            Done::Btc(s) => s.human(out),
            Done::Eth(s) => s.human(out),
            Done::BtcBroadcast(b) => b.human(out),
        }
    }
}

impl Report for Broadcast {
    fn human(&self, out: &mut Human) {
        out.kv("Transaction", &self.txid);
        out.kv("Size", format!("{} vB", self.vsize));
        out.kv(
            "Recorded in",
            if self.recorded_in.is_empty() {
                "no wallet of this vault".to_string()
            } else {
                self.recorded_in.join(", ")
            },
        );
        if self.broadcast {
            out.kv("Broadcast", "sent through the node");
            return;
        }
        out.kv(
            "Broadcast",
            "not sent (no node set, or --no-broadcast): hand the hex below to any node \
             (bitcoin-cli sendrawtransaction) or explorer",
        );
        out.line("");
        out.line(&self.hex);
    }
}

impl Report for Abandoned {
    fn human(&self, out: &mut Human) {
        out.line(format!(
            "{} abandoned: it counts nowhere, its coins are spendable again",
            self.txid
        ));
        for t in self.abandoned.iter().filter(|t| **t != self.txid) {
            out.kv("Also abandoned", t);
        }
        for c in &self.released {
            out.kv("Released", c);
        }
        if !self.node_checked {
            out.line(
                "No node is set for this network: make sure it was never broadcast, or it may \
                 still confirm (a later sync then records it again)",
            );
        }
    }
}
