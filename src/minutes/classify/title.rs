//! Title: the inquiry sentence that states the problem, shortened at clause boundaries.

use std::sync::LazyLock;

use regex::Regex;

use super::fold;

/// Titles are cut at clause boundaries to about this many characters (Japanese; English
/// titles, whose words are longer, get `TITLE_CHARS_EN`).
pub const TITLE_CHARS: usize = 60;

/// The aim for English titles.
pub const TITLE_CHARS_EN: usize = 80;

/// Words that state a problem or a wish; the title is the sentence that has one.
const PROBLEM_CUES: &[&str] = &[
    "できない",
    "できなく",
    "なくな",
    "てしまう",
    "てしまい",
    "てしまった",
    "できず",
    "できません",
    "れない",
    "れなく",
    "届かない",
    "進めな",
    "使えな",
    "エラー",
    "失敗",
    "不具合",
    "困って",
    "たい",
    "ほしい",
    "欲しい",
    "希望",
    "わからない",
    "分からない",
    "か?",
    "?",
    "error",
    "cannot",
    "can't",
    "unable",
    "fails",
    "failed",
    "not working",
    "doesn't",
    "does not",
    "won't",
    "will not",
    "how ",
    "want",
    "would like",
    "wrong",
];

/// The inquiry's clauses, grouped into sentences. Line ends and `、`/`,` end clauses; `。`, `!`,
/// `?` and `. ` end sentences; nothing inside quotes or brackets ends anything.
fn sentences(lines: &[String]) -> Vec<Vec<String>> {
    let mut sentences: Vec<Vec<String>> = Vec::new();
    let mut clauses: Vec<String> = Vec::new();
    let mut clause = String::new();
    for line in lines {
        let mut depth = 0usize;
        let mut in_quote = false;
        let chars: Vec<char> = line.chars().collect();
        for (i, &c) in chars.iter().enumerate() {
            // Circled numbers (①②) enumerate problems: each starts a clause.
            if ('\u{2460}'..='\u{2473}').contains(&c) && depth == 0 && !in_quote && !clause.trim().is_empty()
            {
                clauses.push(std::mem::take(&mut clause));
            }
            clause.push(c);
            match c {
                '「' | '『' | '(' | '（' | '【' | '“' => depth += 1,
                '」' | '』' | ')' | '）' | '】' => depth = depth.saturating_sub(1),
                '”' if depth > 0 => depth -= 1,
                '"' | '”' => in_quote = !in_quote,
                _ => {}
            }
            if depth > 0 || in_quote {
                continue;
            }
            let next = chars.get(i + 1).copied();
            let ends_sentence = matches!(c, '。' | '!' | '?' | '！' | '？')
                || (c == '.' && next.is_none_or(char::is_whitespace));
            if ends_sentence {
                clauses.push(std::mem::take(&mut clause));
                sentences.push(std::mem::take(&mut clauses));
            } else if matches!(c, '、' | ',' | '，' | ';' | '；') {
                clauses.push(std::mem::take(&mut clause));
            }
        }
        if !clause.trim().is_empty() {
            // A line end inside a sentence: join English words with a space, Japanese with none.
            let ascii_end = clause.trim_end().chars().next_back().is_some_and(|c| c.is_ascii_alphanumeric());
            let mut finished = std::mem::take(&mut clause).trim().to_string();
            if ascii_end {
                finished.push(' ');
            }
            clauses.push(finished);
        }
    }
    if !clauses.is_empty() {
        sentences.push(clauses);
    }
    sentences
        .into_iter()
        .map(|s| {
            // Only a sentence's first clause loses its leading space: `, although` keeps it.
            s.into_iter()
                .enumerate()
                .map(|(at, c)| if at == 0 { c.trim_start().to_string() } else { c })
                .filter(|c| !c.trim().is_empty())
                .collect()
        })
        .filter(|s: &Vec<String>| !s.is_empty())
        .collect()
}

fn has_problem_cue(text: &str) -> bool {
    let folded = fold(text);
    PROBLEM_CUES.iter().any(|cue| folded.contains(cue))
}

/// A weaker cue: a clause that ends negated (`…が読めない`, `届きません`) may state the problem
/// (`ない` inside a word, `つないで`, does not count).
fn ends_negated(text: &str) -> bool {
    let folded = fold(text);
    let end = folded.trim_end().trim_end_matches(['、', '。', ',', '.', ' ']);
    ["ない", "なかった", "ません", "ませんでした"].iter().any(|n| end.ends_with(n))
}

fn chars(text: &str) -> usize {
    text.chars().count()
}

