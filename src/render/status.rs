//! Human rendering for `status`: the overview.
