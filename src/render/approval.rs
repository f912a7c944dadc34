//! Human rendering of what `approval` returns.

use crate::commands::approval::Cancelled;
use crate::output::{Human, Report};

impl Report for Cancelled {
    fn human(&self, out: &mut Human) {
        out.line(format!(
            "Approval {} cancelled: nothing was signed.",
            self.approval.id
        ));
    }
}
