//! `coffer send --chain eth`: ether and ERC-20 payments as EIP-1559 transactions with
//! EIP-155 chain ids; with a backend the nonce, fees and gas come from it and the signed
//! transaction is broadcast; without one they must be given. `--unsigned-out` writes a
//! JSON request that `send sign` signs on the offline machine and `send broadcast` sends.

use crate::chain::amount;
use crate::chain::btc;
use crate::chain::eth::rpc::Rpc;
use crate::chain::eth::tx::{self, Request, TokenTransfer};
use crate::chain::uri::{self, EthPay, PaymentUri, Source, Sources};
use crate::clock;
use crate::commands::send::{PayArgs, SignOpts, check_pin, write_file};
use crate::context::{Ctx, Unlocked};
use crate::error::{Error, Result};
use crate::output::{Human, Report};
use crate::sync::{eth_rpc, find_token, parse_address};
use crate::vault::audit::{self, Event, Severity};
use crate::vault::txs;
use crate::vault::wallets::{self, AccountRow, WalletRow};
use alloy_primitives::{Address, Bytes, U256};
use coffer_core::policy;
use serde::Serialize;
use std::path::Path;

/// What a person reviews before an Ethereum transaction is signed.
#[derive(Debug, Clone, Serialize)]
pub struct EthReview {
    /// EIP-155 chain id.
    pub chain_id: u64,
    /// The sender.
    pub from: String,
    /// The payee (for a token: who receives the tokens).
    pub to: String,
    /// Amount (decimal, in `currency`).
    pub amount: String,
    /// The same in base units (wei or token units).
    pub amount_units: String,
    /// `ETH` or the token symbol.
    pub currency: String,
    /// The token contract, for ERC-20 transfers.
    pub token_contract: Option<String>,
    /// Nonce.
    pub nonce: u64,
    /// Max fee per gas (gwei, decimal).
    pub max_fee_gwei: String,
    /// Max priority fee per gas (gwei, decimal).
    pub priority_fee_gwei: String,
    /// Gas limit.
    pub gas_limit: u64,
    /// The most the network fee can be: gas limit x max fee (decimal ether; with
    /// `--max`, what is kept back from the balance).
    pub max_network_fee: String,
    /// The same in wei.
    pub max_network_fee_wei: String,
    /// The most it can cost in ether: value + gas limit x max fee (decimal).
    pub max_total_cost: String,
    /// The same in wei.
    pub max_total_cost_wei: String,
    /// A payment given as a URI: where its recipient, amount, chain id and token came
    /// from.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sources: Option<Sources>,
}

impl EthReview {
    /// Builds the review of a request.
    pub fn of(r: &Request) -> Self {
        let (to, amount_units, currency, decimals, contract) = match &r.token {
            Some(t) => (
                t.to,
                t.amount,
                t.symbol.clone(),
                u32::from(t.decimals),
                Some(r.to.to_checksum(None)),
            ),
            None => (r.to, r.value, "ETH".to_string(), 18, None),
        };
        let fee = U256::from(r.gas_limit) * U256::from(r.max_fee_per_gas);
        EthReview {
            chain_id: r.chain_id,
            from: r.from.to_checksum(None),
            to: to.to_checksum(None),
            amount: crate::chain::eth::format_units(amount_units, decimals),
            amount_units: amount_units.to_string(),
            currency,
            token_contract: contract,
            nonce: r.nonce,
            max_fee_gwei: amount::format_units(r.max_fee_per_gas, 9, false),
            priority_fee_gwei: amount::format_units(r.max_priority_fee_per_gas, 9, false),
            gas_limit: r.gas_limit,
            max_network_fee: crate::chain::eth::format_units(fee, 18),
            max_network_fee_wei: fee.to_string(),
            max_total_cost: crate::chain::eth::format_units(r.max_cost(), 18),
            max_total_cost_wei: r.max_cost().to_string(),
            sources: None,
        }
    }

    /// The review as lines for people.
    pub fn human(&self, out: &mut Human) {
        out.kv(
            "Pay",
            format!("{} {} to {}", self.amount, self.currency, self.to),
        );
        if let Some(c) = &self.token_contract {
            out.kv("Token contract", c);
        }
        out.kv("From", &self.from);
        out.kv("Chain id", self.chain_id.to_string());
        out.kv("Nonce", self.nonce.to_string());
        out.kv(
            "Fees",
            format!(
                "max {} gwei, priority {} gwei, gas limit {}",
                self.max_fee_gwei, self.priority_fee_gwei, self.gas_limit
            ),
        );
        out.kv(
            "Max network fee",
            format!("{} ETH (gas limit x max fee)", self.max_network_fee),
        );
        out.kv("Max total cost", format!("{} ETH", self.max_total_cost));
        if let Some(s) = &self.sources {
            s.human(out);
        }
    }
}

/// The result of an Ethereum `send`, `send sign` or `send broadcast`.
#[derive(Debug, Serialize)]
pub struct EthSent {
    /// `broadcast` (sent to the backend), `signed` (not sent: no backend, or `send sign`)
    /// or `unsigned` (a request for the offline signer).
    pub status: &'static str,
    /// The wallet.
    pub wallet: Option<String>,
    /// EIP-155 chain id.
    pub chain_id: u64,
    /// Transaction hash (0x…), once signed.
    pub hash: Option<String>,
    /// The signed raw transaction (0x…).
    pub raw: Option<String>,
    /// The unsigned request.
    pub request: Option<Request>,
    /// The file written, if any.
    pub file: Option<String>,
    /// Whether it was sent to the network.
    pub broadcast: bool,
    /// The review.
    pub review: EthReview,
}

