//! Ethereum keys and addresses: BIP-44 `m/44'/60'/0'/0/i` accounts from a BIP-39 seed,
//! and EIP-55 checksummed addresses; `rpc` (JSON-RPC backend) and `tx` (EIP-1559
//! transactions, ERC-20 calls).

pub mod explorer;
pub mod index;
pub mod message;
pub mod rpc;
pub mod scan;
pub mod tx;

use crate::error::{Error, Result};
use alloy_primitives::Address;
use bitcoin::bip32::Xpriv;
use bitcoin::secp256k1::{All, Secp256k1};
use serde::Serialize;

/// The address of account index `i` (`m/44'/60'/0'/0/i`) of a master key.
pub fn derive_address(secp: &Secp256k1<All>, master: &Xpriv, index: u32) -> Result<Address> {
    let path = super::btc::path(&format!("m/44'/60'/0'/0/{index}"))?;
    let child = master
        .derive_priv(secp, &path)
        .map_err(|e| anyhow::anyhow!("derivation: {e}"))?;
    let pk = child.private_key.public_key(secp).serialize_uncompressed();
    Ok(Address::from_raw_public_key(&pk[1..]))
}

/// The account path of an EVM account: `m/44'/60'/account'`.
pub fn account_path(account: u32) -> Result<bitcoin::bip32::DerivationPath> {
    super::btc::path(&format!("m/44'/60'/{account}'"))
}

/// The address `/0/index` below an account extended public key (`m/44'/60'/a'`): watch-only
/// copies derive the same addresses without the seed.
pub fn address_from_xpub(
    secp: &Secp256k1<All>,
    account: &bitcoin::bip32::Xpub,
    index: u32,
) -> Result<Address> {
    let child = account
        .derive_pub(secp, &super::btc::path(&format!("m/0/{index}"))?)
        .map_err(|e| anyhow::anyhow!("derivation: {e}"))?;
    let pk = child.public_key.serialize_uncompressed();
    Ok(Address::from_raw_public_key(&pk[1..]))
}

/// The address of an extended public key.
pub fn address_of_key(key: &bitcoin::bip32::Xpub) -> Address {
    Address::from_raw_public_key(&key.public_key.serialize_uncompressed()[1..])
}

/// An amount of base units as a decimal with `decimals` places, exact for any 256-bit
/// value (trailing zeros of the fraction dropped): `format_units(1500, 3)` is `1.5`.
pub fn format_units(v: alloy_primitives::U256, decimals: u32) -> String {
    crate::chain::amount::format_scaled(v, decimals)
}

/// What `addr validate` says about an Ethereum address.
#[derive(Debug, Serialize)]
pub struct AddressInfo {
    /// The address as given.
    pub address: String,
    /// The EIP-55 checksummed form.
    pub checksummed: String,
    /// Whether the input carried a checksum (mixed case) that was verified.
    pub checksum_verified: bool,
    /// A warning for inputs without a checksum.
    pub warning: Option<String>,
}

/// Validates an Ethereum address: a mixed-case one must pass EIP-55; an all-lower or
/// all-upper case one is valid but unchecked (with a warning).
pub fn validate_address(s: &str) -> Result<AddressInfo> {
    let s = s.trim();
    let Some(hex) = s.strip_prefix("0x") else {
        let lower = s.to_ascii_lowercase();
        if crate::chain::btc::validate_address(s, None).is_ok()
            || ["bc1", "tb1", "bcrt1"].iter().any(|p| lower.starts_with(p))
        {
            return Err(Error::invalid(
                "address",
                "that is a Bitcoin address; pass --chain btc (or leave --chain out)",
            ));
        }
        return Err(Error::invalid(
            "address",
            "an Ethereum address starts with 0x",
        ));
    };
    if hex.len() != 40 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(Error::invalid(
            "address",
            format!(
                "an Ethereum address has 40 hex digits after 0x, this has {}",
                hex.len()
            ),
        ));
    }
    let addr: Address = s
        .parse()
        .map_err(|_| Error::invalid("address", "not an Ethereum address"))?;
    let checksummed = addr.to_checksum(None);
    let mixed =
        hex.bytes().any(|b| b.is_ascii_lowercase()) && hex.bytes().any(|b| b.is_ascii_uppercase());
    if mixed && checksummed != s {
        return Err(Error::invalid(
            "address",
            // Never print the "corrected" form: it would invite pasting a mistyped address.
            "bad EIP-55 checksum: the mixed case does not match, so a character was probably \
             mistyped; copy the address again from its source",
        ));
    }
    Ok(AddressInfo {
        address: s.to_string(),
        checksummed,
        checksum_verified: mixed,
        warning: (!mixed).then(|| {
            "no EIP-55 checksum (single case): typing errors cannot be detected".to_string()
        }),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn units_are_exact_beyond_u128() {
        use alloy_primitives::U256;
        assert_eq!(format_units(U256::from(1500u64), 3), "1.5");
        assert_eq!(format_units(U256::from(5u64), 3), "0.005");
        assert_eq!(format_units(U256::ZERO, 18), "0");
        assert_eq!(format_units(U256::from(7u64), 0), "7");
        let big = (U256::from(1u64) << 200) + U256::from(7u64);
        assert_eq!(
            format_units(big, 18),
            "1606938044258990275541962092341162602522202.993782792835301383"
        );
        assert_eq!(format_units(U256::MAX, 0), U256::MAX.to_string());
    }

    #[test]
    fn eip55_rules() {
        let good = "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed";
        assert!(validate_address(good).unwrap().checksum_verified);
        assert!(
            validate_address(&good.to_lowercase())
                .unwrap()
                .warning
                .is_some()
        );
        let e = validate_address("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD")
            .unwrap_err()
            .to_string();
        assert!(e.contains("bad EIP-55 checksum"), "{e}");
        assert!(!e.to_lowercase().contains(&good[2..].to_lowercase()), "{e}");
        assert!(validate_address("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeA").is_err());
        for btc in [
            "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4",
            "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa",
            "tb1q6rz28mcfaxtmd6v789l9rrlrusdprr9pqcpvkl",
        ] {
            let e = validate_address(btc).unwrap_err().to_string();
            assert!(e.contains("that is a Bitcoin address"), "{btc}: {e}");
        }
    }
}
