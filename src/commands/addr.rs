//! `coffer addr`: derive, list, label, show and validate addresses.

use crate::chain::{Chain, btc, eth};
use crate::cli::addr::{LabelArgs, ListArgs, NewArgs, ShowArgs, ValidateArgs};
use crate::clock;
use crate::context::Ctx;
use crate::error::{Error, Result};
use crate::qr::{qr_payload, qr_text};
use crate::vault::wallets::{self, AddressRow, NewAddresses};
use serde::Serialize;

/// Addresses, as returned by `new` and `list`.
#[derive(Debug, Serialize)]
pub struct Addresses {
    /// The addresses.
    pub items: Vec<AddressRow>,
    /// How many.
    pub total: usize,
}

/// Runs `coffer addr new`.
pub fn new(ctx: &Ctx, args: NewArgs) -> Result<Addresses> {
    if !(1..=100_000).contains(&args.count) {
        return Err(Error::invalid("count", "must be between 1 and 100000"));
    }
    let unlocked = ctx.unlock()?;
    let change = u32::from(args.change);
    // One vault write, without the wallet engine: addresses are derived from the
    // account's public key and stored; the engine learns them when it next opens.
    let (wallet, account, start, addresses) = unlocked.vault.write_light(|conn| {
        let wallet = wallets::resolve(conn, args.wallet.as_deref())?;
        let account = wallet.account_for(args.chain)?.clone();
        if args.change && account.chain == Chain::Eth {
            return Err(Error::invalid(
                "change",
                "Ethereum accounts have no change addresses",
            ));
        }
        // The index is read inside the write, so parallel `addr new` never collide.
        let start = wallets::next_index(conn, account.id, change)?;
        let addresses = account.addresses(change, start, args.count)?;
        let new = NewAddresses {
            account_id: account.id,
            change,
            start,
            addresses: &addresses,
            label: args.label.as_deref(),
            purpose: args.purpose.as_deref(),
        };
        wallets::insert_addresses(conn, &new, clock::now())?;
        Ok((wallet, account, start, addresses))
    })?;
    let chain = account.chain;
    let items: Vec<AddressRow> = addresses
        .into_iter()
        .enumerate()
        .map(|(i, address)| AddressRow {
            wallet: wallet.name.clone(),
            chain,
            kind: if args.change { "change" } else { "receiving" },
            index: start + i as u32,
            path: account.address_path(change, start + i as u32),
            address,
            label: args.label.clone(),
            purpose: args.purpose.clone(),
            transactions: 0,
            balance: (chain == Chain::Btc).then(|| "0.00000000".into()),
            balance_sat: (chain == Chain::Btc).then_some(0),
            eth_balances: (chain == Chain::Eth).then(Vec::new),
        })
        .collect();
    Ok(Addresses {
        total: items.len(),
        items,
    })
}

/// Runs `coffer addr list`.
pub fn list(ctx: &Ctx, args: ListArgs) -> Result<coffer_core::addresses::Page> {
    if args.limit.is_some_and(|l| !(1..=1000).contains(&l)) {
        return Err(Error::invalid("limit", "must be between 1 and 1000"));
    }
    let conn = ctx.unlock()?.vault.read()?;
    let filter = wallets::AddressFilter {
        chain: args.chain,
        label: args.label.as_deref(),
        used: (args.used || args.unused).then_some(args.used),
    };
    coffer_core::addresses::list(
        &conn,
        args.wallet.as_deref(),
        filter,
        args.limit,
        args.cursor.as_deref(),
    )
}

/// One address, as shown by `label` and `show`.
#[derive(Debug, Serialize)]
pub struct AddressView {
    #[serde(flatten)]
    pub row: AddressRow,
    /// Its payment URI (BIP-21 `bitcoin:…` or EIP-681 `ethereum:…`).
    pub uri: String,
    /// The QR code as text (only with `--qr`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub qr: Option<String>,
}

/// Runs `coffer addr label`.
pub fn label(ctx: &Ctx, args: LabelArgs) -> Result<AddressView> {
    let unlocked = ctx.unlock()?;
    let row = unlocked.vault.write(|conn| {
        wallets::set_label(conn, &args.address, args.wallet.as_deref(), &args.label)
    })?;
    Ok(AddressView {
        uri: uri_of(&row),
        row,
        qr: None,
    })
}

/// Runs `coffer addr show`.
pub fn show(ctx: &Ctx, args: ShowArgs) -> Result<AddressView> {
    let conn = ctx.unlock()?.vault.read()?;
    let row = wallets::find_address_in(&conn, &args.address, args.wallet.as_deref())?;
    let uri = uri_of(&row);
    let payload = if args.uri { &uri } else { &row.address };
    let qr = args.qr.then(|| qr_text(&qr_payload(payload))).transpose()?;
    Ok(AddressView { row, uri, qr })
}

/// The payment URI of a stored address, without amount or label.
fn uri_of(row: &AddressRow) -> String {
    match row.chain {
        Chain::Eth => crate::chain::uri::eip681(&row.address, None, None),
        Chain::Btc => crate::chain::uri::bip21(&row.address, None, None, None),
    }
}

/// The result of `addr validate`: a valid address and what it is.
#[derive(Debug, Serialize)]
#[serde(tag = "chain", rename_all = "snake_case")]
pub enum Validated {
    /// A Bitcoin address.
    Btc(btc::AddressInfo),
    /// An Ethereum address.
    Eth(eth::AddressInfo),
}

/// Runs `coffer addr validate`.
pub fn validate(args: ValidateArgs) -> Result<Validated> {
    let chain = args
        .chain
        .unwrap_or(if args.address.trim().starts_with("0x") {
            Chain::Eth
        } else {
            Chain::Btc
        });
    match chain {
        Chain::Btc => Ok(Validated::Btc(btc::validate_address(
            &args.address,
            args.network,
        )?)),
        Chain::Eth => Ok(Validated::Eth(eth::validate_address(&args.address)?)),
    }
}
