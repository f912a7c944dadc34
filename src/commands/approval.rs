//! Spending policy and transaction approval: per-transaction and rolling 24-hour limits
//! per asset, confirmation of recipients never paid before, and the `high` security
//! level. A send that one of them catches is stored (unsigned) as an approval instead of
//! being signed; `send confirm ID` shows it again and signs it behind the PIN (and a
//! 2FA code when on); `send cancel ID` drops it.

use crate::clock;
use crate::context::{Ctx, Unlocked};
use crate::error::{Error, Result};
use crate::output::{Human, Report};
use crate::vault::audit::{self, Event, Severity};
use crate::vault::{fsio, txs};
use anyhow::Context as _;
use rusqlite::{Connection, OptionalExtension as _, params};
use serde::Serialize;

/// Settings keys.
const LEVEL: &str = "security_level";
const CONFIRM_NEW: &str = "confirm_new_recipient";

/// A setting's value, if set.
pub fn setting(conn: &Connection, key: &str) -> Result<Option<String>> {
    Ok(conn
        .query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| {
            r.get(0)
        })
        .optional()
        .context("reading settings")?)
}

/// Stores (or with `None` removes) a policy setting.
pub fn set_setting(conn: &Connection, key: &str, value: Option<&str>) -> Result<()> {
    match value {
        Some(v) => conn.execute(
            "INSERT INTO settings (key, value) VALUES (?1, ?2)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            [key, v],
        ),
        None => conn.execute("DELETE FROM settings WHERE key = ?1", [key]),
    }
    .context("storing settings")?;
    Ok(())
}

/// The settings key of a limit: `limit_tx.BTC`, `limit_daily.ETH`.
pub fn limit_key(kind: &str, asset: &str) -> String {
    format!("{kind}.{}", asset.to_uppercase())
}

/// A limit in base units, if set. A stored limit that does not decode is damage (exit
/// 8): it never turns into no limit.
pub fn limit(conn: &Connection, kind: &str, asset: &str) -> Result<Option<u128>> {
    setting(conn, &limit_key(kind, asset))?
        .map(|v| txs::stored(&v, "spending limit"))
        .transpose()
}

/// Whether the level is `high` (every send needs approval).
pub fn level_high(conn: &Connection) -> Result<bool> {
    Ok(setting(conn, LEVEL)?.as_deref() == Some("high"))
}

/// Whether sends to recipients never paid before need approval.
pub fn confirm_new_recipient(conn: &Connection) -> Result<bool> {
    Ok(setting(conn, CONFIRM_NEW)?.as_deref() == Some("on"))
}

/// Stores the level.
pub fn set_level(conn: &Connection, high: bool) -> Result<()> {
    set_setting(conn, LEVEL, Some(if high { "high" } else { "standard" }))
}

/// Stores confirm-new-recipient.
pub fn set_confirm_new(conn: &Connection, on: bool) -> Result<()> {
    set_setting(conn, CONFIRM_NEW, Some(if on { "on" } else { "off" }))
}

/// What left the vault in `asset` in the 24 hours before `now` (base units): sends
/// that count (pending or confirmed: not replaced, failed or abandoned), each
/// transaction once however many of our accounts record it (a seed imported twice, a
/// payment between two of our wallets), and sends awaiting approval (but `except` one).
/// A stored amount that does not decode is damage (exit 8), never 0.
pub fn sent_last_day(
    conn: &Connection,
    asset: &str,
    now: i64,
    except: Option<&str>,
) -> Result<u128> {
    let since_ms = (now - 24 * 3600) * 1000;
    let mut total: u128 = 0;
    let mut stmt = conn
        .prepare_cached(
            "SELECT txid, amount FROM transactions
             WHERE upper(asset) = upper(?1) AND direction = 'send'
               AND status IN ('pending', 'confirmed') AND time_ms >= ?2",
        )
        .context("reading history")?;
    let mut per_tx: std::collections::HashMap<Vec<u8>, u128> = Default::default();
    for a in stmt
        .query_map(params![asset, since_ms], |r| {
            Ok((r.get::<_, Vec<u8>>(0)?, r.get::<_, String>(1)?))
        })
        .context("reading history")?
    {
        let (txid, a) = a.context("reading history")?;
        let units: u128 = txs::stored(a.trim_start_matches('-'), "transaction amount")?;
        let seen = per_tx.entry(txid).or_default();
        *seen = (*seen).max(units);
    }
    for units in per_tx.into_values() {
        total = total.saturating_add(units);
    }
    let mut stmt = conn
        .prepare_cached(
            "SELECT amount FROM approvals
             WHERE upper(asset) = upper(?1) AND status = 'awaiting_approval'
               AND created_at >= ?2 AND id IS NOT ?3",
        )
        .context("reading approvals")?;
    for a in stmt
        .query_map(params![asset, now - 24 * 3600, except], |r| {
            r.get::<_, String>(0)
        })
        .context("reading approvals")?
    {
        let a = a.context("reading approvals")?;
        total = total.saturating_add(txs::stored(&a, "held amount")?);
    }
    Ok(total)
}

