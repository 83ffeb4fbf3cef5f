//! Content: the FAQ pages in `content/`, read into typed `Page`s.
//!
//! This is the one loader and validator of pages: `build` and `check` both call `load_site`, so
//! they can never disagree about what a valid page is. Loading never stops at the first problem:
//! every file is read, every problem becomes a located `Diagnostic`, and the pages that are valid
//! are returned beside them. Front-matter lines are reported as lines *in the file* (the YAML
//! parser's lines are shifted past the opening `---`).

use std::fmt;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use rayon::prelude::*;

use crate::config::{Config, Language};
use crate::diagnostics::{Diagnostic, codes, display_path, sort_diagnostics};

pub mod front_matter;
mod load;
pub mod tags;

pub use front_matter::{FrontMatter, Key, KeyLines, split_front_matter};
pub use load::read_page;

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
    /// The front matter, its `service` being the configured service name (canonical, even
    /// when the page used an alias).
    #[serde(flatten)]
    pub front: FrontMatter,
    pub service_slug: String,
    /// Markdown after the front matter.
    pub body: String,
    /// 1-based line of the file where `body` starts, to locate problems found in the body.
    pub body_line: usize,
    /// 1-based line of each front-matter key, to locate problems found later (links, tags …).
    pub key_lines: KeyLines,
}

impl Page {
    /// Line of a front-matter key, or of the opening `---` when the key is absent.
    pub fn key_line(&self, key: Key) -> usize {
        self.key_lines.line(key)
    }
}

/// Parses one page's text. Public for `check` and tests; `path` and `rel` only label the result.
pub fn parse_page(config: &Config, path: &Path, rel: &str, text: &str) -> Result<Page, Vec<Diagnostic>> {
    let error = |code, message: &str| vec![Diagnostic::error(code, path, 1, 1, message.to_string())];
    if text.trim().is_empty() {
        return Err(error(codes::EMPTY_PAGE, "empty page: it needs front matter and a body"));
    }
    let Some((yaml, body, body_line)) = split_front_matter(text) else {
        return Err(error(
            codes::FRONT_MATTER,
            "missing front matter: a page starts with a `---` line, YAML keys, and another `---` line",
        ));
    };
    let stem = rel.rsplit('/').next().unwrap_or(rel).trim_end_matches(".md");
    let front_matter::Parsed { front, lines, service } = front_matter::parse(config, path, stem, yaml)?;
    Ok(Page {
        path: path.to_path_buf(),
        rel_path: rel.to_string(),
        front: FrontMatter { service: service.name, ..front },
        service_slug: service.slug,
        body: body.to_string(),
        body_line,
        key_lines: lines,
    })
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

/// Reads every page under the content dir. Never fails as a whole: problems are diagnostics.
pub fn load_site(config: &Config) -> LoadedSite {
    let content_dir = config.content_dir();
    let mut site = LoadedSite::default();
    let entries = match load::list_content(&content_dir, &mut site) {
        Some(entries) => entries,
        None => return site,
    };
    site.page_files = entries.len();
    site.diagnostics.extend(load::reserved_asset_names(&content_dir, &site.assets));
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
    site.diagnostics.extend(tags::collision_warnings(config, &site.pages));
    let loaded: std::collections::HashSet<&str> = site.pages.iter().map(|p| p.rel_path.as_str()).collect();
    site.unloadable_pages = entries
        .iter()
        .filter(|(_, rel)| !loaded.contains(rel.as_str()))
        .map(|(_, rel)| rel.clone())
        .collect();
    sort_diagnostics(&mut site.diagnostics);
    site
}

/// A warning for each tag of `page` outside the `[[tags]]` vocabulary (when there is one).
pub fn tag_warnings(config: &Config, page: &Page) -> Vec<Diagnostic> {
    if config.tags.is_empty() {
        return Vec::new();
    }
    page.front
        .tags
        .iter()
        .filter(|tag| config.find_tag(tag).is_none())
        .map(|tag| {
            Diagnostic::warning(
                codes::UNKNOWN_TAG,
                &page.path,
                page.key_line(Key::Tags),
                1,
                format!("tag `{tag}` is not in the [[tags]] vocabulary of book.toml"),
            )
        })
        .collect()
}

/// Sorts pages by id and reports every id used by more than one file (naming both). The later
/// duplicates are dropped so the build cannot write two pages to one file.
fn duplicate_id_errors(pages: &mut Vec<Page>) -> Vec<Diagnostic> {
    pages.sort_by(|a, b| a.front.id.cmp(&b.front.id).then_with(|| a.rel_path.cmp(&b.rel_path)));
    let mut errors = Vec::new();
    let mut kept: Vec<Page> = Vec::with_capacity(pages.len());
    for page in pages.drain(..) {
        match kept.last() {
            Some(first) if first.front.id == page.front.id => errors.push(Diagnostic::error(
                codes::DUPLICATE_ID,
                &page.path,
                page.key_line(Key::Id),
                1,
                format!("id `{}` is also used by {}", page.front.id, display_path(&first.path)),
            )),
            _ => kept.push(page),
        }
    }
    *pages = kept;
    errors
}
