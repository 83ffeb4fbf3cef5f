//! The search tokenizer, shared rule for rule with `themes/default/static/search-text.js`.
//!
//! Japanese has no spaces between words and faqbook may not use a dictionary (nothing is
//! downloaded), so CJK text is indexed as overlapping character bigrams; Latin-script text and
//! digits are indexed as words. The same function runs over pages at build time and over
//! queries in the browser, so both sides must agree exactly: `tests/search/tokenizer_vectors.json`
//! is checked against this module and against the JavaScript.
//!
//! Rules, applied in this order:
//!
//! 1. Normalise: NFKC, then Unicode lower case (whole-string, so a final Σ becomes ς), then NFKC
//!    again (lower-casing can leave a non-NFKC sequence). Full-width `ＴＨＵＮＤＥＲＢＩＲＤ`
//!    becomes `thunderbird`; half-width `ｳｪﾋﾞﾅｰ` becomes `ウェビナー` (the half-width voiced
//!    mark composes with its kana).
//! 2. Classify each character:
//!    - **CJK**: Han ideographs (U+3400–4DBF, U+4E00–9FFF, U+F900–FAFF, U+20000–2FA1F,
//!      U+30000–323AF), the marks 々 〆 〇 〻, Hiragana U+3041–3098 and U+309D–309F (iteration
//!      marks ゝゞ included), Katakana U+30A1–30FA and U+30FC–30FF (ー and ヽヾ included,
//!      the middle dot ・ excluded), U+31F0–31FF, kana supplements U+1B000–1B16F;
//!    - **word**: any other alphabetic or numeric character (Rust `char::is_alphanumeric`,
//!      JavaScript `[\p{Alphabetic}\p{N}]`), e.g. Latin, Greek, Cyrillic, Hangul, digits;
//!    - **joiner**: `.` `-` `_` `@` (after NFKC, so `．` `－` `＿` `＠` too);
//!    - everything else (spaces, punctuation, symbols, emoji, stray combining voiced marks)
//!      separates tokens.
//! 3. Fold spelling variants inside CJK runs, so that both spellings give the same bigrams:
//!    - a long vowel mark ー after a kana (with only ー between) is dropped: コンピューター,
//!      コンピュータ and コンピュタ (a ー dropped by mistake) all become コンピュタ; a hyphen
//!      `-` `‐` `−` between two katakana is a long vowel mark typed wrong (ダウンロ-ド);
//!    - one hiragana between two kanji is okurigana and is dropped, unless it is a particle
//!      (の を が は に で と も へ や か): 取り消し / 取消し → 取消し, 申し込み → 申込み.
//!      The okurigana at the end (消し) stays, in a bigram that the query side weighs little.
//! 4. A maximal run of CJK characters gives its overlapping bigrams of the characters kept
//!    (`認証方法` → `認証`, `証方`, `方法`); a run of one character gives that character.
//! 5. A maximal run of word characters is a word. Words linked by single joiners, each joiner
//!    having a word character directly on both sides, form a compound: the compound is emitted
//!    first (joiners kept: `10.15`, `user@example.com`, `wi-fi`), then each part (`10`, `15`).
//!    So a query for `10.15` requires the version, while `wi fi` still finds `Wi-Fi`. A joiner
//!    without word characters on both sides is a separator (`v1.` → `v1`). Letters and digits
//!    are not split (`oauth2`, `windows11`).
//!
//! 6. Index side only ([`index_tokens`], for titles, tags and service): each kanji of a CJK run
//!    of two or more characters is also a token of its own, so a one-kanji query (a run of one
//!    character, rule 4) finds the words that contain it. Queries are tokenised by [`tokenize`]
//!    alone, in Rust and in JavaScript alike.
//!
//! Stability property (checked by proptest): every emitted token, tokenised again, yields
//! itself as its first token, so index terms and query terms meet.

use std::sync::LazyLock;
use unicode_normalization::UnicodeNormalization;

/// The characters that link word runs into one compound token.
pub const JOINERS: [char; 4] = ['.', '-', '_', '@'];

/// NFKC, lower case, NFKC: the form in which text is indexed and queried.
pub fn normalize(text: &str) -> String {
    nfkc(&nfkc(text).to_lowercase())
}