/// Whether `address` was ever paid by a send of this vault (or is one of its own).
fn known_recipient(conn: &Connection, address: &str) -> Result<bool> {
    let paid: Option<i64> = conn
        .query_row(
            "SELECT 1 FROM transactions WHERE direction = 'send'
               AND lower(counterparty) = lower(?1) LIMIT 1",
            [address],
            |r| r.get(0),
        )
        .optional()
        .context("reading history")?;
    Ok(paid.is_some() || crate::vault::wallets::find_address(conn, address).is_ok())
}

/// A send to check against the policy.
#[derive(Debug, Clone)]
pub struct Outgoing<'a> {
    /// `BTC`, `ETH` or a token symbol.
    pub asset: &'a str,
    /// Its decimals (for messages).
    pub decimals: u32,
    /// Whether amounts print with all decimals (BTC).
    pub fixed: bool,
    /// What leaves the wallet (base units).
    pub amount: u128,
    /// The payees.
    pub recipients: Vec<String>,
}

/// Why `o` needs approval (empty: it does not).
pub fn reasons(conn: &Connection, o: &Outgoing<'_>, now: i64) -> Result<Vec<String>> {
    use crate::chain::amount::format_units;
    let fmt = |u: u128| format!("{} {}", format_units(u, o.decimals, o.fixed), o.asset);
    let mut why = vec![];
    if level_high(conn)? {
        why.push("the security level is high: every send is approved".to_string());
    }
    if let Some(l) = limit(conn, "limit_tx", o.asset)?
        && o.amount > l
    {
        why.push(format!(
            "{} is over the per-transaction limit of {}",
            fmt(o.amount),
            fmt(l)
        ));
    }
    if let Some(l) = limit(conn, "limit_daily", o.asset)? {
        let before = sent_last_day(conn, o.asset, now, None)?;
        if before + o.amount > l {
            why.push(format!(
                "with {} sent in the last 24 hours, {} more is over the daily limit of {}",
                fmt(before),
                fmt(o.amount),
                fmt(l)
            ));
        }
    }
    if confirm_new_recipient(conn)? {
        for r in &o.recipients {
            if !known_recipient(conn, r)? {
                why.push(format!("{r} was never paid before"));
            }
        }
    }
    Ok(why)
}

/// A send to hold for approval.
#[derive(Debug, Clone)]
pub struct Held<'a> {
    /// `btc` or `eth`.
    pub chain: &'a str,
    /// The wallet.
    pub wallet: &'a str,
    /// The policy view of it.
    pub outgoing: Outgoing<'a>,
    /// The unsigned transaction: PSBT (base64) or EVM request (JSON).
    pub payload: String,
    /// The note for its history row.
    pub note: Option<&'a str>,
    /// EVM chain id.
    pub chain_id: Option<u64>,
    /// The sending account (for its history row).
    pub account_id: i64,
}

/// The history row's key of a held send (it has no transaction id before signing).
fn history_key(id: &str) -> Vec<u8> {
    use sha2::Digest as _;
    sha2::Sha256::digest(format!("coffer-approval:{id}")).to_vec()
}

/// Stores a held send (and its history row, status `awaiting_approval`) and returns the
/// error that tells the caller (exit 6).
pub fn hold(unlocked: &Unlocked, h: &Held<'_>, reasons: Vec<String>) -> Error {
    let id = format!("ap-{}", hex::encode(fsio::random_bytes::<6>()));
    let stored = unlocked.vault.write_light(|c| {
        c.execute(
            "INSERT INTO approvals (id, created_at, chain, wallet, asset, amount, recipients,
                 payload, reasons, note, chain_id, status)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, 'awaiting_approval')",
            params![
                id,
                clock::now(),
                h.chain,
                h.wallet,
                h.outgoing.asset,
                h.outgoing.amount.to_string(),
                serde_json::to_string(&h.outgoing.recipients).unwrap_or_default(),
                h.payload,
                serde_json::to_string(&reasons).unwrap_or_default(),
                h.note,
                h.chain_id.map(|c| c as i64),
            ],
        )
        .context("storing the approval")?;
        c.execute(
            "INSERT INTO transactions (account_id, txid, asset, direction, amount, status,
                 counterparty, note, chain_id, created_at)
             VALUES (?1, ?2, ?3, 'send', ?4, 'awaiting_approval', ?5, ?6, ?7, ?8)",
            params![
                h.account_id,
                history_key(&id),
                h.outgoing.asset,
                format!("-{}", h.outgoing.amount),
                h.outgoing.recipients.first(),
                h.note,
                h.chain_id.map(|c| c as i64),
                clock::now_ms(),
            ],
        )
        .context("storing the approval")?;
        audit::record(
            c,
            &Event::new(
                "send_awaiting_approval",
                Severity::Medium,
                true,
                serde_json::json!({
                    "approval_id": id,
                    "wallet": h.wallet,
                    "asset": h.outgoing.asset,
                    "amount_units": h.outgoing.amount.to_string(),
                    "reasons": reasons,
                }),
            ),
        )
    });
    match stored {
        Ok(()) => Error::ApprovalRequired {
            approval_id: id,
            reasons,
        },
        Err(e) => e,
    }
}

