//! Similarity of FAQ pages: which pages ask the same question in other words.
//!
//! Used by `faqbook similar` (near-duplicate groups), by the importer (recurring cases) and by
//! the build (related answers). Pure: texts in, scores out; no file access.
//!
//! Each document becomes a TF-IDF vector over the search tokenizer's tokens (so similarity and
//! search agree on what a "word" is: bigrams for Japanese, words for Latin script) of its title
//! and inquiry: the question, not the answer. Adding the rest of the body at a low weight (0.1)
//! separated the fixtures' true and false matches only slightly better (see the README) and made
//! vectors ten times longer and `faqbook similar` on 10,000 pages about ten times slower, so the
//! body is left out. Vectors are L2-normalised, so the dot product is the cosine.
//!
//! Finding every pair above a threshold among 10,000 pages must not compare all 50 million
//! pairs. Candidate pairs come from an inverted index with prefix filtering (Bayardo et al.,
//! "Scaling up all pairs similarity search", 2007): a page's common tokens together cannot reach
//! the threshold on their own (their norm is below it), so any page at least that similar must
//! share one of its rarer tokens. Only those short posting lists are walked; the exact cosine is
//! then computed for each candidate. The result is exact, not an approximation.

use std::collections::{BTreeMap, HashMap};
use std::sync::OnceLock;

use rayon::prelude::*;

use crate::content::Page;
use crate::outline::outline;
use crate::search::tokenizer::{MINOR_TOKEN_WEIGHT, is_minor_token, tokenize};

/// Weight of the title's tokens (the title restates the inquiry's main sentence).
const TITLE_WEIGHT: f64 = 1.0;
/// Weight of the inquiry's tokens.
const INQUIRY_WEIGHT: f64 = 1.0;

/// How many of a page's heaviest tokens `Corpus::related` looks up.
const RELATED_PROBE_TOKENS: usize = 12;
/// Posting lists up to this length are always used by `Corpus::related`, even in small corpora.
const RELATED_MIN_POSTINGS_CAP: usize = 50;
/// How many documents of one token's posting list `Corpus::related` walks at most: those where
/// the token weighs most. A constant, so ranking a page costs the same on any site size (the 1%
/// cap alone grows with the site, and ranking every page with it is quadratic).
const RELATED_POSTINGS_BUDGET: usize = 100;
/// Documents whose tokens are counted at once (in parallel) by `Corpus::new`.
const COUNT_CHUNK_DOCS: usize = 2048;

/// The threshold `faqbook similar` and the importer use unless told otherwise; chosen on the
/// recurring-case fixtures (see the README, "faqbook similar").
pub const DEFAULT_THRESHOLD: f64 = 0.3;

/// The text of one page (or one imported case) that similarity looks at.
#[derive(Debug, Clone, Copy, Default)]
pub struct Document<'a> {
    pub title: &'a str,
    pub inquiry: &'a str,
}

/// A sparse, L2-normalised vector: (token id, weight), sorted by token id.
type Vector = Vec<(u32, f64)>;

/// TF-IDF vectors of a set of documents, with the inverted index over them.
#[derive(Debug, Default)]
pub struct Corpus {
    vectors: Vec<Vector>,
    /// For each token id, the documents containing it (ascending).
    postings: Vec<Vec<u32>>,
    /// For each token id whose posting list is longer than `RELATED_POSTINGS_BUDGET`, the
    /// `RELATED_POSTINGS_BUDGET` documents where it weighs most; made on the first `related`.
    impact_heads: OnceLock<HashMap<u32, Vec<u32>>>,
}

/// Two similar documents, `a < b`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Pair {
    pub a: usize,
    pub b: usize,
    pub score: f64,
}

/// Documents that are all similar to one another, directly or through each other.
#[derive(Debug, Clone, PartialEq)]
pub struct Group {
    /// Members, ascending.
    pub members: Vec<usize>,
    /// The pairs above the threshold inside the group, most similar first.
    pub pairs: Vec<Pair>,
}

