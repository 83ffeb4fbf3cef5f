//! Import: helpdesk meeting minutes → one FAQ page per support case in `content/`.
//!
//! Stages, each a pure function over the previous one's output:
//! `read` (bytes → typed lines, one reader per format; text goes through `decode`) → `clean`
//! (export artefacts out) → `segment` (preamble, sections,
//! cases) → `redact` (personal data out) → `classify` (status, tags, title) → `write` (page text,
//! fingerprint, safe write). This module only walks the inputs, runs the stages per file (in
//! parallel) and writes the pages in a fixed order, so the outcome never depends on timing.

pub mod classify;
pub mod clean;
pub mod decode;
mod inputs;
pub mod line;
mod pages;
pub mod read;
pub mod recur;
pub mod redact;
pub mod sanitize;
pub mod segment;
pub mod services;
pub mod write;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use chrono::NaiveDate;
use rayon::prelude::*;
use regex::Regex;

use crate::config::{Config, normalize_label};
use crate::diagnostics::{Diagnostic, sort_diagnostics};
use crate::slug::short_hash;
use classify::Status;
use inputs::{list_inputs, read_limited};
use redact::Redactor;
use write::{PageContent, WriteOutcome};

/// The importer's diagnostic codes (FB2xx) live with all others in `diagnostics::codes`.
pub use crate::diagnostics::codes;

/// What to import and how.
#[derive(Debug, Clone, Default)]
pub struct ImportOptions {
    /// Files and folders, as the user gave them.
    pub inputs: Vec<PathBuf>,
    /// Decide everything, write nothing.
    pub dry_run: bool,
    /// Overwrite pages even when they were edited by hand.
    pub force: bool,
    /// Meeting date for every page, overriding dates found in the minutes or file names.
    pub date: Option<NaiveDate>,
    /// Append a case that repeats an earlier page to that page instead of writing a new one.
    pub merge: bool,
    /// Leave `book.toml` alone: new services are only reported, with the TOML to add.
    pub keep_config: bool,
}

/// One page the import produced (or would produce).
#[derive(Debug, Clone, PartialEq)]
pub struct PageReport {
    pub path: PathBuf,
    pub id: String,
    pub service: String,
    pub status: Status,
    pub outcome: WriteOutcome,
    /// Earlier pages the case repeats, most similar first, with their similarity.
    pub recurs: Vec<recur::Repeat>,
    /// Where the case came from (`path:first-last`).
    pub source: String,
    /// The sentence that decided the status, with its line.
    pub status_reason: Option<classify::Reason>,
}

/// One input file that was read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileReport {
    pub path: PathBuf,
    pub encoding: &'static str,
    pub cases: usize,
    /// Lines removed as export artefacts (repeated blocks and bullets), in file order.
    pub removed: Vec<clean::Removed>,
}

impl FileReport {
    pub fn removed_lines(&self) -> usize {
        self.removed.iter().map(|r| r.count).sum()
    }
}

/// Everything the CLI prints after an import.
#[derive(Debug, Clone, Default)]
pub struct ImportReport {
    pub files: Vec<FileReport>,
    pub pages: Vec<PageReport>,
    pub diagnostics: Vec<Diagnostic>,
    /// Services the minutes name that `book.toml` did not, and what became of them.
    pub new_services: Option<NewServices>,
}

/// The services an import adds to `book.toml`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewServices {
    pub path: PathBuf,
    pub added: Vec<crate::config::Service>,
    /// The `[[services]]` TOML added (or to add by hand).
    pub snippet: String,
    /// Whether `book.toml` was (or on a dry run, would be) changed.
    pub edited: bool,
}

impl ImportReport {
    /// Cases per service name, each with counts per status.
    pub fn cases_by_service(&self) -> BTreeMap<&str, BTreeMap<Status, usize>> {
        let mut by_service: BTreeMap<&str, BTreeMap<Status, usize>> = BTreeMap::new();
        for page in &self.pages {
            *by_service.entry(page.service.as_str()).or_default().entry(page.status).or_default() += 1;
        }
        by_service
    }

    pub fn count(&self, outcome: WriteOutcome) -> usize {
        self.pages.iter().filter(|p| p.outcome == outcome).count()
    }
}

