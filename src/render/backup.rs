//! The human rendering of `backup` and `restore vault|partial`.

use crate::backups::Listing;
use crate::backups::create::Created;
use crate::backups::restore::Merged;
use crate::backups::verify::Verified;
use crate::commands::backup::Restored;
use crate::output::{Human, Report};

impl Report for Created {
    fn human(&self, out: &mut Human) {
        out.kv("Backup", &self.file);
        out.kv("Size", format!("{} bytes", self.size));
        out.kv("Protected by", &self.protection);
        out.kv(
            "Holds",
            format!(
                "{} wallets, {} addresses, {} transactions, {} labels",
                self.header.counts.wallets,
                self.header.counts.addresses,
                self.header.counts.transactions,
                self.header.counts.labels
            ),
        );
        if self.protection.starts_with("passphrase") {
            out.line("It needs this passphrase to restore, not your login password: keep both.");
        }
    }
}

impl Report for Verified {
    fn human(&self, out: &mut Human) {
        out.kv("Backup", &self.file);
        out.kv("User", &self.header.user);
        out.kv("Created", &self.header.created_at);
        for c in &self.checks {
            out.kv(
                &c.check,
                format!("{} {}", if c.ok { "pass" } else { "FAIL" }, c.detail),
            );
        }
        out.kv("Result", if self.ok { "usable" } else { "NOT usable" });
        if let Some(r) = &self.recorded {
            out.kv("Recorded", format!("{r} (shown by `coffer backup list`)"));
        }
    }
}

impl Report for Restored {
    fn human(&self, out: &mut Human) {
        if self.dry_run {
            out.line("Dry run: nothing was written.");
        }
        out.kv("User", &self.user);
        out.kv(
            "From",
            format!("{}'s backup of {}", self.from_user, self.backup_created_at),
        );
        out.kv("Wallets", self.wallets.join(", "));
        if self.replaced {
            out.kv(
                "Replaces",
                format!(
                    "the existing user {}: the old vault is kept as vault.age.before-restore \
                     (with profile.json.before-restore) until their next successful login",
                    self.user
                ),
            );
        }
        out.kv(
            "Holds",
            format!(
                "{} addresses, {} transactions, {} labels",
                self.counts.addresses, self.counts.transactions, self.counts.labels
            ),
        );
        if let Some(r) = &self.registered {
            out.line("");
            r.human(out);
        }
    }
}

impl Report for Merged {
    fn human(&self, out: &mut Human) {
        out.kv("Addresses", self.addresses.to_string());
        out.kv("Transactions", self.transactions.to_string());
        out.kv("Settings", self.settings.to_string());
        out.kv("Rates", self.rates.to_string());
    }
}

impl Report for Listing {
    fn human(&self, out: &mut Human) {
        if self.items.is_empty() {
            out.line("No backups yet; make one with `coffer backup create`.");
            return;
        }
        let rows = self
            .items
            .iter()
            .map(|b| {
                vec![
                    b.created_at.clone().unwrap_or_default(),
                    if b.path_relative {
                        format!("{} (recorded relative to an unknown directory)", b.path)
                    } else {
                        b.path.clone()
                    },
                    match (b.exists, b.path_relative) {
                        (true, _) => b.size.to_string(),
                        (false, true) => "not found here".into(),
                        (false, false) => "missing".into(),
                    },
                    b.protection.clone().unwrap_or_default(),
                    match (&b.last_verified, b.verified_ok) {
                        (Some(at), Some(true)) => format!("ok {at}"),
                        (Some(at), _) => format!("FAILED {at}"),
                        _ => "never".into(),
                    },
                ]
            })
            .collect();
        out.table(
            &["created", "file", "size", "protected by", "verified"],
            rows,
        );
    }
}
