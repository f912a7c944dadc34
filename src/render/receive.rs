//! `receive`, `receive import`, `receive wait` and the lines of `receive watch`.

use crate::chain::Chain;
use crate::output::{Human, Report, StreamEvent};
use coffer_core::receive::wait::Arrived;
use coffer_core::receive::watch::Event;
use coffer_core::receive::{ImportView, Receive};

impl Report for Arrived {
    fn human(&self, out: &mut Human) {
        out.line(format!(
            "Received {} {} in {} ({} confirmation(s)).",
            self.amount,
            self.asset.symbol(),
            self.txid,
            self.confirmations
        ));
    }
}

impl StreamEvent for Event {
    /// The one-line human form.
    fn human_line(&self) -> String {
        let to = self
            .address
            .as_deref()
            .map(|a| format!(" to {a}"))
            .unwrap_or_default();
        let conf = match self.event {
            "replaced" => "replaced or dropped".to_string(),
            _ => format!("{} confirmation(s)", self.confirmations),
        };
        crate::output::sanitize(&format!(
            "{} {:<9} {} {} {} {}{to} ({conf}) {}",
            self.time,
            self.event,
            self.wallet,
            self.network,
            self.amount,
            self.asset.symbol(),
            self.txid
        ))
    }
}

impl Report for Receive {
    fn human(&self, out: &mut Human) {
        out.kv("Address", &self.address);
        out.kv("URI", &self.uri);
        out.kv("Wallet", &self.wallet);
        out.kv("Path", &self.path);
        if let Some(a) = &self.amount {
            let unit = if self.chain == Chain::Btc {
                "BTC"
            } else {
                "ETH"
            };
            out.kv("Amount", format!("{a} {unit}"));
        }
        if let Some(l) = &self.label {
            out.kv("Label", l);
        }
        if let Some(qr) = &self.qr {
            out.raw("\n");
            out.raw(qr);
        }
    }
}

impl Report for ImportView {
    fn human(&self, out: &mut Human) {
        match self.result {
            "queued" => {
                out.line(format!(
                    "The vault is locked: transaction {} is queued and will be applied at the next `coffer login`, as pending: anyone can write to the inbox, so a block given while locked is not trusted; `coffer wallet sync`, or `coffer receive import` with its block while logged in, confirms it.",
                    self.txid
                ));
                return;
            }
            "unchanged" => out.line("Already imported; nothing changed."),
            _ => out.line("Imported."),
        }
        out.kv("Transaction", &self.txid);
        out.kv("Wallet", self.wallet.as_deref().unwrap_or("-"));
        out.kv("Status", self.status.as_deref().unwrap_or("-"));
        if let Some(h) = self.height {
            out.kv("Height", h.to_string());
        }
        out.kv(
            "Amount",
            format!("{} BTC", self.amount.as_deref().unwrap_or("-")),
        );
        out.kv("To (ours)", self.our_addresses.join(", "));
        if !self.from_addresses.is_empty() {
            out.kv("From", self.from_addresses.join(", "));
        }
    }
}