impl Group {
    /// The highest score in the group.
    pub fn best(&self) -> f64 {
        self.pairs.first().map_or(0.0, |p| p.score)
    }
}

impl Corpus {
    /// Vectors for `docs`; document `i` of the corpus is `docs[i]`.
    pub fn new(docs: &[Document]) -> Corpus {
        // Token ids in first-seen order over documents in order (each document's tokens in
        // string order): deterministic.
        let mut ids: HashMap<String, u32> = HashMap::new();
        let mut postings: Vec<Vec<u32>> = Vec::new();
        let mut vectors: Vec<Vector> = Vec::with_capacity(docs.len());
        // Counted in parallel a chunk at a time: a document's map of owned token strings is
        // several KB, over a GB if held for 100,000 pages at once.
        for chunk in docs.chunks(COUNT_CHUNK_DOCS) {
            let counts: Vec<Vec<(String, f64)>> = chunk
                .par_iter()
                .map(|doc| {
                    let mut tokens: Vec<(String, f64)> = weighted_counts(doc).into_iter().collect();
                    tokens.sort_by(|a, b| a.0.cmp(&b.0));
                    tokens
                })
                .collect();
            for tokens in counts {
                let doc = vectors.len() as u32;
                let mut row = Vec::with_capacity(tokens.len());
                for (token, tf) in tokens {
                    let id = match ids.get(&token) {
                        Some(&id) => id,
                        None => {
                            let id = postings.len() as u32;
                            ids.insert(token, id);
                            postings.push(Vec::new());
                            id
                        }
                    };
                    postings[id as usize].push(doc);
                    row.push((id, tf));
                }
                vectors.push(row);
            }
        }
        drop(ids);
        let n = docs.len() as f64;
        let idf: Vec<f64> = postings.iter().map(|p| (1.0 + n / p.len() as f64).ln()).collect();
        vectors.par_iter_mut().for_each(|vector| {
            for entry in vector.iter_mut() {
                entry.1 = entry.1.sqrt() * idf[entry.0 as usize];
            }
            vector.sort_by_key(|&(id, _)| id);
            normalise(vector);
        });
        postings.iter_mut().for_each(|p| p.shrink_to_fit());
        Corpus { vectors, postings, impact_heads: OnceLock::new() }
    }

    pub fn len(&self) -> usize {
        self.vectors.len()
    }

    pub fn is_empty(&self) -> bool {
        self.vectors.is_empty()
    }

    /// Cosine similarity of documents `a` and `b`.
    pub fn similarity(&self, a: usize, b: usize) -> f64 {
        dot(&self.vectors[a], &self.vectors[b])
    }

    /// Every other document at least `threshold` similar to `doc`, most similar first (ties by
    /// index). A threshold of 0 or less still needs one shared token.
    pub fn neighbours(&self, doc: usize, threshold: f64) -> Vec<(usize, f64)> {
        let vector = &self.vectors[doc];
        let mut seen: Vec<u32> = Vec::new();
        for token in self.prefix(doc, threshold) {
            seen.extend(self.postings[token as usize].iter().copied().filter(|&d| d as usize != doc));
        }
        seen.sort_unstable();
        seen.dedup();
        let mut found: Vec<(usize, f64)> = seen
            .into_iter()
            .map(|d| (d as usize, dot(vector, &self.vectors[d as usize])))
            .filter(|&(_, score)| score >= threshold && score > 0.0)
            .collect();
        found.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        found
    }

