//! Payments from a Bitcoin account, on top of bdk_wallet: building (coin selection,
//! change, RBF, fee rate), reviewing a PSBT against the wallet (which outputs are ours,
//! verified by derivation), signing with the vault's master key, and fee bumps.

use super::BtcWallet;
use crate::chain::amount;
use crate::error::{Error, Result};
use bdk_wallet::KeychainKind;
use bdk_wallet::error::CreateTxError;
use bitcoin::bip32::{DerivationPath, Fingerprint, Xpriv};
use bitcoin::psbt::Psbt;
use bitcoin::{Address, Amount, FeeRate, ScriptBuf, Sequence, Weight};
use serde::Serialize;

/// Parses a fee rate in sat/vB (`5`, `2.5`; at most 3 decimals, 0.1 to 10,000).
pub fn parse_fee_rate(s: &str) -> Result<FeeRate> {
    let per_kvb = amount::parse_units(s, 3, "fee")?;
    if !(100..=10_000_000).contains(&per_kvb) {
        return Err(Error::invalid(
            "fee",
            format!("{s} sat/vB is outside 0.1 to 10000 sat/vB"),
        ));
    }
    // sat/kvB to sat/kwu, rounded up: never below the rate asked for.
    Ok(FeeRate::from_sat_per_kwu((per_kvb as u64).div_ceil(4)))
}

/// A fee rate as sat/vB with two decimals.
pub fn format_rate(r: FeeRate) -> String {
    let per_kvb = r.to_sat_per_kwu() * 4;
    format!("{}.{:02}", per_kvb / 1000, (per_kvb % 1000) / 10)
}

/// The actual rate of `fee` over `vsize`, as sat/vB with two decimals.
pub fn rate_of(fee: u64, vsize: u64) -> String {
    let hundredths = (u128::from(fee) * 100).div_ceil(u128::from(vsize.max(1)));
    format!("{}.{:02}", hundredths / 100, hundredths % 100)
}

/// What a payment asks for.
#[derive(Debug, Clone)]
pub struct Payment {
    /// Recipients and amounts (satoshis).
    pub recipients: Vec<(Address, u64)>,
    /// Send everything to this address, with no change (`--max`).
    pub sweep_to: Option<Address>,
    /// Fee rate.
    pub fee_rate: FeeRate,
    /// Signal BIP-125 replaceability.
    pub rbf: bool,
    /// Spend exactly these coins (coin control), when any.
    pub from: Vec<bitcoin::OutPoint>,
    /// Never spend these (excluded or frozen).
    pub unspendable: Vec<bitcoin::OutPoint>,
}

fn map_create_error(e: CreateTxError) -> Error {
    match e {
        CreateTxError::CoinSelection(f) => insufficient(f.needed.to_sat(), f.available.to_sat()),
        CreateTxError::NoUtxosSelected => insufficient(0, 0),
        CreateTxError::OutputBelowDustLimit(i) => Error::invalid(
            "amount",
            format!("output {i} is below the dust limit: the network would not relay it"),
        ),
        CreateTxError::NoRecipients => Error::invalid("to", "no recipient"),
        other => Error::invalid("transaction", other.to_string()),
    }
}

/// The insufficient-funds error for amounts in satoshis.
pub fn insufficient(needed: u64, available: u64) -> Error {
    Error::InsufficientFunds {
        needed: amount::format_btc(needed),
        available: amount::format_btc(available),
        unit: "BTC".into(),
        needed_units: needed.to_string(),
        available_units: available.to_string(),
    }
}