/// A stored approval.
#[derive(Debug, Clone, Serialize)]
pub struct Approval {
    /// Its id.
    pub id: String,
    /// When it was held (RFC 3339).
    pub created_at: String,
    /// `btc` or `eth`.
    pub chain: String,
    /// The wallet.
    pub wallet: String,
    /// The asset.
    pub asset: String,
    /// What leaves the wallet (base units).
    pub amount_units: String,
    /// The payees.
    pub recipients: Vec<String>,
    /// Why it was held.
    pub reasons: Vec<String>,
    /// `awaiting_approval`, `approved` or `cancelled`.
    pub status: String,
    /// The note for its history row.
    #[serde(skip)]
    pub note: Option<String>,
    /// EVM chain id.
    pub chain_id: Option<u64>,
    /// The unsigned transaction.
    #[serde(skip)]
    pub payload: String,
}

/// The approval `id` (not found: exit 4).
pub fn get(conn: &Connection, id: &str) -> Result<Approval> {
    conn.query_row(
        "SELECT id, created_at, chain, wallet, asset, amount, recipients, reasons, status,
                note, chain_id, payload
         FROM approvals WHERE id = ?1",
        [id.trim()],
        |r| {
            Ok(Approval {
                id: r.get(0)?,
                created_at: clock::rfc3339(r.get(1)?),
                chain: r.get(2)?,
                wallet: r.get(3)?,
                asset: r.get(4)?,
                amount_units: r.get(5)?,
                recipients: serde_json::from_str(&r.get::<_, String>(6)?).unwrap_or_default(),
                reasons: serde_json::from_str(&r.get::<_, String>(7)?).unwrap_or_default(),
                status: r.get(8)?,
                note: r.get(9)?,
                chain_id: r.get::<_, Option<i64>>(10)?.map(|c| c as u64),
                payload: r.get(11)?,
            })
        },
    )
    .optional()
    .context("reading the approval")?
    .ok_or_else(|| Error::NotFound(format!("approval {}", id.trim())))
}

/// Refuses an approval that is no longer waiting.
pub fn waiting(a: &Approval) -> Result<()> {
    if a.status != "awaiting_approval" {
        return Err(Error::invalid(
            "id",
            format!("approval {} is {}, not awaiting approval", a.id, a.status),
        ));
    }
    Ok(())
}

/// Marks an approval done (`approved`, `cancelled`) and audits it.
pub fn close(
    conn: &Connection,
    a: &Approval,
    status: &str,
    details: serde_json::Value,
) -> Result<()> {
    conn.execute(
        "UPDATE approvals SET status = ?2 WHERE id = ?1",
        params![a.id, status],
    )
    .context("closing the approval")?;
    // Its history row goes: the signed transaction has its own (or there is none).
    conn.execute(
        "DELETE FROM transactions WHERE txid = ?1 AND status = 'awaiting_approval'",
        [history_key(&a.id)],
    )
    .context("closing the approval")?;
    let mut d = details;
    if let Some(m) = d.as_object_mut() {
        m.insert("approval_id".into(), a.id.clone().into());
    }
    audit::record(
        conn,
        &Event::new(
            if status == "approved" {
                "send_approved"
            } else {
                "send_cancelled"
            },
            Severity::Medium,
            true,
            d,
        ),
    )
}

/// The gate of `send confirm`: the review is shown again by the caller; here the PIN,
/// a 2FA code when on, and the daily limit, which only `--override-limit` passes
/// (audited with severity high).
pub fn confirm_gate(
    ctx: &Ctx,
    unlocked: &Unlocked,
    a: &Approval,
    opts: &ConfirmArgs,
    decimals: u32,
    fixed: bool,
) -> Result<()> {
    confirm_gate_in(ctx, unlocked, a, opts, decimals, fixed)
        .map_err(|e| txs::in_dir(e, &unlocked.vault.paths.dir))
}

