//! The `backend` command-line definitions (clap only: no logic, no I/O).

/// `wallet backend` subcommands.
#[derive(Debug, clap::Subcommand)]
pub enum BackendCmd {
    /// Set the JSON-RPC endpoint of an EVM chain (checked: eth_chainId must match), or
    /// the Bitcoin Core node of a network (checked: its chain must be that network), or
    /// an Electrum server or an Esplora API of a network (checked: its genesis must be
    /// that network's).
    ///
    /// Examples:
    ///   coffer wallet backend set eth --chain-id 1 --rpc https://eth.example.org
    ///   coffer wallet backend set eth --chain-id 31337 --rpc http://127.0.0.1:8545
    ///   coffer wallet backend set eth --chain-id 1 --explorer https://api.etherscan.io/v2/api --explorer-key-file key.txt
    ///   coffer wallet backend set btc --network regtest --rpc http://127.0.0.1:18443 --rpc-cookie ~/.bitcoin/regtest/.cookie
    ///   coffer wallet backend set btc --network bitcoin --rpc http://127.0.0.1:8332 --rpc-user me --rpc-password-file pw.txt
    ///   coffer wallet backend set btc --network regtest --electrum tcp://127.0.0.1:50001
    ///   coffer wallet backend set btc --network bitcoin --electrum ssl://electrum.example.org:50002
    ///   coffer wallet backend set btc --network bitcoin --electrum ssl://192.168.1.10:50002 --electrum-cert-sha256 HEX
    ///   coffer wallet backend set btc --network bitcoin --electrum tcp://SERVER.onion:50001 --proxy socks5h://127.0.0.1:9050
    ///   coffer wallet backend set btc --network bitcoin --esplora http://192.168.1.10:3002/api
    ///   coffer wallet backend set btc --network bitcoin --esplora https://blockstream.info/api --proxy socks5h://127.0.0.1:9050
    #[command(verbatim_doc_comment)]
    Set(Box<SetArgs>),
    /// List the configured endpoints.
    List,
    /// Remove an endpoint.
    Remove(RemoveArgs),
    /// Check an endpoint now: chain, height, (Bitcoin: version, initial block download),
    /// and the round trip.
    ///
    /// Examples:
    ///   coffer wallet backend test btc --network regtest
    ///   coffer wallet backend test eth --chain-id 1
    #[command(verbatim_doc_comment)]
    Test(RemoveArgs),
}

/// Chains with configurable backends.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum BackendChain {
    /// An EVM chain, by chain id.
    Eth,
    /// A Bitcoin network, through a Bitcoin Core node.
    Btc,
}

/// Arguments of `wallet backend set`.
#[derive(Debug, clap::Args)]
pub struct SetArgs {
    /// The chain family.
    #[arg(value_enum)]
    pub chain: BackendChain,
    /// EIP-155 chain id (eth).
    #[arg(long, value_name = "ID")]
    pub chain_id: Option<u64>,
    /// The Bitcoin network (btc).
    #[arg(long, value_parser = crate::values::named::<crate::chain::Network>())]
    pub network: Option<crate::chain::Network>,
    /// The JSON-RPC URL (http:// or https://).
    #[arg(long, value_name = "URL", required_unless_present_any = ["electrum", "esplora", "explorer"])]
    pub rpc: Option<String>,
    /// eth: an Etherscan-compatible explorer API for history (txlist, txlistinternal,
    /// tokentx), checked (its chain id must match); the JSON-RPC endpoint stays for the rest.
    #[arg(long, value_name = "URL", conflicts_with = "electrum")]
    pub explorer: Option<String>,
    /// eth: the explorer's API key, from FILE (kept in the vault, never printed).
    #[arg(long, value_name = "FILE", requires = "explorer")]
    pub explorer_key_file: Option<std::path::PathBuf>,
    /// btc: an Electrum server instead of a node (tcp://HOST:PORT, or ssl://HOST:PORT
    /// for TLS with the certificate verified).
    #[arg(long, value_name = "URL", conflicts_with_all = ["rpc", "rpc_cookie", "rpc_user"])]
    pub electrum: Option<String>,
    /// btc: an Esplora HTTP API instead of a node (https://HOST[:PORT]/…, with the
    /// certificate verified, or http:// for your own on your network).
    #[arg(long, value_name = "URL", conflicts_with_all = ["rpc", "rpc_cookie", "rpc_user", "electrum", "explorer"])]
    pub esplora: Option<String>,
    /// btc: pin the ssl:// Electrum server's certificate by its SHA-256 fingerprint (64
    /// hex digits; for a self-signed one, e.g. a personal server).
    #[arg(long, value_name = "HEX", requires = "electrum")]
    pub electrum_cert_sha256: Option<String>,
    /// btc: pin the https:// Esplora API's certificate by its SHA-256 fingerprint (64
    /// hex digits; for a self-signed one, e.g. your own server).
    #[arg(
        long,
        value_name = "HEX",
        requires = "esplora",
        conflicts_with = "electrum_cert_sha256"
    )]
    pub esplora_cert_sha256: Option<String>,
    /// Reach the backend through a SOCKS5 proxy, e.g. socks5h://127.0.0.1:9050 (Tor);
    /// the proxy resolves host names.
    #[arg(long, value_name = "URL")]
    pub proxy: Option<String>,
    /// btc: the node's cookie file.
    #[arg(long, value_name = "FILE", conflicts_with = "rpc_user")]
    pub rpc_cookie: Option<std::path::PathBuf>,
    /// btc: rpcuser…
    #[arg(long, value_name = "USER", requires = "rpc_password_file")]
    pub rpc_user: Option<String>,
    /// …and its rpcpassword, from FILE (kept in the vault, never printed).
    #[arg(long, value_name = "FILE", requires = "rpc_user")]
    pub rpc_password_file: Option<std::path::PathBuf>,
}

