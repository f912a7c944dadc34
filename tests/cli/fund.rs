//! Transactions built by the tests: a payment to coffer's addresses from a key the test
//! holds, as an outside sender would make it.

use bitcoin::secp256k1::{Secp256k1, SecretKey};
use bitcoin::{
    Address, Amount, CompressedPublicKey, Network, OutPoint, ScriptBuf, Sequence, Transaction,
    TxIn, TxOut, Txid, Witness, absolute, hashes::Hash as _, transaction,
};
use std::str::FromStr;

/// The sender's key (a fixed test key: `0x11…11`).
pub fn sender_key() -> (SecretKey, CompressedPublicKey) {
    let secp = Secp256k1::new();
    let sk = SecretKey::from_slice(&[0x11; 32]).unwrap();
    (sk, CompressedPublicKey(sk.public_key(&secp)))
}

/// The sender's P2WPKH address on `network`.
pub fn sender_address(network: Network) -> Address {
    Address::p2wpkh(&sender_key().1, network)
}

/// A transaction spending a (made-up) output of the sender, `seed` making it unique,
/// paying `outputs` (address, satoshis). Its witness reveals the sender's key, as a
/// real P2WPKH spend does.
pub fn pay(outputs: &[(&str, u64)], network: Network, seed: u8) -> Transaction {
    let witness = Witness::from_slice(&[vec![0x30; 71], sender_key().1.to_bytes().to_vec()]);
    Transaction {
        version: transaction::Version::TWO,
        lock_time: absolute::LockTime::ZERO,
        input: vec![TxIn {
            previous_output: OutPoint {
                txid: Txid::hash(&[seed]),
                vout: 0,
            },
            script_sig: ScriptBuf::new(),
            sequence: Sequence::ENABLE_RBF_NO_LOCKTIME,
            witness,
        }],
        output: outputs
            .iter()
            .map(|(a, sat)| TxOut {
                value: Amount::from_sat(*sat),
                script_pubkey: Address::from_str(a)
                    .unwrap()
                    .require_network(network)
                    .unwrap()
                    .script_pubkey(),
            })
            .collect(),
    }
}

/// The raw hex of `tx`.
pub fn hex(tx: &Transaction) -> String {
    bitcoin::consensus::encode::serialize_hex(tx)
}

/// Parses raw transaction hex.
pub fn parse(hex: &str) -> Transaction {
    bitcoin::consensus::encode::deserialize_hex(hex.trim()).expect("raw transaction hex")
}

/// Verifies every input of `tx` with Bitcoin Core's script interpreter
/// (libbitcoinconsensus 26, segwit v0 and taproot), `funding` holding the transactions
/// whose outputs it spends.
pub fn verify(tx: &Transaction, funding: &[&Transaction]) -> Result<(), String> {
    let prevouts: Vec<TxOut> = tx
        .input
        .iter()
        .map(|i| {
            funding
                .iter()
                .find(|f| f.compute_txid() == i.previous_output.txid)
                .and_then(|f| f.output.get(i.previous_output.vout as usize))
                .cloned()
                .ok_or_else(|| format!("unknown prevout {}", i.previous_output))
        })
        .collect::<Result<_, _>>()?;
    let utxos: Vec<bitcoinconsensus::Utxo> = prevouts
        .iter()
        .map(|o| bitcoinconsensus::Utxo {
            script_pubkey: o.script_pubkey.as_bytes().as_ptr(),
            script_pubkey_len: o.script_pubkey.len() as u32,
            value: o.value.to_sat() as i64,
        })
        .collect();
    let bytes = bitcoin::consensus::encode::serialize(tx);
    let flags = bitcoinconsensus::VERIFY_ALL_PRE_TAPROOT | bitcoinconsensus::VERIFY_TAPROOT;
    for (i, o) in prevouts.iter().enumerate() {
        bitcoinconsensus::verify_with_flags(
            o.script_pubkey.as_bytes(),
            o.value.to_sat(),
            &bytes,
            Some(&utxos),
            i,
            flags,
        )
        .map_err(|e| format!("input {i}: {e:?}"))?;
    }
    Ok(())
}

/// The sum of `tx`'s outputs, in satoshis.
pub fn out_value(tx: &Transaction) -> u64 {
    tx.output.iter().map(|o| o.value.to_sat()).sum()
}
