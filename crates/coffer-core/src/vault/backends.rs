//! Chain backends configured in the vault (per chain and network: a Bitcoin network
//! name, or an EVM chain id), and the state a sync reads from them.

use crate::chain::asset::{Amount, Asset, NetworkId};
use crate::chain::net::Route;
use crate::chain::{Chain, Network};
use crate::error::{Error, Result, damaged};
use anyhow::Context as _;
use rusqlite::{Connection, OptionalExtension, params};

/// What a backend serves: a Bitcoin network, or an EVM chain by its id (stored as the
/// `chain` and `network` columns: `btc` and the network's name, `eth` and the id as text,
/// the [`NetworkId`]'s text).
pub type Target = NetworkId;

/// A backend as errors name it: `btc backend for regtest`, `eth backend for 1`.
pub fn describe(target: Target) -> String {
    format!("{} backend for {target}", target.chain())
}

/// What a backend is (the stored `kind` column).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A Bitcoin Core node (JSON-RPC).
    CoreRpc,
    /// An Electrum server.
    Electrum,
    /// An Esplora HTTP API.
    Esplora,
    /// An EVM JSON-RPC endpoint.
    JsonRpc,
}

impl Kind {
    /// As stored and shown: `core-rpc`, `electrum`, `esplora`, `json-rpc`.
    pub fn name(self) -> &'static str {
        match self {
            Kind::CoreRpc => "core-rpc",
            Kind::Electrum => "electrum",
            Kind::Esplora => "esplora",
            Kind::JsonRpc => "json-rpc",
        }
    }

    fn stored(s: &str) -> Option<Kind> {
        [Kind::CoreRpc, Kind::Electrum, Kind::Esplora, Kind::JsonRpc]
            .into_iter()
            .find(|k| k.name() == s)
    }
}

/// A configured backend.
#[derive(Debug, Clone)]
pub struct Backend {
    /// What it serves.
    pub target: Target,
    /// What it is.
    pub kind: Kind,
    /// The endpoint.
    pub url: String,
    /// How it is reached: a SOCKS5 proxy, a pinned certificate.
    pub route: Route,
}

impl Backend {
    /// The chain family.
    pub fn chain(&self) -> Chain {
        self.target.chain()
    }
}

/// Stores (or replaces) a backend and how it is reached.
pub fn set(
    conn: &Connection,
    target: Target,
    kind: Kind,
    url: &str,
    route: &Route,
    now: i64,
) -> Result<()> {
    conn.execute(
        "INSERT INTO backends (chain, network, url, created_at, kind, proxy, cert_sha256)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
         ON CONFLICT (chain, network) DO UPDATE SET url = excluded.url, kind = excluded.kind,
             proxy = excluded.proxy, cert_sha256 = excluded.cert_sha256",
        params![
            target.chain(),
            target.to_string(),
            url,
            now,
            kind.name(),
            route.proxy,
            route.cert_sha256
        ],
    )
    .context("storing backend")?;
    Ok(())
}

/// Every backend. A stored chain or network that does not decode (a chain that is not
/// `btc`/`eth`, a Bitcoin network not known, a chain id not a number) is `vault_damaged`.
pub fn list(conn: &Connection) -> Result<Vec<Backend>> {
    let mut stmt = conn
        .prepare(
            "SELECT chain, network, url, kind, proxy, cert_sha256 FROM backends
             ORDER BY chain, network",
        )
        .context("listing backends")?;
    let rows = stmt
        .query_map([], |r| {
            let network: String = r.get(1)?;
            let bad = || {
                rusqlite::Error::InvalidColumnType(1, "network".into(), rusqlite::types::Type::Text)
            };
            let target = match r.get::<_, Chain>(0)? {
                Chain::Btc => Target::Bitcoin(network.parse().map_err(|_| bad())?),
                Chain::Eth => Target::Evm(network.parse().map_err(|_| bad())?),
            };
            let kind: String = r.get(3)?;
            let kind = Kind::stored(&kind).ok_or_else(|| {
                rusqlite::Error::InvalidColumnType(3, "kind".into(), rusqlite::types::Type::Text)
            })?;
            Ok(Backend {
                target,
                kind,
                url: r.get(2)?,
                route: Route {
                    proxy: r.get(4)?,
                    cert_sha256: r.get(5)?,
                },
            })
        })
        .context("listing backends")?;
    rows.collect::<rusqlite::Result<_>>()
        .map_err(crate::error::row_error("backend", "listing backends"))
}

