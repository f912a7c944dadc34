//! `coffer status`: one screen for the first look of the day — who is unlocked and for how
//! long, the balances and their fiat total, pending and held transactions, each backend's
//! last sync and whether it answers now, automatic backups, and the recommendations of
//! `security show`.
//!
//! It reads only what it must: the vault is decrypted once, balances are the stored ones
//! (no wallet engine is rebuilt), pending and held transactions are counted and only the
//! latest few read. Backends are probed in parallel and waited for at most `--timeout`
//! seconds (default 3; each request also within `COFFER_RPC_TIMEOUT`); one that does not
//! answer is a line in the status, not a failure of the command. A locked vault is the `locked` error (exit 3), as for every
//! command that needs the vault.

use crate::chain::{Network, amount};
use crate::clock;
use crate::commands::balance::{self, Balances};
use crate::commands::login::{self, WhoAmI};
use crate::commands::security::{self, Shown};
use crate::context::Ctx;
use crate::error::{Error, Result};
use crate::output::{Align, Cell, Human, Report};
use crate::vault::{backends, txs};
use anyhow::Context as _;
use serde::Serialize;

/// How many pending and held transactions are listed (the counts are complete).
const LISTED: i64 = 10;

/// Arguments of `coffer status`.
#[derive(Debug, clap::Args)]
pub struct StatusArgs {
    /// Do not contact the backends (their reachability is then unknown: null).
    #[arg(long)]
    pub offline: bool,
    /// Seconds to wait for the backends (all asked at once); one that has not answered
    /// by then is reported as not reachable.
    #[arg(long, default_value_t = 3, value_name = "SECS",
          value_parser = clap::value_parser!(u64).range(1..=600))]
    pub timeout: u64,
}

/// A pending or held transaction.
#[derive(Debug, Serialize)]
pub struct OpenTx {
    /// The wallet.
    pub wallet: String,
    /// `btc` or `eth`.
    pub chain: String,
    /// The transaction id (hex; `0x…` on EVM chains), or the approval id of a held send.
    pub id: String,
    /// `send`, `receive` or `self`.
    pub direction: String,
    /// `BTC`, `ETH` or a token symbol.
    pub asset: String,
    /// Net effect on the wallet, signed, as a decimal of the asset.
    pub amount: String,
    /// Net effect in the smallest unit, signed.
    pub amount_units: String,
    /// When it was first seen or held (RFC 3339).
    pub since: String,
    /// Why a send was held (empty for pending ones).
    pub reasons: Vec<String>,
}

/// Transactions of one kind: the total count and the latest few.
#[derive(Debug, Serialize)]
pub struct OpenTxs {
    /// How many there are.
    pub count: u64,
    /// The latest ones (at most 10), newest first.
    pub items: Vec<OpenTx>,
}

/// One backend as the status sees it.
#[derive(Debug, Serialize)]
pub struct BackendStatus {
    /// `btc` or `eth`.
    pub chain: String,
    /// The Bitcoin network (btc).
    pub network: Option<String>,
    /// The EVM chain id (eth).
    pub chain_id: Option<u64>,
    /// The endpoint.
    pub rpc: String,
    /// Whether it answered now, on the right chain (null with `--offline`).
    pub reachable: Option<bool>,
    /// Its best block, when it answered.
    pub height: Option<u64>,
    /// The round trip (ms), when it answered.
    pub rtt_ms: Option<u64>,
    /// Why it did not answer: the error's code and message.
    pub error: Option<BackendError>,
    /// The most recent `wallet sync` of any account on this chain (RFC 3339), if any.
    pub last_sync_at: Option<String>,
    /// How long ago (seconds).
    pub last_sync_age_secs: Option<i64>,
}

/// Why a backend did not answer.
#[derive(Debug, Serialize)]
pub struct BackendError {
    /// The error code (`backend`, `backend_auth`, `invalid_input`, …).
    pub code: String,
    /// What went wrong.
    pub message: String,
}

