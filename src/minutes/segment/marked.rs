//! Lines of documents that mark their comments (by colour, `line.comment` is `Some`): there the
//! mark decides what is a comment, not the bullet. A marked line is a comment with or without a
//! bullet; an unmarked list item is content — numbered steps or bullets of the response (or
//! inquiry, or follow-up) it follows.

use super::{Comment, Phase, Segmenter, push_to_last};
use crate::minutes::line::{Block, Line};

/// Deeper numbered lists than this share the last level's counter.
const MAX_LIST_LEVELS: usize = 10;

impl Segmenter<'_> {
    /// Handles a line of a marked document; `false` leaves it to the text rules (unmarked
    /// paragraphs, headings).
    pub(super) fn marked_line(&mut self, line: &Line) -> bool {
        let Some(is_comment) = line.comment else { return false };
        let item = match line.block {
            // An empty bullet quotes the next line, as in text.
            Block::ListItem { .. } if line.text.is_empty() => return false,
            Block::ListItem { level, ordered } => Some((level, ordered)),
            Block::Heading { .. } => return false,
            _ => None,
        };
        if !matches!(item, Some((_, true))) || is_comment {
            self.item_numbers.clear();
        }
        match (is_comment, item) {
            (true, _) => self.marked_comment(line, item.map_or(0, |(level, _)| level)),
            (false, Some((level, ordered))) => self.content_item(line, level, ordered),
            (false, None) => return false,
        }
        true
    }

    fn marked_comment(&mut self, line: &Line, level: usize) {
        if self.case.is_none() {
            self.note(line, "a comment without a case before it; not imported");
            return;
        }
        if self.phase != Phase::Comments {
            self.bullet_indents.clear();
        }
        let depth = self.bullet_depth(level);
        if let Some(case) = self.case.as_mut() {
            case.last_line = line.number;
            case.comments.push(Comment {
                depth,
                text: line.text.clone(),
                quote: Vec::new(),
                line: line.number,
            });
        }
        self.phase = Phase::Comments;
        self.awaiting_quote = false;
    }

    /// An unmarked list item: a line of whatever it follows, numbered as the document shows it.
    fn content_item(&mut self, line: &Line, level: usize, ordered: bool) {
        let text = if ordered {
            let level = level.min(MAX_LIST_LEVELS - 1);
            self.item_numbers.truncate(level + 1);
            self.item_numbers.resize(level + 1, 0);
            self.item_numbers[level] += 1;
            format!("{}. {}", self.item_numbers[level], line.text)
        } else {
            format!("- {}", line.text)
        };
        self.awaiting_quote = false;
        let phase = self.phase;
        let Some(case) = self.case.as_mut() else {
            self.start_case(line, &line.text);
            return;
        };
        case.last_line = line.number;
        match phase {
            Phase::Inquiry => case.inquiry.push(text),
            Phase::Answer => push_to_last(&mut case.answers, text, line.number),
            Phase::FollowUp => push_to_last(&mut case.follow_ups, text, line.number),
            // After the meeting's comments: the response's (or follow-up's) list goes on.
            Phase::Comments if !case.follow_ups.is_empty() => {
                push_to_last(&mut case.follow_ups, text, line.number)
            }
            Phase::Comments if !case.answers.is_empty() => push_to_last(&mut case.answers, text, line.number),
            Phase::Comments => case.inquiry.push(text),
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::config::Config;
    use crate::minutes::read::{colour, gdocs};
    use crate::minutes::{clean, segment};
    use std::path::Path;

    fn segment_html(body: &str) -> segment::Minutes {
        let html = format!(
            "<html><head><style>.o{{color:#e69138}}.n{{color:#000000}}</style></head><body>{body}</body></html>"
        );
        let parts = gdocs::read(&html, None).unwrap_or_else(|e| panic!("{e}"));
        let lines = colour::mark_comments(parts.lines, None);
        let config = Config::parse(Path::new("."), Path::new("book.toml"), "[[services]]\nname = \"Zoom\"\n")
            .unwrap_or_else(|e| panic!("{e}"));
        segment::segment(&clean::clean(lines).lines, &config)
    }

    #[test]
    fn marks_decide_comments_and_lists_follow_their_response() {
        let m = segment_html(
            "<h2>Zoom</h2><p>Cannot join.</p><p>A: Try these.</p>\
             <ol class=\"lst-kix_a-0\"><li><span class=\"n\">Update</span></li><li>Restart</li></ol>\
             <p><span class=\"o\">A remark without a bullet.</span></p>\
             <ul class=\"lst-kix_b-0\"><li><span class=\"o\">Quoted:</span></li><li></li></ul>\
             <p><span class=\"n\">the quoted text</span></p><p>Next question.</p>",
        );
        assert_eq!(m.cases.len(), 2, "{:?}", m.cases);
        let case = &m.cases[0];
        assert_eq!(case.answers[0].lines, ["Try these.", "1. Update", "2. Restart"]);
        let comments: Vec<(&str, &[String])> =
            case.comments.iter().map(|c| (c.text.as_str(), c.quote.as_slice())).collect();
        assert_eq!(
            comments,
            [
                ("A remark without a bullet.", &[][..]),
                ("Quoted:", &[][..]),
                ("", &["the quoted text".to_string()][..])
            ]
        );
        assert_eq!(m.cases[1].inquiry, ["Next question."]);
    }
}
