//! Scaffolding: the files `faqbook init` creates for a new site and the page `faqbook new` adds.
//!
//! File contents come from pure functions (language, date and a uniqueness nonce are inputs), so
//! tests check them without touching the disk; `write_new_files` is the one writer, and it never
//! replaces a file that exists: a new site must not clobber someone's work.

use std::collections::BTreeSet;
use std::io::Write;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use crate::config::{CONFIG_FILE, Config, Language};
use crate::content::Status;
use crate::content::front_matter::{self, FrontMatter};
use crate::content::headings;
use crate::slug::short_hash;

/// One file to create, relative to the site root.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewFile {
    pub rel_path: PathBuf,
    pub contents: String,
}

/// Everything `init` creates: folders (may exist already) and files (must not).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SiteSkeleton {
    pub dirs: Vec<PathBuf>,
    pub files: Vec<NewFile>,
}

#[derive(Debug, thiserror::Error)]
pub enum ScaffoldError {
    #[error("refusing to overwrite existing files: {}", .0.iter().map(|p| p.display().to_string()).collect::<Vec<_>>().join(", "))]
    Exists(Vec<PathBuf>),
    #[error("{}: {source}", .path.display())]
    Io { path: PathBuf, source: std::io::Error },
    #[error(
        "service `{label}` is not configured in book.toml (known: {})",
        if .known.is_empty() { "none".to_string() } else { .known.join(", ") }
    )]
    UnknownService { label: String, known: Vec<String> },
    #[error("the title must not be empty")]
    EmptyTitle,
}

/// The section headings of a page, in the site language, in page order: inquiry, answer,
/// follow-up, notes from the meeting (the importer's headings, so both kinds of page match).
pub fn section_headings(language: Language) -> [&'static str; 4] {
    let h = headings(language);
    [h.inquiry, h.answer, h.follow_up, h.comments]
}

