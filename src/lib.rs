//! coffer: a local-first command-line wallet for Bitcoin and Ethereum with an encrypted
//! vault. The wallet itself is the `coffer-core` library (vault, chains, errors, clock);
//! this crate is the command line over it: clap definitions, commands as glue, human
//! rendering and output, secrets input. The core modules are re-exported under their
//! old names so `crate::vault::…` reads the same here.

pub use coffer_core::{backup as backups, chain, clock, error, sync, vault};

pub mod cli;
pub mod commands;
pub mod context;
pub mod convert;
pub mod output;
pub mod prompt;
pub mod qr;
pub mod render;
pub mod secret;
pub mod values;
