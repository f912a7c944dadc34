//! Receiving: an address handed out with its payment URI (BIP-21 for Bitcoin, EIP-681
//! for Ethereum); a Bitcoin transaction imported from its raw hex or fetched from the
//! node (queued in the inbox while the vault is locked); `receive wait` ([`wait`]) and
//! `receive watch` ([`watch`]) with their `--exec` hook ([`hook`]).

use crate::chain::uri::{bip21, eip681};
use crate::chain::{Chain, amount};
use crate::clock;
use crate::error::{Error, Result};
use crate::vault::Vault;
use crate::vault::engine::{self as btc_wallet, Confirmation};
use crate::vault::inbox;
use crate::vault::profile::Profile;
use crate::vault::wallets::{self, NewAddresses};
use serde::Serialize;

pub mod hook;
pub mod wait;
pub mod watch;

/// What `receive` is asked for.
#[derive(Debug, Clone, Default)]
pub struct ShowRequest {
    /// The wallet (default: the only one).
    pub wallet: Option<String>,
    /// The chain (default: btc when the wallet has it, else eth).
    pub chain: Option<Chain>,
    /// Amount requested (decimal BTC or ETH, or `1500sat`).
    pub amount: Option<String>,
    /// Label: stored on the address and put in the URI.
    pub label: Option<String>,
    /// Message for the payer (in the URI).
    pub message: Option<String>,
    /// EVM chain id for the EIP-681 URI.
    pub chain_id: Option<u64>,
}

/// An address handed out by `receive`.
#[derive(Debug, Serialize)]
pub struct Receive {
    /// The wallet.
    pub wallet: String,
    /// `btc` or `eth`.
    pub chain: Chain,
    /// The address.
    pub address: String,
    /// Its index on the receiving branch.
    pub index: u32,
    /// Its derivation path.
    pub path: String,
    /// BIP-21 or EIP-681 payment URI.
    pub uri: String,
    /// Amount requested (decimal), if any.
    pub amount: Option<String>,
    /// The same in the smallest unit (sat or wei), as a string.
    pub amount_units: Option<String>,
    /// The label.
    pub label: Option<String>,
    /// The message.
    pub message: Option<String>,
    /// The QR code as text (only with --qr or on a terminal; the caller draws it).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub qr: Option<String>,
}

