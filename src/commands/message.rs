//! `coffer sign-message` and `coffer verify-message`: proving control of an address.
//! Bitcoin: BIP-322 "simple" (segwit, taproot) and the legacy signed-message format
//! (P2PKH). Ethereum: EIP-191 `personal_sign`, or EIP-712 typed data from a JSON file.
//! Signing needs the PIN, like a send, and is audited.

use crate::chain::btc::message as btc_msg;
use crate::chain::eth::message as eth_msg;
use crate::chain::{Chain, Network, btc};
use crate::cli::message::{MessageArgs, SignArgs, VerifyArgs};
use crate::context::Ctx;
use crate::error::{Error, Result};
use crate::output::Human;
use crate::vault::audit::{self, Event, Severity};
use crate::vault::wallets;
use serde::Serialize;
use sha2::Digest as _;
use std::str::FromStr as _;

/// The message as given.
enum Payload {
    Text(String),
    Typed(String),
}

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

fn is_eth(address: &str) -> bool {
    address.trim().starts_with("0x")
}

/// The digest an Ethereum signature covers, and the format's name.
fn eth_digest(p: &Payload) -> Result<(alloy_primitives::B256, &'static str)> {
    Ok(match p {
        Payload::Text(t) => (eth_msg::personal_hash(t.as_bytes()), "eip191"),
        Payload::Typed(j) => (eth_msg::typed_data_hash(j)?, "eip712"),
    })
}

fn btc_address(a: &str) -> Result<bitcoin::Address> {
    // Why it does not parse, in words (a typo, a character no address holds, …).
    crate::chain::btc::validate_address(a, None)?;
    Ok(bitcoin::Address::from_str(a.trim())
        .map_err(|_| {
            Error::invalid(
                "address",
                format!("'{}' is not a Bitcoin address", a.trim()),
            )
        })?
        .assume_checked())
}

/// A signed message.
#[derive(Debug, Serialize)]
pub struct Signed {
    /// The address.
    pub address: String,
    /// `btc` or `eth`.
    pub chain: Chain,
    /// `bip322-simple`, `legacy`, `eip191` or `eip712`.
    pub format: &'static str,
    /// The signature: base64 (Bitcoin) or 0x… hex, 65 bytes (Ethereum).
    pub signature: String,
    /// Ethereum: the 32-byte digest signed (0x…).
    pub digest: Option<String>,
}

/// A verified signature.
#[derive(Debug, Serialize)]
pub struct Verified {
    /// Always true (a signature that does not verify is an error).
    pub valid: bool,
    /// The address.
    pub address: String,
    /// `btc` or `eth`.
    pub chain: Chain,
    /// The format checked.
    pub format: &'static str,
}

/// Runs `coffer verify-message` (no vault needed).
pub fn verify(args: VerifyArgs) -> Result<Verified> {
    let p = payload(&args.what)?;
    let address = args.what.address.trim().to_string();
    if is_eth(&address) {
        let want = crate::sync::parse_address(&address, "address")?;
        let (digest, format) = eth_digest(&p)?;
        let got = eth_msg::recover(digest, &args.signature)?;
        if got != want {
            return Err(Error::invalid(
                "signature",
                format!(
                    "the signature is not valid for {address} and this message (it was made by {})",
                    got.to_checksum(None)
                ),
            ));
        }
        return Ok(Verified {
            valid: true,
            address: want.to_checksum(None),
            chain: Chain::Eth,
            format,
        });
    }
    let Payload::Text(text) = p else {
        return Err(Error::invalid(
            "typed_data",
            "typed data (EIP-712) is for Ethereum addresses",
        ));
    };
    let a = btc_address(&address)?;
    btc_msg::verify(&a, &text, &args.signature)?;
    Ok(Verified {
        valid: true,
        address,
        chain: Chain::Btc,
        format: btc_msg::format_of(&a),
    })
}

/// An address of this vault: as stored, its wallet, its derivation path.
struct Found {
    address: String,
    wallet: String,
    path: String,
}

