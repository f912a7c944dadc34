//! Human rendering of what `message` returns.

use crate::output::{Human, Report};
use coffer_core::message::{Signed, Verified};

impl Report for Signed {
    fn human(&self, out: &mut Human) {
        out.kv("Address", &self.address);
        out.kv("Format", self.format);
        out.kv("Signature", &self.signature);
    }
}

impl Report for Verified {
    fn human(&self, out: &mut Human) {
        out.line(format!(
            "Valid: the {} signature was made by the key of {}.",
            self.format, self.address
        ));
    }
}