impl Report for EthSent {
    fn human(&self, out: &mut Human) {
        // Once: not again after the confirmation prompt showed it.
        if !crate::output::review_shown() {
            self.review.human(out);
        }
        if let Some(h) = &self.hash {
            out.kv("Transaction", h);
        }
        match self.status {
            "unsigned" => {
                out.kv(
                    "Status",
                    "unsigned request: sign it with `coffer send sign FILE` where the keys are",
                );
                if let Some(f) = &self.file {
                    out.kv("Request", f);
                }
            }
            "broadcast" => out.kv("Status", "broadcast; recorded as pending"),
            _ => {
                if let Some(f) = &self.file {
                    out.kv("Signed", f);
                }
                out.kv(
                    "Status",
                    "signed, not broadcast: `coffer send broadcast FILE` with a backend, or \
                     hand the raw transaction below to any node",
                );
                if let Some(r) = &self.raw {
                    out.line("");
                    out.line(r);
                }
            }
        }
    }
}

/// The addresses of an EVM account a payment may come from: every revealed one (at
/// least the first), with its index.
pub(crate) fn our_addresses(
    conn: &rusqlite::Connection,
    account: &AccountRow,
) -> Result<Vec<(u32, Address)>> {
    let n = if account.address.is_some() {
        1
    } else {
        wallets::next_index(conn, account.id, 0)?.max(1)
    };
    account
        .addresses(0, 0, n)?
        .into_iter()
        .enumerate()
        .map(|(i, a)| {
            let a: Address = a
                .parse()
                .map_err(|_| anyhow::anyhow!("a stored Ethereum address is malformed"))?;
            Ok((i as u32, a))
        })
        .collect()
}

/// Whether `address` is the account's: a revealed address, or the address `path`
/// (`…/0/i` of the account) derives to (an offline copy may have revealed fewer).
fn owns(
    conn: &rusqlite::Connection,
    account: &AccountRow,
    address: Address,
    path: &str,
) -> Result<bool> {
    if index_of(conn, account, address)?.is_some() {
        return Ok(true);
    }
    let prefix = account.address_path(0, 0);
    let prefix = prefix.trim_end_matches('0');
    let Some(i) = path
        .strip_prefix(prefix)
        .and_then(|i| i.parse::<u32>().ok())
        .filter(|i| *i < 0x8000_0000 && account.address.is_none())
    else {
        return Ok(false);
    };
    Ok(account.addresses(0, i, 1)?[0].parse::<Address>().ok() == Some(address))
}

/// The index of `address` among the account's revealed addresses, if it is one.
fn index_of(
    conn: &rusqlite::Connection,
    account: &AccountRow,
    address: Address,
) -> Result<Option<u32>> {
    Ok(our_addresses(conn, account)?
        .into_iter()
        .find(|(_, a)| *a == address)
        .map(|(i, _)| i))
}

/// A gwei amount (`--max-fee 30`, `1.5`) in wei.
fn gwei(s: &str, field: &'static str) -> Result<u128> {
    amount::parse_units(s, 9, field)
}

/// Levels: the node's suggested priority fee times 1, 1.5 or 2; max fee = 2 x base fee +
/// priority fee (room for two full blocks of base-fee growth).
fn level_fees(rpc: &Rpc, level: &str) -> Result<(u128, u128)> {
    let (base, tip) = rpc.fees()?;
    let tip = match level {
        "slow" => tip,
        "normal" => tip + tip / 2,
        "fast" => tip * 2,
        other => {
            return Err(Error::invalid(
                "fee",
                format!(
                    "'{other}' is not slow, normal or fast (or give --max-fee and --priority-fee in gwei)"
                ),
            ));
        }
    };
    Ok((base * 2 + tip, tip))
}

/// A payment URI given as the `--to` of an Ethereum payment (EIP-681): its payee,
/// amount (`value` in wei, or an ERC-20 `transfer`'s `uint256` in the token's units),
/// chain id and token take the place of `--to`, `--amount`, `--chain-id` and `--token`
/// (each of which, if given too, must agree); the review says where each came from.
fn eth_uri(conn: &rusqlite::Connection, args: &mut PayArgs) -> Result<Option<Sources>> {
    let mut found = None;
    for to in &args.to {
        match uri::parse(to) {
            None => {}
            Some(Err(e)) => return Err(e),
            Some(Ok(PaymentUri::Bitcoin(_))) => {
                return Err(Error::invalid(
                    "to",
                    "that is a Bitcoin payment URI (bitcoin:…); pass --chain btc (or leave --chain out)",
                ));
            }
            Some(Ok(PaymentUri::Ethereum(e))) => found = Some((to.trim().to_string(), e)),
        }
    }
    let Some((given, u)) = found else {
        return Ok(None);
    };
    if args.to.len() != 1 {
        return Err(Error::invalid(
            "to",
            "an Ethereum payment has exactly one --to",
        ));
    }
    let chain_id_source = match (u.chain_id, args.eth.chain_id) {
        (Some(a), Some(b)) if a != b => {
            return Err(Error::invalid(
                "chain-id",
                format!(
                    "the URI is for chain id {a}, --chain-id says {b}: paying on another chain than the payee asked would lose the payment"
                ),
            ));
        }
        (Some(_), Some(_)) => Source::UriAndCommandLine,
        (Some(a), None) => {
            args.eth.chain_id = Some(a);
            Source::Uri
        }
        (None, Some(_)) => Source::CommandLine,
        (None, None) => {
            return Err(Error::Usage(
                "the URI names no chain id (@1, …): give --chain-id (e.g. 1 for mainnet)".into(),
            ));
        }
    };
    let chain_id = args.eth.chain_id.unwrap_or_default();
    let (payee, units, decimals, token_source) = match u.pay {
        EthPay::Ether { to, wei } => {
            if args.eth.token.is_some() {
                return Err(Error::invalid(
                    "token",
                    "the URI asks for ether; --token would pay a token instead: leave one out",
                ));
            }
            (to, wei, 18, None)
        }
        EthPay::Transfer { token, to, units } => {
            let t = crate::vault::backends::tokens(conn, Some(chain_id))?
                .into_iter()
                .find(|t| t.address.eq_ignore_ascii_case(&token))
                .ok_or_else(|| {
                    Error::NotFound(format!(
                        "token {token} on chain id {chain_id}, which the URI pays, among your tokens: check the contract, then add it with `coffer wallet token add --chain-id {chain_id} --address {token}`"
                    ))
                })?;
            let source = match &args.eth.token {
                Some(g) => {
                    let named = find_token(conn, chain_id, g)?;
                    if !named.address.eq_ignore_ascii_case(&t.address) {
                        return Err(Error::invalid(
                            "token",
                            format!(
                                "the URI pays {} ({}), --token names {} ({}): leave one out",
                                t.symbol, t.address, named.symbol, named.address
                            ),
                        ));
                    }
                    Source::UriAndCommandLine
                }
                None => {
                    args.eth.token = Some(t.address.clone());
                    Source::Uri
                }
            };
            (to, units, u32::from(t.decimals), Some(source))
        }
    };
    args.to = vec![payee];
    let amount = match (units, args.amount.as_slice()) {
        (Some(u), []) => {
            args.amount = vec![amount::format_units(u, decimals, false)];
            Source::Uri
        }
        (Some(u), [a]) => {
            let given = amount::parse_units(a, decimals, "amount")?;
            if given != u {
                return Err(Error::invalid(
                    "amount",
                    format!(
                        "--amount {} differs from the URI's amount {}: leave one out, or make them agree",
                        amount::format_units(given, decimals, false),
                        amount::format_units(u, decimals, false)
                    ),
                ));
            }
            Source::UriAndCommandLine
        }
        (None, []) => {
            return Err(Error::invalid(
                "amount",
                "the URI names no amount: give --amount",
            ));
        }
        (None, _) => Source::CommandLine,
        (Some(_), _) => {
            return Err(Error::invalid(
                "amount",
                "an Ethereum payment has exactly one --amount",
            ));
        }
    };
    Ok(Some(Sources {
        uri: given,
        recipient: Source::Uri,
        amount,
        label: None,
        message: None,
        chain_id: Some(chain_id_source),
        token: token_source,
    }))
}

