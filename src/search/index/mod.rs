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
//! - `search/meta.js`: `["meta", {version, lang, docCount, shardCount, synonymShardCount,
//!   latinWords: [..], kanaWords: [..], counterparts: [a, b, …], maxTokenChars, weightBase,
//!   weightLevelsPerOctave, lowWeight, functionWords: [..], services: [{name, slug}], statuses:
//!   [..], statusLabels: {status: label}, noAnswer}]`: the query-side constants and UI labels come from here (tokenizer
//!   rules, `render::strings`), not restated in `search.js`.
//! - `search/shards/<n>.js` for every `n` in `0..shardCount`: `["shard", n, {token: postings}]`.
//!   A token's shard is `fnv1a32(key) & (shardCount - 1)`, FNV-1a over the Unicode code points
//!   of the key; the key is the whole token for CJK tokens (but the kanji alone for a kanji
//!   and the hiragana after it, so a one-kanji word's forms 使う 使い 使え share a shard) and
//!   its first two code points otherwise, so a Latin prefix typed so far finds all its
//!   completions in one shard.
//! - `search/docs/<n>.js`: `["doc", n, {u: url, t: title, s: service, st: status, g: [tags],
//!   x: text}]`, `x` being the start of the body text (for snippets and phrase checks); loaded
//!   only for the results shown.
//! - `search/synonyms/<n>.js` for every `n` in `0..synonymShardCount`: `["synonyms", n, {row:
//!   [k, word, …]}]`, the synonym rows filed by their words' first characters
//!   (`synonym_shards.rs`); a query loads the shards of its tokens' first characters.
//! - `search/facets.js`: `["facets", varints]`, one `service * statuses.len() + status` per
//!   document; loaded only when a filter is set or the visitor reaches for one (the option
//!   counts).
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
//! rules are in the theme's scripts: coverage in `search-score.js`; adjacency, inflections and
//! typos in `search-rank.js`; minor tokens in `search-query.js`; confidence in
//! `search-confidence.js`.
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
//! <script src="static/search-parts.js"></script>        <!-- theme assets: the helpers -->
//!                                                         <!-- (search-text.js … search-rank.js joined), -->
//! <script src="static/search.js"></script>              <!-- then the page code -->
//! <script src="search/meta.js" data-faqbook-search-index data-faqbook-search-version="3"></script>
//! ```
//!
//! `search.js` finds the index next to the `data-faqbook-search-index` script, takes the UI
//! language from `meta.lang` (strings for `ja` and `en` are built in; a theme may override any
//! of them with `window.FAQBOOK_SEARCH_UI = {…}` before `search.js`), and links the "no results"
//! message to `tags/index.html`. Other pages need only `<form role="search" action="search.html">`
//! with an input named `q`; loading `search.js` there too makes `/` focus it. A search page that
//! loads only `search.js` still works: it then loads the three helper parts from beside itself.

mod cache;
mod counts;
mod lunr;
mod postings;
mod synonym_shards;
#[cfg(test)]
mod tests;
mod writer;

use std::collections::{BTreeMap, BTreeSet};

use rayon::prelude::*;
use serde::Serialize;

pub use postings::{decode_varints, push_varint, shard_of};

pub use cache::IndexCache;
pub use writer::{FileSink, IndexWriter, WRITER_BATCH_DOCS};

use super::counterparts::{PageWords, counterparts};
use super::glosses;
use super::synonyms;
use super::tokenizer;
use crate::config::Language;
use crate::content::Status;
use crate::render::strings::ui_strings;
use crate::site::urls;

/// Format version written to `meta.js`; `search.js` refuses other versions.
pub const FORMAT_VERSION: u32 = 3;
/// Longer tokens (base64 blobs, hashes) are not indexed; the browser drops them from queries too.
pub const MAX_TOKEN_CHARS: usize = 64;
/// Characters of body text kept per document for snippets.
pub const SNIPPET_SOURCE_CHARS: usize = 1000;
/// Documents per elasticlunr batch.
const BATCH_DOCS: usize = 512;
/// Statuses in the order the filter lists them; others follow alphabetically.
const KNOWN_STATUSES: [&str; 4] = ["resolved", "escalated", "unresolved", "unknown"];

