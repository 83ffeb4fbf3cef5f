//! Diagnostics: every problem faqbook reports about a user's files, with path, line and column.
//!
//! The library never prints; stages return `Diagnostic`s and the CLI formats them. One type for
//! build, check and import keeps their wording and locations identical.

use std::fmt;
use std::path::{Component, Path, PathBuf};

/// How bad a problem is. Warnings become errors under `check --strict`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        })
    }
}

/// One problem in one file. `line` and `col` are 1-based; 0 means "the whole file".
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Diagnostic {
    pub path: PathBuf,
    pub line: usize,
    pub col: usize,
    pub severity: Severity,
    /// Stable code such as `FB001`, documented in the README so teams can search for it.
    pub code: &'static str,
    pub message: String,
}

impl Diagnostic {
    pub fn error(
        code: &'static str,
        path: impl Into<PathBuf>,
        line: usize,
        col: usize,
        message: impl Into<String>,
    ) -> Self {
        Self { path: path.into(), line, col, severity: Severity::Error, code, message: message.into() }
    }

    pub fn warning(
        code: &'static str,
        path: impl Into<PathBuf>,
        line: usize,
        col: usize,
        message: impl Into<String>,
    ) -> Self {
        Self { path: path.into(), line, col, severity: Severity::Warning, code, message: message.into() }
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// `path:line:col`, with 1 for a 0 ("the whole file") so editors and CI can jump to it.
    pub fn location(&self) -> String {
        format!("{}:{}:{}", display_path(&self.path), self.line.max(1), self.col.max(1))
    }

    /// Sort key: path, then position, then severity, so output is deterministic.
    pub fn sort_key(&self) -> (&Path, usize, usize, Severity, &str) {
        (&self.path, self.line, self.col, self.severity, &self.message)
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Paths and messages quote user text: escaped, it cannot drive the terminal or fake a line.
        let location = self.location();
        let location = crate::controls::escape_for_terminal(&location);
        let message = crate::controls::escape_for_terminal(&self.message);
        write!(f, "{location}: {}: {message} [{}]", self.severity, self.code)
    }
}

/// A path as CI tools and people want it: relative paths without a leading `./`, `/` separators.
pub fn display_path(path: &Path) -> String {
    let parts: Vec<_> = path
        .components()
        .skip_while(|c| matches!(c, Component::CurDir))
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    if parts.is_empty() {
        return ".".to_string();
    }
    let joined = parts.join("/");
    // `Component::RootDir` is `/` itself; joining it would double the slash.
    joined.strip_prefix("//").map_or_else(|| joined.clone(), |rest| format!("/{rest}"))
}

/// Sorts diagnostics by file and position and drops exact repeats.
pub fn sort_diagnostics(diagnostics: &mut Vec<Diagnostic>) {
    diagnostics.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    diagnostics.dedup();
}

/// 1-based line and column (in characters) of a byte offset in `text`.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let mut boundary = offset;
    while !text.is_char_boundary(boundary) {
        boundary -= 1;
    }
    let before = &text[..boundary];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let col = before[line_start..].chars().count() + 1;
    (line, col)
}

