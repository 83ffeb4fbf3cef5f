//! Lines of minutes and what each one looks like on its own (a response, a follow-up marker, a
//! comment bullet, a heading, plain text).
//!
//! Only the form of a single line is decided here; what it means in context (which case it
//! belongs to, whether a plain line starts a case) is `segment`'s job. Markers are compared after
//! NFKC so full-width forms (`＝＞`, `原因：`) and half-width forms mean the same.

use unicode_normalization::UnicodeNormalization;

/// One non-blank line of the input in the typed model every reader produces (`read`): plain
/// text and Markdown, Word and Google Docs alike. Later stages never look at the source format.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    /// 1-based number of the line (text) or paragraph (documents) in the source, for `source:`
    /// ranges and diagnostics.
    pub number: usize,
    /// What the source made of the line.
    pub block: Block,
    /// The content without its structure: no `#`, bullet or `>` (a paragraph keeps any marker
    /// such as `=>` or `原因:`, which `kind` reads), trimmed.
    pub text: String,
    /// Whether one or more blank lines (empty paragraphs) came right before this one.
    pub after_blank: bool,
    /// Whether the document marks the line as a meeting comment: `None` when the document has
    /// no such marking (plain text, or a document without the comment colour), so only the
    /// text's form decides.
    pub comment: Option<bool>,
}

/// The structure of one line as its source states it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Block {
    Paragraph,
    /// A heading, `level` 1–6 (`#`…`######`, Word's Heading 1–6, `<h1>`–`<h6>`; a title is 1).
    Heading {
        level: usize,
    },
    /// A list item. `level` grows with nesting; only its order matters (text gives indentation
    /// columns, documents the list level 0, 1, 2 …). `ordered` is a numbered list.
    ListItem {
        level: usize,
        ordered: bool,
    },
    /// A block quote line (`> quoted`).
    Quote,
    /// A thematic break (`---`): structure only, never content.
    Rule,
}

impl Line {
    /// The form of the line, as the segmenter reads it.
    pub fn kind(&self) -> Kind<'_> {
        match self.block {
            Block::Heading { level } => Kind::Heading { level, text: &self.text },
            Block::ListItem { level, .. } => Kind::Bullet { indent: level, text: &self.text },
            Block::Quote => Kind::Quote { text: &self.text },
            Block::Rule => Kind::Rule,
            Block::Paragraph => {
                let trimmed = self.text.trim();
                marker(trimmed).unwrap_or(Kind::Plain { text: trimmed })
            }
        }
    }

    /// The line's structure and text compared as a whole (list levels aside, as indentation is
    /// ignored when comparing text lines).
    pub fn content_key(&self) -> (u8, usize, &str) {
        let (shape, level) = match self.block {
            Block::Paragraph => (0, 0),
            Block::Heading { level } => (1, level),
            Block::ListItem { ordered, .. } => (2, usize::from(ordered)),
            Block::Quote => (3, 0),
            Block::Rule => (4, 0),
        };
        (shape, level, self.text.trim())
    }
}

/// What a follow-up marker says about the text after it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MarkerKind {
    /// `訴え:` / `Q:`: the user's complaint (the inquiry when it opens a case).
    Inquiry,
    /// `=>`, `⇒`, `A:`: a response of the helpdesk.
    Response,
    /// `↓`, `(続き)`, `原因:`, `結果:`, `結論:`, `補足:` and English counterparts.
    FollowUp,
}

/// The form of one line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Kind<'a> {
    /// A Markdown ATX heading (`## UTokyo Account`); `level` is the number of `#`.
    Heading {
        level: usize,
        text: &'a str,
    },
    /// A line starting with a marker; `label` as written (for example `原因?(確証なし)` or `↓`).
    Marker {
        kind: MarkerKind,
        label: &'a str,
        text: &'a str,
    },
    /// A list item; `text` is empty for a bare `-`. `indent` counts columns before the bullet.
    Bullet {
        indent: usize,
        text: &'a str,
    },
    /// A Markdown block quote line (`> quoted`).
    Quote {
        text: &'a str,
    },
    /// A Markdown thematic break (`---`, `***`): structure only, never content.
    Rule,
    Plain {
        text: &'a str,
    },
}

