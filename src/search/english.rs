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

use super::synonyms::Word;

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
                Word { text: japanese.to_string(), trigger: true, anchor: true },
                Word { text: gloss.to_string(), trigger: true, anchor: false },
            ]
        })
    })
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
}