/// Hands out an address: the first one nobody was given (Bitcoin; a new one derived when
/// all are taken) or the account's address (Ethereum), labelled when asked, with its URI.
pub fn show(vault: &Vault, args: &ShowRequest) -> Result<Receive> {
    let label = args
        .label
        .as_deref()
        .map(str::trim)
        .filter(|l| !l.is_empty());
    // One decryption: the wallet is resolved, the arguments checked against it and the
    // address handed out in the write's transaction (an error there changes nothing).
    let (wallet, chain, path, index, address, units, decimals, chain_id) = vault.write(|conn| {
        let wallet = wallets::resolve(conn, args.wallet.as_deref())?;
        let account = wallet.account_for(args.chain)?;
        let chain = account.chain;
        let (units, decimals) = match (&args.amount, chain) {
            (None, _) => (None, 0),
            (Some(a), Chain::Btc) => (Some(u128::from(amount::parse_btc(a, "amount")?)), 8),
            (Some(a), _) => (Some(amount::parse_units(a, 18, "amount")?), 18),
        };
        if units == Some(0) {
            return Err(Error::invalid("amount", "must be more than zero"));
        }
        if args.chain_id.is_some() && chain == Chain::Btc {
            return Err(Error::invalid(
                "chain-id",
                "is for Ethereum; Bitcoin addresses carry their network",
            ));
        }
        // Ethereum accounts receive on their first address; Bitcoin hands out the
        // first one nobody has been given, deriving a new one when all are taken.
        let found = if chain == Chain::Eth {
            let next = wallets::next_index(conn, account.id, 0)?;
            (next > 0)
                .then(|| account.addresses(0, 0, 1))
                .transpose()?
                .map(|mut a| (0, a.remove(0)))
        } else {
            wallets::first_unused_receiving(conn, account.id)?
        };
        let (index, address) = match found {
            Some(f) => f,
            None => {
                let start = wallets::next_index(conn, account.id, 0)?;
                let addresses = account.addresses(0, start, 1)?;
                wallets::insert_addresses(
                    conn,
                    &NewAddresses {
                        account_id: account.id,
                        change: 0,
                        start,
                        addresses: &addresses,
                        label: None,
                        purpose: None,
                    },
                    clock::now(),
                )?;
                (start, addresses[0].clone())
            }
        };
        if label.is_some() {
            wallets::set_label_at(conn, account.id, 0, index, label, None)?;
        }
        // Without --chain-id: the only EVM backend's, when exactly one is set.
        let chain_id = match args.chain_id {
            Some(id) => Some(id),
            None if chain != Chain::Btc => crate::sync::default_chain_id(conn, "").ok(),
            None => None,
        };
        let path = account.address_path(0, index);
        Ok((
            wallet.name.clone(),
            chain,
            path,
            index,
            address,
            units,
            decimals,
            chain_id,
        ))
    })?;
    let uri = if chain == Chain::Btc {
        bip21(&address, units, label, args.message.as_deref())
    } else {
        eip681(&address, chain_id, units)
    };
    Ok(Receive {
        wallet,
        chain,
        path,
        address,
        index,
        uri,
        amount: units.map(|u| amount::format_units(u, decimals, false)),
        amount_units: units.map(|u| u.to_string()),
        label: label.map(str::to_string),
        message: args.message.clone(),
        qr: None,
    })
}

/// What `receive import` did.
#[derive(Debug, Serialize)]
pub struct ImportView {
    /// `applied` (the vault changed), `unchanged` (already known as is) or `queued`
    /// (the vault is locked: applied at the next unlock).
    pub result: &'static str,
    /// The transaction id.
    pub txid: String,
    /// The wallet (null when queued without --wallet).
    pub wallet: Option<String>,
    /// `pending` or `confirmed` (null when queued).
    pub status: Option<String>,
    /// Net effect on the wallet in BTC (null when queued).
    pub amount: Option<String>,
    /// The same in satoshis.
    pub amount_sat: Option<i64>,
    /// Block height when confirmed (null when queued: a block given while locked is
    /// not trusted).
    pub height: Option<u32>,
    /// Our receiving addresses among the outputs.
    pub our_addresses: Vec<String>,
    /// The sender's addresses, where the inputs reveal them.
    pub from_addresses: Vec<String>,
}

/// A raw transaction to import, as given.
#[derive(Debug, Clone, Default)]
pub struct ImportRequest {
    /// The raw transaction in hex.
    pub hex: String,
    /// The wallet (default: the only one).
    pub wallet: Option<String>,
    /// Height of the block that confirmed it.
    pub height: Option<u32>,
    /// Time of that block: Unix seconds, a date or RFC 3339.
    pub block_time: Option<String>,
    /// Hash of that block, when known.
    pub block_hash: Option<String>,
}

/// An import checked: the transaction, its block and what is queued while locked.
pub struct ParsedImport {
    /// The transaction.
    pub tx: bitcoin::Transaction,
    /// Its block, when given.
    pub confirmation: Option<Confirmation>,
    /// Its id.
    pub txid: String,
    /// The inbox item when the vault is locked.
    pub queued: inbox::TxImport,
}

