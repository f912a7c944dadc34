//! Ethereum payments (ether and ERC-20, EIP-1559 with EIP-155 chain ids): the plan (a
//! payment URI's resolution, the sender, the fees, the gas, the funds), the policy's
//! checks before signing, the commit (sign, record as pending, the PIN checked in the
//! same write by the caller's gate) and the broadcast after the commit; replacements
//! (`send bump 0x…`, `send cancel-eth`), offline signing and broadcasting a signed file.
//! The review, the confirmation and the PIN prompt are the caller's.

use crate::chain::amount;
use crate::chain::asset::Asset;
use crate::chain::btc;
use crate::chain::eth::rpc::Rpc;
use crate::chain::eth::tx::{self, Request, TokenTransfer};
use crate::chain::uri::{self, EthPay, PaymentUri, Source, Sources};
use crate::clock;
use crate::error::{Error, Result};
use crate::policy;
use crate::sync::{eth_rpc, find_token, parse_address};
use crate::vault::audit::{self, Event, Severity};
use crate::vault::txs;
use crate::vault::wallets::{self, AccountRow, WalletRow};
use crate::vault::{Vault, fsio};
use alloy_primitives::{Address, B256, Bytes, U256};
use serde::Serialize;

/// An Ethereum payment as asked: the command line's values, unparsed.
#[derive(Debug, Clone, Default)]
pub struct Payment {
    /// The payee: one address, or an EIP-681 payment URI.
    pub to: Vec<String>,
    /// The amount (decimal, in ether or the token's unit).
    pub amount: Vec<String>,
    /// Everything: one address's ether minus the fee, or its whole token balance.
    pub max: bool,
    /// The fee level: slow, normal or fast.
    pub fee: String,
    /// The one address to pay from.
    pub from: Vec<String>,
    /// EIP-155 chain id.
    pub chain_id: Option<u64>,
    /// An ERC-20 token by symbol or contract address.
    pub token: Option<String>,
    /// Max fee per gas (gwei).
    pub max_fee: Option<String>,
    /// Max priority fee per gas (gwei).
    pub priority_fee: Option<String>,
    /// Gas limit.
    pub gas_limit: Option<u64>,
    /// Nonce.
    pub nonce: Option<u64>,
}

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

