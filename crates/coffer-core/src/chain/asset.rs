//! Typed money: an [`Asset`] (bitcoin on a network, ether on an EVM chain, an ERC-20
//! token with its contract, decimals and symbol) resolved once from the stored columns,
//! and an [`Amount`] (an asset and a signed integer of its smallest unit) formatted
//! exactly. A stored value that does not decode is `vault_damaged`, never a guess.

use crate::chain::amount::{format_scaled, format_units};
use crate::chain::{Chain, Network};
use crate::error::Result;
use crate::error::damaged;
use alloy_primitives::U256;

/// An ERC-20 token known to the vault.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Token {
    /// The chain id.
    pub chain_id: u64,
    /// Contract address (EIP-55).
    pub address: String,
    /// Symbol.
    pub symbol: String,
    /// Decimals.
    pub decimals: u8,
}

/// What an amount is counted in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Asset {
    /// Bitcoin on a network.
    Bitcoin {
        /// The network.
        network: Network,
    },
    /// Ether on an EVM chain.
    Ether {
        /// The chain id.
        chain_id: u64,
    },
    /// An ERC-20 token.
    Erc20 {
        /// The chain id.
        chain_id: u64,
        /// The contract address (EIP-55; empty for a token no longer in the list, see
        /// [`Asset::unlisted`]).
        contract: String,
        /// Its decimals.
        decimals: u8,
        /// Its symbol.
        symbol: String,
    },
}

impl Asset {
    /// Resolves an asset from the stored columns: the account's `chain` and Bitcoin
    /// `network` (decoded by the caller), the row's EVM `chain_id` and its `asset` text (`BTC`, `ETH`, a token's
    /// symbol or contract address, looked up in `tokens`). `Ok(None)`: a token that is no
    /// longer in the list (removed after its rows were stored): the caller decides how to
    /// show it. Anything else that does not decode is `vault_damaged`.
    pub fn resolve(
        tokens: &[Token],
        chain: Chain,
        network: Option<Network>,
        chain_id: Option<u64>,
        asset: &str,
    ) -> Result<Option<Asset>> {
        match chain {
            Chain::Btc => {
                if asset != "BTC" {
                    return Err(damaged("Bitcoin asset", asset));
                }
                let network = network.ok_or_else(|| damaged("Bitcoin network", ""))?;
                Ok(Some(Asset::Bitcoin { network }))
            }
            Chain::Eth => {
                let chain_id = chain_id.ok_or_else(|| damaged("EVM chain id", ""))?;
                if asset == "ETH" {
                    return Ok(Some(Asset::Ether { chain_id }));
                }
                if asset.is_empty() {
                    return Err(damaged("token", asset));
                }
                let on_chain = || tokens.iter().filter(|t| t.chain_id == chain_id);
                Ok(on_chain()
                    .find(|t| t.address.eq_ignore_ascii_case(asset))
                    .or_else(|| on_chain().find(|t| t.symbol == asset))
                    .map(|t| Asset::Erc20 {
                        chain_id,
                        contract: t.address.clone(),
                        decimals: t.decimals,
                        symbol: t.symbol.clone(),
                    }))
            }
        }
    }

    /// A Bitcoin row's stored `asset` on the account's stored `network`: anything but
    /// `BTC` on a known network is `vault_damaged`.
    pub fn stored_bitcoin(network: Option<Network>, asset: &str) -> Result<Asset> {
        Asset::resolve(&[], Chain::Btc, network, None, asset)?
            .ok_or_else(|| damaged("Bitcoin asset", asset))
    }

    /// Its network: the Bitcoin network or the EVM chain id.
    pub fn network(&self) -> NetworkId {
        match self {
            Asset::Bitcoin { network } => NetworkId::Bitcoin(*network),
            Asset::Ether { chain_id } | Asset::Erc20 { chain_id, .. } => NetworkId::Evm(*chain_id),
        }
    }