/// The title of a case: the inquiry sentence that states the problem (not a context sentence
/// such as who asked), without reported speech (`…とのこと`), shortened when long: quoted
/// messages first, then to the clauses around the problem.
pub fn title(inquiry: &[String]) -> String {
    let sentences = sentences(inquiry);
    let stated: Vec<&Vec<String>> = sentences.iter().filter(|s| !is_context(&s.concat())).collect();
    let pool: Vec<&Vec<String>> = if stated.is_empty() { sentences.iter().collect() } else { stated };
    let strong = pool.iter().find(|s| s.iter().any(|c| has_problem_cue(c)));
    let weak = || pool.iter().find(|s| s.iter().any(|c| ends_negated(c)));
    let Some(&sentence) = strong.or_else(weak).or(pool.first()) else {
        return String::new();
    };
    let mut clauses = sentence.clone();
    if let Some(last) = clauses.last_mut() {
        *last = without_reported_speech(last);
    }
    let limit = limit_for(&clauses.concat());
    let whole = |clauses: &[String]| {
        let full = tidy_title(&clauses.concat());
        (chars(&full) <= limit + limit / 10).then_some(full)
    };
    if let Some(full) = whole(&clauses) {
        return full;
    }
    clauses = clauses.iter().map(|c| shorten_quotes(c, 24)).collect();
    if let Some(full) = whole(&clauses) {
        return full;
    }
    if limit == TITLE_CHARS && clauses.iter().any(|c| c.contains(['「', '『', '"', '“'])) {
        // Japanese packs the condition and the symptom into one sentence; with its quotes
        // short, the whole of it within the hard limit beats losing either half.
        let short: Vec<String> = clauses.iter().map(|c| shorten_quotes(c, 12)).collect();
        let full = tidy_title(&short.concat());
        if chars(&full) <= TITLE_CHARS_EN {
            return full;
        }
    }
    tidy_title(&clause_window(&clauses, limit))
}

/// The character aim of a title in the sentence's language.
fn limit_for(text: &str) -> usize {
    let ascii = text.chars().filter(char::is_ascii).count();
    if ascii * 10 >= chars(text) * 8 { TITLE_CHARS_EN } else { TITLE_CHARS }
}

/// A sentence that only says who asked or how (`チャットで問い合わせのあった教職員の方。`, `A
/// visiting researcher who wrote in through the web form.`): it names no problem.
fn is_context(sentence: &str) -> bool {
    const WHO_JA: [&str; 14] = [
        "の方",
        "方",
        "さん",
        "様",
        "先生",
        "学生",
        "教員",
        "職員",
        "問い合わせ",
        "相談",
        "から",
        "より",
        "にて",
        "連絡",
    ];
    const WHO_EN: [&str; 6] = [" who ", "wrote in", "asked via", "asked by", "contacted us", "reached out"];
    if has_problem_cue(sentence) {
        return false;
    }
    let bare = sentence.trim().trim_end_matches(['。', '.', '!', '！']).trim();
    let folded = fold(bare);
    WHO_JA.iter().any(|w| bare.ends_with(w)) || WHO_EN.iter().any(|w| folded.contains(w))
}

/// The problem without the words that report it (`…できないとのこと` → `…できない`).
fn without_reported_speech(clause: &str) -> String {
    const REPORTED: [&str; 10] = [
        "とのことです",
        "とのことでした",
        "とのこと",
        "ということです",
        "ということでした",
        "そうです",
        "という相談",
        "との相談",
        "という問い合わせ",
        "との問い合わせ",
    ];
    let trimmed = clause.trim_end();
    let (body, end) = match trimmed.strip_suffix('。') {
        Some(body) => (body, "。"),
        None => (trimmed, ""),
    };
    let stripped = REPORTED.iter().find_map(|r| body.strip_suffix(r)).filter(|b| !b.trim().is_empty());
    match stripped {
        Some(body) => format!("{body}{end}"),
        None => clause.to_string(),
    }
}

/// The clauses around the first one with a problem cue, growing towards the context before it
/// first (`…を有効にしたところ、` explains the problem), then after it, while within the limit.
fn clause_window(sentence: &[String], limit: usize) -> String {
    let cue = sentence
        .iter()
        .position(|c| has_problem_cue(c))
        .or_else(|| sentence.iter().position(|c| ends_negated(c)))
        .unwrap_or(0);
    let (mut first, mut last) = (cue, cue);
    let mut length = chars(&sentence[cue]);
    loop {
        if first > 0 && length + chars(&sentence[first - 1]) <= limit {
            first -= 1;
            length += chars(&sentence[first]);
        } else if last + 1 < sentence.len() && length + chars(&sentence[last + 1]) <= limit {
            last += 1;
            length += chars(&sentence[last]);
        } else {
            break;
        }
    }
    let mut window: String = sentence[first..=last].concat();
    // Quoted messages go first: the words around them say what the problem is.
    if chars(&window) > limit + limit / 10 {
        window = cut(&window, limit);
    }
    if last + 1 < sentence.len() && !window.ends_with('…') {
        window = format!("{}…", trim_clause_end(&window));
    }
    window
}