    /// Up to `limit` documents related to `doc`, best first (ties by index), scored by the dot
    /// product over `doc`'s heaviest tokens plus `bonus(other)`. An approximation made for speed
    /// (a build ranks every page): tokens that occur in more than 1% of the corpus (and more
    /// than 50 pages) are skipped, as they say little about a topic and their lists are long;
    /// of a longer list only the `RELATED_POSTINGS_BUDGET` documents where the token weighs
    /// most are scored, as they gain most from it.
    pub fn related(&self, doc: usize, limit: usize, bonus: impl Fn(usize) -> f64) -> Vec<usize> {
        let cap = (self.len() / 100).max(RELATED_MIN_POSTINGS_CAP);
        let heads = self.impact_heads.get_or_init(|| self.impact_heads(cap));
        let mut probe: Vec<(u32, f64)> = self.vectors[doc].clone();
        probe.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        let mut contributions: Vec<(usize, f64)> = Vec::new();
        for &(token, weight) in probe.iter().take(RELATED_PROBE_TOKENS) {
            let postings = &self.postings[token as usize];
            if postings.len() <= cap {
                let walked = heads.get(&token).unwrap_or(postings);
                contributions.extend(
                    walked
                        .iter()
                        .filter(|&&d| d as usize != doc)
                        .map(|&d| (d as usize, weight * weight_of(&self.vectors[d as usize], token))),
                );
            }
        }
        // Summed per document in a fixed order (by document, then token order), so scores and
        // ties never depend on timing.
        contributions.sort_by_key(|&(d, _)| d);
        let mut ranked: Vec<(usize, f64)> = Vec::new();
        for (d, score) in contributions {
            match ranked.last_mut() {
                Some(last) if last.0 == d => last.1 += score,
                _ => ranked.push((d, score)),
            }
        }
        for entry in ranked.iter_mut() {
            entry.1 += bonus(entry.0);
        }
        ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        ranked.into_iter().take(limit).map(|(d, _)| d).collect()
    }

    /// The documents `related` walks for each token whose list is longer than the budget but
    /// not over `cap`: the budget's worth with the token's highest weight (ties by index),
    /// ascending, so contributions are summed in the same order as for a whole list.
    fn impact_heads(&self, cap: usize) -> HashMap<u32, Vec<u32>> {
        let long = |p: &Vec<u32>| p.len() > RELATED_POSTINGS_BUDGET && p.len() <= cap;
        let long_tokens: Vec<u32> =
            (0..self.postings.len() as u32).filter(|&t| long(&self.postings[t as usize])).collect();
        long_tokens
            .into_par_iter()
            .map(|token| {
                let mut by_weight: Vec<(u32, f64)> = self.postings[token as usize]
                    .iter()
                    .map(|&d| (d, weight_of(&self.vectors[d as usize], token)))
                    .collect();
                by_weight.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
                let mut head: Vec<u32> =
                    by_weight.into_iter().take(RELATED_POSTINGS_BUDGET).map(|(d, _)| d).collect();
                head.sort_unstable();
                (token, head)
            })
            .collect()
    }

    /// Every pair at least `threshold` similar, most similar first (ties by indices).
    ///
    /// All-pairs with prefix filtering: only each document's prefix tokens are indexed; each
    /// document probes that index with all its tokens against later documents, accumulating the
    /// dot product over the indexed tokens. The rest of a candidate's vector can add at most its
    /// norm, so candidates that cannot reach the threshold are dropped before the exact cosine.
    pub fn pairs(&self, threshold: f64) -> Vec<Pair> {
        let n = self.len();
        let mut index: Vec<Vec<(u32, f64)>> = vec![Vec::new(); self.postings.len()];
        let mut rest_norm = vec![0.0; n];
        for (doc, rest) in rest_norm.iter_mut().enumerate() {
            let vector = &self.vectors[doc];
            let mut indexed = 0.0;
            for token in self.prefix(doc, threshold) {
                let weight = weight_of(vector, token);
                index[token as usize].push((doc as u32, weight));
                indexed += weight * weight;
            }
            *rest = (1.0 - indexed).max(0.0).sqrt();
        }
        let mut pairs: Vec<Pair> = (0..n)
            .into_par_iter()
            .map_init(
                || (vec![0.0f64; n], Vec::new()),
                |(acc, touched), a| {
                    for &(token, weight) in &self.vectors[a] {
                        let postings = &index[token as usize];
                        let later = postings.partition_point(|&(d, _)| d as usize <= a);
                        for &(b, other) in &postings[later..] {
                            if acc[b as usize] == 0.0 {
                                touched.push(b as usize);
                            }
                            acc[b as usize] += weight * other;
                        }
                    }
                    let mut found = Vec::new();
                    for &b in touched.iter() {
                        if acc[b] + rest_norm[b] >= threshold {
                            let score = dot(&self.vectors[a], &self.vectors[b]);
                            if score >= threshold && score > 0.0 {
                                found.push(Pair { a, b, score });
                            }
                        }
                        acc[b] = 0.0;
                    }
                    touched.clear();
                    found
                },
            )
            .flatten()
            .collect();
        pairs.sort_by(|x, y| y.score.total_cmp(&x.score).then((x.a, x.b).cmp(&(y.a, y.b))));
        pairs
    }