/// Whether any diagnostic is an error.
pub fn has_errors(diagnostics: &[Diagnostic]) -> bool {
    diagnostics.iter().any(Diagnostic::is_error)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_characters_not_bytes() {
        let text = "a\nあいう=x\n";
        assert_eq!(line_col(text, 0), (1, 1));
        assert_eq!(line_col(text, 2), (2, 1));
        // "あいう" is 9 bytes; '=' is the 4th character of line 2.
        assert_eq!(line_col(text, 11), (2, 4));
        assert_eq!(line_col(text, 999), (3, 1));
    }

    #[test]
    fn display_is_path_line_col_severity_message_code() {
        let d = Diagnostic::error("FB001", "content/a.md", 3, 9, "unknown status `done`");
        assert_eq!(d.to_string(), "content/a.md:3:9: error: unknown status `done` [FB001]");
    }

    #[test]
    fn display_path_drops_leading_dot_and_keeps_absolute_paths() {
        assert_eq!(display_path(Path::new("./content/a.md")), "content/a.md");
        assert_eq!(display_path(Path::new("site/content/a.md")), "site/content/a.md");
        assert_eq!(display_path(Path::new("/tmp/x/a.md")), "/tmp/x/a.md");
        assert_eq!(display_path(Path::new(".")), ".");
    }

    #[test]
    fn sort_orders_by_path_then_line() {
        let mut v = vec![
            Diagnostic::warning("FB100", "b.md", 1, 1, "w"),
            Diagnostic::error("FB001", "a.md", 9, 1, "e2"),
            Diagnostic::error("FB001", "a.md", 2, 1, "e1"),
            Diagnostic::error("FB001", "a.md", 2, 1, "e1"),
        ];
        sort_diagnostics(&mut v);
        let msgs: Vec<_> = v.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(msgs, ["e1", "e2", "w"]);
    }
}

