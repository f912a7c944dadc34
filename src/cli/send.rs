//! The `send` command-line definitions (clap only: no logic, no I/O).

use crate::values::{TxRef, tx_ref};
use std::path::PathBuf;

/// Arguments of `coffer send`.
#[derive(Debug, clap::Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct SendArgs {
    /// Sign, broadcast or bump instead of paying.
    #[command(subcommand)]
    pub cmd: Option<SendCmd>,
    #[command(flatten)]
    pub pay: PayArgs,
}

/// `send` subcommands.
#[derive(Debug, clap::Subcommand)]
pub enum SendCmd {
    /// Sign a PSBT with this vault's keys (the offline signer).
    ///
    /// Checks that every input belongs to the wallet and that any change output really
    /// derives from its keys, shows the review, asks for the PIN, signs, and writes the
    /// signed PSBT (default: FILE with `.signed` before the extension).
    ///
    /// Examples:
    ///   coffer send sign payment.psbt
    ///   coffer send sign payment.psbt --out signed.psbt --yes --pin-file pin.txt
    #[command(verbatim_doc_comment)]
    Sign(SignArgs),
    /// Finalize a signed PSBT (or take raw hex), extract the transaction and record it.
    ///
    /// Without a backend it prints the raw transaction to hand to any node
    /// (`bitcoin-cli sendrawtransaction HEX`) or explorer.
    Broadcast(BroadcastArgs),
    /// Replace a pending transaction of ours by one paying a higher fee (RBF).
    Bump(BumpArgs),
    /// Merge PSBTs of the same transaction signed by different cosigners (multisig).
    ///
    /// Examples:
    ///   coffer send combine alice.psbt bob.psbt --out both.psbt
    #[command(verbatim_doc_comment)]
    Combine(CombineArgs),
    /// Ethereum: cancel a pending transaction by sending 0 ETH to ourselves with the
    /// same nonce and higher fees (fast by default, at least 10 % more).
    ///
    /// Examples:
    ///   coffer send cancel-eth 0x5c50…
    ///   coffer send cancel-eth 0x5c50… --max-fee 40 --priority-fee 3
    #[command(verbatim_doc_comment)]
    CancelEth(CancelEthArgs),
    /// Child pays for parent: spend our output of a pending transaction (incoming, or
    /// our change) with a fee that lifts both to RATE.
    ///
    /// Examples:
    ///   coffer send cpfp 4a5e1e4b… --fee 20
    ///   coffer send cpfp 4a5e1e4b… --fee fast --no-broadcast
    ///   coffer send cpfp 4a5e1e4b… --fee 20 --wallet savings
    #[command(verbatim_doc_comment)]
    Cpfp(CpfpArgs),
    /// Approve a send that was held (a limit, a new recipient, level high): shows it
    /// again, asks for the PIN (and a 2FA code when on), signs and, for EVM with a
    /// backend, broadcasts.
    ///
    /// Example:
    ///   coffer send confirm ap-1a2b3c4d5e6f --pin-file pin.txt --totp-code 123456 --yes
    #[command(verbatim_doc_comment)]
    Confirm(crate::cli::approval::ConfirmArgs),
    /// Drop a held send: nothing is signed.
    Cancel(crate::cli::approval::CancelArgs),
    /// Abandon a signed Bitcoin transaction that will never confirm: one never broadcast
    /// (--no-broadcast, or a broadcast that was lost), what Bitcoin Core's
    /// `abandontransaction` does. Its coins become spendable again; it stays in history
    /// as `abandoned`, counted nowhere, with the unconfirmed transactions spending it.
    /// Refused for a confirmed transaction, and for one the network's node holds in its
    /// mempool (it may still confirm: `send bump` replaces it).
    ///
    /// Example:
    ///   coffer send abandon 4a5e1e4b…
    #[command(verbatim_doc_comment)]
    Abandon(AbandonArgs),
}

/// Arguments of `send abandon`.
#[derive(Debug, clap::Args)]
pub struct AbandonArgs {
    /// The pending Bitcoin transaction (its txid).
    pub txid: String,
}

