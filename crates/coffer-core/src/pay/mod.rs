//! Payments: plan -> authorize -> commit. The plan (what is paid, from where, with what
//! fees) and the commit (sign, record, broadcast after the commit) are here; the
//! authorization in between (review, confirmation, PIN, 2FA) is the caller's.

pub mod eth;