/// Language-dependent words of the scaffold: the example service, tag and page.
struct Sample {
    site_title: &'static str,
    description: &'static str,
    service: &'static str,
    service_slug: &'static str,
    service_alias: &'static str,
    tag: &'static str,
    tag_slug: &'static str,
    tag_terms: &'static str,
    page_title: &'static str,
    /// Text under each of the four section headings.
    sections: [&'static str; 4],
    untitled: &'static str,
    /// What belongs under each section of a page `new` writes. A section left empty is an
    /// error for `check` and `build`, so a fresh page says what to write instead; it is
    /// `reviewed: false` until someone has replaced these lines.
    guide: [&'static str; 4],
}

fn sample(language: Language) -> Sample {
    match language {
        Language::Ja => Sample {
            site_title: "ヘルプデスク FAQ",
            description: "ヘルプデスクのよくある質問と対応例。",
            service: "メール",
            service_slug: "mail",
            service_alias: "メールサービス",
            tag: "パスワード",
            tag_slug: "password",
            tag_terms: r#"["パスワード", "password"]"#,
            page_title: "パスワードを忘れてメールにログインできない",
            sections: [
                "パスワードを忘れてしまい、メールにログインできないという問い合わせ。",
                "=> パスワード再設定のページを案内し、本人確認のうえ再設定してもらった。",
                "再設定後にログインできたと返信があった。",
                "- よくある問い合わせなので、再設定ページへのリンクを FAQ に載せておく。\n\n\
                 このページは `faqbook init` が作った例です。書き換えるか削除してください。",
            ],
            untitled: "無題の問い合わせ",
            guide: [
                "どのような問い合わせだったかを書きます。",
                "どう対応したか（案内した手順や回答）を書きます。",
                "その後どうなったか（解決した、エスカレーションした、返信がない）を書きます。",
                "- ミーティングで出たコメントを箇条書きで書きます。",
            ],
        },
        Language::En => Sample {
            site_title: "Helpdesk FAQ",
            description: "Frequent helpdesk questions and how we answered them.",
            service: "Email",
            service_slug: "email",
            service_alias: "Mail",
            tag: "Password",
            tag_slug: "password",
            tag_terms: r#"["password", "passcode"]"#,
            page_title: "Cannot sign in to email after forgetting the password",
            sections: [
                "A user forgot their password and could not sign in to their mailbox.",
                "=> We sent the password reset page; they reset it after verifying their identity.",
                "They replied that signing in works again.",
                "- A frequent question: link the reset page from the FAQ.\n\n\
                 `faqbook init` wrote this example page. Edit it or delete it.",
            ],
            untitled: "Untitled question",
            guide: [
                "What the user asked.",
                "What we did or answered (steps, links).",
                "What happened next (solved, escalated, no reply).",
                "- Comments from the meeting, one bullet each.",
            ],
        },
    }
}

/// `book.toml` of a new site: every key of the configuration, the optional ones commented out
/// with their defaults, so the file documents itself.
pub fn book_toml(language: Language) -> String {
    let s = sample(language);
    format!(
        r#"# faqbook site configuration. Every key is optional; the commented ones show their defaults.

[book]
title = "{title}"
# "ja" or "en": UI strings and the section headings of new pages.
language = "{lang}"
description = "{description}"

[build]
# Markdown FAQ pages, one case per file.
content-dir = "content"
# Where `faqbook build` writes the site (it is in .gitignore).
build-dir = "public"
# "default" (built in) or the name of a folder under themes/ that overrides it file by file.
theme = "default"
# Pass raw HTML in pages through unescaped; only for trusted authors.
# allow-html = false
# Set to false to publish only pages with `reviewed: true`.
# include-unreviewed = true

[site]
# Absolute URL of the published site; sitemap.xml and atom.xml are written only when it is set.
# base-url = "https://faq.example.org"
# Feedback link under each page; {{id}} and {{title}} are replaced.
# feedback-url = "https://forms.example.org/faq?page={{id}}"

# Known services: page `service:` values and minutes section headings are matched against
# name and aliases. The slug is ASCII and names the service's listing page.
[[services]]
name = "{service}"
slug = "{service_slug}"
aliases = ["{service_alias}"]

# Tag vocabulary: `faqbook import` assigns a tag when any `match` term occurs in a case.
[[tags]]
name = "{tag}"
slug = "{tag_slug}"
match = {tag_terms}

[import]
# Replace names from the roster, e-mail addresses and phone numbers with placeholders.
# redact = true
# Folder of meeting minutes that `faqbook import` reads.
# seeds-dir = "seeds"

[check]
# Warn about pages whose date is older than this many days.
# stale-after-days = 365

[review]
# Pages reviewed more than this many days ago are due for review again.
# after-days = 180

# Free-form values handed to templates as `config.extra`.
[extra]
"#,
        title = s.site_title,
        lang = language.code(),
        description = s.description,
        service = s.service,
        service_slug = s.service_slug,
        service_alias = s.service_alias,
        tag = s.tag,
        tag_slug = s.tag_slug,
        tag_terms = s.tag_terms,
    )
}

/// The files and folders of a new site in the given language.
pub fn site_skeleton(language: Language, today: NaiveDate) -> SiteSkeleton {
    let s = sample(language);
    let page = PageDraft {
        id: page_id(s.service_slug, s.page_title, ""),
        title: s.page_title.to_string(),
        service: s.service.to_string(),
        tags: vec![s.tag.to_string()],
        status: Status::Resolved,
        date: today,
        language,
        sections: s.sections.map(str::to_string),
    };
    SiteSkeleton {
        dirs: vec![PathBuf::from("content"), PathBuf::from("seeds")],
        files: vec![
            NewFile { rel_path: PathBuf::from(CONFIG_FILE), contents: book_toml(language) },
            NewFile {
                rel_path: Path::new("content").join(format!("{}.md", page.id)),
                contents: page.render(),
            },
            NewFile { rel_path: PathBuf::from(".gitignore"), contents: "/public/\n".to_string() },
        ],
    }
}

/// A page before it is written: complete front matter plus section texts.
struct PageDraft {
    id: String,
    title: String,
    service: String,
    tags: Vec<String>,
    status: Status,
    date: NaiveDate,
    language: Language,
    /// Text under each of the four section headings.
    sections: [String; 4],
}

impl PageDraft {
    fn render(&self) -> String {
        let front = FrontMatter {
            id: self.id.clone(),
            title: self.title.clone(),
            service: self.service.clone(),
            tags: self.tags.clone(),
            status: self.status,
            status_reason: None,
            date: Some(self.date),
            source: None,
            recurs: Vec::new(),
            reviewed: false,
            reviewed_by: None,
            reviewed_on: None,
            import_fingerprint: None,
        };
        let mut out = front_matter::write(&front);
        for (heading, text) in section_headings(self.language).iter().zip(&self.sections) {
            out.push_str(&format!("\n## {heading}\n\n{text}\n"));
        }
        out
    }
}

/// What `faqbook new` asks for.
#[derive(Debug, Clone)]
pub struct NewPageRequest<'a> {
    pub service: &'a str,
    pub title: Option<&'a str>,
    pub tags: &'a [String],
    pub date: NaiveDate,
    /// Something that differs between two calls (time, process id): two pages with the same
    /// title and service still get different ids.
    pub nonce: &'a str,
}

/// A page for `faqbook new`: canonical service name, an id unused by `taken_ids`, the site
/// language's section headings, and a path (relative to the site root) that `taken_paths` lacks.
pub fn new_page(
    config: &Config,
    request: &NewPageRequest,
    taken_ids: &BTreeSet<String>,
) -> Result<NewFile, ScaffoldError> {
    let service = config.resolve_service(request.service).ok_or_else(|| ScaffoldError::UnknownService {
        label: request.service.to_string(),
        known: config.services.iter().map(|s| s.name.clone()).collect(),
    })?;
    let words = sample(config.book.language);
    let title = match request.title {
        Some(title) => title.split_whitespace().collect::<Vec<_>>().join(" "),
        None => words.untitled.to_string(),
    };
    if title.is_empty() {
        return Err(ScaffoldError::EmptyTitle);
    }
    let content_dir = &config.build.content_dir;
    // 8 hex digits leave room for millions of pages; a clash only moves on to the next attempt.
    let id = (0u32..)
        .map(|attempt| page_id(&service.slug, &title, &format!("{}:{attempt}", request.nonce)))
        .find(|id| {
            !taken_ids.contains(id) && !config.root.join(content_dir).join(format!("{id}.md")).exists()
        })
        .unwrap_or_default();
    let mut tags: Vec<String> = Vec::new();
    for tag in request.tags.iter().map(|t| t.trim()).filter(|t| !t.is_empty()) {
        if !tags.iter().any(|seen| seen == tag) {
            tags.push(tag.to_string());
        }
    }
    let draft_title = title.clone();
    let draft = PageDraft {
        id,
        title,
        service: service.name,
        tags,
        status: Status::Unknown,
        date: request.date,
        language: config.book.language,
        // The title states the question; without one, the inquiry section says what to write.
        sections: [
            request.title.map_or_else(|| words.guide[0].to_string(), |_| draft_title.clone()),
            words.guide[1].to_string(),
            words.guide[2].to_string(),
            words.guide[3].to_string(),
        ],
    };
    Ok(NewFile { rel_path: content_dir.join(format!("{}.md", draft.id)), contents: draft.render() })
}

/// `<service-slug>-<8 hex digits>`: the same shape the importer uses, so ids look alike.
fn page_id(service_slug: &str, title: &str, nonce: &str) -> String {
    format!("{service_slug}-{}", short_hash(&format!("{title}\n{nonce}"), 8))
}

/// Creates `dirs` and then `files` under `root`. Checks every file first and refuses, naming
/// them all, if any exists; files are opened with `create_new` so a file that appears meanwhile
/// is not overwritten either. Returns the paths written.
pub fn write_new_files(
    root: &Path,
    dirs: &[PathBuf],
    files: &[NewFile],
) -> Result<Vec<PathBuf>, ScaffoldError> {
    let existing: Vec<PathBuf> =
        files.iter().map(|f| root.join(&f.rel_path)).filter(|p| p.symlink_metadata().is_ok()).collect();
    if !existing.is_empty() {
        return Err(ScaffoldError::Exists(existing));
    }
    let io = |path: &Path| {
        let path = path.to_path_buf();
        move |source| ScaffoldError::Io { path, source }
    };
    for dir in dirs {
        let path = root.join(dir);
        std::fs::create_dir_all(&path).map_err(io(&path))?;
    }
    let mut written = Vec::new();
    for file in files {
        let path = root.join(&file.rel_path);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(io(parent))?;
        }
        let mut handle =
            std::fs::OpenOptions::new().write(true).create_new(true).open(&path).map_err(|source| {
                match source.kind() {
                    std::io::ErrorKind::AlreadyExists => ScaffoldError::Exists(vec![path.clone()]),
                    _ => ScaffoldError::Io { path: path.clone(), source },
                }
            })?;
        handle.write_all(file.contents.as_bytes()).map_err(io(&path))?;
        written.push(path);
    }
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::{Page, parse_page};
    use crate::diagnostics::has_errors;
    use crate::lint::lint_page;

