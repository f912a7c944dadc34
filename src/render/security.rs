//! Human rendering for `security`: PIN, settings, recovery, the audit log, the
//! overview (`security show`), two-factor authentication and the keyslots.

use crate::clock;
use crate::output::{Human, Report};
use coffer_core::access::{PinChanged, Recovered, SetDone, Shown, SlotChanged, TwoFa};
use coffer_core::auditlog::{Log, LogExported, LogReanchored, LogVerified};

impl Report for PinChanged {
    fn human(&self, out: &mut Human) {
        out.line("PIN changed; the old one no longer approves anything.");
    }
}

impl Report for SetDone {
    fn human(&self, out: &mut Human) {
        match &self.auto_backup {
            Some(a) if a.enabled => {
                out.line(format!(
                    "Automatic backups on: every {}, keeping {}, in {}, protected by {}.",
                    clock::human_duration(a.every_secs.unwrap_or_default()),
                    a.keep.unwrap_or_default(),
                    a.dir.as_deref().unwrap_or_default(),
                    a.protection.as_deref().unwrap_or_default()
                ));
                out.line("One is made at the next change to the vault, then whenever the last is older than that.");
            }
            Some(_) => out.line("Automatic backups off (the ones made stay where they are)."),
            None => out.kv(&self.key, &self.value),
        }
    }
}

impl Report for Recovered {
    fn human(&self, out: &mut Human) {
        out.line(format!(
            "New password set for {}; log in with it (`coffer login`).",
            self.user
        ));
        out.line("");
        out.line("New recovery code (shown once; the old one no longer works):");
        out.line(format!("    {}", self.recovery_code));
        if self.two_factor_disabled {
            out.line("");
            out.line("Two-factor authentication was turned off: turn it on again with `coffer security 2fa enable`.");
        }
    }
}

impl Report for LogVerified {
    fn human(&self, out: &mut Human) {
        out.line(format!(
            "The audit log is intact: {} rows, each chained to the one before{}.",
            self.rows,
            match self.recorded_rows {
                Some(n) => format!("; profile.json's head ({n} rows) is in it"),
                None => String::new(),
            }
        ));
        if self.unauthenticated_rows > 0 {
            out.line(format!(
                "{} of them came from the inbox: written while the vault was locked, by anyone who could write to inbox/ (unauthenticated claims; `security log` marks them).",
                self.unauthenticated_rows
            ));
        }
    }
}

impl Report for LogExported {
    fn human(&self, out: &mut Human) {
        match (&self.file, &self.content) {
            (Some(f), _) => out.line(format!("{} rows written to {f}", self.rows)),
            (None, Some(c)) => out.raw(c),
            _ => {}
        }
    }
}

impl Report for LogReanchored {
    fn human(&self, out: &mut Human) {
        match &self.previous {
            Some(m) if self.reanchored => out.line(format!(
                "Re-anchored: the audit log ({} rows) is accepted in place of the {} rows profile.json recorded; `coffer security log verify` checks against it from now on.",
                self.rows, m.recorded_rows
            )),
            _ => out.line(format!(
                "Nothing to re-anchor: the audit log ({} rows) holds the head profile.json records.",
                self.rows
            )),
        }
    }
}

impl Report for Log {
    fn human(&self, out: &mut Human) {
        if self.items.is_empty() {
            out.line("No events.");
            return;
        }
        let rows = self
            .items
            .iter()
            .map(|e| {
                let mut details = match &e.details {
                    serde_json::Value::Object(m) if m.is_empty() => String::new(),
                    d => d.to_string(),
                };
                if let Some(c) = e.claimed_time.as_ref().filter(|c| **c != e.time) {
                    details = format!("(claims {c}) {details}");
                }
                let ok = if e.success { "yes" } else { "no" };
                let source = if e.authenticated { "vault" } else { "inbox?" };
                vec![
                    e.time.clone(),
                    e.event.clone(),
                    format!("{:?}", e.severity).to_lowercase(),
                    ok.into(),
                    source.into(),
                    details.trim_end().to_string(),
                ]
            })
            .collect();
        out.table(
            &["time", "event", "severity", "ok", "source", "details"],
            rows,
        );
        if self.items.iter().any(|e| !e.authenticated) {
            out.line(
                "inbox?: written while the vault was locked, by anyone who could write to inbox/: a claim, not a fact (its time is bounded by the events around it).",
            );
        }
        if self.total > self.items.len() {
            out.line(format!(
                "({} of {} events; use --limit to see more)",
                self.items.len(),
                self.total
            ));
        }
    }
}

