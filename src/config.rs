//! `book.toml`: the site's configuration.
//!
//! Parsed in two steps: serde reads the TOML into raw structs (unknown keys and wrong types are
//! errors with `book.toml:line:col`), then `validate` checks what serde cannot (slug syntax,
//! duplicates) and produces the `Config` the rest of the pipeline uses. Every key has a default,
//! so a site without `book.toml` builds.

pub mod edit;
mod raw;
mod validate;

use raw::RawConfig;

use std::path::{Path, PathBuf};

use serde::Deserialize;
use unicode_normalization::UnicodeNormalization;

use crate::diagnostics::{Diagnostic, codes, line_col};
use crate::slug::slugify;

pub const CONFIG_FILE: &str = "book.toml";

/// Section labels that always mean "other services", configured or not.
pub const OTHER_SERVICE_LABELS: [&str; 4] = ["その他", "Other", "Others", "Misc"];

/// The site language: UI strings and generated section headings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Language {
    #[default]
    Ja,
    En,
}

impl Language {
    pub fn code(self) -> &'static str {
        match self {
            Language::Ja => "ja",
            Language::En => "en",
        }
    }
}

/// A configured service (a section of the minutes, a listing on the site).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Service {
    pub name: String,
    pub slug: String,
    pub aliases: Vec<String>,
}

