//! Read: the bytes of one minutes file → a `Document` of typed lines (`line::Line`), whatever
//! the format. Every later stage (clean, segment, redact, classify, write) works on that model
//! only, so a rule written once holds for plain text, Markdown, Word and Google Docs alike.
//!
//! The format is decided by content, not by the file name: a zip archive is a Word document
//! (it holds `word/document.xml`) or a Google Docs web-page export (it holds an `.html`); bytes
//! that start like HTML are a Google Docs `.html`; anything else is text or Markdown.

pub mod archive;
pub mod colour;
pub mod docx;
pub mod gdocs;
pub mod links;
pub mod text;
pub mod xml;

use std::path::Path;

use super::codes;
use super::line::Line;
use crate::diagnostics::Diagnostic;
use archive::Archive;
use colour::{Rgb, mark_comments};
pub use links::Asset;

/// One minutes file in the typed line model.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Document {
    /// Non-blank lines (paragraphs) in source order.
    pub lines: Vec<Line>,
    /// What the bytes were read as: the text encoding (`UTF-8`, `Shift_JIS`, …) or the format.
    pub encoding: &'static str,
    /// Line of the first byte sequence that was invalid in the text encoding, if any.
    pub first_malformed_line: Option<usize>,
    /// Images the document embeds, for the content folder's `assets/`.
    pub assets: Vec<Asset>,
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
    /// A zip archive: a Word document or a zipped Google Docs web page.
    Zip,
    /// A Google Docs web page (`.html`).
    Html,
}

/// How many bytes the HTML sniff looks at.
const HTML_SNIFF_BYTES: usize = 1024;

/// Which reader the bytes need, by their content.
pub fn detect(bytes: &[u8]) -> Format {
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
        return Format::Zip;
    }
    let head = &bytes[..bytes.len().min(HTML_SNIFF_BYTES)];
    let head = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    let start = head.iter().position(|b| !b.is_ascii_whitespace()).unwrap_or(head.len());
    let head = head[start..].to_ascii_lowercase();
    if head.starts_with(b"<!doctype html") || head.starts_with(b"<html") {
        Format::Html
    } else {
        Format::Text
    }
}

/// Reads one file's bytes into the line model; `comment_colour` is `[import] comment-color`.
/// An `Err` means the file cannot be read at all.
pub fn read(path: &Path, bytes: &[u8], comment_colour: Option<Rgb>) -> Result<Document, Diagnostic> {
    let broken = |message: String| Diagnostic::error(codes::BROKEN_DOCUMENT, path, 0, 0, message);
    match detect(bytes) {
        Format::Text => {
            text::read(bytes).map_err(|e| Diagnostic::error(codes::BINARY_INPUT, path, 0, 0, e.to_string()))
        }
        Format::Html => {
            let html = String::from_utf8_lossy(bytes);
            let parts = gdocs::read(&html, None).map_err(broken)?;
            Ok(styled_document("HTML", mark_comments(parts.lines, comment_colour), parts.assets))
        }
        Format::Zip => {
            let mut archive = Archive::open(bytes).map_err(broken)?;
            let names = archive.names();
            if names.iter().any(|n| n == "word/document.xml") {
                let parts = docx::read(&mut archive).map_err(broken)?;
                return Ok(styled_document("Word", mark_comments(parts.lines, comment_colour), parts.assets));
            }
            let html_name = names.iter().find(|n| {
                let lower = n.to_ascii_lowercase();
                (lower.ends_with(".html") || lower.ends_with(".htm")) && !lower.contains("__macosx")
            });
            let Some(html_name) = html_name.cloned() else {
                return Err(broken(
                    "zip archive holds neither a Word document (word/document.xml) nor a web-page export (.html)"
                        .to_string(),
                ));
            };
            let html = archive.read(&html_name).map_err(broken)?.unwrap_or_default();
            let html = String::from_utf8_lossy(&html).into_owned();
            let parts = gdocs::read(&html, Some(&mut archive)).map_err(broken)?;
            Ok(styled_document("HTML", mark_comments(parts.lines, comment_colour), parts.assets))
        }
    }
}

fn styled_document(encoding: &'static str, lines: Vec<Line>, assets: Vec<Asset>) -> Document {
    Document { lines, encoding, first_malformed_line: None, assets }
}