/// Arguments of `wallet backend remove`.
#[derive(Debug, clap::Args)]
pub struct RemoveArgs {
    /// The chain family.
    #[arg(value_enum)]
    pub chain: BackendChain,
    /// EIP-155 chain id (eth; default: the only EVM backend's).
    #[arg(long, value_name = "ID")]
    pub chain_id: Option<u64>,
    /// The Bitcoin network (btc).
    #[arg(long, value_parser = crate::values::named::<crate::chain::Network>())]
    pub network: Option<crate::chain::Network>,
}

/// Arguments of `wallet sync`.
#[derive(Debug, clap::Args)]
pub struct SyncArgs {
    /// Only this wallet (default: every wallet).
    #[arg(long)]
    pub wallet: Option<String>,
    /// Bitcoin: read blocks from this height on (below the last sync: read them again;
    /// default: where the last sync stopped, the first from the wallet's birth).
    #[arg(long, value_name = "H")]
    pub btc_from_height: Option<u64>,
    /// Ethereum: read transfers from this block on (default: where the last sync
    /// stopped; the first sync starts at the wallet's creation, so a restored or
    /// imported wallet with older history needs this once).
    #[arg(long, value_name = "N")]
    pub eth_from_block: Option<u64>,
    /// Either of the two when only one chain family is synced (a Bitcoin node or an EVM
    /// backend, not both); else a usage error.
    #[arg(long, value_name = "H", conflicts_with_all = ["btc_from_height", "eth_from_block"])]
    pub from_height: Option<u64>,
    /// Unused addresses to watch past the last one handed out (Bitcoin: on each branch,
    /// default 20 or the last one given, and a wider one than before reads the blocks
    /// again from where the first sync began; Ethereum: default 20, past the last
    /// revealed or used address, each sync).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=10_000))]
    pub gap_limit: Option<u32>,
}

/// `wallet token` subcommands.
#[derive(Debug, clap::Subcommand)]
pub enum TokenCmd {
    /// Add an ERC-20 token (symbol and decimals read from the contract when a backend is
    /// set for the chain; else both must be given).
    ///
    /// Examples:
    ///   coffer wallet token add --chain-id 1 --address 0xA0b8…eB48
    ///   coffer wallet token add --chain-id 5 --address 0x… --symbol TST --decimals 18
    #[command(verbatim_doc_comment)]
    Add(TokenAddArgs),
    /// List the tokens.
    List {
        /// Only this chain.
        #[arg(long, value_name = "ID")]
        chain_id: Option<u64>,
    },
    /// Remove a token.
    Remove {
        /// Its chain id (default: the only EVM backend's).
        #[arg(long, value_name = "ID")]
        chain_id: Option<u64>,
        /// Its contract address or symbol.
        token: String,
    },
}

/// Arguments of `wallet token add`.
#[derive(Debug, clap::Args)]
pub struct TokenAddArgs {
    /// EIP-155 chain id (default: the only EVM backend's).
    #[arg(long, value_name = "ID")]
    pub chain_id: Option<u64>,
    /// The contract address (EIP-55).
    #[arg(long, value_name = "0x…")]
    pub address: String,
    /// Symbol (checked against the contract when a backend is set).
    #[arg(long)]
    pub symbol: Option<String>,
    /// Decimals (checked against the contract when a backend is set).
    #[arg(long)]
    pub decimals: Option<u8>,
}
