//! Content: the FAQ pages in `content/`, read into typed `Page`s.
//!
//! This is the one loader and validator of pages: `build` and `check` both call `load_site`, so
//! they can never disagree about what a valid page is. Loading never stops at the first problem:
//! every file is read, every problem becomes a located `Diagnostic`, and the pages that are valid
//! are returned beside them. Front-matter lines are reported as lines *in the file* (the YAML
//! parser's lines are shifted past the opening `---`).

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use rayon::prelude::*;
use serde_yaml::Value;
use walkdir::WalkDir;

use crate::config::{Config, Language};
use crate::diagnostics::{Diagnostic, codes, display_path, line_col, sort_diagnostics};
use crate::slug::is_valid_slug;

/// Pages larger than this are refused: FAQ pages are short, and a huge file is a mistake.
pub const MAX_PAGE_BYTES: u64 = 10 * 1024 * 1024;

/// Resolution status of a support case.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Resolved,
    Escalated,
    Unresolved,
    Unknown,
}

impl Status {
    pub const ALL: [Status; 4] = [Status::Resolved, Status::Escalated, Status::Unresolved, Status::Unknown];

    pub fn as_str(self) -> &'static str {
        match self {
            Status::Resolved => "resolved",
            Status::Escalated => "escalated",
            Status::Unresolved => "unresolved",
            Status::Unknown => "unknown",
        }
    }

    pub fn parse(s: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|status| status.as_str() == s)
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One FAQ page, validated.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Page {
    /// Path as the user sees it (site root joined with the content dir), for diagnostics.
    pub path: PathBuf,
    /// Path relative to the content dir, with `/` separators (for resolving links between pages).
    pub rel_path: String,
    pub id: String,
    pub title: String,
    /// The configured service name (canonical, even when the page used an alias).
    pub service: String,
    pub service_slug: String,
    pub tags: Vec<String>,
    pub status: Status,
    pub date: Option<NaiveDate>,
    /// Where the importer took the case from (`file:first-last`).
    pub source: Option<String>,
    pub reviewed: bool,
    pub reviewed_by: Option<String>,
    pub reviewed_on: Option<NaiveDate>,
    /// Ids of earlier pages this case repeats (written by the importer).
    pub recurs: Vec<String>,
    pub import_fingerprint: Option<String>,
    /// The importer's evidence for `status` (`"<sentence>" (line N)`): shown to reviewers on
    /// `review.html`, never on the page itself.
    pub status_reason: Option<String>,
    /// Markdown after the front matter.
    pub body: String,
    /// 1-based line of the file where `body` starts, to locate problems found in the body.
    pub body_line: usize,
    /// 1-based line of each front-matter key, to locate problems found later (links, tags …).
    pub key_lines: BTreeMap<String, usize>,
}

impl Page {
    /// Line of a front-matter key, or of the opening `---` when the key is absent.
    pub fn key_line(&self, key: &str) -> usize {
        self.key_lines.get(key).copied().unwrap_or(1)
    }
}

/// Section headings of a page body in the site language: the importer writes them, `faqbook
/// new` scaffolds them, and `import --merge` appends under them.
pub struct Headings {
    pub inquiry: &'static str,
    pub answer: &'static str,
    pub follow_up: &'static str,
    pub comments: &'static str,
    /// Label that opens an occurrence merged into a page by `import --merge`.
    pub asked_again: &'static str,
}

pub fn headings(language: Language) -> Headings {
    match language {
        Language::Ja => Headings {
            inquiry: "問い合わせ",
            answer: "対応",
            follow_up: "経過",
            comments: "ミーティングでのコメント",
            asked_again: ASKED_AGAIN_LABELS[0],
        },
        Language::En => Headings {
            inquiry: "Question",
            answer: "Answer",
            follow_up: "Follow-up",
            comments: "Notes from the meeting",
            asked_again: ASKED_AGAIN_LABELS[1],
        },
    }
}