/// `coffer status` output.
#[derive(Debug, Serialize)]
pub struct Status {
    /// The user and the session: `whoami`'s data.
    pub whoami: WhoAmI,
    /// The balances per wallet and the fiat total: `wallet balance`'s data.
    pub balances: Balances,
    /// Unconfirmed transactions.
    pub pending: OpenTxs,
    /// Sends held for approval (`coffer send confirm ID` / `send cancel ID`).
    pub held: OpenTxs,
    /// The backends, their reachability now and their last sync.
    pub backends: Vec<BackendStatus>,
    /// Automatic backups, the last backups and the recommendations: `security show`'s
    /// data.
    pub security: Shown,
}

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
                        Cell::from(format!(
                            "{}{}",
                            i.currency,
                            match (&i.network, i.chain_id) {
                                (Some(n), _) if n != "bitcoin" => format!(" ({n})"),
                                (_, Some(id)) if id != 1 => format!(" (chain {id})"),
                                _ => String::new(),
                            }
                        )),
                        Cell::from(i.total.as_str()),
                        Cell::from(i.pending.as_str()),
                        Cell::from(
                            i.fiat
                                .as_ref()
                                .and_then(|f| f.value.clone().or_else(|| f.missing.clone()))
                                .unwrap_or_default(),
                        ),
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
                        Cell::amount(format!("{} {}", t.amount, t.asset)),
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
                        (Some(n), _) => n.clone(),
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
                        (Some(n), _) => n.clone(),
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

/// Runs `coffer status`.
pub fn run(ctx: &Ctx, args: StatusArgs) -> Result<Status> {
    let unlocked = ctx.unlock()?;
    let conn = unlocked.vault.read()?;
    let whoami = login::whoami_of(ctx, &unlocked, &conn)?;
    let balances = balance::balances_of(&unlocked, &conn, None)?;
    let tokens = backends::tokens(&conn, None)?;
    let pending = pending(&conn, &tokens)?;
    let held = held(&conn, &tokens)?;
    let security = security::show_of(&unlocked, &conn)?;
    let list = backends::list(&conn)?;
    // What each probe needs, read before the threads start (the connection stays here).
    let mut targets = vec![];
    for b in list {
        let probe = if args.offline {
            Probe::Skip
        } else if b.chain == "btc" {
            match b.network.parse::<Network>() {
                Ok(n) => match crate::sync::btc_node(&conn, n) {
                    Ok(Some((url, auth))) => Probe::Btc(url, auth, n),
                    Ok(None) => {
                        Probe::Failed(Error::NotFound(format!("a Bitcoin node for {}", n.name())))
                    }
                    Err(e) => Probe::Failed(e),
                },
                Err(e) => Probe::Failed(e),
            }
        } else {
            match b.network.parse::<u64>() {
                Ok(id) => Probe::Eth(b.url.clone(), id),
                Err(_) => Probe::Failed(txs::damaged("chain id", &b.network)),
            }
        };
        targets.push((b, probe));
    }
    let synced = &balances.synced;
    // Each probe in its own thread; the status waits for all of them until one deadline,
    // and reports a probe still running then as "no answer" (its thread ends with the
    // process).
    let wait = std::time::Duration::from_secs(args.timeout);
    let deadline = std::time::Instant::now() + wait;
    let receivers: Vec<_> = targets
        .iter_mut()
        .map(|(_, p)| {
            let p = std::mem::replace(p, Probe::Skip);
            let (tx, rx) = std::sync::mpsc::channel();
            std::thread::spawn(move || {
                let _ = tx.send(probe(&p));
            });
            rx
        })
        .collect();
    let results: Vec<Probed> = receivers
        .into_iter()
        .map(|rx| {
            let left = deadline.saturating_duration_since(std::time::Instant::now());
            rx.recv_timeout(left).unwrap_or_else(|e| match e {
                std::sync::mpsc::RecvTimeoutError::Timeout => {
                    Probed::Down(Error::Backend(format!(
                        "no answer within {} s (coffer status --timeout)",
                        args.timeout
                    )))
                }
                std::sync::mpsc::RecvTimeoutError::Disconnected => {
                    Probed::Down(Error::Internal(anyhow::anyhow!("a backend probe panicked")))
                }
            })
        })
        .collect();
    let backends = targets
        .into_iter()
        .zip(results)
        .map(|((b, _), r)| {
            let is_btc = b.chain == "btc";
            let last = synced
                .iter()
                .filter(|p| {
                    p.chain == b.chain
                        && if is_btc {
                            p.network.as_deref() == Some(b.network.as_str())
                        } else {
                            p.chain_id.map(|c| c.to_string()).as_deref() == Some(&b.network)
                        }
                })
                .min_by_key(|p| p.age_secs);
            let (reachable, height, rtt_ms, error) = match r {
                Probed::Skipped => (None, None, None, None),
                Probed::Up { height, rtt_ms } => (Some(true), Some(height), Some(rtt_ms), None),
                Probed::Down(e) => (
                    Some(false),
                    None,
                    None,
                    Some(BackendError {
                        code: e.code().to_string(),
                        message: e.to_string(),
                    }),
                ),
            };
            BackendStatus {
                network: is_btc.then(|| b.network.clone()),
                chain_id: if is_btc { None } else { b.network.parse().ok() },
                chain: b.chain,
                rpc: b.url,
                reachable,
                height,
                rtt_ms,
                error,
                last_sync_at: last.map(|p| p.synced_at.clone()),
                last_sync_age_secs: last.map(|p| p.age_secs),
            }
        })
        .collect();
    Ok(Status {
        whoami,
        balances,
        pending,
        held,
        backends,
        security,
    })
}

