//! Minutes that name the service at the start of each case instead of under a heading
//! (`[UTOL] 課題が提出できない`, `【Wi-Fi】寮で…`, as in chat logs and ticket lists): such a line
//! is read as the section heading followed by the inquiry, so the one segmenter needs no second
//! notion of a section.

use std::borrow::Cow;

use crate::minutes::line::{Block, Kind, Line, MarkerKind, label_kind, leading_bracketed};

/// The longest bracketed name (in characters) read as a service; longer text in brackets is a
/// quotation or an aside.
const MAX_INLINE_SERVICE_CHARS: usize = 30;

/// The lines with every case-opening `[Service] inquiry` line split into a heading line and an
/// inquiry line (both keep the source line's number). A line counts only when a response follows
/// it, so a bracketed word inside an ordinary paragraph stays as written.
pub fn split_inline_sections(lines: &[Line]) -> Cow<'_, [Line]> {
    // Most minutes have no such line: nothing is copied until the first one.
    let mut split: Option<Vec<Line>> = None;
    for (at, line) in lines.iter().enumerate() {
        let open = inline_service(lines, at);
        if open.is_none() && split.is_none() {
            continue;
        }
        let split = split.get_or_insert_with(|| {
            let mut copy = Vec::with_capacity(lines.len() + 1);
            copy.extend_from_slice(&lines[..at]);
            copy
        });
        match open {
            Some((service, inquiry)) => {
                split.push(Line { block: Block::Paragraph, text: service.to_string(), ..line.clone() });
                split.push(Line {
                    block: Block::Paragraph,
                    text: inquiry.to_string(),
                    after_blank: false,
                    ..line.clone()
                });
            }
            None => split.push(line.clone()),
        }
    }
    split.map_or(Cow::Borrowed(lines), Cow::Owned)
}

/// `("[UTOL]", "課題が…")` when line `at` names a service in brackets before its inquiry and a
/// response comes next.
fn inline_service(lines: &[Line], at: usize) -> Option<(&str, &str)> {
    let line = &lines[at];
    let Kind::Plain { text } = line.kind() else { return None };
    // `<…>` at the start of a line is markup quoted in the case (`<script>…`), not a name.
    if text.starts_with('<') {
        return None;
    }
    let (name, rest) = leading_bracketed(text)?;
    let inquiry = rest.trim();
    let named =
        !name.is_empty() && name.chars().count() <= MAX_INLINE_SERVICE_CHARS && label_kind(name).is_none();
    let answered =
        matches!(lines.get(at + 1).map(Line::kind), Some(Kind::Marker { kind: MarkerKind::Response, .. }));
    (named && !inquiry.is_empty() && answered).then(|| (&text[..text.len() - rest.len()], inquiry))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(number: usize, text: &str) -> Line {
        Line { number, block: Block::Paragraph, text: text.to_string(), after_blank: false, comment: None }
    }

    fn texts(lines: &[Line]) -> Vec<&str> {
        lines.iter().map(|l| l.text.as_str()).collect()
    }

    #[test]
    fn a_bracketed_service_before_an_answered_inquiry_becomes_its_heading() {
        let lines =
            [line(1, "[UTOL] 課題が提出できない。"), line(2, "→ キャッシュを削除していただきました。")];
        let split = split_inline_sections(&lines);
        assert_eq!(
            texts(&split),
            ["[UTOL]", "課題が提出できない。", "→ キャッシュを削除していただきました。"]
        );
        assert_eq!(split.iter().map(|l| l.number).collect::<Vec<_>>(), [1, 1, 2]);
    }

    #[test]
    fn bracketed_text_without_a_response_after_it_or_a_label_stays_as_written() {
        let lines = [
            line(1, "[重要] 来週は休みです。"),
            line(2, "次の議題へ。"),
            line(3, "【対応】再起動をお願いしました。"),
            line(4, "=> 解決"),
            line(5, "<script>alert(1)</script> という件名のメールが届いた。"),
            line(6, "=> 開かずに削除していただくよう回答。"),
        ];
        assert!(matches!(split_inline_sections(&lines), Cow::Borrowed(_)));
    }
}
