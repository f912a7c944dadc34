//! Human rendering for `wallet`: the wallet views, lists, exports.
