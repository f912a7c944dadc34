//! Human rendering of what `completions` returns.

use crate::commands::completions::Completions;
use crate::output::{Human, Report};

impl Report for Completions {
    fn human(&self, out: &mut Human) {
        out.raw(&self.script);
    }
}