/// Builds the unsigned PSBT of `payment` (inputs carry their UTXOs and BIP-32
/// derivations, change outputs their derivations).
pub fn build(w: &mut BtcWallet<'_>, payment: &Payment) -> Result<Psbt> {
    for op in &payment.from {
        if w.inner.get_utxo(*op).is_none_or(|u| u.is_spent) {
            return Err(Error::invalid(
                "from",
                format!("{op} is not an unspent coin of this wallet (see `coffer utxo list`)"),
            ));
        }
        if payment.unspendable.contains(op) && !payment.from.is_empty() {
            // Named in both --from and --exclude.
            return Err(Error::invalid(
                "exclude",
                format!("{op} is given to both --from and --exclude"),
            ));
        }
    }
    let available: u64 = if payment.from.is_empty() {
        w.inner
            .list_unspent()
            .filter(|u| !payment.unspendable.contains(&u.outpoint))
            .map(|u| u.txout.value.to_sat())
            .sum()
    } else {
        payment
            .from
            .iter()
            .filter_map(|op| w.inner.get_utxo(*op))
            .map(|u| u.txout.value.to_sat())
            .sum()
    };
    let mut b = w.inner.build_tx();
    for (a, sat) in &payment.recipients {
        b.add_recipient(a.script_pubkey(), Amount::from_sat(*sat));
    }
    if !payment.from.is_empty() {
        b.add_utxos(&payment.from)
            .map_err(|e| Error::invalid("from", e.to_string()))?
            .manually_selected_only();
    }
    b.unspendable(payment.unspendable.clone());
    if let Some(to) = &payment.sweep_to {
        if payment.from.is_empty() {
            b.drain_wallet();
        }
        b.drain_to(to.script_pubkey());
    }
    b.fee_rate(payment.fee_rate);
    if !payment.rbf {
        b.set_exact_sequence(Sequence::ENABLE_LOCKTIME_NO_RBF);
    }
    b.finish().map_err(|e| match e {
        // A sweep of nothing, or of less than its own fee.
        CreateTxError::NoUtxosSelected | CreateTxError::OutputBelowDustLimit(_)
            if payment.sweep_to.is_some() =>
        {
            insufficient(available + 1, available)
        }
        e => map_create_error(e),
    })
}

/// An RBF replacement of our unconfirmed `txid` paying `rate`.
/// Frozen coins (`frozen`) are not added to pay the higher fee.
pub fn bump(
    w: &mut BtcWallet<'_>,
    txid: bitcoin::Txid,
    rate: FeeRate,
    frozen: &[bitcoin::OutPoint],
) -> Result<Psbt> {
    use bdk_wallet::error::BuildFeeBumpError as B;
    let mut b = w.inner.build_fee_bump(txid).map_err(|e| match e {
        B::TransactionNotFound(_) => Error::NotFound(format!("transaction {txid} in this wallet")),
        B::TransactionConfirmed(_) => Error::invalid(
            "txid",
            format!("{txid} is confirmed: it can no longer be replaced"),
        ),
        B::IrreplaceableTransaction(_) => Error::invalid(
            "txid",
            format!("{txid} did not signal RBF (it was sent with --no-rbf)"),
        ),
        other => Error::invalid("txid", other.to_string()),
    })?;
    b.fee_rate(rate);
    b.unspendable(frozen.to_vec());
    b.finish().map_err(|e| match e {
        CreateTxError::FeeRateTooLow { required } => Error::invalid(
            "fee",
            format!(
                "a replacement must pay more: at least {} sat/vB",
                format_rate(required)
            ),
        ),
        CreateTxError::FeeTooLow { required } => Error::invalid(
            "fee",
            format!(
                "a replacement must pay a higher absolute fee: at least {} sat",
                required.to_sat()
            ),
        ),
        e => map_create_error(e),
    })
}

/// What a child must lift: the unconfirmed parent with its unconfirmed ancestors.
#[derive(Debug, Clone, Copy)]
pub struct Package {
    /// Their fees (satoshis).
    pub fee: u64,
    /// Their virtual size (vbytes).
    pub vsize: u64,
}