/// Parses an import: the hex, the block time, the block hash.
pub fn parse_import(req: &ImportRequest) -> Result<ParsedImport> {
    let hex = req.hex.trim().to_string();
    let tx: bitcoin::Transaction = bitcoin::consensus::encode::deserialize_hex(&hex)
        .map_err(|e| Error::invalid("tx", format!("not a raw Bitcoin transaction ({e})")))?;
    let block_time = req
        .block_time
        .as_deref()
        .map(|t| match t.parse::<u64>() {
            Ok(secs) => Ok(secs),
            Err(_) => clock::parse_date(t, clock::now()).map(|s| s.max(0) as u64),
        })
        .transpose()?;
    let block_hash = req
        .block_hash
        .as_deref()
        .map(|h| {
            h.parse::<bitcoin::BlockHash>()
                .map_err(|_| Error::invalid("block-hash", format!("'{h}' is not a block hash")))
        })
        .transpose()?;
    let confirmation = match (req.height, block_time) {
        (Some(height), Some(time)) => Some(Confirmation {
            height,
            time,
            hash: block_hash,
        }),
        _ => None,
    };
    let txid = tx.compute_txid().to_string();
    Ok(ParsedImport {
        tx,
        confirmation,
        txid,
        queued: inbox::TxImport {
            wallet: req.wallet.clone(),
            hex,
            height: req.height,
            block_time,
            block_hash: block_hash.map(|h| h.to_string()),
        },
    })
}

/// Queues an import in the inbox of a locked vault (applied at the next unlock, as
/// pending: a block given while locked is not trusted).
pub fn import_queued(
    paths: &crate::vault::profile::UserPaths,
    profile: &Profile,
    p: ParsedImport,
) -> Result<ImportView> {
    let wallet = p.queued.wallet.clone();
    inbox::post(
        paths,
        &profile.recipient()?,
        &inbox::Item::BtcTxImport(p.queued),
    )?;
    Ok(ImportView {
        result: "queued",
        txid: p.txid,
        wallet,
        status: None,
        amount: None,
        amount_sat: None,
        // A claim until the vault confirms it (see vault::apply_queued_imports).
        height: None,
        our_addresses: vec![],
        from_addresses: vec![],
    })
}

/// Applies an import to the unlocked vault.
pub fn import_applied(vault: &Vault, wallet: Option<&str>, p: ParsedImport) -> Result<ImportView> {
    let done = vault
        .write(|conn| btc_wallet::import_tx(conn, wallet, p.tx, p.confirmation, clock::now_ms()))?;
    let r = done.record;
    let sat = i64::try_from(r.amount).unwrap_or(i64::MAX);
    Ok(ImportView {
        result: if done.changed { "applied" } else { "unchanged" },
        txid: r.txid,
        wallet: Some(done.wallet),
        status: Some(r.status.to_string()),
        amount: Some(amount::format_btc_signed(sat)),
        amount_sat: Some(sat),
        height: r.height,
        our_addresses: r.our_addresses,
        from_addresses: r.from_addresses,
    })
}

/// A transaction id given to `receive import --txid`.
pub fn parse_txid(txid: &str) -> Result<bitcoin::Txid> {
    txid.trim()
        .parse()
        .map_err(|_| Error::invalid("txid", format!("'{txid}' is not a transaction id")))
}

