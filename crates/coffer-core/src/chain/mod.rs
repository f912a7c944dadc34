//! Chains, networks and key derivation: `btc` (BIP-39/32 seeds, BIP-44/49/84/86 account
//! keys and addresses, address validation) and `eth` (BIP-44 `m/44'/60'/0'/0/i`
//! accounts, EIP-55 addresses). Wallet logic (bdk_wallet), transactions and backends
//! arrive with the wallet and send issues.

pub mod amount;
pub mod asset;
pub mod btc;
pub mod eth;
pub mod net;
pub mod uri;

use crate::error::{Error, Result};
use serde::{Deserialize, Serialize};

/// A closed set of values named on the command line (the binary builds its parsers,
/// help and completions from it): each value with its name and a line of help.
pub trait Named: Copy + Send + Sync + 'static {
    /// Every value, its name and its help.
    const NAMES: &'static [(Self, &'static str, &'static str)];
}

impl Named for Chain {
    const NAMES: &'static [(Self, &'static str, &'static str)] = &[
        (Chain::Btc, "btc", "Bitcoin"),
        (Chain::Eth, "eth", "Ethereum and EVM chains"),
    ];
}

impl Named for Network {
    const NAMES: &'static [(Self, &'static str, &'static str)] = &[
        (Network::Bitcoin, "bitcoin", "Bitcoin mainnet"),
        (Network::Testnet, "testnet", "Testnet3"),
        (Network::Testnet4, "testnet4", "Testnet4"),
        (Network::Signet, "signet", "Signet"),
        (Network::Regtest, "regtest", "Regtest"),
    ];
}

/// A chain family (stored and shown as `btc` / `eth`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Chain {
    /// Bitcoin.
    Btc,
    /// Ethereum and EVM chains.
    Eth,
}

impl Chain {
    /// The stored and shown name: `btc` or `eth`.
    pub fn name(self) -> &'static str {
        match self {
            Chain::Btc => "btc",
            Chain::Eth => "eth",
        }
    }

    /// A stored chain, decoded strictly: anything but `btc` or `eth` is `vault_damaged`.
    pub fn stored(s: &str) -> Result<Chain> {
        s.parse().map_err(|_| crate::error::damaged("chain", s))
    }
}

impl std::fmt::Display for Chain {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

impl std::str::FromStr for Chain {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        match s {
            "btc" => Ok(Chain::Btc),
            "eth" => Ok(Chain::Eth),
            _ => Err(Error::invalid(
                "chain",
                format!("'{s}' is not a chain (btc, eth)"),
            )),
        }
    }
}

impl rusqlite::types::ToSql for Chain {
    fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
        Ok(self.name().into())
    }
}

impl rusqlite::types::FromSql for Chain {
    /// A stored chain that is not `btc` or `eth` does not decode (the caller reports the
    /// vault as damaged, never guesses).
    fn column_result(v: rusqlite::types::ValueRef<'_>) -> rusqlite::types::FromSqlResult<Self> {
        v.as_str()?
            .parse()
            .map_err(|_| rusqlite::types::FromSqlError::InvalidType)
    }
}

/// A Bitcoin network, as named on the command line (and stored).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Network {
    /// Bitcoin mainnet.
    Bitcoin,
    /// Testnet3.
    Testnet,
    /// Testnet4.
    Testnet4,
    /// Signet.
    Signet,
    /// Regtest.
    Regtest,
}

impl Network {
    /// Every network, mainnet first.
    pub const ALL: [Network; 5] = [
        Network::Bitcoin,
        Network::Testnet,
        Network::Testnet4,
        Network::Signet,
        Network::Regtest,
    ];

    /// The `bitcoin` crate's network.
    pub fn to_bitcoin(self) -> bitcoin::Network {
        match self {
            Network::Bitcoin => bitcoin::Network::Bitcoin,
            Network::Testnet => bitcoin::Network::Testnet,
            Network::Testnet4 => bitcoin::Network::Testnet4,
            Network::Signet => bitcoin::Network::Signet,
            Network::Regtest => bitcoin::Network::Regtest,
        }
    }

    /// The lowercase name.
    pub fn name(self) -> &'static str {
        match self {
            Network::Bitcoin => "bitcoin",
            Network::Testnet => "testnet",
            Network::Testnet4 => "testnet4",
            Network::Signet => "signet",
            Network::Regtest => "regtest",
        }
    }

    /// A stored Bitcoin network, decoded strictly: anything but one of [`Network::ALL`]
    /// is `vault_damaged`.
    pub fn stored(s: &str) -> Result<Network> {
        s.parse()
            .map_err(|_| crate::error::damaged("Bitcoin network", s))
    }

    /// BIP-44 coin type: 0 for mainnet, 1 for every test network.
    pub fn coin_type(self) -> u32 {
        if self == Network::Bitcoin { 0 } else { 1 }
    }
}

impl std::str::FromStr for Network {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        Network::ALL
            .into_iter()
            .find(|n| n.name() == s)
            .ok_or_else(|| {
                Error::invalid(
                    "network",
                    format!("'{s}' is not a network (bitcoin, testnet, testnet4, signet, regtest)"),
                )
            })
    }
}

impl std::fmt::Display for Network {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

impl rusqlite::types::ToSql for Network {
    fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
        Ok(self.name().into())
    }
}

impl rusqlite::types::FromSql for Network {
    /// A stored network that is not one of [`Network::ALL`] does not decode (the caller
    /// reports the vault as damaged).
    fn column_result(v: rusqlite::types::ValueRef<'_>) -> rusqlite::types::FromSqlResult<Self> {
        v.as_str()?
            .parse()
            .map_err(|_| rusqlite::types::FromSqlError::InvalidType)
    }
}