const DATA_PREFIX: &str = "(self.FAQBOOK_SEARCH_DATA=self.FAQBOOK_SEARCH_DATA||[]).push(";

/// One FAQ page as the search index sees it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
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
/// reach a word of these pages go into `search/synonyms/`. (A build pushes its pages through
/// an [`IndexWriter`] instead, so that they are not all held at once.)
pub fn build_search_index_with(
    docs: &[SearchDoc],
    lang: Language,
    synonym_groups: &[Vec<synonyms::Word>],
) -> Result<Vec<(String, Vec<u8>)>, SearchIndexError> {
    let mut files = Vec::new();
    let mut out = |path, bytes| files.push((path, bytes));
    let mut writer = IndexWriter::new(lang, synonym_groups);
    for doc in docs {
        writer.push(doc.clone(), &mut out)?;
    }
    writer.finish(&mut out)?;
    files.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(files)
}

/// [`build_search_index_with`] for `serve`: batches of documents that are the same as in the
/// cache's last build are not indexed again (the files are the same as without the cache).
pub fn build_search_index_cached(
    docs: &[SearchDoc],
    lang: Language,
    synonym_groups: &[Vec<synonyms::Word>],
    cache: &mut IndexCache,
) -> Result<Vec<(String, Vec<u8>)>, SearchIndexError> {
    if u32::try_from(docs.len()).is_err() {
        return Err(SearchIndexError::TooManyDocs(docs.len()));
    }
    cache.update(docs, synonym_groups)?;
    let field_lengths = cache.field_lengths();
    let weigher = postings::Weigher::new(&field_lengths);
    let encoded: Vec<(&str, String)> =
        cache.postings().map(|(token, counts)| (token, weigher.encode(counts))).collect();
    let occurring = cache.occurring();
    let synonym_rows = synonym_rows(synonym_groups, &|w| occurring.contains(w), &cache.glosses());
    let mut files = Vec::with_capacity(docs.len() + 3);
    for (n, doc) in docs.iter().enumerate() {
        files.push((urls::search_doc(n), doc_record(n, doc)?));
    }
    let titles = TitleWords {
        latin: synonyms::title_latin_words(docs.iter().map(|d| d.title.as_str())),
        kana: synonyms::title_kana_words(docs.iter().map(|d| d.title.as_str())),
    };
    let facets: Vec<Facet> = docs.iter().cloned().map(Facet::of).collect();
    let page_words: Vec<PageWords> =
        docs.par_iter().map(|d| PageWords::of(&d.title, &d.body_text, &d.service, &d.tags)).collect();
    let pairs = counterparts(&page_words);
    write_index(&facets, lang, &encoded, synonym_rows, titles, &pairs, &mut |path, bytes| {
        files.push((path, bytes))
    })?;
    files.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(files)
}

/// The rows of `search/synonyms/`: the groups with a word that `occurs` in the site, then the
/// pairs the site's pages gloss ([`glosses`]).
fn synonym_rows(
    groups: &[Vec<synonyms::Word>],
    occurs: &dyn Fn(&str) -> bool,
    glossed: &BTreeSet<(String, String)>,
) -> Vec<Vec<serde_json::Value>> {
    let mut rows = synonyms::select(groups, occurs);
    rows.extend(synonyms::select(&glosses::gloss_groups(glossed), &|_| true));
    rows
}

/// The (term, gloss) pairs of the documents' titles and bodies ([`glosses`]).
fn doc_glosses<'a>(docs: impl ParallelIterator<Item = &'a SearchDoc>) -> BTreeSet<(String, String)> {
    docs.fold(BTreeSet::new, |mut pairs, doc| {
        glosses::glosses_into(&doc.title, &mut pairs);
        glosses::glosses_into(&doc.body_text, &mut pairs);
        pairs
    })
    .reduce(BTreeSet::new, |mut a, b| {
        a.extend(b);
        a
    })
}

/// The text of a document that synonym words are looked for in.
fn synonym_text(doc: &SearchDoc) -> String {
    format!("{}\n{}\n{}\n{}", doc.title, doc.tags.join("\n"), doc.service, doc.body_text)
}