/// The gas of a plain ether payment, and of `--max` (an externally owned payee).
const ETHER_GAS: u64 = 21_000;

/// Builds the request of an Ethereum payment from the command line and, when set, the
/// backend: the sender is `--from` (one of the account's revealed addresses), else the
/// first that can pay (with a backend; without one the first address).
fn build(
    conn: &rusqlite::Connection,
    account: &AccountRow,
    args: &PayArgs,
    rpc: Option<&Rpc>,
) -> Result<Request> {
    let chain_id = args.eth.chain_id.ok_or_else(|| {
        Error::Usage("an Ethereum payment needs --chain-id (e.g. 1 for mainnet)".into())
    })?;
    let amounts = if args.max { 0 } else { 1 };
    if args.to.len() != 1 || args.amount.len() != amounts {
        return Err(Error::invalid(
            "to",
            "an Ethereum payment has exactly one --to and one --amount (or --max)",
        ));
    }
    let payee = parse_address(&args.to[0], "to")?;
    let token = args
        .eth
        .token
        .as_deref()
        .map(|t| find_token(conn, chain_id, t))
        .transpose()?;
    let decimals = token.as_ref().map_or(18, |t| u32::from(t.decimals));
    let asked = match args.amount.first() {
        Some(a) => {
            let units = U256::from(amount::parse_units(a, decimals, "amount")?);
            if units.is_zero() {
                return Err(Error::invalid("amount", "must be more than zero"));
            }
            Some(units)
        }
        None => None,
    };
    let contract = token
        .as_ref()
        .map(|t| {
            t.address
                .parse::<Address>()
                .map_err(|_| anyhow::anyhow!("a stored token address is malformed"))
        })
        .transpose()?;
    let ours = our_addresses(conn, account)?;
    let chosen = match args.from.as_slice() {
        [] => None,
        [one] => {
            let a = parse_address(one, "from")?;
            Some(ours.iter().copied().find(|(_, o)| *o == a).ok_or_else(|| {
                Error::invalid(
                    "from",
                    format!(
                        "{} is not a revealed address of this wallet's Ethereum account (see `coffer addr list --chain eth`)",
                        a.to_checksum(None)
                    ),
                )
            })?)
        }
        _ => {
            return Err(Error::invalid(
                "from",
                "an Ethereum payment comes from one address: give one --from",
            ));
        }
    };
    if args.max && rpc.is_none() {
        return Err(Error::invalid(
            "max",
            format!(
                "--max needs the sender's balance: set a backend with `coffer wallet backend set eth --chain-id {chain_id} --rpc URL`"
            ),
        ));
    }
    let mut missing = vec![];
    let fees = match (&args.eth.max_fee, &args.eth.priority_fee, rpc) {
        (Some(m), Some(p), _) => Some((gwei(m, "max-fee")?, gwei(p, "priority-fee")?)),
        (None, None, Some(r)) => Some(level_fees(r, &args.fee)?),
        (Some(_), None, _) => {
            missing.push("--priority-fee");
            None
        }
        (None, Some(_), _) => {
            missing.push("--max-fee");
            None
        }
        (None, None, None) => {
            missing.extend(["--max-fee", "--priority-fee"]);
            None
        }
    };
    if let Some((max_fee, tip)) = fees
        && tip > max_fee
    {
        return Err(Error::invalid(
            "priority-fee",
            "the priority fee cannot exceed the max fee",
        ));
    }
    // What a payment from `from` sends: (to, value, data, token transfer).
    let shape = |units: U256| match (&token, contract) {
        (Some(t), Some(c)) => (
            c,
            U256::ZERO,
            tx::transfer_data(payee, units),
            Some(TokenTransfer {
                symbol: t.symbol.clone(),
                decimals: t.decimals,
                to: payee,
                amount: units,
            }),
        ),
        _ => (payee, units, Bytes::new(), None),
    };
    // With a backend: the sender's balances decide the amount (--max) and whether it can
    // pay; the gas comes from the node unless given.
    struct Plan {
        index: u32,
        from: Address,
        units: U256,
        gas: Option<u64>,
    }
    let plan = |index: u32, from: Address, r: &Rpc| -> Result<std::result::Result<Plan, Error>> {
        let max_fee = fees.map_or(0, |f| f.0);
        let eth = r.balance(from)?;
        let units = match (asked, contract) {
            (Some(u), Some(c)) => {
                let have = tx::decode_balance(&r.eth_call(c, &tx::balance_of_data(from))?)?;
                if have < u {
                    return Ok(Err(short(
                        u,
                        have,
                        &token.as_ref().map_or(String::new(), |t| t.symbol.clone()),
                        decimals,
                    )));
                }
                u
            }
            // Checked before the gas estimate, which a node may refuse for an address
            // that cannot cover the value.
            (Some(u), None) if eth < u => return Ok(Err(short(u, eth, "ETH", 18))),
            (Some(u), None) => u,
            (None, Some(c)) => {
                let have = tx::decode_balance(&r.eth_call(c, &tx::balance_of_data(from))?)?;
                if have.is_zero() {
                    return Ok(Err(Error::invalid(
                        "max",
                        format!(
                            "{} holds no {}",
                            from.to_checksum(None),
                            token.as_ref().map_or("", |t| t.symbol.as_str())
                        ),
                    )));
                }
                have
            }
            // --max of ether: the balance minus the exact fee (gas limit x max fee).
            (None, None) => {
                let gas = args.eth.gas_limit.unwrap_or(ETHER_GAS);
                let fee = U256::from(gas) * U256::from(max_fee);
                if eth <= fee {
                    return Ok(Err(short(fee + U256::from(1u8), eth, "ETH", 18)));
                }
                eth - fee
            }
        };
        let (to, value, data, _) = shape(units);
        let gas = match (args.eth.gas_limit, asked, contract) {
            (Some(g), _, _) => g,
            (None, None, None) => ETHER_GAS,
            _ => r.estimate_gas(from, to, value, &data)?,
        };
        let need = value + U256::from(gas) * U256::from(max_fee);
        if eth < need {
            return Ok(Err(short(need, eth, "ETH", 18)));
        }
        Ok(Ok(Plan {
            index,
            from,
            units,
            gas: Some(gas),
        }))
    };
    let plan = match (rpc, chosen) {
        (Some(r), Some((i, a))) => plan(i, a, r)??,
        (Some(r), None) => {
            let mut first_err = None;
            let mut able = vec![];
            for (i, a) in &ours {
                match plan(*i, *a, r)? {
                    Ok(p) => able.push(p),
                    Err(e) => {
                        first_err.get_or_insert(e);
                    }
                }
                // A fixed amount: the first address that can pay it.
                if asked.is_some() && !able.is_empty() {
                    break;
                }
            }
            match able.len() {
                0 => {
                    return Err(first_err
                        .unwrap_or_else(|| Error::invalid("from", "no address can pay this")));
                }
                1 => able.remove(0),
                // --max empties one address: which one must be said.
                _ => {
                    return Err(Error::invalid(
                        "from",
                        format!(
                            "--max empties one address and {} hold funds ({}): give --from ADDRESS",
                            able.len(),
                            able.iter()
                                .map(|p| p.from.to_checksum(None))
                                .collect::<Vec<_>>()
                                .join(", ")
                        ),
                    ));
                }
            }
        }
        (None, chosen) => {
            let (index, from) = chosen.unwrap_or(ours[0]);
            Plan {
                index,
                from,
                units: asked.unwrap_or_default(),
                gas: args.eth.gas_limit,
            }
        }
    };
    let Plan {
        index,
        from,
        units,
        gas,
    } = plan;
    let (to, value, data, transfer) = shape(units);
    let nonce = match (args.eth.nonce, rpc) {
        (Some(n), _) => Some(n),
        (None, Some(r)) => Some(r.nonce(from, "pending")?),
        (None, None) => {
            missing.push("--nonce");
            None
        }
    };
    if gas.is_none() {
        missing.push("--gas-limit");
    }
    let (Some(nonce), Some((max_fee, tip)), Some(gas_limit)) = (nonce, fees, gas) else {
        return Err(Error::invalid(
            "fee",
            format!(
                "there is no backend for chain id {chain_id}, so give {} (or set one with \
                 `coffer wallet backend set eth --chain-id {chain_id} --rpc URL`)",
                missing.join(", ")
            ),
        ));
    };
    Ok(Request {
        format: "coffer-eth-request".into(),
        version: 1,
        chain_id,
        nonce,
        from,
        path: account.address_path(0, index),
        to,
        value,
        data,
        gas_limit,
        max_fee_per_gas: max_fee,
        max_priority_fee_per_gas: tip,
        token: transfer,
    })
}