    /// A token no longer in the list, by the symbol its rows were stored with, shown
    /// with `decimals` (the caller's choice: it is not known any more).
    pub fn unlisted(chain_id: u64, symbol: &str, decimals: u8) -> Asset {
        Asset::Erc20 {
            chain_id,
            contract: String::new(),
            decimals,
            symbol: symbol.to_string(),
        }
    }

    /// Decimals of its smallest unit (8 for bitcoin, 18 for ether).
    pub fn decimals(&self) -> u32 {
        match self {
            Asset::Bitcoin { .. } => 8,
            Asset::Ether { .. } => 18,
            Asset::Erc20 { decimals, .. } => u32::from(*decimals),
        }
    }

    /// The unit people read: `BTC`, `ETH` or the token's symbol.
    pub fn symbol(&self) -> &str {
        match self {
            Asset::Bitcoin { .. } => "BTC",
            Asset::Ether { .. } => "ETH",
            Asset::Erc20 { symbol, .. } => symbol,
        }
    }

    /// Whether amounts show every decimal (bitcoin, as Bitcoin Core prints it) rather
    /// than without trailing zeros.
    pub fn fixed(&self) -> bool {
        matches!(self, Asset::Bitcoin { .. })
    }

    /// The coin its chain's fees are paid in (itself for bitcoin and ether).
    pub fn coin(&self) -> Asset {
        match self {
            Asset::Erc20 { chain_id, .. } => Asset::Ether {
                chain_id: *chain_id,
            },
            a => a.clone(),
        }
    }
}

/// Where an asset lives: a Bitcoin network or an EVM chain id. Shown and serialised as
/// text, as the JSON always had it: the network's name (`regtest`) or the chain id
/// (`"31337"`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum NetworkId {
    /// A Bitcoin network.
    Bitcoin(Network),
    /// An EVM chain, by its chain id.
    Evm(u64),
}

impl NetworkId {
    /// Decodes an account's stored columns: its `chain`, its Bitcoin `network` (for
    /// `btc`) and the row's EVM `chain_id` (for `eth`). A missing one is `vault_damaged`.
    pub fn stored(chain: Chain, network: Option<Network>, chain_id: Option<u64>) -> Result<Self> {
        match chain {
            Chain::Btc => network
                .map(NetworkId::Bitcoin)
                .ok_or_else(|| damaged("Bitcoin network", "")),
            Chain::Eth => chain_id
                .map(NetworkId::Evm)
                .ok_or_else(|| damaged("EVM chain id", "")),
        }
    }

    /// `btc` or `eth`.
    pub fn chain(self) -> Chain {
        match self {
            NetworkId::Bitcoin(_) => Chain::Btc,
            NetworkId::Evm(_) => Chain::Eth,
        }
    }

    /// The EVM chain id (`None` for Bitcoin).
    pub fn chain_id(self) -> Option<u64> {
        match self {
            NetworkId::Evm(id) => Some(id),
            NetworkId::Bitcoin(_) => None,
        }
    }

    /// The Bitcoin network (`None` for an EVM chain).
    pub fn network(self) -> Option<Network> {
        match self {
            NetworkId::Bitcoin(n) => Some(n),
            NetworkId::Evm(_) => None,
        }
    }
}

impl std::fmt::Display for NetworkId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            NetworkId::Bitcoin(n) => f.write_str(n.name()),
            NetworkId::Evm(id) => write!(f, "{id}"),
        }
    }
}

impl serde::Serialize for NetworkId {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// Serialises an asset as its symbol (`BTC`, `ETH`, a token's): how the JSON shows an
/// `asset` or `currency` field (`#[serde(serialize_with = "symbol")]`).
pub fn symbol<S: serde::Serializer>(a: &Asset, s: S) -> std::result::Result<S::Ok, S::Error> {
    s.serialize_str(a.symbol())
}

/// An amount of an asset: a signed integer of its smallest unit, of any 256-bit size.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Amount {
    /// What it counts.
    pub asset: Asset,
    negative: bool,
    units: U256,
}