/// NFKC, copying runs of characters that NFKC leaves alone instead of normalising them: the
/// crate's normaliser is the tokenizer's main cost, and most of a Japanese page is such runs.
/// A safe character is copied directly only when the next one is safe too, because a safe
/// character can compose with a combining mark after it (か + U+3099 → が); no safe character
/// composes with one before it or reorders (all are starters), so the result is exactly NFKC.
fn nfkc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    // Start of the stretch still to be handled, and whether it needs the normaliser.
    let (mut start, mut slow) = (0, false);
    let mut chars = text.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        let next_is_safe = chars.peek().is_none_or(|&(_, n)| is_nfkc_stable(n));
        let copy = is_nfkc_stable(c) && next_is_safe;
        if copy == slow {
            flush(&text[start..at], slow, &mut out);
            (start, slow) = (at, !copy);
        }
    }
    flush(&text[start..], slow, &mut out);
    out
}

fn flush(stretch: &str, slow: bool, out: &mut String) {
    if slow {
        out.extend(stretch.nfkc());
    } else {
        out.push_str(stretch);
    }
}

/// Characters that are their own NFKC form and never compose with a preceding character:
/// ASCII, common CJK punctuation, kana (without ゟ ヿ, which decompose) and unified ideographs.
fn is_nfkc_stable(c: char) -> bool {
    matches!(c as u32,
        0x00..=0x7F | 0x3001 | 0x3002 | 0x300C..=0x300F
        | 0x3041..=0x3096 | 0x309D | 0x309E | 0x30A1..=0x30FE | 0x4E00..=0x9FFF)
}

/// Weight of a token that says how a question is phrased rather than what it is about (see
/// [`is_minor_token`]), relative to 1 for other tokens. The one rule for `similar`, related
/// answers and search ranking (written into the search index's `meta.js` for the browser).
pub const MINOR_TOKEN_WEIGHT: f64 = 0.2;

/// English function words: the English counterpart of particles and endings (articles,
/// pronouns, auxiliaries, prepositions and the particles of phrasal verbs: `set up`, `log out`),
/// negation and the pieces of contractions (`can't` is `can` `t`, `I'm` is `i` `m`: できない's
/// ない is an ending too), and the words that say what a question asks for, as
/// [`QUESTION_WORDS`] do in Japanese (need, want, please, problem, issue, way: 必要, 問題, 方法).
pub const FUNCTION_WORDS: [&str; 98] = [
    "a", "about", "am", "an", "and", "are", "as", "at", "be", "been", "by", "can", "could", "do", "does",
    "for", "from", "had", "has", "have", "he", "her", "his", "how", "i", "if", "in", "into", "is", "it",
    "its", "me", "my", "of", "off", "on", "or", "our", "out", "over", "she", "should", "so", "that", "the",
    "their", "them", "there", "they", "this", "to", "up", "was", "we", "were", "what", "when", "where",
    "which", "who", "why", "will", "with", "would", "you", "your", "did", "not", "no", "cannot", "t", "s",
    "m", "d", "ll", "re", "ve", "don", "doesn", "didn", "isn", "aren", "wasn", "weren", "won", "couldn",
    "wouldn", "shouldn", "haven", "hasn", "need", "want", "please", "problem", "problems", "issue", "issues",
    "way",
];

/// Japanese words that say what kind of help a question asks for (how, why, what to do, can,
/// need, in which case), not what it is about: in 「プリンタ 使い方」 the thing asked about is the
/// printer, and a page that only says 使い方 answers nothing. A small closed class, like the
/// English function words: a site's own counts cannot find them, since a 100-page site has
/// 使い方 on one page. With them the words that ask how many or when (何 and a counter: 何回,
/// 何時): 「Macで何回もパスワードを聞かれる」 is about the password prompt, and no page need say
/// 何回. Each is minor in every token it has once tokenized (unit test): one token, or for
/// やり方 (the everyday 仕方) its kana bigram and the bigram into its kanji (やり, り方).
pub const QUESTION_WORDS: [&str; 27] = [
    "方法",
    "使い方",
    "仕方",
    "やり方",
    "手順",
    "場合",
    "理由",
    "原因",
    "対処",
    "対応",
    "解決",
    "可能",
    "出来",
    "必要",
    "問題",
    "何回",
    "何度",
    "何時",
    "何分",
    "何日",
    "何年",
    "何人",
    "何枚",
    "何件",
    "何個",
    "何台",
    "何故",
];

