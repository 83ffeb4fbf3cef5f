//! Other words for the same thing: the synonym groups a site's search expands queries with.
//!
//! Sources: Sudachi's synonym dictionary (the IT-helpdesk part, extracted by
//! `scripts/sudachi-synonyms.js` into `data/sudachi-synonyms/`, Apache-2.0, embedded here),
//! JMdict's other terms for one thing (`scripts/jmdict-terms.py`, `data/jmdict-terms/`, CC
//! BY-SA: 無線LAN / Wi-Fi, ショートメール / SMS, uncommon words Sudachi lacks), faqbook's own
//! hand-written IT-helpdesk terms (`data/helpdesk-terms/`: how students and sites name one
//! thing, 二段階認証 / 多要素認証, オンライン会議 / Web会議, スパコン / HPC; plain words at full
//! strength) and the site's own vocabulary: each `[[tags]]` name with its `match` terms, each
//! `[[services]]` name with its aliases, and each `[[synonyms]]` group of `book.toml`.
//!
//! The build writes the rows `[k, word, …]` of the groups of which some word occurs in the
//! site's pages (in the normalised text, a Latin word not inside a longer one) into
//! `search/synonyms/` (sharded, `index/synonym_shards.rs`), with words normalised as the
//! tokenizer does and one word per spelling (words with the same tokens are
//! one). The first `k` words of a group occur in the site: the browser expands a query word
//! found in the group to them. A word marked with a leading `!` is one Sudachi says is not a
//! trigger (`pw`, プリント, スパム could mean other things): the browser expands from it too, but
//! its expansions score and cover less (a helpdesk site mostly means the IT sense, and a query
//! with no other word for it would find nothing). A word marked `~` is of a loose group
//! (JMdict's terms: entries that share a term gloss, less sure than Sudachi's groups, made for
//! search; the loose copy of a helpdesk line with `~` words): it expands weakly both ways, the
//! same way.
//!
//! `meta.js` carries the Latin words of the pages' titles ([`title_latin_words`]): the names a
//! query may write in katakana (ワイファイ for Wi-Fi, ワンドライブ for OneDrive), which no dictionary
//! lists; the browser matches them by sound (`search-synonyms.js`). It carries the titles' katakana
//! words too ([`title_kana_words`]), which an English query may name (webinar for ウェビナー).

use std::collections::{BTreeSet, HashSet};

use aho_corasick::AhoCorasick;
use rayon::prelude::*;

use super::english::jmdict_groups;
use super::tokenizer::{FUNCTION_WORDS, is_katakana, normalize, tokenize};
use crate::config::Config;

/// Sudachi's groups, one per line, words separated by tabs (see the module doc).
const SUDACHI_GROUPS: &str = include_str!("../../data/sudachi-synonyms/synonyms.tsv");
/// JMdict's groups of other terms for one thing (`scripts/jmdict-terms.py`), one per line.
const JMDICT_TERMS: &str = include_str!("../../data/jmdict-terms/terms.tsv");
/// faqbook's own groups of the words IT-helpdesk users and sites name one thing by
/// (`data/helpdesk-terms/`), one per line, marked as Sudachi's and JMdict's words are.
const HELPDESK_TERMS: &str = include_str!("../../data/helpdesk-terms/terms.tsv");
/// Marks a word that may be expanded to but never from.
const NOT_A_TRIGGER: char = '!';
/// Marks a dictionary's English word for a Japanese word (JMdict's gloss, `english.rs`): the
/// browser expands from it only in a query of Latin letters alone. A Latin word in a Japanese
/// query names something (LINE, Teams, Box), and its dictionary sense (line: 行列) is noise.
const ENGLISH_ONLY: char = '^';
/// Marks a word of a loose group (JMdict's terms): a query expands from it and to it, but its
/// expansions score and cover as a not-a-trigger word's do (module doc).
const LOOSE: char = '~';

/// One word of a group: its written form, whether a query may expand from it, and whether it
/// is an anchor: a group with anchors is written only for a site that has one of them (JMdict's
/// Japanese word, `english.rs`: its English gloss alone leads nowhere); whether it is of a loose
/// group (JMdict's terms, marked [`LOOSE`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    pub text: String,
    pub trigger: bool,
    pub anchor: bool,
    pub loose: bool,
}