/// The insufficient-funds error in `unit` with `decimals`.
fn short(need: U256, have: U256, unit: &str, decimals: u32) -> Error {
    let d = |v: U256| crate::chain::eth::format_units(v, decimals);
    Error::InsufficientFunds {
        needed: d(need),
        available: d(have),
        unit: unit.into(),
        needed_units: need.to_string(),
        available_units: have.to_string(),
    }
}

/// Refuses a payment whose value + gas limit x max fee the sender's ether cannot cover
/// (token amounts are checked while building).
fn check_funds(rpc: &Rpc, r: &Request) -> Result<()> {
    let eth = rpc.balance(r.from)?;
    let need = r.max_cost();
    if eth < need {
        return Err(short(need, eth, "ETH", 18));
    }
    Ok(())
}

/// The signing key of `path` in a hot wallet.
pub(crate) fn signing_key(
    conn: &rusqlite::Connection,
    w: &WalletRow,
    path: &str,
) -> Result<bitcoin::secp256k1::SecretKey> {
    let secret = wallets::secret(conn, w.id)?.ok_or_else(|| {
        Error::invalid(
            "wallet",
            format!(
                "'{}' is watch-only: write a request with --unsigned-out and sign it where the keys are",
                w.name
            ),
        )
    })?;
    let master = btc::master(&secret.seed()?[..], crate::chain::Network::Bitcoin)?;
    let secp = bitcoin::secp256k1::Secp256k1::new();
    let child = master
        .derive_priv(&secp, &btc::path(path)?)
        .map_err(|e| anyhow::anyhow!("deriving the signing key: {e}"))?;
    Ok(child.private_key)
}

