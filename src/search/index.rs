//! The search index writer: a pure function from the site's pages to sharded `.js` files.
//!
//! elasticlunr-rs builds the inverted index (fields `title`, `tags`, `service`, `body`; our
//! [`tokenizer`](super::tokenizer) as its custom `Language`, with an empty pipeline since the
//! tokenizer already normalises). Its single JSON file would make every first query download the
//! whole index, so its postings and field lengths are re-packed into shards that the browser
//! loads on demand. Documents are indexed in batches (in parallel) and the batches merged in
//! order, so memory stays bounded and the output is byte-identical for the same input.
//!
//! # Files (paths relative to the site root)
//!
//! Every file is a classic script that pushes one record onto a global queue, so files load
//! with `<script>` tags from `file://` (no fetch, XHR, modules or wasm) in any order:
//! `(self.FAQBOOK_SEARCH_DATA=self.FAQBOOK_SEARCH_DATA||[]).push([kind, …]);`
//!
//! - `search/meta.js`: `["meta", {version, lang, docCount, shardCount, maxTokenChars,
//!   weightBase, weightLevelsPerOctave, lowWeight, functionWords: [..], services: [{name, slug}],
//!   statuses: [..], statusLabels: {status: label}, noAnswer}]`: the query-side constants and
//!   UI labels come from here (tokenizer rules, `render::strings`), not restated in `search.js`.
//! - `search/shards/<n>.js` for every `n` in `0..shardCount`: `["shard", n, {token: postings}]`.
//!   A token's shard is `fnv1a32(key) & (shardCount - 1)`, FNV-1a over the Unicode code points
//!   of the key; the key is the whole token for CJK tokens and its first two code points
//!   otherwise, so a Latin prefix typed so far finds all its completions in one shard.
//! - `search/docs/<n>.js`: `["doc", n, {u: url, t: title, s: service, st: status, g: [tags],
//!   x: text}]`, `x` being the start of the body text (for snippets and phrase checks); loaded
//!   only for the results shown.
//! - `search/facets.js`: `["facets", varints]`, one `service * statuses.len() + status` per
//!   document; loaded only when a filter is set.
//!
//! # Postings
//!
//! A token's postings are one string of variable-length numbers (little-endian 5-bit groups,
//! each a character of `A–Z a–z 0–9 - _`, value + 32 when more groups follow). One number per
//! document: `(gap << 5) | level`, `gap` being the document number minus the previous one minus
//! one (the first document's number itself), so consecutive documents cost one character.
//! `level` (0–31) quantises the document's BM25 term weight (without idf, which the browser
//! computes from the posting count): `w = Σ_field boost·tf·(k1+1) / (tf + k1·(1 − b + b·len/avg))`,
//! with boosts title 3, tags 3, service 1.5, body 1 and `b` title 0.3, tags and service 0,
//! body 0.75; `w ≈ weightBase · 2^(level / weightLevelsPerOctave)`. Summing per-field BM25
//! (rather than BM25F) keeps one title or tag hit above any number of body hits. The query-side
//! rules (coverage, adjacency, minor tokens, inflections and typos, confidence) are in
//! `search.js`.
//!
//! # Page markup (`search.html`) expected by `search.js`
//!
//! ```html
//! <html lang="ja"> <meta charset="utf-8"> …
//! <form id="faqbook-search-form" role="search" action="search.html">
//!   <label for="faqbook-search-input">…</label>
//!   <input id="faqbook-search-input" type="search" name="q" autocomplete="off">
//!   <select id="faqbook-search-service" name="service"></select>  <!-- filled by search.js -->
//!   <select id="faqbook-search-status" name="status"></select>
//! </form>
//! <p id="faqbook-search-message" role="status" aria-live="polite"></p>
//! <ol id="faqbook-search-results" data-search-results></ol>
//! <script src="static/search.js"></script>              <!-- theme asset -->
//! <script src="search/meta.js" data-faqbook-search-index data-faqbook-search-version="2"></script>
//! ```
//!
//! `search.js` finds the index next to the `data-faqbook-search-index` script, takes the UI
//! language from `meta.lang` (strings for `ja` and `en` are built in; a theme may override any
//! of them with `window.FAQBOOK_SEARCH_UI = {…}` before `search.js`), and links the "no results"
//! message to `tags/index.html`. Other pages need only `<form role="search" action="search.html">`
//! with an input named `q`; loading `search.js` there too makes `/` focus it.

