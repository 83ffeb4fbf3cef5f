//! Indexing one batch of documents with elasticlunr-rs and reading its postings back out of
//! the serialised character trie as per-field term counts.

use std::collections::{BTreeMap, HashMap};

use elasticlunr::{IndexBuilder, Pipeline};
use serde::Deserialize;

use super::{MAX_TOKEN_CHARS, SearchDoc, SearchIndexError};
use crate::search::tokenizer;

/// The indexed fields, in the order of [`FieldCounts`].
pub(super) const FIELDS: [&str; 4] = ["title", "tags", "service", "body"];
/// Fields also indexed with each kanji on its own ([`tokenizer::index_tokens`]), so a one-kanji
/// query finds the pages whose title or tags have a word containing it. Not the body: there
/// the unigrams would add a quarter to the build's memory for matches that rank low anyway.
const KANJI_UNIGRAM_FIELDS: [&str; 3] = ["title", "tags", "service"];

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
        within_limit(tokenizer::tokenize(text))
    }
    fn make_pipeline(&self) -> Pipeline {
        Pipeline { queue: Vec::new() }
    }
}

/// The tokens no longer than [`MAX_TOKEN_CHARS`] (longer ones are not indexed).
fn within_limit(tokens: Vec<String>) -> Vec<String> {
    tokens.into_iter().filter(|t| t.chars().count() <= MAX_TOKEN_CHARS).collect()
}

/// Term counts per field of one document for one token.
pub(super) type FieldCounts = [u32; 4];

/// One batch's postings (documents in ascending order per token) and field lengths.
pub(super) struct Batch {
    pub(super) postings: BTreeMap<String, Vec<(u32, FieldCounts)>>,
    pub(super) field_lengths: Vec<FieldCounts>,
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

pub(super) fn index_batch(first_doc: usize, docs: &[SearchDoc]) -> Result<Batch, SearchIndexError> {
    let mut builder = IndexBuilder::with_language(Box::new(FaqbookTokens)).save_docs(false);
    for field in FIELDS {
        builder = if KANJI_UNIGRAM_FIELDS.contains(&field) {
            builder.add_field_with_tokenizer(
                field,
                Box::new(|text: &str| within_limit(tokenizer::index_tokens(text))),
            )
        } else {
            builder.add_field(field)
        };
    }
    let mut index = builder.set_ref("ref").build();
    for (offset, doc) in docs.iter().enumerate() {
        let tags = doc.tags.join("\n");
        index.add_doc(&offset.to_string(), [&doc.title, &tags, &doc.service, &doc.body_text]);
    }
    let lunr: LunrIndex = serde_json::from_slice(&serde_json::to_vec(&index)?)?;
    drop(index);

    // A hash map while the four fields are merged; sorted once at the end (determinism).
    let mut per_token: HashMap<String, Vec<(u32, FieldCounts)>> = HashMap::new();
    for (field_idx, field) in FIELDS.iter().enumerate() {
        if let Some(lunr_field) = lunr.index.get(*field) {
            collect_node(&lunr_field.root, &mut String::new(), &mut |token, docs| {
                let postings = match per_token.get_mut(token) {
                    Some(postings) => postings,
                    None => per_token.entry(token.to_string()).or_default(),
                };
                postings.extend(docs.iter().map(|&(offset, tf)| {
                    let mut counts = FieldCounts::default();
                    // elasticlunr stores sqrt(count).
                    counts[field_idx] = (tf * tf).round() as u32;
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
fn merge_fields(mut docs: Vec<(u32, FieldCounts)>) -> Vec<(u32, FieldCounts)> {
    docs.sort_unstable_by_key(|&(doc, _)| doc);
    let mut merged: Vec<(u32, FieldCounts)> = Vec::with_capacity(docs.len());
    for (doc, counts) in docs {
        match merged.last_mut() {
            Some((last, total)) if *last == doc => {
                for (t, c) in total.iter_mut().zip(counts) {
                    *t += c;
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