/// [`QUESTION_WORDS`] as tokens (使い方 is 使方: okurigana between kanji is folded).
static QUESTION_TOKENS: LazyLock<Vec<String>> =
    LazyLock::new(|| QUESTION_WORDS.iter().flat_map(|w| tokenize(w)).collect());

/// The tokens [`is_minor_token`] names besides hiragana ones: [`FUNCTION_WORDS`] and the
/// tokens of [`QUESTION_WORDS`] (written into the search index's `meta.js` as `functionWords`).
pub fn function_tokens() -> impl Iterator<Item = &'static str> {
    FUNCTION_WORDS.iter().copied().chain(QUESTION_TOKENS.iter().map(String::as_str))
}

/// Tokens made only of hiragana (particles and verb endings: `ので`, `ない`, `たら`), English
/// function words and Japanese question words differ most between paraphrases of one question
/// and say little about it.
pub fn is_minor_token(token: &str) -> bool {
    token.chars().all(|c| ('\u{3041}'..='\u{309F}').contains(&c)) || function_tokens().any(|w| w == token)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum CharClass {
    Cjk,
    Word,
    Joiner,
    Separator,
}

/// Whether `c` belongs to a CJK run (indexed as bigrams). See the module doc for the ranges.
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3005..=0x3007 | 0x303B
        | 0x3041..=0x3098 | 0x309D..=0x309F
        | 0x30A1..=0x30FA | 0x30FC..=0x30FF
        | 0x31F0..=0x31FF
        | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF
        | 0x1B000..=0x1B16F
        | 0x20000..=0x2FA1F | 0x30000..=0x323AF)
}

fn classify(c: char) -> CharClass {
    if is_cjk(c) {
        CharClass::Cjk
    } else if c.is_alphanumeric() {
        CharClass::Word
    } else if JOINERS.contains(&c) {
        CharClass::Joiner
    } else {
        CharClass::Separator
    }
}

/// Particles that may stand alone between two kanji (大学の先生, 学生が使用): never okurigana.
const PARTICLES: [char; 11] = ['の', 'を', 'が', 'は', 'に', 'で', 'と', 'も', 'へ', 'や', 'か'];
/// Dashes that stand for a long vowel mark between two katakana.
const DASHES: [char; 3] = ['-', '‐', '−'];

fn is_kana(c: char) -> bool {
    matches!(c as u32, 0x3041..=0x3096 | 0x30A1..=0x30FA)
}

/// A katakana letter (not ー or the middle dot).
pub(super) fn is_katakana(c: char) -> bool {
    matches!(c as u32, 0x30A1..=0x30FA)
}

pub(super) fn is_kanji(c: char) -> bool {
    is_cjk(c) && !matches!(c as u32, 0x3041..=0x309F | 0x30A1..=0x30FF | 0x31F0..=0x31FF | 0x1B000..=0x1B16F)
}

/// Small vowels that katakana writes after a consonant (ウィ, ティ, ファ), and their full size.
const SMALL_VOWELS: [(char, char); 5] =
    [('ァ', 'ア'), ('ィ', 'イ'), ('ゥ', 'ウ'), ('ェ', 'エ'), ('ォ', 'オ')];
/// The バ row, by vowel (ア イ ウ エ オ): how the ヴ sounds are also written.
const BA_ROW: [char; 5] = ['バ', 'ビ', 'ブ', 'ベ', 'ボ'];
/// The ヴ sounds written as one letter (ヷ ヸ ヹ ヺ), by vowel as in [`BA_ROW`].
const V_LETTERS: [(char, usize); 4] = [('ヷ', 0), ('ヸ', 1), ('ヹ', 3), ('ヺ', 4)];

pub(super) fn is_hiragana(c: char) -> bool {
    matches!(c as u32, 0x3041..=0x3096)
}