use std::collections::{BTreeMap, HashMap};

use elasticlunr::{IndexBuilder, Pipeline};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use super::synonyms;
use super::tokenizer::{self, is_cjk};
use crate::config::Language;
use crate::content::Status;
use crate::render::strings::ui_strings;

/// Format version written to `meta.js`; `search.js` refuses other versions.
pub const FORMAT_VERSION: u32 = 2;
/// Longer tokens (base64 blobs, hashes) are not indexed; the browser drops them from queries too.
pub const MAX_TOKEN_CHARS: usize = 64;
/// Characters of body text kept per document for snippets.
pub const SNIPPET_SOURCE_CHARS: usize = 1000;
/// Aim for shards of about this many bytes: the first query loads one shard per query token.
const TARGET_SHARD_BYTES: usize = 4096;
const MAX_SHARDS: usize = 4096;
/// Documents per elasticlunr batch.
const BATCH_DOCS: usize = 512;

const FIELDS: [&str; 4] = ["title", "tags", "service", "body"];
const FIELD_BOOSTS: [f64; 4] = [3.0, 3.0, 1.5, 1.0];
const BM25_K1: f64 = 1.2;
/// Length normalisation per field: weak for titles (long imported titles are not less about
/// their words) and none for tags and service (more tags do not dilute one).
const FIELD_BM25_B: [f64; 4] = [0.3, 0.0, 0.0, 0.75];
const WEIGHT_BASE: f64 = 0.1;
const WEIGHT_LEVELS_PER_OCTAVE: f64 = 4.0;
const WEIGHT_LEVELS: u32 = 32;
/// Statuses in the order the filter lists them; others follow alphabetically.
const KNOWN_STATUSES: [&str; 4] = ["resolved", "escalated", "unresolved", "unknown"];

const VARINT_ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
const DATA_PREFIX: &str = "(self.FAQBOOK_SEARCH_DATA=self.FAQBOOK_SEARCH_DATA||[]).push(";

/// One FAQ page as the search index sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchDoc {
    pub id: String,
    /// Relative to the site root, e.g. `faq/<id>.html`.
    pub url: String,
    pub title: String,
    pub service: String,
    pub service_slug: String,
    pub status: String,
    pub tags: Vec<String>,
    /// The page body as plain text (no markup).
    pub body_text: String,
}

