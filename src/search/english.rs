//! English words for the Japanese words pages use: common JMdict words and their main English
//! glosses (change → 変更, forward → 転送, paper jam → 紙詰まり), extracted by
//! `scripts/jmdict-english.py` into `data/jmdict-english/` (EDRDG's JMdict, CC BY-SA, see its
//! NOTICE) and embedded here, so that an English query finds a Japanese page.
//!
//! Each (English gloss, Japanese word) pair is a synonym group of its own, the Japanese word an
//! anchor ([`Word::anchor`]): a site's table gets the groups of the Japanese words its pages
//! use, and two Japanese words never become other words for each other through a gloss they
//! share (変更 and 両替 both gloss change). The groups come gloss by gloss, each gloss's
//! Japanese words best first (earlier sense and gloss, more common word), so the browser, which
//! offers an English word's other words in row order, offers the best translations first.

use std::collections::HashMap;
use std::sync::LazyLock;

use aho_corasick::AhoCorasick;

use super::synonyms::Word;
use super::tokenizer::{FUNCTION_WORDS, is_hiragana, normalize};

/// One English gloss a line, then its Japanese words, best first, tab-separated.
const JMDICT_ENGLISH: &str = include_str!("../../data/jmdict-english/english.tsv");

/// The (gloss, Japanese word) groups of the embedded vocabulary: `[japanese (anchor), gloss]`.
pub fn jmdict_groups() -> impl Iterator<Item = Vec<Word>> {
    groups_of(JMDICT_ENGLISH)
}

fn groups_of(text: &str) -> impl Iterator<Item = Vec<Word>> + '_ {
    text.lines().flat_map(|line| {
        let mut fields = line.split('\t').filter(|w| !w.is_empty());
        let gloss = fields.next().unwrap_or_default();
        fields.map(move |japanese| {
            vec![
                Word { text: japanese.to_string(), trigger: true, anchor: true, loose: false },
                Word { text: gloss.to_string(), trigger: true, anchor: false, loose: false },
            ]
        })
    })
}

/// How many of a gloss's Japanese words (best first) translate it for [`Translations`]: later
/// ones are rarer senses (remote: リモート, 遠隔性, 遠隔, ロケ, …).
const TRANSLATIONS_PER_GLOSS: usize = 3;

/// The embedded vocabulary as a translation table: the Japanese words a page of either language
/// says, by number, so that an English page and its Japanese translation can be compared by the
/// words one translates into the other (`counterparts.rs`).
pub struct Translations {
    /// Each gloss's first Japanese words, by number.
    of_gloss: HashMap<&'static str, Vec<u32>>,
    /// The Japanese words, numbered by pattern.
    japanese: Option<AhoCorasick>,
}

/// The table of the embedded vocabulary, built once on first use.
pub static TRANSLATIONS: LazyLock<Translations> = LazyLock::new(|| Translations::of(JMDICT_ENGLISH));

impl Translations {
    fn of(text: &'static str) -> Translations {
        let mut number: HashMap<String, u32> = HashMap::new();
        let mut of_gloss: HashMap<&'static str, Vec<u32>> = HashMap::new();
        for line in text.lines() {
            let mut fields = line.split('\t').filter(|w| !w.is_empty());
            let Some(gloss) = fields.next() else { continue };
            // A word of one character or of hiragana alone (はるか) is found inside too many others.
            let words =
                fields.map(normalize).filter(|w| w.chars().count() >= 2 && !w.chars().all(is_hiragana));
            for word in words.take(TRANSLATIONS_PER_GLOSS) {
                let next = u32::try_from(number.len()).unwrap_or(u32::MAX);
                let n = *number.entry(word).or_insert(next);
                of_gloss.entry(gloss).or_default().push(n);
            }
        }
        let mut patterns: Vec<(String, u32)> = number.into_iter().collect();
        patterns.sort_unstable_by_key(|p| p.1);
        let japanese = AhoCorasick::new(patterns.iter().map(|p| p.0.as_str())).ok();
        Translations { of_gloss, japanese }
    }

