//! `coffer addr`: addresses. For now `validate` (no login needed); `new`, `list`,
//! `label` and `show` come with the wallets.

use crate::chain::{Chain, Network, btc, eth};
use crate::error::Result;
use crate::output::{Human, Report};
use serde::Serialize;

/// Address commands.
#[derive(Debug, clap::Subcommand)]
pub enum AddrCmd {
    /// Check an address: network and type for Bitcoin, EIP-55 checksum for Ethereum.
    ///
    /// Needs no login. An invalid address exits with code 5 and says precisely why
    /// (bad checksum, wrong network, unknown witness version, …).
    ///
    /// Examples:
    ///   coffer addr validate bc1qcr8te4kr609gcawutmrza0j4xv80jy8z306fyu
    ///   coffer addr validate tb1q… --network testnet
    ///   coffer addr validate 0x9858EfFD232B4033E47d90003D41EC34EcaEda94 --json
    #[command(verbatim_doc_comment)]
    Validate(ValidateArgs),
}

/// Arguments of `addr validate`.
#[derive(Debug, clap::Args)]
pub struct ValidateArgs {
    /// The address.
    pub address: String,
    /// The chain (default: eth for 0x…, else btc).
    #[arg(long, value_enum)]
    pub chain: Option<Chain>,
    /// Require a Bitcoin network.
    #[arg(long, value_enum)]
    pub network: Option<Network>,
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

impl Report for Validated {
    fn human(&self, out: &mut Human) {
        match self {
            Validated::Btc(a) => {
                out.line(format!("{} is a valid Bitcoin address.", a.address));
                let nets: Vec<&str> = a.networks.iter().map(|n| n.name()).collect();
                out.kv("Networks", nets.join(", "));
                out.kv(
                    "Type",
                    a.address_type
                        .as_deref()
                        .unwrap_or("unknown (future witness version)"),
                );
                if let Some(v) = a.witness_version {
                    out.kv("Witness version", v.to_string());
                }
                out.kv("Script", &a.script_pubkey);
            }
            Validated::Eth(a) => {
                out.line(format!("{} is a valid Ethereum address.", a.address));
                out.kv("Checksummed", &a.checksummed);
                out.kv(
                    "EIP-55 checksum",
                    if a.checksum_verified {
                        "verified"
                    } else {
                        "absent"
                    },
                );
                if let Some(w) = &a.warning {
                    out.kv("Warning", w);
                }
            }
        }
    }
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
