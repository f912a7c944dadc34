//! Human rendering for `labels`: what an export wrote, what an import did.

use crate::output::{Human, Report};
use coffer_core::labels::{LabelsExported, LabelsImported};

impl Report for LabelsExported {
    fn human(&self, out: &mut Human) {
        match (&self.file, &self.content) {
            (Some(f), _) => out.line(format!("{} labels written to {f}", self.records)),
            (None, Some(c)) => out.raw(c),
            (None, None) => {}
        }
    }
}

impl Report for LabelsImported {
    fn human(&self, out: &mut Human) {
        out.kv(
            "Applied",
            format!(
                "{} (labels added {}, updated {}; coins frozen {}, unfrozen {})",
                self.applied, self.added, self.updated, self.frozen, self.unfrozen
            ),
        );
        out.kv("Unchanged", self.unchanged.to_string());
        out.kv(
            "Skipped, unknown type",
            self.skipped_unknown_type.to_string(),
        );
        out.kv(
            "Skipped, other wallet's origin",
            self.skipped_other_origin.to_string(),
        );
        out.kv("Ignored", self.ignored.len().to_string());
        for i in &self.ignored {
            out.line(format!("  line {}: {}", i.line, i.reason));
        }
    }
}
