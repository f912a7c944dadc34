//! Human rendering for `wallet` (create, list, show, import, export, rename, archive,
//! reveal) and `restore wallet`.

use crate::commands::restore::RestoredWallet;
use crate::commands::wallet::{Exported, Revealed};
use crate::output::{Human, Report};
use coffer_core::accounts::{WalletList, WalletView};

impl Report for WalletView {
    fn human(&self, out: &mut Human) {
        if let Some(m) = &self.mnemonic {
            out.line("Mnemonic (shown once; write it down and keep it offline):");
            out.line(format!("    {m}"));
            out.line("");
        }
        out.kv("Wallet", &self.name);
        out.kv("Kind", &self.kind);
        out.kv("Created", &self.created_at);
        out.kv("Addresses", self.addresses.to_string());
        if let Some(d) = self.seed_derivation {
            out.kv(
                "Seed",
                if d == "legacy" {
                    "legacy derivation (passphrase not normalised)"
                } else {
                    "BIP-39"
                },
            );
        }
        if let Some(w) = &self.seed_warning {
            out.line(format!("warning: {w}"));
        }
        for a in &self.accounts {
            let acc = &a.account;
            out.line("");
            match acc.chain {
                crate::chain::Chain::Btc => {
                    out.kv(
                        "Bitcoin",
                        format!(
                            "{} ({})",
                            acc.network.map_or("?", |n| n.name()),
                            acc.script_type.as_deref().unwrap_or("?")
                        ),
                    );
                }
                _ => out.kv("Ethereum/EVM", "BIP-44 m/44'/60'/account'/0/i"),
            }
            out.kv("Fingerprint", acc.fingerprint.as_deref().unwrap_or("-"));
            out.kv("Path", acc.path.as_deref().unwrap_or("-"));
            out.kv("Account xpub", acc.xpub.as_deref().unwrap_or("-"));
            if let Some(d) = &acc.external_descriptor {
                out.kv("Receive descriptor", d);
            }
            if let Some(d) = &acc.internal_descriptor {
                out.kv("Change descriptor", d);
            }
            out.kv("First address", &a.first_address);
        }
        if let Some(n) = &self.notice {
            out.line("");
            out.line(n);
        }
    }
}

impl Report for WalletList {
    fn human(&self, out: &mut Human) {
        if self.items.is_empty() {
            out.line("No wallets yet; create one with `coffer wallet create NAME`.");
            return;
        }
        let rows = self
            .items
            .iter()
            .map(|w| {
                let btc = w
                    .accounts
                    .iter()
                    .find(|a| a.account.chain == crate::chain::Chain::Btc);
                vec![
                    w.name.clone(),
                    w.kind.clone(),
                    w.chains.join(","),
                    btc.and_then(|a| a.account.network)
                        .map_or_else(|| "-".into(), |n| n.name().to_string()),
                    btc.and_then(|a| a.account.script_type.clone())
                        .unwrap_or_else(|| "-".into()),
                    w.addresses.to_string(),
                    w.created_at.clone(),
                ]
            })
            .collect();
        out.table(
            &[
                "name",
                "kind",
                "chains",
                "network",
                "script",
                "addresses",
                "created",
            ],
            rows,
        );
    }
}

impl Report for Exported {
    fn human(&self, out: &mut Human) {
        match &self.written_to {
            Some(p) => out.line(format!(
                "Watch-only export of {} written to {p}",
                self.export.name
            )),
            None => {
                out.raw(&(serde_json::to_string_pretty(&self.export).unwrap_or_default() + "\n"))
            }
        }
    }
}

impl Report for Revealed {
    fn human(&self, out: &mut Human) {
        out.line(format!("Mnemonic of {}:", self.wallet));
        out.line(format!("    {}", self.mnemonic));
        if self.has_passphrase {
            out.line("A BIP-39 passphrase is set: the words alone do not restore this wallet.");
        }
    }
}

impl Report for RestoredWallet {
    fn human(&self, out: &mut Human) {
        if self.dry_run {
            out.line("Dry run: nothing was written.");
        }
        out.kv("Wallet", &self.wallet);
        for a in &self.accounts {
            out.kv(
                &format!("{} {}", a.chain, a.path),
                a.first_addresses.first().cloned().unwrap_or_default(),
            );
        }
        if let Some(s) = &self.synced {
            s.human(out);
        }
        if let Some(n) = &self.next {
            out.line(n);
        }
        if let Some(w) = &self.already_in_vault {
            out.line(format!(
                "These keys are already wallet '{w}' of this vault: use it; restoring them again \
                 is refused (unless --allow-duplicate)."
            ));
        }
    }
}
