//! `coffer users`: the local users of this home, read from their profiles without
//! unlocking anything.

use crate::clock;
use crate::context::Ctx;
use crate::error::Result;
use crate::output::{Human, Report};
use serde::Serialize;

/// One local user.
#[derive(Debug, Serialize)]
pub struct UserRow {
    /// User name.
    pub name: String,
    /// Creation time (RFC 3339).
    pub created_at: String,
    /// Last successful login (RFC 3339).
    pub last_login_at: Option<String>,
}

/// The result of `users`.
#[derive(Debug, Serialize)]
pub struct Users {
    /// The users, by name.
    pub items: Vec<UserRow>,
    /// How many.
    pub total: usize,
}

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
                vec![
                    u.name.clone(),
                    u.created_at.clone(),
                    u.last_login_at.clone().unwrap_or_else(|| "-".into()),
                ]
            })
            .collect();
        out.table(&["user", "created", "last login"], rows);
    }
}

/// Runs `coffer users`.
pub fn run(ctx: &Ctx) -> Result<Users> {
    let items: Vec<UserRow> = ctx
        .home
        .list_users()?
        .into_iter()
        .map(|p| UserRow {
            name: p.username,
            created_at: clock::rfc3339(p.created_at),
            last_login_at: p.last_login_at.map(clock::rfc3339),
        })
        .collect();
    Ok(Users {
        total: items.len(),
        items,
    })
}
