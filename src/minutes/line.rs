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
const LABELS: [(&str, MarkerKind); 22] = [
    ("訴え", MarkerKind::Inquiry),
    ("質問", MarkerKind::Inquiry),
    ("q", MarkerKind::Inquiry),
    ("question", MarkerKind::Inquiry),
    ("a", MarkerKind::Response),
    ("answer", MarkerKind::Response),
    ("回答", MarkerKind::Response),
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
    ("follow-up", MarkerKind::FollowUp),
    ("followup", MarkerKind::FollowUp),
    ("update", MarkerKind::FollowUp),
    ("solution", MarkerKind::FollowUp),
];

/// Prefixes that mark a response or a continuation without a colon.
const PREFIXES: [(&str, MarkerKind); 8] = [
    ("=>", MarkerKind::Response),
    ("⇒", MarkerKind::Response),
    ("↓", MarkerKind::FollowUp),
    ("(続き)", MarkerKind::FollowUp),
    ("(つづき)", MarkerKind::FollowUp),
    ("(cont.)", MarkerKind::FollowUp),
    ("(continued)", MarkerKind::FollowUp),
    ("(follow-up)", MarkerKind::FollowUp),
];

/// Characters that start a list item.
const BULLETS: [char; 5] = ['-', '*', '+', '・', '•'];

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
    // `・` and `•` need no space after them in Japanese writing; `-`, `*`, `+` do (else `-1` or
    // `**bold**` would be bullets).
    if rest.is_empty() || rest.starts_with([' ', '\t', '\u{3000}']) || matches!(first, '・' | '•') {
        Some(rest.trim())
    } else {
        None
    }
}

fn marker(trimmed: &str) -> Option<Kind<'_>> {
    // Markdown minutes may write labels in bold: `**Cause:** …`.
    let unemphasised = trimmed.trim_start_matches(['*', '_']);
    for (prefix, kind) in PREFIXES {
        if let Some(rest) = strip_prefix_nfkc(unemphasised, prefix) {
            let label = &unemphasised[..unemphasised.len() - rest.len()];
            return Some(Kind::Marker { kind, label, text: rest.trim_start_matches(['*', '_']).trim() });
        }
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

/// The marker kind of a label such as `原因`, `原因?(確証なし)` or `Cause`.
pub fn label_kind(label: &str) -> Option<MarkerKind> {
    let folded: String = label.nfkc().collect::<String>().to_lowercase();
    LABELS.iter().find_map(|&(word, kind)| {
        let rest = folded.strip_prefix(word)?;
        let rest = rest.trim_start();
        (rest.is_empty() || rest.starts_with(['?', '('])).then_some(kind)
    })
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
}