/// Labels that open a merged occurrence (`**再び問い合わせ (2025-11-19, …):**`), per site
/// language; the site counts them as times the question was asked.
pub const ASKED_AGAIN_LABELS: [&str; 2] = ["再び問い合わせ", "Asked again"];

/// The occurrences merged into a page body: one entry per merged case, with its date if any.
pub fn merged_occurrences(body: &str) -> Vec<Option<NaiveDate>> {
    body.lines()
        .filter_map(|line| {
            ASKED_AGAIN_LABELS
                .iter()
                .find_map(|label| line.strip_prefix("**")?.strip_prefix(label)?.strip_prefix(" ("))
        })
        .map(|rest| rest.get(..10).and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok()))
        .collect()
}

/// Everything `load_site` found: valid pages sorted by id, non-page files (images and other
/// assets) relative to the content dir, and every problem.
#[derive(Debug, Default)]
pub struct LoadedSite {
    pub pages: Vec<Page>,
    pub assets: Vec<String>,
    pub diagnostics: Vec<Diagnostic>,
    /// Page files found (valid or not), for summaries such as "… in 41 pages".
    pub page_files: usize,
    /// The content folder itself cannot be read (missing, or a wrong `--root`/`content-dir`): a
    /// usage error for `build` and `check` alike, not a problem in a page.
    pub content_dir_unreadable: bool,
    /// Page files (content-relative, `/`-separated) that did not load or were dropped as
    /// duplicates. Their own errors are reported; links to them are not "broken" on top.
    pub unloadable_pages: Vec<String>,
}

/// Front-matter keys a page may have. Anything else is an error (a typo would otherwise be lost).
pub const FRONT_MATTER_KEYS: [&str; 13] = [
    "id",
    "title",
    "service",
    "tags",
    "status",
    "date",
    "source",
    "reviewed",
    "reviewed-by",
    "reviewed-on",
    "recurs",
    "status-reason",
    "import-fingerprint",
];

/// Reads every page under the content dir. Never fails as a whole: problems are diagnostics.
pub fn load_site(config: &Config) -> LoadedSite {
    let content_dir = config.content_dir();
    let mut site = LoadedSite::default();
    let entries = match list_content(&content_dir, &mut site) {
        Some(entries) => entries,
        None => return site,
    };
    site.page_files = entries.len();
    site.diagnostics.extend(reserved_asset_names(&content_dir, &site.assets));
    let parsed: Vec<Result<Page, Vec<Diagnostic>>> =
        entries.par_iter().map(|(path, rel)| read_page(config, path, rel)).collect();
    for result in parsed {
        match result {
            Ok(page) => site.pages.push(page),
            Err(mut diagnostics) => site.diagnostics.append(&mut diagnostics),
        }
    }
    for page in &site.pages {
        site.diagnostics.extend(tag_warnings(config, page));
    }
    site.diagnostics.extend(duplicate_id_errors(&mut site.pages));
    site.diagnostics.extend(crate::tags::collision_warnings(config, &site.pages));
    let loaded: std::collections::HashSet<&str> = site.pages.iter().map(|p| p.rel_path.as_str()).collect();
    site.unloadable_pages = entries
        .iter()
        .filter(|(_, rel)| !loaded.contains(rel.as_str()))
        .map(|(_, rel)| rel.clone())
        .collect();
    sort_diagnostics(&mut site.diagnostics);
    site
}

