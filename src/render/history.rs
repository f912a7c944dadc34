//! Human rendering for `history`: pages, details, summaries, exports.