    /// The numbers of the vocabulary's Japanese words that normalised `text` contains, sorted.
    pub fn in_japanese(&self, text: &str) -> Vec<u32> {
        let Some(automaton) = &self.japanese else { return Vec::new() };
        let mut found: Vec<u32> = automaton
            .find_overlapping_iter(text)
            .map(|m| u32::try_from(m.pattern().as_usize()).unwrap_or(u32::MAX))
            .collect();
        found.sort_unstable();
        found.dedup();
        found
    }

    /// The numbers of the Japanese words that translate normalised `text`'s English words (a
    /// word, its singular, or two words: paper jam), sorted; function words translate to nothing.
    pub fn of_english(&self, text: &str) -> Vec<u32> {
        let words: Vec<&str> = text
            .split(|c: char| !c.is_ascii_alphabetic())
            .filter(|w| w.len() >= 2 && !FUNCTION_WORDS.contains(w))
            .collect();
        let pairs = words.windows(2).map(|w| format!("{} {}", w[0], w[1]));
        let singles =
            words.iter().flat_map(|w| [w.to_string(), w.strip_suffix('s').unwrap_or(w).to_string()]);
        let mut found: Vec<u32> =
            singles.chain(pairs).filter_map(|w| self.of_gloss.get(w.as_str())).flatten().copied().collect();
        found.sort_unstable();
        found.dedup();
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::synonyms::{occurring_words, select};

    #[test]
    fn the_embedded_vocabulary_translates_helpdesk_words() {
        let groups: Vec<Vec<Word>> = jmdict_groups().collect();
        let has = |en: &str, ja: &str| groups.iter().any(|g| g[0].text == ja && g[1].text == en);
        assert!(has("change", "変更"));
        assert!(has("deletion", "削除"));
        assert!(has("paper jam", "紙詰まり"));
        assert!(groups.iter().all(|g| g.len() == 2 && g[0].anchor && !g[1].anchor && !g[1].text.is_empty()));
    }

    #[test]
    fn a_site_gets_the_rows_of_the_japanese_words_its_pages_use() {
        use rayon::prelude::*;
        let groups: Vec<Vec<Word>> = jmdict_groups().collect();
        let texts = ["パスワードを変更する", "メールの転送を設定する"];
        let found = occurring_words(&groups, texts.into_par_iter().map(String::from));
        let rows = select(&groups, &|t: &str| found.contains(t));
        let has = |ja: &str, en: &str| rows.iter().any(|r| r[1] == ja && r[2] == en);
        // The English word is marked: it expands only in an English query (synonyms::select).
        assert!(has("変更", "^change") && has("転送", "^forwarding"), "{rows:?}");
        // Each row is one Japanese word of the pages and one gloss, of which only the English
        // may start an expansion that reaches a word of the site.
        assert!(rows.iter().all(|r| r.len() == 3 && r[0] == 1), "{rows:?}");
        assert!(rows.iter().all(|r| r[1].as_str().is_some_and(|w| texts.iter().any(|t| t.contains(w)))));
        assert!(!rows.iter().any(|r| r[1] == "両替" || r[1] == "変化"));
    }

    #[test]
    fn a_gloss_line_is_one_group_per_japanese_word_in_its_order() {
        let groups: Vec<Vec<String>> = groups_of("change\t変更\t両替\nforward\t転送\n")
            .map(|g| g.into_iter().map(|w| w.text).collect())
            .collect();
        assert_eq!(groups, [["変更", "change"], ["両替", "change"], ["転送", "forward"]]);
    }

    #[test]
    fn an_english_text_and_its_japanese_translation_share_translated_words() {
        let table = Translations::of(
            "password\t合言葉\tパスワード\nforget\t忘れる\npaper jam\t紙詰まり\nfar\tはるか\n",
        );
        let english = table.of_english(&normalize("Forgot your passwords? Clear the paper jam."));
        let japanese = table.in_japanese(&normalize("パスワードを忘れた。紙詰まりを直す。"));
        let shared: Vec<&u32> = english.iter().filter(|n| japanese.contains(n)).collect();
        // パスワード (passwords -> password) and 紙詰まり (a two-word gloss); 忘れる is not in 忘れた.
        assert_eq!(shared.len(), 2, "{english:?} {japanese:?}");
        assert!(table.in_japanese("はるか").is_empty(), "a hiragana word is no translation");
        assert!(table.of_english("the your").is_empty());
    }
}
