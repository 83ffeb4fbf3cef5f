//! The reader of plain-text and Markdown minutes: decoded lines, each lexed by its form (`#`
//! headings, `-`/`*`/`・` bullets with their indentation, `>` quotes, `---` rules; everything
//! else a paragraph line, markers included).

use super::Document;
use crate::minutes::decode::{self, DecodeError};
use crate::minutes::line::{Block, Kind, Line, lex};

/// Decodes and splits text minutes into typed lines.
pub fn read(bytes: &[u8]) -> Result<Document, DecodeError> {
    let decoded = decode::decode(bytes)?;
    Ok(Document {
        lines: lines(&decoded.text),
        encoding: decoded.encoding,
        first_malformed_line: decoded.first_malformed_line,
        assets: Vec::new(),
    })
}

/// Non-blank lines with their 1-based numbers and whether a blank line came before.
pub fn lines(text: &str) -> Vec<Line> {
    let mut lines = Vec::new();
    let mut after_blank = false;
    for (index, raw) in text.split('\n').enumerate() {
        let raw = raw.trim_end();
        if raw.trim_start().is_empty() {
            after_blank = true;
            continue;
        }
        let (block, text) = structure(raw);
        lines.push(Line { number: index + 1, block, text, after_blank, comment: None });
        after_blank = false;
    }
    lines
}

/// The structure a line of text states by its form, and its text without that structure.
/// Documents use it too for paragraphs typed in Markdown form (`- ` typed by hand in Word).
pub fn structure(raw: &str) -> (Block, String) {
    match lex(raw) {
        Kind::Heading { level, text } => (Block::Heading { level }, text.to_string()),
        Kind::Rule => (Block::Rule, String::new()),
        Kind::Bullet { indent, text } => {
            (Block::ListItem { level: indent, ordered: false }, text.to_string())
        }
        Kind::Quote { text } => (Block::Quote, text.to_string()),
        Kind::Marker { .. } | Kind::Plain { .. } => (Block::Paragraph, raw.trim().to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_keep_numbers_blanks_and_form() {
        let lines = lines("## Zoom\n\n質問\n  - 入れ子\n> 引用\n---\n=>回答\n");
        let shapes: Vec<(usize, Block, &str, bool)> =
            lines.iter().map(|l| (l.number, l.block, l.text.as_str(), l.after_blank)).collect();
        assert_eq!(
            shapes,
            [
                (1, Block::Heading { level: 2 }, "Zoom", false),
                (3, Block::Paragraph, "質問", true),
                (4, Block::ListItem { level: 2, ordered: false }, "入れ子", false),
                (5, Block::Quote, "引用", false),
                (6, Block::Rule, "", false),
                (7, Block::Paragraph, "=>回答", false),
            ]
        );
        assert!(lines.iter().all(|l| l.comment.is_none()));
    }

    #[test]
    fn a_typed_line_reads_back_as_the_same_kind() {
        for raw in ["## UTokyo Account", "- コメント", "-", "> quoted", "---", "=>回答", "原因:古い", "本文"]
        {
            let (block, text) = structure(raw);
            let line = Line { number: 1, block, text, after_blank: false, comment: None };
            assert_eq!(line.kind(), lex(raw), "{raw}");
        }
    }
}
