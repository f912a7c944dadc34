//! Currencies, networks and amounts; `btc/` (keys, descriptors, bdk wallet, PSBT,
//! backends) and `eth/` (keys, transactions, ERC-20, JSON-RPC) arrive with the wallet
//! issues. Nothing here yet: the foundation has no chain logic.
