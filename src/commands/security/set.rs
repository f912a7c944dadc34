//! `coffer security set`: one subcommand per setting, each with its typed value; the
//! gates (the PIN at level high, the PIN and a 2FA code for a change that lowers
//! protection) and the prompts. Checking and storing are `coffer_core::settings`,
//! `coffer_core::policy` and `coffer_core::access`.

use crate::cli::security::{AutoBackupArgs, GateArgs, Level, LimitArgs, OnOff, SetCmd};
use crate::clock;
use crate::context::Ctx;
use crate::error::{Error, Result};
use coffer_core::access::gate::Setting;
use coffer_core::access::{self, SetDone};
use coffer_core::policy::{self};
use coffer_core::settings::{Session, Settings};

/// The settings `security set` knows, as typed on the command line.
pub const SETTINGS: &str = "session-timeout, session-max, level, limit-tx, limit-daily, confirm-new-recipient, auto-backup, currency";

/// Runs `coffer security set`.
pub fn set(ctx: &Ctx, cmd: SetCmd) -> Result<SetDone> {
    let gate = match (&cmd, cmd.gate()) {
        (_, Some(g)) => g.clone(),
        (c, None) => {
            let typed = match c {
                SetCmd::Unknown(words) => words.first().cloned().unwrap_or_default(),
                _ => String::new(),
            };
            return Err(Error::invalid(
                "key",
                format!("'{typed}' is not a setting this coffer knows ({SETTINGS})"),
            ));
        }
    };
    let key = cmd.key();
    let unlocked = ctx.unlock()?;
    let conn = unlocked.vault.read()?;
    let settings = Settings::load(&conn)?;
    // At level high every settings change needs the PIN (and a 2FA code when on); then
    // no second gate for a change that lowers protection. Asked on the snapshot, checked
    // in the write that makes the change.
    let high = if settings.level == coffer_core::settings::Level::High {
        let asked = crate::prompt::ask_gate(
            ctx,
            &unlocked.vault,
            &conn,
            gate.pin_file.as_deref(),
            gate.totp_code.as_deref(),
            true,
        )?;
        Some(asked)
    } else {
        None
    };
    let change = Change {
        ctx,
        unlocked: &unlocked,
        conn: &conn,
        key,
        gate,
        high,
    };
    match cmd {
        SetCmd::SessionTimeout(a) => change.session(&settings, Session::Timeout, a.secs),
        SetCmd::SessionMax(a) => change.session(&settings, Session::Max, a.secs),
        SetCmd::Level(a) => change.policy(policy::Change::Level {
            high: a.level == Level::High,
        }),
        SetCmd::ConfirmNewRecipient(a) => {
            change.policy(policy::Change::ConfirmNew { on: a.state.on() })
        }
        SetCmd::LimitTx(a) => change.policy(limit_change("limit_tx", a)),
        SetCmd::LimitDaily(a) => change.policy(limit_change("limit_daily", a)),
        SetCmd::AutoBackup(a) => change.auto_backup(a),
        SetCmd::Currency(a) => change.currency(&a.code),
        SetCmd::Unknown(_) => unreachable!("an unknown key returned above"),
    }
}

/// One `security set` under way: the unlocked vault (and a snapshot of it), the setting
/// and how it is gated.
struct Change<'a> {
    ctx: &'a Ctx,
    unlocked: &'a crate::context::Unlocked,
    conn: &'a coffer_core::Db,
    key: &'static str,
    gate: GateArgs,
    /// At level high, the PIN (and code) asked already.
    high: Option<coffer_core::access::gate::Asked>,
}

/// A limit change as typed: `kind` is `limit_tx` or `limit_daily`.
fn limit_change(kind: &'static str, a: LimitArgs) -> policy::Change {
    policy::Change::Limit {
        kind,
        asset: a.asset,
        amount: a.amount,
    }
}

