//! sRGB colours as documents and `book.toml` write them (`#e69138`).

/// An sRGB colour.
pub type Rgb = [u8; 3];

/// `#e69138`, `e69138` or `#f80` → the colour; anything else (`auto`, names) → `None`.
pub fn parse_hex(text: &str) -> Option<Rgb> {
    let hex = text.trim().trim_start_matches('#');
    let digits: Vec<u8> =
        hex.chars().map(|c| c.to_digit(16).and_then(|d| u8::try_from(d).ok())).collect::<Option<_>>()?;
    match digits.as_slice() {
        [r, g, b] => Some([r * 17, g * 17, b * 17]),
        [r1, r2, g1, g2, b1, b2] => Some([r1 * 16 + r2, g1 * 16 + g2, b1 * 16 + b2]),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex_colours() {
        assert_eq!(parse_hex("#e69138"), Some([0xe6, 0x91, 0x38]));
        assert_eq!(parse_hex("F80"), Some([0xff, 0x88, 0x00]));
        assert_eq!(parse_hex("auto"), None);
        assert_eq!(parse_hex("#12345"), None);
    }
}
