//! Bitcoin message signatures (the `bip322` crate of rust-bitcoin): BIP-322 "simple"
//! for segwit and taproot addresses (the base64 witness, without a variant prefix, as
//! the BIP's own test vectors), and the legacy signed-message format (BIP-137 style,
//! `signmessage` of Bitcoin Core) for P2PKH addresses.

use crate::error::{Error, Result};
use base64::Engine as _;
use bitcoin::address::AddressType;
use bitcoin::consensus::Encodable as _;
use bitcoin::{Address, PrivateKey};

/// The format of a signature.
pub fn format_of(address: &Address) -> &'static str {
    if address.address_type() == Some(AddressType::P2pkh) {
        "legacy"
    } else {
        "bip322-simple"
    }
}

fn refused(address: &Address, e: impl std::fmt::Display) -> Error {
    Error::invalid(
        "address",
        format!("cannot sign a message for {address}: {e}"),
    )
}

/// Signs `message` for `address` with its key: base64.
pub fn sign(address: &Address, message: &str, key: &PrivateKey) -> Result<String> {
    let b64 = base64::engine::general_purpose::STANDARD;
    if format_of(address) == "legacy" {
        let sig = bip322::sign_legacy(address, message, key).map_err(|e| refused(address, e))?;
        return Ok(b64.encode(sig.serialize()));
    }
    let witness = bip322::sign_simple(address, message.as_bytes(), std::slice::from_ref(key), None)
        .map_err(|e| refused(address, e))?;
    let mut buf = vec![];
    witness
        .consensus_encode(&mut buf)
        .map_err(|e| anyhow::anyhow!("encoding the signature: {e}"))?;
    Ok(b64.encode(buf))
}

/// Checks a signature (base64) of `message` for `address`.
pub fn verify(address: &Address, message: &str, signature: &str) -> Result<()> {
    let a = address.to_string();
    // In words, never the verifier's internals ("Decode error for signature …").
    let bad = |_: &dyn std::fmt::Display| {
        use base64::Engine as _;
        let decodes = base64::engine::general_purpose::STANDARD
            .decode(signature.trim())
            .is_ok_and(|b| !b.is_empty());
        Error::invalid(
            "signature",
            if decodes {
                format!(
                    "the signature is not valid for {a} and this message (another message, \
                     another address, or a changed character?)"
                )
            } else {
                "the signature is not base64 text: copy it again in full".to_string()
            },
        )
    };
    if format_of(address) == "legacy" {
        return bip322::verify_legacy_encoded(&a, message, signature.trim()).map_err(|e| bad(&e));
    }
    match bip322::verify_simple_encoded(&a, message, signature.trim()).map_err(|e| bad(&e))? {
        bip322::Verification::Valid { .. } => Ok(()),
        bip322::Verification::Inconclusive => Err(Error::invalid(
            "signature",
            format!("a BIP-322 signature for {a} that this verifier cannot interpret"),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr as _;

    /// BIP-322's test vectors: the P2WPKH key it names signs "" and "Hello World" to the
    /// signatures in the text (deterministic ECDSA); those and its taproot vector verify,
    /// and a signature of another message does not.
    #[test]
    fn bip322_text_vectors() {
        let v: serde_json::Value =
            serde_json::from_str(include_str!("../../../../../tests/vectors/bip322.json")).unwrap();
        let key = PrivateKey::from_wif(v["private_key_wif"].as_str().unwrap()).unwrap();
        for (message, hash) in v["message_hashes"].as_object().unwrap() {
            let tagged = bip322::tagged_hash("BIP0322-signed-message", message);
            assert_eq!(hex::encode(tagged), hash.as_str().unwrap());
        }
        for case in v["cases"].as_array().unwrap() {
            let address = Address::from_str(case["address"].as_str().unwrap())
                .unwrap()
                .assume_checked();
            let message = case["message"].as_str().unwrap();
            let signature = case["signature"].as_str().unwrap();
            verify(&address, message, signature).unwrap();
            assert!(verify(&address, "another message", signature).is_err());
            if case["deterministic"] == true {
                assert_eq!(sign(&address, message, &key).unwrap(), signature, "{case}");
            } else {
                // Schnorr signatures use fresh randomness: ours verifies.
                let ours = sign(&address, message, &key).unwrap();
                verify(&address, message, &ours).unwrap();
            }
        }
    }
}