/// A child-pays-for-parent transaction: it spends our unspent outputs of the pending
/// `parent` (more coins only if those cannot pay the fee) to a new change address of
/// ours, paying enough that the package (`package` plus the child) reaches `rate`.
pub fn cpfp(
    w: &mut BtcWallet<'_>,
    parent: bitcoin::Txid,
    rate: FeeRate,
    package: Package,
    frozen: &[bitcoin::OutPoint],
) -> Result<Psbt> {
    let Some(tx) = w.inner.get_tx(parent) else {
        return Err(Error::NotFound(format!(
            "transaction {parent} in this wallet"
        )));
    };
    if tx.chain_position.is_confirmed() {
        return Err(Error::invalid(
            "txid",
            format!("{parent} is confirmed: it needs no help"),
        ));
    }
    let ours: Vec<bitcoin::OutPoint> = w
        .inner
        .list_unspent()
        .filter(|u| u.outpoint.txid == parent)
        .map(|u| u.outpoint)
        .collect();
    if ours.is_empty() {
        return Err(Error::invalid(
            "txid",
            format!("{parent} has no unspent output of this wallet for a child to spend"),
        ));
    }
    let per_vb = rate.to_sat_per_kwu() as f64 / 250.0;
    let now = package.fee as f64 / package.vsize.max(1) as f64;
    if now >= per_vb {
        return Err(Error::invalid(
            "fee",
            format!(
                "{parent} already pays {now:.2} sat/vB with its unconfirmed ancestors: ask for more than that"
            ),
        ));
    }
    let keychain = if w.account.internal_descriptor.is_some() {
        KeychainKind::Internal
    } else {
        KeychainKind::External
    };
    let to = w
        .inner
        .reveal_next_address(keychain)
        .address
        .script_pubkey();
    // The child's size depends on its inputs, which depend on its fee: a few rounds.
    let mut absolute: Option<u64> = None;
    for _ in 0..4 {
        let mut b = w.inner.build_tx();
        b.add_utxos(&ours)
            .map_err(|e| Error::invalid("txid", e.to_string()))?;
        b.unspendable(frozen.to_vec());
        b.drain_to(to.clone());
        match absolute {
            None => {
                b.fee_rate(rate);
            }
            Some(f) => {
                b.fee_absolute(Amount::from_sat(f));
            }
        }
        let psbt = b.finish().map_err(map_create_error)?;
        let fee = psbt
            .fee()
            .map_err(|e| Error::invalid("psbt", e.to_string()))?
            .to_sat();
        let vsize = estimated_weight(w, &psbt).to_vbytes_ceil();
        let needed = (per_vb * (package.vsize + vsize) as f64).ceil() as u64;
        let needed = needed.saturating_sub(package.fee);
        if fee >= needed {
            return Ok(psbt);
        }
        absolute = Some(needed);
    }
    Err(Error::invalid(
        "fee",
        "could not size a child for that rate; try a slightly different one",
    ))
}

/// One output as reviewed.
#[derive(Debug, Clone, Serialize)]
pub struct ReviewOutput {
    /// The address.
    pub address: String,
    /// Amount (decimal BTC).
    pub amount: String,
    /// Amount in satoshis.
    pub amount_sat: u64,
    /// Whether it pays this wallet (verified by derivation).
    pub ours: bool,
    /// Its derivation path when ours.
    pub path: Option<String>,
}

/// Everything a person must see before signing.
#[derive(Debug, Clone, Serialize)]
pub struct Review {
    /// Payees (outputs that are not our change), in output order.
    pub recipients: Vec<ReviewOutput>,
    /// Our change outputs (internal branch), verified by derivation.
    pub change: Vec<ReviewOutput>,
    /// Number of inputs.
    pub inputs: usize,
    /// The coins spent (`txid:vout`), in input order.
    pub spends: Vec<String>,
    /// Fee (decimal BTC).
    pub fee: String,
    /// Fee in satoshis.
    pub fee_sat: u64,
    /// Fee rate, sat/vB.
    pub fee_rate: String,
    /// Virtual size in vbytes (estimated until signed).
    pub vsize: u64,
    /// Whether `vsize` is the final size (signed) or an upper estimate.
    pub vsize_final: bool,
    /// What leaves the wallet: payees outside it plus fee (decimal BTC).
    pub total_debited: String,
    /// The same in satoshis.
    pub total_debited_sat: u64,
    /// BIP-125 replaceable.
    pub rbf: bool,
    /// Multisig: the signatures it carries (the fewest of any input) and the threshold.
    pub signatures: Option<Signatures>,
    /// A payment given as a URI: where its recipient, amount and note came from.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sources: Option<crate::chain::uri::Sources>,
}

/// The signatures of a multisig PSBT.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Signatures {
    /// Signatures present (the fewest of any input; a finalized input counts as complete).
    pub have: usize,
    /// The threshold M.
    pub need: usize,
    /// The cosigners' keys N.
    pub keys: usize,
    /// How many more are needed.
    pub missing: usize,
}

impl Signatures {
    /// "2 of 3 signatures, needs 0 more (threshold 2)".
    pub fn describe(&self) -> String {
        format!(
            "{} of {} signatures, needs {} more (threshold {})",
            self.have, self.keys, self.missing, self.need
        )
    }
}