    /// The content rules `check` and `build` apply find no error.
    fn assert_lints_clean(config: &Config, page: &Page) {
        let problems = lint_page(config, page, today());
        assert!(!has_errors(&problems), "{problems:#?}");
    }

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 1, 15).unwrap_or_default()
    }

    fn config_of(language: Language) -> Config {
        Config::parse(Path::new("site"), Path::new("site/book.toml"), &book_toml(language)).unwrap()
    }

    #[test]
    fn book_toml_parses_in_both_languages_and_sets_them() {
        for language in [Language::Ja, Language::En] {
            let config = config_of(language);
            assert_eq!(config.book.language, language);
            assert_eq!(config.services.len(), 1);
            assert_eq!(config.tags.len(), 1);
        }
    }

    #[test]
    fn book_toml_mentions_every_configuration_key() {
        let text = book_toml(Language::En);
        for key in [
            "title",
            "language",
            "description",
            "content-dir",
            "build-dir",
            "theme",
            "allow-html",
            "include-unreviewed",
            "base-url",
            "feedback-url",
            "[[services]]",
            "aliases",
            "[[tags]]",
            "match",
            "redact",
            "seeds-dir",
            "stale-after-days",
            "after-days",
            "[extra]",
        ] {
            assert!(text.contains(key), "book.toml template lacks `{key}`");
        }
    }

    #[test]
    fn commented_keys_parse_when_uncommented() {
        let text = book_toml(Language::Ja)
            .lines()
            .map(|l| match l.strip_prefix("# ") {
                Some(rest) if rest.contains(" = ") => rest,
                _ => l,
            })
            .collect::<Vec<_>>()
            .join("\n");
        let config = Config::parse(Path::new("s"), Path::new("s/book.toml"), &text).unwrap();
        assert_eq!(config.site.base_url.as_deref(), Some("https://faq.example.org"));
        assert_eq!(config.check.stale_after_days, Some(365));
    }

    #[test]
    fn example_page_parses_with_the_site_language_headings() {
        for language in [Language::Ja, Language::En] {
            let config = config_of(language);
            let skeleton = site_skeleton(language, today());
            let page_file = skeleton.files.iter().find(|f| f.rel_path.starts_with("content")).unwrap();
            let page = parse_page(&config, &page_file.rel_path, "example.md", &page_file.contents).unwrap();
            assert!(page.front.id.starts_with(&config.services[0].slug), "{}", page.front.id);
            assert_eq!(page_file.rel_path, Path::new("content").join(format!("{}.md", page.front.id)));
            for heading in section_headings(language) {
                assert!(page.body.contains(&format!("## {heading}\n")), "{language:?}: {heading}");
            }
            assert!(config.find_tag(&page.front.tags[0]).is_some(), "the example tag is in the vocabulary");
            assert_lints_clean(&config, &page);
        }
    }

    #[test]
    fn skeleton_ignores_the_build_dir() {
        let skeleton = site_skeleton(Language::En, today());
        let ignore = skeleton.files.iter().find(|f| f.rel_path == Path::new(".gitignore")).unwrap();
        let build_dir = config_of(Language::En).build.build_dir;
        assert!(ignore.contents.contains(&format!("/{}/", build_dir.display())));
    }

    fn request<'a>(
        service: &'a str,
        title: Option<&'a str>,
        tags: &'a [String],
        nonce: &'a str,
    ) -> NewPageRequest<'a> {
        NewPageRequest { service, title, tags, date: today(), nonce }
    }

    #[test]
    fn new_page_has_complete_front_matter_that_parses() {
        let config = config_of(Language::En);
        let tags = vec!["Password".to_string(), " x, [y] ".to_string(), "Password".to_string()];
        let file =
            new_page(&config, &request("mail", Some("a: b # c"), &tags, "n1"), &BTreeSet::new()).unwrap();
        let page = parse_page(&config, &file.rel_path, "x.md", &file.contents).unwrap();
        assert_eq!(page.front.title, "a: b # c");
        assert_eq!(page.front.service, "Email", "alias resolves to the configured name");
        assert_eq!(page.front.tags, ["Password", "x, [y]"]);
        assert_eq!(page.front.date, Some(today()));
        assert!(page.body.contains("## Question\n\na: b # c\n"), "the title states the question");
        assert!(page.body.contains("## Notes from the meeting"));
        assert_lints_clean(&config, &page);
        for key in ["id:", "title:", "service:", "tags:", "status:", "date:", "reviewed:"] {
            assert!(file.contents.contains(&format!("\n{key}")), "missing {key}");
        }
    }

    #[test]
    fn a_tag_with_a_line_break_is_written_on_one_line() {
        // `new` used to quote with its own writer, which wrote a block scalar inside `[...]`:
        // the page it made did not parse.
        let config = config_of(Language::En);
        let tags = vec!["two\nlines".to_string()];
        let file = new_page(&config, &request("mail", Some("t"), &tags, "n1"), &BTreeSet::new()).unwrap();
        let page = parse_page(&config, &file.rel_path, "x.md", &file.contents).unwrap();
        assert_eq!(page.front.tags, ["two lines"]);
    }

    #[test]
    fn new_page_ids_differ_by_nonce_and_avoid_taken_ids() {
        let config = config_of(Language::Ja);
        let a = new_page(&config, &request("メール", Some("同じ"), &[], "1"), &BTreeSet::new()).unwrap();
        let b = new_page(&config, &request("メール", Some("同じ"), &[], "2"), &BTreeSet::new()).unwrap();
        assert_ne!(a.rel_path, b.rel_path);
        let taken_id = a.rel_path.file_stem().unwrap().to_string_lossy().to_string();
        let c = new_page(&config, &request("メール", Some("同じ"), &[], "1"), &BTreeSet::from([taken_id]))
            .unwrap();
        assert_ne!(a.rel_path, c.rel_path, "a taken id is skipped");
    }

    #[test]
    fn new_page_refuses_unknown_services_and_empty_titles() {
        let config = config_of(Language::En);
        let err = new_page(&config, &request("Moodle", None, &[], "n"), &BTreeSet::new()).unwrap_err();
        assert!(err.to_string().contains("Moodle") && err.to_string().contains("Email"), "{err}");
        let err = new_page(&config, &request("Email", Some("  "), &[], "n"), &BTreeSet::new()).unwrap_err();
        assert!(matches!(err, ScaffoldError::EmptyTitle));
    }

    #[test]
    fn untitled_pages_still_parse() {
        let config = config_of(Language::Ja);
        let file = new_page(&config, &request("メール", None, &[], "n"), &BTreeSet::new()).unwrap();
        let page = parse_page(&config, &file.rel_path, "x.md", &file.contents).unwrap();
        assert_eq!(page.front.title, "無題の問い合わせ");
        assert_lints_clean(&config, &page);
    }

    #[test]
    fn writer_refuses_existing_files_and_names_them_all() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("book.toml"), "keep").unwrap();
        std::fs::write(dir.path().join(".gitignore"), "keep").unwrap();
        let skeleton = site_skeleton(Language::Ja, today());
        let err = write_new_files(dir.path(), &skeleton.dirs, &skeleton.files).unwrap_err();
        let message = err.to_string();
        assert!(message.contains("book.toml") && message.contains(".gitignore"), "{message}");
        assert_eq!(std::fs::read_to_string(dir.path().join("book.toml")).unwrap(), "keep");
        assert!(!dir.path().join("content").exists(), "nothing is written when refusing");
    }

    #[test]
    fn writer_creates_folders_and_files() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("new-site");
        let skeleton = site_skeleton(Language::En, today());
        let written = write_new_files(&root, &skeleton.dirs, &skeleton.files).unwrap();
        assert_eq!(written.len(), 3);
        assert!(root.join("seeds").is_dir());
        assert_eq!(std::fs::read_to_string(root.join("book.toml")).unwrap(), book_toml(Language::En));
    }
}
