//! Human rendering of what `login` returns.

use crate::clock;
use crate::commands::login::{LoggedIn, LoggedOut, WhoAmI};
use crate::output::{Human, Report};

impl Report for LoggedIn {
    fn human(&self, out: &mut Human) {
        match &self.session_token {
            Some(token) => {
                out.line(format!("export COFFER_SESSION={token}"));
                out.line(format!(
                    "# coffer: {} unlocked until {}",
                    self.user, self.session.expires_at
                ));
            }
            None => {
                out.line(format!("Logged in as {}.", self.user));
                out.kv(
                    "Idle timeout",
                    clock::human_duration(self.session.idle_timeout_secs),
                );
                out.kv("Session expires", &self.session.expires_at);
            }
        }
    }
}

impl Report for LoggedOut {
    fn human(&self, out: &mut Human) {
        if self.was_logged_in {
            out.line(format!("Logged out {}; the vault is locked.", self.user));
        } else {
            out.line(format!(
                "{} was not logged in; the vault is locked.",
                self.user
            ));
        }
    }
}

impl Report for WhoAmI {
    fn human(&self, out: &mut Human) {
        out.kv("User", &self.user);
        out.kv("Email", &self.email);
        out.kv("Home", &self.home);
        out.kv(
            "Session expires",
            format!(
                "{} (in {})",
                self.session.expires_at,
                clock::human_duration(self.session.expires_in_secs)
            ),
        );
        out.kv(
            "Idle timeout",
            format!(
                "{} ({} left)",
                clock::human_duration(self.session.idle_timeout_secs),
                clock::human_duration(self.session.idle_left_secs)
            ),
        );
        let kdf = if self.kdf_insecure {
            "test (INSECURE: for test suites only)"
        } else {
            self.kdf_profile.name()
        };
        out.kv("KDF profile", kdf);
        out.kv("Wallets", self.wallets.to_string());
    }
}
