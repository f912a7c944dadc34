//! Proving control of an address: Bitcoin BIP-322 "simple" (segwit, taproot) and the
//! legacy signed-message format (P2PKH); Ethereum EIP-191 `personal_sign`, or EIP-712
//! typed data. Signing checks the PIN in the write that signs, and is audited.

use crate::chain::btc::message as btc_msg;
use crate::chain::eth::message as eth_msg;
use crate::chain::{Chain, Network, btc};
use crate::error::{Error, Result};
use crate::vault::audit::{self, Event, Severity};
use crate::vault::wallets::{self, WalletRow};
use rusqlite::Connection;
use secrecy::SecretString;
use serde::Serialize;
use sha2::Digest as _;
use std::str::FromStr as _;

/// The message as given.
pub enum Payload {
    /// A text message.
    Text(String),
    /// EIP-712 typed data (JSON).
    Typed(String),
}

pub fn is_eth(address: &str) -> bool {
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

/// Verifies `signature` of the message `p` by `address` (no vault needed): a signature
/// that does not verify is an error.
pub fn verify(address: &str, p: &Payload, signature: &str) -> Result<Verified> {
    let address = address.trim().to_string();
    if is_eth(&address) {
        let want = crate::sync::parse_address(&address, "address")?;
        let (digest, format) = eth_digest(p)?;
        let got = eth_msg::recover(digest, signature)?;
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
    btc_msg::verify(&a, text, signature)?;
    Ok(Verified {
        valid: true,
        address,
        chain: Chain::Btc,
        format: btc_msg::format_of(&a),
    })
}

/// Finds `address` among the vault's addresses, or (Ethereum) as the first address of
/// an Ethereum account, which `receive` shows without storing: (address, wallet, path,
/// is Ethereum).
fn find(conn: &Connection, address: &str) -> Result<(String, String, String, bool)> {
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

/// A message about to be signed: the vault's address, its wallet and path, the text
/// shown for the review, the format and (Ethereum) the digest.
pub struct ToSign {
    /// The address as stored.
    pub address: String,
    /// Its wallet.
    pub wallet: WalletRow,
    /// Its derivation path.
    pub path: String,
    /// Whether it is an Ethereum address.
    pub eth: bool,
    /// The message as shown in the review.
    pub shown: String,
    /// `bip322-simple`, `legacy`, `eip191` or `eip712`.
    pub format: &'static str,
    /// Ethereum: the digest to sign.
    pub digest: Option<alloy_primitives::B256>,
}

/// Finds `address` among this vault's on `conn` (a snapshot) and what signing `p` by it
/// means.
pub fn to_sign(conn: &Connection, address: &str, p: &Payload) -> Result<ToSign> {
    let (address, wallet, path, eth) = find(conn, address)?;
    let w = wallets::get(conn, &wallet)?;
    // What will be signed, for the review.
    let (shown, format, digest) = match (p, eth) {
        (Payload::Typed(_), false) => {
            return Err(Error::invalid(
                "typed_data",
                "typed data (EIP-712) is for Ethereum addresses",
            ));
        }
        (Payload::Text(t), false) => (t.clone(), btc_msg::format_of(&btc_address(&address)?), None),
        (_, true) => {
            let (d, f) = eth_digest(p)?;
            let shown = match p {
                Payload::Text(t) => t.clone(),
                Payload::Typed(j) => j.clone(),
            };
            (shown, f, Some(d))
        }
    };
    Ok(ToSign {
        address,
        wallet: w,
        path,
        eth,
        shown,
        format,
        digest,
    })
}

/// Signs inside the write `c`: the PIN checked (a wrong one counted and audited, its
/// error returned as `Ok(Err(..))` for the caller to commit and then fail), the key
/// derived, the message signed and the signing audited.
pub fn sign_in(
    c: &Connection,
    m: &ToSign,
    p: &Payload,
    pin: &SecretString,
) -> Result<std::result::Result<Signed, Error>> {
    let w = &m.wallet;
    let message_sha256 = hex::encode(sha2::Sha256::digest(m.shown.as_bytes()));
    let action = serde_json::json!({ "wallet": w.name, "action": "sign_message" });
    if let Some(wrong) = crate::access::gate::pin_in(c, pin, action)? {
        // The failure is counted (committed), then the command fails.
        return Ok(Err(wrong));
    }
    let signature = if let Some(d) = m.digest {
        let key = crate::pay::eth::signing_key(c, w, &m.path)?;
        format!("0x{}", hex::encode(eth_msg::sign_hash(d, &key)))
    } else {
        let account = w.account_for(Some(Chain::Btc))?;
        let network: Network = crate::vault::engine::account_network(account)?;
        let master = crate::pay::btc::master_key(c, w, network)?;
        let secp = bitcoin::secp256k1::Secp256k1::new();
        let child = master
            .derive_priv(&secp, &btc::path(&m.path)?)
            .map_err(|e| anyhow::anyhow!("deriving the signing key: {e}"))?;
        let key = bitcoin::PrivateKey::new(child.private_key, network.to_bitcoin());
        let Payload::Text(text) = p else {
            return Err(Error::invalid(
                "typed_data",
                "typed data (EIP-712) is for Ethereum addresses",
            ));
        };
        btc_msg::sign(&btc_address(&m.address)?, text, &key)?
    };
    audit::record(
        c,
        &Event::new(
            "message_signed",
            Severity::Info,
            true,
            serde_json::json!({
                "wallet": w.name, "address": m.address, "format": m.format,
                "message_sha256": message_sha256,
            }),
        ),
    )?;
    Ok(Ok(Signed {
        address: m.address.clone(),
        chain: if m.eth { Chain::Eth } else { Chain::Btc },
        format: m.format,
        signature,
        digest: m.digest.map(|d| format!("{d:#x}")),
    }))
}
