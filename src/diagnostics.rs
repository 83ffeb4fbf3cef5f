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
    pub code: Code,
    pub message: String,
}

impl Diagnostic {
    pub fn error(
        code: Code,
        path: impl Into<PathBuf>,
        line: usize,
        col: usize,
        message: impl Into<String>,
    ) -> Self {
        Self::new(Severity::Error, code, path.into(), line, col, message.into())
    }

    pub fn warning(
        code: Code,
        path: impl Into<PathBuf>,
        line: usize,
        col: usize,
        message: impl Into<String>,
    ) -> Self {
        Self::new(Severity::Warning, code, path.into(), line, col, message.into())
    }

    /// Both constructors: the code's own severity rule (a warning-only code is never an error,
    /// and the reverse) is checked in one place.
    fn new(severity: Severity, code: Code, path: PathBuf, line: usize, col: usize, message: String) -> Self {
        debug_assert!(code.severity().allows(severity), "{code} is not reported with severity {severity}");
        Self { path, line, col, severity, code, message }
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

/// Sorts diagnostics by file and position. Repeats are kept: each problem is found once, so a
/// repeat is a bug to see, not to hide.
pub fn sort_diagnostics(diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
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
    fn the_readme_code_table_lists_exactly_every_code_with_its_severity() {
        let readme = include_str!("../README.md");
        let table = readme.split("\n## Diagnostic codes").nth(1).unwrap_or_default();
        let rows: Vec<(String, String)> = table
            .lines()
            .take_while(|line| !line.starts_with("## "))
            .filter_map(|line| {
                let cells: Vec<&str> = line.split('|').map(str::trim).collect();
                let code = cells.get(1).filter(|c| c.starts_with("FB"))?;
                Some((code.to_string(), cells.get(2)?.to_string()))
            })
            .collect();
        let declared: Vec<(String, String)> =
            Code::ALL.iter().map(|c| (c.as_str().to_string(), c.severity().label().to_string())).collect();
        assert_eq!(rows, declared, "README.md's Diagnostic codes table, in order");
    }

    #[test]
    fn every_code_is_spelled_once_and_documented() {
        let mut spellings: Vec<&str> = Code::ALL.iter().map(|c| c.as_str()).collect();
        spellings.sort_unstable();
        spellings.dedup();
        assert_eq!(spellings.len(), Code::ALL.len());
        assert!(Code::ALL.iter().all(|c| c.summary().ends_with('.') || c.summary().ends_with(')')));
    }

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
        let d = Diagnostic::error(codes::UNREADABLE, "content/a.md", 3, 9, "unknown status `done`");
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
    fn sort_orders_by_path_then_line_and_keeps_repeats() {
        let mut v = vec![
            Diagnostic::warning(codes::UNKNOWN_TAG, "b.md", 1, 1, "w"),
            Diagnostic::error(codes::UNREADABLE, "a.md", 9, 1, "e2"),
            Diagnostic::error(codes::UNREADABLE, "a.md", 2, 1, "e1"),
            Diagnostic::error(codes::UNREADABLE, "a.md", 2, 1, "e1"),
        ];
        sort_diagnostics(&mut v);
        let msgs: Vec<_> = v.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(msgs, ["e1", "e1", "e2", "w"]);
    }
}

/// How a code may be reported: most codes have one severity, a few either (README table).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CodeSeverity {
    Error,
    Warning,
    ErrorOrWarning,
}

impl CodeSeverity {
    pub fn allows(self, severity: Severity) -> bool {
        matches!(
            (self, severity),
            (CodeSeverity::ErrorOrWarning, _)
                | (CodeSeverity::Error, Severity::Error)
                | (CodeSeverity::Warning, Severity::Warning)
        )
    }

    /// The README's spelling: `error`, `warning` or `error/warning`.
    pub fn label(self) -> &'static str {
        match self {
            CodeSeverity::Error => "error",
            CodeSeverity::Warning => "warning",
            CodeSeverity::ErrorOrWarning => "error/warning",
        }
    }
}