/// Labels before a colon that mark follow-ups, responses and complaints (compared after NFKC
/// and lower-casing). A label may carry a note such as `原因?(確証なし)`.
const LABELS: [(&str, MarkerKind); 29] = [
    ("訴え", MarkerKind::Inquiry),
    ("質問", MarkerKind::Inquiry),
    ("問い合わせ", MarkerKind::Inquiry),
    ("問", MarkerKind::Inquiry),
    ("q", MarkerKind::Inquiry),
    ("question", MarkerKind::Inquiry),
    ("a", MarkerKind::Response),
    ("answer", MarkerKind::Response),
    ("回答", MarkerKind::Response),
    ("答え", MarkerKind::Response),
    ("答", MarkerKind::Response),
    ("対応", MarkerKind::Response),
    ("原因", MarkerKind::FollowUp),
    ("結果", MarkerKind::FollowUp),
    ("結論", MarkerKind::FollowUp),
    ("補足", MarkerKind::FollowUp),
    ("追記", MarkerKind::FollowUp),
    ("cause", MarkerKind::FollowUp),
    ("result", MarkerKind::FollowUp),
    ("outcome", MarkerKind::FollowUp),
    ("conclusion", MarkerKind::FollowUp),
    ("note", MarkerKind::FollowUp),
    ("remark", MarkerKind::FollowUp),
    ("備考", MarkerKind::FollowUp),
    ("メモ", MarkerKind::FollowUp),
    ("follow-up", MarkerKind::FollowUp),
    ("followup", MarkerKind::FollowUp),
    ("update", MarkerKind::FollowUp),
    ("solution", MarkerKind::FollowUp),
];

/// Follow-up labels that introduce a remark rather than what happened (`Note:`, `備考:`): a list
/// item so labelled stays one of the meeting's comments.
const REMARK_LABELS: [&str; 4] = ["note", "remark", "備考", "メモ"];

/// Whether a marker label introduces a remark (`Note:`), compared as `label_kind` compares.
pub fn is_remark_label(label: &str) -> bool {
    REMARK_LABELS.contains(&fold_label(label).trim())
}

/// Prefixes that mark a response or a continuation without a colon. Arrows of every common form
/// (`=>`, `⇒`, `→`, `->`, `⇨`, `➡`) open a response: notes written in Word or on a phone use
/// whichever arrow the input method offers first.
const PREFIXES: [(&str, MarkerKind); 12] = [
    ("=>", MarkerKind::Response),
    ("⇒", MarkerKind::Response),
    ("→", MarkerKind::Response),
    ("->", MarkerKind::Response),
    ("⇨", MarkerKind::Response),
    ("➡", MarkerKind::Response),
    ("↓", MarkerKind::FollowUp),
    ("(続き)", MarkerKind::FollowUp),
    ("(つづき)", MarkerKind::FollowUp),
    ("(cont.)", MarkerKind::FollowUp),
    ("(continued)", MarkerKind::FollowUp),
    ("(follow-up)", MarkerKind::FollowUp),
];

/// Characters that start a list item. `※` marks a remark, which minutes use for the meeting's
/// comments as others use `-`.
const BULLETS: [char; 6] = ['-', '*', '+', '・', '•', '※'];

/// The longest whole-bold paragraph (in characters) read as a heading; longer bold text is
/// emphasis.
const MAX_BOLD_HEADING_CHARS: usize = 60;

/// The level given to a heading written as a bold paragraph (Google Docs and Word exports write
/// headings so): below every `#` heading, so under a service heading it names a case.
pub const BOLD_HEADING_LEVEL: usize = 6;

/// Punctuation that ends a sentence: a bold line ending so is emphasis, not a heading.
const SENTENCE_END_MARKS: [char; 8] = ['。', '．', '.', '？', '?', '！', '!', '、'];

/// The longest label (in characters) that is still read as a marker: longer text before a colon
/// is a sentence (`Thunderbirdのエラーメッセージ: …`), not a label.
const MAX_LABEL_CHARS: usize = 16;

