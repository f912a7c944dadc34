//! The human rendering of `wallet backend`, `wallet sync` and `wallet token`.

use crate::output::{Human, Report};
use crate::sync::SyncReport;
use coffer_core::backends::{Backends, Tested, Tokens};

impl Report for Backends {
    fn human(&self, out: &mut Human) {
        if self.items.is_empty() {
            out.line("No backends. Set one for Bitcoin (a node's --rpc, an Electrum server's --electrum or an Esplora API's --esplora):");
            out.line(
                "  coffer wallet backend set btc --network bitcoin --electrum ssl://HOST:50002",
            );
            out.line("or for an EVM chain:");
            out.line("  coffer wallet backend set eth --chain-id ID --rpc URL");
            return;
        }
        // The route column only when some backend has a proxy or a pinned certificate.
        let routed = self
            .items
            .iter()
            .any(|b| b.proxy.is_some() || b.cert_sha256.is_some());
        // The explorer column only when some EVM chain has one (its URL, never the key).
        let explorers = self.items.iter().any(|b| b.explorer.is_some());
        let rows = self
            .items
            .iter()
            .map(|b| {
                let mut row = vec![
                    b.chain.to_string(),
                    b.chain_id
                        .map(|c| c.to_string())
                        .or_else(|| b.network.map(|n| n.to_string()))
                        .unwrap_or_default(),
                    b.kind.clone(),
                    b.rpc.clone(),
                ];
                if routed {
                    row.push(route(b.proxy.as_deref(), b.cert_sha256.as_deref()));
                }
                if explorers {
                    row.push(b.explorer.clone().unwrap_or_default());
                }
                row
            })
            .collect();
        let mut head = vec!["chain", "chain id / network", "kind", "rpc"];
        if routed {
            head.push("via");
        }
        if explorers {
            head.push("explorer");
        }
        out.table(&head, rows);
    }
}

/// How a backend is reached, as the list shows it: `direct`, the proxy, the pinned
/// certificate's fingerprint.
fn route(proxy: Option<&str>, cert: Option<&str>) -> String {
    let mut parts = vec![];
    if let Some(p) = proxy {
        parts.push(p.to_string());
    }
    if let Some(c) = cert {
        parts.push(format!("cert sha256 {c}"));
    }
    if parts.is_empty() {
        "direct".to_string()
    } else {
        parts.join(", ")
    }
}

impl Report for Tested {
    fn human(&self, out: &mut Human) {
        out.kv("Endpoint", &self.rpc);
        out.kv("Kind", &self.kind);
        if let Some(p) = &self.proxy {
            out.kv("Proxy", p);
        }
        if let Some(c) = &self.cert_sha256 {
            out.kv("Pinned certificate", format!("sha256 {c}"));
        }
        if let Some(s) = &self.server {
            out.kv("Server", &s.version);
            out.kv("Tip", s.height.to_string());
        }
        if let Some(n) = &self.node {
            out.kv("Node", &n.version);
            out.kv("Chain", &n.chain);
            out.kv("Height", n.height.to_string());
            out.kv(
                "Initial block download",
                if n.initial_block_download {
                    "yes (still syncing)"
                } else {
                    "no"
                },
            );
        }
        if let (Some(id), Some(b)) = (self.chain_id, self.block) {
            out.kv("Chain id", id.to_string());
            out.kv("Latest block", b.to_string());
        }
        if let (Some(h), Some(i)) = (&self.history, self.internal) {
            out.kv(
                "History",
                match h.as_str() {
                    "otterscan" => "address index (Otterscan API)",
                    "explorer" => "explorer API (Etherscan-compatible)",
                    _ => "block scan (every block read)",
                },
            );
            out.kv("Internal transfers", if i { "found" } else { "not seen" });
        }
        let c = &self.capabilities;
        let yes_no = |b: bool| if b { "yes" } else { "no" };
        let mut can = vec![
            format!("history {}", c.history),
            format!("fee estimates {}", yes_no(c.fee_estimates)),
            format!("mempool {}", yes_no(c.mempool)),
        ];
        if let Some(i) = c.internal {
            can.push(format!("internal transfers {}", yes_no(i)));
        }
        out.kv("Capabilities", can.join(", "));
        out.kv("Round trip", format!("{} ms", self.rtt_ms));
    }
}

