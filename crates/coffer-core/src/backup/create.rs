//! `backup create` as a service: one snapshot of the vault (a full backup holds the
//! wallet engine's state too; a partial one only the parts asked for, never key
//! material), encrypted with no lock held to a passphrase or to age recipients, written
//! privately, then recorded in one write. A file left inside the coffer home is
//! flagged (and a notice queued): it is lost with the vault's disk.

use super::{Header, Protect, backups_dir, encrypt_backup, record_backup, reduce_to, snapshot};
use crate::error::{Error, Result};
use crate::vault::{Vault, fsio};
use serde::Serialize;
use std::path::Path;

/// What `backup create` wrote.
#[derive(Debug, Serialize)]
pub struct Created {
    /// The file.
    pub file: String,
    /// Its size in bytes.
    pub size: u64,
    /// `passphrase (scrypt, work factor N)` or `N age recipient(s)`.
    pub protection: String,
    /// The header.
    pub header: Header,
    /// True when the file is inside the coffer home (the default place): it is lost
    /// with the vault's disk, so it must be copied elsewhere (a warning on stderr says so).
    pub inside_home: bool,
}

/// A backup to make.
#[derive(Debug, Default)]
pub struct Request<'a> {
    /// Where to write it (relative to the current directory; default: the user's
    /// `backups/` directory with a UTC timestamp).
    pub out: Option<&'a Path>,
    /// A note kept in the header.
    pub note: Option<String>,
    /// The parts of a partial backup (`addresses`, `transactions`, `labels`,
    /// `settings`); empty for a full one.
    pub parts: Vec<String>,
}

/// The age recipients `given` (`age1…`), each checked.
pub fn parse_recipients(given: &[String]) -> Result<Vec<age::x25519::Recipient>> {
    given
        .iter()
        .map(|r| {
            r.trim().parse().map_err(|_| {
                Error::invalid(
                    "recipient",
                    format!("'{r}' is not an age recipient (age1…)"),
                )
            })
        })
        .collect()
}

/// Makes a backup of `vault`: one snapshot, then `protect` is asked how to encrypt it
/// (given the vault's email, for a passphrase's strength check), the encryption holds no
/// lock, the file is written, then one write records it. `home` is the coffer home: a
/// file inside it is flagged and a warning queued with [`crate::vault::notice`].
pub fn create(
    vault: &Vault,
    home: &Path,
    req: Request<'_>,
    protect: impl FnOnce(&str) -> Result<Protect>,
) -> Result<Created> {
    let partial = !req.parts.is_empty();
    // One snapshot (a full backup holds the wallet engine's state too; a partial one
    // never does), then one write transaction to record the backup: the encryption in
    // between holds no lock.
    let mut snapshot_conn = if partial {
        vault.read_copy()?
    } else {
        vault.read_full()?
    };
    let email = crate::vault::meta(&snapshot_conn, "email")?.unwrap_or_default();
    let protect = protect(&email)?;
    if partial {
        reduce_to(&snapshot_conn, &req.parts)?;
    }
    let (header, plain) = snapshot(
        &mut snapshot_conn,
        &vault.profile.username,
        &req.parts,
        req.note,
    )?;
    drop(snapshot_conn);
    let (ct, protection) = encrypt_backup(&plain, &protect)?;
    drop(plain);
    let path = match req.out {
        // Relative to the current directory, and recorded absolute: `backup list` finds
        // it from anywhere.
        Some(p) => std::path::absolute(p)
            .map_err(|e| Error::invalid("out", format!("cannot resolve {}: {e}", p.display())))?,
        None => {
            let dir = backups_dir(&vault.paths)?;
            let stamp = jiff::Timestamp::now()
                .strftime("%Y%m%dT%H%M%SZ")
                .to_string();
            dir.join(format!("coffer-{}-{stamp}.age", header.user))
        }
    };
    fsio::write_private(&path, &ct)
        .map_err(|e| Error::invalid("out", format!("cannot write {}: {e:#}", path.display())))?;
    let size = ct.len() as u64;
    vault.write_light(|c| record_backup(c, &path, size, &header, &protection, false))?;
    let inside_home = inside(&path, home);
    if inside_home {
        crate::vault::notice(format!(
            "warning: {} is inside the coffer home ({}): a lost or broken disk takes it \
             with the vault. Copy it elsewhere (another disk or machine) to make it a backup.",
            path.display(),
            home.display()
        ));
    }
    Ok(Created {
        file: path.display().to_string(),
        size,
        protection,
        header,
        inside_home,
    })
}

/// Whether `file` (which exists) lies under the directory `home`, links resolved.
fn inside(file: &Path, home: &Path) -> bool {
    let real = |p: &Path| std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf());
    let dir = file.parent().map(real).unwrap_or_default();
    dir.starts_with(real(home))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recipients_are_checked() {
        let id = age::x25519::Identity::generate();
        let good = format!(" {} ", id.to_public());
        assert_eq!(parse_recipients(&[good]).unwrap().len(), 1);
        let e = parse_recipients(&["age1nope".into()]).unwrap_err();
        assert!(
            e.to_string().contains("'age1nope' is not an age recipient"),
            "{e}"
        );
        assert!(parse_recipients(&[]).unwrap().is_empty());
    }

    #[test]
    fn inside_resolves_the_home() {
        let home = std::env::temp_dir().join(format!("coffer-inside-{}", std::process::id()));
        let sub = home.join("users/a/backups");
        std::fs::create_dir_all(&sub).unwrap();
        let file = sub.join("b.age");
        std::fs::write(&file, b"x").unwrap();
        assert!(inside(&file, &home));
        assert!(inside(&file, &home.join("users/../users/..")));
        assert!(!inside(&file, &home.join("users/b")));
        std::fs::remove_dir_all(&home).unwrap();
    }
}
