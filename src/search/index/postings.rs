//! Postings: quantised BM25 weights, their variable-length encoding, and the shards tokens
//! are spread over (see the format in the [module doc](super)).

use std::collections::BTreeMap;

use super::lunr::FieldCounts;
use crate::search::tokenizer::{is_cjk, is_hiragana, is_kanji};

/// Aim for shards of about this many bytes: the first query loads one shard per query token.
const TARGET_SHARD_BYTES: usize = 4096;
const MAX_SHARDS: usize = 4096;

/// Field boosts, in the order of [`super::lunr::FIELDS`].
const FIELD_BOOSTS: [f64; 4] = [3.0, 3.0, 1.5, 1.0];
const BM25_K1: f64 = 1.2;
/// Length normalisation per field: weak for titles (long imported titles are not less about
/// their words) and none for tags and service (more tags do not dilute one).
const FIELD_BM25_B: [f64; 4] = [0.3, 0.0, 0.0, 0.75];
pub(super) const WEIGHT_BASE: f64 = 0.1;
pub(super) const WEIGHT_LEVELS_PER_OCTAVE: f64 = 4.0;
const WEIGHT_LEVELS: u32 = 32;

const VARINT_ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// The shard a token lives in; `search.js` computes the same. A CJK token is keyed by its
/// whole text, except a kanji with the hiragana after it, keyed by the kanji: a one-kanji word
/// inflects and takes any particle (使う 使い 使え, 紙が 紙を), and a query finds the word's
/// other forms in the one shard it loads. Other tokens by their first two characters, so a
/// Latin prefix finds its completions in one shard.
pub fn shard_of(token: &str, shard_count: usize) -> usize {
    let chars: Vec<char> = token.chars().collect();
    let key: &[char] = match chars.as_slice() {
        [kanji, kana] if is_kanji(*kanji) && is_hiragana(*kana) => &chars[..1],
        [first, ..] if is_cjk(*first) => &chars,
        _ => &chars[..chars.len().min(2)],
    };
    let mut hash: u32 = 0x811c_9dc5;
    for &c in key {
        hash ^= c as u32;
        hash = hash.wrapping_mul(0x0100_0193);
    }
    (hash as usize) & (shard_count.max(1) - 1)
}

/// Appends `value` as little-endian 5-bit groups (see the module doc).
pub fn push_varint(out: &mut String, mut value: u64) {
    loop {
        let group = (value & 31) as usize;
        value >>= 5;
        let more = if value > 0 { 32 } else { 0 };
        out.push(VARINT_ALPHABET[group | more] as char);
        if value == 0 {
            return;
        }
    }
}

/// Decodes a string written by [`push_varint`]; `None` on a foreign character or a cut number.
pub fn decode_varints(text: &str) -> Option<Vec<u64>> {
    let mut values = Vec::new();
    let (mut value, mut shift) = (0u64, 0u32);
    for byte in text.bytes() {
        let digit = VARINT_ALPHABET.iter().position(|&a| a == byte)? as u64;
        value |= (digit & 31).checked_shl(shift)?;
        if digit & 32 == 0 {
            values.push(value);
            (value, shift) = (0, 0);
        } else {
            shift += 5;
        }
    }
    (shift == 0).then_some(values)
}

/// Turns field counts into quantised BM25 weights, given every document's field lengths.
pub(super) struct Weigher<'a> {
    field_lengths: &'a [FieldCounts],
    average: [f64; 4],
}

impl<'a> Weigher<'a> {
    /// `field_lengths[doc]` are the field lengths of every document.
    pub(super) fn new(field_lengths: &'a [FieldCounts]) -> Weigher<'a> {
        let doc_count = field_lengths.len();
        let average: [f64; 4] = std::array::from_fn(|f| {
            let total: u64 = field_lengths.iter().map(|l| l[f] as u64).sum();
            if doc_count == 0 { 1.0 } else { (total as f64 / doc_count as f64).max(1.0) }
        });
        Weigher { field_lengths, average }
    }

    fn level(&self, doc: u32, counts: &FieldCounts) -> u32 {
        let lengths = self.field_lengths.get(doc as usize).copied().unwrap_or_default();
        weight_level(counts, &lengths, &self.average)
    }

    /// A token's postings (documents ascending) weighed and encoded as the shards store them.
    pub(super) fn encode(&self, postings: impl IntoIterator<Item = (u32, FieldCounts)>) -> String {
        let mut out = String::new();
        let mut next = 0u64;
        for (doc, counts) in postings {
            let gap = (doc as u64).saturating_sub(next);
            push_varint(&mut out, (gap << 5) | self.level(doc, &counts) as u64);
            next = doc as u64 + 1;
        }
        out
    }
}

fn weight_level(counts: &FieldCounts, lengths: &FieldCounts, average: &[f64; 4]) -> u32 {
    let weight: f64 = (0..4)
        .filter(|&f| counts[f] > 0)
        .map(|f| {
            let tf = counts[f] as f64;
            let b = FIELD_BM25_B[f];
            let norm = 1.0 - b + b * lengths[f] as f64 / average[f];
            FIELD_BOOSTS[f] * tf * (BM25_K1 + 1.0) / (tf + BM25_K1 * norm)
        })
        .sum();
    let level = (WEIGHT_LEVELS_PER_OCTAVE * (weight / WEIGHT_BASE).log2()).round();
    level.clamp(0.0, (WEIGHT_LEVELS - 1) as f64) as u32
}

/// Spreads the encoded postings over shards of about [`TARGET_SHARD_BYTES`].
pub(super) fn shard_postings<K: AsRef<str>>(encoded: &[(K, String)]) -> Vec<BTreeMap<&str, &str>> {
    let total: usize = encoded.iter().map(|(t, p)| t.as_ref().len() + p.len() + 6).sum();
    let shard_count = total.div_ceil(TARGET_SHARD_BYTES).next_power_of_two().clamp(1, MAX_SHARDS);
    let mut shards = vec![BTreeMap::new(); shard_count];
    for (token, postings) in encoded {
        shards[shard_of(token.as_ref(), shard_count)].insert(token.as_ref(), postings.as_str());
    }
    shards
}
