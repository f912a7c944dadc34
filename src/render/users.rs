//! Human rendering of what `users` returns.

use crate::commands::users::Users;
use crate::output::{Human, Report};

impl Report for Users {
    fn human(&self, out: &mut Human) {
        if self.items.is_empty() {
            out.line("No users in this home; create one with `coffer register`.");
            return;
        }
        let rows = self
            .items
            .iter()
            .map(|u| {
                let dash = || "-".to_string();
                let last = match &u.damaged {
                    Some(why) => format!("DAMAGED: {why}"),
                    None => u.last_login_at.clone().unwrap_or_else(dash),
                };
                vec![
                    u.name.clone(),
                    u.created_at.clone().unwrap_or_else(dash),
                    last,
                ]
            })
            .collect();
        out.table(&["user", "created", "last login"], rows);
    }
}