/// A tag of the vocabulary; the importer assigns it when any `match` term occurs in a case.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Tag {
    pub name: String,
    pub slug: String,
    pub match_terms: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BookConfig {
    pub title: String,
    pub language: Language,
    pub description: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BuildConfig {
    pub content_dir: PathBuf,
    pub build_dir: PathBuf,
    pub theme: String,
    /// Raw HTML in pages passes through only when the site's authors are trusted.
    pub allow_html: bool,
    /// `false` publishes only pages with `reviewed: true`.
    pub include_unreviewed: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SiteConfig {
    /// Absolute base URL; `sitemap.xml` and `atom.xml` are written only when it is set.
    pub base_url: Option<String>,
    /// Feedback link with `{id}` and `{title}` placeholders; a `mailto:` is used when absent.
    pub feedback_url: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportConfig {
    /// Replace roster names, e-mail addresses and phone numbers with placeholders.
    pub redact: bool,
    pub seeds_dir: PathBuf,
    /// `comment-color`: the colour of the meeting's comments in Word and Google Docs minutes,
    /// when their legend line does not name it.
    pub comment_colour: Option<crate::colour::Rgb>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CheckConfig {
    pub stale_after_days: Option<u32>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ReviewConfig {
    pub after_days: Option<u32>,
}

/// The validated configuration of one site.
#[derive(Debug, Clone, PartialEq)]
pub struct Config {
    /// Folder holding `book.toml`; relative paths below are resolved against it.
    pub root: PathBuf,
    pub book: BookConfig,
    pub build: BuildConfig,
    pub site: SiteConfig,
    pub services: Vec<Service>,
    pub tags: Vec<Tag>,
    /// `[[synonyms]]`: groups of words that mean the same thing on this site (search).
    pub synonyms: Vec<Vec<String>>,
    pub import: ImportConfig,
    pub check: CheckConfig,
    pub review: ReviewConfig,
    /// Free-form user data, handed to templates as `config.extra`.
    pub extra: toml::Table,
}

/// A problem with `book.toml`: always fatal, always located.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", .0.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n"))]
pub struct ConfigError(pub Vec<Diagnostic>);

impl Config {
    /// Loads `<root>/book.toml`, or the defaults when the file does not exist.
    pub fn load(root: &Path) -> Result<Config, ConfigError> {
        let path = root.join(CONFIG_FILE);
        match std::fs::read(&path) {
            Ok(bytes) => {
                let text = String::from_utf8(bytes).map_err(|e| {
                    let (line, col) =
                        line_col(&String::from_utf8_lossy(e.as_bytes()), e.utf8_error().valid_up_to());
                    ConfigError(vec![Diagnostic::error(
                        codes::CONFIG,
                        &path,
                        line,
                        col,
                        "book.toml is not valid UTF-8",
                    )])
                })?;
                Config::parse(root, &path, &text)
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Config::parse(root, &path, ""),
            Err(e) => Err(ConfigError(vec![Diagnostic::error(
                codes::CONFIG,
                &path,
                0,
                0,
                format!("cannot read book.toml: {e}"),
            )])),
        }
    }

    /// Parses and validates configuration text; `path` is used only in error locations.
    pub fn parse(root: &Path, path: &Path, text: &str) -> Result<Config, ConfigError> {
        let raw: RawConfig = toml::from_str(text).map_err(|e| {
            let (line, col) = e.span().map_or((1, 1), |span| line_col(text, span.start));
            ConfigError(vec![Diagnostic::error(
                codes::CONFIG,
                path,
                line,
                col,
                e.message().trim().to_string(),
            )])
        })?;
        validate::validate(root, path, text, raw)
    }

    /// The service whose name or alias matches `label` after NFKC, case and space folding.
    pub fn find_service(&self, label: &str) -> Option<&Service> {
        let key = normalize_label(label);
        if key.is_empty() {
            return None;
        }
        self.services
            .iter()
            .find(|s| normalize_label(&s.name) == key || s.aliases.iter().any(|a| normalize_label(a) == key))
    }

    /// The service a page or a minutes section names: a configured one by name or alias; else
    /// the built-in `その他`/`Other` section; else, on a site that configures no services at all,
    /// the label itself with a derived slug. `None` means "not a known service".
    pub fn resolve_service(&self, label: &str) -> Option<Service> {
        if let Some(service) = self.find_service(label) {
            return Some(service.clone());
        }
        let key = normalize_label(label);
        if is_other_label(&key) {
            return Some(Service {
                name: label.trim().to_string(),
                slug: "other".to_string(),
                aliases: Vec::new(),
            });
        }
        if self.services.is_empty() && !key.is_empty() {
            return Some(Service {
                name: label.trim().to_string(),
                slug: slugify(label),
                aliases: Vec::new(),
            });
        }
        None
    }

    /// The tag with this name (exact, then normalised), if it is in the vocabulary.
    pub fn find_tag(&self, name: &str) -> Option<&Tag> {
        let key = normalize_label(name);
        self.tags
            .iter()
            .find(|t| t.name == name)
            .or_else(|| self.tags.iter().find(|t| normalize_label(&t.name) == key))
    }

    /// Slug for a tag: the configured one, else a deterministic ASCII slug of its name.
    pub fn tag_slug(&self, name: &str) -> String {
        self.find_tag(name).map_or_else(|| slugify(name), |t| t.slug.clone())
    }

    pub fn content_dir(&self) -> PathBuf {
        self.root.join(&self.build.content_dir)
    }

    pub fn build_dir(&self) -> PathBuf {
        self.root.join(&self.build.build_dir)
    }

    pub fn theme_dir(&self) -> PathBuf {
        self.root.join("themes").join(&self.build.theme)
    }
}

/// Whether a label, already folded by `normalize_label`, names the built-in "other" section.
pub fn is_other_label(folded: &str) -> bool {
    OTHER_SERVICE_LABELS.iter().any(|other| normalize_label(other) == folded)
}

/// Folds a label for comparison: NFKC (full-width → half-width), lower case, runs of white
/// space to one space, trimmed. `ＵＴｏｋｙｏ　Account` and `utokyo account` compare equal.
pub fn normalize_label(label: &str) -> String {
    let folded: String = label.nfkc().collect::<String>().to_lowercase();
    folded.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Config, ConfigError> {
        Config::parse(Path::new("site"), Path::new("site/book.toml"), text)
    }

    #[test]
    fn empty_file_gives_defaults() {
        let c = parse("").unwrap();
        assert_eq!(c.book.language, Language::Ja);
        assert_eq!(c.build.content_dir, PathBuf::from("content"));
        assert_eq!(c.build.build_dir, PathBuf::from("public"));
        assert_eq!(c.build.theme, "default");
        assert!(!c.build.allow_html);
        assert!(c.build.include_unreviewed);
        assert!(c.import.redact);
        assert_eq!(c.site.base_url, None);
    }

    #[test]
    fn unknown_key_is_an_error_with_its_line() {
        let err = parse("[book]\ntitle = \"x\"\ntitel = \"y\"\n").unwrap_err();
        let d = &err.0[0];
        assert_eq!((d.line, d.col), (3, 1), "{d}");
        assert!(d.message.contains("titel"), "{d}");
    }

    #[test]
    fn wrong_type_is_an_error_with_its_line() {
        let err = parse("[build]\nallow-html = \"yes\"\n").unwrap_err();
        assert_eq!(err.0[0].line, 2, "{err}");
    }

    #[test]
    fn bad_service_slug_is_located() {
        let err = parse("[[services]]\nname = \"A\"\nslug = \"../etc\"\n").unwrap_err();
        assert_eq!((err.0[0].line, err.0[0].col), (3, 8), "{err}");
    }

    #[test]
    fn duplicate_service_slugs_are_errors() {
        let err =
            parse("[[services]]\nname = \"A\"\nslug = \"a\"\n[[services]]\nname = \"B\"\nslug = \"a\"\n")
                .unwrap_err();
        assert!(err.to_string().contains("used twice"), "{err}");
    }

    #[test]
    fn services_match_by_alias_with_width_and_case_folding() {
        let c = parse(
            "[[services]]\nname = \"UTokyo Account\"\nslug = \"utokyo-account\"\naliases = [\"UTokyo アカウント\"]\n",
        )
        .unwrap();
        assert_eq!(c.find_service("ＵＴｏｋｙｏ　account").map(|s| s.slug.as_str()), Some("utokyo-account"));
        assert_eq!(c.find_service("utokyo アカウント").map(|s| s.slug.as_str()), Some("utokyo-account"));
        assert!(c.find_service("Other").is_none());
    }

    #[test]
    fn other_is_always_a_known_service() {
        let c = parse("[[services]]\nname = \"A\"\n").unwrap();
        assert_eq!(c.resolve_service("その他").map(|s| s.slug), Some("other".to_string()));
        assert_eq!(c.resolve_service("OTHER").map(|s| s.slug), Some("other".to_string()));
        assert_eq!(c.resolve_service("B"), None);
        let unconfigured = parse("").unwrap();
        assert_eq!(unconfigured.resolve_service("Zoom").map(|s| s.slug), Some("zoom".to_string()));
    }

    #[test]
    fn synonym_groups_need_two_terms_and_errors_have_their_line() {
        let c = parse("[[synonyms]]\nterms = [\"Wi-Fi\", \" 無線LAN \", \"\"]\n").unwrap();
        assert_eq!(c.synonyms, [vec!["Wi-Fi".to_string(), "無線LAN".to_string()]]);
        let err = parse("[book]\ntitle = \"x\"\n[[synonyms]]\nterms = [\"only\"]\n").unwrap_err();
        assert_eq!((err.0[0].line, err.0[0].code), (4, codes::CONFIG_VALUE), "{err}");
        assert!(parse("[[synonyms]]\nwords = [\"a\", \"b\"]\n").is_err());
    }

    #[test]
    fn tags_default_match_terms_and_slugs() {
        let c = parse("[[tags]]\nname = \"VPN\"\n").unwrap();
        assert_eq!(c.tags[0].slug, "vpn");
        assert_eq!(c.tags[0].match_terms, vec!["VPN".to_string()]);
        assert_eq!(c.tag_slug("VPN"), "vpn");
        assert!(c.tag_slug("未登録").starts_with("t-"));
    }

    #[test]
    fn base_url_must_be_absolute() {
        assert!(parse("[site]\nbase-url = \"example.org\"\n").is_err());
        let c = parse("[site]\nbase-url = \"https://example.org/faq/\"\n").unwrap();
        assert_eq!(c.site.base_url.as_deref(), Some("https://example.org/faq"));
    }
    #[test]
    fn feedback_url_javascript_is_refused_with_location() {
        for bad in [
            "javascript:alert(1)",
            "JAVASCRIPT:alert(1)",
            " javascript:x",
            "data:text/html,x",
            "vbscript:x",
            "HTTPS://x.org",
        ] {
            let text = format!("[site]\nfeedback-url = \"{bad}\"\n");
            let err = parse(&text).expect_err(bad);
            let d = &err.0[0];
            assert_eq!((d.code, d.line, d.col), (codes::CONFIG_VALUE, 2, 16), "{bad}");
        }
        for good in ["https://example.org/form", "http://x", "mailto:help@example.org"] {
            let c = parse(&format!("[site]\nfeedback-url = \"{good}\"\n")).expect(good);
            assert_eq!(c.site.feedback_url.as_deref(), Some(good));
        }
    }
}
