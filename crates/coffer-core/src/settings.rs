//! The user's settings kept in the vault (the `settings` table, key → text), read once
//! into a typed [`Settings`] with each key's default, and stored through typed setters.
//! The keys: `session_timeout_secs`, `session_max_secs`, `security_level`,
//! `confirm_new_recipient`, `currency`, `limit_tx.ASSET`, `limit_daily.ASSET`,
//! `fees.NETWORK.LEVEL`, `fee_target.NETWORK.LEVEL`, `rates.source.url` and
//! `rates.source.format`. A Bitcoin node's credentials (`btc_rpc_auth.NETWORK`) are a
//! secret kept in the same table but read only by [`crate::sync`], never loaded here.

use crate::error::{Error, Result};
use crate::vault::audit::{self, Event, Severity};
use crate::vault::{DEFAULT_SESSION_MAX, DEFAULT_SESSION_TIMEOUT, Vault, txs};
use anyhow::Context as _;
use rusqlite::{Connection, OptionalExtension as _};
use std::collections::BTreeMap;

const SESSION_TIMEOUT: &str = "session_timeout_secs";
const SESSION_MAX: &str = "session_max_secs";
const LEVEL: &str = "security_level";
const CONFIRM_NEW: &str = "confirm_new_recipient";
const CURRENCY: &str = "currency";
const RATES_URL: &str = "rates.source.url";
const RATES_FORMAT: &str = "rates.source.format";

/// The security level.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Level {
    /// The PIN for sends, the limits as set (the default).
    #[default]
    Standard,
    /// Every send held for approval, every settings change behind the PIN.
    High,
}

impl Level {
    /// `standard` or `high`, as stored and shown.
    pub fn name(self) -> &'static str {
        match self {
            Level::Standard => "standard",
            Level::High => "high",
        }
    }
}

/// Every setting of a vault, each with its default when not set.
#[derive(Debug, Clone)]
pub struct Settings {
    /// The idle timeout of new sessions (seconds; 15 minutes by default).
    pub session_timeout_secs: i64,
    /// The absolute lifetime of new sessions (seconds; 12 hours by default).
    pub session_max_secs: i64,
    /// The security level (standard by default).
    pub level: Level,
    /// Whether sends to recipients never paid before are held (off by default).
    pub confirm_new_recipient: bool,
    /// The preferred fiat currency (USD by default).
    pub currency: String,
    /// The spending limits as stored (base units), by `limit_tx.ASSET` /
    /// `limit_daily.ASSET`: decoded by [`Settings::limit`], where a damaged one is an
    /// error.
    limits: BTreeMap<String, String>,
    /// Fee rates set by the user (sat/vB, as stored), by `NETWORK.LEVEL`.
    pub fee_rates: BTreeMap<String, String>,
    /// Confirmation targets set by the user (blocks), by `NETWORK.LEVEL`.
    pub fee_targets: BTreeMap<String, u16>,
    /// The rates source (URL, format), when both are set.
    pub rates_source: Option<(String, String)>,
}

impl Settings {
    /// Reads every setting of the vault `conn` holds.
    pub fn load(conn: &Connection) -> Result<Settings> {
        let mut stmt = conn
            .prepare_cached("SELECT key, value FROM settings")
            .context("reading settings")?;
        let rows = stmt
            .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))
            .context("reading settings")?
            .collect::<rusqlite::Result<BTreeMap<String, String>>>()
            .context("reading settings")?;
        Ok(Settings::from_rows(&rows))
    }

    /// The settings of the stored `rows` (key → value).
    fn from_rows(rows: &BTreeMap<String, String>) -> Settings {
        let secs =
            |k: &str, default: i64| rows.get(k).and_then(|v| v.parse().ok()).unwrap_or(default);
        let under = |prefix: &str| {
            rows.iter()
                .filter_map(|(k, v)| Some((k.strip_prefix(prefix)?.to_string(), v.clone())))
                .collect::<BTreeMap<String, String>>()
        };
        Settings {
            session_timeout_secs: secs(SESSION_TIMEOUT, DEFAULT_SESSION_TIMEOUT),
            session_max_secs: secs(SESSION_MAX, DEFAULT_SESSION_MAX),
            level: if rows.get(LEVEL).map(String::as_str) == Some("high") {
                Level::High
            } else {
                Level::Standard
            },
            confirm_new_recipient: rows.get(CONFIRM_NEW).map(String::as_str) == Some("on"),
            currency: rows
                .get(CURRENCY)
                .cloned()
                .unwrap_or_else(|| "USD".to_string()),
            limits: rows
                .iter()
                .filter(|(k, _)| k.starts_with("limit_tx.") || k.starts_with("limit_daily."))
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect(),
            fee_rates: under("fees."),
            fee_targets: under("fee_target.")
                .into_iter()
                .filter_map(|(k, v)| Some((k, v.parse().ok()?)))
                .collect(),
            rates_source: match (rows.get(RATES_URL), rows.get(RATES_FORMAT)) {
                (Some(u), Some(f)) => Some((u.clone(), f.clone())),
                _ => None,
            },
        }
    }

    /// A limit (`limit_tx` or `limit_daily`) of `asset` in base units, if set. A
    /// stored limit that does not decode is damage (exit 8): it never turns into no
    /// limit.
    pub fn limit(&self, kind: &str, asset: &str) -> Result<Option<u128>> {
        self.limits
            .get(&limit_key(kind, asset))
            .map(|v| txs::stored(v, "spending limit"))
            .transpose()
    }

    /// The assets with a limit of either kind, sorted.
    pub fn limit_assets(&self) -> Vec<String> {
        let mut assets: Vec<String> = self
            .limits
            .keys()
            .filter_map(|k| Some(k.split_once('.')?.1.to_string()))
            .collect();
        assets.sort();
        assets.dedup();
        assets
    }
}