/// Finds `address` among the vault's addresses, or (Ethereum) as the first address of
/// an Ethereum account, which `receive` shows without storing: (address, wallet, path,
/// is Ethereum).
fn find(conn: &coffer_core::Db, address: &str) -> Result<(String, String, String, bool)> {
    if let Ok(row) = wallets::find_address(conn, address) {
        return Ok((row.address, row.wallet, row.path, row.chain == Chain::Eth));
    }
    if is_eth(address) {
        for w in wallets::list(conn)? {
            for a in w.accounts.iter().filter(|a| a.chain == Chain::Eth) {
                let first = a.addresses(0, 0, 1)?.remove(0);
                if first.eq_ignore_ascii_case(address.trim()) {
                    return Ok((first, w.name.clone(), a.address_path(0, 0), true));
                }
            }
        }
    }
    Err(Error::invalid(
        "address",
        format!(
            "{} is not an address of this vault (see `coffer addr list`)",
            address.trim()
        ),
    ))
}

/// Runs `coffer sign-message`: the address must be one of this vault's (hot) wallets.
pub fn sign(ctx: &Ctx, args: SignArgs) -> Result<Signed> {
    let p = payload(&args.what)?;
    let unlocked = ctx.unlock()?;
    let conn = unlocked.vault.read()?;
    let (address, wallet, path, eth) = find(&conn, &args.what.address)?;
    let w = wallets::get(&conn, &wallet)?;
    let row = Found {
        address,
        wallet,
        path,
    };
    // What will be signed, for the review.
    let (shown, format, digest) = match (&p, eth) {
        (Payload::Typed(_), false) => {
            return Err(Error::invalid(
                "typed_data",
                "typed data (EIP-712) is for Ethereum addresses",
            ));
        }
        (Payload::Text(t), false) => (
            t.clone(),
            btc_msg::format_of(&btc_address(&row.address)?),
            None,
        ),
        (_, true) => {
            let (d, f) = eth_digest(&p)?;
            let shown = match &p {
                Payload::Text(t) => t.clone(),
                Payload::Typed(j) => j.clone(),
            };
            (shown, f, Some(d))
        }
    };
    let mut review = Human::default();
    review.kv(
        "Sign as",
        format!("{} ({}, {})", row.address, row.wallet, row.path),
    );
    review.kv("Format", format);
    review.kv("Message", crate::output::sanitize(&shown));
    ctx.input
        .confirm(&review.finish(), "Sign this message?", args.sign.yes)?;
    // The PIN is asked on the snapshot (a locked one refused first), then checked,
    // counted, used and audited in one write with the signing (two decryptions).
    let pin = crate::prompt::ask_pin(ctx, &conn, args.sign.pin_file.as_deref())?;
    drop(conn);
    let message_sha256 = hex::encode(sha2::Sha256::digest(shown.as_bytes()));
    let action = serde_json::json!({ "wallet": w.name, "action": "sign_message" });
    let signature = unlocked.vault.write_light(|c| {
        if let Some(wrong) = coffer_core::access::gate::pin_in(c, &pin, action)? {
            // The failure is counted (committed), then the command fails.
            return Ok(Err(wrong));
        }
        let signature = if let Some(d) = digest {
            let key = coffer_core::pay::eth::signing_key(c, &w, &row.path)?;
            format!("0x{}", hex::encode(eth_msg::sign_hash(d, &key)))
        } else {
            let account = w.account_for(Some(Chain::Btc))?;
            let network: Network = crate::vault::engine::account_network(account)?;
            let master = coffer_core::pay::btc::master_key(c, &w, network)?;
            let secp = bitcoin::secp256k1::Secp256k1::new();
            let child = master
                .derive_priv(&secp, &btc::path(&row.path)?)
                .map_err(|e| anyhow::anyhow!("deriving the signing key: {e}"))?;
            let key = bitcoin::PrivateKey::new(child.private_key, network.to_bitcoin());
            let Payload::Text(text) = &p else {
                return Err(Error::invalid(
                    "typed_data",
                    "typed data (EIP-712) is for Ethereum addresses",
                ));
            };
            btc_msg::sign(&btc_address(&row.address)?, text, &key)?
        };
        audit::record(
            c,
            &Event::new(
                "message_signed",
                Severity::Info,
                true,
                serde_json::json!({
                    "wallet": w.name, "address": row.address, "format": format,
                    "message_sha256": message_sha256,
                }),
            ),
        )?;
        Ok(Ok(signature))
    })??;
    Ok(Signed {
        address: row.address,
        chain: if eth { Chain::Eth } else { Chain::Btc },
        format,
        signature,
        digest: digest.map(|d| format!("{d:#x}")),
    })
}
