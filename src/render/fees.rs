//! Human rendering for `wallet fees`: one line per level.

use crate::output::{Human, Report};
use coffer_core::fees::Fees;

impl Report for Fees {
    fn human(&self, out: &mut Human) {
        out.kv("Network", self.network.name());
        for l in &self.levels {
            out.kv(
                &l.level,
                format!(
                    "{} sat/vB ({}); with a node: its estimate for {} blocks ({})",
                    l.sat_per_vb, l.source, l.target_blocks, l.target_source
                ),
            );
        }
    }
}
