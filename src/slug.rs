//! ASCII identifiers for output paths: validation, slugification and short content hashes.
//!
//! Output paths must be ASCII so sites survive zip tools, Windows and `file://`; every id, service
//! slug and tag slug passes through here.

use sha2::{Digest, Sha256};
use unicode_normalization::UnicodeNormalization;

/// An id or slug is safe as a file name: non-empty, at most 100 bytes, only `[a-z0-9_-]`.
/// This rules out `..`, `/`, `\` and absolute paths by construction.
pub fn is_valid_slug(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 100
        && s.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_')
        && !is_windows_reserved(s)
}

/// A file or folder name Windows cannot create or extract: a device name (`con`, `nul`,
/// `aux`, `prn`, `com1`…, `lpt9`) in any case and with any extension (`aux.png`), or a name
/// ending in a dot or a space.
pub fn is_windows_reserved(name: &str) -> bool {
    let stem = name.split('.').next().unwrap_or(name).trim_end_matches(' ').to_ascii_lowercase();
    let device = matches!(stem.as_str(), "con" | "prn" | "aux" | "nul")
        || (stem.len() == 4
            && (stem.starts_with("com") || stem.starts_with("lpt"))
            && stem.as_bytes()[3].is_ascii_digit());
    device || name.ends_with('.') || name.ends_with(' ')
}

/// First `hex_len` hex digits of the SHA-256 of `text`: stable across runs and platforms.
pub fn short_hash(text: &str, hex_len: usize) -> String {
    let digest = Sha256::digest(text.as_bytes());
    let mut hex = hex::encode(digest);
    hex.truncate(hex_len.min(64));
    hex
}

/// A deterministic ASCII slug for any name. ASCII-only names keep their words
/// (`Microsoft 365` → `microsoft-365`); names with other scripts get a hash suffix so two
/// Japanese names never collide (`多要素認証` → `t-1a2b3c4d`).
pub fn slugify(name: &str) -> String {
    let normalized: String = name.nfkc().collect::<String>().to_lowercase();
    let mut words = String::new();
    let mut pending_dash = false;
    let mut dropped_non_ascii = false;
    for c in normalized.chars() {
        if c.is_ascii_alphanumeric() {
            if pending_dash && !words.is_empty() {
                words.push('-');
            }
            pending_dash = false;
            words.push(c);
        } else {
            if !c.is_ascii() && !c.is_whitespace() {
                dropped_non_ascii = true;
            }
            pending_dash = true;
        }
    }
    words.truncate(60);
    while words.ends_with('-') {
        words.pop();
    }
    match (words.is_empty(), dropped_non_ascii) {
        // `CON` would become `con.html`, which Windows cannot extract.
        (false, false) if is_windows_reserved(&words) => format!("{words}_"),
        (false, false) => words,
        (false, true) => format!("{words}-{}", short_hash(&normalized, 8)),
        (true, _) => format!("t-{}", short_hash(&normalized, 8)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn valid_slugs() {
        assert!(is_valid_slug("utokyo-account"));
        assert!(is_valid_slug("faq_001"));
        for bad in ["", "..", "../x", "/etc", "A", "a b", "ａ", "a/b", "a\\b", "con", "nul", "com1", "lpt9"]
        {
            assert!(!is_valid_slug(bad), "{bad:?} should be invalid");
        }
    }

    #[test]
    fn slugify_keeps_ascii_words_and_hashes_other_scripts() {
        assert_eq!(slugify("Microsoft 365 (Office)"), "microsoft-365-office");
        assert_eq!(slugify("ＶＰＮ"), "vpn");
        let ja = slugify("多要素認証");
        assert!(ja.starts_with("t-") && ja.len() == 10, "{ja}");
        assert_ne!(slugify("多要素認証"), slugify("メールアドレス"));
        assert!(slugify("ECCS クラウドメール").starts_with("eccs-"));
    }

    #[test]
    fn windows_reserved_names_are_refused_as_ids_and_renamed_as_slugs() {
        for name in ["con", "CON", "aux.png", "Nul.tar.gz", "com1", "LPT9.txt", "a.", "b "] {
            assert!(is_windows_reserved(name), "{name}");
        }
        for name in ["console", "com", "com10", "auxiliary.png", "index.html"] {
            assert!(!is_windows_reserved(name), "{name}");
        }
        assert_eq!(slugify("CON"), "con_");
        assert_eq!(slugify("aux"), "aux_");
        assert!(is_valid_slug(&slugify("Nul")));
    }

    proptest! {
        #[test]
        fn slugify_always_gives_a_valid_slug(name in ".{0,80}") {
            let slug = slugify(&name);
            prop_assert!(is_valid_slug(&slug), "{:?} -> {:?}", name, slug);
        }
    }
}