/// The settings key of a limit: `limit_tx.BTC`, `limit_daily.ETH`.
pub fn limit_key(kind: &str, asset: &str) -> String {
    format!("{kind}.{}", asset.to_uppercase())
}

/// One stored setting's text, if set.
pub fn raw(conn: &Connection, key: &str) -> Result<Option<String>> {
    Ok(conn
        .query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| {
            r.get(0)
        })
        .optional()
        .context("reading settings")?)
}

/// Stores (or with `None` removes) one setting's text.
pub fn set_raw(conn: &Connection, key: &str, value: Option<&str>) -> Result<()> {
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

/// Stores the idle timeout of new sessions (seconds).
pub fn set_session_timeout(conn: &Connection, secs: i64) -> Result<()> {
    set_raw(conn, SESSION_TIMEOUT, Some(&secs.to_string()))
}

/// Stores the absolute lifetime of new sessions (seconds).
pub fn set_session_max(conn: &Connection, secs: i64) -> Result<()> {
    set_raw(conn, SESSION_MAX, Some(&secs.to_string()))
}

/// Stores the security level.
pub fn set_level(conn: &Connection, level: Level) -> Result<()> {
    set_raw(conn, LEVEL, Some(level.name()))
}

/// Stores confirm-new-recipient.
pub fn set_confirm_new_recipient(conn: &Connection, on: bool) -> Result<()> {
    set_raw(conn, CONFIRM_NEW, Some(if on { "on" } else { "off" }))
}

/// Stores (or with `None` removes) a limit of `asset` in base units.
pub fn set_limit(conn: &Connection, kind: &str, asset: &str, units: Option<u128>) -> Result<()> {
    set_raw(
        conn,
        &limit_key(kind, asset),
        units.map(|u| u.to_string()).as_deref(),
    )
}

/// Stores the preferred fiat currency (a code already checked).
pub fn set_currency(conn: &Connection, code: &str) -> Result<()> {
    set_raw(conn, CURRENCY, Some(code))
}

/// Stores the rates source (URL, format), or with `None` removes it.
pub fn set_rates_source(conn: &Connection, source: Option<(&str, &str)>) -> Result<()> {
    set_raw(conn, RATES_URL, source.map(|s| s.0))?;
    set_raw(conn, RATES_FORMAT, source.map(|s| s.1))
}

/// A session duration.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Session {
    /// The idle timeout.
    Timeout,
    /// The absolute lifetime.
    Max,
}

impl Settings {
    /// The session duration `which` (seconds).
    pub fn session(&self, which: Session) -> i64 {
        match which {
            Session::Timeout => self.session_timeout_secs,
            Session::Max => self.session_max_secs,
        }
    }
}

/// Stores a session duration of new sessions in one write, audited as
/// `setting_changed` under `setting` (the name as typed), after the caller's `check`
/// (the PIN, a 2FA code: a refusal it returns as `Ok(Some(error))` is committed, as the
/// count of a wrong PIN, and then given).
pub fn change_session(
    vault: &Vault,
    which: Session,
    secs: i64,
    setting: &str,
    check: impl FnOnce(&Connection) -> Result<Option<Error>>,
) -> Result<()> {
    vault.write_light(|c| {
        if let Some(refused) = check(c)? {
            return Ok(Err(refused));
        }
        match which {
            Session::Timeout => set_session_timeout(c, secs)?,
            Session::Max => set_session_max(c, secs)?,
        }
        audit::record(
            c,
            &Event::new(
                "setting_changed",
                Severity::Info,
                true,
                serde_json::json!({ "setting": setting, "value_secs": secs }),
            ),
        )?;
        Ok(Ok(()))
    })?
}