/// `receive import --txid`: the transaction and its block from the network's node (its
/// mempool or -txindex, else its wallet), as an import of the raw transaction into the
/// resolved wallet.
pub fn fetch_from_node(
    vault: &Vault,
    wallet: Option<&str>,
    id: bitcoin::Txid,
) -> Result<ImportRequest> {
    use bdk_bitcoind_rpc::bitcoincore_rpc::RpcApi as _;
    let conn = vault.read()?;
    let w = wallets::resolve(&conn, wallet)?;
    let account = w.account_for(Some(Chain::Btc))?;
    let network = btc_wallet::account_network(account)?;
    let backend = crate::sync::btc_backend(&conn, network)?.ok_or_else(|| {
        Error::invalid(
            "txid",
            format!(
                "no Bitcoin node or Electrum server for {}: set one with `coffer wallet backend set btc`, or import the raw transaction with --tx",
                network.name()
            ),
        )
    })?;
    drop(conn);
    let node = match &backend {
        crate::chain::btc::backend::Backend::Node(n) => n,
        crate::chain::btc::backend::Backend::Esplora(api) => return from_esplora(api, &w.name, id),
        electrum => return from_electrum(electrum, &w.name, id),
    };
    // getrawtransaction (mempool, or any with -txindex), else the node wallet's own.
    let (raw_tx, blockhash) = match node.get_raw_transaction_info(&id, None) {
        Ok(info) => (info.hex, info.blockhash),
        Err(first) => match node.get_transaction(&id, None) {
            Ok(t) => (t.hex, t.info.blockhash),
            Err(_) => {
                return Err(Error::Backend(format!(
                    "the node does not have transaction {id} ({first}); it needs -txindex, or the transaction in its wallet"
                )));
            }
        },
    };
    let mut block = (None, None, None);
    if let Some(hash) = blockhash {
        let header = node
            .get_block_header_info(&hash)
            .map_err(crate::chain::btc::rpc::node_error)?;
        block = (
            Some(header.height as u32),
            Some(header.time.to_string()),
            Some(hash.to_string()),
        );
    }
    Ok(ImportRequest {
        hex: hex::encode(&raw_tx),
        wallet: Some(w.name.clone()),
        height: block.0,
        block_time: block.1,
        block_hash: block.2,
    })
}

/// [`fetch_from_node`] through an Esplora API: the raw transaction and its status.
fn from_esplora(
    api: &crate::chain::btc::esplora::Client,
    wallet: &str,
    id: bitcoin::Txid,
) -> Result<ImportRequest> {
    let known = api.transaction(id)?.ok_or_else(|| {
        Error::Backend(format!(
            "the Esplora API does not know transaction {id} (in a block or its mempool)"
        ))
    })?;
    let (height, hash, time) = match known.block {
        Some((h, hash, t)) => (Some(h), Some(hash.to_string()), t.map(|t| t.to_string())),
        None => (None, None, None),
    };
    Ok(ImportRequest {
        hex: bitcoin::consensus::encode::serialize_hex(&known.tx),
        wallet: Some(wallet.to_string()),
        height,
        block_time: time,
        block_hash: hash,
    })
}

/// [`fetch_from_node`] through an Electrum server: `blockchain.transaction.get`
/// (verbose, or the Electrum-protocol way where a server refuses it: see
/// [`crate::chain::btc::electrum::Client::transaction`]), its block and height.
fn from_electrum(
    backend: &crate::chain::btc::backend::Backend,
    wallet: &str,
    id: bitcoin::Txid,
) -> Result<ImportRequest> {
    let known = backend.electrum_transaction(id)?.ok_or_else(|| {
        Error::Backend(format!(
            "the Electrum server does not know transaction {id} (in a block or its mempool)"
        ))
    })?;
    let mut block = (None, None, None);
    if let Some(hash) = known.block_hash {
        let tip = backend.tip()?;
        let height = (tip + 1).checked_sub(known.confirmations).ok_or_else(|| {
            Error::Backend(format!(
                "the Electrum server says {id} has {} confirmations at tip {tip}",
                known.confirmations
            ))
        })?;
        block = (
            Some(
                u32::try_from(height)
                    .map_err(|_| Error::Backend(format!("a block height out of range for {id}")))?,
            ),
            known.block_time.map(|t| t.to_string()),
            Some(hash.to_string()),
        );
    }
    Ok(ImportRequest {
        hex: bitcoin::consensus::encode::serialize_hex(&known.tx),
        wallet: Some(wallet.to_string()),
        height: block.0,
        block_time: block.1,
        block_hash: block.2,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_import_is_checked_before_anything_is_written() {
        let bad = ImportRequest {
            hex: "zz".into(),
            ..Default::default()
        };
        assert!(matches!(
            parse_import(&bad),
            Err(Error::InvalidInput { .. })
        ));
    }
}
