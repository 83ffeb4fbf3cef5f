//! Counterpart pages: the English page and the Japanese page that answer the same question. A
//! helpdesk that serves international students writes some answers twice, and a visitor who
//! finds one should see the other beside it, whichever language the query was typed in; the two
//! share few search tokens, so ranking alone seldom finds both (`search-rank.js` lifts a
//! result's counterpart to just below it).
//!
//! Two pages are counterparts when they have the same service and each is the other's most
//! similar page of the other language, by the Latin words and numbers they share: the names,
//! addresses, versions and figures that a translation keeps (VPN, office.com, 3 日, 25 GB),
//! each weighted by how rare it is among the pages of the majority language, and at least
//! [`MIN_SIMILARITY`] similar (cosine). A page's language is its title's: an English title has
//! no kana or kanji.

use std::collections::HashMap;

use super::tokenizer::{is_cjk, normalize};

/// The least cosine similarity of two counterparts' shared words (of 0 to 1): below it, pages of
/// one service share only its common names (Box, VPN), not one answer's details.
const MIN_SIMILARITY: f64 = 0.2;
/// Longest word kept: longer runs are hashes, tokens and long addresses no translation repeats.
const MAX_WORD_CHARS: usize = 40;

/// What pairing needs of one page: its service, whether its title is English and its Latin
/// words and numbers (normalised, sorted, distinct).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageWords {
    service: String,
    english: bool,
    words: Vec<String>,
}

impl PageWords {
    /// The words of a page with this title, body text and service.
    pub fn of(title: &str, body: &str, service: &str) -> PageWords {
        let mut words = latin_words(&normalize(title));
        words.extend(latin_words(&normalize(body)));
        words.sort_unstable();
        words.dedup();
        PageWords { service: service.to_string(), english: !title.chars().any(is_cjk), words }
    }
}

/// The runs of letters and digits (joined by `.`, `-`, `_`, `@`, `/` inside a word: office.com,
/// wi-fi, 2024/04/01) of normalised text.
fn latin_words(text: &str) -> Vec<String> {
    let joiner = |c: char| matches!(c, '.' | '-' | '_' | '@' | '/');
    let mut words = Vec::new();
    let mut word = String::new();
    for c in text.chars().chain(std::iter::once(' ')) {
        if c.is_ascii_alphanumeric() || (joiner(c) && !word.is_empty()) {
            word.push(c);
            continue;
        }
        let trimmed = word.trim_end_matches(joiner);
        // One letter is no name (a, i); one digit is a figure (3 日).
        let long_enough = trimmed.len() >= 2 || trimmed.chars().all(|c| c.is_ascii_digit());
        if !trimmed.is_empty() && long_enough && trimmed.chars().count() <= MAX_WORD_CHARS {
            words.push(trimmed.to_string());
        }
        word.clear();
    }
    words
}

/// The counterpart pairs among `pages` (by position), each `(minority-language page,
/// majority-language page)`, in the order of the first.
pub fn counterparts(pages: &[PageWords]) -> Vec<(u32, u32)> {
    let english = pages.iter().filter(|p| p.english).count();
    let minority_english = english * 2 <= pages.len();
    let (minority, majority): (Vec<usize>, Vec<usize>) =
        (0..pages.len()).partition(|&i| pages[i].english == minority_english);
    if minority.is_empty() || majority.is_empty() {
        return Vec::new();
    }
    let weights = WordWeights::new(pages, &majority);
    let mut pairs = Vec::new();
    for &m in &minority {
        let Some((j, similarity)) = best_match(pages, &weights, m, shared_with_majority(pages, &weights, m))
        else {
            continue;
        };
        let back = best_match(pages, &weights, j, shared_with(pages, &weights, j, &minority));
        if similarity >= MIN_SIMILARITY && back.map(|(b, _)| b) == Some(m) {
            pairs.push((position(m), position(j)));
        }
    }
    pairs
}

fn position(i: usize) -> u32 {
    u32::try_from(i).unwrap_or(u32::MAX)
}

/// Each word's weight (squared idf over the majority pages) and the majority pages it is on.
struct WordWeights<'a> {
    weight: HashMap<&'a str, f64>,
    pages_of: HashMap<&'a str, Vec<usize>>,
}

