//! Front matter: the YAML between a page's `---` lines.
//!
//! This module owns the schema (`Key`, `FrontMatter`), its one reader (`parse`) and its one
//! writer (`write`). The importer and `faqbook new` both write through `write`, so every page
//! quotes YAML the same way, and a property test checks that `parse` reads back what `write`
//! wrote. Reading never stops at the first problem: each one becomes a diagnostic at its key's
//! line *in the file* (YAML line 1 is file line 2, after the opening `---`).

use std::collections::BTreeMap;
use std::fmt;

use chrono::NaiveDate;

use super::Status;

mod read;
mod write;

pub use read::{Parsed, parse};
pub use write::write;

/// A front-matter key. Code names keys through this enum, so a misspelt key is a compile error
/// instead of a diagnostic quietly placed at line 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Key {
    Id,
    Title,
    Service,
    Tags,
    Status,
    Date,
    Source,
    Reviewed,
    ReviewedBy,
    ReviewedOn,
    Recurs,
    StatusReason,
    ImportFingerprint,
}

impl Key {
    /// Every key, in the order the "unknown key" message lists them.
    pub const ALL: [Key; 13] = [
        Key::Id,
        Key::Title,
        Key::Service,
        Key::Tags,
        Key::Status,
        Key::Date,
        Key::Source,
        Key::Reviewed,
        Key::ReviewedBy,
        Key::ReviewedOn,
        Key::Recurs,
        Key::StatusReason,
        Key::ImportFingerprint,
    ];

    pub const fn as_str(self) -> &'static str {
        match self {
            Key::Id => "id",
            Key::Title => "title",
            Key::Service => "service",
            Key::Tags => "tags",
            Key::Status => "status",
            Key::Date => "date",
            Key::Source => "source",
            Key::Reviewed => "reviewed",
            Key::ReviewedBy => "reviewed-by",
            Key::ReviewedOn => "reviewed-on",
            Key::Recurs => "recurs",
            Key::StatusReason => "status-reason",
            Key::ImportFingerprint => "import-fingerprint",
        }
    }

    pub fn parse(name: &str) -> Option<Key> {
        Key::ALL.into_iter().find(|key| key.as_str() == name)
    }
}

impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// 1-based file line of each key a page has, to locate problems found after parsing (links,
/// tags, review dates).
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct KeyLines(BTreeMap<Key, usize>);

impl KeyLines {
    pub fn get(&self, key: Key) -> Option<usize> {
        self.0.get(&key).copied()
    }

    /// The key's line, or that of the opening `---` (line 1) when the page lacks the key.
    pub fn line(&self, key: Key) -> usize {
        self.get(key).unwrap_or(1)
    }
}

/// A valid page's front matter. Text values are trimmed single lines; tags are unique.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct FrontMatter {
    /// The page's id: its `id` key, else the file name without `.md`.
    pub id: String,
    pub title: String,
    /// As written: a `[[services]]` name or alias.
    pub service: String,
    pub tags: Vec<String>,
    pub status: Status,
    /// The importer's evidence for `status` (`"<sentence>" (line N)`).
    pub status_reason: Option<String>,
    pub date: Option<NaiveDate>,
    /// Where the importer took the case from (`file:first-last`).
    pub source: Option<String>,
    /// Ids of earlier pages this case repeats.
    pub recurs: Vec<String>,
    pub reviewed: bool,
    pub reviewed_by: Option<String>,
    pub reviewed_on: Option<NaiveDate>,
    pub import_fingerprint: Option<String>,
}

/// Splits `---\nYAML\n---\nbody` into (yaml, body, 1-based line where the body starts).
pub fn split_front_matter(text: &str) -> Option<(&str, &str, usize)> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let rest = text.strip_prefix("---\n").or_else(|| text.strip_prefix("---\r\n"))?;
    let mut offset = 0;
    for line in rest.split_inclusive('\n') {
        if line.trim_end() == "---" {
            let yaml = &rest[..offset];
            let body = &rest[offset + line.len()..];
            let body_line = 2 + yaml.matches('\n').count() + 1;
            return Some((yaml, body, body_line));
        }
        offset += line.len();
    }
    None
}