#[derive(Debug, thiserror::Error)]
pub enum SearchIndexError {
    #[error("search index: cannot repack the elasticlunr index: {0}")]
    Repack(#[from] serde_json::Error),
    #[error("search index: {0} documents is more than the index format supports")]
    TooManyDocs(usize),
}

/// Builds the search files for `docs` (document numbers are their positions in `docs`), with
/// no synonym groups. Returns `(path relative to the site root, contents)`, sorted by path.
pub fn build_search_index(
    docs: &[SearchDoc],
    lang: Language,
) -> Result<Vec<(String, Vec<u8>)>, SearchIndexError> {
    build_search_index_with(docs, lang, &[])
}

/// [`build_search_index`] with the synonym groups of [`synonyms::site_groups`]: those that
/// reach a word of these pages go into `search/synonyms.js`.
pub fn build_search_index_with(
    docs: &[SearchDoc],
    lang: Language,
    synonym_groups: &[Vec<synonyms::Word>],
) -> Result<Vec<(String, Vec<u8>)>, SearchIndexError> {
    if u32::try_from(docs.len()).is_err() {
        return Err(SearchIndexError::TooManyDocs(docs.len()));
    }
    let batches: Vec<Batch> = docs
        .par_chunks(BATCH_DOCS)
        .enumerate()
        .map(|(i, chunk)| index_batch(i * BATCH_DOCS, chunk))
        .collect::<Result<_, _>>()?;
    let postings = weigh_postings(batches, docs.len());
    let texts = docs
        .par_iter()
        .map(|d| format!("{}\n{}\n{}\n{}", d.title, d.tags.join("\n"), d.service, d.body_text));
    let occurring = synonyms::occurring_words(synonym_groups, texts);
    let synonym_rows = synonyms::select(synonym_groups, &|word| occurring.contains(word));
    let shards = shard_postings(&postings);
    let (services, statuses) = facet_values(docs);

    let mut files = Vec::with_capacity(docs.len() + shards.len() + 2);
    let meta = Meta {
        version: FORMAT_VERSION,
        lang: lang.code(),
        doc_count: docs.len(),
        shard_count: shards.len(),
        max_token_chars: MAX_TOKEN_CHARS,
        weight_base: WEIGHT_BASE,
        weight_levels_per_octave: WEIGHT_LEVELS_PER_OCTAVE,
        low_weight: tokenizer::MINOR_TOKEN_WEIGHT,
        function_words: &tokenizer::FUNCTION_WORDS,
        services: services.iter().map(|(name, slug)| ServiceEntry { name, slug }).collect(),
        status_labels: status_labels(&statuses, lang),
        no_answer: ui_strings(lang).search_no_answer,
        statuses: statuses.clone(),
    };
    files.push(("search/meta.js".to_string(), data_script(&("meta", &meta))?));
    let facets = facets_string(docs, &services, &statuses);
    files.push(("search/facets.js".to_string(), data_script(&("facets", facets))?));
    files.push(("search/synonyms.js".to_string(), data_script(&("synonyms", synonym_rows))?));
    for (n, shard) in shards.iter().enumerate() {
        files.push((format!("search/shards/{n}.js"), data_script(&("shard", n, shard))?));
    }
    for (n, doc) in docs.iter().enumerate() {
        let stored = StoredDoc {
            u: &doc.url,
            t: &doc.title,
            s: &doc.service,
            st: &doc.status,
            g: &doc.tags,
            x: doc.body_text.chars().take(SNIPPET_SOURCE_CHARS).collect(),
        };
        files.push((format!("search/docs/{n}.js"), data_script(&("doc", n, stored))?));
    }
    files.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(files)
}

/// The shard a token lives in; `search.js` computes the same.
pub fn shard_of(token: &str, shard_count: usize) -> usize {
    let key: Vec<char> = match token.chars().next() {
        Some(first) if is_cjk(first) => token.chars().collect(),
        _ => token.chars().take(2).collect(),
    };
    let mut hash: u32 = 0x811c_9dc5;
    for c in key {
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

/// The elasticlunr `Language`: faqbook's tokenizer and no stemming or stop words (neither
/// exists for bigrams, and the browser must produce the same terms without a pipeline).
struct FaqbookTokens;

impl elasticlunr::Language for FaqbookTokens {
    fn name(&self) -> String {
        "FaqbookBigrams".to_string()
    }
    fn code(&self) -> String {
        "faqbook".to_string()
    }
    fn tokenize(&self, text: &str) -> Vec<String> {
        tokenizer::tokenize(text).into_iter().filter(|t| t.chars().count() <= MAX_TOKEN_CHARS).collect()
    }
    fn make_pipeline(&self) -> Pipeline {
        Pipeline { queue: Vec::new() }
    }
}

/// Term counts per field of one document for one token.
type FieldCounts = [u32; 4];
/// The same per posting, held for every posting of the site until all field lengths are
/// known: 16 bits (saturating) make a posting 12 bytes instead of 20.
type TermCounts = [u16; 4];

/// One batch's postings (documents in ascending order per token) and field lengths.
struct Batch {
    postings: BTreeMap<String, Vec<(u32, TermCounts)>>,
    field_lengths: Vec<FieldCounts>,
}

/// The parts of elasticlunr's serialised index that we repack.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct LunrIndex {
    index: BTreeMap<String, LunrField>,
    document_store: LunrDocumentStore,
}

#[derive(Deserialize)]
struct LunrField {
    root: LunrNode,
}

/// A node of elasticlunr's character trie: `{"docs": {"<doc>": {"tf": ..}}, "df": n,
/// "<char>": node, ..}`. Deserialised by hand because serde's `flatten` would buffer every
/// subtree once per level, and to read document references straight into numbers.
#[derive(Default)]
struct LunrNode {
    docs: Vec<LunrPosting>,
    children: Vec<(String, LunrNode)>,
}

impl<'de> Deserialize<'de> for LunrNode {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct NodeVisitor;
        impl<'de> serde::de::Visitor<'de> for NodeVisitor {
            type Value = LunrNode;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("an elasticlunr index node")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<LunrNode, A::Error> {
                let mut node = LunrNode::default();
                while let Some(key) = map.next_key::<String>()? {
                    match key.as_str() {
                        "docs" => node.docs = map.next_value::<LunrDocs>()?.0,
                        "df" => {
                            map.next_value::<serde::de::IgnoredAny>()?;
                        }
                        _ => node.children.push((key, map.next_value()?)),
                    }
                }
                Ok(node)
            }
        }
        deserializer.deserialize_map(NodeVisitor)
    }
}

/// `(document offset in the batch, sqrt of the term count)`.
type LunrPosting = (u32, f64);

/// The `docs` map of a trie node as a list, in elasticlunr's (string) order.
struct LunrDocs(Vec<LunrPosting>);

impl<'de> Deserialize<'de> for LunrDocs {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct DocsVisitor;
        impl<'de> serde::de::Visitor<'de> for DocsVisitor {
            type Value = LunrDocs;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("elasticlunr postings")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<LunrDocs, A::Error> {
                let mut docs = Vec::with_capacity(map.size_hint().unwrap_or(0));
                while let Some((doc, freq)) = map.next_entry::<u32, LunrTermFrequency>()? {
                    docs.push((doc, freq.tf));
                }
                Ok(LunrDocs(docs))
            }
        }
        deserializer.deserialize_map(DocsVisitor)
    }
}

