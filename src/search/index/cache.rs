//! What indexing found per batch of documents, kept by `serve` between builds of the index.
//!
//! Tokenising and indexing is most of the index's cost (seconds on 10,000 pages), but an edit
//! changes one document: with the cache only the batch holding it is indexed again. Weighing
//! (which needs every document's field lengths) and writing the files still see every batch,
//! so the files are exactly those a build without the cache writes.

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::hash::{DefaultHasher, Hash, Hasher};

use rayon::prelude::*;

use super::lunr::{Batch, FieldCounts, index_batch};
use super::{SearchDoc, SearchIndexError, doc_glosses, synonym_text};
use crate::search::synonyms::{Word, WordFinder};

/// Documents per cached batch: an edit indexes one batch again, so small batches keep it quick;
/// the output does not depend on how documents are batched.
const CACHE_BATCH_DOCS: usize = 64;

/// Indexed batches of the last build, by position, and every document's postings merged.
#[derive(Default)]
pub struct IndexCache {
    /// Key of the synonym groups the words of `batches` were looked up in, and their finder.
    groups: u64,
    finder: Option<WordFinder>,
    batches: Vec<Cached>,
    /// Term counts per token, documents ascending: the batches' postings merged.
    postings: BTreeMap<String, Vec<(u32, FieldCounts)>>,
}

impl std::fmt::Debug for IndexCache {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.debug_struct("IndexCache").field("batches", &self.batches.len()).finish()
    }
}

struct Cached {
    /// Key of the batch's documents and of where it starts.
    key: u64,
    field_lengths: Vec<FieldCounts>,
    /// The tokens of the batch's documents (their postings are in `IndexCache::postings`).
    tokens: Vec<String>,
    /// Synonym words found in the batch's documents.
    occurring: HashSet<String>,
    /// The (term, gloss) pairs of the batch's documents, kept so an edit reads one batch again.
    glosses: BTreeSet<(String, String)>,
}

impl IndexCache {
    /// Indexes again the batches of `docs` that differ from the cached ones.
    pub(super) fn update(
        &mut self,
        docs: &[SearchDoc],
        groups: &[Vec<Word>],
    ) -> Result<(), SearchIndexError> {
        let groups_key =
            key_of(&(groups.iter().flatten().map(|w| (&w.text, w.trigger, w.anchor)).collect::<Vec<_>>()));
        if groups_key != self.groups || self.finder.is_none() {
            *self = IndexCache {
                groups: groups_key,
                finder: Some(WordFinder::new(groups)),
                ..Default::default()
            };
        }
        let chunks: Vec<&[SearchDoc]> = docs.chunks(CACHE_BATCH_DOCS).collect();
        for gone in chunks.len()..self.batches.len() {
            self.forget(gone);
        }
        self.batches.truncate(chunks.len());
        let stale: Vec<(usize, u64)> = chunks
            .par_iter()
            .enumerate()
            .map(|(i, chunk)| (i, key_of(&(i, chunk))))
            .filter(|&(i, key)| self.batches.get(i).is_none_or(|c| c.key != key))
            .collect();
        let finder = self.finder.as_ref();
        type Fresh = (usize, u64, Batch, HashSet<String>, BTreeSet<(String, String)>);
        let fresh: Vec<Fresh> = stale
            .into_par_iter()
            .map(|(i, key)| {
                let batch = index_batch(i * CACHE_BATCH_DOCS, chunks[i])?;
                let texts = chunks[i].par_iter().map(synonym_text);
                let occurring = finder.map(|f| f.occurring(texts)).unwrap_or_default();
                Ok((i, key, batch, occurring, doc_glosses(chunks[i].par_iter())))
            })
            .collect::<Result<_, SearchIndexError>>()?;
        for (i, key, batch, occurring, glosses) in fresh {
            if i < self.batches.len() {
                self.forget(i);
            }
            let tokens = batch.postings.keys().cloned().collect();
            for (token, docs) in batch.postings {
                let all = self.postings.entry(token).or_default();
                let at = all.partition_point(|&(doc, _)| (doc as usize) < i * CACHE_BATCH_DOCS);
                all.splice(at..at, docs);
            }
            let cached = Cached { key, field_lengths: batch.field_lengths, tokens, occurring, glosses };
            if i < self.batches.len() {
                self.batches[i] = cached;
            } else {
                self.batches.push(cached);
            }
        }
        Ok(())
    }

