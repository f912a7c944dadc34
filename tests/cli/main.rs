//! Integration tests of the real `coffer` binary: one test binary, one module per area.

mod addr;
mod anvil;
mod auth;
mod backup;
mod btcnode;
mod coins;
mod common;
mod completions;
mod concurrency;
mod eth;
mod examples;
mod fund;
mod history;
mod labels;
mod message;
mod multisig;
mod node;
mod rates;
mod receive;
mod register;
mod security;
mod send;
mod session;
mod vault;
mod vectors;
mod wallet;