/// What to do to check one backend.
enum Probe {
    /// `--offline`.
    Skip,
    /// Nothing to ask: the stored settings are unusable.
    Failed(Error),
    /// A Bitcoin node.
    Btc(String, crate::chain::btc::rpc::RpcAuth, Network),
    /// An EVM endpoint and the chain id it must answer.
    Eth(String, u64),
}

/// What a probe found.
enum Probed {
    Skipped,
    Up { height: u64, rtt_ms: u64 },
    Down(Error),
}

fn probe(p: &Probe) -> Probed {
    let t0 = std::time::Instant::now();
    let found = match p {
        Probe::Skip => return Probed::Skipped,
        Probe::Failed(e) => {
            return Probed::Down(Error::Backend(format!("not checked: {e}")));
        }
        Probe::Btc(url, auth, network) => {
            crate::chain::btc::rpc::connect(url, auth, *network).map(|(_, info)| info.height)
        }
        Probe::Eth(url, id) => {
            crate::chain::eth::rpc::Rpc::connect(url, *id).and_then(|rpc| rpc.block_number())
        }
    };
    match found {
        Ok(height) => Probed::Up {
            height,
            rtt_ms: t0.elapsed().as_millis() as u64,
        },
        Err(e) => Probed::Down(e),
    }
}

/// The asset's symbol and decimals as history shows them.
fn asset_of(tokens: &[backends::Token], chain_id: Option<u64>, asset: &str) -> (String, u32) {
    match asset {
        "BTC" => ("BTC".into(), 8),
        "ETH" => ("ETH".into(), 18),
        _ => tokens
            .iter()
            .find(|t| {
                Some(t.chain_id) == chain_id
                    && (t.address.eq_ignore_ascii_case(asset) || t.symbol == asset)
            })
            .map_or((asset.to_string(), 0), |t| {
                (t.symbol.clone(), u32::from(t.decimals))
            }),
    }
}

/// A signed amount in the smallest unit as a decimal of the asset (bitcoin with its 8
/// digits, as balances show it); a stored value that does not decode is damage.
fn signed_decimal(units: &str, decimals: u32, fixed: bool) -> Result<String> {
    let (neg, abs) = match units.strip_prefix('-') {
        Some(a) => (true, a),
        None => (false, units),
    };
    let v: alloy_primitives::U256 = txs::stored(abs, "amount")?;
    let d = match u128::try_from(v) {
        Ok(v) => amount::format_units(v, decimals, fixed),
        Err(_) => crate::chain::eth::format_units(v, decimals),
    };
    Ok(if neg { format!("-{d}") } else { d })
}