impl<'a> WordWeights<'a> {
    fn new(pages: &'a [PageWords], majority: &[usize]) -> WordWeights<'a> {
        let mut pages_of: HashMap<&str, Vec<usize>> = HashMap::new();
        for &j in majority {
            for w in &pages[j].words {
                pages_of.entry(w.as_str()).or_default().push(j);
            }
        }
        let n = majority.len() as f64;
        let weight = pages_of.iter().map(|(w, on)| (*w, (1.0 + n / on.len() as f64).ln().powi(2))).collect();
        WordWeights { weight, pages_of }
    }

    /// The weight of a word, 0 for one no majority page has.
    fn of(&self, word: &str) -> f64 {
        self.weight.get(word).copied().unwrap_or(0.0)
    }

    /// The summed weight of a page's words.
    fn norm(&self, page: &PageWords) -> f64 {
        page.words.iter().map(|w| self.of(w)).sum()
    }
}

/// The summed weight of the words page `from` shares with each majority page, found through the
/// words' pages, so that a large site is not compared pairwise.
fn shared_with_majority(pages: &[PageWords], weights: &WordWeights, from: usize) -> HashMap<usize, f64> {
    let mut shared: HashMap<usize, f64> = HashMap::new();
    for w in &pages[from].words {
        for &j in weights.pages_of.get(w.as_str()).map(Vec::as_slice).unwrap_or_default() {
            *shared.entry(j).or_default() += weights.of(w);
        }
    }
    shared
}

/// The summed weight of the words page `from` shares with each of `candidates` of its service.
fn shared_with(
    pages: &[PageWords],
    weights: &WordWeights,
    from: usize,
    candidates: &[usize],
) -> HashMap<usize, f64> {
    let page = &pages[from];
    candidates
        .iter()
        .filter(|&&c| pages[c].service == page.service)
        .map(|&c| {
            let common = pages[c].words.iter().filter(|w| page.words.binary_search(w).is_ok());
            (c, common.map(|w| weights.of(w)).sum())
        })
        .collect()
}

/// Page `from`'s most similar page of its service among those it `shared` words with (cosine of
/// the weighted shared words), with its similarity; the lower position wins a tie.
fn best_match(
    pages: &[PageWords],
    weights: &WordWeights,
    from: usize,
    shared: HashMap<usize, f64>,
) -> Option<(usize, f64)> {
    let page = &pages[from];
    let norm = weights.norm(page);
    shared
        .into_iter()
        .filter(|&(c, common)| common > 0.0 && pages[c].service == page.service && !page.service.is_empty())
        .map(|(c, common)| (c, common / (norm * weights.norm(&pages[c])).sqrt().max(f64::MIN_POSITIVE)))
        .max_by(|a, b| a.1.total_cmp(&b.1).then_with(|| b.0.cmp(&a.0)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(title: &str, body: &str, service: &str) -> PageWords {
        PageWords::of(title, body, service)
    }

    #[test]
    fn latin_words_keep_addresses_versions_and_numbers() {
        assert_eq!(
            latin_words(&normalize("office.com から Ｗｏｒｄ を入れる（25 GB、Wi-Fi）。")),
            ["office.com", "word", "25", "gb", "wi-fi"]
        );
    }

    #[test]
    fn the_english_and_japanese_pages_of_one_answer_pair_and_others_do_not() {
        let pages = [
            page("VPN に接続する方法", "vpn.example.ac.jp に FortiClient で接続します。", "VPN"),
            page("VPN が遅い", "VPN 経由は遅くなります。", "VPN"),
            page("Connecting to the VPN", "Install FortiClient and connect to vpn.example.ac.jp.", "VPN"),
            page("Box の容量", "Box は 1 TB まで使えます。", "Box"),
            page("Box storage limit", "Box gives you 1 TB.", "Box"),
            page("メールの転送", "転送先を設定します。", "メール"),
        ];
        assert_eq!(counterparts(&pages), [(2, 0), (4, 3)]);
    }

    #[test]
    fn pages_of_different_services_are_not_counterparts() {
        let pages = [
            page("Box の容量", "Box は 1 TB まで使えます。", "Box"),
            page("Box の共有", "Box で共有します。", "Box"),
            page("Box storage limit", "Box gives you 1 TB.", "OneDrive"),
        ];
        assert!(counterparts(&pages).is_empty());
    }

    #[test]
    fn a_site_of_one_language_has_no_counterparts() {
        let pages = [page("VPN に接続する方法", "VPN", "VPN"), page("VPN が遅い", "VPN", "VPN")];
        assert!(counterparts(&pages).is_empty());
    }
}