/// The addresses of an EVM account a payment may come from: every revealed one (at
/// least the first), with its index.
pub fn our_addresses(
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
pub fn owns(
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
pub fn index_of(
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
fn eth_uri(conn: &rusqlite::Connection, args: &mut Payment) -> Result<Option<Sources>> {
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
    let chain_id_source = match (u.chain_id, args.chain_id) {
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
            args.chain_id = Some(a);
            Source::Uri
        }
        (None, Some(_)) => Source::CommandLine,
        (None, None) => {
            return Err(Error::Usage(
                "the URI names no chain id (@1, …): give --chain-id (e.g. 1 for mainnet)".into(),
            ));
        }
    };
    let chain_id = args.chain_id.unwrap_or_default();
    let (payee, units, decimals, token_source) = match u.pay {
        EthPay::Ether { to, wei } => {
            if args.token.is_some() {
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
            let source = match &args.token {
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
                    args.token = Some(t.address.clone());
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
    args: &Payment,
    rpc: Option<&Rpc>,
) -> Result<Request> {
    let chain_id = args.chain_id.ok_or_else(|| {
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
    let fees = match (&args.max_fee, &args.priority_fee, rpc) {
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
                let gas = args.gas_limit.unwrap_or(ETHER_GAS);
                let fee = U256::from(gas) * U256::from(max_fee);
                if eth <= fee {
                    return Ok(Err(short(fee + U256::from(1u8), eth, "ETH", 18)));
                }
                eth - fee
            }
        };
        let (to, value, data, _) = shape(units);
        let gas = match (args.gas_limit, asked, contract) {
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
                gas: args.gas_limit,
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
    let nonce = match (args.nonce, rpc) {
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
pub fn signing_key(
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

/// The spending policy (limits, new recipients, level high) for an EVM send about to
/// be signed: when it catches it, the request is held for `send confirm` and the
/// `approval_required` error returned.
pub fn hold_if_policy(
    vault: &Vault,
    conn: &rusqlite::Connection,
    (wallet, account_id): (&str, i64),
    request: &Request,
    review: &EthReview,
) -> Result<()> {
    let outgoing = policy::Outgoing {
        asset: match &request.token {
            Some(t) => Asset::Erc20 {
                chain_id: request.chain_id,
                contract: request.to.to_checksum(None),
                decimals: t.decimals,
                symbol: t.symbol.clone(),
            },
            None => Asset::Ether {
                chain_id: request.chain_id,
            },
        },
        // Beyond u128 base units: over any limit a policy can hold.
        amount: review.amount_units.parse().unwrap_or(u128::MAX),
        recipients: vec![review.to.clone()],
    };
    let why = policy::reasons(conn, &outgoing, clock::now())?;
    if why.is_empty() {
        return Ok(());
    }
    let held = policy::Held {
        chain: crate::chain::Chain::Eth,
        wallet,
        outgoing,
        payload: serde_json::to_string(request).map_err(anyhow::Error::from)?,
        note: None,
        chain_id: Some(request.chain_id),
        account_id,
    };
    Err(policy::hold(vault, &held, why))
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

/// The smallest fee a replacement may pay: 10 % over the original, rounded up (what
/// geth, reth and anvil require of both fees).
fn bumped(fee: u128) -> u128 {
    fee + fee.div_ceil(10)
}

/// A payment planned: the request to sign, its review, and where it goes.
pub struct Planned {
    /// The paying wallet.
    pub wallet: WalletRow,
    /// Its EVM account.
    pub account: AccountRow,
    /// The request.
    pub request: Request,
    /// Its review (with the URI's sources).
    pub review: EthReview,
    /// The backend of the chain, if one is set.
    pub rpc: Option<Rpc>,
    /// Whether the wallet holds keys (else only an unsigned request can be made).
    pub hot: bool,
}

/// Plans an Ethereum payment of `wallet` (default: the only one) on one snapshot of the
/// vault: the URI resolved, the chain id (default: the only EVM backend's), the request
/// built and, with a backend, the sender's funds checked.
pub fn plan(conn: &rusqlite::Connection, wallet: Option<&str>, args: Payment) -> Result<Planned> {
    let mut args = args;
    let sources = eth_uri(conn, &mut args)?;
    let w = wallets::resolve(conn, wallet)?;
    let account = w.account_for(Some(crate::chain::Chain::Eth))?.clone();
    if args.chain_id.is_none() {
        // With one EVM backend set, its chain is the default.
        args.chain_id = Some(crate::sync::default_chain_id(conn, "an Ethereum payment")?);
    }
    let rpc = match args.chain_id {
        Some(id) => eth_rpc(conn, id)?,
        None => None,
    };
    let request = build(conn, &account, &args, rpc.as_ref())?;
    if let Some(r) = &rpc {
        check_funds(r, &request)?;
    }
    let review = EthReview {
        sources,
        ..EthReview::of(&request)
    };
    let hot = wallets::secret(conn, w.id)?.is_some();
    Ok(Planned {
        wallet: w,
        account,
        request,
        review,
        rpc,
        hot,
    })
}

/// An unsigned request made (`--unsigned-out`, or a watch-only wallet): audited
/// (`send_built`) in one write; `file` is where the caller wrote it.
pub fn unsigned(vault: &Vault, p: Planned, file: Option<String>) -> Result<EthSent> {
    let chain_id = p.request.chain_id;
    vault.write_light(|c| {
        audit::record(
            c,
            &Event::new(
                "send_built",
                Severity::Info,
                true,
                serde_json::json!({ "wallet": p.wallet.name, "chain_id": chain_id, "unsigned": true }),
            ),
        )
    })?;
    Ok(EthSent {
        status: "unsigned",
        wallet: Some(p.wallet.name.clone()),
        chain_id,
        hash: None,
        raw: None,
        request: Some(p.request),
        file,
        broadcast: false,
        review: p.review,
    })
}

/// The JSON of an unsigned request, as written for the offline signer.
pub fn request_json(r: &Request) -> Result<String> {
    Ok(serde_json::to_string_pretty(r).map_err(anyhow::Error::from)?)
}

/// A gate checked inside the commit's write (the transaction PIN): `Ok(Some(e))` is a
/// refusal to commit (its count) and then return.
pub type Gate<'a> = &'a dyn Fn(&rusqlite::Connection) -> Result<Option<Error>>;

/// A replacement's original: marked `replaced` by the new transaction in the same write
/// (and the mark taken back if the backend refuses the new one).
#[derive(Debug, Clone, Copy)]
pub struct Replacing<'a> {
    /// The original's hash.
    pub hash: &'a str,
    /// Whether the replacement cancels it.
    pub cancel: bool,
}

/// A transaction signed and recorded.
pub struct Signed {
    /// The raw signed transaction.
    pub raw: Vec<u8>,
    /// Its hash.
    pub hash: B256,
    /// What to answer.
    pub sent: EthSent,
}

/// What a commit signs and where it goes.
pub struct Commit<'a> {
    /// The wallet.
    pub wallet: &'a WalletRow,
    /// Its EVM account.
    pub account: &'a AccountRow,
    /// The request.
    pub request: &'a Request,
    /// Whether it is to be broadcast after the commit.
    pub broadcast: bool,
    /// The review to answer with.
    pub review: EthReview,
    /// The original it replaces, if any.
    pub replacing: Option<Replacing<'a>>,
    /// The held send this signs (`send confirm`): closed (`approved`) in the same write.
    pub approval: Option<&'a policy::Approval>,
}

/// Signs the request (its key derived from `conn`, a snapshot) and records it in one
/// vault write that first runs `gate` (the PIN); a replacement marks its original
/// replaced in the same write. The broadcast, if any, is [`broadcast_recorded`], after.
pub fn commit(
    vault: &Vault,
    conn: &rusqlite::Connection,
    c: Commit<'_>,
    gate: Option<Gate<'_>>,
) -> Result<Signed> {
    let key = signing_key(conn, c.wallet, &c.request.path)?;
    let (raw, hash) = c.request.sign(&key)?;
    let hash_hex = format!("{hash:#x}");
    record(
        vault,
        Recording {
            account: c.account,
            wallet: &c.wallet.name,
            request: c.request,
            raw: &raw,
            hash: &hash_hex,
            event: if c.broadcast {
                "tx_broadcast"
            } else {
                "eth_tx_signed"
            },
            to_broadcast: c.broadcast,
            replacing: c.replacing,
            approval: c.approval,
        },
        gate,
    )?;
    let raw_hex = format!("0x{}", hex::encode(&raw));
    let sent = EthSent {
        status: if c.broadcast { "broadcast" } else { "signed" },
        wallet: Some(c.wallet.name.clone()),
        chain_id: c.request.chain_id,
        hash: Some(hash_hex),
        raw: Some(raw_hex),
        request: None,
        file: None,
        broadcast: c.broadcast,
        review: c.review,
    };
    Ok(Signed { raw, hash, sent })
}

/// What [`record`] stores.
pub struct Recording<'a> {
    /// The sender's account.
    pub account: &'a AccountRow,
    /// The wallet's name.
    pub wallet: &'a str,
    /// The request signed.
    pub request: &'a Request,
    /// The raw signed transaction.
    pub raw: &'a [u8],
    /// Its hash (0x…).
    pub hash: &'a str,
    /// The audit event.
    pub event: &'a str,
    /// Marked as not broadcast yet (the broadcast comes after the commit).
    pub to_broadcast: bool,
    /// The original it replaces, if any.
    pub replacing: Option<Replacing<'a>>,
    /// The held send it signs: closed (`approved`) in the same write.
    pub approval: Option<&'a policy::Approval>,
}

/// Records a signed transaction as pending in the sender's wallet, with an audit event,
/// in one vault write that first runs `gate` (the PIN, when given: a wrong one is
/// counted, nothing recorded, and its error returned). One to be broadcast is marked as
/// not broadcast yet: the broadcast comes after the commit, with no lock held. The
/// approval it signs, if any, is closed in the same write.
pub fn record(vault: &Vault, r: Recording<'_>, gate: Option<Gate<'_>>) -> Result<()> {
    let review = EthReview::of(r.request);
    let payee = r.request.token.as_ref().map_or(r.request.to, |t| t.to);
    let (account, w, hash) = (r.account, r.wallet, r.hash);
    vault.write_light(|c| {
        if let Some(gate) = gate
            && let Some(wrong) = gate(c)?
        {
            return Ok(Err(wrong));
        }
        let self_transfer = index_of(c, account, payee)?.is_some();
        let chain_id = r.request.chain_id;
        let asset = match &r.request.token {
            None => Asset::Ether { chain_id },
            Some(t) => Asset::Erc20 {
                chain_id,
                contract: r.request.to.to_checksum(None),
                decimals: t.decimals,
                symbol: t.symbol.clone(),
            },
        };
        txs::record_eth_sent(
            c,
            &txs::EthSent {
                account_id: account.id,
                hash,
                asset: &asset,
                amount: &review.amount_units,
                counterparty: &review.to,
                address: &review.from,
                self_transfer,
                chain_id: r.request.chain_id,
                raw: r.raw,
            },
            clock::now_ms(),
        )?;
        if r.to_broadcast {
            txs::mark_unbroadcast(c, account.id, hash)?;
        }
        let details =
            serde_json::json!({ "wallet": w, "hash": hash, "chain_id": r.request.chain_id });
        audit::record(c, &Event::new(r.event, Severity::Info, true, details))?;
        if let Some(old) = r.replacing {
            txs::mark_replaced(c, account.id, old.hash, hash)?;
            let details = serde_json::json!({
                "wallet": w, "replaced": old.hash, "by": hash, "cancel": old.cancel,
            });
            audit::record(
                c,
                &Event::new("eth_tx_replaced", Severity::Info, true, details),
            )?;
        }
        if let Some(a) = r.approval {
            let details = serde_json::json!({ "wallet": a.wallet, "hash": hash });
            policy::close(c, a, policy::Status::Approved, details)?;
        }
        Ok(Ok(()))
    })?
}

/// Broadcasts a transaction [`commit`] recorded, with no lock held. The backend's
/// refusal is returned after one more write: the row becomes `abandoned` (nothing was
/// sent; a replaced original is pending again) and the refusal audited. A backend that
/// did not answer leaves the row pending and marked: the next `wallet sync` sends it.
pub fn broadcast_recorded(
    vault: &Vault,
    account: &AccountRow,
    w: &str,
    rpc: &Rpc,
    signed: &Signed,
    replacing: Option<Replacing<'_>>,
) -> Result<()> {
    let hash = signed.hash;
    let hash_hex = format!("{hash:#x}");
    match rpc.send_raw(&signed.raw) {
        Ok(sent) if sent == hash => Ok(()),
        Ok(sent) => Err(Error::Backend(format!(
            "the node answered hash {sent:#x} for transaction {hash_hex}"
        ))),
        // The node's answer to the call (a JSON-RPC error), not a failure to reach it.
        Err(Error::Backend(m)) if m.starts_with("eth_sendRawTransaction:") => {
            let e = Error::Backend(m);
            vault.write_light(|c| {
                txs::mark_abandoned(c, account.id, &hash_hex)?;
                txs::clear_unbroadcast(c, account.id, &hash_hex)?;
                if let Some(old) = replacing {
                    txs::unmark_replaced(c, account.id, old.hash, &hash_hex)?;
                }
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

/// A request file of `send sign`: a `coffer-eth-request` of version 1.
pub fn parse_request(raw: &[u8], file: &std::path::Path) -> Result<Request> {
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
    Ok(request)
}

/// The signer of a request made elsewhere: the wallet (`wallet`, else any) whose EVM
/// account owns its sender, and the key at its path, which must derive to the sender.
pub fn signer_of(
    conn: &rusqlite::Connection,
    request: &Request,
    wallet: Option<&str>,
) -> Result<Signer> {
    let candidates = match wallet {
        Some(n) => vec![wallets::get(conn, n)?],
        None => wallets::list(conn)?,
    };
    let mut found = None;
    for w in candidates {
        if let Ok(account) = w.account_for(Some(crate::chain::Chain::Eth))
            && owns(conn, account, request.from, &request.path)?
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
    let key = signing_key(conn, &w, &request.path)?;
    let secp = bitcoin::secp256k1::Secp256k1::new();
    let derived =
        Address::from_raw_public_key(&key.public_key(&secp).serialize_uncompressed()[1..]);
    if derived != request.from {
        return Err(Error::invalid(
            "request",
            format!("its path {} does not derive to its sender", request.path),
        ));
    }
    Ok((w, account, key))
}

/// Who signs a request made elsewhere ([`signer_of`]): the wallet, its EVM account and
/// the key at the request's path.
pub type Signer = (WalletRow, AccountRow, bitcoin::secp256k1::SecretKey);

/// `send sign FILE` of a request made elsewhere, once reviewed and confirmed: signs it,
/// then in one vault write runs `gate` (the PIN: a wrong one is counted, committed, and
/// nothing written), writes the signed raw transaction (hex) into `out` and records it
/// as pending (`eth_tx_signed`); `out` is put in place after the commit.
pub fn sign_request(
    vault: &Vault,
    (w, account, key): &Signer,
    request: &Request,
    review: EthReview,
    out: &std::path::Path,
    gate: Gate<'_>,
) -> Result<EthSent> {
    use std::io::Write as _;
    let (raw_tx, hash) = request.sign(key)?;
    let hash_hex = format!("{hash:#x}");
    let raw_hex = format!("0x{}", hex::encode(&raw_tx));
    let line = format!("{raw_hex}\n");
    let cannot =
        |e: anyhow::Error| Error::invalid("out", format!("cannot write {}: {e:#}", out.display()));
    // The safer order for the signed file: nothing signed reaches the disk before the
    // PIN is checked, and a file that cannot be written changes nothing in the vault.
    // It is opened first (a bad path is refused before the write); its content goes in
    // inside the write, after the gate, into a new file that has no name yet (or a temp
    // name), so a failure there (disk full, …) rolls the write back; the commit then
    // renames it into place. Only that rename (in the same directory) can fail after
    // the commit, and the error then says what the user has (the row pending, not
    // broadcast) and gives the raw transaction. Writing the whole file after the commit
    // would leave a recorded transaction and no file on any write failure; writing it
    // before the write would put a signed transaction on disk before its PIN is
    // checked. A device or FIFO (`--out /dev/stdout`) is written after the commit: it
    // cannot be taken back, and a pipe nobody reads must not hold the user's lock.
    let file = std::cell::RefCell::new(fsio::OutFile::create(out).map_err(cannot)?);
    let gated = |c: &rusqlite::Connection| -> Result<Option<Error>> {
        if let Some(refused) = gate(c)? {
            return Ok(Some(refused));
        }
        let mut f = file.borrow_mut();
        if matches!(*f, fsio::OutFile::New(_)) {
            f.write_all(line.as_bytes())
                .map_err(|e| cannot(anyhow::Error::from(e)))?;
        }
        Ok(None)
    };
    record(
        vault,
        Recording {
            account,
            wallet: &w.name,
            request,
            raw: &raw_tx,
            hash: &hash_hex,
            event: "eth_tx_signed",
            to_broadcast: false,
            replacing: None,
            approval: None,
        },
        Some(&gated),
    )?;
    let mut f = file.into_inner();
    let device = matches!(f, fsio::OutFile::Device(_));
    let put = if device {
        f.write_all(line.as_bytes()).map_err(anyhow::Error::from)
    } else {
        Ok(())
    };
    put.and_then(|()| f.commit()).map_err(|e| {
        Error::invalid(
            "out",
            format!(
                "cannot write {}: {e:#}; transaction {hash_hex} is signed and recorded as \
                 pending, not broadcast: broadcast it from its raw transaction {raw_hex} \
                 (`coffer send broadcast FILE` of a file holding it), or replace it with \
                 `coffer send cancel-eth {hash_hex}`",
                out.display()
            ),
        )
    })?;
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

/// `send broadcast FILE` of a signed Ethereum transaction (hex): sent with the backend
/// of its chain id, recorded as pending in the wallet it comes from.
pub fn broadcast(vault: &Vault, conn: &rusqlite::Connection, raw: &[u8]) -> Result<EthSent> {
    let text = std::str::from_utf8(raw).unwrap_or("").trim();
    let bytes = hex::decode(text.strip_prefix("0x").unwrap_or(text))
        .map_err(|_| Error::invalid("file", "not a raw transaction in hex"))?;
    let decoded = tx::decode(&bytes)?;
    let r = &decoded.request;
    let rpc = eth_rpc(conn, r.chain_id)?.ok_or_else(|| {
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
    for w in wallets::list(conn)? {
        if let Ok(account) = w.account_for(Some(crate::chain::Chain::Eth))
            && index_of(conn, account, r.from)?.is_some()
        {
            let mut request = r.clone();
            request.token = token_of(conn, r)?;
            record(
                vault,
                Recording {
                    account,
                    wallet: &w.name,
                    request: &request,
                    raw: &bytes,
                    hash: &hash_hex,
                    event: "tx_broadcast",
                    to_broadcast: false,
                    replacing: None,
                    approval: None,
                },
                None,
            )?;
            wallet = Some(w.name.clone());
            break;
        }
    }
    let mut request = r.clone();
    request.token = token_of(conn, r)?;
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

/// A replacement planned: the new request, signed by the original's sender.
pub struct Replacement {
    /// The wallet that sent the original.
    pub wallet: WalletRow,
    /// Its EVM account.
    pub account: AccountRow,
    /// The original's hash, as given (trimmed).
    pub hash: String,
    /// The replacement.
    pub request: Request,
    /// The backend of the chain, if one is set.
    pub rpc: Option<Rpc>,
}

/// Plans `send bump 0xHASH` (the same transaction again with higher fees) and `send
/// cancel-eth 0xHASH` (a zero-value transaction to ourselves): the same nonce, so once
/// one is mined the others cannot be. `wallet` (`send bump --wallet`): the wallet that
/// sent it, else `not_found`.
pub fn plan_replacement(
    conn: &rusqlite::Connection,
    hash: &str,
    wallet: Option<&str>,
    fees: &ReplaceFees,
    cancel: bool,
) -> Result<Replacement> {
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
    let txs::EthRecorded {
        account_id,
        chain_id,
        status,
        raw,
    } = txs::eth_sent(conn, hash)?
        .ok_or_else(|| Error::NotFound(format!("transaction {hash} in this vault's history")))?;
    if status != txs::Status::Pending {
        let by = match txs::replacement(conn, account_id, hash)? {
            (_, Some(by)) if status == txs::Status::Replaced => {
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
    let (w, account) = wallets::list(conn)?
        .into_iter()
        .find_map(|w| {
            let a = w.accounts.iter().find(|a| a.id == account_id)?.clone();
            Some((w, a))
        })
        .ok_or_else(|| Error::NotFound(format!("the wallet of {hash}")))?;
    if let Some(name) = wallet.filter(|n| *n != w.name) {
        wallets::get(conn, name)?;
        return Err(Error::NotFound(format!(
            "transaction {hash} sent by wallet {name} (wallet {} sent it)",
            w.name
        )));
    }
    let old = tx::decode(&raw)?.request;
    let rpc = eth_rpc(conn, chain_id)?;
    let (max_fee, tip) = replacement_fees(&old, fees, rpc.as_ref(), chain_id)?;
    // Signed by the address that sent the original (nonces are per address).
    let index = index_of(conn, &account, old.from)?.ok_or_else(|| {
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
    Ok(Replacement {
        wallet: w,
        account,
        hash: hash.to_string(),
        request,
        rpc,
    })
}

/// The fees of a replacement of `old`: explicit ones at least 10 % over the original's,
/// or a level's from the backend, raised to that minimum.
fn replacement_fees(
    old: &Request,
    fees: &ReplaceFees,
    rpc: Option<&Rpc>,
    chain_id: u64,
) -> Result<(u128, u128)> {
    let (min_max, min_tip) = (
        bumped(old.max_fee_per_gas),
        bumped(old.max_priority_fee_per_gas),
    );
    Ok(match (&fees.max_fee, &fees.priority_fee, &fees.level) {
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
            let (m, p) = match rpc {
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
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_replacement_pays_ten_percent_more_rounded_up() {
        assert_eq!(bumped(100), 110);
        assert_eq!(bumped(101), 112);
        assert_eq!(bumped(0), 0);
    }

    #[test]
    fn files_are_told_apart_by_their_first_bytes() {
        assert!(is_request(b"  {\"format\":1}"));
        assert!(!is_request(b"cHNidP8B"));
        assert!(is_signed_tx(b"0x02f86c0180"));
        assert!(
            !is_signed_tx(b"0200000001"),
            "a Bitcoin transaction of version 2"
        );
        assert!(!is_signed_tx(b"0x02"));
    }

    #[test]
    fn gwei_amounts_are_exact() {
        assert_eq!(gwei("1.5", "max-fee").unwrap(), 1_500_000_000);
        assert!(gwei("0.0000000001", "max-fee").is_err());
    }
}
