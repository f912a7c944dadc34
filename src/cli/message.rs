//! The `message` command-line definitions (clap only: no logic, no I/O).

use std::path::PathBuf;

/// What is signed or verified.
#[derive(Debug, clap::Args)]
pub struct MessageArgs {
    /// The address (Bitcoin, or Ethereum 0x…).
    #[arg(long)]
    pub address: String,
    /// The message (or --message-file; Ethereum: or --typed-data). Text starting with
    /// '-' is text too; put `--` before a message that is exactly `-h` or `--help`.
    #[arg(allow_hyphen_values = true)]
    pub message: Option<String>,
    /// Read the message from FILE (exact bytes; `-`: standard input).
    #[arg(long, value_name = "FILE", conflicts_with = "message")]
    pub message_file: Option<PathBuf>,
    /// Ethereum: EIP-712 typed data (the JSON of eth_signTypedData_v4) from FILE.
    #[arg(long, value_name = "FILE", conflicts_with_all = ["message", "message_file"])]
    pub typed_data: Option<PathBuf>,
}

/// Arguments of `sign-message`.
#[derive(Debug, clap::Args)]
pub struct SignArgs {
    #[command(flatten)]
    pub what: MessageArgs,
    #[command(flatten)]
    pub sign: crate::cli::send::SignOpts,
}

/// Arguments of `verify-message`.
#[derive(Debug, clap::Args)]
pub struct VerifyArgs {
    #[command(flatten)]
    pub what: MessageArgs,
    /// The signature (base64 for Bitcoin, 0x… hex for Ethereum).
    #[arg(long)]
    pub signature: String,
}
