//! Human rendering for `security`: PIN, settings, recovery, the audit log.
