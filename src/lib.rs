//! coffer: a local-first command-line wallet for Bitcoin and Ethereum with an encrypted
//! vault. The binary (`main.rs`) is thin glue over these modules.

pub mod chain;
pub mod cli;
pub mod clock;
pub mod commands;
pub mod context;
pub mod error;
pub mod output;
pub mod secret;
pub mod vault;
