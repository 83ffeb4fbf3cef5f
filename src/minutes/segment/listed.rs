//! Cases written as list items (`・パスワードが変えられない。` then `→ …`), as Japanese notes
//! typed in Word or a text editor list them under a numbered heading (`1. UTokyo Account`): a
//! list item answered on the very next line is that case's inquiry, not one of the meeting's
//! comments. Read as a paragraph, it opens a case like any inquiry line, so the one segmenter
//! (and the heading shape, which looks for an inquiry and a response) needs no second notion.

use std::borrow::Cow;

use crate::minutes::line::{Block, Kind, Line, MarkerKind, marker};

/// The lines with every answered bullet read as a paragraph; borrowed when there is none.
pub fn bullet_inquiries(lines: &[Line]) -> Cow<'_, [Line]> {
    let mut out: Option<Vec<Line>> = None;
    for (at, line) in lines.iter().enumerate() {
        let inquiry = is_answered_bullet(line, lines.get(at + 1));
        if !inquiry && out.is_none() {
            continue;
        }
        let out = out.get_or_insert_with(|| lines[..at].to_vec());
        if inquiry {
            // A new item ends the case before it as a blank line does.
            out.push(Line { block: Block::Paragraph, after_blank: true, ..line.clone() });
        } else {
            out.push(line.clone());
        }
    }
    out.map_or(Cow::Borrowed(lines), Cow::Owned)
}

/// A bulleted (not numbered) item with text of its own, not marked as a comment and not a label
/// (`- Answer: …`), followed straight away by a response paragraph (`→ …`, `=> …`, `対応: …`).
fn is_answered_bullet(line: &Line, next: Option<&Line>) -> bool {
    let Block::ListItem { ordered: false, .. } = line.block else { return false };
    let plain =
        !line.text.trim().is_empty() && marker(line.text.trim()).is_none() && line.comment != Some(true);
    let answered = next.is_some_and(|next| {
        next.block == Block::Paragraph
            && matches!(next.kind(), Kind::Marker { kind: MarkerKind::Response, .. })
    });
    plain && answered
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_answered_bullet_is_an_inquiry_and_other_bullets_stay() {
        let lines = crate::minutes::read::text::lines(
            "1. UTOL\n・課題が出せない。\n　→ 容量を説明。\n- よくある。\n- Answer: 案内。\n=> 回答\n",
        );
        let read = bullet_inquiries(&lines);
        let blocks: Vec<bool> = read.iter().map(|l| l.block == Block::Paragraph).collect();
        assert_eq!(blocks, [true, true, true, false, false, true]);
        let unanswered = crate::minutes::read::text::lines("・お知らせ\n次の行\n");
        assert!(matches!(bullet_inquiries(&unanswered), Cow::Borrowed(_)));
    }
}