/// Sudachi's groups, the site's own (tags, services, `[[synonyms]]`), faqbook's helpdesk terms,
/// then JMdict's terms and English ones (`english.rs`): the browser offers a word's other words
/// in row order (a Japanese word's first row that leads to a site word; an English word's rows
/// all, in order).
pub fn site_groups(config: &Config) -> Vec<Vec<Word>> {
    let word = |text: &str| Word { text: text.to_string(), trigger: true, anchor: false, loose: false };
    let mut groups: Vec<Vec<Word>> = SUDACHI_GROUPS
        .lines()
        .map(|line| {
            line.split('\t')
                .filter(|w| !w.is_empty())
                .map(|w| match w.strip_prefix(NOT_A_TRIGGER) {
                    Some(rest) => {
                        Word { text: rest.to_string(), trigger: false, anchor: false, loose: false }
                    }
                    None => word(w),
                })
                .collect()
        })
        .collect();
    for tag in &config.tags {
        let names = std::iter::once(&tag.name).chain(&tag.match_terms).map(|t| word(t));
        groups.push(names.chain(slug_name(&tag.slug).map(|t| word(&t))).collect());
    }
    for service in &config.services {
        let names = std::iter::once(&service.name).chain(&service.aliases).map(|t| word(t));
        groups.push(names.chain(slug_name(&service.slug).map(|t| word(&t))).collect());
    }
    groups.extend(config.synonyms.iter().map(|terms| terms.iter().map(|t| word(t)).collect()));
    groups.extend(helpdesk_terms());
    groups.extend(jmdict_terms());
    groups.extend(jmdict_groups());
    groups
}

/// The helpdesk groups: a line's plain and `!` words at full strength (hand-written for the
/// domain, as sure as Sudachi's), then, when the line has `~` words, the whole line with every
/// word loose (the copy keeps each word's own mark, and [`select`] writes it all loose): a loose
/// word (携帯 for スマートフォン, 停止 for a locked account) finds the rest weakly, and the rest
/// find it weakly. Not a loose name in Latin letters (a product for its
/// kind: Google Classroom for an LMS, Copilot for ChatGPT): a query naming a product the
/// helpdesk does not support would look answered by the pages of the product it does.
fn helpdesk_terms() -> impl Iterator<Item = Vec<Word>> {
    HELPDESK_TERMS.lines().flat_map(|line| {
        let words: Vec<Word> = line.split('\t').filter_map(helpdesk_word).collect();
        let plain: Vec<Word> = words.iter().filter(|w| !w.loose).cloned().collect();
        let loose_copy = words.iter().any(|w| w.loose).then_some(words);
        (plain.len() >= 2).then_some(plain).into_iter().chain(loose_copy)
    })
}

/// One word of a helpdesk line, read by its mark; none for a loose name in Latin letters.
fn helpdesk_word(text: &str) -> Option<Word> {
    let (text, trigger, loose) = match (text.strip_prefix(NOT_A_TRIGGER), text.strip_prefix(LOOSE)) {
        (Some(rest), _) => (rest, false, false),
        (_, Some(rest)) => (rest, true, true),
        _ => (text, true, false),
    };
    let loose_name = loose && text.chars().any(|c| c.is_ascii_alphabetic());
    (!text.is_empty() && !loose_name).then(|| Word { text: text.to_string(), trigger, anchor: false, loose })
}

/// JMdict's term groups, every word loose.
fn jmdict_terms() -> impl Iterator<Item = Vec<Word>> {
    JMDICT_TERMS.lines().map(|line| {
        let word = |w: &str| Word { text: w.to_string(), trigger: true, anchor: false, loose: true };
        line.split('\t').filter(|w| !w.is_empty()).map(word).collect()
    })
}

/// A tag's or service's configured slug read as a name (`sharing` for 共有, `mail-client` for
/// メールソフト: an author who gives a Japanese name an ASCII slug mostly writes its English
/// name), so an English query finds the Japanese pages. A slug with a digit is an id more than a
/// name (`microsoft-365` is already the name).
fn slug_name(slug: &str) -> Option<String> {
    let letters = slug.chars().all(|c| c.is_ascii_lowercase() || c == '-') && slug.chars().any(|c| c != '-');
    letters.then(|| slug.split('-').filter(|w| !w.is_empty()).collect::<Vec<_>>().join(" "))
}

