//! Decode: the bytes of a minutes file → text with `\n` line ends.
//!
//! Minutes arrive in whatever encoding the exporting tool used. A byte-order mark decides when
//! present (UTF-8, UTF-16 LE/BE); otherwise valid UTF-8 is UTF-8 and anything else is guessed by
//! chardetng (Shift_JIS/CP932, EUC-JP, …) and decoded by encoding_rs. Binary files are refused
//! here, before any later stage can mistake them for text.

use chardetng::{EncodingDetector, Iso2022JpDetection, Utf8Detection};
use encoding_rs::{Encoding, UTF_8};

/// Inputs larger than this are refused before they are read: minutes are a few hundred KiB, and
/// a bigger file is almost certainly not minutes (an export of a whole mailbox, a disk image).
pub const MAX_INPUT_BYTES: u64 = 64 * 1024 * 1024;

/// How much of the text the binary check looks at; binary formats show themselves early.
const BINARY_SNIFF_CHARS: usize = 64 * 1024;

/// Decoded minutes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// The text, `\r\n` and `\r` turned into `\n`, without a byte-order mark.
    pub text: String,
    /// Name of the encoding that was used (`UTF-8`, `Shift_JIS`, `EUC-JP`, `UTF-16LE`, …).
    pub encoding: &'static str,
    /// 1-based line of the first byte sequence that was invalid in that encoding, if any.
    pub first_malformed_line: Option<usize>,
}

/// Why the bytes are not minutes.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DecodeError {
    #[error("binary file, not text minutes (it contains control bytes that text never has)")]
    Binary,
}

/// Decodes the bytes of one minutes file.
pub fn decode(bytes: &[u8]) -> Result<Decoded, DecodeError> {
    let (encoding, body) = match Encoding::for_bom(bytes) {
        Some((encoding, bom_len)) => (encoding, &bytes[bom_len..]),
        None => (detect(bytes), bytes),
    };
    let (text, had_errors) = encoding.decode_without_bom_handling(body);
    if looks_binary(&text) {
        return Err(DecodeError::Binary);
    }
    let text = normalize_line_ends(&text);
    let first_malformed_line =
        if had_errors { text.find('\u{FFFD}').map(|at| text[..at].matches('\n').count() + 1) } else { None };
    Ok(Decoded { text, encoding: encoding.name(), first_malformed_line })
}

/// The encoding of BOM-less bytes: UTF-8 when they are valid UTF-8, or mostly so (a stray
/// byte, one pasted Latin-1 line: the bad bytes become U+FFFD and are warned about); else
/// chardetng's guess. A legacy encoding needs evidence: in Shift_JIS or EUC-JP text few byte
/// runs happen to form valid multi-byte UTF-8, so a file where they are the large majority of
/// the non-ASCII bytes is UTF-8.
fn detect(bytes: &[u8]) -> &'static Encoding {
    if std::str::from_utf8(bytes).is_ok() || mostly_utf8(bytes) {
        return UTF_8;
    }
    // ISO-2022-JP is allowed: minutes are often pasted from e-mail, and nothing here runs scripts.
    let mut detector = EncodingDetector::new(Iso2022JpDetection::Allow);
    detector.feed(bytes, true);
    detector.guess(None, Utf8Detection::Allow)
}

/// Whether at least 90% of the non-ASCII bytes are in valid UTF-8 sequences.
fn mostly_utf8(bytes: &[u8]) -> bool {
    let (mut valid, mut invalid) = (0usize, 0usize);
    for chunk in bytes.utf8_chunks() {
        valid += chunk.valid().bytes().filter(|b| !b.is_ascii()).count();
        invalid += chunk.invalid().len();
    }
    valid > 0 && invalid * 10 <= valid + invalid
}

/// Text never contains NUL, and only a few other C0 controls (tab, form feed, escape, line ends).
/// Undecodable sequences count against the text too: random bytes decode to many of them.
fn looks_binary(text: &str) -> bool {
    let mut total = 0usize;
    let mut suspicious = 0usize;
    for c in text.chars().take(BINARY_SNIFF_CHARS) {
        total += 1;
        match c {
            '\0' => return true,
            '\t' | '\n' | '\r' | '\u{0C}' | '\u{1B}' => {}
            c if c.is_control() && (c as u32) < 0x20 => suspicious += 1,
            '\u{FFFD}' => suspicious += 1,
            _ => {}
        }
    }
    // More than 5% suspicious characters: no human-written minutes look like that.
    total > 0 && suspicious * 20 > total
}

