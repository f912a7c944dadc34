//! EIP-1559 (type 2) transactions with EIP-155 chain ids, built and encoded with alloy's
//! consensus types and signed with libsecp256k1 (the bitcoin crate's, as DEPS.md
//! recommends: no second secp256k1 implementation). ERC-20 calls use alloy's ABI types.

use crate::error::{Error, Result};
use alloy_consensus::{SignableTransaction, TxEip1559, TxEnvelope};
use alloy_eips::eip2718::{Decodable2718, Encodable2718};
use alloy_primitives::{Address, B256, Bytes, Signature, TxKind, U256};
use alloy_sol_types::{SolCall, sol};
use bitcoin::secp256k1::{Message, Secp256k1, SecretKey, ecdsa::RecoverableSignature};
use serde::{Deserialize, Serialize};

sol! {
    /// ERC-20 `transfer(address,uint256)`.
    function transfer(address to, uint256 amount) external returns (bool);
    /// ERC-20 `balanceOf(address)`.
    function balanceOf(address owner) external view returns (uint256);
    /// ERC-20 `decimals()`.
    function decimals() external view returns (uint8);
    /// ERC-20 `symbol()`.
    function symbol() external view returns (string);
    /// ERC-20 `Transfer` event.
    event Transfer(address indexed from, address indexed to, uint256 value);
}

/// The topic of the ERC-20 `Transfer` event.
pub fn transfer_topic() -> B256 {
    use alloy_sol_types::SolEvent as _;
    Transfer::SIGNATURE_HASH
}

/// The calldata of an ERC-20 transfer.
pub fn transfer_data(to: Address, amount: U256) -> Bytes {
    transferCall { to, amount }.abi_encode().into()
}

/// The payee and amount of ERC-20 `transfer` calldata, if it is one.
pub fn decode_transfer(data: &[u8]) -> Option<(Address, U256)> {
    transferCall::abi_decode(data)
        .ok()
        .map(|c| (c.to, c.amount))
}

/// The calldata of `balanceOf(owner)`.
pub fn balance_of_data(owner: Address) -> Bytes {
    balanceOfCall { owner }.abi_encode().into()
}

/// Decodes the answer of `balanceOf`.
pub fn decode_balance(ret: &[u8]) -> Result<U256> {
    balanceOfCall::abi_decode_returns(ret).map_err(|e| Error::Backend(format!("balanceOf: {e}")))
}

/// The calldata of `decimals()` and `symbol()`.
pub fn metadata_calls() -> (Bytes, Bytes) {
    (
        decimalsCall {}.abi_encode().into(),
        symbolCall {}.abi_encode().into(),
    )
}

/// Decodes the answers of `decimals()` and `symbol()`.
pub fn decode_metadata(decimals: &[u8], symbol: &[u8]) -> Result<(u8, String)> {
    let d = decimalsCall::abi_decode_returns(decimals)
        .map_err(|e| Error::Backend(format!("decimals(): {e}")))?;
    let s = symbolCall::abi_decode_returns(symbol)
        .map_err(|e| Error::Backend(format!("symbol(): {e}")))?;
    Ok((d, s))
}

/// An unsigned EIP-1559 transaction and who sends it: what `send --unsigned-out` writes
/// for the offline signer (JSON), and what it signs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Request {
    /// Always `coffer-eth-request`.
    pub format: String,
    /// Format version (1).
    pub version: u32,
    /// EIP-155 chain id.
    pub chain_id: u64,
    /// Sender nonce.
    pub nonce: u64,
    /// The sender (EIP-55).
    pub from: Address,
    /// The sender's derivation path, e.g. `m/44'/60'/0'/0/0`.
    pub path: String,
    /// Recipient (the token contract for ERC-20 transfers).
    pub to: Address,
    /// Value in wei (decimal string).
    #[serde(with = "decimal")]
    pub value: U256,
    /// Calldata (hex).
    pub data: Bytes,
    /// Gas limit.
    pub gas_limit: u64,
    /// Max fee per gas (wei, decimal string).
    #[serde(with = "decimal")]
    pub max_fee_per_gas: u128,
    /// Max priority fee per gas (wei, decimal string).
    #[serde(with = "decimal")]
    pub max_priority_fee_per_gas: u128,
    /// For people: the token transferred, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub token: Option<TokenTransfer>,
}

/// What an ERC-20 request transfers, for the review.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TokenTransfer {
    /// Symbol.
    pub symbol: String,
    /// Decimals.
    pub decimals: u8,
    /// The payee.
    pub to: Address,
    /// Amount in base units (decimal string).
    #[serde(with = "decimal")]
    pub amount: U256,
}

