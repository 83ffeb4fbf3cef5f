//! The meeting's comments under a case: `- ` bullets nested by indentation, and the line a bare
//! `-` bullet quotes. A bullet that starts with a response or follow-up label (`- Answer: …`,
//! `- 原因: …`) is that part of the case written as a list item; a remark (`- Note: …`) stays a
//! comment.

use super::{Comment, Phase, Segmenter};
use crate::minutes::line::{Kind, Line, MarkerKind, is_remark_label, marker};

impl Segmenter<'_> {
    pub(super) fn bullet(&mut self, line: &Line, indent: usize, text: &str) {
        if self.case.is_some()
            && let Some(Kind::Marker { kind, label, text }) = marker(text)
            && !is_remark_label(label)
        {
            match kind {
                MarkerKind::Response => self.response(line, text),
                MarkerKind::Inquiry => self.inquiry_marker(line, label, text),
                MarkerKind::FollowUp => self.follow_up(line, label, text),
            }
            return;
        }
        if self.case.is_none() {
            self.note(line, "a comment bullet without a case before it; not imported");
            return;
        }
        if self.phase != Phase::Comments {
            self.bullet_indents.clear();
        }
        let depth = self.bullet_depth(indent);
        if let Some(case) = self.case.as_mut() {
            case.last_line = line.number;
            case.comments.push(Comment {
                depth,
                text: text.to_string(),
                quote: Vec::new(),
                line: line.number,
            });
        }
        self.phase = Phase::Comments;
        self.awaiting_quote = text.is_empty();
    }

    /// Depth of a bullet from its indentation: deeper than the open level nests one level (never
    /// more, so the written list stays well-formed), shallower closes levels.
    pub(super) fn bullet_depth(&mut self, indent: usize) -> usize {
        while self.bullet_indents.last().is_some_and(|&open| open > indent) {
            self.bullet_indents.pop();
        }
        if self.bullet_indents.last() != Some(&indent) {
            self.bullet_indents.push(indent);
        }
        self.bullet_indents.len() - 1
    }

    pub(super) fn quote(&mut self, line: &Line, text: &str) {
        self.awaiting_quote = false;
        if let Some(case) = self.case.as_mut()
            && let Some(comment) = case.comments.last_mut()
        {
            case.last_line = line.number;
            comment.quote.push(text.to_string());
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::minutes::segment::tests::without_services as run;

    #[test]
    fn labelled_bullets_are_answers_and_follow_ups_and_remarks_stay_comments() {
        let m = run(
            "## Zoom\nIt crashes.\n- Answer: update it.\n- Result: fixed.\n- Note: common.\n- plain remark\n",
        );
        let case = &m.cases[0];
        assert_eq!(case.answers[0].lines, ["update it."]);
        assert_eq!(case.follow_ups[0].label.as_deref(), Some("Result"));
        let comments: Vec<&str> = case.comments.iter().map(|c| c.text.as_str()).collect();
        assert_eq!(comments, ["Note: common.", "plain remark"]);
    }

    #[test]
    fn reference_mark_lines_are_the_meetings_remarks() {
        let m = run(
            "■ Zoom\nQ. 録画できない。\nA. 設定を案内しました。\n※よくある。\n\nQ. 音が出ない。\nA. 再起動を案内。\n",
        );
        assert_eq!(m.cases.len(), 2, "{:?}", m.cases);
        assert_eq!(m.cases[0].service.name, "Zoom");
        assert_eq!(m.cases[0].comments[0].text, "よくある。");
        assert_eq!(m.cases[1].inquiry, ["音が出ない。"]);
    }
}