fn normalize_line_ends(text: &str) -> String {
    if text.contains('\r') { text.replace("\r\n", "\n").replace('\r', "\n") } else { text.to_string() }
}

#[cfg(test)]
mod tests {
    use super::*;
    use encoding_rs::{EUC_JP, SHIFT_JIS, UTF_16BE, UTF_16LE};

    const SAMPLE: &str = "司会:山田\r\nUTokyo Account\r\n多要素認証の設定ができない。\r\n=>設定画面から再登録していただいたところ、ログインできました。\r\n- よくある質問です。\r\n";

    fn utf16(text: &str, big_endian: bool) -> Vec<u8> {
        let mut bytes = if big_endian { vec![0xFE, 0xFF] } else { vec![0xFF, 0xFE] };
        for unit in text.encode_utf16() {
            let pair = if big_endian { unit.to_be_bytes() } else { unit.to_le_bytes() };
            bytes.extend_from_slice(&pair);
        }
        bytes
    }

    fn expected() -> String {
        SAMPLE.replace("\r\n", "\n")
    }

    #[test]
    fn utf8_with_and_without_bom() {
        let plain = decode(SAMPLE.as_bytes()).unwrap();
        assert_eq!((plain.text.as_str(), plain.encoding), (expected().as_str(), "UTF-8"));
        let mut with_bom = vec![0xEF, 0xBB, 0xBF];
        with_bom.extend_from_slice(SAMPLE.as_bytes());
        assert_eq!(decode(&with_bom).unwrap().text, expected());
    }

    #[test]
    fn utf16_both_byte_orders_with_bom() {
        let le = decode(&utf16(SAMPLE, false)).unwrap();
        assert_eq!((le.text.as_str(), le.encoding), (expected().as_str(), UTF_16LE.name()));
        let be = decode(&utf16(SAMPLE, true)).unwrap();
        assert_eq!((be.text.as_str(), be.encoding), (expected().as_str(), UTF_16BE.name()));
    }

    #[test]
    fn shift_jis_and_euc_jp_are_detected() {
        for encoding in [SHIFT_JIS, EUC_JP] {
            let (bytes, _, _) = encoding.encode(SAMPLE);
            let decoded = decode(&bytes).unwrap();
            assert_eq!(decoded.encoding, encoding.name());
            assert_eq!(decoded.text, expected());
            assert_eq!(decoded.first_malformed_line, None);
        }
    }

    #[test]
    fn utf8_with_a_stray_byte_stays_utf8_and_names_the_line() {
        let mut bytes = SAMPLE.as_bytes().to_vec();
        let second_line = SAMPLE.find("UTokyo").unwrap();
        bytes.insert(second_line + 3, 0x80);
        let decoded = decode(&bytes).unwrap();
        assert_eq!(decoded.encoding, "UTF-8");
        assert_eq!(decoded.first_malformed_line, Some(2));
        assert!(decoded.text.contains("多要素認証の設定ができない。"), "{}", decoded.text);

        let mut latin1_line = SAMPLE.as_bytes().to_vec();
        latin1_line.extend_from_slice(b"caf\xe9 cr\xe8me\r\n");
        let decoded = decode(&latin1_line).unwrap();
        assert_eq!((decoded.encoding, decoded.first_malformed_line), ("UTF-8", Some(6)));
    }

    #[test]
    fn legacy_encodings_still_need_only_their_evidence() {
        let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode("caf\u{e9} cr\u{e8}me br\u{fb}l\u{e9}e\n");
        assert_eq!(decode(&bytes).unwrap().encoding, "windows-1252");
        // Shift_JIS with a few UTF-8 lines pasted in stays Shift_JIS.
        let mut sjis = SHIFT_JIS.encode(&SAMPLE.repeat(4)).0.into_owned();
        sjis.extend_from_slice("メモ\n".as_bytes());
        assert_eq!(decode(&sjis).unwrap().encoding, SHIFT_JIS.name());
    }

    #[test]
    fn cr_only_line_ends_become_lf() {
        assert_eq!(decode(b"a\rb\r\nc\n").unwrap().text, "a\nb\nc\n");
    }

    #[test]
    fn binary_is_refused() {
        let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10";
        assert_eq!(decode(png), Err(DecodeError::Binary));
        let noise: Vec<u8> = (0u8..=255).cycle().take(4096).collect();
        assert_eq!(decode(&noise), Err(DecodeError::Binary));
    }

    #[test]
    fn empty_input_is_empty_text() {
        assert_eq!(decode(b"").unwrap().text, "");
        assert_eq!(decode(&[0xEF, 0xBB, 0xBF]).unwrap().text, "");
    }
}
