//! Human rendering for `coffer status`: the user and session, balances, pending and
//! held transactions, backends, backups and recommendations on one screen.

use crate::clock;
use crate::commands::status::Status;
use crate::output::{Align, Cell, Human, Report};

impl Report for Status {
    fn human(&self, out: &mut Human) {
        let w = &self.whoami;
        out.kv("User", format!("{} <{}>", w.user, w.email));
        out.kv(
            "Session",
            format!(
                "unlocked, {} left (idle timeout {}, ends {})",
                clock::human_duration(w.session.expires_in_secs.min(w.session.idle_left_secs)),
                clock::human_duration(w.session.idle_timeout_secs),
                w.session.expires_at
            ),
        );
        if w.kdf_insecure {
            out.kv("KDF profile", "test (INSECURE: for test suites only)");
        }
        out.line("");
        out.line("Balances");
        let b = &self.balances;
        if b.items.is_empty() {
            out.line("  none yet: `coffer wallet create NAME`");
        } else {
            let rows = b
                .items
                .iter()
                .map(|i| {
                    vec![
                        Cell::from(i.wallet.as_str()),
                        Cell::from(super::balance::currency_of(i)),
                        Cell::from(i.total.as_str()),
                        Cell::from(i.pending.as_str()),
                        Cell::from(super::balance::fiat_of(i)),
                    ]
                })
                .collect();
            out.table_with(
                &["wallet", "currency", "total", "pending", &b.fiat_currency],
                rows,
                &[
                    Align::Left,
                    Align::Left,
                    Align::Decimal,
                    Align::Decimal,
                    Align::Decimal,
                ],
            );
        }
        out.kv(
            "Total",
            if b.valued {
                format!("{} {}", b.portfolio_total, b.fiat_currency)
            } else {
                // Nothing has a value: "0.00 USD" would read as one (as wallet balance).
                "no value".to_string()
            },
        );
        if !b.unvalued.is_empty() {
            out.kv("No rate for", b.unvalued.join(", "));
        }
        for (title, open, empty) in [
            ("Pending", &self.pending, "Pending: none"),
            ("Held for approval", &self.held, "Held for approval: none"),
        ] {
            out.line("");
            if open.count == 0 {
                out.line(empty);
                continue;
            }
            out.line(format!("{title} ({})", open.count));
            let rows = open
                .items
                .iter()
                .map(|t| {
                    vec![
                        Cell::from(t.wallet.as_str()),
                        Cell::from(t.direction.as_str()),
                        Cell::amount(format!("{} {}", t.amount, t.asset.symbol())),
                        Cell::from(t.since.as_str()),
                        Cell::from(t.id.as_str()),
                    ]
                })
                .collect();
            out.table_with(
                &["wallet", "type", "amount", "since", "id"],
                rows,
                &[Align::Left, Align::Left, Align::Decimal],
            );
            if open.count > open.items.len() as u64 {
                out.line(format!(
                    "  … and {} more: `coffer history --status {}`",
                    open.count - open.items.len() as u64,
                    if title == "Pending" {
                        "pending"
                    } else {
                        "awaiting_approval"
                    }
                ));
            }
        }
        out.line("");
        if self.backends.is_empty() {
            out.line("Backends: none (`coffer wallet backend set …`)");
        } else {
            out.line("Backends");
            let rows = self
                .backends
                .iter()
                .map(|s| {
                    let on = match (&s.network, s.chain_id) {
                        (Some(n), _) => n.name().to_string(),
                        (_, Some(id)) => format!("chain {id}"),
                        _ => String::new(),
                    };
                    let state = match (s.reachable, &s.error) {
                        (None, _) => "not checked".to_string(),
                        (Some(true), _) => format!(
                            "ok, block {} ({} ms)",
                            s.height.unwrap_or_default(),
                            s.rtt_ms.unwrap_or_default()
                        ),
                        (Some(false), _) => "UNREACHABLE (below)".to_string(),
                    };
                    let synced = match s.last_sync_age_secs {
                        Some(age) => format!("{} ago", clock::human_duration(age)),
                        None => "never".to_string(),
                    };
                    vec![format!("{} ({on})", s.chain), s.rpc.clone(), state, synced]
                })
                .collect();
            out.table(&["backend", "rpc", "now", "last sync"], rows);
            for b in &self.backends {
                if let Some(e) = &b.error {
                    let on = match (&b.network, b.chain_id) {
                        (Some(n), _) => n.name().to_string(),
                        (_, Some(id)) => format!("chain {id}"),
                        _ => String::new(),
                    };
                    out.line(format!("  {} ({on}): {}", b.chain, e.message));
                }
            }
        }
        out.line("");
        let s = &self.security;
        out.kv(
            "Automatic backups",
            if s.auto_backup.enabled {
                format!(
                    "on, every {}, keep {}{}",
                    clock::human_duration(s.auto_backup.every_secs.unwrap_or_default()),
                    s.auto_backup.keep.unwrap_or_default(),
                    s.auto_backup
                        .last_error
                        .as_ref()
                        .map(|e| format!("; LAST ATTEMPT FAILED: {e}"))
                        .unwrap_or_default()
                )
            } else {
                "off".into()
            },
        );
        out.kv(
            "Last backup",
            s.last_backup_at.as_deref().unwrap_or("never"),
        );
        out.kv(
            "Last verified backup",
            s.last_verified_backup_at.as_deref().unwrap_or("never"),
        );
        if !s.recommendations.is_empty() {
            out.line("");
            out.line("Recommendations:");
            for r in &s.recommendations {
                out.line(format!("  - {r}"));
            }
        }
    }
}
