//! The meeting's comments under a case: `- ` bullets nested by indentation, and the line a bare
//! `-` bullet quotes.

use super::{Comment, Phase, Segmenter};
use crate::minutes::line::Line;

impl Segmenter<'_> {
    pub(super) fn bullet(&mut self, line: &Line, indent: usize, text: &str) {
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