/// The EVM chain ids that have a backend, in order.
pub fn evm_chain_ids(conn: &Connection) -> Result<Vec<u64>> {
    Ok(list(conn)?
        .into_iter()
        .filter_map(|b| b.target.chain_id())
        .collect())
}

/// The backend of `target`, if any.
pub fn get(conn: &Connection, target: Target) -> Result<Option<String>> {
    Ok(conn
        .query_row(
            "SELECT url FROM backends WHERE chain = ?1 AND network = ?2",
            params![target.chain(), target.to_string()],
            |r| r.get(0),
        )
        .optional()
        .context("reading backend")?)
}

/// How the backend of `target` is reached (direct when there is none).
pub fn route(conn: &Connection, target: Target) -> Result<Route> {
    Ok(conn
        .query_row(
            "SELECT proxy, cert_sha256 FROM backends WHERE chain = ?1 AND network = ?2",
            params![target.chain(), target.to_string()],
            |r| {
                Ok(Route {
                    proxy: r.get(0)?,
                    cert_sha256: r.get(1)?,
                })
            },
        )
        .optional()
        .context("reading backend")?
        .unwrap_or_default())
}

/// The kind of the backend of `target`, if any.
pub fn kind(conn: &Connection, target: Target) -> Result<Option<Kind>> {
    let k: Option<String> = conn
        .query_row(
            "SELECT kind FROM backends WHERE chain = ?1 AND network = ?2",
            params![target.chain(), target.to_string()],
            |r| r.get(0),
        )
        .optional()
        .context("reading backend")?;
    k.map(|k| Kind::stored(&k).ok_or_else(|| crate::error::damaged("backend kind", &k)))
        .transpose()
}

/// Removes a backend; `not_found` when there is none.
pub fn remove(conn: &Connection, target: Target) -> Result<()> {
    let n = conn
        .execute(
            "DELETE FROM backends WHERE chain = ?1 AND network = ?2",
            params![target.chain(), target.to_string()],
        )
        .context("removing backend")?;
    if n == 0 {
        return Err(Error::NotFound(describe(target)));
    }
    Ok(())
}

/// One synced balance of an EVM account: ether or a token.
#[derive(Debug, Clone)]
pub struct EthState {
    /// The chain id.
    pub chain_id: u64,
    /// `ETH` or a token contract address.
    pub asset: String,
    /// Balance in base units (decimal).
    pub balance: String,
    /// Nonce (ether rows).
    pub nonce: Option<u64>,
    /// When it was read (Unix seconds).
    pub synced_at: i64,
}

/// Stores a synced balance.
pub fn set_eth_state(conn: &Connection, account_id: i64, s: &EthState) -> Result<()> {
    conn.execute(
        "INSERT INTO eth_state (account_id, chain_id, asset, balance, nonce, synced_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)
         ON CONFLICT (account_id, chain_id, asset) DO UPDATE SET balance = excluded.balance,
             nonce = excluded.nonce, synced_at = excluded.synced_at",
        params![
            account_id,
            s.chain_id as i64,
            s.asset,
            s.balance,
            s.nonce.map(|n| n as i64),
            s.synced_at
        ],
    )
    .context("storing balance")?;
    Ok(())
}

/// A synced EVM balance as read back: its asset (ether or a listed token) and amount
/// decoded once.
#[derive(Debug, Clone)]
pub struct EthBalance {
    /// The balance: ether or a token on its chain, in base units.
    pub amount: Amount,
    /// Nonce (ether rows).
    pub nonce: Option<u64>,
    /// When it was read (Unix seconds).
    pub synced_at: i64,
}

impl EthBalance {
    /// Decodes a stored row: `asset` (`ETH` or a contract, resolved with `tokens`) and
    /// `balance` (decimal digits of base units). `Ok(None)`: a token no longer in the
    /// list. Anything else that does not decode is `vault_damaged`.
    pub fn stored(
        tokens: &[Token],
        chain_id: u64,
        asset: &str,
        balance: &str,
        nonce: Option<u64>,
        synced_at: i64,
    ) -> Result<Option<EthBalance>> {
        let Some(asset) = Asset::resolve(tokens, Chain::Eth, None, Some(chain_id), asset)? else {
            return Ok(None);
        };
        if balance.starts_with('-') {
            return Err(damaged("synced balance", balance));
        }
        Ok(Some(EthBalance {
            amount: Amount::stored(asset, balance, "synced balance")?,
            nonce,
            synced_at,
        }))
    }