/// Classifies one line by its form.
pub fn lex(line: &str) -> Kind<'_> {
    let indent = indentation(line);
    let trimmed = line.trim();
    if let Some((level, text)) = heading(trimmed) {
        return Kind::Heading { level, text };
    }
    if is_rule(trimmed) {
        return Kind::Rule;
    }
    if let Some(marker) = marker(trimmed) {
        return marker;
    }
    if let Some(text) = bold_heading(trimmed) {
        return Kind::Heading { level: BOLD_HEADING_LEVEL, text };
    }
    if let Some(text) = bullet_text(trimmed) {
        return Kind::Bullet { indent, text };
    }
    if let Some(rest) = trimmed.strip_prefix('>') {
        return Kind::Quote { text: rest.trim() };
    }
    Kind::Plain { text: trimmed }
}

/// Columns of leading white space (a tab counts 4, a full-width space 2).
pub fn indentation(line: &str) -> usize {
    line.chars()
        .take_while(|c| c.is_whitespace())
        .map(|c| match c {
            '\t' => 4,
            '\u{3000}' => 2,
            _ => 1,
        })
        .sum()
}

fn heading(trimmed: &str) -> Option<(usize, &str)> {
    let hashes = trimmed.chars().take_while(|&c| c == '#').count();
    if !(1..=6).contains(&hashes) {
        return None;
    }
    let rest = &trimmed[hashes..];
    if rest.is_empty() || rest.starts_with([' ', '\t']) {
        Some((hashes, rest.trim().trim_end_matches('#').trim()))
    } else {
        None
    }
}

/// A paragraph that is bold as a whole (`**Zoom**`, `__Zoom__`), short and not a sentence: the
/// text of a heading.
fn bold_heading(trimmed: &str) -> Option<&str> {
    let inner = ["**", "__"].iter().find_map(|mark| trimmed.strip_prefix(mark)?.strip_suffix(mark))?;
    let inner = inner.trim();
    let plain_inside = !inner.contains("**") && !inner.contains("__");
    (plain_inside && bold_text_is_heading(inner)).then_some(inner)
}

/// Whether a paragraph written bold as a whole is a heading: short, with a letter or digit, not a
/// sentence and not a label (`対応:`). Markdown (`**Zoom**`) and Word (every run bold) alike:
/// Google Docs and Word exports write a heading so when its writer styled nothing.
pub fn bold_text_is_heading(inner: &str) -> bool {
    let chars = inner.chars().count();
    (1..=MAX_BOLD_HEADING_CHARS).contains(&chars)
        && inner.chars().any(char::is_alphanumeric)
        && !inner.ends_with(SENTENCE_END_MARKS)
        && marker(inner).is_none()
}

/// A numbered list item written as text (`1. …`, `2) …`, `１．…`, `(3) …`): its number and
/// the text after it.
pub fn numbered_item(text: &str) -> Option<(u32, &str)> {
    let open = text.starts_with(['(', '（']);
    let body = if open { &text[text.chars().next()?.len_utf8()..] } else { text };
    let digits: String =
        body.chars().take_while(|c| c.is_ascii_digit() || ('０'..='９').contains(c)).collect();
    let digit_count = digits.chars().count();
    if !(1..=3).contains(&digit_count) {
        return None;
    }
    let number = digits.nfkc().collect::<String>().parse().ok()?;
    let after_digits = &body[digits.len()..];
    let close = after_digits.chars().next()?;
    let closes = if open { matches!(close, ')' | '）') } else { matches!(close, '.' | ')' | '．' | '）') };
    if !closes {
        return None;
    }
    let rest = &after_digits[close.len_utf8()..];
    // An ASCII `1.` needs a space after it, else it is a number (`1.5GB`).
    let spaced = rest.starts_with(char::is_whitespace) || !close.is_ascii() || open;
    let rest = rest.trim();
    (spaced && !rest.is_empty()).then_some((number, rest))
}

fn is_rule(trimmed: &str) -> bool {
    let compact: String = trimmed.chars().filter(|c| !c.is_whitespace()).collect();
    compact.chars().count() >= 3 && ['-', '*', '_'].iter().any(|&r| compact.chars().all(|c| c == r))
}

fn bullet_text(trimmed: &str) -> Option<&str> {
    let first = trimmed.chars().next()?;
    if !BULLETS.contains(&first) {
        return None;
    }
    let rest = &trimmed[first.len_utf8()..];
    // `・`, `•` and `※` need no space after them in Japanese writing; `-`, `*`, `+` do (else
    // `-1` or `**bold**` would be bullets).
    if rest.is_empty() || rest.starts_with([' ', '\t', '\u{3000}']) || matches!(first, '・' | '•' | '※')
    {
        Some(rest.trim())
    } else {
        None
    }
}

