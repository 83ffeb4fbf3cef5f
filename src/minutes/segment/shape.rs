//! Service headings of plain-text minutes found by the minutes' shape rather than by name: a
//! short line without sentence punctuation, followed by an inquiry and then a response (`=>`)
//! before any other such short line. Preamble lines (`お知らせ`, `最近の事例から`) have no case
//! below them, so the shape leaves them out.

use std::collections::HashSet;

use super::super::line::{Block, Kind, Line, MarkerKind, marker};
use super::roster_names;

/// The longest line (in characters) that can be a heading.
const MAX_HEADING_CHARS: usize = 40;

/// Characters that end a sentence or a label, never a service name.
const SENTENCE_ENDS: [char; 16] =
    ['。', '．', '.', '？', '?', '！', '!', '、', ',', '，', ':', '：', '…', ';', '；', '」'];

/// Zero-width and other format characters (Unicode category Cf, such as U+200B–U+200D, U+2060,
/// U+FEFF) that exports leave in lines; they must not make a heading unrecognisable.
pub fn strip_format_chars(text: &str) -> String {
    text.chars().filter(|&c| !is_format_char(c)).collect()
}

fn is_format_char(c: char) -> bool {
    matches!(c, '\u{00AD}' | '\u{061C}' | '\u{180E}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}'
        | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{206F}' | '\u{FEFF}' | '\u{FFF9}'..='\u{FFFB}')
}

/// Whether a plain line, on its own, could name a service.
pub fn heading_like(text: &str) -> bool {
    let text = strip_format_chars(text);
    let text = text.trim();
    let chars = text.chars().count();
    (1..=MAX_HEADING_CHARS).contains(&chars)
        && text.chars().any(char::is_alphanumeric)
        && !text.ends_with(SENTENCE_ENDS)
        && !text.contains("=>")
        && !reads_as_sentence(text)
        && roster_names(text).is_none()
}

/// Whether a short line reads as a sentence rather than a name. Service names end in a noun
/// (kanji, katakana, Latin letters, digits, a bracket); a Japanese line ending in hiragana ends
/// in a verb, an adjective or a particle (`ログインできない`, `最近の事例から`). An English line
/// mostly of lower-case words is a phrase (`cannot open the file`), not a product name.
fn reads_as_sentence(text: &str) -> bool {
    if text.chars().last().is_some_and(|c| ('\u{3041}'..='\u{309F}').contains(&c)) {
        return true;
    }
    let words: Vec<&str> = text.split_whitespace().collect();
    let lower = words.iter().filter(|w| w.starts_with(|c: char| c.is_ascii_lowercase())).count();
    lower >= 2 && lower * 2 > words.len()
}

/// Whether a line could name a service on a site that already configures some, where a line
/// found by its shape alone needs more: a name without hiragana (that is where Japanese phrases
/// keep their particles and endings: `Outlook の設定`) and without lower-case English words. A
/// short first inquiry line followed by its continuation and a response is shaped like a
/// heading too; the configured services' own headings are found by name anyway.
fn strictly_name_like(text: &str) -> bool {
    !text.chars().any(|c| ('\u{3041}'..='\u{309F}').contains(&c))
        && !text.split_whitespace().any(|w| w.starts_with(|c: char| c.is_ascii_lowercase()))
}

/// Line numbers of the plain lines that the shape around them makes service headings. Only
/// minutes without structural headings (plain text) are read so; Markdown states its headings.
/// `strict` (a site with configured services) asks names to look like names (`strictly_name_like`).
pub fn shaped_headings(lines: &[Line], strict: bool) -> HashSet<usize> {
    let mut found = HashSet::new();
    if lines.iter().any(|l| matches!(l.block, Block::Heading { .. })) {
        return found;
    }
    let candidates: Vec<usize> = (0..lines.len())
        .filter(|&at| {
            let line = &lines[at];
            matches!(line.kind(), Kind::Plain { text } if heading_like(text) && (!strict || strictly_name_like(text)))
                && !continues(at.checked_sub(1).map(|before| &lines[before]), line)
                && case_follows(&lines[at + 1..])
        })
        .collect();
    // Two such lines in a row: the one next to the case names its service; the one above titles
    // the part of the minutes that holds the sections (`最近の事例から`, `Recent cases`).
    for (i, &at) in candidates.iter().enumerate() {
        if candidates.get(i + 1) != Some(&(at + 1)) {
            found.insert(lines[at].number);
        }
    }
    found
}

/// Whether `rest` opens with an inquiry that a response answers before the next heading-like
/// line.
fn case_follows(rest: &[Line]) -> bool {
    let Some((first, after)) = rest.split_first() else { return false };
    if !matches!(first.kind(), Kind::Plain { .. } | Kind::Marker { kind: MarkerKind::Inquiry, .. }) {
        return false;
    }
    let mut before = first;
    for line in after {
        match line.kind() {
            Kind::Marker { kind: MarkerKind::Response, .. } => return true,
            Kind::Plain { text } if heading_like(text) && !continues(Some(before), line) => return false,
            // A response written as a list item (`- Answer: …`) under the inquiry.
            Kind::Bullet { text, .. } => {
                return matches!(marker(text), Some(Kind::Marker { kind: MarkerKind::Response, .. }));
            }
            _ => {}
        }
        before = line;
    }
    false
}

/// Whether `line` carries on the sentence of the long plain line before it (a wrapped line such
/// as `…macOS 10.15以降でないと` / `動かないといわれインストールできない`), so it names nothing.
fn continues(before: Option<&Line>, line: &Line) -> bool {
    let Some(before) = before else { return false };
    let Kind::Plain { text } = before.kind() else { return false };
    let text = strip_format_chars(text);
    let text = text.trim();
    !line.after_blank && text.chars().count() > MAX_HEADING_CHARS && !text.ends_with(SENTENCE_ENDS)
}

#[cfg(test)]
mod tests {
    use crate::minutes::segment::Minutes;
    use crate::minutes::segment::tests::without_services as run;

    fn services(m: &Minutes) -> Vec<&str> {
        m.cases.iter().map(|c| c.service.name.as_str()).collect()
    }

    #[test]
    fn short_lines_above_a_case_are_headings_and_preamble_lines_are_not() {
        let m = run(
            "司会:竹内\nお知らせ\nシフトが増えます。\n最近の事例から\n今日が最後です。\n\u{200B}Zoom\u{FEFF}\n録画できない。\n=>設定を確認しました。\n- よくある\n図書館システム\nログインできない。\n=>起票しました。\n",
        );
        assert_eq!(services(&m), ["Zoom", "図書館システム"]);
        assert_eq!(m.cases[0].inquiry, ["録画できない。"]);
    }

    #[test]
    fn a_title_line_above_the_first_heading_is_not_a_service() {
        let m = run(
            "Chair: Alice\nRecent cases\nZoom\nRecording stops after an hour.\n=> Told the user to use cloud recording.\nBox\nShared link expired.\n=> Sent a new link.\n",
        );
        assert_eq!(services(&m), ["Zoom", "Box"]);
        let m = run(
            "書記:林\n今週の事例について\nGaroon\nスケジュールが表示されない。\n=>キャッシュを消すよう案内。\n",
        );
        assert_eq!(services(&m), ["Garoon"]);
    }

    #[test]
    fn sentences_are_not_names() {
        for sentence in
            ["ログインできない", "最近の事例から", "印刷したい", "cannot open the file", "login fails on mac"]
        {
            assert!(!super::heading_like(sentence), "{sentence}");
        }
        assert!(!super::heading_like("\u{FFFD}") && !super::heading_like("-- ** --"));
        for name in
            ["UTokyo Account", "図書館システム", "Microsoft 365 (Office)", "Box for Education", "その他"]
        {
            assert!(super::heading_like(name), "{name}");
        }
    }

    #[test]
    fn a_case_before_the_first_heading_goes_to_other_with_a_warning() {
        let m = run("司会:竹内\nパスワードを忘れた。\n=>リセットを案内。\n");
        assert_eq!(services(&m), ["その他"]);
        assert_eq!(m.notes.iter().filter(|n| n.code == super::super::codes::UNKNOWN_SECTION).count(), 1);
    }
}