/// A case ready to be written: page content plus where it came from.
struct PreparedCase {
    id_base: String,
    /// Hash of the normalised inquiry: with the service slug, the page id.
    inquiry_hash: String,
    service: crate::config::Service,
    page: PageContent,
    path: PathBuf,
    line: usize,
}

/// Imports minutes into the site's content folder.
pub fn import(config: &Config, options: &ImportOptions) -> ImportReport {
    let mut report = ImportReport::default();
    // Walking the site root must not read the site's own pages or output back in as minutes.
    let site_folders: Vec<PathBuf> =
        [config.content_dir(), config.build_dir()].iter().filter_map(|d| d.canonicalize().ok()).collect();
    let files = list_inputs(&options.inputs, &site_folders, &mut report.diagnostics);
    let results: Vec<FileResult> = files.par_iter().map(|path| import_file(config, options, path)).collect();
    let mut prepared = Vec::new();
    for result in results {
        match result {
            Ok((file, cases, diagnostics, assets)) => {
                report.files.push(file);
                prepared.extend(cases);
                report.diagnostics.extend(diagnostics);
                let dir = config.content_dir().join(write::ASSETS_DIR);
                report.diagnostics.extend(write::write_assets(&dir, &assets, options.dry_run));
            }
            Err(diagnostic) => report.diagnostics.push(diagnostic),
        }
    }
    new_services(config, options, &mut prepared, &mut report);
    pages::write_pages(config, options, prepared, &mut report);
    sort_diagnostics(&mut report.diagnostics);
    report
}

/// Files the cases of headings that name no configured service under one service per spelling
/// (`services::reconcile`), and adds those services to `book.toml` unless the user keeps it as
/// it is (then, as on a dry run, the report only carries the TOML to add).
fn new_services(
    config: &Config,
    options: &ImportOptions,
    prepared: &mut [PreparedCase],
    report: &mut ImportReport,
) {
    let reconciled = services::reconcile(config, prepared.iter().map(|c| &c.service));
    for case in prepared.iter_mut() {
        if let Some(service) = reconciled.by_name.get(&case.service.name)
            && *service != case.service
        {
            case.id_base = format!("{}-{}", service.slug, case.inquiry_hash);
            case.page.service = service.name.clone();
            case.service = service.clone();
        }
    }
    if reconciled.added.is_empty() {
        return;
    }
    let path = config.root.join(crate::config::CONFIG_FILE);
    let before = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(e) => {
            let message = format!("cannot read book.toml to add the new services: {e}");
            report.diagnostics.push(Diagnostic::error(codes::CONFIG_EDIT, &path, 0, 0, message));
            return;
        }
    };
    let edit = match crate::config::edit::add_services(&path, &before, &reconciled.added) {
        Ok(edit) => edit,
        Err(diagnostic) => return report.diagnostics.push(diagnostic),
    };
    if edit.added.is_empty() {
        return;
    }
    let mut edited = !options.keep_config;
    if edited
        && !options.dry_run
        && let Err(e) = crate::files::write_atomically(&path, edit.text.as_bytes())
    {
        let message = format!("cannot write the new services into book.toml: {e}");
        report.diagnostics.push(Diagnostic::error(codes::CONFIG_EDIT, &path, 0, 0, message));
        edited = false;
    }
    report.new_services = Some(NewServices { path, added: edit.added, snippet: edit.snippet, edited });
}

type FileResult = Result<(FileReport, Vec<PreparedCase>, Vec<Diagnostic>, Vec<read::Asset>), Diagnostic>;