    /// The rare tokens of `doc` that any document at least `threshold` similar must share: the
    /// common tokens left out have a norm below the threshold, so by Cauchy–Schwarz they alone
    /// cannot reach it.
    /// Sorted here rather than kept per document: the build's related pages never need it.
    fn prefix(&self, doc: usize, threshold: f64) -> Vec<u32> {
        let vector = &self.vectors[doc];
        // Token ids from the rarest to the most common.
        let mut ids: Vec<u32> = vector.iter().map(|&(id, _)| id).collect();
        ids.sort_by_key(|&id| (self.postings[id as usize].len(), id));
        let weight = |id: u32| weight_of(vector, id);
        let limit = threshold * threshold;
        let mut suffix_norm = 0.0;
        let mut keep = ids.len();
        while keep > 0 {
            let w = weight(ids[keep - 1]);
            if suffix_norm + w * w >= limit {
                break;
            }
            suffix_norm += w * w;
            keep -= 1;
        }
        ids.truncate(keep);
        ids
    }
}

/// Connected groups of the pairs, each group's pairs most similar first; groups ordered by their
/// best pair (then by first member).
pub fn groups(pairs: &[Pair]) -> Vec<Group> {
    let n = pairs.iter().map(|p| p.a.max(p.b) + 1).max().unwrap_or(0);
    // Union-find over document indices; the smaller index becomes the root.
    let mut parent: Vec<usize> = (0..n).collect();
    fn root(parent: &mut [usize], mut x: usize) -> usize {
        while parent[x] != x {
            parent[x] = parent[parent[x]];
            x = parent[x];
        }
        x
    }
    let mut linked = vec![false; n];
    for pair in pairs {
        linked[pair.a] = true;
        linked[pair.b] = true;
        let (ra, rb) = (root(&mut parent, pair.a), root(&mut parent, pair.b));
        if ra != rb {
            parent[ra.max(rb)] = ra.min(rb);
        }
    }
    let mut by_root: BTreeMap<usize, Group> = BTreeMap::new();
    for m in (0..n).filter(|&m| linked[m]) {
        let r = root(&mut parent, m);
        by_root.entry(r).or_insert_with(|| Group { members: Vec::new(), pairs: Vec::new() }).members.push(m);
    }
    for pair in pairs {
        let r = root(&mut parent, pair.a);
        if let Some(group) = by_root.get_mut(&r) {
            group.pairs.push(*pair);
        }
    }
    let mut groups: Vec<Group> = by_root.into_values().collect();
    groups.sort_by(|x, y| y.best().total_cmp(&x.best()).then(x.members.cmp(&y.members)));
    groups
}

/// The inquiry section of a page body: the text of the first section whose heading `check`
/// accepts as one (問い合わせ, Question … at any level, ATX or setext; see [`crate::outline`]),
/// or else the first paragraph of the body.
pub fn inquiry_section(body: &str) -> &str {
    if let Some(section) = outline(body).inquiry() {
        return body.get(section.content.clone()).unwrap_or_default().trim();
    }
    let body = body.trim_start();
    let end = body.find("\n\n").unwrap_or(body.len());
    body[..end].trim()
}