impl Amount {
    /// `units` (signed) of `asset`.
    pub fn new(asset: Asset, units: i128) -> Amount {
        Amount {
            asset,
            negative: units < 0,
            units: U256::from(units.unsigned_abs()),
        }
    }

    /// A non-negative `units` of `asset` (a balance).
    pub fn unsigned(asset: Asset, units: U256) -> Amount {
        Amount {
            asset,
            negative: false,
            units,
        }
    }

    /// Decodes a stored amount strictly: an optional `-`, then decimal digits. Anything
    /// else is `vault_damaged` (`what` names it in the message).
    pub fn stored(asset: Asset, text: &str, what: &str) -> Result<Amount> {
        let (negative, digits) = match text.strip_prefix('-') {
            Some(d) => (true, d),
            None => (false, text),
        };
        if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return Err(damaged(what, text));
        }
        let units = U256::from_str_radix(digits, 10).map_err(|_| damaged(what, text))?;
        Ok(Amount {
            asset,
            negative,
            units,
        })
    }

    /// Whether it is below zero.
    pub fn is_negative(&self) -> bool {
        self.negative && !self.units.is_zero()
    }

    /// The absolute value in the smallest unit.
    pub fn abs_units(&self) -> U256 {
        self.units
    }

    /// The exact decimal of the asset, signed (bitcoin with its 8 digits; never `-0`).
    pub fn decimal(&self) -> String {
        let (a, v) = (&self.asset, self.units);
        let s = match u128::try_from(v) {
            Ok(v) => format_units(v, a.decimals(), a.fixed()),
            Err(_) => format_scaled(v, a.decimals()),
        };
        if self.is_negative() {
            format!("-{s}")
        } else {
            s
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::Error;

    fn tokens() -> Vec<Token> {
        vec![Token {
            chain_id: 1,
            address: "0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48".into(),
            symbol: "USDC".into(),
            decimals: 6,
        }]
    }

    fn damage(r: Result<Option<Asset>>) -> String {
        match r {
            Err(e @ Error::VaultDamaged { .. }) => {
                assert_eq!(e.code(), "vault_damaged");
                e.to_string()
            }
            other => panic!("not damage: {other:?}"),
        }
    }

    #[test]
    fn resolves_the_stored_columns() {
        let t = tokens();
        let btc = Asset::resolve(&t, Chain::Btc, Some(Network::Regtest), None, "BTC").unwrap();
        assert_eq!(
            btc,
            Some(Asset::Bitcoin {
                network: Network::Regtest
            })
        );
        let eth = Asset::resolve(&t, Chain::Eth, None, Some(5), "ETH")
            .unwrap()
            .unwrap();
        assert_eq!(
            (eth.symbol(), eth.decimals(), eth.fixed()),
            ("ETH", 18, false)
        );
        // A token by its symbol (history) or by its contract (balances), any case.
        for key in ["USDC", "0xa0b86991c6218b36c1d19d4a2e9eb0ce3606eb48"] {
            let a = Asset::resolve(&t, Chain::Eth, None, Some(1), key)
                .unwrap()
                .unwrap();
            assert_eq!((a.symbol(), a.decimals()), ("USDC", 6), "{key}");
            assert_eq!(a.coin(), Asset::Ether { chain_id: 1 });
        }
        // The same symbol on another chain is not that token; nor is a removed one.
        assert_eq!(
            Asset::resolve(&t, Chain::Eth, None, Some(10), "USDC").unwrap(),
            None
        );
    }

    #[test]
    fn stored_columns_that_do_not_decode_are_damage() {
        let t = tokens();
        assert!(
            damage(Asset::resolve(
                &t,
                Chain::Btc,
                Some(Network::Regtest),
                None,
                "BTX"
            ))
            .contains("BTX")
        );
        damage(Asset::resolve(&t, Chain::Btc, None, None, "BTC"));
        damage(Asset::resolve(&t, Chain::Eth, None, None, "ETH"));
        damage(Asset::resolve(&t, Chain::Eth, None, Some(1), ""));
        // The columns the caller decodes first: a chain or a network not known.
        let e = Chain::stored("doge").unwrap_err();
        assert_eq!(e.code(), "vault_damaged");
        assert!(
            e.to_string()
                .contains("a stored chain does not decode (\"doge\")")
        );
        let e = Network::stored("moon").unwrap_err();
        assert!(
            e.to_string()
                .contains("a stored Bitcoin network does not decode (\"moon\")")
        );
        assert_eq!(Chain::stored("eth").unwrap(), Chain::Eth);
        assert_eq!(Network::stored("signet").unwrap(), Network::Signet);
    }

    #[test]
    fn networks_decode_from_the_stored_columns_and_show_as_before() {
        let n = NetworkId::stored(Chain::Btc, Some(Network::Regtest), None).unwrap();
        assert_eq!((n.to_string(), n.chain()), ("regtest".into(), Chain::Btc));
        let e = NetworkId::stored(Chain::Eth, None, Some(31337)).unwrap();
        assert_eq!((e.to_string(), e.chain_id()), ("31337".into(), Some(31337)));
        assert_eq!(serde_json::to_string(&e).unwrap(), "\"31337\"");
        assert_eq!(serde_json::to_string(&n).unwrap(), "\"regtest\"");
        for bad in [
            NetworkId::stored(Chain::Btc, None, Some(1)),
            NetworkId::stored(Chain::Eth, Some(Network::Bitcoin), None),
        ] {
            assert_eq!(bad.unwrap_err().code(), "vault_damaged");
        }
        assert_eq!(Asset::Ether { chain_id: 5 }.network(), NetworkId::Evm(5));
        let b = Asset::stored_bitcoin(Some(Network::Signet), "BTC").unwrap();
        assert_eq!(b.network(), NetworkId::Bitcoin(Network::Signet));
        let e = Asset::stored_bitcoin(Some(Network::Signet), "XBT").unwrap_err();
        assert!(
            e.to_string()
                .contains("a stored Bitcoin asset does not decode (\"XBT\")")
        );
        assert_eq!(
            Asset::stored_bitcoin(None, "BTC").unwrap_err().code(),
            "vault_damaged"
        );
    }

    #[test]
    fn amounts_decode_strictly_and_format_exactly() {
        let btc = Asset::Bitcoin {
            network: Network::Bitcoin,
        };
        let eth = Asset::Ether { chain_id: 1 };
        let a = Amount::stored(btc.clone(), "-150000", "amount").unwrap();
        assert_eq!(a.decimal(), "-0.00150000");
        assert!(a.is_negative());
        assert_eq!(Amount::new(btc.clone(), 0).decimal(), "0.00000000");
        assert_eq!(
            Amount::stored(btc, "-0", "amount").unwrap().decimal(),
            "0.00000000"
        );
        let wei = Amount::stored(eth.clone(), "1500000000000000000", "amount").unwrap();
        assert_eq!(wei.decimal(), "1.5");
        // Past u128: still exact.
        let max = U256::MAX;
        let big = Amount::unsigned(eth.clone(), max);
        assert_eq!(big.decimal(), format_scaled(max, 18));
        assert_eq!(
            Amount::stored(eth.clone(), &format!("-{max}"), "amount")
                .unwrap()
                .decimal(),
            format!("-{}", format_scaled(max, 18))
        );
        for bad in ["", "-", "1O000", "+5", "0x10", "1e3", " 1", "--1"] {
            let e = Amount::stored(eth.clone(), bad, "transaction amount").unwrap_err();
            assert_eq!(e.code(), "vault_damaged", "{bad:?}");
        }
    }
}