fn pending(conn: &rusqlite::Connection, tokens: &[backends::Token]) -> Result<OpenTxs> {
    let count: i64 = conn
        .query_row(
            "SELECT count(*) FROM transactions WHERE status = 'pending'",
            [],
            |r| r.get(0),
        )
        .context("counting pending transactions")?;
    let mut stmt = conn
        .prepare(
            "SELECT w.name, a.chain, t.txid, t.direction, t.asset, t.amount, t.time_ms,
                    t.chain_id
             FROM transactions t JOIN accounts a ON a.id = t.account_id
                 JOIN wallets w ON w.id = a.wallet_id
             WHERE t.status = 'pending'
             ORDER BY t.time_ms DESC, t.id DESC LIMIT ?1",
        )
        .context("reading pending transactions")?;
    let rows = stmt
        .query_map([LISTED], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, Vec<u8>>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, String>(4)?,
                r.get::<_, String>(5)?,
                r.get::<_, i64>(6)?,
                r.get::<_, Option<i64>>(7)?,
            ))
        })
        .context("reading pending transactions")?
        .collect::<rusqlite::Result<Vec<_>>>()
        .context("reading pending transactions")?;
    let mut items = vec![];
    for (wallet, chain, txid, direction, asset, units, time_ms, chain_id) in rows {
        let (asset, decimals) = asset_of(tokens, chain_id.map(|c| c as u64), &asset);
        let amount = signed_decimal(&units, decimals, asset == "BTC")?;
        items.push(OpenTx {
            id: if chain == "eth" {
                format!("0x{}", hex::encode(&txid))
            } else {
                hex::encode(&txid)
            },
            wallet,
            chain,
            direction,
            asset,
            amount,
            amount_units: units,
            since: clock::rfc3339(time_ms / 1000),
            reasons: vec![],
        });
    }
    Ok(OpenTxs {
        count: count as u64,
        items,
    })
}

fn held(conn: &rusqlite::Connection, tokens: &[backends::Token]) -> Result<OpenTxs> {
    let count: i64 = conn
        .query_row(
            "SELECT count(*) FROM approvals WHERE status = 'awaiting_approval'",
            [],
            |r| r.get(0),
        )
        .context("counting held sends")?;
    let mut stmt = conn
        .prepare(
            "SELECT id, chain, wallet, asset, amount, created_at, reasons, chain_id
             FROM approvals WHERE status = 'awaiting_approval'
             ORDER BY created_at DESC, id LIMIT ?1",
        )
        .context("reading held sends")?;
    let rows = stmt
        .query_map([LISTED], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, String>(4)?,
                r.get::<_, i64>(5)?,
                r.get::<_, String>(6)?,
                r.get::<_, Option<i64>>(7)?,
            ))
        })
        .context("reading held sends")?
        .collect::<rusqlite::Result<Vec<_>>>()
        .context("reading held sends")?;
    let mut items = vec![];
    for (id, chain, wallet, asset, units, created_at, reasons, chain_id) in rows {
        let units = format!("-{units}");
        let (asset, decimals) = asset_of(tokens, chain_id.map(|c| c as u64), &asset);
        let amount = signed_decimal(&units, decimals, asset == "BTC")?;
        let reasons: Vec<String> = serde_json::from_str(&reasons)
            .map_err(|_| txs::damaged("held send's reasons", &reasons))?;
        items.push(OpenTx {
            id,
            wallet,
            chain,
            direction: "send".into(),
            asset,
            amount,
            amount_units: units,
            since: clock::rfc3339(created_at),
            reasons,
        });
    }
    Ok(OpenTxs {
        count: count as u64,
        items,
    })
}