fn confirm_gate_in(
    ctx: &Ctx,
    unlocked: &Unlocked,
    a: &Approval,
    opts: &ConfirmArgs,
    decimals: u32,
    fixed: bool,
) -> Result<()> {
    super::gate::pin(
        ctx,
        &unlocked.vault,
        opts.pin_file.as_deref(),
        serde_json::json!({ "wallet": a.wallet, "action": "confirm", "approval_id": a.id }),
    )?;
    let conn = unlocked.vault.read()?;
    if crate::vault::totp::enabled(&conn)? {
        let code = ctx
            .input
            .totp(opts.totp_code.as_deref(), "Two-factor code")?;
        let user = unlocked.vault.profile.username.clone();
        let now = clock::now();
        unlocked.vault.write_light(|c| {
            crate::vault::totp::accept(c, &user, secrecy::ExposeSecret::expose_secret(&code), now)
        })?;
    }
    if let Some(l) = limit(&conn, "limit_daily", &a.asset)? {
        let amount: u128 = txs::stored(&a.amount_units, "held amount")?;
        let before = sent_last_day(&conn, &a.asset, clock::now(), Some(&a.id))?;
        if before + amount > l {
            use crate::chain::amount::format_units;
            let fmt = |u: u128| format!("{} {}", format_units(u, decimals, fixed), a.asset);
            if !opts.override_limit {
                unlocked.vault.write_light(|c| {
                    audit::record(
                        c,
                        &Event::new(
                            "limit_exceeded",
                            Severity::Medium,
                            false,
                            serde_json::json!({ "approval_id": a.id, "asset": a.asset, "amount_units": a.amount_units }),
                        ),
                    )
                })?;
                return Err(Error::LimitExceeded(format!(
                    "with {} sent in the last 24 hours, {} more is over the daily limit of {}",
                    fmt(before),
                    fmt(amount),
                    fmt(l)
                )));
            }
            unlocked.vault.write_light(|c| {
                audit::record(
                    c,
                    &Event::new(
                        "limit_overridden",
                        Severity::High,
                        true,
                        serde_json::json!({
                            "approval_id": a.id,
                            "asset": a.asset,
                            "amount_units": a.amount_units,
                            "sent_last_day_units": before.to_string(),
                            "limit_units": l.to_string(),
                        }),
                    ),
                )
            })?;
        }
    }
    Ok(())
}

/// Arguments of `send confirm`.
#[derive(Debug, Clone, clap::Args)]
pub struct ConfirmArgs {
    /// The approval id (from the send that was held).
    pub id: String,
    /// Pass the rolling daily limit (PIN and, when on, a 2FA code; audited, severity high).
    #[arg(long)]
    pub override_limit: bool,
    /// Read the PIN from FILE (else $COFFER_PIN, else a prompt).
    #[arg(long, value_name = "FILE")]
    pub pin_file: Option<std::path::PathBuf>,
    /// A two-factor code, when 2FA is on (else $COFFER_TOTP, else a prompt).
    #[arg(long, value_name = "CODE")]
    pub totp_code: Option<String>,
    /// Do not ask "Sign this transaction?" (the review is still printed on a terminal).
    #[arg(long)]
    pub yes: bool,
    /// Also write the signed raw transaction (hex) to FILE.
    #[arg(long, value_name = "FILE")]
    pub raw_out: Option<std::path::PathBuf>,
}

/// Arguments of `send cancel`.
#[derive(Debug, Clone, clap::Args)]
pub struct CancelArgs {
    /// The approval id.
    pub id: String,
}

/// What `send cancel` did.
#[derive(Debug, Serialize)]
pub struct Cancelled {
    /// The approval, now cancelled.
    pub approval: Approval,
}

impl Report for Cancelled {
    fn human(&self, out: &mut Human) {
        out.line(format!(
            "Approval {} cancelled: nothing was signed.",
            self.approval.id
        ));
    }
}

/// Runs `coffer send cancel`.
pub fn cancel(ctx: &Ctx, args: CancelArgs) -> Result<Cancelled> {
    let unlocked = ctx.unlock()?;
    let a = get(&unlocked.vault.read()?, &args.id)?;
    waiting(&a)?;
    unlocked.vault.write_light(|c| {
        close(
            c,
            &a,
            "cancelled",
            serde_json::json!({ "wallet": a.wallet }),
        )
    })?;
    let approval = get(&unlocked.vault.read()?, &args.id)?;
    Ok(Cancelled { approval })
}
