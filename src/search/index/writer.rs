//! [`IndexWriter`]: the index built a batch of documents at a time, so that a large site's
//! pages are never all held as search documents, nor their postings as elasticlunr's.
//!
//! Each batch of [`WRITER_BATCH_DOCS`] documents goes through elasticlunr-rs in parallel
//! sub-batches; their term counts are merged token by token into [`PackedCounts`] and each
//! document's stored record (`search/docs/<n>.js`) is written as soon as its batch is indexed.
//! Weighing needs the average field lengths of all documents, so the postings are weighed,
//! encoded and sharded at [`IndexWriter::finish`]. The files are the same whatever the batch
//! sizes (each token's postings are in document order either way).

use std::collections::{BTreeSet, HashMap, HashSet};

use rayon::prelude::*;

use super::counts::PackedCounts;
use super::lunr::{FieldCounts, index_batch};
use super::postings::Weigher;
use super::{
    BATCH_DOCS, Facet, SearchDoc, SearchIndexError, TitleWords, doc_glosses, doc_record, synonym_rows,
    synonym_text, write_index,
};
use crate::config::Language;
use crate::search::counterparts::{PageWords, counterparts};
use crate::search::synonyms::{Word, WordFinder, title_kana_words, title_latin_words};

/// Documents held before they are indexed: enough for both cores to have sub-batches, few
/// enough that their text and elasticlunr's index of them stay small beside the site.
pub const WRITER_BATCH_DOCS: usize = 4096;

/// Where the index's files go, one at a time: `(path relative to the site root, contents)`.
pub type FileSink<'a> = dyn FnMut(String, Vec<u8>) + 'a;

/// Builds the search index of documents pushed in order (document numbers are their positions).
pub struct IndexWriter<'g> {
    lang: Language,
    groups: &'g [Vec<Word>],
    finder: WordFinder,
    pending: Vec<SearchDoc>,
    /// Documents indexed so far.
    indexed: usize,
    postings: HashMap<String, PackedCounts>,
    field_lengths: Vec<FieldCounts>,
    facets: Vec<Facet>,
    /// What pairing counterpart pages needs of each document indexed so far.
    page_words: Vec<PageWords>,
    occurring: HashSet<String>,
    /// [`title_latin_words`] of the titles indexed so far.
    latin: BTreeSet<String>,
    /// [`title_kana_words`] of the titles indexed so far.
    kana: BTreeSet<String>,
    /// Terms and their glosses in the documents indexed so far (`search::glosses`).
    glosses: BTreeSet<(String, String)>,
}

impl<'g> IndexWriter<'g> {
    /// A writer for a site in `lang` with the synonym groups of
    /// [`site_groups`](crate::search::synonyms::site_groups).
    pub fn new(lang: Language, groups: &'g [Vec<Word>]) -> IndexWriter<'g> {
        IndexWriter {
            lang,
            groups,
            finder: WordFinder::new(groups),
            pending: Vec::with_capacity(WRITER_BATCH_DOCS),
            indexed: 0,
            postings: HashMap::new(),
            field_lengths: Vec::new(),
            facets: Vec::new(),
            page_words: Vec::new(),
            occurring: HashSet::new(),
            latin: BTreeSet::new(),
            kana: BTreeSet::new(),
            glosses: BTreeSet::new(),
        }
    }

    /// Adds the next document; indexes the batch (writing its documents' records to `out`)
    /// when it is full.
    pub fn push(&mut self, doc: SearchDoc, out: &mut FileSink) -> Result<(), SearchIndexError> {
        self.pending.push(doc);
        if self.pending.len() >= WRITER_BATCH_DOCS { self.index_pending(out) } else { Ok(()) }
    }

    /// Indexes what is left and writes the other files (meta, facets, synonyms, shards).
    pub fn finish(mut self, out: &mut FileSink) -> Result<(), SearchIndexError> {
        self.index_pending(out)?;
        let weigher = Weigher::new(&self.field_lengths);
        let mut tokens: Vec<(String, PackedCounts)> = self.postings.into_iter().collect();
        tokens.par_sort_unstable_by(|a, b| a.0.cmp(&b.0));
        // Each token's counts are dropped as soon as its postings are encoded.
        let encoded: Vec<(String, String)> = tokens
            .into_par_iter()
            .map(|(token, counts)| {
                let postings = weigher.encode(counts.iter());
                (token, postings)
            })
            .collect();
        let occurring = &self.occurring;
        let rows = synonym_rows(self.groups, &|w| occurring.contains(w), &self.glosses);
        let titles =
            TitleWords { latin: self.latin.into_iter().collect(), kana: self.kana.into_iter().collect() };
        let pairs = counterparts(&self.page_words);
        write_index(&self.facets, self.lang, &encoded, rows, titles, &pairs, out)
    }

    fn index_pending(&mut self, out: &mut FileSink) -> Result<(), SearchIndexError> {
        let first = self.indexed;
        let total = first + self.pending.len();
        if u32::try_from(total).is_err() {
            return Err(SearchIndexError::TooManyDocs(total));
        }
        let batches = self
            .pending
            .par_chunks(BATCH_DOCS)
            .enumerate()
            .map(|(i, chunk)| index_batch(first + i * BATCH_DOCS, chunk))
            .collect::<Result<Vec<_>, _>>()?;
        self.occurring.extend(self.finder.occurring(self.pending.par_iter().map(synonym_text)));
        self.latin.extend(title_latin_words(self.pending.iter().map(|d| d.title.as_str())));
        self.kana.extend(title_kana_words(self.pending.iter().map(|d| d.title.as_str())));
        self.glosses.extend(doc_glosses(self.pending.par_iter()));
        self.page_words
            .par_extend(self.pending.par_iter().map(|d| PageWords::of(&d.title, &d.body_text, &d.service)));
        for batch in batches {
            self.field_lengths.extend(batch.field_lengths);
            for (token, docs) in batch.postings {
                let packed = self.postings.entry(token).or_default();
                for (doc, counts) in docs {
                    packed.push(doc, &counts);
                }
            }
        }
        for (n, doc) in std::mem::take(&mut self.pending).into_iter().enumerate() {
            out(super::urls::search_doc(first + n), doc_record(first + n, &doc)?);
            self.facets.push(Facet::of(doc));
        }
        self.indexed = total;
        Ok(())
    }
}
