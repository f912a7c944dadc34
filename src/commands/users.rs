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
    /// Creation time (RFC 3339); null when the profile cannot be read.
    pub created_at: Option<String>,
    /// Last successful login (RFC 3339).
    pub last_login_at: Option<String>,
    /// Why the profile cannot be read, if it cannot (the user is listed anyway).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub damaged: Option<String>,
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

/// Runs `coffer users`.
pub fn run(ctx: &Ctx) -> Result<Users> {
    let items: Vec<UserRow> = ctx
        .home
        .list_users()?
        .into_iter()
        .map(|(name, profile)| match profile {
            Ok(p) => UserRow {
                name,
                created_at: Some(clock::rfc3339(p.created_at)),
                last_login_at: p.last_login_at.map(clock::rfc3339),
                damaged: None,
            },
            Err(e) => UserRow {
                name,
                created_at: None,
                last_login_at: None,
                damaged: Some(e.to_string()),
            },
        })
        .collect();
    Ok(Users {
        total: items.len(),
        items,
    })
}