/// The marker a paragraph (or a list item's text) starts with, if any.
pub fn marker(trimmed: &str) -> Option<Kind<'_>> {
    // Markdown minutes may write labels in bold: `**Cause:** …`.
    let unemphasised = trimmed.trim_start_matches(['*', '_']);
    for (prefix, kind) in PREFIXES {
        if let Some(rest) = strip_prefix_nfkc(unemphasised, prefix) {
            let label = &unemphasised[..unemphasised.len() - rest.len()];
            return Some(Kind::Marker { kind, label, text: rest.trim_start_matches(['*', '_']).trim() });
        }
    }
    if let Some(marker) = period_marker(unemphasised) {
        return Some(marker);
    }
    if let Some(marker) = bracketed_marker(unemphasised) {
        return Some(marker);
    }
    let colon = unemphasised.char_indices().find(|&(_, c)| c == ':' || c == '：')?;
    let label = unemphasised[..colon.0].trim_end_matches(['*', '_']).trim();
    if label.chars().count() > MAX_LABEL_CHARS {
        return None;
    }
    let kind = label_kind(label)?;
    let rest = &unemphasised[colon.0 + colon.1.len_utf8()..];
    Some(Kind::Marker { kind, label, text: rest.trim_start_matches(['*', '_']).trim() })
}

/// A label closed by a full stop (`Q. …`, `A. …`, `Ｑ．…`, `問．…`): only a known label
/// exactly, followed by a space or by text that is not a Latin word (`A.B. test` is no label).
fn period_marker(unemphasised: &str) -> Option<Kind<'_>> {
    let (at, stop) = unemphasised.char_indices().find(|&(_, c)| c == '.' || c == '．')?;
    let label = unemphasised[..at].trim_end_matches(['*', '_']).trim();
    let folded = fold_label(label);
    let kind = LABELS.iter().find_map(|&(word, kind)| (word == folded).then_some(kind))?;
    let rest = &unemphasised[at + stop.len_utf8()..];
    let separated = rest.is_empty()
        || rest.starts_with(char::is_whitespace)
        || rest.starts_with(['*', '_'])
        || !rest.starts_with(|c: char| c.is_ascii_alphanumeric());
    separated.then(|| Kind::Marker { kind, label, text: rest.trim_start_matches(['*', '_']).trim() })
}

/// Brackets minutes enclose a label or a name in (`【対応】`, `[Zoom]`, `＜結果＞`), opening and
/// closing: one table for labels here and for section headings in `segment`.
pub const ENCLOSING_BRACKETS: [(char, char); 8] = [
    ('【', '】'),
    ('[', ']'),
    ('［', '］'),
    ('〔', '〕'),
    ('＜', '＞'),
    ('<', '>'),
    ('〈', '〉'),
    ('《', '》'),
];

/// The text a line starts with in brackets, and the rest: `("UTOL", "課題が…")` for
/// `[UTOL] 課題が…`. `None` when the line does not start with a bracket or it is not closed.
pub fn leading_bracketed(text: &str) -> Option<(&str, &str)> {
    let first = text.chars().next()?;
    let &(_, close) = ENCLOSING_BRACKETS.iter().find(|(open, _)| *open == first)?;
    let inner_start = first.len_utf8();
    let inner_len = text[inner_start..].find(close)?;
    let inner = text[inner_start..inner_start + inner_len].trim();
    Some((inner, &text[inner_start + inner_len + close.len_utf8()..]))
}

/// A known label enclosed in brackets at the start of a line (`【問い合わせ】`, `[A]`): Japanese
/// minutes written in Word mark the parts of a case so as often as with a colon. Text in brackets
/// that is no label (`[UTOL] …`) is left alone.
fn bracketed_marker(unemphasised: &str) -> Option<Kind<'_>> {
    let (label, rest) = leading_bracketed(unemphasised)?;
    if label.is_empty() || label.chars().count() > MAX_LABEL_CHARS {
        return None;
    }
    let kind = label_kind(label)?;
    let rest = rest.trim_start_matches([':', '：']).trim_start_matches(['*', '_']).trim();
    Some(Kind::Marker { kind, label, text: rest })
}

