//! The spending policy: per-transaction and rolling 24-hour limits per asset,
//! confirmation of recipients never paid before, and the `high` security level. A send
//! that one of them catches is stored (unsigned) as an approval instead of being signed;
//! it is approved later (behind the PIN, a 2FA code when on, and the daily limit) or
//! cancelled. The settings that make the policy are read and changed here too.
//!
//! Prompts are the caller's: a check that needs a secret receives it (or a closure that
//! reads it).

use crate::chain::Chain;
use crate::chain::asset::Asset;
use crate::clock;
use crate::error::{Error, Result};
use crate::settings::{self, Level, Settings};
pub use crate::vault::approvals::{Approval, Status, history_key};
use crate::vault::audit::{self, Event, Severity};
use crate::vault::{Vault, approvals, fsio, txs};
use rusqlite::Connection;
use serde::Serialize;

/// A setting's value, if set (the typed reads are [`Settings`]).
pub fn setting(conn: &Connection, key: &str) -> Result<Option<String>> {
    settings::raw(conn, key)
}

/// Stores (or with `None` removes) a setting.
pub fn set_setting(conn: &Connection, key: &str, value: Option<&str>) -> Result<()> {
    settings::set_raw(conn, key, value)
}

/// The settings key of a limit: `limit_tx.BTC`, `limit_daily.ETH`.
pub fn limit_key(kind: &str, asset: &str) -> String {
    settings::limit_key(kind, asset)
}

/// A limit in base units, if set. A stored limit that does not decode is damage (exit
/// 8): it never turns into no limit.
pub fn limit(conn: &Connection, kind: &str, asset: &str) -> Result<Option<u128>> {
    Settings::load(conn)?.limit(kind, asset)
}

/// Whether the level is `high` (every send needs approval).
pub fn level_high(conn: &Connection) -> Result<bool> {
    Ok(Settings::load(conn)?.level == Level::High)
}

/// Whether sends to recipients never paid before need approval.
pub fn confirm_new_recipient(conn: &Connection) -> Result<bool> {
    Ok(Settings::load(conn)?.confirm_new_recipient)
}

/// Stores the level.
pub fn set_level(conn: &Connection, high: bool) -> Result<()> {
    settings::set_level(conn, if high { Level::High } else { Level::Standard })
}

/// Stores confirm-new-recipient.
pub fn set_confirm_new(conn: &Connection, on: bool) -> Result<()> {
    settings::set_confirm_new_recipient(conn, on)
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
    let sent = txs::sends_since(conn, asset, (now - 24 * 3600) * 1000)?;
    let held = approvals::waiting_amounts(conn, asset, now - 24 * 3600, except)?;
    Ok(sent
        .into_iter()
        .chain(held)
        .fold(0u128, u128::saturating_add))
}

/// Whether `address` was ever paid by a send of this vault (or is one of its own).
fn known_recipient(conn: &Connection, address: &str) -> Result<bool> {
    Ok(txs::paid_before(conn, address)?
        || crate::vault::wallets::find_address(conn, address).is_ok())
}

/// A send to check against the policy.
#[derive(Debug, Clone)]
pub struct Outgoing {
    /// What it sends (limits and daily totals are kept by its symbol).
    pub asset: Asset,
    /// What leaves the wallet (base units).
    pub amount: u128,
    /// The payees.
    pub recipients: Vec<String>,
}

