//! Ethereum message signatures: EIP-191 `personal_sign` and EIP-712 typed data (the
//! JSON of `eth_signTypedData_v4`, hashed by alloy-dyn-abi), as 65-byte `r || s || v`
//! signatures (v = 27 or 28) and the address they recover to.

use crate::error::{Error, Result};
use alloy_primitives::{Address, B256};
use bitcoin::secp256k1::ecdsa::{RecoverableSignature, RecoveryId};
use bitcoin::secp256k1::{Message, Secp256k1, SecretKey};

/// The EIP-191 hash of a `personal_sign` message.
pub fn personal_hash(message: &[u8]) -> B256 {
    alloy_primitives::eip191_hash_message(message)
}

/// The EIP-712 signing hash of typed data given as JSON.
pub fn typed_data_hash(json: &str) -> Result<B256> {
    let typed: alloy_dyn_abi::TypedData = serde_json::from_str(json).map_err(|e| {
        Error::invalid(
            "typed_data",
            format!("not EIP-712 typed data (eth_signTypedData_v4 JSON): {e}"),
        )
    })?;
    typed
        .eip712_signing_hash()
        .map_err(|e| Error::invalid("typed_data", format!("cannot hash the typed data: {e}")))
}

/// Signs a 32-byte digest: `r || s || v` with v = 27 + the recovery id.
pub fn sign_hash(hash: B256, key: &SecretKey) -> [u8; 65] {
    let secp = Secp256k1::signing_only();
    let sig: RecoverableSignature = secp.sign_ecdsa_recoverable(&Message::from_digest(hash.0), key);
    let (recid, compact) = sig.serialize_compact();
    let mut out = [0u8; 65];
    out[..64].copy_from_slice(&compact);
    out[64] = 27 + recid.to_i32() as u8;
    out
}

/// The address a 65-byte signature (hex, `0x` optional; v 0/1 or 27/28) of `hash`
/// recovers to.
pub fn recover(hash: B256, signature: &str) -> Result<Address> {
    let bad = |m: &str| Error::invalid("signature", m.to_string());
    let bytes = hex::decode(signature.trim().trim_start_matches("0x"))
        .map_err(|_| bad("not hex: give the 65-byte signature as 0x…"))?;
    if bytes.len() != 65 {
        return Err(bad("an Ethereum signature is 65 bytes (r, s, v)"));
    }
    let v = match bytes[64] {
        27 | 28 => bytes[64] - 27,
        0 | 1 => bytes[64],
        _ => return Err(bad("its v byte is not 27, 28, 0 or 1")),
    };
    let recid = RecoveryId::from_i32(i32::from(v)).map_err(|_| bad("bad recovery id"))?;
    let sig = RecoverableSignature::from_compact(&bytes[..64], recid)
        .map_err(|_| bad("not a valid secp256k1 signature"))?;
    let pk = Secp256k1::verification_only()
        .recover_ecdsa(&Message::from_digest(hash.0), &sig)
        .map_err(|_| bad("no public key recovers from it"))?;
    Ok(Address::from_raw_public_key(
        &pk.serialize_uncompressed()[1..],
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Known answers made by cast (tests/vectors/eip191_712.json): the same digests
    /// and the same signature bytes (RFC 6979), which recover to the key's address.
    #[test]
    fn cast_vectors() {
        let v: serde_json::Value =
            serde_json::from_str(include_str!("../../../../../tests/vectors/eip191_712.json"))
                .unwrap();
        let key = SecretKey::from_slice(
            &hex::decode(v["private_key"].as_str().unwrap().trim_start_matches("0x")).unwrap(),
        )
        .unwrap();
        let address: Address = v["address"].as_str().unwrap().parse().unwrap();
        for c in v["personal"].as_array().unwrap() {
            let hash = personal_hash(c["message"].as_str().unwrap().as_bytes());
            if let Some(h) = c["hash"].as_str() {
                assert_eq!(format!("{hash:#x}"), h);
            }
            let sig = format!("0x{}", hex::encode(sign_hash(hash, &key)));
            assert_eq!(sig, c["signature"].as_str().unwrap(), "{c}");
            assert_eq!(recover(hash, &sig).unwrap(), address);
        }
        for c in v["typed"].as_array().unwrap() {
            let hash = typed_data_hash(&c["data"].to_string()).unwrap();
            assert_eq!(format!("{hash:#x}"), c["digest"].as_str().unwrap());
            let sig = format!("0x{}", hex::encode(sign_hash(hash, &key)));
            assert_eq!(sig, c["signature"].as_str().unwrap(), "{c}");
        }
    }

    /// A signature recovers to the key's address; another message does not.
    #[test]
    fn signatures_recover_to_their_signer() {
        let key = SecretKey::from_slice(&[7; 32]).unwrap();
        let pk = key.public_key(&Secp256k1::new());
        let address = Address::from_raw_public_key(&pk.serialize_uncompressed()[1..]);
        let hash = personal_hash(b"hello");
        let sig = format!("0x{}", hex::encode(sign_hash(hash, &key)));
        assert_eq!(recover(hash, &sig).unwrap(), address);
        assert_ne!(recover(personal_hash(b"hullo"), &sig).unwrap(), address);
    }
}