/// Records a signed transaction as pending in the sender's wallet, with an audit event,
/// in one vault write that first checks the PIN (`pin`, when given: a wrong one is
/// counted, nothing recorded, and its error returned). One to be broadcast is marked as
/// not broadcast yet: the broadcast comes after the commit, with no lock held.
#[allow(clippy::too_many_arguments)]
fn record(
    unlocked: &Unlocked,
    account: &AccountRow,
    w: &str,
    r: &Request,
    raw: &[u8],
    hash: &str,
    event: &str,
    to_broadcast: bool,
    pin: Option<&secrecy::SecretString>,
) -> Result<()> {
    let review = EthReview::of(r);
    let payee = r.token.as_ref().map_or(r.to, |t| t.to);
    unlocked.vault.write_light(|c| {
        if let Some(p) = pin {
            let action = serde_json::json!({ "wallet": w, "action": "sign" });
            if let Some(wrong) = crate::commands::gate::pin_in(c, p, action)? {
                return Ok(Err(wrong));
            }
        }
        let self_transfer = index_of(c, account, payee)?.is_some();
        txs::record_eth_sent(
            c,
            &txs::EthSent {
                account_id: account.id,
                hash,
                asset: &review.currency,
                amount: &review.amount_units,
                counterparty: &review.to,
                address: &review.from,
                self_transfer,
                chain_id: r.chain_id,
                raw,
            },
            clock::now_ms(),
        )?;
        if to_broadcast {
            txs::mark_unbroadcast(c, account.id, hash)?;
        }
        let details = serde_json::json!({ "wallet": w, "hash": hash, "chain_id": r.chain_id });
        audit::record(c, &Event::new(event, Severity::Info, true, details))?;
        Ok(Ok(()))
    })?
}

/// Broadcasts a transaction [`record`] committed, with no lock held. The backend's
/// refusal is returned after one more write: the row becomes `abandoned` (nothing was
/// sent) and the refusal audited. A backend that did not answer leaves the row pending
/// and marked: the next `wallet sync` sends it.
fn broadcast_recorded(
    unlocked: &Unlocked,
    account: &AccountRow,
    w: &str,
    rpc: &Rpc,
    raw: &[u8],
    hash: alloy_primitives::B256,
) -> Result<()> {
    crate::commands::send::fault("after-commit");
    let hash_hex = format!("{hash:#x}");
    match rpc.send_raw(raw) {
        Ok(sent) if sent == hash => Ok(()),
        Ok(sent) => Err(Error::Backend(format!(
            "the node answered hash {sent:#x} for transaction {hash_hex}"
        ))),
        Err(e) if e.to_string().starts_with("eth_sendRawTransaction:") => {
            unlocked.vault.write_light(|c| {
                txs::mark_abandoned(c, account.id, &hash_hex)?;
                txs::clear_unbroadcast(c, account.id, &hash_hex)?;
                let details = serde_json::json!({
                    "wallet": w, "hash": hash_hex, "reason": e.to_string(),
                });
                audit::record(
                    c,
                    &Event::new("eth_tx_refused", Severity::Info, true, details),
                )
            })?;
            Err(e)
        }
        Err(e) => Err(Error::Backend(format!(
            "{e}; {hash_hex} is recorded as pending: `coffer wallet sync` broadcasts it"
        ))),
    }
}

/// Runs `coffer send --chain eth …`.
pub fn pay(ctx: &Ctx, args: PayArgs) -> Result<EthSent> {
    if !args.exclude.is_empty() {
        return Err(Error::Usage(
            "--exclude chooses Bitcoin coins; an Ethereum payment is sent from one address (--from ADDRESS)".into(),
        ));
    }
    let unlocked = ctx.unlock()?;
    let conn = unlocked.vault.read()?;
    let mut args = args;
    let sources = eth_uri(&conn, &mut args)?;
    let w = wallets::resolve(&conn, args.wallet.as_deref())?;
    let account = w.account_for(Some(crate::chain::Chain::Eth))?;
    if args.eth.chain_id.is_none() {
        // With one EVM backend set, its chain is the default.
        args.eth.chain_id = Some(crate::sync::default_chain_id(&conn, "an Ethereum payment")?);
    }
    let chain_id = args.eth.chain_id.unwrap_or_default();
    let rpc = match args.eth.chain_id {
        Some(id) => eth_rpc(&conn, id)?,
        None => None,
    };
    let request = build(&conn, account, &args, rpc.as_ref())?;
    if let Some(r) = &rpc {
        check_funds(r, &request)?;
    }
    let review = EthReview {
        sources,
        ..EthReview::of(&request)
    };
    let hot = wallets::secret(&conn, w.id)?.is_some();
    if args.out.unsigned_out.is_some() || !hot {
        unlocked.vault.write_light(|c| {
            audit::record(
                c,
                &Event::new(
                    "send_built",
                    Severity::Info,
                    true,
                    serde_json::json!({ "wallet": w.name, "chain_id": chain_id, "unsigned": true }),
                ),
            )
        })?;
        let json = serde_json::to_string_pretty(&request).map_err(anyhow::Error::from)?;
        if let Some(p) = &args.out.unsigned_out {
            write_file(p, &format!("{json}\n"), "unsigned-out")?;
        }
        return Ok(EthSent {
            status: "unsigned",
            wallet: Some(w.name.clone()),
            chain_id,
            hash: None,
            raw: None,
            request: Some(request),
            file: args
                .out
                .unsigned_out
                .as_ref()
                .map(|p| p.display().to_string()),
            broadcast: false,
            review,
        });
    }
    hold_if_policy(&unlocked, &conn, (&w.name, account.id), &request, &review)?;
    let mut text = Human::default();
    review.human(&mut text);
    ctx.input
        .confirm(&text.finish(), "Sign this transaction?", args.sign.yes)?;
    crate::output::review_confirmed(args.sign.yes);
    let pin = crate::commands::gate::ask_pin(ctx, &conn, args.sign.pin_file.as_deref())?;
    sign_and_send(
        &unlocked,
        &conn,
        &w,
        account,
        &request,
        rpc.as_ref().filter(|_| !args.out.no_broadcast),
        args.out.raw_out.as_deref(),
        review,
        Some(&pin),
    )
}