/// What the filters need of a document once it is indexed: its service and status.
struct Facet {
    service: String,
    service_slug: String,
    status: String,
}

impl Facet {
    fn of(doc: SearchDoc) -> Facet {
        Facet { service: doc.service, service_slug: doc.service_slug, status: doc.status }
    }
}

/// Document `n`'s stored record, `search/docs/<n>.js`.
fn doc_record(n: usize, doc: &SearchDoc) -> Result<Vec<u8>, SearchIndexError> {
    let stored = StoredDoc {
        u: &doc.url,
        t: &doc.title,
        s: &doc.service,
        st: &doc.status,
        g: &doc.tags,
        x: doc.body_text.chars().take(SNIPPET_SOURCE_CHARS).collect(),
    };
    data_script(&("doc", n, stored))
}

/// The titles' words that the browser matches by sound: [`synonyms::title_latin_words`] and
/// [`synonyms::title_kana_words`].
struct TitleWords {
    latin: Vec<String>,
    kana: Vec<String>,
}

/// Every file of the index but the documents' records, from the encoded postings (sorted by
/// token), handed to `out` one at a time.
fn write_index<K: AsRef<str>>(
    facets: &[Facet],
    lang: Language,
    encoded: &[(K, String)],
    synonym_rows: Vec<Vec<serde_json::Value>>,
    titles: TitleWords,
    counterparts: &[(u32, u32)],
    out: &mut FileSink,
) -> Result<(), SearchIndexError> {
    let shards = postings::shard_postings(encoded);
    let synonym_shards = synonym_shards::shard_synonyms(&synonym_rows);
    let (services, statuses) = facet_values(facets);
    let meta = Meta {
        version: FORMAT_VERSION,
        lang: lang.code(),
        doc_count: facets.len(),
        shard_count: shards.len(),
        synonym_shard_count: synonym_shards.len(),
        latin_words: titles.latin,
        kana_words: titles.kana,
        counterparts: counterparts.iter().flat_map(|&(a, b)| [a, b]).collect(),
        max_token_chars: MAX_TOKEN_CHARS,
        weight_base: postings::WEIGHT_BASE,
        weight_levels_per_octave: postings::WEIGHT_LEVELS_PER_OCTAVE,
        low_weight: tokenizer::MINOR_TOKEN_WEIGHT,
        function_words: tokenizer::function_tokens().collect(),
        services: services.iter().map(|(name, slug)| ServiceEntry { name, slug }).collect(),
        status_labels: status_labels(&statuses, lang),
        no_answer: ui_strings(lang).search_no_answer,
        statuses: statuses.clone(),
    };
    out(urls::SEARCH_META.to_string(), data_script(&("meta", &meta))?);
    let facets = facets_string(facets, &services, &statuses);
    out(urls::SEARCH_FACETS.to_string(), data_script(&("facets", facets))?);
    for (n, shard) in synonym_shards.iter().enumerate() {
        out(urls::search_synonyms(n), data_script(&("synonyms", n, shard))?);
    }
    for (n, shard) in shards.iter().enumerate() {
        out(urls::search_shard(n), data_script(&("shard", n, shard))?);
    }
    Ok(())
}

/// Distinct services `(name, slug)` sorted by name, and statuses in filter order.
fn facet_values(docs: &[Facet]) -> (Vec<(String, String)>, Vec<String>) {
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

fn facets_string(docs: &[Facet], services: &[(String, String)], statuses: &[String]) -> String {
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
    synonym_shard_count: usize,
    /// [`synonyms::title_latin_words`]: a few hundred bytes on a large site, which any query
    /// with a katakana word needs (matched by sound).
    latin_words: Vec<String>,
    /// [`synonyms::title_kana_words`]: what an English query word may name (matched by sound).
    kana_words: Vec<String>,
    /// [`counterparts`](crate::search::counterparts): pairs of document numbers, flat (a few
    /// bytes per English page), which ranking needs before any document is loaded.
    counterparts: Vec<u32>,
    max_token_chars: usize,
    weight_base: f64,
    weight_levels_per_octave: f64,
    low_weight: f64,
    function_words: Vec<&'static str>,
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