/// The normalised words of `groups` that occur in one of `texts` (one search for all of them).
pub fn occurring_words(groups: &[Vec<Word>], texts: impl ParallelIterator<Item = String>) -> HashSet<String> {
    WordFinder::new(groups).occurring(texts)
}

/// The words of some groups, ready to be looked for (`serve` keeps one between edits: building
/// the automaton over every synonym costs more than searching a few pages).
pub struct WordFinder {
    words: Vec<String>,
    automaton: Option<AhoCorasick>,
}

impl WordFinder {
    pub fn new(groups: &[Vec<Word>]) -> WordFinder {
        let words: Vec<String> = groups
            .iter()
            .flatten()
            .map(|w| normalize(&w.text))
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect();
        let automaton = AhoCorasick::new(&words).ok();
        WordFinder { words, automaton }
    }

    /// The normalised words that occur in one of `texts`.
    pub fn occurring(&self, texts: impl ParallelIterator<Item = String>) -> HashSet<String> {
        let Some(automaton) = &self.automaton else { return HashSet::new() };
        let found: HashSet<usize> = texts
            .map(|text| {
                let text = normalize(&text);
                automaton
                    .find_overlapping_iter(&text)
                    .filter(|m| stands_alone(&text, m.start(), m.end()))
                    .map(|m| m.pattern().as_usize())
                    .collect::<HashSet<_>>()
            })
            .reduce(HashSet::new, |mut a, b| {
                a.extend(b);
                a
            });
        found.into_iter().map(|i| self.words[i].clone()).collect()
    }
}

/// Latin words shorter than this (without joiners) are left out of [`title_latin_words`]: their
/// sound (two or three consonants) matches too many katakana words.
const MIN_LATIN_LETTERS: usize = 4;

/// The distinct Latin words (tokens of ASCII letters and joiners, `wi-fi` but not its parts, of
/// [`MIN_LATIN_LETTERS`] letters or more, no function word) of `titles`, sorted. Titles, not
/// bodies: they name what the pages are about, and keep the list a few hundred words on a
/// large site.
pub fn title_latin_words<'a>(titles: impl Iterator<Item = &'a str>) -> Vec<String> {
    let mut words = BTreeSet::new();
    for title in titles {
        for token in tokenize(title) {
            let letters = token.chars().filter(char::is_ascii_alphabetic).count();
            let latin = token.chars().all(|c| c.is_ascii_alphabetic() || ".-_@".contains(c));
            if latin && letters >= MIN_LATIN_LETTERS && !FUNCTION_WORDS.contains(&token.as_str()) {
                words.insert(token);
            }
        }
    }
    words.into_iter().collect()
}

/// Katakana words shorter than this are left out of [`title_kana_words`] (ワード, メール, ルーム
/// sound like too many English words).
const MIN_KANA_CHARS: usize = 4;

/// The distinct katakana words (runs of katakana and ー, normalised, of [`MIN_KANA_CHARS`]
/// characters or more) of `titles`, sorted: the loanwords an English query may name (webinar
/// for ウェビナー), matched by sound in the browser, as katakana queries are matched to
/// [`title_latin_words`].
pub fn title_kana_words<'a>(titles: impl Iterator<Item = &'a str>) -> Vec<String> {
    let mut words = BTreeSet::new();
    for title in titles {
        for run in normalize(title).split(|c: char| !(is_katakana(c) || c == 'ー')) {
            if run.chars().count() >= MIN_KANA_CHARS {
                words.insert(run.to_string());
            }
        }
    }
    words.into_iter().collect()
}

/// A match that starts or ends with a letter or digit must not continue a Latin word there
/// (`ml` is not found in `html`, `open` not in `opened`).
fn stands_alone(text: &str, start: usize, end: usize) -> bool {
    let word = |c: char| c.is_ascii_alphanumeric();
    let inner_first = text[start..end].chars().next().is_some_and(word);
    let inner_last = text[start..end].chars().next_back().is_some_and(word);
    let before = text[..start].chars().next_back().is_some_and(word);
    let after = text[end..].chars().next().is_some_and(word);
    !((inner_first && before) || (inner_last && after))
}