/// Big integers as decimal strings in JSON (exact; JSON numbers lose precision).
mod decimal {
    use serde::{Deserialize, Deserializer, Serializer, de::Error as _};
    use std::fmt::Display;
    use std::str::FromStr;

    pub fn serialize<T: Display, S: Serializer>(v: &T, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(v)
    }

    pub fn deserialize<'de, T: FromStr, D: Deserializer<'de>>(d: D) -> Result<T, D::Error> {
        let s = String::deserialize(d)?;
        if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
            return Err(D::Error::custom(format!("'{s}' is not a decimal integer")));
        }
        s.parse()
            .map_err(|_| D::Error::custom(format!("'{s}' is out of range")))
    }
}

impl Request {
    fn tx(&self) -> TxEip1559 {
        TxEip1559 {
            chain_id: self.chain_id,
            nonce: self.nonce,
            gas_limit: self.gas_limit,
            max_fee_per_gas: self.max_fee_per_gas,
            max_priority_fee_per_gas: self.max_priority_fee_per_gas,
            to: TxKind::Call(self.to),
            value: self.value,
            access_list: Default::default(),
            input: self.data.clone(),
        }
    }

    /// The most the transaction can cost: value + gas limit x max fee.
    pub fn max_cost(&self) -> U256 {
        self.value + U256::from(self.gas_limit) * U256::from(self.max_fee_per_gas)
    }

    /// Signs with `key`: the raw transaction (EIP-2718 type 2 envelope) and its hash.
    pub fn sign(&self, key: &SecretKey) -> Result<(Vec<u8>, B256)> {
        let tx = self.tx();
        let hash = tx.signature_hash();
        let secp = Secp256k1::signing_only();
        let sig: RecoverableSignature =
            secp.sign_ecdsa_recoverable(&Message::from_digest(hash.0), key);
        let (recid, compact) = sig.serialize_compact();
        let signature = Signature::from_bytes_and_parity(&compact, recid.to_i32() == 1);
        let envelope = TxEnvelope::from(tx.into_signed(signature));
        Ok((envelope.encoded_2718(), *envelope.tx_hash()))
    }
}

/// What a signed raw transaction says: hash, chain id, nonce, recipient, value, fees,
/// and the sender recovered from the signature.
#[derive(Debug, Clone)]
pub struct Decoded {
    /// Transaction hash.
    pub hash: B256,
    /// The request it carries (with `from` recovered, `path` empty).
    pub request: Request,
}

/// Decodes a signed EIP-1559 raw transaction and recovers its sender.
pub fn decode(raw: &[u8]) -> Result<Decoded> {
    let bad = |m: String| Error::invalid("transaction", m);
    let env = TxEnvelope::decode_2718(&mut &raw[..])
        .map_err(|e| bad(format!("not a signed Ethereum transaction: {e}")))?;
    let TxEnvelope::Eip1559(signed) = &env else {
        return Err(bad("not an EIP-1559 (type 2) transaction".into()));
    };
    let tx = signed.tx();
    let hash = tx.signature_hash();
    let sig = signed.signature();
    let from = recover(hash, sig)?;
    let TxKind::Call(to) = tx.to else {
        return Err(bad("a contract creation, not a payment".into()));
    };
    Ok(Decoded {
        hash: *env.tx_hash(),
        request: Request {
            format: "coffer-eth-request".into(),
            version: 1,
            chain_id: tx.chain_id,
            nonce: tx.nonce,
            from,
            path: String::new(),
            to,
            value: tx.value,
            data: tx.input.clone(),
            gas_limit: tx.gas_limit,
            max_fee_per_gas: tx.max_fee_per_gas,
            max_priority_fee_per_gas: tx.max_priority_fee_per_gas,
            token: None,
        },
    })
}

/// The address whose key made `sig` over `hash`.
pub fn recover(hash: B256, sig: &Signature) -> Result<Address> {
    use bitcoin::secp256k1::ecdsa::RecoveryId;
    let recid = RecoveryId::from_i32(i32::from(sig.v()))
        .map_err(|e| Error::invalid("transaction", format!("bad signature: {e}")))?;
    let mut compact = [0u8; 64];
    compact[..32].copy_from_slice(&sig.r().to_be_bytes::<32>());
    compact[32..].copy_from_slice(&sig.s().to_be_bytes::<32>());
    let rs = RecoverableSignature::from_compact(&compact, recid)
        .map_err(|e| Error::invalid("transaction", format!("bad signature: {e}")))?;
    let pk = Secp256k1::verification_only()
        .recover_ecdsa(&Message::from_digest(hash.0), &rs)
        .map_err(|e| Error::invalid("transaction", format!("bad signature: {e}")))?;
    Ok(Address::from_raw_public_key(
        &pk.serialize_uncompressed()[1..],
    ))
}
