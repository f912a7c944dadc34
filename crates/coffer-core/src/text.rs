//! Text shown to people that may come from outside (a file, a node, a server).

/// Replaces control characters (but newlines and tabs) so an untrusted string cannot
/// drive the terminal it is printed on.
pub fn sanitize(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c.is_control() && c != '\n' && c != '\t' {
                '\u{FFFD}'
            } else {
                c
            }
        })
        .collect()
}