/// Walks the content dir in sorted order: `.md` files are pages, other files are assets. Hidden
/// entries are skipped. Symlinks are followed only when they stay inside the content dir.
fn list_content(content_dir: &Path, site: &mut LoadedSite) -> Option<Vec<(PathBuf, String)>> {
    let canonical_root = match content_dir.canonicalize() {
        Ok(root) => root,
        Err(e) => {
            site.content_dir_unreadable = true;
            site.diagnostics.push(Diagnostic::error(
                codes::UNREADABLE,
                content_dir,
                0,
                0,
                format!("cannot open the content folder: {e}"),
            ));
            return None;
        }
    };
    let mut pages = Vec::new();
    let walker = WalkDir::new(content_dir)
        .follow_links(false)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
    for entry in walker {
        let entry = match entry {
            Ok(entry) => entry,
            Err(e) => {
                let path = e.path().unwrap_or(content_dir).to_path_buf();
                site.diagnostics.push(Diagnostic::error(codes::UNREADABLE, path, 0, 0, e.to_string()));
                continue;
            }
        };
        let path = entry.path();
        let Ok(rel) = path.strip_prefix(content_dir) else { continue };
        let rel = rel.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/");
        if entry.path_is_symlink() {
            match path.canonicalize() {
                Ok(target) if target.starts_with(&canonical_root) => {
                    if target.is_dir() {
                        site.diagnostics.push(Diagnostic::warning(
                            codes::SYMLINK,
                            path,
                            0,
                            0,
                            "symlinked folders are not followed; move the pages into the content folder",
                        ));
                        continue;
                    }
                }
                Ok(target) => {
                    site.diagnostics.push(Diagnostic::error(
                        codes::SYMLINK,
                        path,
                        0,
                        0,
                        format!("symlink points outside the content folder (to {})", target.display()),
                    ));
                    continue;
                }
                Err(e) => {
                    site.diagnostics.push(Diagnostic::error(
                        codes::SYMLINK,
                        path,
                        0,
                        0,
                        format!("broken symlink: {e}"),
                    ));
                    continue;
                }
            }
        } else if !entry.file_type().is_file() {
            continue;
        }
        if rel.ends_with(".md") {
            pages.push((path.to_path_buf(), rel));
        } else {
            site.assets.push(rel);
        }
    }
    Some(pages)
}

/// Asset names that Windows cannot extract from a zip or a copied folder: device names (`aux.png`)
/// and names differing only in case (`A.png`, `a.png`), which would overwrite each other.
fn reserved_asset_names(content_dir: &Path, assets: &[String]) -> Vec<Diagnostic> {
    let mut seen = std::collections::HashMap::new();
    let mut errors = Vec::new();
    for rel in assets {
        let refuse =
            |message: String| Diagnostic::error(codes::RESERVED_NAME, content_dir.join(rel), 0, 0, message);
        if let Some(part) = rel.split('/').find(|part| crate::slug::is_windows_reserved(part)) {
            errors.push(refuse(format!("`{part}` is a name Windows cannot use for a file; rename it")));
        } else if let Some(other) = seen.insert(rel.to_lowercase(), rel) {
            errors.push(refuse(format!("differs from `{other}` only in case; rename one of them")));
        }
    }
    errors
}

/// Reads and parses one page file (`load_site` for each page; `serve` for one edited page).
pub fn read_page(config: &Config, path: &Path, rel: &str) -> Result<Page, Vec<Diagnostic>> {
    let one = |code, line, col, message: String| vec![Diagnostic::error(code, path, line, col, message)];
    let size = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
    if size > MAX_PAGE_BYTES {
        return Err(one(
            codes::TOO_LARGE,
            0,
            0,
            format!("page is {size} bytes; pages over {MAX_PAGE_BYTES} bytes are refused"),
        ));
    }
    let bytes = std::fs::read(path).map_err(|e| one(codes::UNREADABLE, 0, 0, format!("cannot read: {e}")))?;
    let text =
        decode_page(&bytes).map_err(|(line, col, message)| one(codes::NOT_TEXT, line, col, message))?;
    // Control characters never reach an output (XML feeds, HTML, the search index). `\r` is
    // kept here: line ends are the parser's business.
    let text = if text.contains(|c: char| crate::controls::is_unwanted(c) && c != '\r') {
        std::borrow::Cow::Owned(
            text.split('\r')
                .map(|part| crate::controls::strip(part).into_owned())
                .collect::<Vec<_>>()
                .join("\r"),
        )
    } else {
        std::borrow::Cow::Borrowed(text)
    };
    parse_page(config, path, rel, &text)
}