/// Runs every stage on one file. An `Err` means the file could not be read at all.
fn import_file(config: &Config, options: &ImportOptions, path: &Path) -> FileResult {
    let bytes = read_limited(path)?;
    let mut document = read::read(path, &bytes, config.import.comment_colour)?;
    drop(bytes);
    let mut diagnostics = Vec::new();
    if let Some(line) = sanitize::sanitize(&mut document.lines) {
        diagnostics.push(Diagnostic::warning(
            codes::CONTROL_CHARACTERS,
            path,
            line,
            1,
            "control characters (terminal colour codes, NUL …) were removed",
        ));
    }
    if let Some(line) = document.first_malformed_line {
        diagnostics.push(Diagnostic::warning(
            codes::MALFORMED_BYTES,
            path,
            line,
            1,
            format!("bytes that are not valid {} were replaced by U+FFFD", document.encoding),
        ));
    }
    if document.is_empty() {
        diagnostics.push(Diagnostic::warning(codes::EMPTY_INPUT, path, 0, 0, "empty file: 0 cases"));
    }
    let (encoding, assets) = (document.encoding, document.assets);
    let cleaned = clean::clean(document.lines);
    let minutes = segment::segment(&cleaned.lines, config);
    for note in &minutes.notes {
        diagnostics.push(Diagnostic::warning(note.code, path, note.line, 1, note.message.clone()));
    }
    let date = options.date.or(minutes.date).or_else(|| date_in_file_name(path));
    let redactor = config.import.redact.then(|| Redactor::new(&minutes.roster, config.book.language));
    let source = source_path(path, &config.root);
    let tag_matcher = classify::TagMatcher::new(&config.tags);
    // Cases are independent: classify them in parallel too (one big file would otherwise use
    // one core). `collect` keeps their order.
    let cases: Vec<PreparedCase> = minutes
        .cases
        .par_iter()
        .map(|case| {
            let inquiry_hash = short_hash(&normalize_label(&case.inquiry.join("\n")), 8);
            let id_base = format!("{}-{inquiry_hash}", case.service.slug);
            // Tags see what was said, not the placeholders: `(電話番号)` must not tag `電話`.
            let tags = tag_matcher.tags(case);
            let case = redactor.as_ref().map_or_else(|| case.clone(), |r| r.redact_case(case));
            let title = classify::title(&case.inquiry);
            let decision = classify::decide(&case);
            let page = PageContent {
                id: id_base.clone(),
                title: if title.is_empty() { id_base.clone() } else { title },
                service: case.service.name.clone(),
                tags,
                status: decision.status,
                status_reason: decision.reason,
                date,
                source: format!("{source}:{}-{}", case.first_line, case.last_line),
                inquiry: case.inquiry,
                answers: case.answers,
                follow_ups: case.follow_ups,
                comments: case.comments,
                recurs: Vec::new(),
            };
            PreparedCase {
                id_base,
                inquiry_hash,
                service: case.service,
                page,
                path: path.to_path_buf(),
                line: case.first_line,
            }
        })
        .collect();
    let file =
        FileReport { path: path.to_path_buf(), encoding, cases: cases.len(), removed: cleaned.removed };
    Ok((file, cases, diagnostics, assets))
}

/// A date in a file name such as `2025-12-10.txt` or `minutes_20251210.md`.
fn date_in_file_name(path: &Path) -> Option<NaiveDate> {
    static DATE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?:^|[^0-9])((?:19|20)[0-9]{2})[-_.]?([0-9]{2})[-_.]?([0-9]{2})(?:[^0-9]|$)")
            .unwrap_or_else(|e| unreachable!("{e}"))
    });
    let stem = path.file_stem()?.to_string_lossy();
    DATE.captures_iter(&stem).find_map(|caps| {
        NaiveDate::from_ymd_opt(caps[1].parse().ok()?, caps[2].parse().ok()?, caps[3].parse().ok()?)
    })
}