/// The spending policy (limits, new recipients, level high) for an EVM send about to
/// be signed: when it catches it, the request is held for `send confirm` and the
/// `approval_required` error returned.
fn hold_if_policy(
    unlocked: &Unlocked,
    conn: &rusqlite::Connection,
    (wallet, account_id): (&str, i64),
    request: &Request,
    review: &EthReview,
) -> Result<()> {
    let outgoing = policy::Outgoing {
        asset: &review.currency,
        decimals: request.token.as_ref().map_or(18, |t| u32::from(t.decimals)),
        fixed: false,
        amount: review.amount_units.parse().unwrap_or(u128::MAX),
        recipients: vec![review.to.clone()],
    };
    let why = policy::reasons(conn, &outgoing, clock::now())?;
    if why.is_empty() {
        return Ok(());
    }
    let held = policy::Held {
        chain: "eth",
        wallet,
        outgoing,
        payload: serde_json::to_string(request).map_err(anyhow::Error::from)?,
        note: None,
        chain_id: Some(request.chain_id),
        account_id,
    };
    Err(policy::hold(&unlocked.vault, &held, why))
}

/// Signs `request`, records it (checking the PIN in the same write, when given), and
/// broadcasts it after the commit when a backend is given.
#[allow(clippy::too_many_arguments)]
fn sign_and_send(
    unlocked: &crate::context::Unlocked,
    conn: &rusqlite::Connection,
    w: &WalletRow,
    account: &AccountRow,
    request: &Request,
    rpc: Option<&Rpc>,
    raw_out: Option<&std::path::Path>,
    review: EthReview,
    pin: Option<&secrecy::SecretString>,
) -> Result<EthSent> {
    let key = signing_key(conn, w, &request.path)?;
    let (raw, hash) = request.sign(&key)?;
    let hash_hex = format!("{hash:#x}");
    let broadcast = rpc.is_some();
    record(
        unlocked,
        account,
        &w.name,
        request,
        &raw,
        &hash_hex,
        if broadcast {
            "tx_broadcast"
        } else {
            "eth_tx_signed"
        },
        broadcast,
        pin,
    )?;
    if let Some(r) = rpc {
        broadcast_recorded(unlocked, account, &w.name, r, &raw, hash)?;
    }
    let raw_hex = format!("0x{}", hex::encode(&raw));
    if let Some(p) = raw_out {
        write_file(p, &format!("{raw_hex}\n"), "raw-out")?;
    }
    Ok(EthSent {
        status: if broadcast { "broadcast" } else { "signed" },
        wallet: Some(w.name.clone()),
        chain_id: request.chain_id,
        hash: Some(hash_hex),
        raw: Some(raw_hex),
        request: None,
        file: None,
        broadcast,
        review,
    })
}

/// `send confirm` of a held EVM send: the review again, the gate, sign, broadcast.
pub fn confirm(
    ctx: &Ctx,
    unlocked: &crate::context::Unlocked,
    a: &policy::Approval,
    args: &crate::commands::approval::ConfirmArgs,
) -> Result<EthSent> {
    let conn = unlocked.vault.read()?;
    let w = wallets::get(&conn, &a.wallet)?;
    let account = w.account_for(Some(crate::chain::Chain::Eth))?;
    let request: Request = serde_json::from_str(&a.payload)
        .map_err(|e| anyhow::anyhow!("the held request does not parse: {e}"))?;
    let rpc = eth_rpc(&conn, request.chain_id)?;
    let review = EthReview::of(&request);
    let mut text = Human::default();
    review.human(&mut text);
    ctx.input
        .confirm(&text.finish(), "Sign this transaction?", args.yes)?;
    crate::output::review_confirmed(args.yes);
    let decimals = request.token.as_ref().map_or(18, |t| u32::from(t.decimals));
    crate::commands::approval::confirm_gate(ctx, unlocked, a, args, decimals, false)?;
    let sent = sign_and_send(
        unlocked,
        &conn,
        &w,
        account,
        &request,
        rpc.as_ref(),
        args.raw_out.as_deref(),
        review,
        None,
    )?;
    unlocked.vault.write_light(|c| {
        policy::close(
            c,
            a,
            "approved",
            serde_json::json!({ "wallet": a.wallet, "hash": sent.hash }),
        )
    })?;
    Ok(sent)
}

/// Whether a file holds an Ethereum request (JSON) rather than a PSBT.
pub fn is_request(raw: &[u8]) -> bool {
    raw.iter()
        .find(|b| !b.is_ascii_whitespace())
        .is_some_and(|b| *b == b'{')
}

/// Whether a file holds a signed EIP-1559 transaction in hex.
pub fn is_signed_tx(raw: &[u8]) -> bool {
    let t = std::str::from_utf8(raw).unwrap_or("").trim();
    let h = t.strip_prefix("0x").unwrap_or(t);
    // Type 2, then an RLP list (0xc0 and up); a Bitcoin transaction of version 2
    // starts 02 00.
    h.len() > 4
        && h.bytes().all(|b| b.is_ascii_hexdigit())
        && h.starts_with("02")
        && u8::from_str_radix(&h[2..4], 16).is_ok_and(|b| b >= 0xc0)
}