#[derive(Deserialize)]
struct LunrTermFrequency {
    tf: f64,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct LunrDocumentStore {
    doc_info: BTreeMap<String, BTreeMap<String, usize>>,
}

fn index_batch(first_doc: usize, docs: &[SearchDoc]) -> Result<Batch, SearchIndexError> {
    let mut index = IndexBuilder::with_language(Box::new(FaqbookTokens))
        .save_docs(false)
        .add_fields(FIELDS)
        .set_ref("ref")
        .build();
    for (offset, doc) in docs.iter().enumerate() {
        let tags = doc.tags.join("\n");
        index.add_doc(&offset.to_string(), [&doc.title, &tags, &doc.service, &doc.body_text]);
    }
    let lunr: LunrIndex = serde_json::from_slice(&serde_json::to_vec(&index)?)?;
    drop(index);

    // A hash map while the four fields are merged; sorted once at the end (determinism).
    let mut per_token: HashMap<String, Vec<(u32, TermCounts)>> = HashMap::new();
    for (field_idx, field) in FIELDS.iter().enumerate() {
        if let Some(lunr_field) = lunr.index.get(*field) {
            collect_node(&lunr_field.root, &mut String::new(), &mut |token, docs| {
                let postings = match per_token.get_mut(token) {
                    Some(postings) => postings,
                    None => per_token.entry(token.to_string()).or_default(),
                };
                postings.extend(docs.iter().map(|&(offset, tf)| {
                    let mut counts = TermCounts::default();
                    // elasticlunr stores sqrt(count).
                    counts[field_idx] = (tf * tf).round().min(u16::MAX as f64) as u16;
                    ((first_doc as u32).saturating_add(offset), counts)
                }));
            });
        }
    }
    let field_lengths = (0..docs.len())
        .map(|offset| {
            let info = lunr.document_store.doc_info.get(&offset.to_string());
            FIELDS.map(|f| info.and_then(|i| i.get(f)).map_or(0, |&n| n as u32))
        })
        .collect();
    let postings = per_token.into_iter().map(|(token, docs)| (token, merge_fields(docs))).collect();
    Ok(Batch { postings, field_lengths })
}

/// Sorts a token's postings by document and merges the entries of one document's fields.
fn merge_fields(mut docs: Vec<(u32, TermCounts)>) -> Vec<(u32, TermCounts)> {
    docs.sort_unstable_by_key(|&(doc, _)| doc);
    let mut merged: Vec<(u32, TermCounts)> = Vec::with_capacity(docs.len());
    for (doc, counts) in docs {
        match merged.last_mut() {
            Some((last, total)) if *last == doc => {
                for (t, c) in total.iter_mut().zip(counts) {
                    *t = t.saturating_add(c);
                }
            }
            _ => merged.push((doc, counts)),
        }
    }
    merged
}

/// Walks elasticlunr's character trie, handing each token that has documents to `emit`.
fn collect_node(node: &LunrNode, token: &mut String, emit: &mut dyn FnMut(&str, &[LunrPosting])) {
    if !node.docs.is_empty() {
        emit(token, &node.docs);
    }
    for (key, child) in &node.children {
        let len = token.len();
        token.push_str(key);
        collect_node(child, token, emit);
        token.truncate(len);
    }
}

/// Merges the batches and turns field counts into quantised BM25 weights.
fn weigh_postings(batches: Vec<Batch>, doc_count: usize) -> BTreeMap<String, Vec<(u32, u32)>> {
    let field_lengths: Vec<FieldCounts> =
        batches.iter().flat_map(|b| b.field_lengths.iter().copied()).collect();
    let average: [f64; 4] = std::array::from_fn(|f| {
        let total: u64 = field_lengths.iter().map(|l| l[f] as u64).sum();
        if doc_count == 0 { 1.0 } else { (total as f64 / doc_count as f64).max(1.0) }
    });
    let mut merged: BTreeMap<String, Vec<(u32, u32)>> = BTreeMap::new();
    for batch in batches {
        for (token, docs) in batch.postings {
            let entry = merged.entry(token).or_default();
            entry.extend(docs.into_iter().map(|(doc, counts)| {
                let lengths = field_lengths.get(doc as usize).copied().unwrap_or_default();
                (doc, weight_level(&counts, &lengths, &average))
            }));
        }
    }
    merged
}

fn weight_level(counts: &TermCounts, lengths: &FieldCounts, average: &[f64; 4]) -> u32 {
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

fn encode_postings(docs: &[(u32, u32)]) -> String {
    let mut out = String::new();
    let mut next = 0u64;
    for &(doc, level) in docs {
        let gap = doc as u64 - next;
        push_varint(&mut out, (gap << 5) | level as u64);
        next = doc as u64 + 1;
    }
    out
}

fn shard_postings(postings: &BTreeMap<String, Vec<(u32, u32)>>) -> Vec<BTreeMap<&str, String>> {
    let encoded: Vec<(&str, String)> =
        postings.iter().map(|(t, d)| (t.as_str(), encode_postings(d))).collect();
    let total: usize = encoded.iter().map(|(t, p)| t.len() + p.len() + 6).sum();
    let shard_count = total.div_ceil(TARGET_SHARD_BYTES).next_power_of_two().clamp(1, MAX_SHARDS);
    let mut shards = vec![BTreeMap::new(); shard_count];
    for (token, encoded) in encoded {
        shards[shard_of(token, shard_count)].insert(token, encoded);
    }
    shards
}

/// Distinct services `(name, slug)` sorted by name, and statuses in filter order.
fn facet_values(docs: &[SearchDoc]) -> (Vec<(String, String)>, Vec<String>) {
    let mut services: Vec<(String, String)> =
        docs.iter().map(|d| (d.service.clone(), d.service_slug.clone())).collect();
    services.sort();
    services.dedup_by(|a, b| a.0 == b.0);
    let mut statuses: Vec<String> = docs.iter().map(|d| d.status.clone()).collect();
    let rank = |s: &String| KNOWN_STATUSES.iter().position(|k| k == s).unwrap_or(KNOWN_STATUSES.len());
    statuses.sort_by(|a, b| rank(a).cmp(&rank(b)).then_with(|| a.cmp(b)));
    statuses.dedup();
    (services, statuses)
}

fn facets_string(docs: &[SearchDoc], services: &[(String, String)], statuses: &[String]) -> String {
    let mut out = String::new();
    for doc in docs {
        let service = services.iter().position(|(name, _)| *name == doc.service).unwrap_or(0);
        let status = statuses.iter().position(|s| *s == doc.status).unwrap_or(0);
        push_varint(&mut out, (service * statuses.len() + status) as u64);
    }
    out
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Meta<'a> {
    version: u32,
    lang: &'a str,
    doc_count: usize,
    shard_count: usize,
    max_token_chars: usize,
    weight_base: f64,
    weight_levels_per_octave: f64,
    low_weight: f64,
    function_words: &'a [&'a str],
    services: Vec<ServiceEntry<'a>>,
    statuses: Vec<String>,
    /// The label pages show for each status, so a search result says the same.
    status_labels: BTreeMap<String, &'static str>,
    /// Shown above the closest pages when no result answers the query.
    no_answer: &'a str,
}

/// Each status's label in the site language; a status faqbook does not know keeps its name.
fn status_labels(statuses: &[String], lang: Language) -> BTreeMap<String, &'static str> {
    statuses
        .iter()
        .filter_map(|s| Status::parse(s).map(|status| (s.clone(), ui_strings(lang).status_label(status))))
        .collect()
}

