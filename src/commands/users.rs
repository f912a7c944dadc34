//! `coffer users`: the local users of this home, read from their profiles without
//! unlocking anything.

use crate::clock;
use crate::context::Ctx;
use crate::error::Result;
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