/// The input path relative to the site root, with `/` separators; as given when it lies outside.
fn source_path(path: &Path, root: &Path) -> String {
    let relative = match (path.canonicalize(), root.canonicalize()) {
        (Ok(file), Ok(root)) => file.strip_prefix(&root).map(Path::to_path_buf).ok(),
        _ => None,
    };
    let shown = relative.unwrap_or_else(|| path.to_path_buf());
    shown
        .components()
        .filter(|c| !matches!(c, std::path::Component::CurDir))
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join("/")
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Fragments of real minutes' lines; random sequences of them exercise every path of the
    /// segmenter (markers, bullets, headings, quotes, repeats) far more than random characters.
    const FRAGMENTS: [&str; 24] = [
        "司会:竹内",
        "Attendees: Alice Smith, Bob",
        "UTokyo Account",
        "## Microsoft 365",
        "その他",
        "# 見出し",
        "ログインできない。",
        "訴え:サインインできない",
        "Q: Outlook cannot send mail.",
        "=>案内しました。解決。",
        "=> Escalated to the team.",
        "↓ しかし",
        "(続き)まだできない",
        "原因?(確証なし): 古い",
        "結論:よく分からなかった。",
        "- お返事がない",
        "-",
        "  - nested <b>bold</b>",
        "> quoted",
        "http://a.example|a.example",
        "連絡先 a@b.example 03-1234-5678",
        "",
        "---",
        "1. [link](x) `code` *em*",
    ];

    fn test_config(dir: &Path) -> Config {
        let toml = "[[services]]\nname = \"UTokyo Account\"\nslug = \"utokyo-account\"\n\
                    [[services]]\nname = \"Microsoft 365\"\nslug = \"m365\"\n\
                    [[tags]]\nname = \"MFA\"\nmatch = [\"MFA\", \"ログイン\"]\n";
        Config::parse(dir, &dir.join("book.toml"), toml).unwrap_or_else(|e| panic!("{e}"))
    }

    fn minutes_text() -> impl Strategy<Value = String> {
        prop::collection::vec(
            prop_oneof![prop::sample::select(FRAGMENTS.to_vec()).prop_map(String::from), "\\PC{0,40}"],
            0..40,
        )
        .prop_map(|lines| lines.join("\n"))
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        #[test]
        fn random_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..2000)) {
            let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
            let config = test_config(dir.path());
            let file = dir.path().join("m.txt");
            std::fs::write(&file, &bytes).unwrap_or_else(|e| panic!("{e}"));
            let _ = import_file(&config, &ImportOptions::default(), &file);
        }

        #[test]
        fn import_is_idempotent_and_pages_are_valid(text in minutes_text()) {
            let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
            let config = test_config(dir.path());
            let file = dir.path().join("m.md");
            std::fs::write(&file, &text).unwrap_or_else(|e| panic!("{e}"));
            let options = ImportOptions { inputs: vec![file], ..ImportOptions::default() };
            let first = import(&config, &options);
            // Only text that looks binary (many U+FFFD) may be refused; nothing else is an error.
            prop_assert!(first.diagnostics.iter().filter(|d| d.is_error()).all(|d| d.code == codes::BINARY_INPUT));
            let again = import(&config, &options);
            prop_assert!(again.pages.iter().all(|p| p.outcome == WriteOutcome::Unchanged));
            prop_assert_eq!(first.pages.len(), again.pages.len());
            for page in &first.pages {
                prop_assert!(crate::slug::is_valid_slug(&page.id));
                let written = std::fs::read_to_string(&page.path).unwrap_or_default();
                prop_assert!(write::fingerprint_matches(&written));
                let front = written.split("---\n").nth(1).unwrap_or_default();
                let yaml: Result<serde_yaml::Value, _> = serde_yaml::from_str(front);
                prop_assert!(yaml.is_ok(), "{}", front);
            }
        }
    }

    #[test]
    fn dates_in_file_names() {
        assert_eq!(date_in_file_name(Path::new("m/2025-12-10.txt")), NaiveDate::from_ymd_opt(2025, 12, 10));
        assert_eq!(
            date_in_file_name(Path::new("minutes_20251210.md")),
            NaiveDate::from_ymd_opt(2025, 12, 10)
        );
        assert_eq!(date_in_file_name(Path::new("000_a1af4038635e3c9d.txt")), None);
        assert_eq!(date_in_file_name(Path::new("2025-13-40.txt")), None);
    }

    #[test]
    fn source_paths_are_relative_to_the_root_with_slashes() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let file = dir.path().join("seeds").join("a.txt");
        std::fs::create_dir_all(file.parent().unwrap_or(dir.path())).unwrap_or_else(|e| panic!("{e}"));
        std::fs::write(&file, "x").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(source_path(&file, dir.path()), "seeds/a.txt");
        assert_eq!(source_path(Path::new("./elsewhere/b.txt"), dir.path()), "elsewhere/b.txt");
    }
}