/// The signatures of `psbt` against the threshold of `w`, when `w` is a multisig wallet.
pub fn signatures(w: &BtcWallet<'_>, psbt: &Psbt) -> Option<Signatures> {
    use miniscript::ForEachKey as _;
    use miniscript::ToPublicKey as _;
    let (m, n) = crate::chain::btc::threshold_of(w.account.external_descriptor.as_deref()?)?;
    // Only signatures by the wallet's own keys for each input count: the keys of its
    // descriptor at the input's derivation, not what the PSBT claims.
    let counted = |i: usize| -> usize {
        let input = &psbt.inputs[i];
        if input.final_script_witness.is_some() || input.final_script_sig.is_some() {
            return m;
        }
        let Some((k, index)) =
            input_utxo(psbt, i).and_then(|u| w.inner.derivation_of_spk(u.script_pubkey))
        else {
            return 0;
        };
        let Ok(desc) = w.inner.public_descriptor(k).at_derivation_index(index) else {
            return 0;
        };
        let mut keys = vec![];
        desc.for_each_key(|pk| {
            keys.push(pk.to_public_key());
            true
        });
        let ecdsa = input
            .partial_sigs
            .keys()
            .filter(|pk| keys.contains(pk))
            .count();
        let schnorr = input
            .tap_script_sigs
            .keys()
            .filter(|(x, _)| keys.iter().any(|pk| pk.to_x_only_pubkey() == *x))
            .count();
        ecdsa + schnorr
    };
    let have = (0..psbt.inputs.len())
        .map(counted)
        .min()
        .unwrap_or(0)
        .min(m);
    Some(Signatures {
        have,
        need: m,
        keys: n,
        missing: m - have,
    })
}

/// The keychain and index an output script derives at, by the wallet's index or, beyond
/// it, by the BIP-32 derivation the PSBT claims for our fingerprint (checked by deriving).
fn derivation_of(
    w: &BtcWallet<'_>,
    script: &ScriptBuf,
    claims: &[(Fingerprint, DerivationPath)],
) -> Option<(KeychainKind, u32)> {
    if let Some(found) = w.inner.derivation_of_spk(script.clone()) {
        return Some(found);
    }
    let ours = w.fingerprint()?;
    claims.iter().find_map(|(fp, path)| {
        let p: Vec<u32> = path.into_iter().map(|c| u32::from(*c)).collect();
        let [.., change, index] = p[..] else {
            return None;
        };
        let keychain = match change {
            0 => KeychainKind::External,
            1 => KeychainKind::Internal,
            _ => return None,
        };
        (*fp == ours && w.inner.peek_address(keychain, index).script_pubkey() == *script)
            .then_some((keychain, index))
    })
}

/// The key origins a PSBT map (input or output) claims: BIP-32 and taproot.
fn claims(
    bip32: &std::collections::BTreeMap<
        bitcoin::secp256k1::PublicKey,
        (Fingerprint, DerivationPath),
    >,
    tap: &std::collections::BTreeMap<
        bitcoin::XOnlyPublicKey,
        (Vec<bitcoin::TapLeafHash>, (Fingerprint, DerivationPath)),
    >,
) -> Vec<(Fingerprint, DerivationPath)> {
    bip32
        .values()
        .cloned()
        .chain(tap.values().map(|(_, src)| src.clone()))
        .collect()
}

fn claims_of_output(psbt: &Psbt, i: usize) -> Vec<(Fingerprint, DerivationPath)> {
    claims(
        &psbt.outputs[i].bip32_derivation,
        &psbt.outputs[i].tap_key_origins,
    )
}

fn claims_of_input(psbt: &Psbt, i: usize) -> Vec<(Fingerprint, DerivationPath)> {
    claims(
        &psbt.inputs[i].bip32_derivation,
        &psbt.inputs[i].tap_key_origins,
    )
}

/// The UTXO an input spends, from the PSBT.
pub fn input_utxo(psbt: &Psbt, i: usize) -> Option<bitcoin::TxOut> {
    let input = &psbt.inputs[i];
    let vout = psbt.unsigned_tx.input[i].previous_output.vout as usize;
    input.witness_utxo.clone().or_else(|| {
        input
            .non_witness_utxo
            .as_ref()
            .and_then(|t| t.output.get(vout).cloned())
    })
}

/// Refuses a PSBT that is already finalized: there is nothing left to sign.
pub fn refuse_finalized(psbt: &Psbt) -> Result<()> {
    if psbt
        .inputs
        .iter()
        .any(|i| i.final_script_witness.is_some() || i.final_script_sig.is_some())
    {
        return Err(Error::invalid(
            "psbt",
            "it is already finalized (signed): broadcast it with `coffer send broadcast`",
        ));
    }
    Ok(())
}

