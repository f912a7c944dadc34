//! Human rendering of what `register` returns.

use crate::commands::register::Registered;
use crate::output::{Human, Report};

impl Report for Registered {
    fn human(&self, out: &mut Human) {
        out.line(format!("Registered {} and logged in.", self.username));
        out.kv("User", &self.username);
        out.kv("Email", &self.email);
        out.kv("Home", &self.home);
        out.kv("Session expires", &self.session.expires_at);
        if self.kdf_insecure {
            out.kv("KDF profile", "test (INSECURE: for test suites only)");
        }
        out.line("");
        out.line("Recovery code (shown once; write it down and keep it offline):");
        out.line(format!("    {}", self.recovery_code));
    }
}