impl Change<'_> {
    /// The gate of this change, asked on the snapshot (`coffer_core::access::gate::setting`):
    /// the PIN and a code asked now for a change that `lowers` protection with 2FA on.
    fn gate(&self, lowers: bool) -> Result<Setting<'_>> {
        coffer_core::access::gate::setting(self.conn, self.key, self.high.as_ref(), lowers, || {
            crate::prompt::ask_gate(
                self.ctx,
                &self.unlocked.vault,
                self.conn,
                self.gate.pin_file.as_deref(),
                self.gate.totp_code.as_deref(),
                true,
            )
        })
    }

    /// `session-timeout` or `session-max`: a longer one lowers protection.
    fn session(&self, settings: &Settings, which: Session, secs: i64) -> Result<SetDone> {
        let lowers = secs > settings.session(which);
        let gated = self.gate(lowers)?;
        let vault = &self.unlocked.vault;
        coffer_core::settings::change_session(vault, which, secs, self.key, |c| gated.check(c))?;
        Ok(SetDone {
            key: self.key.into(),
            value: clock::human_duration(secs),
            auto_backup: None,
        })
    }

    /// `currency`: gated only at level high.
    fn currency(&self, code: &str) -> Result<SetDone> {
        let code = coffer_core::valuation::currency_code(code)?;
        let gated = self.gate(false)?;
        let vault = &self.unlocked.vault;
        coffer_core::settings::change_currency(vault, &code, |c| gated.check(c))?;
        Ok(SetDone {
            key: self.key.into(),
            value: code,
            auto_backup: None,
        })
    }

    /// `auto-backup on|off`.
    fn auto_backup(&self, args: AutoBackupArgs) -> Result<SetDone> {
        use crate::backups::AutoBackup;
        let (ctx, unlocked) = (self.ctx, self.unlocked);
        let mut lowers = false;
        if args.state == OnOff::Off {
            if args.every.is_some()
                || args.keep.is_some()
                || args.dir.is_some()
                || !args.recipient.is_empty()
                || args.passphrase_file.is_some()
            {
                return Err(Error::invalid(
                    "value",
                    "`auto-backup off` takes no other option",
                ));
            }
            lowers = crate::backups::auto_backup_settings(self.conn)?.is_some();
        }
        let gated = self.gate(lowers)?;
        let setting = match args.state {
            OnOff::Off => None,
            OnOff::On => {
                let passphrase = if args.recipient.is_empty() {
                    let user = unlocked.vault.profile.username.clone();
                    let email = crate::vault::meta(self.conn, "email")?.unwrap_or_default();
                    Some(ctx.input.checked_secret(
                        args.passphrase_file.as_deref(),
                        "a passphrase for automatic backups",
                        "--passphrase-file FILE (or --recipient age1…)",
                        true,
                        &|p: &str| {
                            coffer_core::access::user::check_backup_passphrase(p, &user, &email)
                        },
                    )?)
                } else {
                    None
                };
                Some(AutoBackup {
                    every_secs: args.every.unwrap_or(24 * 3600),
                    keep: args.keep.unwrap_or(7),
                    dir: args
                        .dir
                        .as_deref()
                        .map(access::auto_backup_dir)
                        .transpose()?,
                    recipients: args.recipient.into_iter().map(|r| r.0).collect(),
                    passphrase,
                    last_at: None,
                    last_error: None,
                })
            }
        };
        let view =
            access::store_auto_backup(&unlocked.vault, setting.as_ref(), |c| gated.check(c))?;
        Ok(SetDone {
            key: self.key.into(),
            value: args.state.word().into(),
            auto_backup: Some(view),
        })
    }

    /// `level`, `confirm-new-recipient`, `limit-tx` or `limit-daily`: checked and stored
    /// by the core, gated here when it lowers protection (the gate checked in the write
    /// that stores it).
    fn policy(&self, change: policy::Change) -> Result<SetDone> {
        let planned = policy::plan(self.conn, change, self.key)?;
        let gated = self.gate(planned.lowers)?;
        self.unlocked.vault.write_light(|c| {
            if let Some(refused) = gated.check(c)? {
                return Ok(Err(refused));
            }
            planned.apply(c, self.key)?;
            Ok(Ok(()))
        })??;
        Ok(SetDone {
            key: self.key.into(),
            value: planned.shown,
            auto_backup: None,
        })
    }
}
