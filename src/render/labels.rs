//! Human rendering for `labels`: BIP-329 export and import results.