/// Pages must be UTF-8 text (a BOM is allowed). Returns the location of the first bad byte.
fn decode_page(bytes: &[u8]) -> Result<&str, (usize, usize, String)> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if let Some(nul) = bytes.iter().position(|&b| b == 0) {
        let (line, col) = line_col(&String::from_utf8_lossy(&bytes[..nul]), nul);
        return Err((line, col, "binary file (contains a NUL byte); pages must be UTF-8 text".into()));
    }
    std::str::from_utf8(bytes).map_err(|e| {
        let good = &bytes[..e.valid_up_to()];
        let (line, col) = line_col(&String::from_utf8_lossy(good), good.len());
        (
            line,
            col,
            "not valid UTF-8; save the page as UTF-8 (faqbook import converts other encodings)".into(),
        )
    })
}

/// Parses one page's text. Public for `check` and tests; `path` and `rel` only label the result.
pub fn parse_page(config: &Config, path: &Path, rel: &str, text: &str) -> Result<Page, Vec<Diagnostic>> {
    let error = |code, line, col, message: String| Diagnostic::error(code, path, line, col, message);
    if text.trim().is_empty() {
        return Err(vec![error(
            codes::EMPTY_PAGE,
            1,
            1,
            "empty page: it needs front matter and a body".into(),
        )]);
    }
    let Some((yaml, body, body_line)) = split_front_matter(text) else {
        return Err(vec![error(
            codes::FRONT_MATTER,
            1,
            1,
            "missing front matter: a page starts with a `---` line, YAML keys, and another `---` line".into(),
        )]);
    };
    // YAML line 1 is file line 2 (after the opening `---`).
    let yaml_line = |line: usize| line + 1;
    let mapping = match serde_yaml::from_str::<Value>(yaml) {
        Ok(Value::Mapping(mapping)) => mapping,
        Ok(Value::Null) => serde_yaml::Mapping::new(),
        Ok(_) => {
            return Err(vec![error(
                codes::FRONT_MATTER,
                2,
                1,
                "front matter must be `key: value` lines".into(),
            )]);
        }
        Err(e) => {
            let (line, col) = e.location().map_or((2, 1), |l| (yaml_line(l.line()), l.column()));
            let message = e.to_string();
            let message = message.split(" at line ").next().unwrap_or(&message).to_string();
            return Err(vec![error(
                codes::YAML_SYNTAX,
                line,
                col,
                format!("front matter is not valid YAML: {message}"),
            )]);
        }
    };
    let key_lines = front_matter_key_lines(yaml);
    let line_of = |key: &str| key_lines.get(key).copied().unwrap_or(1);
    let mut errors = Vec::new();
    let mut fields: BTreeMap<&str, &Value> = BTreeMap::new();
    for (key, value) in &mapping {
        match key.as_str().and_then(|k| FRONT_MATTER_KEYS.iter().find(|known| **known == k)) {
            Some(known) => {
                fields.insert(known, value);
            }
            None => {
                let name = key.as_str().map_or_else(|| format!("{key:?}"), str::to_string);
                errors.push(error(
                    codes::UNKNOWN_KEY,
                    line_of(&name),
                    1,
                    format!(
                        "unknown front-matter key `{name}` (known keys: {})",
                        FRONT_MATTER_KEYS.join(", ")
                    ),
                ));
            }
        }
    }
    let mut text_field = |key: &str, required: bool| -> Option<String> {
        match fields.get(key) {
            Some(value) => match scalar_string(value) {
                Some(s) if !s.trim().is_empty() => Some(s.trim().to_string()),
                Some(_) if required => {
                    errors.push(error(codes::MISSING_KEY, line_of(key), 1, format!("`{key}` is empty")));
                    None
                }
                Some(_) => None,
                None => {
                    errors.push(error(codes::WRONG_TYPE, line_of(key), 1, format!("`{key}` must be text")));
                    None
                }
            },
            None if required => {
                errors.push(error(
                    codes::MISSING_KEY,
                    1,
                    1,
                    format!("missing required front-matter key `{key}`"),
                ));
                None
            }
            None => None,
        }
    };
    let title = text_field("title", true);
    let service_label = text_field("service", true);
    let status_text = text_field("status", true);
    let id_text = text_field("id", false);
    let date_text = text_field("date", false);
    let source = text_field("source", false);
    let reviewed_by = text_field("reviewed-by", false);
    let reviewed_on_text = text_field("reviewed-on", false);
    let import_fingerprint = text_field("import-fingerprint", false);
    let status_reason = text_field("status-reason", false);

    let status = status_text.and_then(|s| {
        let status = Status::parse(&s);
        if status.is_none() {
            errors.push(error(
                codes::UNKNOWN_STATUS,
                line_of("status"),
                1,
                format!("unknown status `{s}`: use resolved, escalated, unresolved or unknown"),
            ));
        }
        status
    });
    let service = service_label.and_then(|label| {
        let service = config.resolve_service(&label);
        if service.is_none() {
            let known: Vec<&str> = config.services.iter().map(|s| s.name.as_str()).collect();
            errors.push(error(
                codes::UNKNOWN_SERVICE,
                line_of("service"),
                1,
                format!("service `{label}` is not configured in book.toml (known: {})", known.join(", ")),
            ));
        }
        service
    });
    let stem = rel.rsplit('/').next().unwrap_or(rel).trim_end_matches(".md").to_string();
    let id = id_text.unwrap_or(stem);
    if !is_valid_slug(&id) {
        let message = if crate::slug::is_windows_reserved(&id) {
            format!(
                "id `{id}` is a device name Windows cannot use as a file name (con, nul, aux …); choose another"
            )
        } else {
            format!("id `{id}` must be 1-100 characters of a-z, 0-9, `-` or `_` (it becomes a file name)")
        };
        errors.push(error(codes::BAD_ID, line_of("id"), 1, message));
    }
    let mut date_field = |key: &str, text: Option<String>| {
        text.and_then(|t| match NaiveDate::parse_from_str(&t, "%Y-%m-%d") {
            Ok(date) => Some(date),
            Err(_) => {
                errors.push(error(
                    codes::BAD_DATE,
                    line_of(key),
                    1,
                    format!("`{key}: {t}` is not a date (YYYY-MM-DD)"),
                ));
                None
            }
        })
    };
    let date = date_field("date", date_text);
    let reviewed_on = date_field("reviewed-on", reviewed_on_text);
    let mut list_field = |key: &str| -> Vec<String> {
        match fields.get(key) {
            None | Some(Value::Null) => Vec::new(),
            Some(Value::Sequence(items)) => {
                let mut out = Vec::new();
                for item in items {
                    match scalar_string(item) {
                        Some(s) if !s.trim().is_empty() => out.push(s.trim().to_string()),
                        _ => errors.push(error(
                            codes::WRONG_TYPE,
                            line_of(key),
                            1,
                            format!("every item of `{key}` must be non-empty text"),
                        )),
                    }
                }
                out
            }
            Some(value) => match scalar_string(value) {
                Some(s) if !s.trim().is_empty() => vec![s.trim().to_string()],
                _ => {
                    errors.push(error(
                        codes::WRONG_TYPE,
                        line_of(key),
                        1,
                        format!("`{key}` must be a list like [a, b]"),
                    ));
                    Vec::new()
                }
            },
        }
    };
    let mut tags = list_field("tags");
    let recurs = list_field("recurs");
    let reviewed = match fields.get("reviewed") {
        None | Some(Value::Null) => false,
        Some(Value::Bool(b)) => *b,
        Some(_) => {
            errors.push(error(
                codes::WRONG_TYPE,
                line_of("reviewed"),
                1,
                "`reviewed` must be true or false".into(),
            ));
            false
        }
    };
    // Repeated tags would make duplicate links; keep the first of each.
    let mut seen = std::collections::BTreeSet::new();
    tags.retain(|t| seen.insert(t.clone()));

    match (errors.is_empty(), title, service, status) {
        (true, Some(title), Some(service), Some(status)) => Ok(Page {
            path: path.to_path_buf(),
            rel_path: rel.to_string(),
            id,
            title,
            service: service.name,
            service_slug: service.slug,
            tags,
            status,
            date,
            source,
            reviewed,
            reviewed_by,
            reviewed_on,
            recurs,
            import_fingerprint,
            status_reason,
            body: body.to_string(),
            body_line,
            key_lines,
        }),
        _ => Err(errors),
    }
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

/// 1-based file line of each top-level key of the front matter.
fn front_matter_key_lines(yaml: &str) -> BTreeMap<String, usize> {
    let mut lines = BTreeMap::new();
    for (index, line) in yaml.lines().enumerate() {
        if line.starts_with([' ', '\t', '#', '-']) {
            continue;
        }
        if let Some((key, _)) = line.split_once(':') {
            let key = key.trim().trim_matches(['"', '\'']);
            lines.entry(key.to_string()).or_insert(index + 2);
        }
    }
    lines
}

/// Scalars as text: YAML reads `365` as a number and `yes` as text; both are fine as text.
fn scalar_string(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// A warning for each tag of `page` outside the `[[tags]]` vocabulary (when there is one).
pub fn tag_warnings(config: &Config, page: &Page) -> Vec<Diagnostic> {
    if config.tags.is_empty() {
        return Vec::new();
    }
    page.tags
        .iter()
        .filter(|tag| config.find_tag(tag).is_none())
        .map(|tag| {
            Diagnostic::warning(
                codes::UNKNOWN_TAG,
                &page.path,
                page.key_line("tags"),
                1,
                format!("tag `{tag}` is not in the [[tags]] vocabulary of book.toml"),
            )
        })
        .collect()
}

/// Sorts pages by id and reports every id used by more than one file (naming both). The later
/// duplicates are dropped so the build cannot write two pages to one file.
fn duplicate_id_errors(pages: &mut Vec<Page>) -> Vec<Diagnostic> {
    pages.sort_by(|a, b| a.id.cmp(&b.id).then_with(|| a.rel_path.cmp(&b.rel_path)));
    let mut errors = Vec::new();
    let mut kept: Vec<Page> = Vec::with_capacity(pages.len());
    for page in pages.drain(..) {
        match kept.last() {
            Some(first) if first.id == page.id => errors.push(Diagnostic::error(
                codes::DUPLICATE_ID,
                &page.path,
                page.key_line("id"),
                1,
                format!("id `{}` is also used by {}", page.id, display_path(&first.path)),
            )),
            _ => kept.push(page),
        }
    }
    *pages = kept;
    errors
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn config() -> Config {
        Config::parse(
            Path::new("site"),
            Path::new("site/book.toml"),
            "[[services]]\nname = \"UTokyo Account\"\nslug = \"utokyo-account\"\naliases = [\"UTokyo アカウント\"]\n\
             [[tags]]\nname = \"多要素認証\"\nslug = \"mfa\"\n",
        )
        .unwrap()
    }

    fn parse(text: &str) -> Result<Page, Vec<Diagnostic>> {
        parse_page(&config(), Path::new("content/a-page.md"), "a-page.md", text)
    }

    const GOOD: &str = "---\nid: utokyo-account-1\ntitle: 多要素認証の設定\nservice: UTokyo アカウント\ntags: [多要素認証]\nstatus: resolved\ndate: 2025-12-10\nreviewed: false\n---\n\n## 問い合わせ\n本文\n";

    #[test]
    fn parses_a_complete_page() {
        let page = parse(GOOD).unwrap();
        assert_eq!(page.id, "utokyo-account-1");
        assert_eq!(page.service, "UTokyo Account", "alias resolves to the configured name");
        assert_eq!(page.service_slug, "utokyo-account");
        assert_eq!(page.status, Status::Resolved);
        assert_eq!(page.date, NaiveDate::from_ymd_opt(2025, 12, 10));
        assert_eq!(page.body_line, 10);
        assert!(page.body.contains("## 問い合わせ"));
        assert_eq!(page.key_line("status"), 6);
    }

    #[test]
    fn id_defaults_to_the_file_stem() {
        let page = parse("---\ntitle: t\nservice: UTokyo Account\nstatus: unknown\n---\nbody\n").unwrap();
        assert_eq!(page.id, "a-page");
    }

    fn first_error(text: &str) -> Diagnostic {
        parse(text).unwrap_err().into_iter().next().unwrap()
    }

    #[test]
    fn unknown_status_is_located_at_its_line() {
        let d = first_error(&GOOD.replace("status: resolved", "status: done"));
        assert_eq!((d.code, d.line), (codes::UNKNOWN_STATUS, 6), "{d}");
        assert!(d.message.contains("`done`"));
    }

    #[test]
    fn yaml_syntax_errors_are_shifted_to_file_lines() {
        let d = first_error("---\ntitle: a\nservice: [unclosed\nstatus: resolved\n---\nbody\n");
        assert_eq!(d.code, codes::YAML_SYNTAX, "{d}");
        assert!(d.line >= 3, "{d}");
    }

    #[test]
    fn missing_title_and_unknown_key_are_both_reported() {
        let errors =
            parse("---\nservice: UTokyo Account\nstatus: resolved\ntitel: x\n---\nbody\n").unwrap_err();
        let codes_found: Vec<_> = errors.iter().map(|d| d.code).collect();
        assert!(codes_found.contains(&codes::UNKNOWN_KEY), "{errors:?}");
        assert!(codes_found.contains(&codes::MISSING_KEY), "{errors:?}");
        let unknown = errors.iter().find(|d| d.code == codes::UNKNOWN_KEY).unwrap();
        assert_eq!(unknown.line, 4);
    }

    #[test]
    fn path_like_ids_are_refused() {
        for bad in ["../../etc/passwd", "/abs", "a/b", "Upper", "日本語"] {
            let d = first_error(&GOOD.replace("id: utokyo-account-1", &format!("id: \"{bad}\"")));
            assert_eq!((d.code, d.line), (codes::BAD_ID, 2), "{bad}: {d}");
        }
    }

    #[test]
    fn unknown_service_and_bad_date_are_errors() {
        let d = first_error(&GOOD.replace("service: UTokyo アカウント", "service: Moodle"));
        assert_eq!(d.code, codes::UNKNOWN_SERVICE);
        let d = first_error(&GOOD.replace("date: 2025-12-10", "date: 2025-13-40"));
        assert_eq!((d.code, d.line), (codes::BAD_DATE, 7));
    }

    #[test]
    fn empty_and_front_matterless_pages_are_errors() {
        assert_eq!(first_error("").code, codes::EMPTY_PAGE);
        assert_eq!(first_error("# just markdown\n").code, codes::FRONT_MATTER);
    }

    #[test]
    fn binary_and_non_utf8_are_located() {
        assert!(decode_page(b"---\ntitle: a\0b").is_err());
        let (line, _, _) = decode_page(b"---\ntitle: \x82\xa0\n").unwrap_err();
        assert_eq!(line, 2);
        assert!(decode_page("\u{feff}---\n".as_bytes()).is_ok());
    }

    #[test]
    fn split_front_matter_handles_crlf_and_reports_body_line() {
        let (yaml, body, line) = split_front_matter("---\r\na: 1\r\n---\r\nbody").unwrap();
        assert_eq!(yaml, "a: 1\r\n");
        assert_eq!(body, "body");
        assert_eq!(line, 4);
    }

    proptest! {
        #[test]
        fn parse_page_never_panics(text in "(---\n)?[ -~\\n:あ\\[\\]{}]{0,200}(\n---\n)?.{0,50}") {
            let _ = parse(&text);
        }
    }
}