    /// Removes the postings of batch `i`'s documents.
    fn forget(&mut self, i: usize) {
        let range = (i * CACHE_BATCH_DOCS) as u32..((i + 1) * CACHE_BATCH_DOCS) as u32;
        for token in &self.batches[i].tokens {
            if let Some(all) = self.postings.get_mut(token) {
                let start = all.partition_point(|&(doc, _)| doc < range.start);
                let end = all.partition_point(|&(doc, _)| doc < range.end);
                all.drain(start..end);
                if all.is_empty() {
                    self.postings.remove(token);
                }
            }
        }
    }

    /// Field lengths of every document, in order.
    pub(super) fn field_lengths(&self) -> Vec<FieldCounts> {
        self.batches.iter().flat_map(|c| c.field_lengths.iter().copied()).collect()
    }

    /// Every token's postings, documents ascending.
    pub(super) fn postings(&self) -> impl Iterator<Item = (&str, impl Iterator<Item = (u32, FieldCounts)>)> {
        self.postings.iter().map(|(token, docs)| (token.as_str(), docs.iter().copied()))
    }

    /// Synonym words found in any document.
    pub(super) fn occurring(&self) -> HashSet<&str> {
        self.batches.iter().flat_map(|c| c.occurring.iter().map(String::as_str)).collect()
    }

    /// The (term, gloss) pairs of every document.
    pub(super) fn glosses(&self) -> BTreeSet<(String, String)> {
        self.batches.iter().flat_map(|c| c.glosses.iter().cloned()).collect()
    }
}

fn key_of(value: &impl Hash) -> u64 {
    let mut hasher = DefaultHasher::new();
    value.hash(&mut hasher);
    hasher.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Language;
    use crate::search::index::{build_search_index_cached, build_search_index_with};

    fn doc(n: usize, body: &str) -> SearchDoc {
        SearchDoc {
            id: format!("p{n}"),
            url: format!("faq/p{n}.html"),
            title: format!("VPN 接続 {n}"),
            service: ["メール", "VPN"][n % 2].to_string(),
            service_slug: ["mail", "vpn"][n % 2].to_string(),
            status: ["resolved", "unknown"][n % 3 % 2].to_string(),
            tags: vec![format!("tag{}", n % 5)],
            body_text: format!("{body} 手順 {n} パスワード再設定 mail{}", n % 7),
        }
    }

    #[test]
    fn edits_through_the_cache_equal_a_fresh_index() {
        let groups = vec![vec![
            Word { text: "パスワード".into(), trigger: true, anchor: false, loose: false },
            Word { text: "password".into(), trigger: true, anchor: false, loose: false },
        ]];
        let mut docs: Vec<SearchDoc> = (0..200).map(|n| doc(n, "メールが届かない")).collect();
        let mut cache = IndexCache::default();
        type Edit = dyn Fn(&mut Vec<SearchDoc>);
        let edits: [&Edit; 5] = [
            &|_| {},
            &|d| d[70].body_text.push_str(" 追記された長い説明 VPN クライアント"),
            &|d| d[150].tags.push("new-tag".into()),
            &|d| {
                d.remove(3);
            },
            &|d| d.push(doc(500, "新しいページ")),
        ];
        for edit in edits {
            edit(&mut docs);
            let cached = build_search_index_cached(&docs, Language::Ja, &groups, &mut cache).unwrap();
            let fresh = build_search_index_with(&docs, Language::Ja, &groups).unwrap();
            assert_eq!(cached, fresh);
        }
    }
}