/// What every signing command takes.
#[derive(Debug, Clone, clap::Args)]
pub struct SignOpts {
    /// Do not ask for confirmation (the review is still printed on a terminal).
    #[arg(long, short = 'y')]
    pub yes: bool,
    /// Read the transaction PIN from FILE (else $COFFER_PIN, else a prompt).
    #[arg(long, value_name = "FILE")]
    pub pin_file: Option<PathBuf>,
}

/// Where a payment or a fee bump goes besides the output.
#[derive(Debug, Clone, clap::Args)]
pub struct OutOpts {
    /// Sign nothing: write the unsigned PSBT (base64) to FILE for an offline signer.
    #[arg(long, value_name = "FILE")]
    pub unsigned_out: Option<PathBuf>,
    /// Also write the signed raw transaction (hex) to FILE.
    #[arg(long, value_name = "FILE")]
    pub raw_out: Option<PathBuf>,
    /// Do not broadcast through the network's Bitcoin node, even when one is set.
    #[arg(long)]
    pub no_broadcast: bool,
}

/// Ethereum-only options of a payment.
#[derive(Debug, Clone, clap::Args)]
pub struct EthOpts {
    /// EIP-155 chain id (Ethereum; default: the only EVM backend's).
    #[arg(long, value_name = "ID")]
    pub chain_id: Option<u64>,
    /// An ERC-20 token by symbol or contract address (see `wallet token`).
    #[arg(long, value_name = "SYMBOL|0xCONTRACT")]
    pub token: Option<String>,
    /// Max fee per gas in gwei (with --priority-fee; else from the backend).
    #[arg(long, value_name = "GWEI")]
    pub max_fee: Option<String>,
    /// Max priority fee per gas in gwei.
    #[arg(long, value_name = "GWEI")]
    pub priority_fee: Option<String>,
    /// Gas limit (else estimated by the backend).
    #[arg(long, value_name = "N")]
    pub gas_limit: Option<u64>,
    /// Nonce (else the backend's pending count).
    #[arg(long, value_name = "N")]
    pub nonce: Option<u64>,
}

/// Arguments of `coffer send` (a payment).
#[derive(Debug, clap::Args)]
pub struct PayArgs {
    /// The wallet (default: the only one).
    #[arg(long)]
    pub wallet: Option<String>,
    /// The chain: btc (default) or eth.
    #[arg(long, value_parser = crate::values::named::<crate::chain::Chain>())]
    pub chain: Option<crate::chain::Chain>,
    /// A recipient: an address or a payment URI (BIP-21 bitcoin:…, EIP-681
    /// ethereum:…); repeat addresses with --amount for a batch.
    #[arg(long, value_name = "ADDRESS|URI")]
    pub to: Vec<String>,
    /// The amount for the --to at the same position (BTC, or `1500sat`).
    #[arg(long, allow_hyphen_values = true)]
    pub amount: Vec<String>,
    /// Send everything to the one --to, with no change (Ethereum: one address's ether
    /// minus gas limit x max fee, or its whole --token balance).
    #[arg(long, conflicts_with = "amount")]
    pub max: bool,
    /// slow, normal, fast (see `wallet fees`) or a rate in sat/vB.
    #[arg(long, default_value = "normal")]
    pub fee: String,
    /// Do not signal replace-by-fee (BIP-125).
    #[arg(long)]
    pub no_rbf: bool,
    /// A note kept with the transaction in history.
    #[arg(long, allow_hyphen_values = true)]
    pub note: Option<String>,
    /// Bitcoin coin control: spend exactly these coins (TXID:VOUT, repeat; frozen ones
    /// too), and no others. Ethereum: the one address to pay from (0x…; default: the
    /// first that can pay).
    #[arg(long = "from", value_name = "OUTPOINT")]
    pub from: Vec<String>,
    /// Bitcoin coin control: never spend these coins (TXID:VOUT, repeat).
    #[arg(long, value_name = "OUTPOINT")]
    pub exclude: Vec<String>,
    #[command(flatten)]
    pub out: OutOpts,
    #[command(flatten)]
    pub sign: SignOpts,
    #[command(flatten)]
    pub eth: EthOpts,
}

