//! Human rendering for `send` (Ethereum): the review and the result of an ether or token payment.