    /// Its chain id.
    pub fn chain_id(&self) -> u64 {
        self.amount.asset.network().chain_id().unwrap_or_default()
    }
}

/// The synced balances of an EVM account (by chain id, ether first), decoded with
/// `tokens`: a token no longer in the list is left out; a stored asset or balance that
/// does not decode is `vault_damaged`.
pub fn eth_balances(
    conn: &Connection,
    account_id: i64,
    tokens: &[Token],
) -> Result<Vec<EthBalance>> {
    type Row = (i64, String, String, Option<i64>, i64);
    let mut stmt = conn
        .prepare_cached(
            "SELECT chain_id, asset, balance, nonce, synced_at FROM eth_state
             WHERE account_id = ?1 ORDER BY chain_id, asset != 'ETH', asset",
        )
        .context("reading balances")?;
    let rows = stmt
        .query_map([account_id], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
        })
        .and_then(|rows| rows.collect::<rusqlite::Result<Vec<Row>>>())
        .map_err(crate::error::row_error(
            "synced balance",
            "reading balances",
        ))?;
    let mut out = vec![];
    for (chain_id, asset, balance, nonce, at) in rows {
        let nonce = nonce.map(|n| n as u64);
        if let Some(b) = EthBalance::stored(tokens, chain_id as u64, &asset, &balance, nonce, at)? {
            out.push(b);
        }
    }
    Ok(out)
}

pub use crate::chain::asset::Token;

/// Stores a token.
pub fn add_token(conn: &Connection, t: &Token) -> Result<()> {
    conn.execute(
        "INSERT INTO tokens (chain_id, address, symbol, decimals) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (chain_id, address) DO UPDATE SET symbol = excluded.symbol,
             decimals = excluded.decimals",
        params![t.chain_id as i64, t.address, t.symbol, t.decimals],
    )
    .context("storing token")?;
    Ok(())
}

/// The tokens of a chain (every chain when `None`).
pub fn tokens(conn: &Connection, chain_id: Option<u64>) -> Result<Vec<Token>> {
    let mut stmt = conn
        .prepare(
            "SELECT chain_id, address, symbol, decimals FROM tokens
             WHERE ?1 IS NULL OR chain_id = ?1 ORDER BY chain_id, symbol",
        )
        .context("listing tokens")?;
    let rows = stmt
        .query_map([chain_id.map(|c| c as i64)], |r| {
            Ok(Token {
                chain_id: r.get::<_, i64>(0)? as u64,
                address: r.get(1)?,
                symbol: r.get(2)?,
                decimals: r.get(3)?,
            })
        })
        .context("listing tokens")?;
    Ok(rows
        .collect::<rusqlite::Result<_>>()
        .context("listing tokens")?)
}

/// Removes a token; `not_found` when unknown.
pub fn remove_token(conn: &Connection, chain_id: u64, address: &str) -> Result<()> {
    let n = conn
        .execute(
            "DELETE FROM tokens WHERE chain_id = ?1 AND lower(address) = lower(?2)",
            params![chain_id as i64, address],
        )
        .context("removing token")?;
    if n == 0 {
        return Err(Error::NotFound(format!(
            "token {address} on chain id {chain_id}"
        )));
    }
    Ok(())
}

/// The settings key of a Bitcoin node's credentials.
fn btc_auth_key(network: Network) -> String {
    format!("btc_rpc_auth.{}", network.name())
}

/// Stores (or with `None` forgets) the credentials of the Bitcoin node of `network`
/// (an `RpcAuth` as JSON; kept in the vault, never printed).
pub fn set_btc_auth(conn: &Connection, network: Network, auth_json: Option<&str>) -> Result<()> {
    let key = btc_auth_key(network);
    match auth_json {
        Some(a) => conn.execute(
            "INSERT INTO settings (key, value) VALUES (?1, ?2)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            [key.as_str(), a],
        ),
        None => conn.execute("DELETE FROM settings WHERE key = ?1", [key]),
    }
    .context("storing the Bitcoin node's credentials")?;
    Ok(())
}