/// Arguments of `send sign`.
#[derive(Debug, clap::Args)]
pub struct SignArgs {
    /// The PSBT (base64 or binary).
    pub file: PathBuf,
    /// Where to write the signed PSBT.
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// The wallet (default: the one whose keys the PSBT names).
    #[arg(long)]
    pub wallet: Option<String>,
    #[command(flatten)]
    pub sign: SignOpts,
}

/// Arguments of `send broadcast`.
#[derive(Debug, clap::Args)]
pub struct BroadcastArgs {
    /// A signed PSBT, or a file of raw transaction hex (`-`: standard input).
    pub file: PathBuf,
    /// The wallet to record it in (default: every wallet it concerns).
    #[arg(long)]
    pub wallet: Option<String>,
    /// Do not send it through the network's Bitcoin node, even when one is set.
    #[arg(long)]
    pub no_broadcast: bool,
}

/// Explicit fees of an Ethereum replacement (`send bump 0x…`, `send cancel-eth`).
#[derive(Debug, Clone, clap::Args)]
pub struct ReplaceFeeArgs {
    /// Ethereum: max fee per gas in gwei (with --priority-fee; at least 10 % more).
    #[arg(
        long,
        value_name = "GWEI",
        requires = "priority_fee",
        conflicts_with = "fee"
    )]
    pub max_fee: Option<String>,
    /// Ethereum: max priority fee per gas in gwei.
    #[arg(long, value_name = "GWEI", requires = "max_fee")]
    pub priority_fee: Option<String>,
}

/// Arguments of `send bump`.
#[derive(Debug, clap::Args)]
pub struct BumpArgs {
    /// The pending transaction to replace (a Bitcoin txid, or an Ethereum 0x hash).
    #[arg(value_name = "TXID", value_parser = tx_ref)]
    pub txid: TxRef,
    /// The new fee: slow/normal/fast, or (Bitcoin) a rate in sat/vB.
    #[arg(long)]
    pub fee: Option<String>,
    /// Bitcoin: the wallet that paid it (default: the only one holding it; a payment
    /// between two of your wallets is in both).
    #[arg(long)]
    pub wallet: Option<String>,
    #[command(flatten)]
    pub eth_fees: ReplaceFeeArgs,
    #[command(flatten)]
    pub out: OutOpts,
    #[command(flatten)]
    pub sign: SignOpts,
}

/// Arguments of `send combine`.
#[derive(Debug, clap::Args)]
pub struct CombineArgs {
    /// The PSBT files (base64 or binary), two or more.
    #[arg(required = true, num_args = 2.., value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// Where to write the merged PSBT.
    #[arg(long, value_name = "FILE")]
    pub out: PathBuf,
    /// The wallet it spends from (default: the one whose coins the inputs are).
    #[arg(long)]
    pub wallet: Option<String>,
}

/// Arguments of `send cancel-eth`.
#[derive(Debug, clap::Args)]
pub struct CancelEthArgs {
    /// The pending Ethereum transaction (0x hash).
    pub hash: String,
    /// slow, normal or fast (from the backend; default fast).
    #[arg(long)]
    pub fee: Option<String>,
    #[command(flatten)]
    pub eth_fees: ReplaceFeeArgs,
    #[command(flatten)]
    pub out: OutOpts,
    #[command(flatten)]
    pub sign: SignOpts,
}

/// Arguments of `send cpfp`.
#[derive(Debug, clap::Args)]
pub struct CpfpArgs {
    /// The pending transaction (incoming, or ours with change) to speed up.
    pub txid: String,
    /// The wallet whose output the child spends (default: the only wallet holding the
    /// transaction).
    #[arg(long)]
    pub wallet: Option<String>,
    /// The rate the parent and child together must pay: sat/vB, or slow/normal/fast.
    #[arg(long)]
    pub fee: String,
    #[command(flatten)]
    pub out: OutOpts,
    #[command(flatten)]
    pub sign: SignOpts,
}