/// `send sign FILE` of an Ethereum request: the sender must be an address of this vault
/// whose path derives to it; review, confirmation and PIN; writes the signed raw
/// transaction (hex) and records it as pending.
pub fn sign(
    ctx: &Ctx,
    raw: &[u8],
    file: &Path,
    out: Option<&Path>,
    wallet: Option<&str>,
    opts: &SignOpts,
) -> Result<EthSent> {
    let request: Request = serde_json::from_slice(raw).map_err(|e| {
        Error::invalid(
            "request",
            format!("{} is not a coffer Ethereum request: {e}", file.display()),
        )
    })?;
    if request.format != "coffer-eth-request" || request.version != 1 {
        return Err(Error::invalid(
            "request",
            "not a coffer-eth-request of version 1",
        ));
    }
    let unlocked = ctx.unlock()?;
    let conn = unlocked.vault.read()?;
    let candidates = match wallet {
        Some(n) => vec![wallets::get(&conn, n)?],
        None => wallets::list(&conn)?,
    };
    let mut found = None;
    for w in candidates {
        if let Ok(account) = w.account_for(Some(crate::chain::Chain::Eth))
            && owns(&conn, account, request.from, &request.path)?
        {
            let account = account.clone();
            found = Some((w, account));
            break;
        }
    }
    let (w, account) = found.ok_or_else(|| {
        Error::invalid(
            "request",
            format!(
                "its sender {} is not an address of this vault's wallets",
                request.from.to_checksum(None)
            ),
        )
    })?;
    // The key at the request's path must be the sender's.
    let key = signing_key(&conn, &w, &request.path)?;
    let secp = bitcoin::secp256k1::Secp256k1::new();
    let derived =
        Address::from_raw_public_key(&key.public_key(&secp).serialize_uncompressed()[1..]);
    if derived != request.from {
        return Err(Error::invalid(
            "request",
            format!("its path {} does not derive to its sender", request.path),
        ));
    }
    let review = EthReview::of(&request);
    // A request made elsewhere meets the same policy as a send made here.
    hold_if_policy(&unlocked, &conn, (&w.name, account.id), &request, &review)?;
    let mut text = Human::default();
    review.human(&mut text);
    ctx.input
        .confirm(&text.finish(), "Sign this transaction?", opts.yes)?;
    crate::output::review_confirmed(opts.yes);
    check_pin(ctx, &unlocked, opts, &w.name)?;
    let (raw_tx, hash) = request.sign(&key)?;
    let hash_hex = format!("{hash:#x}");
    let raw_hex = format!("0x{}", hex::encode(&raw_tx));
    let out = out.map(Path::to_path_buf).unwrap_or_else(|| {
        let stem = file
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        file.with_file_name(format!("{stem}.signed.txt"))
    });
    write_file(&out, &format!("{raw_hex}\n"), "out")?;
    record(
        &unlocked,
        &account,
        &w.name,
        &request,
        &raw_tx,
        &hash_hex,
        "eth_tx_signed",
        false,
        None,
    )?;
    Ok(EthSent {
        status: "signed",
        wallet: Some(w.name.clone()),
        chain_id: request.chain_id,
        hash: Some(hash_hex),
        raw: Some(raw_hex),
        request: None,
        file: Some(out.display().to_string()),
        broadcast: false,
        review,
    })
}

/// `send broadcast FILE` of a signed Ethereum transaction: sent with the backend of its
/// chain id, recorded as pending in the wallet it comes from.
pub fn broadcast(ctx: &Ctx, raw: &[u8]) -> Result<EthSent> {
    let text = std::str::from_utf8(raw).unwrap_or("").trim();
    let bytes = hex::decode(text.strip_prefix("0x").unwrap_or(text))
        .map_err(|_| Error::invalid("file", "not a raw transaction in hex"))?;
    let decoded = tx::decode(&bytes)?;
    let r = &decoded.request;
    let unlocked = ctx.unlock()?;
    let conn = unlocked.vault.read()?;
    let rpc = eth_rpc(&conn, r.chain_id)?.ok_or_else(|| {
        Error::Backend(format!(
            "no backend for chain id {}: set one with `coffer wallet backend set eth --chain-id {} --rpc URL`",
            r.chain_id, r.chain_id
        ))
    })?;
    let sent = rpc.send_raw(&bytes)?;
    let hash_hex = format!("{:#x}", decoded.hash);
    if sent != decoded.hash {
        return Err(Error::Backend(format!(
            "the node answered hash {sent:#x} for {hash_hex}"
        )));
    }
    let mut wallet = None;
    for w in wallets::list(&conn)? {
        if let Ok(account) = w.account_for(Some(crate::chain::Chain::Eth))
            && index_of(&conn, account, r.from)?.is_some()
        {
            let mut request = r.clone();
            request.token = token_of(&conn, r)?;
            record(
                &unlocked,
                account,
                &w.name,
                &request,
                &bytes,
                &hash_hex,
                "tx_broadcast",
                false,
                None,
            )?;
            wallet = Some(w.name.clone());
            break;
        }
    }
    let mut request = r.clone();
    request.token = token_of(&conn, r)?;
    Ok(EthSent {
        status: "broadcast",
        wallet,
        chain_id: r.chain_id,
        hash: Some(hash_hex),
        raw: Some(format!("0x{}", hex::encode(&bytes))),
        request: None,
        file: None,
        broadcast: true,
        review: EthReview::of(&request),
    })
}

/// The token transfer a decoded transaction carries, when its contract is a known token
/// and its calldata a `transfer`.
fn token_of(conn: &rusqlite::Connection, r: &Request) -> Result<Option<TokenTransfer>> {
    let Some(t) = crate::vault::backends::tokens(conn, Some(r.chain_id))?
        .into_iter()
        .find(|t| t.address.eq_ignore_ascii_case(&r.to.to_checksum(None)))
    else {
        return Ok(None);
    };
    Ok(
        tx::decode_transfer(&r.data).map(|(to, amount)| TokenTransfer {
            symbol: t.symbol,
            decimals: t.decimals,
            to,
            amount,
        }),
    )
}

/// The fees of an EVM replacement (`send bump 0x…`, `send cancel-eth`).
#[derive(Debug, Clone, Default)]
pub struct ReplaceFees {
    /// slow, normal or fast (from the backend).
    pub level: Option<String>,
    /// Max fee per gas (gwei).
    pub max_fee: Option<String>,
    /// Max priority fee per gas (gwei).
    pub priority_fee: Option<String>,
}

impl ReplaceFees {
    /// From the command line: a level, or explicit fees.
    pub fn of(level: Option<String>, explicit: &crate::commands::send::ReplaceFeeArgs) -> Self {
        ReplaceFees {
            level,
            max_fee: explicit.max_fee.clone(),
            priority_fee: explicit.priority_fee.clone(),
        }
    }
}