/// Stable diagnostic codes. Documented in README.md ("Diagnostic codes"); never renumber one.
pub mod codes {
    /// A file or folder cannot be read.
    pub const UNREADABLE: &str = "FB001";
    /// A page is binary or not UTF-8.
    pub const NOT_TEXT: &str = "FB002";
    /// A page is empty.
    pub const EMPTY_PAGE: &str = "FB003";
    /// A page has no front matter block.
    pub const FRONT_MATTER: &str = "FB004";
    /// The front matter is not valid YAML.
    pub const YAML_SYNTAX: &str = "FB005";
    /// The front matter has a key faqbook does not know.
    pub const UNKNOWN_KEY: &str = "FB006";
    /// A required key (`title`, `service`, `status`) is missing or empty.
    pub const MISSING_KEY: &str = "FB007";
    /// A key has the wrong type (for example `tags` that is not a list).
    pub const WRONG_TYPE: &str = "FB008";
    /// `status` is not resolved, escalated, unresolved or unknown.
    pub const UNKNOWN_STATUS: &str = "FB009";
    /// `service` is not configured in book.toml.
    pub const UNKNOWN_SERVICE: &str = "FB010";
    /// `id` is not ASCII `[a-z0-9_-]`.
    pub const BAD_ID: &str = "FB011";
    /// Two pages have the same id.
    pub const DUPLICATE_ID: &str = "FB012";
    /// A date is not `YYYY-MM-DD`.
    pub const BAD_DATE: &str = "FB013";
    /// A tag is not in the `[[tags]]` vocabulary (warning).
    pub const UNKNOWN_TAG: &str = "FB014";
    /// A symlink leaves the content folder, or is broken.
    pub const SYMLINK: &str = "FB015";
    /// A page is larger than faqbook accepts.
    pub const TOO_LARGE: &str = "FB016";
    /// Two tag spellings share one slug and are listed as one tag (warning).
    pub const TAG_COLLISION: &str = "FB017";
    /// A file name Windows cannot extract (`con`, `aux.png`, names differing only in case).
    pub const RESERVED_NAME: &str = "FB018";
    // --- build / render (FB020–FB039) ---
    /// A link points at a page or file that does not exist (or outside the content folder).
    pub const BROKEN_LINK: &str = "FB020";
    /// A link's `#anchor` matches no heading of the target page.
    pub const MISSING_ANCHOR: &str = "FB021";
    /// An image is not in the content folder.
    pub const MISSING_IMAGE: &str = "FB022";
    /// A `javascript:`/`data:`-style link was removed (warning; allowed with `allow-html`).
    pub const UNSAFE_LINK: &str = "FB023";
    /// A link is an absolute path, which breaks under `file://` (warning).
    pub const ABSOLUTE_LINK: &str = "FB024";
    /// A template does not parse or fails to render.
    pub const TEMPLATE: &str = "FB030";
    /// The configured theme folder does not exist, or a theme file cannot be read.
    pub const THEME: &str = "FB031";
    /// The output folder cannot be written.
    pub const OUTPUT: &str = "FB032";
    /// The output folder would overlap the site's own files.
    pub const UNSAFE_DEST: &str = "FB033";
    /// The search index could not be written (for example more pages than its format holds).
    pub const SEARCH_INDEX: &str = "FB034";
    /// An export target's name does not end in its format's extension (warning).
    pub const EXPORT_EXTENSION: &str = "FB035";
    // --- check content rules (FB040–FB059) ---
    /// A page has no content below its front matter (only blank lines or headings without text).
    pub const EMPTY_BODY: &str = "FB040";
    /// A heading is followed by no content before the next heading of the same or a higher level.
    pub const EMPTY_SECTION: &str = "FB041";
    /// A page has no inquiry section (`問い合わせ` or `Question` heading) (warning).
    pub const NO_INQUIRY_SECTION: &str = "FB042";
    /// A page contains raw HTML while `[build] allow-html` is off (warning).
    pub const RAW_HTML: &str = "FB043";
    /// A page is not reviewed yet (`reviewed: false`) (warning; an error under `--strict`).
    pub const UNREVIEWED: &str = "FB044";
    /// A page's `date` is older than `[check] stale-after-days` (warning).
    pub const STALE: &str = "FB045";
    // --- knowledge base: recurring cases, review (FB060–FB079) ---
    /// `import --merge`: the page a case repeats was changed since its import, so the case got a
    /// page of its own (warning).
    pub const MERGE_EDITED: &str = "FB060";
    /// A reviewed page's last review is older than `[review] after-days` (warning).
    pub const REVIEW_DUE: &str = "FB061";
    // --- import (FB201–FB211) ---
    /// An input file or folder cannot be read (error).
    pub const UNREADABLE_INPUT: &str = "FB201";
    /// An input is a binary file (error).
    pub const BINARY_INPUT: &str = "FB202";
    /// An input is larger than the importer accepts (error).
    pub const INPUT_TOO_LARGE: &str = "FB203";
    /// An input is empty (warning).
    pub const EMPTY_INPUT: &str = "FB204";
    /// A line fits no case and was not imported (warning).
    pub const UNPLACED_LINE: &str = "FB205";
    /// No line of an input names a configured service (warning).
    pub const NO_SECTIONS: &str = "FB206";
    /// A heading (Markdown, or a plain-text line shaped as one) names no configured service, or
    /// a case comes before any heading (warning).
    pub const UNKNOWN_SECTION: &str = "FB207";
    /// Bytes that are invalid in the detected encoding (warning).
    pub const MALFORMED_BYTES: &str = "FB208";
    /// A page was edited by hand since its import and was not overwritten (warning).
    pub const EDITED_PAGE: &str = "FB209";
    /// Two cases have the same inquiry (warning).
    pub const DUPLICATE_CASE: &str = "FB210";
    /// A page cannot be written (error).
    pub const WRITE_FAILED: &str = "FB211";
    /// Control characters (terminal escape codes, NUL …) were removed from an input (warning).
    pub const CONTROL_CHARACTERS: &str = "FB212";
    /// A page would be larger than the page loader accepts; it was not written (error).
    pub const PAGE_TOO_LARGE: &str = "FB213";
    /// `book.toml` cannot take the services the minutes name, or cannot be written (error).
    pub const CONFIG_EDIT: &str = "FB214";
    /// A Word document or web-page export cannot be read: corrupt zip or XML, an entry over
    /// the size limits (error).
    pub const BROKEN_DOCUMENT: &str = "FB220";
    /// A configuration error in book.toml.
    pub const CONFIG: &str = "FB901";
    /// A configuration value that is well-formed TOML but not acceptable.
    pub const CONFIG_VALUE: &str = "FB902";
}
