//! The synonym rows ([`synonyms::select`](crate::search::synonyms::select)) spread over
//! `search/synonyms/<n>.js`, so that a query loads the groups it can reach and not the site's
//! whole table (a 10,000-page site has some 240 rows, 14 KB).
//!
//! The browser looks a query token's other words up by the token's first character
//! (`search-synonyms.js`, `candidates`), so a row is filed under the first character of each of its
//! words: `["synonyms", n, {row: [k, word, …]}]` holds every row of which some word starts with
//! a character `c` whose shard ([`shard_of`] of `c`) is `n`. A row is kept under its number in
//! the whole table, so the browser files the rows of several shards in the table's order and
//! expands a query as it would with every row loaded.

use std::collections::BTreeMap;

use super::postings::shard_of;
use crate::search::tokenizer::is_cjk;

/// About this many bytes of rows a shard: a query of a few words loads a few KB. A shard holds
/// every row of its characters, however many shards there are, so more shards only take the
/// rows of other characters out of a query's files (10,000 pages: パスワード's three shards 7.7 KB
/// at 256 shards, 5.6 KB at 512; session 31).
const TARGET_SHARD_BYTES: usize = 256;
const MAX_SHARDS: usize = 512;

/// Row number to row, for each shard.
pub(super) type SynonymShard<'a> = BTreeMap<usize, &'a [serde_json::Value]>;

/// The rows spread over shards (at least one, empty for a site without synonyms).
pub(super) fn shard_synonyms(rows: &[Vec<serde_json::Value>]) -> Vec<SynonymShard<'_>> {
    let keys: Vec<Vec<char>> = rows.iter().map(|row| first_chars(row)).collect();
    let total: usize = rows.iter().zip(&keys).map(|(row, k)| row_bytes(row) * k.len()).sum();
    let shard_count = total.div_ceil(TARGET_SHARD_BYTES).next_power_of_two().clamp(1, MAX_SHARDS);
    let mut shards = vec![BTreeMap::new(); shard_count];
    for (n, (row, chars)) in rows.iter().zip(&keys).enumerate() {
        for c in chars {
            shards[shard_of(c.encode_utf8(&mut [0; 4]), shard_count)].insert(n, row.as_slice());
        }
    }
    shards
}

/// The distinct first characters (as `firstChar` in `search-synonyms.js`: the first CJK, letter or
/// digit, after a `!` mark) of a row's words.
fn first_chars(row: &[serde_json::Value]) -> Vec<char> {
    let mut chars: Vec<char> = row
        .iter()
        .filter_map(serde_json::Value::as_str)
        .filter_map(|word| word.chars().find(|&c| is_cjk(c) || c.is_alphanumeric()))
        .collect();
    chars.sort_unstable();
    chars.dedup();
    chars
}

fn row_bytes(row: &[serde_json::Value]) -> usize {
    row.iter().map(|w| w.as_str().map_or(2, |s| s.len() + 3)).sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(words: &[&str]) -> Vec<serde_json::Value> {
        std::iter::once(serde_json::Value::from(1)).chain(words.iter().map(|w| (*w).into())).collect()
    }

    #[test]
    fn each_row_is_in_the_shard_of_each_of_its_words_first_characters() {
        let rows: Vec<_> =
            (0..200).map(|i| row(&[&format!("ログイン{i}"), &format!("!サインイン{i}"), "login"])).collect();
        let shards = shard_synonyms(&rows);
        assert!(shards.len() > 1, "{} shards", shards.len());
        for c in ['ロ', 'サ', 'l'] {
            let shard = &shards[shard_of(&c.to_string(), shards.len())];
            assert!((0..200).all(|n| shard.get(&n) == Some(&rows[n].as_slice())), "{c}");
        }
        let placed: usize = shards.iter().map(BTreeMap::len).sum();
        assert!(placed <= 3 * rows.len());
    }

    #[test]
    fn no_rows_is_one_empty_shard() {
        assert_eq!(shard_synonyms(&[]), vec![BTreeMap::new()]);
    }
}
