//! Human rendering of what `multisig` returns.

use crate::output::{Human, Report};
use coffer_core::multisig::{CosignerKey, Created};

impl Report for Created {
    fn human(&self, out: &mut Human) {
        out.kv(
            "Created",
            format!(
                "{} ({}-of-{} {}, {})",
                self.name, self.threshold, self.keys, self.script_type, self.network
            ),
        );
        out.kv("Receive descriptor", &self.external_descriptor);
        out.kv("Change descriptor", &self.internal_descriptor);
        if let Some(k) = &self.local_key {
            out.kv("This vault's key", k);
        }
        out.kv("First address", &self.first_address);
        out.line(
            "Give both descriptors to every cosigner (Sparrow, Bitcoin Core importdescriptors, coffer wallet import --descriptor) and check that the first address matches.",
        );
    }
}

impl Report for CosignerKey {
    fn human(&self, out: &mut Human) {
        out.line(&self.key);
    }
}