/// The text of a page that similarity looks at.
pub fn page_document(page: &Page) -> Document<'_> {
    Document { title: &page.front.title, inquiry: inquiry_section(&page.body) }
}

/// Groups of near-duplicate pages (indices into `pages`), most similar first.
pub fn similar_pages(pages: &[Page], threshold: f64) -> Vec<Group> {
    let docs: Vec<Document> = pages.iter().map(page_document).collect();
    groups(&Corpus::new(&docs).pairs(threshold))
}

fn weighted_counts(doc: &Document) -> HashMap<String, f64> {
    let mut counts: HashMap<String, f64> = HashMap::new();
    for (text, weight) in [(doc.title, TITLE_WEIGHT), (doc.inquiry, INQUIRY_WEIGHT)] {
        for token in tokenize(text) {
            let weight = if is_minor_token(&token) { weight * MINOR_TOKEN_WEIGHT } else { weight };
            *counts.entry(token).or_default() += weight;
        }
    }
    counts
}

fn normalise(vector: &mut Vector) {
    let norm = vector.iter().map(|&(_, w)| w * w).sum::<f64>().sqrt();
    if norm > 0.0 {
        for entry in vector.iter_mut() {
            entry.1 /= norm;
        }
    }
}

/// The weight of a token in a vector (0 when absent).
fn weight_of(vector: &Vector, token: u32) -> f64 {
    vector.binary_search_by_key(&token, |&(t, _)| t).map_or(0.0, |i| vector[i].1)
}

