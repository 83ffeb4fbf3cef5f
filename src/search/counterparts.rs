//! Counterpart pages: the English page and the Japanese page that answer the same question. A
//! helpdesk that serves international students writes some answers twice, and a visitor who
//! finds one should see the other beside it, whichever language the query was typed in; the two
//! share few search tokens, so ranking alone seldom finds both (`search-rank.js` lifts a
//! result's counterpart to just below it).
//!
//! Two pages are counterparts when they have the same service and each is the other's most
//! similar page of the other language, by what they share: the Latin words and numbers (the
//! names, addresses, versions and figures that a translation keeps: VPN, office.com, 3 日,
//! 25 GB), the tags (the site's own words, which both pages of one answer get), and the Japanese
//! words that the English page's words translate to (JMdict: password → パスワード, paper jam →
//! 紙詰まり), each weighted by how rare it is among the pages of the majority language, and at
//! least [`MIN_SIMILARITY`] similar (cosine). A page's language is its title's: an English
//! title has no kana or kanji.

use std::collections::HashMap;

use super::english::TRANSLATIONS;
use super::tokenizer::{is_cjk, normalize};

/// The least cosine similarity of two counterparts' shared words (of 0 to 1): below it, pages of
/// one service share only its common names (Box, VPN), not one answer's details.
const MIN_SIMILARITY: f64 = 0.2;
/// Longest word kept: longer runs are hashes, tokens and long addresses no translation repeats.
const MAX_WORD_CHARS: usize = 40;

/// What pairing needs of one page: its service, whether its title is English, and its Latin
/// words and numbers and its tags (`#` and the tag; normalised, sorted, distinct).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageWords {
    service: String,
    english: bool,
    words: Vec<String>,
    /// The vocabulary's Japanese words the page writes (Japanese) or translates to (English).
    concepts: Vec<u32>,
}

impl PageWords {
    /// The words of a page with this title, body text, service and tags.
    pub fn of(title: &str, body: &str, service: &str, tags: &[String]) -> PageWords {
        // Normalising is the costly step: each text is normalised once, for both uses.
        let (title_text, body_text) = (normalize(title), normalize(body));
        let mut words = latin_words(&title_text);
        words.extend(latin_words(&body_text));
        words.extend(tags.iter().map(|t| format!("#{}", normalize(t))));
        words.sort_unstable();
        words.dedup();
        let english = !title.chars().any(is_cjk);
        let text = format!("{title_text}\n{body_text}");
        let concepts = if english { TRANSLATIONS.of_english(&text) } else { TRANSLATIONS.in_japanese(&text) };
        PageWords { service: service.to_string(), english, words, concepts }
    }

    /// What the page says that a translation keeps: its words, then its translated words.
    fn features(&self) -> impl Iterator<Item = Feature<'_>> {
        let words = self.words.iter().map(|w| Feature::Word(w));
        words.chain(self.concepts.iter().map(|&n| Feature::Concept(n)))
    }

    fn has(&self, feature: &Feature) -> bool {
        match feature {
            Feature::Word(w) => self.words.binary_search_by(|x| x.as_str().cmp(w)).is_ok(),
            Feature::Concept(n) => self.concepts.binary_search(n).is_ok(),
        }
    }
}

/// One thing two pages can share: a Latin word, number or tag, or a Japanese word of the
/// vocabulary that one page writes and the other's English translates to ([`super::english::Translations`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Feature<'a> {
    Word(&'a str),
    Concept(u32),
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

/// Each feature's weight (squared idf over the majority pages) and the majority pages of each
/// service it is on.
struct WordWeights<'a> {
    weight: HashMap<Feature<'a>, f64>,
    pages_of: HashMap<(&'a str, Feature<'a>), Vec<usize>>,
}

impl<'a> WordWeights<'a> {
    fn new(pages: &'a [PageWords], majority: &[usize]) -> WordWeights<'a> {
        let mut pages_of: HashMap<(&str, Feature), Vec<usize>> = HashMap::new();
        let mut count: HashMap<Feature, usize> = HashMap::new();
        for &j in majority {
            for f in pages[j].features() {
                pages_of.entry((pages[j].service.as_str(), f)).or_default().push(j);
                *count.entry(f).or_default() += 1;
            }
        }
        let n = majority.len() as f64;
        let weight = count.into_iter().map(|(f, on)| (f, (1.0 + n / on as f64).ln().powi(2))).collect();
        WordWeights { weight, pages_of }
    }

    /// The weight of a feature, 0 for one no majority page has.
    fn of(&self, feature: &Feature) -> f64 {
        self.weight.get(feature).copied().unwrap_or(0.0)
    }

    /// The summed weight of a page's features.
    fn norm(&self, page: &PageWords) -> f64 {
        page.features().map(|f| self.of(&f)).sum()
    }
}

/// The summed weight of the features page `from` shares with each majority page of its service,
/// found through the features' pages, so that a large site is not compared pairwise.
fn shared_with_majority(pages: &[PageWords], weights: &WordWeights, from: usize) -> HashMap<usize, f64> {
    let mut shared: HashMap<usize, f64> = HashMap::new();
    let service = pages[from].service.as_str();
    for f in pages[from].features() {
        for &j in weights.pages_of.get(&(service, f)).map(Vec::as_slice).unwrap_or_default() {
            *shared.entry(j).or_default() += weights.of(&f);
        }
    }
    shared
}

/// The summed weight of the features page `from` shares with each of `candidates` of its service.
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
        .map(|&c| (c, pages[c].features().filter(|f| page.has(f)).map(|f| weights.of(&f)).sum()))
        .collect()
}

/// Page `from`'s most similar page of its service among those it `shared` features with (cosine
/// of the weighted shared features), with its similarity; the lower position wins a tie.
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
        PageWords::of(title, body, service, &[])
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
    fn a_shared_tag_tells_which_page_of_a_service_is_the_translation() {
        let tagged = |title: &str, body: &str, tags: &[&str]| {
            PageWords::of(
                title,
                body,
                "Microsoft 365",
                &tags.iter().map(|t| t.to_string()).collect::<Vec<_>>(),
            )
        };
        let pages = [
            tagged("Office のライセンスエラー", "office.com で Microsoft 365 にサインイン", &["ライセンス"]),
            tagged(
                "Office を自分の PC に入れる",
                "office.com で Microsoft 365 にサインイン",
                &["インストール"],
            ),
            tagged(
                "Installing Office",
                "Sign in to Microsoft 365 at office.com.",
                &["インストール", "English"],
            ),
        ];
        assert_eq!(counterparts(&pages), [(2, 1)]);
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

    #[test]
    fn an_english_page_pairs_with_the_page_its_words_translate_to() {
        // No Latin word or tag is shared: only the vocabulary's translation (password ->
        // パスワード) tells which Japanese page of the service this English page translates.
        let pages = [
            page("パスワードを忘れた", "パスワードの再設定は窓口で受け付けます。", "ID"),
            page("多要素認証の設定", "認証アプリを入れてください。", "ID"),
            page("Forgot password", "Reset your password at the desk.", "ID"),
        ];
        assert_eq!(counterparts(&pages), [(2, 0)]);
    }
}