/// Step 3 of the module doc: rewrites the spellings that fold (in `chars`) and says which
/// characters the folding drops. Dashes that stand for ー become CJK (so the run goes on) and
/// are dropped.
fn fold(chars: &mut [char], classes: &mut [CharClass]) -> Vec<bool> {
    read_as_katakana(chars);
    let mut dropped = respell_katakana(chars);
    for i in 0..chars.len() {
        let c = chars[i];
        let prev = i.checked_sub(1).map(|p| chars[p]);
        let next = chars.get(i + 1).copied();
        if c == 'ー' {
            let before = chars[..i].iter().rev().find(|&&b| b != 'ー');
            let only_marks_between = i > 0 && classes[i - 1] == CharClass::Cjk;
            dropped[i] = only_marks_between && before.is_some_and(|&b| is_kana(b));
        } else if DASHES.contains(&c) {
            if prev.is_some_and(is_katakana) && next.is_some_and(is_katakana) {
                classes[i] = CharClass::Cjk;
                dropped[i] = true;
            }
        } else if is_hiragana(c) && !PARTICLES.contains(&c) {
            dropped[i] = prev.is_some_and(is_kanji) && next.is_some_and(is_kanji);
        }
    }
    dropped
}

/// A ー after hiragana is a katakana word typed without converting it (ぱすわーど, めーる): ー is
/// written in katakana words. The word runs from the start of its stretch of hiragana and ー to
/// the last ー, and on to the first particle after it (ぱすわーどを: パスワード を; と does not
/// stop it, since it ends many such words: さぽーと), and is read in katakana.
fn read_as_katakana(chars: &mut [char]) {
    let mut i = 0;
    while i < chars.len() {
        if !is_hiragana(chars[i]) {
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len() && (is_hiragana(chars[i]) || chars[i] == 'ー') {
            i += 1;
        }
        let Some(last_mark) = (start + 1..i).rev().find(|&k| chars[k] == 'ー') else { continue };
        let mut end = last_mark + 1;
        while end < i && (chars[end] == 'と' || !PARTICLES.contains(&chars[end])) {
            end += 1;
        }
        for c in &mut chars[start..end] {
            if is_hiragana(*c) {
                // Each hiragana letter is its katakana letter's code point less 0x60.
                *c = char::from_u32(*c as u32 + 0x60).unwrap_or(*c);
            }
        }
    }
}

/// Katakana spelled two ways: a small vowel after katakana is also typed full size (ウィ / ウイ,
/// ティ / テイ, ファ / フア) and becomes it; ヴ is also written with the バ row (ヴァ / バ, ヴ / ブ)
/// and becomes it, its small vowel dropped (the marks returned), as do ヷ ヸ ヹ ヺ.
fn respell_katakana(chars: &mut [char]) -> Vec<bool> {
    let mut dropped = vec![false; chars.len()];
    let vowel_of = |c: char| SMALL_VOWELS.iter().position(|&(small, _)| small == c);
    for i in 0..chars.len() {
        let c = chars[i];
        if let Some(&(_, v)) = V_LETTERS.iter().find(|&&(letter, _)| letter == c) {
            chars[i] = BA_ROW[v];
        } else if c == 'ヴ' {
            let small = chars.get(i + 1).copied().and_then(vowel_of);
            chars[i] = BA_ROW[small.unwrap_or(2)];
            if small.is_some() {
                dropped[i + 1] = true;
            }
        } else if let Some(v) = vowel_of(c).filter(|_| !dropped[i] && i > 0 && is_katakana(chars[i - 1])) {
            chars[i] = SMALL_VOWELS[v].1;
        }
    }
    dropped
}

/// Tokens of `text` in reading order (duplicates kept: they are term frequencies).
pub fn tokenize(text: &str) -> Vec<String> {
    tokens_of(text, false)
}

/// The tokens a page is indexed with: [`tokenize`] and, for each CJK run of two or more
/// characters, each of its kanji on its own (after its run's bigrams). A query of one character
/// tokenises to that character, so a one-kanji query (紙, 鍵) finds the words that contain it
/// (用紙, 合鍵) with no rule in the browser; a longer query never yields such unigrams.
pub fn index_tokens(text: &str) -> Vec<String> {
    tokens_of(text, true)
}

fn tokens_of(text: &str, kanji_unigrams: bool) -> Vec<String> {
    let norm = normalize(text);
    // Byte offset of each character (plus the end), so tokens are copied as slices.
    let mut bounds: Vec<usize> = norm.char_indices().map(|(at, _)| at).collect();
    bounds.push(norm.len());
    let mut chars: Vec<char> = norm.chars().collect();
    let mut classes: Vec<CharClass> = chars.iter().copied().map(classify).collect();
    let dropped = fold(&mut chars, &mut classes);
    let slice = |from: usize, to: usize| norm[bounds[from]..bounds[to]].to_string();
    let count = classes.len();
    let mut tokens = Vec::new();
    let mut i = 0;
    while i < count {
        match classes[i] {
            CharClass::Cjk => {
                let start = i;
                while i < count && classes[i] == CharClass::Cjk {
                    i += 1;
                }
                let kept: Vec<char> = (start..i).filter(|&k| !dropped[k]).map(|k| chars[k]).collect();
                if kept.len() == 1 {
                    tokens.push(kept[0].to_string());
                } else {
                    tokens.extend(kept.windows(2).map(|pair| pair.iter().collect::<String>()));
                    if kanji_unigrams {
                        tokens.extend(kept.iter().filter(|&&c| is_kanji(c)).map(|c| c.to_string()));
                    }
                }
            }
            CharClass::Word => {
                let start = i;
                let mut parts = Vec::new();
                loop {
                    let part_start = i;
                    while i < count && classes[i] == CharClass::Word {
                        i += 1;
                    }
                    parts.push((part_start, i));
                    let linked =
                        i + 1 < count && classes[i] == CharClass::Joiner && classes[i + 1] == CharClass::Word;
                    if !linked {
                        break;
                    }
                    i += 1;
                }
                if parts.len() > 1 {
                    tokens.push(slice(start, i));
                }
                tokens.extend(parts.iter().map(|&(from, to)| slice(from, to)));
            }
            CharClass::Joiner | CharClass::Separator => i += 1,
        }
    }
    tokens
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn every_token_of_a_question_word_is_minor() {
        for word in QUESTION_WORDS {
            let tokens = tokenize(word);
            let kana_led = word.starts_with(is_hiragana);
            assert!(tokens.len() == 1 || kana_led, "{word}: {tokens:?}");
            assert!(tokens.iter().all(|t| is_minor_token(t)), "{word}: {tokens:?}");
        }
        assert!(is_minor_token("り方"), "やり方 asks how, like 仕方");
        assert!(is_minor_token("使方") && !is_minor_token("印刷") && !is_minor_token("使い"));
    }

    fn toks(text: &str) -> Vec<String> {
        tokenize(text)
    }

    #[test]
    fn japanese_runs_become_overlapping_bigrams() {
        assert_eq!(toks("多要素認証"), ["多要", "要素", "素認", "認証"]);
        assert_eq!(toks("鍵"), ["鍵"]);
        assert_eq!(toks("メール・アドレス"), ["メル", "アド", "ドレ", "レス"]);
    }

    #[test]
    fn index_tokens_add_each_kanji_of_a_run_and_queries_never_get_them() {
        assert_eq!(index_tokens("用紙切れ"), ["用紙", "紙切", "切れ", "用", "紙", "切"]);
        // Kana, Latin words and one-character runs as before.
        assert_eq!(index_tokens("メール pdf 紙"), tokenize("メール pdf 紙"));
        assert_eq!(tokenize("用紙切れ"), ["用紙", "紙切", "切れ"]);
        assert_eq!(tokenize("紙"), ["紙"]);
    }

    #[test]
    fn width_variants_meet_in_one_form() {
        assert_eq!(toks("ＴＨＵＮＤＥＲＢＩＲＤ"), ["thunderbird"]);
        assert_eq!(toks("ｳｪﾋﾞﾅｰ"), toks("ウェビナー"));
        assert_eq!(toks("ウェビナー"), ["ウエ", "エビ", "ビナ"]);
    }

    #[test]
    fn long_vowel_marks_and_okurigana_fold_to_one_spelling() {
        for variant in ["コンピューター", "コンピュータ", "コンピュタ", "ｺﾝﾋﾟｭｰﾀｰ"]
        {
            assert_eq!(toks(variant), ["コン", "ンピ", "ピュ", "ュタ"], "{variant}");
        }
        assert_eq!(toks("ダウンロ-ド"), toks("ダウンロード"));
        assert_eq!(toks("取り消し"), toks("取消し"));
        assert_eq!(toks("取消し"), ["取消", "消し"]);
        assert_eq!(toks("申し込み"), toks("申込み"));
        assert_eq!(toks("大学の先生"), ["大学", "学の", "の先", "先生"]);
        assert_eq!(toks("ーー"), ["ーー"]);
        assert_eq!(toks("wi-fi"), ["wi-fi", "wi", "fi"]);
    }

    #[test]
    fn katakana_spelled_two_ways_folds_to_one_spelling() {
        for (a, b) in
            [("ウィルス", "ウイルス"), ("ソフトウェア", "ソフトウエア"), ("ティーチング", "テイーチング")]
        {
            assert_eq!(toks(a), toks(b), "{a} / {b}");
        }
        assert_eq!(toks("ファイル"), ["フア", "アイ", "イル"]);
        assert_eq!(toks("ヴァーチャル"), toks("バーチャル"));
        assert_eq!(toks("ドライヴ"), toks("ドライブ"));
        assert_eq!(toks("ヴィデオ"), toks("ビデオ"));
        assert_eq!(toks("ヺ"), ["ボ"]);
        // A small vowel that follows no katakana stays as it is.
        assert_eq!(toks("ァイル"), ["ァイ", "イル"]);
    }

    #[test]
    fn a_hiragana_word_with_a_long_vowel_mark_is_read_in_katakana() {
        assert_eq!(toks("ぱすわーど"), toks("パスワード"));
        assert_eq!(toks("めーる"), toks("メール"));
        // The word ends at the first particle after its last ー; と ends many such words.
        assert_eq!(
            toks("ぱすわーどをわすれた"),
            ["パス", "スワ", "ワド", "ドを", "をわ", "わす", "すれ", "れた"]
        );
        assert_eq!(toks("さぽーと"), toks("サポート"));
        // Hiragana without ー is left alone.
        assert_eq!(toks("ふぁいる"), ["ふぁ", "ぁい", "いる"]);
    }

    #[test]
    fn versions_and_compounds_keep_their_joiners_and_parts() {
        assert_eq!(toks("macOS 10.15"), ["macos", "10.15", "10", "15"]);
        assert_eq!(toks("OAuth2 と Microsoft 365"), ["oauth2", "と", "microsoft", "365"]);
        assert_eq!(toks("a@b.jp"), ["a@b.jp", "a", "b", "jp"]);
        assert_eq!(toks("v1. -x"), ["v1", "x"]);
    }

    #[test]
    fn mixed_scripts_split_at_script_boundaries() {
        assert_eq!(toks("Zoomミーティング"), ["zoom", "ミテ", "テイ", "イン", "ング"]);
        assert_eq!(toks("2段階認証"), ["2", "段階", "階認", "認証"]);
    }

    #[test]
    fn blank_and_symbol_only_input_has_no_tokens() {
        assert!(toks("").is_empty());
        assert!(toks(" \t\n　").is_empty());
        assert!(toks("😀 → ※").is_empty());
    }

    fn text_strategy() -> impl Strategy<Value = String> {
        let pieces = prop::sample::select(vec![
            "a", "Z", "9", "ゟ", "ヿ", "（", "A\u{301}", "ガ", "\u{309a}", "ｱ", "ｶﾞ", "ﾟ", "ー", "々", "漢",
            "字", "か", "ゞ", "Ｗ", "１", ".", "-", "_", "@", " ", "　", "😀", "é", "e\u{301}", "Σ", "İ",
            "ß", "\u{3099}", "゛", "・", "ﬁ", "㍻", "①",
        ]);
        prop::collection::vec(
            prop_oneof![pieces.prop_map(String::from), any::<char>().prop_map(String::from)],
            0..40,
        )
        .prop_map(|parts| parts.concat())
    }

    proptest! {
        #[test]
        fn never_panics_and_emits_no_empty_token(text in text_strategy()) {
            for token in tokenize(&text) {
                prop_assert!(!token.is_empty());
            }
        }

        #[test]
        fn the_fast_path_equals_plain_nfkc(text in text_strategy()) {
            let plain: String = text.nfkc().collect::<String>().to_lowercase().nfkc().collect();
            prop_assert_eq!(normalize(&text), plain);
        }

        #[test]
        fn every_token_retokenizes_to_itself_first(text in text_strategy()) {
            for token in tokenize(&text) {
                let again = tokenize(&token);
                prop_assert_eq!(again.first(), Some(&token), "token {:?} of {:?}", token, text);
            }
        }
    }
}