/// Dot product of two sorted sparse vectors.
fn dot(a: &Vector, b: &Vector) -> f64 {
    let (mut i, mut j, mut sum) = (0, 0, 0.0);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                sum += a[i].1 * b[j].1;
                i += 1;
                j += 1;
            }
        }
    }
    sum
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn doc(title: &'static str) -> Document<'static> {
        Document { title, inquiry: title }
    }

    fn corpus(titles: &[&'static str]) -> Corpus {
        Corpus::new(&titles.iter().map(|t| doc(t)).collect::<Vec<_>>())
    }

    const TITLES: [&str; 6] = [
        "多要素認証の設定で間違ったメールアドレスを入力してしまい先に進めない",
        "多要素認証を設定するときにメールアドレスを間違えて入力し、先に進めなくなった",
        "Outlook でメールが送信できない",
        "プリンターで印刷できない",
        "ECCS クラウドメールにログインできない",
        "Wi-Fi に接続できない",
    ];

    #[test]
    fn paraphrases_score_high_and_unrelated_pages_low() {
        let c = corpus(&TITLES);
        for other in 2..TITLES.len() {
            assert!(c.similarity(0, 1) > 3.0 * c.similarity(0, other), "{other}: {}", c.similarity(0, other));
        }
        assert!((c.similarity(2, 2) - 1.0).abs() < 1e-9);
    }

    #[test]
    fn pairs_and_groups_are_ordered_most_similar_first() {
        let c = corpus(&[TITLES[0], TITLES[2], TITLES[1], TITLES[0], TITLES[3]]);
        let pairs = c.pairs(0.3);
        assert_eq!(pairs[0], Pair { a: 0, b: 3, score: pairs[0].score });
        assert!((pairs[0].score - 1.0).abs() < 1e-9);
        let groups = groups(&pairs);
        assert_eq!(groups.len(), 1);
        assert_eq!(groups[0].members, vec![0, 2, 3]);
    }

    #[test]
    fn related_prefers_similar_pages_and_the_bonus_breaks_near_ties() {
        let c = corpus(&[TITLES[0], TITLES[2], TITLES[1], TITLES[4], TITLES[0]]);
        assert_eq!(c.related(0, 2, |_| 0.0), [4, 2]);
        assert!(!c.related(0, 5, |_| 0.0).contains(&0), "never itself");
        assert_eq!(c.related(0, 1, |d| if d == 2 { 1.0 } else { 0.0 }), [2]);
        assert_eq!(c.related(0, 5, |_| 0.0), c.related(0, 5, |_| 0.0));
    }

    /// On a large corpus a token's list longer than the budget (but under the 1% cap) is walked
    /// only where the token weighs most, so ranking one page costs the same at any size.
    #[test]
    fn related_walks_a_long_list_only_where_the_token_weighs_most() {
        let (alone, diluted) = (50, 100);
        let budget = RELATED_POSTINGS_BUDGET;
        let fillers = 100 * (1 + alone + diluted) - (1 + alone + diluted);
        let texts: Vec<String> = std::iter::once("alpha".to_string())
            .chain((0..alone).map(|_| "alpha".to_string()))
            .chain((0..diluted).map(|i| format!("alpha beta{i} gamma{i}")))
            .chain((0..fillers).map(|i| format!("filler{i}")))
            .collect();
        let docs: Vec<Document> = texts.iter().map(|t| Document { title: t, inquiry: "" }).collect();
        let c = Corpus::new(&docs);
        assert!(alone + diluted < c.len() / 100, "the list is under the 1% cap");
        let related = c.related(0, alone + diluted, |_| 0.0);
        assert_eq!(related.len(), budget - 1, "the budget, less the page itself");
        assert_eq!(related[..alone], (1..=alone).collect::<Vec<_>>(), "the heaviest first");
        assert!(related.iter().all(|&d| d < budget), "ties by index: {related:?}");
    }

    #[test]
    fn inquiry_section_is_found_by_heading_or_first_paragraph() {
        let body = "## 問い合わせ\n\n送信できない。\\\n再起動した。\n\n## 対応\n\n再設定。\n";
        assert_eq!(inquiry_section(body), "送信できない。\\\n再起動した。");
        assert_eq!(inquiry_section("First para.\n\nSecond."), "First para.");
        assert_eq!(inquiry_section("## Ｑuestion:\nQ?\n"), "Q?");
    }

    /// `check` accepted these headings as the inquiry while similarity read only `## `, so
    /// related answers compared those pages by their first paragraph.
    #[test]
    fn the_inquiry_check_accepts_is_the_inquiry_similarity_reads() {
        for heading in ["# 問い合わせ", "### 問い合わせ", "問い合わせ\n---", "問い合わせ\n==="]
        {
            let body = format!(
                "前置き。\n\n{heading}\n\nVPN に接続できない。\n\n{}\n\n再起動した。\n",
                heading.replace("問い合わせ", "対応")
            );
            assert_eq!(inquiry_section(&body), "VPN に接続できない。", "{body}");
        }
    }

    #[test]
    fn empty_documents_match_nothing() {
        let c = Corpus::new(&[Document::default(), Document::default(), doc(TITLES[2])]);
        assert!(c.pairs(0.0).is_empty());
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(48))]

        /// The prefix filter is exact: it finds the same pairs as comparing every pair.
        #[test]
        fn candidate_search_equals_all_pairs(
            picks in prop::collection::vec(prop::collection::vec(0usize..TITLES.len(), 1..4), 2..12),
            threshold in 0.05f64..0.95,
        ) {
            let texts: Vec<String> = picks.iter().map(|p| p.iter().map(|&i| TITLES[i]).collect::<Vec<_>>().join("。")).collect();
            let docs: Vec<Document> = texts.iter().map(|t| Document { title: t, inquiry: "" }).collect();
            let c = Corpus::new(&docs);
            let fast: Vec<(usize, usize)> = c.pairs(threshold).iter().map(|p| (p.a, p.b)).collect();
            let mut slow = Vec::new();
            for a in 0..docs.len() {
                for b in a + 1..docs.len() {
                    if c.similarity(a, b) >= threshold && c.similarity(a, b) > 0.0 {
                        slow.push((a, b));
                    }
                }
            }
            let mut fast_sorted = fast.clone();
            fast_sorted.sort_unstable();
            prop_assert_eq!(fast_sorted, slow);
        }
    }
}