impl Report for Shown {
    fn human(&self, out: &mut Human) {
        out.kv("User", &self.user);
        out.kv(
            "KDF profile",
            if self.kdf_insecure {
                format!("{} (INSECURE: for test suites only)", self.kdf_profile)
            } else {
                self.kdf_profile.clone()
            },
        );
        for s in &self.keyslots {
            out.kv(
                &format!("{} slot", s.kind),
                format!(
                    "Argon2id m={} KiB t={} p={} (since {})",
                    s.kdf.memory_kib, s.kdf.iterations, s.kdf.parallelism, s.created_at
                ),
            );
        }
        out.kv(
            "PIN",
            format!(
                "Argon2id m={} KiB t={}; {} wrong in a row{}",
                self.pin_kdf.memory_kib,
                self.pin_kdf.iterations,
                self.pin_failures,
                self.pin_locked_until
                    .as_ref()
                    .map(|t| format!(", locked until {t}"))
                    .unwrap_or_default()
            ),
        );
        out.kv("Failed logins", self.failed_logins.to_string());
        out.kv(
            "Two-factor",
            if self.two_factor {
                format!("on ({} backup codes left)", self.backup_codes_left)
            } else {
                "off".into()
            },
        );
        out.kv("Password changed", &self.password_changed_at);
        out.kv(
            "Session",
            format!(
                "idle timeout {}, at most {}",
                clock::human_duration(self.session_timeout_secs),
                clock::human_duration(self.session_max_secs)
            ),
        );
        out.kv("Currency", &self.currency);
        out.kv("Level", &self.level);
        out.kv(
            "New recipients",
            if self.confirm_new_recipient {
                "held for approval"
            } else {
                "not held"
            },
        );
        for l in &self.limits {
            out.kv(
                &format!("Limits {}", l.asset),
                format!(
                    "per send {}, per 24 h {} ({} sent in the last 24 h)",
                    l.per_tx.as_deref().unwrap_or("none"),
                    l.daily.as_deref().unwrap_or("none"),
                    l.sent_last_day
                ),
            );
        }
        if self.awaiting_approval > 0 {
            out.kv(
                "Awaiting approval",
                format!(
                    "{} send(s): `coffer history --status awaiting_approval`",
                    self.awaiting_approval
                ),
            );
        }
        out.kv(
            "Automatic backups",
            if self.auto_backup.enabled {
                format!(
                    "every {}, keep {}, {}",
                    clock::human_duration(self.auto_backup.every_secs.unwrap_or_default()),
                    self.auto_backup.keep.unwrap_or_default(),
                    self.auto_backup.dir.as_deref().unwrap_or_default()
                )
            } else {
                "off".into()
            },
        );
        out.kv(
            "Last backup",
            self.last_backup_at.as_deref().unwrap_or("never"),
        );
        out.kv(
            "Last verified backup",
            self.last_verified_backup_at.as_deref().unwrap_or("never"),
        );
        if !self.recommendations.is_empty() {
            out.line("");
            out.line("Recommendations:");
            for r in &self.recommendations {
                out.line(format!("  - {r}"));
            }
        }
    }
}

impl Report for TwoFa {
    fn human(&self, out: &mut Human) {
        match self.status.as_str() {
            "pending" => {
                out.line(
                    "Add this to your authenticator app (scan the QR code or type the secret):",
                );
                if let Some(uri) = &self.uri {
                    if let Ok(qr) = crate::qr::qr_text(uri) {
                        out.raw(&qr);
                    }
                    out.kv("URI", uri);
                }
                if let Some(s) = &self.secret {
                    out.kv("Secret", s);
                }
                out.line("Then confirm with a code from the app: `coffer security 2fa enable --code CODE`.");
            }
            "enabled" => {
                out.line("Two-factor authentication is on: `login` now asks for a code as well.");
                out.line("");
                out.line("Backup codes (each works once; keep them offline, shown only now):");
                for c in self.backup_codes.iter().flatten() {
                    out.line(format!("    {c}"));
                }
            }
            _ => out.line("Two-factor authentication is off."),
        }
    }
}

impl Report for SlotChanged {
    fn human(&self, out: &mut Human) {
        match self.change.as_str() {
            "password" => {
                out.line(
                    "Password changed. Every session was ended: log in again with the new one.",
                );
            }
            "rekey" => {
                out.line(format!(
                    "The vault has a new key; the password keyslot uses Argon2id m={} KiB, \
                     t={}, p={}. Every session was ended (old session files open nothing): \
                     log in again.",
                    self.kdf.memory_kib, self.kdf.iterations, self.kdf.parallelism
                ));
                out.line("New recovery code (shown once; the old one no longer works):");
                out.line(format!(
                    "    {}",
                    self.recovery_code.as_deref().unwrap_or_default()
                ));
            }
            _ => {
                out.line("New recovery code (shown once; the old one no longer works):");
                out.line(format!(
                    "    {}",
                    self.recovery_code.as_deref().unwrap_or_default()
                ));
            }
        }
    }
}
