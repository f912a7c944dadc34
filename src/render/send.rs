//! Human rendering for `send` (Bitcoin): the review, the result of a payment, a broadcast, a combine.