/// The smallest fee a replacement may pay: 10 % over the original, rounded up (what
/// geth, reth and anvil require of both fees).
fn bumped(fee: u128) -> u128 {
    fee + fee.div_ceil(10)
}

/// `send bump 0xHASH` (the same transaction again with higher fees) and `send cancel-eth
/// 0xHASH` (a zero-value transaction to ourselves): the same nonce, so once one is
/// mined the others cannot be. The original is marked `replaced`. `wallet` (`send bump
/// --wallet`): the wallet that sent it, else `not_found`.
pub fn replace(
    ctx: &Ctx,
    hash: &str,
    wallet: Option<&str>,
    fees: &ReplaceFees,
    cancel: bool,
    out: &crate::commands::send::OutOpts,
    sign: &SignOpts,
) -> Result<EthSent> {
    let hash = hash.trim();
    let well_formed = hash
        .strip_prefix("0x")
        .is_some_and(|h| h.len() == 64 && h.bytes().all(|b| b.is_ascii_hexdigit()));
    if !well_formed {
        return Err(Error::invalid(
            "txid",
            format!("'{hash}' is not an Ethereum transaction hash (0x and 64 hex digits)"),
        ));
    }
    let unlocked = ctx.unlock()?;
    let conn = unlocked.vault.read()?;
    let txs::EthRecorded {
        account_id,
        chain_id,
        status,
        raw,
    } = txs::eth_sent(&conn, hash)?
        .ok_or_else(|| Error::NotFound(format!("transaction {hash} in this vault's history")))?;
    if status != "pending" {
        let by = match txs::replacement(&conn, account_id, hash)? {
            (_, Some(by)) if status == "replaced" => {
                format!(" (by {by}: replace that one instead)")
            }
            _ => String::new(),
        };
        return Err(Error::invalid(
            "txid",
            format!("{hash} is {status}{by}: only a pending transaction can be replaced"),
        ));
    }
    let raw = raw.ok_or_else(|| {
        Error::invalid(
            "txid",
            format!("{hash} was not sent from this vault: nothing to replace"),
        )
    })?;
    let (w, account) = wallets::list(&conn)?
        .into_iter()
        .find_map(|w| {
            let a = w.accounts.iter().find(|a| a.id == account_id)?.clone();
            Some((w, a))
        })
        .ok_or_else(|| Error::NotFound(format!("the wallet of {hash}")))?;
    if let Some(name) = wallet.filter(|n| *n != w.name) {
        wallets::get(&conn, name)?;
        return Err(Error::NotFound(format!(
            "transaction {hash} sent by wallet {name} (wallet {} sent it)",
            w.name
        )));
    }
    let old = tx::decode(&raw)?.request;
    let rpc = eth_rpc(&conn, chain_id)?;
    let (min_max, min_tip) = (
        bumped(old.max_fee_per_gas),
        bumped(old.max_priority_fee_per_gas),
    );
    let (max_fee, tip) = match (&fees.max_fee, &fees.priority_fee, &fees.level) {
        (Some(m), Some(p), None) => {
            let (m, p) = (gwei(m, "max-fee")?, gwei(p, "priority-fee")?);
            if m < min_max || p < min_tip {
                return Err(Error::invalid(
                    "fee",
                    format!(
                        "a replacement must pay at least 10 % more: --max-fee {} and --priority-fee {} gwei or higher",
                        amount::format_units(min_max, 9, false),
                        amount::format_units(min_tip, 9, false)
                    ),
                ));
            }
            (m, p)
        }
        (None, None, level) => {
            let level = level.as_deref().unwrap_or("fast");
            let (m, p) = match &rpc {
                Some(r) => level_fees(r, level)?,
                None => {
                    return Err(Error::Usage(format!(
                        "no backend for chain {chain_id}: give --max-fee and --priority-fee (gwei)"
                    )));
                }
            };
            (m.max(min_max), p.max(min_tip))
        }
        _ => {
            return Err(Error::Usage(
                "give --fee slow|normal|fast, or both --max-fee and --priority-fee (gwei)".into(),
            ));
        }
    };
    // Signed by the address that sent the original (nonces are per address).
    let index = index_of(&conn, &account, old.from)?.ok_or_else(|| {
        Error::invalid(
            "txid",
            format!("{hash} was not signed by an address of this wallet"),
        )
    })?;
    let mut request = Request {
        path: account.address_path(0, index),
        max_fee_per_gas: max_fee,
        max_priority_fee_per_gas: tip.min(max_fee),
        ..old.clone()
    };
    if cancel {
        request.to = old.from;
        request.value = U256::ZERO;
        request.data = Bytes::new();
        request.gas_limit = 21_000;
        request.token = None;
    }
    let review = EthReview::of(&request);
    let mut text = Human::default();
    text.kv(
        if cancel { "Cancel" } else { "Replace" },
        format!("{hash} (nonce {})", request.nonce),
    );
    review.human(&mut text);
    ctx.input.confirm(
        &text.finish(),
        if cancel {
            "Sign the cancellation?"
        } else {
            "Sign the replacement?"
        },
        sign.yes,
    )?;
    crate::output::review_confirmed(sign.yes);
    check_pin(ctx, &unlocked, sign, &w.name)?;
    let sent = sign_and_send(
        &unlocked,
        &conn,
        &w,
        &account,
        &request,
        rpc.as_ref().filter(|_| !out.no_broadcast),
        out.raw_out.as_deref(),
        review,
        None,
    )?;
    if let Some(new) = &sent.hash {
        unlocked.vault.write_light(|c| {
            txs::mark_replaced(c, account.id, hash, new)?;
            let details = serde_json::json!({
                "wallet": w.name, "replaced": hash, "by": new, "cancel": cancel,
            });
            audit::record(
                c,
                &Event::new("eth_tx_replaced", Severity::Info, true, details),
            )
        })?;
    }
    Ok(sent)
}