/// The stored credentials of the Bitcoin node of `network` (JSON), if any.
pub fn btc_auth(conn: &Connection, network: Network) -> Result<Option<String>> {
    Ok(conn
        .query_row(
            "SELECT value FROM settings WHERE key = ?1",
            [btc_auth_key(network)],
            |r| r.get(0),
        )
        .optional()
        .context("reading the Bitcoin node's credentials")?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vault::schema;

    fn vault_db() -> Connection {
        let mut c = schema::memory_connection().unwrap();
        schema::migrate(&mut c).unwrap();
        c
    }

    fn routed() -> Route {
        Route {
            proxy: Some("socks5h://127.0.0.1:9050".into()),
            cert_sha256: Some("ab".repeat(32)),
        }
    }

    /// A backend's route is stored with it, read back, and replaced with it.
    #[test]
    fn routes_are_kept_per_backend() {
        let c = vault_db();
        let btc = Target::Bitcoin(Network::Regtest);
        set(&c, btc, Kind::Electrum, "ssl://b:1", &routed(), 0).unwrap();
        assert_eq!(route(&c, btc).unwrap(), routed());
        assert_eq!(list(&c).unwrap()[0].route, routed());
        assert_eq!(route(&c, Target::Evm(1)).unwrap(), Route::direct());
        set(&c, btc, Kind::Electrum, "tcp://b:1", &Route::direct(), 0).unwrap();
        assert_eq!(route(&c, btc).unwrap(), Route::direct());
    }

    #[test]
    fn targets_are_stored_as_before_and_decoded_strictly() {
        let c = vault_db();
        set(
            &c,
            Target::Evm(31337),
            Kind::JsonRpc,
            "http://a",
            &Route::direct(),
            0,
        )
        .unwrap();
        set(
            &c,
            Target::Bitcoin(Network::Regtest),
            Kind::Electrum,
            "http://b",
            &routed(),
            0,
        )
        .unwrap();
        // The columns as they always were: `btc` + network name, `eth` + chain id text.
        let stored: Vec<(String, String)> = c
            .prepare("SELECT chain, network FROM backends ORDER BY chain")
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        assert_eq!(
            stored,
            [
                ("btc".into(), "regtest".into()),
                ("eth".into(), "31337".into())
            ]
        );
        let all = list(&c).unwrap();
        assert_eq!(all[0].target, Target::Bitcoin(Network::Regtest));
        assert_eq!((all[0].kind, all[1].kind), (Kind::Electrum, Kind::JsonRpc));
        assert_eq!(
            kind(&c, Target::Bitcoin(Network::Regtest)).unwrap(),
            Some(Kind::Electrum)
        );
        assert_eq!(all[1].target.chain_id(), Some(31337));
        assert_eq!(all[1].chain(), Chain::Eth);
        assert_eq!(evm_chain_ids(&c).unwrap(), [31337]);
        assert_eq!(
            get(&c, Target::Evm(31337)).unwrap().as_deref(),
            Some("http://a")
        );
        assert_eq!(
            remove(&c, Target::Evm(1)).unwrap_err().to_string(),
            Error::NotFound("eth backend for 1".into()).to_string()
        );
        for (sql, column) in [
            (
                "UPDATE backends SET network = 'moon' WHERE chain = 'btc'",
                "network",
            ),
            (
                "UPDATE backends SET network = 'regtest' WHERE chain = 'eth'",
                "network",
            ),
            (
                "UPDATE backends SET chain = 'doge' WHERE chain = 'eth'",
                "chain",
            ),
        ] {
            let c = vault_db();
            set(
                &c,
                Target::Evm(31337),
                Kind::JsonRpc,
                "http://a",
                &Route::direct(),
                0,
            )
            .unwrap();
            set(
                &c,
                Target::Bitcoin(Network::Regtest),
                Kind::Electrum,
                "http://b",
                &Route::direct(),
                0,
            )
            .unwrap();
            c.execute(sql, []).unwrap();
            let e = list(&c).unwrap_err();
            assert_eq!(e.code(), "vault_damaged", "{sql}");
            assert!(
                e.to_string()
                    .contains(&format!("a stored backend does not decode (\"{column}\")")),
                "{sql}: {e}"
            );
        }
    }
}