/// The marker kind of a label such as `原因`, `原因?(確証なし)` or `Cause`.
pub fn label_kind(label: &str) -> Option<MarkerKind> {
    let folded = fold_label(label);
    LABELS.iter().find_map(|&(word, kind)| {
        let rest = folded.strip_prefix(word)?;
        let rest = rest.trim_start();
        (rest.is_empty() || rest.starts_with(['?', '('])).then_some(kind)
    })
}

/// A label as every label table compares it: NFKC (full-width `Ｑ`, `原因：` read as their
/// half-width forms) and lower case (`Answer`, `ANSWER`, `answer` are one label).
pub fn fold_label(label: &str) -> String {
    label.nfkc().collect::<String>().to_lowercase()
}

/// Strips `prefix` from `text`, comparing in NFKC so `＝＞` matches `=>`. Returns the rest of
/// `text` as written.
fn strip_prefix_nfkc<'a>(text: &'a str, prefix: &str) -> Option<&'a str> {
    // Fast path: most lines start with a character that is already in NFKC form.
    if let Some(rest) = text.strip_prefix(prefix) {
        return Some(rest);
    }
    let first = text.chars().next()?;
    if first.is_ascii() && prefix.is_ascii() {
        // An ASCII start of an ASCII prefix only matches as written (case aside).
        let head = text.get(..prefix.len())?;
        return head.eq_ignore_ascii_case(prefix).then(|| &text[prefix.len()..]);
    }
    let mut folded = String::new();
    for (at, c) in text.char_indices() {
        folded.extend(std::iter::once(c).nfkc());
        let lower = folded.to_lowercase();
        if lower == prefix {
            return Some(&text[at + c.len_utf8()..]);
        }
        if !prefix.starts_with(lower.as_str()) {
            return None;
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn marker_of(line: &str) -> Option<(MarkerKind, &str, &str)> {
        match lex(line) {
            Kind::Marker { kind, label, text } => Some((kind, label, text)),
            _ => None,
        }
    }

    #[test]
    fn responses_in_every_width() {
        assert_eq!(marker_of("=>調べました"), Some((MarkerKind::Response, "=>", "調べました")));
        assert_eq!(marker_of("＝＞ 調べました"), Some((MarkerKind::Response, "＝＞", "調べました")));
        assert_eq!(marker_of("A: We checked."), Some((MarkerKind::Response, "A", "We checked.")));
    }

    #[test]
    fn follow_up_labels_with_notes() {
        assert_eq!(
            marker_of("原因?(確証なし): 古いサーバー"),
            Some((MarkerKind::FollowUp, "原因?(確証なし)", "古いサーバー"))
        );
        assert_eq!(marker_of("結論：よく分からなかった。").map(|m| m.0), Some(MarkerKind::FollowUp));
        assert_eq!(marker_of("↓ しかし"), Some((MarkerKind::FollowUp, "↓", "しかし")));
        assert_eq!(marker_of("（続き）ログインできない").map(|m| m.2), Some("ログインできない"));
        assert_eq!(marker_of("**Cause:** an old server").map(|m| m.2), Some("an old server"));
        assert_eq!(marker_of("訴え:サインインできない").map(|m| m.0), Some(MarkerKind::Inquiry));
    }

    #[test]
    fn every_common_arrow_opens_a_response() {
        for line in [
            "→ 再起動をお願いしました",
            "-> 再起動をお願いしました",
            "⇨再起動をお願いしました",
            "➡ 再起動をお願いしました",
        ] {
            assert_eq!(
                marker_of(line).map(|m| (m.0, m.2)),
                Some((MarkerKind::Response, "再起動をお願いしました")),
                "{line}"
            );
        }
        // An arrow inside a line is a path through menus, not a marker.
        assert_eq!(marker_of("「設定」→「アカウント」を開く"), None);
    }

    #[test]
    fn a_known_label_in_brackets_is_a_marker_and_other_bracketed_text_is_not() {
        assert_eq!(
            marker_of("【対応】キャッシュを削除していただいた").map(|m| (m.0, m.2)),
            Some((MarkerKind::Response, "キャッシュを削除していただいた"))
        );
        assert_eq!(marker_of("【問い合わせ】ログインできない").map(|m| m.0), Some(MarkerKind::Inquiry));
        assert_eq!(marker_of("［結果］ 解決").map(|m| (m.0, m.2)), Some((MarkerKind::FollowUp, "解決")));
        assert_eq!(
            marker_of("[Answer]: restart it").map(|m| (m.0, m.2)),
            Some((MarkerKind::Response, "restart it"))
        );
        assert_eq!(marker_of("[UTOL] 課題が提出できない"), None);
        assert_eq!(marker_of("【学務システム】"), None);
    }

    #[test]
    fn sentences_with_colons_are_not_markers() {
        assert_eq!(marker_of("Thunderbirdのエラーメッセージ:メールサーバー からの応答: failure"), None);
        assert_eq!(marker_of("結論としては:不明"), None);
        assert_eq!(marker_of("Notes: Bob"), None);
        assert_eq!(marker_of("Answered by the admin: yes"), None);
    }

    #[test]
    fn bullets_headings_quotes() {
        assert_eq!(lex("- コメント"), Kind::Bullet { indent: 0, text: "コメント" });
        assert_eq!(lex("-"), Kind::Bullet { indent: 0, text: "" });
        assert_eq!(lex("    * nested"), Kind::Bullet { indent: 4, text: "nested" });
        assert_eq!(lex("・項目"), Kind::Bullet { indent: 0, text: "項目" });
        assert_eq!(lex("**bold** text"), Kind::Plain { text: "**bold** text" });
        assert_eq!(lex("-1度"), Kind::Plain { text: "-1度" });
        assert_eq!(lex("## UTokyo Account ##"), Kind::Heading { level: 2, text: "UTokyo Account" });
        assert_eq!(lex("#hashtag"), Kind::Plain { text: "#hashtag" });
        assert_eq!(lex("> quoted"), Kind::Quote { text: "quoted" });
        assert_eq!(lex("---"), Kind::Rule);
    }

    #[test]
    fn labels_closed_by_a_full_stop_are_markers() {
        assert_eq!(
            marker_of("Q. ログインできない。"),
            Some((MarkerKind::Inquiry, "Q", "ログインできない。"))
        );
        assert_eq!(marker_of("Ｑ．ログインできない。").map(|m| m.0), Some(MarkerKind::Inquiry));
        assert_eq!(marker_of("A. 再起動を案内。").map(|m| m.0), Some(MarkerKind::Response));
        assert_eq!(marker_of("問:印刷できない").map(|m| m.0), Some(MarkerKind::Inquiry));
        assert_eq!(marker_of("答：ドライバーを更新").map(|m| m.0), Some(MarkerKind::Response));
        assert_eq!(marker_of("A.B. testing failed"), None);
        assert_eq!(marker_of("Answered. Then"), None);
    }

    #[test]
    fn whole_bold_short_paragraphs_are_headings() {
        assert_eq!(lex("**Zoom**"), Kind::Heading { level: BOLD_HEADING_LEVEL, text: "Zoom" });
        assert_eq!(
            lex("__UTokyo Wi-Fi__"),
            Kind::Heading { level: BOLD_HEADING_LEVEL, text: "UTokyo Wi-Fi" }
        );
        assert_eq!(lex("**This is emphasis.**"), Kind::Plain { text: "**This is emphasis.**" });
        assert_eq!(lex("**a** and **b**"), Kind::Plain { text: "**a** and **b**" });
        assert!(matches!(lex("**Cause:** old"), Kind::Marker { kind: MarkerKind::FollowUp, .. }));
    }

    #[test]
    fn numbered_items_and_reference_marks() {
        assert_eq!(numbered_item("1. A student says"), Some((1, "A student says")));
        assert_eq!(numbered_item("１２．印刷できない"), Some((12, "印刷できない")));
        assert_eq!(numbered_item("(3) 切れる"), Some((3, "切れる")));
        assert_eq!(numbered_item("2) Zoom"), Some((2, "Zoom")));
        for not_item in ["1.5GB", "2026/10/07 定例", "1.", "1234. x", "a. b"] {
            assert_eq!(numbered_item(not_item), None, "{not_item}");
        }
        assert_eq!(lex("※毎年多い。"), Kind::Bullet { indent: 0, text: "毎年多い。" });
        assert!(is_remark_label("Note") && is_remark_label("備考") && !is_remark_label("Answer"));
    }
}