impl Report for SyncReport {
    fn human(&self, out: &mut Human) {
        if self.items.is_empty() && self.bitcoin.is_empty() {
            out.line("Nothing to sync: no account with a backend (`coffer wallet backend set eth|btc …`).");
            return;
        }
        for b in &self.bitcoin {
            out.kv(
                &format!("{} ({})", b.wallet, b.network),
                format!(
                    "{} BTC confirmed, {} pending; tip {} ({} blocks read, {} transactions)",
                    b.confirmed, b.pending, b.tip, b.blocks, b.transactions
                ),
            );
            if let Some(h) = b.rescanned_from {
                out.kv("  rescanned", format!("from block {h}"));
            }
            for t in &b.failed {
                out.kv(
                    "  failed",
                    format!("{t} (its coins were spent by a confirmed transaction)"),
                );
            }
            out.kv(
                "  watching",
                format!(
                    "receive addresses to #{}{} (gap limit {})",
                    b.watched.receive,
                    b.watched
                        .change
                        .map(|c| format!(", change to #{c}"))
                        .unwrap_or_default(),
                    b.gap_limit
                ),
            );
            if b.gap_hint {
                out.line(format!(
                    "  Paid to a later address? `coffer wallet sync --wallet {} --gap-limit {}` \
                     reads the blocks again with a wider gap.",
                    b.wallet,
                    b.gap_limit.saturating_mul(2).min(10_000)
                ));
            }
        }
        for s in &self.items {
            out.kv(
                &format!("{} (chain {})", s.wallet, s.chain_id),
                format!("{} ETH, nonce {}, {}", s.balance, s.nonce, s.address),
            );
            for t in &s.tokens {
                out.kv(&format!("  {}", t.symbol), &t.balance);
            }
            for a in &s.addresses {
                out.kv(
                    &format!("  #{}", a.index),
                    format!("{} ETH, nonce {}, {}", a.balance, a.nonce, a.address),
                );
            }
            if s.gap_limit > 0 {
                out.kv(
                    "  watching",
                    format!("addresses to #{} (gap limit {})", s.watched_to, s.gap_limit),
                );
            }
            if let Some(sc) = &s.scanned {
                out.kv(
                    "  scanned",
                    format!(
                        "blocks {}–{} (tip {}; {})",
                        sc.from,
                        sc.to,
                        s.tip,
                        match s.history.as_str() {
                            "otterscan" => "the node's address index",
                            "explorer" => "the explorer API",
                            _ => "every block read",
                        }
                    ),
                );
            }
            for t in &s.transfers {
                out.kv(
                    &format!("  {}", t.kind),
                    format!(
                        "{} {} {} {} {} {} (block {}){}",
                        t.amount,
                        t.currency,
                        if t.kind == "receive" { "at" } else { "from" },
                        t.address,
                        if t.kind == "receive" { "from" } else { "to" },
                        t.counterparty,
                        t.block,
                        if t.status == "failed" { ", failed" } else { "" }
                    ),
                );
            }
            for r in &s.receipts {
                out.kv(
                    "  receipt",
                    format!(
                        "{} {}{}",
                        r.hash,
                        r.status,
                        r.block
                            .map(|b| format!(" in block {b}"))
                            .unwrap_or_default()
                    ),
                );
            }
        }
    }
}

impl Report for Tokens {
    fn human(&self, out: &mut Human) {
        if self.items.is_empty() {
            out.line(
                "No tokens; add one with `coffer wallet token add --chain-id ID --address 0x…`.",
            );
            return;
        }
        let rows = self
            .items
            .iter()
            .map(|t| {
                vec![
                    t.symbol.clone(),
                    t.chain_id.to_string(),
                    t.address.clone(),
                    t.decimals.to_string(),
                ]
            })
            .collect();
        out.table(&["symbol", "chain id", "contract", "decimals"], rows);
    }
}