/// Checks that a PSBT is this wallet's to sign: not finalized, every input carries its
/// UTXO and spends from this wallet, and every output that claims to be ours (a BIP-32
/// derivation with our fingerprint) really derives from our keys. Reveals the indexes
/// it uses, so the wallet recognises them afterwards.
pub fn check_ownership(w: &mut BtcWallet<'_>, psbt: &Psbt, wallet: &str) -> Result<()> {
    let bad = |m: String| Error::invalid("psbt", m);
    refuse_finalized(psbt)?;
    let mut reveal = vec![];
    for i in 0..psbt.inputs.len() {
        let utxo = input_utxo(psbt, i)
            .ok_or_else(|| bad(format!("input {i} does not carry the output it spends")))?;
        let found = derivation_of(w, &utxo.script_pubkey, &claims_of_input(psbt, i));
        let Some(d) = found else {
            return Err(bad(format!(
                "input {i} does not belong to wallet '{wallet}': it is another wallet's PSBT"
            )));
        };
        reveal.push(d);
    }
    for i in 0..psbt.outputs.len() {
        let claims = claims_of_output(psbt, i);
        let ours = w.fingerprint();
        if !claims.iter().any(|(fp, _)| Some(*fp) == ours) {
            continue;
        }
        let script = &psbt.unsigned_tx.output[i].script_pubkey;
        match derivation_of(w, script, &claims) {
            Some(d) => reveal.push(d),
            None => {
                return Err(bad(format!(
                    "output {i} claims to be this wallet's change, but its address does not \
                     derive from the wallet's keys: refusing to sign"
                )));
            }
        }
    }
    for (k, idx) in reveal {
        let _ = w.inner.reveal_addresses_to(k, idx);
    }
    Ok(())
}

/// Upper bound of the weight of the signed transaction: the unsigned transaction plus
/// each input's maximum satisfaction (from the wallet's descriptor).
fn estimated_weight(w: &BtcWallet<'_>, psbt: &Psbt) -> Weight {
    let mut weight = psbt.unsigned_tx.weight();
    let mut segwit = false;
    for i in 0..psbt.inputs.len() {
        let keychain = input_utxo(psbt, i)
            .and_then(|u| w.inner.derivation_of_spk(u.script_pubkey))
            .map_or(KeychainKind::External, |(k, _)| k);
        let desc = w.inner.public_descriptor(keychain);
        segwit |= desc.desc_type().segwit_version().is_some();
        weight += desc.max_weight_to_satisfy().unwrap_or(Weight::ZERO);
    }
    if segwit {
        weight += Weight::from_wu(2); // marker and flag
    }
    weight
}

/// Reviews a PSBT (signed or not) against the wallet.
pub fn review(w: &BtcWallet<'_>, psbt: &Psbt) -> Result<Review> {
    let fee = psbt
        .fee()
        .map_err(|e| Error::invalid("psbt", format!("its fee cannot be computed: {e}")))?
        .to_sat();
    let final_tx = psbt.clone().extract_tx().ok().filter(|t| {
        t.input
            .iter()
            .all(|i| !i.witness.is_empty() || !i.script_sig.is_empty())
    });
    let (vsize, vsize_final) = match &final_tx {
        Some(t) => (t.vsize() as u64, true),
        None => (estimated_weight(w, psbt).to_vbytes_ceil(), false),
    };
    let mut recipients = vec![];
    let mut change = vec![];
    let mut outside = 0u64;
    for (i, o) in psbt.unsigned_tx.output.iter().enumerate() {
        let address = Address::from_script(&o.script_pubkey, w.network)
            .map(|a| a.to_string())
            .unwrap_or_else(|_| format!("script {}", o.script_pubkey.to_hex_string()));
        let d = derivation_of(w, &o.script_pubkey, &claims_of_output(psbt, i));
        let out = ReviewOutput {
            address,
            amount: amount::format_btc(o.value.to_sat()),
            amount_sat: o.value.to_sat(),
            ours: d.is_some(),
            path: d.map(|(k, idx)| {
                w.account
                    .address_path(u32::from(k == KeychainKind::Internal), idx)
            }),
        };
        match d {
            Some((KeychainKind::Internal, _)) => change.push(out),
            _ => {
                if d.is_none() {
                    outside += o.value.to_sat();
                }
                recipients.push(out);
            }
        }
    }
    let rbf = psbt.unsigned_tx.is_explicitly_rbf();
    Ok(Review {
        recipients,
        change,
        inputs: psbt.inputs.len(),
        spends: psbt
            .unsigned_tx
            .input
            .iter()
            .map(|i| i.previous_output.to_string())
            .collect(),
        fee: amount::format_btc(fee),
        fee_sat: fee,
        fee_rate: rate_of(fee, vsize),
        vsize,
        vsize_final,
        total_debited: amount::format_btc(outside + fee),
        total_debited_sat: outside + fee,
        rbf,
        signatures: signatures(w, psbt),
        sources: None,
    })
}

