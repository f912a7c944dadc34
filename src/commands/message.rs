//! `coffer sign-message` and `coffer verify-message`: proving control of an address
//! (`coffer_core::message`). Here: the message read, the review and its confirmation,
//! the PIN.

use crate::cli::message::{MessageArgs, SignArgs, VerifyArgs};
use crate::context::Ctx;
use crate::error::{Error, Result};
use crate::output::Human;
use coffer_core::message::{self, Payload, Signed, Verified};

fn read(path: &std::path::Path, field: &'static str) -> Result<String> {
    if path.as_os_str() == "-" {
        let mut s = String::new();
        std::io::Read::read_to_string(&mut std::io::stdin(), &mut s)
            .map_err(|e| Error::invalid(field, format!("cannot read standard input: {e}")))?;
        return Ok(s);
    }
    std::fs::read_to_string(path)
        .map_err(|e| Error::invalid(field, format!("cannot read {}: {e}", path.display())))
}

fn payload(a: &MessageArgs) -> Result<Payload> {
    if let Some(p) = &a.typed_data {
        return Ok(Payload::Typed(read(p, "typed_data")?));
    }
    if let Some(p) = &a.message_file {
        return Ok(Payload::Text(read(p, "message_file")?));
    }
    a.message.clone().map(Payload::Text).ok_or_else(|| {
        Error::Usage(
            "give the MESSAGE, --message-file FILE, or (Ethereum) --typed-data FILE".into(),
        )
    })
}

/// Runs `coffer verify-message` (no vault needed).
pub fn verify(args: VerifyArgs) -> Result<Verified> {
    let p = payload(&args.what)?;
    message::verify(&args.what.address, &p, &args.signature)
}

/// Runs `coffer sign-message`: the address must be one of this vault's (hot) wallets.
pub fn sign(ctx: &Ctx, args: SignArgs) -> Result<Signed> {
    let p = payload(&args.what)?;
    let unlocked = ctx.unlock()?;
    let conn = unlocked.vault.read()?;
    let m = message::to_sign(&conn, &args.what.address, &p)?;
    let mut review = Human::default();
    review.kv(
        "Sign as",
        format!("{} ({}, {})", m.address, m.wallet.name, m.path),
    );
    review.kv("Format", m.format);
    review.kv("Message", crate::output::sanitize(&m.shown));
    ctx.input
        .confirm(&review.finish(), "Sign this message?", args.sign.yes)?;
    // The PIN is asked on the snapshot (a locked one refused first), then checked,
    // counted, used and audited in one write with the signing (two decryptions).
    let pin = crate::prompt::ask_pin(ctx, &conn, args.sign.pin_file.as_deref())?;
    drop(conn);
    unlocked
        .vault
        .write_light(|c| message::sign_in(c, &m, &p, &pin))?
}