/// Stores the preferred currency `code` (checked already: `valuation::currency_code`)
/// after the caller's `check`, as [`change_session`]; audited as `setting_changed`.
pub fn change_currency(
    vault: &Vault,
    code: &str,
    check: impl FnOnce(&Connection) -> Result<Option<Error>>,
) -> Result<()> {
    vault.write_light(|c| {
        if let Some(refused) = check(c)? {
            return Ok(Err(refused));
        }
        set_currency(c, code)?;
        audit::record(
            c,
            &Event::new(
                "setting_changed",
                Severity::Info,
                true,
                serde_json::json!({ "setting": "currency", "value": code }),
            ),
        )?;
        Ok(Ok(()))
    })?
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn defaults_when_nothing_is_set() {
        let s = Settings::from_rows(&BTreeMap::new());
        assert_eq!(s.session_timeout_secs, DEFAULT_SESSION_TIMEOUT);
        assert_eq!(s.session_max_secs, DEFAULT_SESSION_MAX);
        assert_eq!(s.level, Level::Standard);
        assert!(!s.confirm_new_recipient);
        assert_eq!(s.currency, "USD");
        assert!(s.limit_assets().is_empty());
        assert_eq!(s.limit("limit_tx", "BTC").unwrap(), None);
        assert_eq!(s.rates_source, None);
    }

    #[test]
    fn stored_values_are_typed() {
        let s = Settings::from_rows(&rows(&[
            ("session_timeout_secs", "300"),
            ("session_max_secs", "not a number"),
            ("security_level", "high"),
            ("confirm_new_recipient", "on"),
            ("currency", "EUR"),
            ("limit_tx.BTC", "5000000"),
            ("limit_daily.ETH", "1500000000000000000"),
            ("limit_daily.BTC", "9000000"),
            ("fees.regtest.slow", "1.5"),
            ("fee_target.regtest.fast", "3"),
            ("fee_target.regtest.slow", "many"),
            ("rates.source.url", "https://example.test"),
        ]));
        assert_eq!(s.session_timeout_secs, 300);
        assert_eq!(
            s.session_max_secs, DEFAULT_SESSION_MAX,
            "unreadable: the default"
        );
        assert_eq!(s.level, Level::High);
        assert!(s.confirm_new_recipient);
        assert_eq!(s.currency, "EUR");
        assert_eq!(s.limit_assets(), vec!["BTC".to_string(), "ETH".to_string()]);
        assert_eq!(s.limit("limit_tx", "btc").unwrap(), Some(5_000_000));
        assert_eq!(s.limit("limit_tx", "ETH").unwrap(), None);
        assert_eq!(
            s.fee_rates.get("regtest.slow").map(String::as_str),
            Some("1.5")
        );
        assert_eq!(s.fee_targets.get("regtest.fast"), Some(&3));
        assert_eq!(s.fee_targets.get("regtest.slow"), None);
        assert_eq!(s.rates_source, None, "a URL without a format is no source");
    }

    #[test]
    fn a_damaged_limit_is_an_error_not_no_limit() {
        let s = Settings::from_rows(&rows(&[("limit_tx.BTC", "lots")]));
        assert!(s.limit("limit_tx", "BTC").is_err());
    }

    #[test]
    fn setters_round_trip_through_the_vault() {
        let mut c = crate::vault::schema::memory_connection().unwrap();
        crate::vault::schema::migrate(&mut c).unwrap();
        set_session_timeout(&c, 600).unwrap();
        set_session_max(&c, 7200).unwrap();
        set_level(&c, Level::High).unwrap();
        set_confirm_new_recipient(&c, true).unwrap();
        set_limit(&c, "limit_daily", "eth", Some(42)).unwrap();
        set_currency(&c, "EUR").unwrap();
        set_rates_source(&c, Some(("https://example.test", "pairs"))).unwrap();
        let s = Settings::load(&c).unwrap();
        assert_eq!(s.currency, "EUR");
        assert_eq!(
            s.rates_source,
            Some(("https://example.test".into(), "pairs".into()))
        );
        assert_eq!((s.session_timeout_secs, s.session_max_secs), (600, 7200));
        assert_eq!(s.level, Level::High);
        assert!(s.confirm_new_recipient);
        assert_eq!(s.limit("limit_daily", "ETH").unwrap(), Some(42));
        set_limit(&c, "limit_daily", "ETH", None).unwrap();
        set_level(&c, Level::Standard).unwrap();
        set_rates_source(&c, None).unwrap();
        let s = Settings::load(&c).unwrap();
        assert_eq!(s.rates_source, None);
        assert_eq!(s.limit("limit_daily", "ETH").unwrap(), None);
        assert_eq!(s.level, Level::Standard);
    }
}