/// Signs every input the master key can sign and finalizes the PSBT. Returns whether it
/// is complete (every input finalized).
pub fn sign(w: &BtcWallet<'_>, psbt: &mut Psbt, master: &Xpriv) -> Result<bool> {
    let secp = bitcoin::secp256k1::Secp256k1::new();
    let signed = match psbt.sign(master, &secp) {
        Ok(keys) => keys,
        Err((keys, errors)) => {
            if keys.is_empty() {
                let first = errors.values().next().map(|e| e.to_string());
                return Err(Error::invalid(
                    "psbt",
                    format!(
                        "no input could be signed{}",
                        first.map(|e| format!(": {e}")).unwrap_or_default()
                    ),
                ));
            }
            keys
        }
    };
    if signed.is_empty() {
        return Err(Error::invalid(
            "psbt",
            "none of its inputs is signed by this wallet's keys",
        ));
    }
    grind_low_r(psbt, master, &signed, &secp)?;
    w.inner
        .finalize_psbt(psbt, bdk_wallet::SignOptions::default())
        .map_err(|e| Error::invalid("psbt", format!("cannot finalize: {e}")))
}

/// Replaces the ECDSA signatures `Psbt::sign` made (the first RFC 6979 nonce, a high R
/// half the time: a 72-byte signature) by low-R ones, the nonce ground as Bitcoin Core,
/// Electrum and bdk's signer do (libsecp256k1's extra entropy counter): byte-identical
/// to theirs, one byte shorter half the time, and no fingerprint on chain. Taproot
/// (Schnorr) signatures are left as they are.
fn grind_low_r(
    psbt: &mut Psbt,
    master: &Xpriv,
    signed: &bitcoin::psbt::SigningKeysMap,
    secp: &bitcoin::secp256k1::Secp256k1<bitcoin::secp256k1::All>,
) -> Result<()> {
    use bitcoin::psbt::{GetKey as _, KeyRequest, SigningKeys};
    let tx = psbt.unsigned_tx.clone();
    let mut cache = bitcoin::sighash::SighashCache::new(&tx);
    for (&i, keys) in signed {
        let SigningKeys::Ecdsa(pks) = keys else {
            continue;
        };
        if pks.is_empty() {
            continue;
        }
        let (msg, sighash_type) = psbt
            .sighash_ecdsa(i, &mut cache)
            .map_err(|e| Error::invalid("psbt", format!("input {i}: {e}")))?;
        for pk in pks {
            let source = psbt.inputs[i].bip32_derivation.get(&pk.inner).cloned();
            let Some(source) = source else {
                continue;
            };
            let Ok(Some(sk)) = master.get_key(KeyRequest::Bip32(source), secp) else {
                continue;
            };
            if sk.public_key(secp) != *pk {
                continue;
            }
            let sig = bitcoin::ecdsa::Signature {
                signature: secp.sign_ecdsa_low_r(&msg, &sk.inner),
                sighash_type,
            };
            psbt.inputs[i].partial_sigs.insert(*pk, sig);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fee_rates() {
        assert_eq!(format_rate(parse_fee_rate("5").unwrap()), "5.00");
        assert_eq!(format_rate(parse_fee_rate("2.5").unwrap()), "2.50");
        assert_eq!(parse_fee_rate("1").unwrap().to_sat_per_kwu(), 250);
        for bad in ["0", "0.05", "10001", "-1", "1.2345", "fast"] {
            assert!(parse_fee_rate(bad).is_err(), "{bad}");
        }
        assert_eq!(rate_of(1410, 141), "10.00");
        assert_eq!(rate_of(1411, 141), "10.01");
    }
}