/// Long quoted messages (`”Google couldn’t verify … for help.”`) shortened to their first words.
fn shorten_quotes(text: &str, max_chars: usize) -> String {
    static QUOTED: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r#"(["“”「『])([^"“”「」『』]+)(["”」』])"#).unwrap_or_else(|e| unreachable!("{e}"))
    });
    QUOTED
        .replace_all(text, |caps: &regex::Captures<'_>| {
            format!("{}{}{}", &caps[1], cut(caps[2].trim_end_matches('…'), max_chars), &caps[3])
        })
        .into_owned()
}

/// `text` cut to at most `limit` characters plus `…`, at a space when there is one near the end.
fn cut(text: &str, limit: usize) -> String {
    if chars(text) <= limit {
        return text.to_string();
    }
    let head: String = text.chars().take(limit).collect();
    let at_space = head.rfind(' ').filter(|&at| chars(&head[..at]) > limit / 2);
    let head = at_space.map_or(head.as_str(), |at| &head[..at]);
    format!("{}…", trim_clause_end(head))
}

fn trim_clause_end(text: &str) -> &str {
    text.trim_end().trim_end_matches(['、', ',', '，', ';', '；', ' ']).trim_end()
}

/// One line, no trailing clause or sentence punctuation.
fn tidy_title(title: &str) -> String {
    let one_line = title.split_whitespace().collect::<Vec<_>>().join(" ");
    trim_clause_end(&one_line).trim_end_matches(['。', '.']).trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(text: &str) -> Vec<String> {
        text.lines().map(str::to_string).collect()
    }

    #[test]
    fn title_skips_context_sentences() {
        let t = title(&lines(
            "Zendeskから来た方。VPNを使うため多要素認証を有効にしたところ、メールの接続ができなくなった",
        ));
        assert_eq!(t, "VPNを使うため多要素認証を有効にしたところ、メールの接続ができなくなった");
    }

    #[test]
    fn long_titles_keep_the_clauses_around_the_problem() {
        let t = title(&lines(
            "利用者の方が大学のVPNを使うために多要素認証を有効にしてみたところ、①事務用のシンクライアントへの接続ができなくなった②職員用のメールサーバーへの接続もできなくなった",
        ));
        assert_eq!(
            t,
            "利用者の方が大学のVPNを使うために多要素認証を有効にしてみたところ、①事務用のシンクライアントへの接続ができなくなった…"
        );
        assert!(chars(&t) <= TITLE_CHARS + 1);
        let t = title(&lines(
            "案内ページに書かれていた要件を満たす古い版のOSで公式サイトからダウンロードしたアプリが,新しい版でないと\n動かないといわれインストールできない",
        ));
        assert_eq!(t, "新しい版でないと動かないといわれインストールできない");
    }

    #[test]
    fn long_quotes_are_shortened() {
        let t = title(&lines(
            "海外からメールにログインしようとすると”Google couldn’t verify this account belongs to you. Try again later.”のエラーが出る。",
        ));
        assert_eq!(t, "海外からメールにログインしようとすると”Google couldn’t verify…”のエラーが出る");
        let t = title(&lines(
            "SMSもしくは電話による確認を求められたのですが、\nその画面に表示されている番号(+XX XXXXXXXXX91)の下2桁には身に覚えがありません\n自身のスマートフォンにもSMSが届かないため、多要素認証のリセットを希望します",
        ));
        assert_eq!(t, "自身のスマートフォンにもSMSが届かないため、多要素認証のリセットを希望します");
    }

    #[test]
    fn english_quotes_are_shortened_before_the_sentence_is_cut() {
        let t = title(&lines(
            "Outlook on macOS shows \"Your account has been locked for security reasons\" after the password change.",
        ));
        assert_eq!(t, "Outlook on macOS shows \"Your account has been…\" after the password change");
    }

    #[test]
    fn english_titles_join_lines_with_spaces() {
        let t = title(&lines("A student asked us.\nOutlook on Windows cannot\nsend mail since the update."));
        assert_eq!(t, "Outlook on Windows cannot send mail since the update");
    }

    #[test]
    fn short_inquiry_is_its_own_title() {
        assert_eq!(title(&lines("パスワードを忘れた。")), "パスワードを忘れた");
        assert_eq!(title(&[]), "");
    }
}