/// The groups worth writing for a site in whose pages `occurs` says a normalised word occurs, as
/// `[k, word, …]` rows (module doc), in the order of `groups`, each written once.
pub fn select(groups: &[Vec<Word>], occurs: &dyn Fn(&str) -> bool) -> Vec<Vec<serde_json::Value>> {
    let mut seen_rows = BTreeSet::new();
    let mut rows = Vec::new();
    for group in groups {
        let mut seen_tokens = BTreeSet::new();
        let (mut occurring, mut others) = (Vec::new(), Vec::new());
        let dictionary_english = group.iter().any(|w| w.anchor);
        let mut anchored = !dictionary_english;
        // A helpdesk line's loose copy (helpdesk_terms: some words loose, some not) is all loose.
        // When the site has one of its plain words, the line's plain row leads a plain word there
        // first (the browser takes a word's first row that leads to a site word), so the copy
        // needs no plain word the site lacks: fewer bytes in the shards a query loads.
        let copy = group.iter().any(|w| w.loose) && group.iter().any(|w| !w.loose);
        let plain_row_leads = copy && group.iter().any(|w| !w.loose && occurs(&normalize(&w.text)));
        for word in group {
            let tokens = tokenize(&word.text);
            if tokens.is_empty() || !seen_tokens.insert(tokens.clone()) {
                continue;
            }
            let text = normalize(&word.text);
            let occurs_here = occurs(&text);
            if plain_row_leads && !word.loose && !occurs_here {
                continue;
            }
            anchored |= word.anchor && occurs_here;
            let marked = if !word.trigger {
                format!("{NOT_A_TRIGGER}{text}")
            } else if word.loose || copy {
                format!("{LOOSE}{text}")
            } else if dictionary_english && !word.anchor {
                format!("{ENGLISH_ONLY}{text}")
            } else {
                text
            };
            if occurs_here { occurring.push(marked) } else { others.push(marked) }
        }
        // Useful when a query word of the group can lead to another word the site has.
        if !anchored || occurring.is_empty() || occurring.len() + others.len() < 2 {
            continue;
        }
        let key = (occurring.clone(), others.clone());
        if !seen_rows.insert(key) {
            continue;
        }
        let mut row = vec![serde_json::Value::from(occurring.len())];
        row.extend(occurring.into_iter().chain(others).map(serde_json::Value::from));
        rows.push(row);
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(list: &[&str]) -> Vec<Word> {
        list.iter()
            .map(|w| match w.strip_prefix('!') {
                Some(rest) => Word { text: rest.to_string(), trigger: false, anchor: false, loose: false },
                None => Word { text: w.to_string(), trigger: true, anchor: false, loose: false },
            })
            .collect()
    }

    #[test]
    fn the_embedded_dictionary_has_helpdesk_words() {
        let config = Config::parse(std::path::Path::new("."), std::path::Path::new("book.toml"), "").unwrap();
        let groups = site_groups(&config);
        let has = |a: &str, b: &str| {
            groups.iter().any(|g| g.iter().any(|w| w.text == a) && g.iter().any(|w| w.text == b))
        };
        assert!(has("ログイン", "サインイン"));
        assert!(has("エクセル", "Excel"));
        assert!(has("ワンタイムパスワード", "one-time password"));
    }

    #[test]
    fn only_groups_reaching_a_word_of_the_site_are_written() {
        let texts = ["ログインできない", "Excel で開く", "スマートフォンの html"];
        let found = occurring_words(
            &[words(&["ログイン", "excel", "スマホ", "ml", "パスワード"])],
            texts.into_par_iter().map(String::from),
        );
        assert_eq!(found, ["ログイン", "excel"].map(String::from).into());
        let in_index = |t: &str| found.contains(t);
        let groups = [
            words(&["ログイン", "サインイン", "login"]),
            words(&["エクセル", "Excel", "EXCEL"]),
            words(&["スマホ", "スマートフォン"]),
            words(&["!pw", "パスワード"]),
            words(&["ログイン", "サインイン", "login"]),
        ];
        let rows = select(&groups, &in_index);
        let expected: Vec<Vec<serde_json::Value>> = vec![
            vec![1.into(), "ログイン".into(), "サインイン".into(), "login".into()],
            vec![1.into(), "excel".into(), "エクセル".into()],
        ];
        assert_eq!(rows, expected);
    }

    #[test]
    fn a_group_with_an_anchor_is_written_only_for_a_site_with_the_anchor() {
        let pair = |ja: &str, en: &str| {
            vec![
                Word { text: ja.into(), trigger: true, anchor: true, loose: false },
                Word { text: en.into(), trigger: true, anchor: false, loose: false },
            ]
        };
        let groups = [pair("変更", "change"), pair("変化", "change")];
        // The English word alone leads to no word of the site.
        assert!(select(&groups, &|t: &str| t == "change").is_empty());
        let row = |k: usize, ja: &str| vec![serde_json::Value::from(k), ja.into(), "^change".into()];
        assert_eq!(select(&groups, &|t: &str| t == "変更"), vec![row(1, "変更")]);
        // Two Japanese words glossed alike stay in rows of their own: neither leads to the other.
        assert_eq!(select(&groups, &|t: &str| t != "change"), vec![row(1, "変更"), row(1, "変化")]);
        assert_eq!(select(&groups, &|_: &str| true), vec![row(2, "変更"), row(2, "変化")]);
    }

    #[test]
    fn a_configured_slug_of_letters_is_another_name_of_its_tag_or_service() {
        let toml = "[[tags]]\nname = \"共有\"\nslug = \"sharing\"\n[[tags]]\nname = \"メールソフト\"\nslug = \"mail-client\"\n\
                    [[services]]\nname = \"Microsoft 365\"\nslug = \"microsoft-365\"\n";
        let config =
            Config::parse(std::path::Path::new("."), std::path::Path::new("book.toml"), toml).unwrap();
        let groups = site_groups(&config);
        let texts = |g: &Vec<Word>| g.iter().map(|w| w.text.clone()).collect::<Vec<_>>();
        // The site's own groups come just before the helpdesk terms, JMdict's terms and English words.
        let after = helpdesk_terms().count() + jmdict_terms().count() + jmdict_groups().count();
        let own = &groups[..groups.len() - after];
        let site: Vec<_> = own.iter().rev().take(3).map(texts).collect();
        // A group is the name, its match terms or aliases (the name when none), then the slug's.
        assert!(!site[0].iter().any(|w| w.contains("365") && w != "Microsoft 365"), "{site:?}");
        assert_eq!(
            (site[1].first(), site[1].last()),
            (Some(&"メールソフト".into()), Some(&"mail client".into()))
        );
        assert_eq!((site[2].first(), site[2].last()), (Some(&"共有".into()), Some(&"sharing".into())));
    }

    #[test]
    fn jmdict_terms_are_loose_groups_of_other_words_for_one_thing() {
        // JMdict's own groups (the helpdesk terms, before them in site_groups, join some words too).
        let groups: Vec<Vec<Word>> = jmdict_terms().collect();
        let group = |a: &str, b: &str| {
            groups.iter().find(|g| g.iter().any(|w| w.text == a) && g.iter().any(|w| w.text == b)).cloned()
        };
        // Uncommon in JMdict, absent from Sudachi; the forms are folded (Ｗｉ‐Ｆｉ is Wi-Fi).
        let wifi = group("無線LAN", "Wi-Fi").expect("無線LAN / Wi-Fi");
        assert!(wifi.iter().all(|w| w.loose && w.trigger && !w.anchor), "{wifi:?}");
        assert!(group("ショートメール", "SMS").is_some());
        assert!(group("二段階認証", "二要素認証").is_some());
        // A site with Wi-Fi gets the row; each word keeps the loose mark.
        let rows = select(&[wifi], &|t: &str| t == "wi-fi");
        assert_eq!(rows[0][..3], [serde_json::Value::from(1), "~wi-fi".into(), "~無線lan".into()]);
    }

    #[test]
    fn helpdesk_terms_join_the_words_students_and_sites_use_for_one_thing() {
        let config = Config::parse(std::path::Path::new("."), std::path::Path::new("book.toml"), "").unwrap();
        let groups = site_groups(&config);
        let group = |a: &str, b: &str| {
            groups.iter().find(|g| g.iter().any(|w| w.text == a) && g.iter().any(|w| w.text == b)).cloned()
        };
        for (student, site) in [
            ("二段階認証", "多要素認証"),
            ("オンライン会議", "Web会議"),
            ("スパコン", "HPC"),
            ("凍結", "利用停止"),
        ] {
            let words = group(student, site).unwrap_or_else(|| panic!("{student} / {site}"));
            assert!(words.iter().all(|w| w.trigger && !w.loose && !w.anchor), "{words:?}");
        }
        // A loose word (携帯 for スマートフォン) is only in the line's loose copy, where every word
        // is loose; a loose Latin name (Google Classroom for an LMS) is in neither.
        let helpdesk: Vec<Vec<Word>> = helpdesk_terms().collect();
        let phones: Vec<&Vec<Word>> =
            helpdesk.iter().filter(|g| g.iter().any(|w| w.text == "スマートフォン")).collect();
        let plain = phones.iter().find(|g| g.iter().all(|w| !w.loose)).expect("plain スマートフォン group");
        assert!(
            plain.iter().any(|w| w.text == "スマホ") && !plain.iter().any(|w| w.text == "携帯"),
            "{plain:?}"
        );
        let loose = phones.iter().find(|g| g.iter().any(|w| w.text == "携帯")).expect("loose copy");
        assert!(loose.iter().any(|w| w.text == "スマホ"), "{loose:?}");
        // Written all loose; without the plain words the site lacks when it has one of them.
        let rows = select(&[(*loose).clone()], &|t: &str| t == "スマホ" || t == "携帯");
        assert_eq!(rows[0][..3], [serde_json::Value::from(2), "~スマホ".into(), "~携帯".into()]);
        assert!(rows[0].iter().all(|w| w != "~スマートフォン"), "{:?}", rows[0]);
        let rows = select(&[(*loose).clone()], &|t: &str| t == "携帯");
        assert!(rows[0].iter().any(|w| w == "~スマートフォン"), "{:?}", rows[0]);
        assert!(helpdesk.iter().flatten().all(|w| !w.text.starts_with(['~', '!'])));
        let lms = |g: &&Vec<Word>| g.iter().any(|w| w.text == "LMS");
        assert!(helpdesk.iter().filter(lms).flatten().all(|w| w.text != "Google Classroom"));
        // The marks: a plain word, a word that is no trigger, a loose word.
        let plain = Word { text: "スマホ".into(), trigger: true, anchor: false, loose: false };
        assert_eq!(helpdesk_word("スマホ"), Some(plain));
        let no_trigger = Word { text: "pw".into(), trigger: false, anchor: false, loose: false };
        assert_eq!(helpdesk_word("!pw"), Some(no_trigger));
        let loose = Word { text: "携帯".into(), trigger: true, anchor: false, loose: true };
        assert_eq!(helpdesk_word("~携帯"), Some(loose));
        assert_eq!(helpdesk_word("~Copilot"), None);
        // Written for a site that has one of the words, at full strength (no mark).
        let freeze = group("凍結", "利用停止").unwrap_or_default();
        let rows = select(&[freeze], &|t: &str| t == "利用停止");
        assert_eq!(rows[0][..3], [serde_json::Value::from(1), "利用停止".into(), "アカウントロック".into()]);
    }

    #[test]
    fn title_latin_words_are_the_names_of_the_titles() {
        let titles =
            ["UTokyo Wi-Fi に接続できない", "OneDrive の容量", "How to use the VPN with Zoom", "Zoom 40 分"];
        let words = title_latin_words(titles.into_iter());
        assert_eq!(words, ["onedrive", "utokyo", "wi-fi", "zoom"]);
    }

    #[test]
    fn a_word_that_is_not_a_trigger_keeps_its_mark() {
        let rows = select(&[words(&["!pw", "パスワード"])], &|t: &str| t == "pw");
        assert_eq!(rows, vec![vec![serde_json::Value::from(1), "!pw".into(), "パスワード".into()]]);
        // The site has only the word it may lead to: written, so that pw finds パスワード (weakly).
        let rows = select(&[words(&["!pw", "パスワード"])], &|t: &str| t == "パスワード");
        assert_eq!(rows, vec![vec![serde_json::Value::from(1), "パスワード".into(), "!pw".into()]]);
        assert!(select(&[words(&["!pw", "パスワード"])], &|_: &str| false).is_empty());
    }
}