/// Why `o` needs approval (empty: it does not).
pub fn reasons(conn: &Connection, o: &Outgoing, now: i64) -> Result<Vec<String>> {
    use crate::chain::amount::format_units;
    let symbol = o.asset.symbol();
    let fmt = |u: u128| {
        format!(
            "{} {symbol}",
            format_units(u, o.asset.decimals(), o.asset.fixed())
        )
    };
    let mut why = vec![];
    let settings = Settings::load(conn)?;
    if settings.level == Level::High {
        why.push("the security level is high: every send is approved".to_string());
    }
    if let Some(l) = settings.limit("limit_tx", symbol)?
        && o.amount > l
    {
        why.push(format!(
            "{} is over the per-transaction limit of {}",
            fmt(o.amount),
            fmt(l)
        ));
    }
    if let Some(l) = settings.limit("limit_daily", symbol)? {
        let before = sent_last_day(conn, symbol, now, None)?;
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
    pub chain: Chain,
    /// The wallet.
    pub wallet: &'a str,
    /// The policy view of it.
    pub outgoing: Outgoing,
    /// The unsigned transaction: PSBT (base64) or EVM request (JSON).
    pub payload: String,
    /// The note for its history row.
    pub note: Option<&'a str>,
    /// EVM chain id.
    pub chain_id: Option<u64>,
    /// The sending account (for its history row).
    pub account_id: i64,
}

/// Stores a held send (and its history row, status `awaiting_approval`) and returns the
/// error that tells the caller (exit 6).
pub fn hold(vault: &Vault, h: &Held<'_>, reasons: Vec<String>) -> Error {
    match vault.write_light(|c| hold_in(c, h, reasons)) {
        Ok(e) | Err(e) => e,
    }
}

/// [`hold`] inside a write the caller runs (with other changes of its own): the error
/// to give once it is committed.
pub fn hold_in(c: &Connection, h: &Held<'_>, reasons: Vec<String>) -> Result<Error> {
    let id = format!("ap-{}", hex::encode(fsio::random_bytes::<6>()));
    {
        approvals::insert(
            c,
            &approvals::NewHeld {
                id: &id,
                chain: h.chain,
                wallet: h.wallet,
                asset: h.outgoing.asset.symbol(),
                amount: h.outgoing.amount,
                recipients: &h.outgoing.recipients,
                payload: &h.payload,
                reasons: &reasons,
                note: h.note,
                chain_id: h.chain_id,
                account_id: h.account_id,
            },
        )?;
        audit::record(
            c,
            &Event::new(
                "send_awaiting_approval",
                Severity::Medium,
                true,
                serde_json::json!({
                    "approval_id": id,
                    "wallet": h.wallet,
                    "asset": h.outgoing.asset.symbol(),
                    "amount_units": h.outgoing.amount.to_string(),
                    "reasons": reasons,
                }),
            ),
        )?;
    }
    Ok(Error::ApprovalRequired {
        approval_id: id,
        reasons,
    })
}

/// The approval `id` (not found: exit 4).
pub fn get(conn: &Connection, id: &str) -> Result<Approval> {
    approvals::get(conn, id.trim())?
        .ok_or_else(|| Error::NotFound(format!("approval {}", id.trim())))
}

/// Refuses an approval that is no longer waiting.
pub fn waiting(a: &Approval) -> Result<()> {
    if a.status != Status::AwaitingApproval {
        return Err(Error::invalid(
            "id",
            format!("approval {} is {}, not awaiting approval", a.id, a.status),
        ));
    }
    Ok(())
}

/// Marks an approval done (`Approved`, `Cancelled`) and audits it; its history row
/// goes (the signed transaction has its own, or there is none).
pub fn close(
    conn: &Connection,
    a: &Approval,
    status: Status,
    details: serde_json::Value,
) -> Result<()> {
    approvals::set_status(conn, &a.id, status)?;
    let mut d = details;
    if let Some(m) = d.as_object_mut() {
        m.insert("approval_id".into(), a.id.clone().into());
    }
    audit::record(
        conn,
        &Event::new(
            if status == Status::Approved {
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

/// The checks of `send confirm` after the PIN, inside the write that goes on to sign
/// the held send (one decryption for both): a 2FA code when on, and the daily limit,
/// which only `override_limit` passes (audited with severity high). `code` is the 2FA
/// code the caller read when 2FA was on in its snapshot, `user` the account it is for.
/// A refusal (a wrong code, the daily limit) is returned as `Ok(Some(..))`, for the
/// caller to commit what it recorded (the `limit_exceeded` audit, a PIN count reset)
/// and then fail.
#[allow(clippy::too_many_arguments)]
pub fn confirm_checks_in(
    conn: &Connection,
    a: &Approval,
    override_limit: bool,
    decimals: u32,
    fixed: bool,
    user: &str,
    code: Option<&secrecy::SecretString>,
) -> Result<Option<Error>> {
    // Looked at again under the lock: another `send confirm` or `send cancel` may have
    // closed it since the snapshot.
    waiting(&get(conn, &a.id)?)?;
    if crate::vault::totp::enabled(conn)? {
        let Some(code) = code else {
            return Ok(Some(Error::WrongTotp {
                reason: "two-factor authentication was turned on meanwhile; run the command \
                         again"
                    .into(),
            }));
        };
        let code = secrecy::ExposeSecret::expose_secret(code);
        if let Err(e) = crate::vault::totp::accept(conn, user, code, clock::now()) {
            return Ok(Some(e));
        }
    }
    if let Some((before, l, message)) = over_daily_limit(conn, a, decimals, fixed)? {
        if !override_limit {
            limit_exceeded(conn, a)?;
            return Ok(Some(Error::LimitExceeded(message)));
        }
        limit_overridden(conn, a, before, l)?;
    }
    Ok(None)
}

/// The held send `a` over the rolling daily limit: what was sent in the last 24 hours
/// (other than it), the limit, and the message that says so.
fn over_daily_limit(
    conn: &Connection,
    a: &Approval,
    decimals: u32,
    fixed: bool,
) -> Result<Option<(u128, u128, String)>> {
    let Some(l) = limit(conn, "limit_daily", a.asset.symbol())? else {
        return Ok(None);
    };
    let amount = a.amount;
    let before = sent_last_day(conn, a.asset.symbol(), clock::now(), Some(&a.id))?;
    if before + amount <= l {
        return Ok(None);
    }
    use crate::chain::amount::format_units;
    let fmt = |u: u128| format!("{} {}", format_units(u, decimals, fixed), a.asset.symbol());
    let message = format!(
        "with {} sent in the last 24 hours, {} more is over the daily limit of {}",
        fmt(before),
        fmt(amount),
        fmt(l)
    );
    Ok(Some((before, l, message)))
}

/// Audits a confirmation refused by the daily limit.
fn limit_exceeded(c: &Connection, a: &Approval) -> Result<()> {
    audit::record(
        c,
        &Event::new(
            "limit_exceeded",
            Severity::Medium,
            false,
            serde_json::json!({
                "approval_id": a.id,
                "asset": a.asset.symbol(),
                "amount_units": a.amount.to_string(),
            }),
        ),
    )
}

/// Audits a confirmation passed over the daily limit (`--override-limit`).
fn limit_overridden(c: &Connection, a: &Approval, before: u128, l: u128) -> Result<()> {
    audit::record(
        c,
        &Event::new(
            "limit_overridden",
            Severity::High,
            true,
            serde_json::json!({
                "approval_id": a.id,
                "asset": a.asset.symbol(),
                "amount_units": a.amount.to_string(),
                "sent_last_day_units": before.to_string(),
                "limit_units": l.to_string(),
            }),
        ),
    )
}

/// A spending limit as typed: an exact decimal (its asset's decimals are checked once the
/// asset is known), or off.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LimitAmount {
    /// No limit.
    Off,
    /// This much (a decimal as typed).
    Amount(String),
}

/// A spending limit as typed (`off` or an exact decimal of at most 18 places).
pub fn limit_amount(s: &str) -> Result<LimitAmount> {
    if s == "off" {
        return Ok(LimitAmount::Off);
    }
    // The widest precision: the asset's own decimals are checked when it is known.
    crate::chain::amount::parse_units(s, 18, "amount")?;
    Ok(LimitAmount::Amount(s.to_string()))
}

/// A change to the spending policy, as asked.
#[derive(Debug, Clone)]
pub enum Change {
    /// The level: high or standard.
    Level {
        /// Whether it becomes high.
        high: bool,
    },
    /// Confirmation of new recipients: on or off.
    ConfirmNew {
        /// Whether it becomes on.
        on: bool,
    },
    /// A limit of one asset.
    Limit {
        /// `limit_tx` or `limit_daily`.
        kind: &'static str,
        /// The asset as typed.
        asset: String,
        /// The amount (none: an error that asks for one).
        amount: Option<LimitAmount>,
    },
}

/// What a checked [`Change`] stores.
#[derive(Debug, Clone)]
enum Store {
    Level(Level),
    ConfirmNew(bool),
    Limit {
        kind: &'static str,
        asset: String,
        units: Option<u128>,
    },
}

/// A checked change to the spending policy, ready to store with [`Planned::apply`].
#[derive(Debug, Clone)]
pub struct Planned {
    store: Store,
    /// Whether it lowers protection (the caller gates it first).
    pub lowers: bool,
    /// The value as shown (`high`, `on`, `BTC 0.05`).
    pub shown: String,
}

/// Checks `change` on `conn` (the asset is BTC, ETH or a token added; the amount fits
/// its decimals) and works out whether it lowers protection. `setting` is the name as
/// typed (`limit-tx`), for messages.
pub fn plan(conn: &Connection, change: Change, setting: &str) -> Result<Planned> {
    let settings = Settings::load(conn)?;
    let (store, lowers, shown) = match change {
        Change::Level { high } => {
            let level = if high { Level::High } else { Level::Standard };
            let lowers = settings.level == Level::High && !high;
            (Store::Level(level), lowers, level.name().into())
        }
        Change::ConfirmNew { on } => {
            let lowers = settings.confirm_new_recipient && !on;
            let word = if on { "on" } else { "off" };
            (Store::ConfirmNew(on), lowers, word.into())
        }
        Change::Limit {
            kind,
            asset,
            amount,
        } => {
            let asset = asset.trim().to_uppercase();
            let decimals = match asset.as_str() {
                "BTC" => 8,
                "ETH" => 18,
                sym => crate::vault::backends::tokens(conn, None)?
                    .into_iter()
                    .find(|t| t.symbol.eq_ignore_ascii_case(sym))
                    .map(|t| u32::from(t.decimals))
                    .ok_or_else(|| {
                        Error::invalid(
                            "value",
                            format!("'{sym}' is not BTC, ETH or a token added with `coffer wallet token add`"),
                        )
                    })?,
            };
            let amount = amount.ok_or_else(|| {
                Error::invalid(
                    "amount",
                    format!("{setting} {asset} needs an amount (or off)"),
                )
            })?;
            let current = settings.limit(kind, &asset)?;
            let (new, typed) = match &amount {
                LimitAmount::Off => (None, "off"),
                LimitAmount::Amount(a) => (
                    Some(crate::chain::amount::parse_units(a, decimals, "amount")?),
                    a.as_str(),
                ),
            };
            let lowers = match (current, new) {
                (Some(_), None) => true,
                (Some(c), Some(n)) => n > c,
                _ => false,
            };
            let shown = format!("{asset} {typed}");
            (
                Store::Limit {
                    kind,
                    asset,
                    units: new,
                },
                lowers,
                shown,
            )
        }
    };
    Ok(Planned {
        store,
        lowers,
        shown,
    })
}

impl Planned {
    /// Stores the change and audits it (`setting_changed`, severity medium when it
    /// lowers protection). `setting` is the name as typed.
    pub fn apply(&self, c: &Connection, setting: &str) -> Result<()> {
        match &self.store {
            Store::Level(level) => settings::set_level(c, *level)?,
            Store::ConfirmNew(on) => settings::set_confirm_new_recipient(c, *on)?,
            Store::Limit { kind, asset, units } => settings::set_limit(c, kind, asset, *units)?,
        }
        audit::record(
            c,
            &Event::new(
                "setting_changed",
                if self.lowers {
                    Severity::Medium
                } else {
                    Severity::Info
                },
                true,
                serde_json::json!({ "setting": setting, "value": self.shown }),
            ),
        )
    }
}

/// The limits of one asset.
#[derive(Debug, Serialize)]
pub struct LimitView {
    /// The asset.
    pub asset: String,
    /// Per transaction (base units), if set.
    pub per_tx_units: Option<String>,
    /// Rolling 24 hours (base units), if set.
    pub daily_units: Option<String>,
    /// Sent in the last 24 hours (base units; pending, confirmed and held sends).
    pub sent_last_day_units: String,
    /// The limit per send as a decimal of the asset.
    pub per_tx: Option<String>,
    /// The daily limit as a decimal.
    pub daily: Option<String>,
    /// Sent in the last 24 hours, as a decimal.
    pub sent_last_day: String,
}

/// The limits set, per asset (sorted), with what was sent in the 24 hours before `now`.
pub fn limits(conn: &Connection, now: i64) -> Result<Vec<LimitView>> {
    let settings = Settings::load(conn)?;
    let assets = settings.limit_assets();
    let tokens = crate::vault::backends::tokens(conn, None)?;
    let mut v = vec![];
    for a in assets {
        let (decimals, fixed) = match a.as_str() {
            "BTC" => (8, true),
            "ETH" => (18, false),
            s => (
                tokens
                    .iter()
                    .find(|t| t.symbol.eq_ignore_ascii_case(s))
                    .map_or(0, |t| u32::from(t.decimals)),
                false,
            ),
        };
        let dec = |u: u128| crate::chain::amount::format_units(u, decimals, fixed);
        let per_tx = settings.limit("limit_tx", &a)?;
        let daily = settings.limit("limit_daily", &a)?;
        let sent = sent_last_day(conn, &a, now, None)?;
        v.push(LimitView {
            per_tx_units: per_tx.map(|u| u.to_string()),
            daily_units: daily.map(|u| u.to_string()),
            sent_last_day_units: sent.to_string(),
            per_tx: per_tx.map(dec),
            daily: daily.map(dec),
            sent_last_day: dec(sent),
            asset: a,
        });
    }
    Ok(v)
}

/// How many sends are held for approval.
pub fn awaiting_count(conn: &Connection) -> Result<u64> {
    approvals::waiting_count(conn)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vault::schema;

    fn vault_db() -> Connection {
        let mut c = schema::memory_connection().unwrap();
        schema::migrate(&mut c).unwrap();
        c
    }

    fn planned(c: &Connection, kind: &'static str, amount: &str) -> Result<Planned> {
        let amount = limit_amount(amount)?;
        plan(
            c,
            Change::Limit {
                kind,
                asset: " btc ".into(),
                amount: Some(amount),
            },
            "limit-tx",
        )
    }

    /// Raising a limit or removing it lowers protection; setting or tightening one does
    /// not; the amount is checked against the asset's decimals.
    #[test]
    fn a_looser_limit_lowers_protection() {
        let c = vault_db();
        let p = planned(&c, "limit_tx", "0.05").unwrap();
        assert!(!p.lowers);
        assert_eq!(p.shown, "BTC 0.05");
        p.apply(&c, "limit-tx").unwrap();
        assert_eq!(limit(&c, "limit_tx", "btc").unwrap(), Some(5_000_000));
        assert!(planned(&c, "limit_tx", "0.06").unwrap().lowers);
        assert!(planned(&c, "limit_tx", "off").unwrap().lowers);
        assert!(!planned(&c, "limit_tx", "0.01").unwrap().lowers);
        assert!(!planned(&c, "limit_daily", "off").unwrap().lowers);
        assert!(planned(&c, "limit_tx", "0.000000001").is_err());
        let missing = plan(
            &c,
            Change::Limit {
                kind: "limit_tx",
                asset: "BTC".into(),
                amount: None,
            },
            "limit-tx",
        );
        assert_eq!(
            missing.unwrap_err().to_string(),
            Error::invalid("amount", "limit-tx BTC needs an amount (or off)").to_string()
        );
        let unknown = Change::Limit {
            kind: "limit_tx",
            asset: "nope".into(),
            amount: Some(LimitAmount::Off),
        };
        assert!(plan(&c, unknown, "limit-tx").is_err());
    }

    /// Level high and confirm-new-recipient: turning them off lowers protection.
    #[test]
    fn turning_off_level_high_lowers_protection() {
        let c = vault_db();
        let high = plan(&c, Change::Level { high: true }, "level").unwrap();
        assert!(!high.lowers);
        high.apply(&c, "level").unwrap();
        assert!(level_high(&c).unwrap());
        let standard = plan(&c, Change::Level { high: false }, "level").unwrap();
        assert!(standard.lowers);
        assert_eq!(standard.shown, "standard");
        let on = plan(&c, Change::ConfirmNew { on: true }, "confirm-new-recipient").unwrap();
        assert_eq!((on.lowers, on.shown.as_str()), (false, "on"));
        on.apply(&c, "confirm-new-recipient").unwrap();
        assert!(confirm_new_recipient(&c).unwrap());
        assert!(
            plan(
                &c,
                Change::ConfirmNew { on: false },
                "confirm-new-recipient"
            )
            .unwrap()
            .lowers
        );
    }

    /// The daily total counts a transaction once however many accounts record it, and
    /// held sends of the last 24 hours but the one excepted.
    #[test]
    fn the_daily_total_counts_each_send_once_and_held_sends() {
        let c = vault_db();
        let now = 1_000_000;
        c.execute_batch(&format!(
            "INSERT INTO wallets (id, name, created_at) VALUES (1, 'a', 0), (2, 'b', 0);
             INSERT INTO accounts (id, wallet_id, chain, account_index)
                 VALUES (1, 1, 'btc', 0), (2, 2, 'btc', 0);
             INSERT INTO transactions (account_id, txid, asset, direction, amount, status, created_at)
                 VALUES (1, x'01', 'BTC', 'send', '-700', 'confirmed', {t}),
                        (2, x'01', 'BTC', 'send', '-700', 'pending', {t}),
                        (1, x'02', 'BTC', 'send', '-50', 'replaced', {t}),
                        (1, x'03', 'BTC', 'send', '-9', 'confirmed', {old});
             INSERT INTO approvals (id, created_at, chain, wallet, asset, amount, recipients,
                     payload, reasons, status)
                 VALUES ('ap-1', {now}, 'btc', 'a', 'BTC', '300', '[]', '', '[]', 'awaiting_approval'),
                        ('ap-2', {now}, 'btc', 'a', 'BTC', '20', '[]', '', '[]', 'cancelled');",
            t = (now - 3600) * 1000,
            old = (now - 25 * 3600) * 1000,
        ))
        .unwrap();
        assert_eq!(sent_last_day(&c, "btc", now, None).unwrap(), 1000);
        assert_eq!(sent_last_day(&c, "BTC", now, Some("ap-1")).unwrap(), 700);
        c.execute("UPDATE approvals SET amount = 'x' WHERE id = 'ap-1'", [])
            .unwrap();
        assert!(sent_last_day(&c, "BTC", now, None).is_err());
    }
}