#[derive(Serialize)]
struct ServiceEntry<'a> {
    name: &'a str,
    slug: &'a str,
}

#[derive(Serialize)]
struct StoredDoc<'a> {
    u: &'a str,
    t: &'a str,
    s: &'a str,
    st: &'a str,
    g: &'a [String],
    x: String,
}

fn data_script<T: Serialize>(record: &T) -> Result<Vec<u8>, SearchIndexError> {
    let mut out = DATA_PREFIX.as_bytes().to_vec();
    serde_json::to_writer(&mut out, record)?;
    out.extend_from_slice(b");\n");
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(id: &str, title: &str, service: &str, status: &str, tags: &[&str], body: &str) -> SearchDoc {
        SearchDoc {
            id: id.to_string(),
            url: format!("faq/{id}.html"),
            title: title.to_string(),
            service: service.to_string(),
            service_slug: crate::slug::slugify(service),
            status: status.to_string(),
            tags: tags.iter().map(|t| t.to_string()).collect(),
            body_text: body.to_string(),
        }
    }

    fn sample() -> Vec<SearchDoc> {
        vec![
            doc(
                "a",
                "多要素認証のメールが届かない",
                "UTokyo Account",
                "resolved",
                &["多要素認証"],
                "迷惑メールを確認",
            ),
            doc("b", "Thunderbird で受信できない", "Microsoft 365", "unknown", &["メール"], "IMAP の設定"),
            doc("c", "ウェビナーの録画", "Zoom", "escalated", &[], "macOS 10.15 では録画できない"),
        ]
    }

    fn file<'a>(files: &'a [(String, Vec<u8>)], path: &str) -> &'a str {
        let found = files.iter().find(|(p, _)| p == path).map(|(_, c)| c.as_slice()).unwrap_or_default();
        std::str::from_utf8(found).unwrap_or_default()
    }

    /// The JSON payload of a data script, as the browser's queue receives it.
    fn record(script: &str) -> serde_json::Value {
        let json = script.strip_prefix(DATA_PREFIX).and_then(|s| s.strip_suffix(");\n")).unwrap_or_default();
        serde_json::from_str(json).unwrap_or_default()
    }

    fn postings_of(files: &[(String, Vec<u8>)], token: &str) -> Vec<(u64, u64)> {
        let meta = record(file(files, "search/meta.js"));
        let shard_count = meta[1]["shardCount"].as_u64().unwrap_or(0) as usize;
        let shard = record(file(files, &format!("search/shards/{}.js", shard_of(token, shard_count))));
        let encoded = shard[2][token].as_str().unwrap_or_default();
        let mut doc = 0u64;
        decode_varints(encoded)
            .unwrap_or_default()
            .into_iter()
            .map(|v| {
                doc += v >> 5;
                let posting = (doc, v & 31);
                doc += 1;
                posting
            })
            .collect()
    }

    #[test]
    fn same_input_gives_byte_identical_files() {
        let first = build_search_index(&sample(), Language::Ja).ok();
        let second = build_search_index(&sample(), Language::Ja).ok();
        assert!(first.is_some());
        assert_eq!(first, second);
    }

    #[test]
    fn every_shard_and_doc_file_exists_and_loads_through_the_queue() {
        let files = build_search_index(&sample(), Language::En).unwrap_or_default();
        let meta = record(file(&files, "search/meta.js"));
        assert_eq!(meta[0], "meta");
        assert_eq!(meta[1]["lang"], "en");
        assert_eq!(meta[1]["docCount"], 3);
        let shard_count = meta[1]["shardCount"].as_u64().unwrap_or(0);
        assert!(shard_count.is_power_of_two());
        for n in 0..shard_count {
            assert_eq!(record(file(&files, &format!("search/shards/{n}.js")))[1], n);
        }
        let doc = record(file(&files, "search/docs/2.js"));
        assert_eq!(doc[2]["u"], "faq/c.html");
        assert_eq!(doc[2]["st"], "escalated");
        assert_eq!(files.len() as u64, 3 + shard_count + 3);
    }

    #[test]
    fn postings_find_the_documents_and_rank_title_hits_above_body_hits() {
        let files = build_search_index(&sample(), Language::Ja).unwrap_or_default();
        let mail = postings_of(&files, "メル");
        assert_eq!(mail.iter().map(|p| p.0).collect::<Vec<_>>(), [0, 1]);
        // Doc 0 has メール in its title, doc 1 only in a tag: both boosted above a body hit.
        let version = postings_of(&files, "10.15");
        assert_eq!(version.iter().map(|p| p.0).collect::<Vec<_>>(), [2]);
        let body_level = version[0].1;
        let title_level = postings_of(&files, "thunderbird")[0].1;
        assert!(title_level > body_level, "{title_level} > {body_level}");
    }

    #[test]
    fn facets_follow_the_status_order_of_the_filter() {
        let files = build_search_index(&sample(), Language::Ja).unwrap_or_default();
        let meta = record(file(&files, "search/meta.js"));
        assert_eq!(meta[1]["statuses"], serde_json::json!(["resolved", "escalated", "unknown"]));
        let facets = record(file(&files, "search/facets.js"));
        // Services by name: Microsoft 365, UTokyo Account, Zoom.
        assert_eq!(decode_varints(facets[1].as_str().unwrap_or_default()), Some(vec![3, 2, 7]));
    }

    #[test]
    fn large_sites_are_split_into_many_shards() {
        let docs: Vec<SearchDoc> = (0..600)
            .map(|i| {
                doc(
                    &format!("d{i}"),
                    &format!("件名{i} word{i}"),
                    "S",
                    "resolved",
                    &[],
                    &"本文の例 ".repeat(20),
                )
            })
            .collect();
        let files = build_search_index(&docs, Language::Ja).unwrap_or_default();
        let meta = record(file(&files, "search/meta.js"));
        assert!(meta[1]["shardCount"].as_u64().unwrap_or(0) > 1);
        assert_eq!(postings_of(&files, "word599").first().map(|p| p.0), Some(599));
        assert_eq!(postings_of(&files, "本文").len(), 600);
    }

    #[test]
    fn tokens_up_to_the_length_limit_are_indexed_and_longer_ones_skipped() {
        // elasticlunr stores tokens as a character trie: the limit also keeps its JSON nesting
        // within serde_json's recursion limit.
        let longest = "a".repeat(MAX_TOKEN_CHARS);
        let too_long = "b".repeat(MAX_TOKEN_CHARS + 1);
        let body = format!("{longest} {too_long} {}", "c".repeat(5000));
        let files = build_search_index(&[doc("x", "t", "S", "resolved", &[], &body)], Language::En);
        let files = files.unwrap_or_default();
        assert_eq!(postings_of(&files, &longest).len(), 1);
        assert!(postings_of(&files, &too_long).is_empty());
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(48))]
        #[test]
        fn any_text_indexes_without_error(
            title in "\\PC{0,40}",
            body in "(\\PC|[ｱ-ﾝﾞﾟ \\n]){0,200}",
            tag in "\\PC{0,10}",
        ) {
            let docs = [doc("p", &title, "S", "resolved", &[&tag], &body), doc("q", &body, "T", "odd", &[], &title)];
            let files = build_search_index(&docs, Language::Ja);
            proptest::prop_assert!(files.is_ok(), "{:?}", files.err());
        }
    }

    #[test]
    fn varints_round_trip() {
        let values = [0u64, 1, 31, 32, 33, 1023, 1024, 99_999, u32::MAX as u64];
        let mut text = String::new();
        for v in values {
            push_varint(&mut text, v);
        }
        assert_eq!(decode_varints(&text), Some(values.to_vec()));
        assert_eq!(decode_varints("g"), None);
    }
}