/// One table declares every code: the enum, its stable `FBnnn` spelling, its severity, its
/// summary (the doc comment), `Code::ALL`, and the `codes::` constants the stages use.
macro_rules! diagnostic_codes {
    ($($(#[doc = $doc:literal])* $variant:ident / $constant:ident = $code:literal, $severity:ident;)*) => {
        /// A stable diagnostic code, documented in README.md ("Diagnostic codes"); never renumber.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Code {
            $($(#[doc = $doc])* $variant,)*
        }

        impl Code {
            pub const ALL: &[Code] = &[$(Code::$variant),*];

            /// The `FBnnn` spelling printed in every diagnostic.
            pub fn as_str(self) -> &'static str {
                match self {
                    $(Code::$variant => $code,)*
                }
            }

            pub fn severity(self) -> CodeSeverity {
                match self {
                    $(Code::$variant => CodeSeverity::$severity,)*
                }
            }

            /// What the code means, in one sentence.
            pub fn summary(self) -> &'static str {
                match self {
                    $(Code::$variant => concat!($($doc),*).trim_ascii(),)*
                }
            }
        }

        /// The codes by the names the stages use (`codes::UNKNOWN_STATUS`).
        pub mod codes {
            use super::Code;
            $($(#[doc = $doc])* pub const $constant: Code = Code::$variant;)*
        }
    };
}

diagnostic_codes! {
    /// A file or folder cannot be read.
    Unreadable / UNREADABLE = "FB001", Error;
    /// A page is binary or not UTF-8.
    NotText / NOT_TEXT = "FB002", Error;
    /// A page is empty.
    EmptyPage / EMPTY_PAGE = "FB003", Error;
    /// A page has no front matter block.
    FrontMatter / FRONT_MATTER = "FB004", Error;
    /// The front matter is not valid YAML.
    YamlSyntax / YAML_SYNTAX = "FB005", Error;
    /// The front matter has a key faqbook does not know.
    UnknownKey / UNKNOWN_KEY = "FB006", Error;
    /// A required key (`title`, `service`, `status`) is missing or empty.
    MissingKey / MISSING_KEY = "FB007", Error;
    /// A key has the wrong type (for example `tags` that is not a list).
    WrongType / WRONG_TYPE = "FB008", Error;
    /// `status` is not resolved, escalated, unresolved or unknown.
    UnknownStatus / UNKNOWN_STATUS = "FB009", Error;
    /// `service` is not configured in book.toml.
    UnknownService / UNKNOWN_SERVICE = "FB010", Error;
    /// `id` is not ASCII `[a-z0-9_-]`.
    BadId / BAD_ID = "FB011", Error;
    /// Two pages have the same id.
    DuplicateId / DUPLICATE_ID = "FB012", Error;
    /// A date is not `YYYY-MM-DD`.
    BadDate / BAD_DATE = "FB013", Error;
    /// A tag is not in the `[[tags]]` vocabulary (warning).
    UnknownTag / UNKNOWN_TAG = "FB014", Warning;
    /// A symlink leaves the content folder, or is broken.
    Symlink / SYMLINK = "FB015", ErrorOrWarning;
    /// A page is larger than faqbook accepts.
    TooLarge / TOO_LARGE = "FB016", Error;
    /// Two tag spellings share one slug and are listed as one tag (warning).
    TagCollision / TAG_COLLISION = "FB017", Warning;
    /// A file name Windows cannot extract (`con`, `aux.png`, names differing only in case).
    ReservedName / RESERVED_NAME = "FB018", Error;
    // --- build / render (FB020–FB039) ---
    /// A link points at a page or file that does not exist (or outside the content folder).
    BrokenLink / BROKEN_LINK = "FB020", Error;
    /// A link's `#anchor` matches no heading of the target page.
    MissingAnchor / MISSING_ANCHOR = "FB021", Error;
    /// An image is not in the content folder.
    MissingImage / MISSING_IMAGE = "FB022", Error;
    /// A `javascript:`/`data:`-style link was removed (warning; allowed with `allow-html`).
    UnsafeLink / UNSAFE_LINK = "FB023", Warning;
    /// A link is an absolute path, which breaks under `file://` (warning).
    AbsoluteLink / ABSOLUTE_LINK = "FB024", Warning;
    /// A template does not parse or fails to render.
    Template / TEMPLATE = "FB030", Error;
    /// The configured theme folder does not exist, or a theme file cannot be read.
    Theme / THEME = "FB031", Error;
    /// The output folder cannot be written.
    Output / OUTPUT = "FB032", Error;
    /// The output folder would overlap the site's own files.
    UnsafeDest / UNSAFE_DEST = "FB033", Error;
    /// The search index could not be written (for example more pages than its format holds).
    SearchIndex / SEARCH_INDEX = "FB034", Error;
    /// An export target's name does not end in its format's extension (warning).
    ExportExtension / EXPORT_EXTENSION = "FB035", Warning;
    // --- check content rules (FB040–FB059) ---
    /// A page has no content below its front matter (only blank lines or headings without text).
    EmptyBody / EMPTY_BODY = "FB040", Error;
    /// A heading is followed by no content before the next heading of the same or a higher level.
    EmptySection / EMPTY_SECTION = "FB041", Error;
    /// A page has no inquiry section (`問い合わせ` or `Question` heading) (warning).
    NoInquirySection / NO_INQUIRY_SECTION = "FB042", Warning;
    /// A page contains raw HTML while `[build] allow-html` is off (warning).
    RawHtml / RAW_HTML = "FB043", Warning;
    /// A page is not reviewed yet (`reviewed: false`) (warning; an error under `--strict`).
    Unreviewed / UNREVIEWED = "FB044", Warning;
    /// A page's `date` is older than `[check] stale-after-days` (warning).
    Stale / STALE = "FB045", Warning;
    // --- knowledge base: recurring cases, review (FB060–FB079) ---
    /// `import --merge`: the page a case repeats was changed since its import, so the case got a
    /// page of its own (warning).
    MergeEdited / MERGE_EDITED = "FB060", Warning;
    /// A reviewed page's last review is older than `[review] after-days` (warning).
    ReviewDue / REVIEW_DUE = "FB061", Warning;
    // --- import (FB201–FB211) ---
    /// An input file or folder cannot be read (error), or a symlinked file in an input folder
    /// is skipped (warning).
    UnreadableInput / UNREADABLE_INPUT = "FB201", ErrorOrWarning;
    /// An input is a binary file (error).
    BinaryInput / BINARY_INPUT = "FB202", Error;
    /// An input is larger than the importer accepts (error).
    InputTooLarge / INPUT_TOO_LARGE = "FB203", Error;
    /// An input is empty (warning).
    EmptyInput / EMPTY_INPUT = "FB204", Warning;
    /// A line fits no case and was not imported (warning).
    UnplacedLine / UNPLACED_LINE = "FB205", Warning;
    /// No line of an input names a configured service (warning).
    NoSections / NO_SECTIONS = "FB206", Warning;
    /// A heading (Markdown, or a plain-text line shaped as one) names no configured service, or
    /// a case comes before any heading (warning).
    UnknownSection / UNKNOWN_SECTION = "FB207", Warning;
    /// Bytes that are invalid in the detected encoding (warning).
    MalformedBytes / MALFORMED_BYTES = "FB208", Warning;
    /// A page was edited by hand since its import and was not overwritten (warning).
    EditedPage / EDITED_PAGE = "FB209", Warning;
    /// Two cases have the same inquiry (warning).
    DuplicateCase / DUPLICATE_CASE = "FB210", Warning;
    /// A page cannot be written (error).
    WriteFailed / WRITE_FAILED = "FB211", Error;
    /// Control characters (terminal escape codes, NUL …) were removed from an input (warning).
    ControlCharacters / CONTROL_CHARACTERS = "FB212", Warning;
    /// A page would be larger than the page loader accepts; it was not written (error).
    PageTooLarge / PAGE_TOO_LARGE = "FB213", Error;
    /// `book.toml` cannot take the services the minutes name, or cannot be written (error).
    ConfigEdit / CONFIG_EDIT = "FB214", Error;
    /// A Word document or web-page export cannot be read: corrupt zip or XML, an entry over
    /// the size limits (error).
    BrokenDocument / BROKEN_DOCUMENT = "FB220", Error;
    /// A configuration error in book.toml.
    Config / CONFIG = "FB901", Error;
    /// A configuration value that is well-formed TOML but not acceptable.
    ConfigValue / CONFIG_VALUE = "FB902", Error;
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl serde::Serialize for Code {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}
