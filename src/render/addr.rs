//! Human rendering of what `addr` returns.

use crate::commands::addr::{AddressView, Addresses, Validated};
use crate::output::{Align, Cell, Human, Report};
use crate::vault::wallets::AddressRow;

impl Report for Addresses {
    fn human(&self, out: &mut Human) {
        address_table(out, &self.items);
    }
}

impl Report for coffer_core::addresses::Page {
    fn human(&self, out: &mut Human) {
        address_table(out, &self.items);
        if let Some(c) = &self.next_cursor {
            out.line(format!(
                "{} of {} shown; next page: --cursor {c}",
                self.items.len(),
                self.total
            ));
        }
    }
}

/// The table of `addr new` and `addr list`.
fn address_table(out: &mut Human, items: &[AddressRow]) {
    if items.is_empty() {
        out.line("No addresses yet; derive one with `coffer addr new`.");
        return;
    }
    // Several wallets listed: a first column names each row's wallet.
    let several = items.iter().any(|a| a.wallet != items[0].wallet);
    let rows = items
        .iter()
        .map(|a| {
            let wallet = several.then(|| a.wallet.clone());
            wallet
                .into_iter()
                .chain([
                    a.index.to_string(),
                    a.kind.to_string(),
                    a.address.clone(),
                    a.path.clone(),
                    a.label.clone().unwrap_or_default(),
                    a.purpose.clone().unwrap_or_default(),
                    a.transactions.to_string(),
                    a.balance.as_deref().unwrap_or("-").to_string(),
                ])
                .map(Cell::from)
                .collect()
        })
        .collect();
    let headers = [
        "wallet", "index", "kind", "address", "path", "label", "purpose", "txs", "balance",
    ];
    let align = [
        Align::Left,
        Align::Right,
        Align::Left,
        Align::Left,
        Align::Left,
        Align::Left,
        Align::Left,
        Align::Right,
        Align::Decimal,
    ];
    let skip = usize::from(!several);
    out.table_with(&headers[skip..], rows, &align[skip..]);
}

impl Report for AddressView {
    fn human(&self, out: &mut Human) {
        let a = &self.row;
        out.kv("Address", &a.address);
        out.kv("Wallet", &a.wallet);
        out.kv("Chain", a.chain.name());
        out.kv("Kind", a.kind);
        out.kv("Path", &a.path);
        out.kv("Label", a.label.as_deref().unwrap_or("-"));
        out.kv("Purpose", a.purpose.as_deref().unwrap_or("-"));
        out.kv("URI", &self.uri);
        if let Some(qr) = &self.qr {
            out.raw("\n");
            out.raw(qr);
        }
    }
}

impl Report for Validated {
    fn human(&self, out: &mut Human) {
        match self {
            Validated::Btc(a) => {
                out.line(format!("{} is a valid Bitcoin address.", a.address));
                let nets: Vec<&str> = a.networks.iter().map(|n| n.name()).collect();
                out.kv("Networks", nets.join(", "));
                out.kv(
                    "Type",
                    a.address_type
                        .as_deref()
                        .unwrap_or("unknown (future witness version)"),
                );
                if let Some(v) = a.witness_version {
                    out.kv("Witness version", v.to_string());
                }
                out.kv("Script", &a.script_pubkey);
            }
            Validated::Eth(a) => {
                out.line(format!("{} is a valid Ethereum address.", a.address));
                out.kv("Checksummed", &a.checksummed);
                out.kv(
                    "EIP-55 checksum",
                    if a.checksum_verified {
                        "verified"
                    } else {
                        "absent"
                    },
                );
                if let Some(w) = &a.warning {
                    out.kv("Warning", w);
                }
            }
        }
    }
}
