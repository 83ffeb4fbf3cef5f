//! Validation: raw `book.toml` values to a `Config`, checking what serde cannot (slug syntax,
//! duplicates, URLs, colours). Every problem is reported, each with its line.

use std::collections::BTreeSet;
use std::ops::Range;
use std::path::{Path, PathBuf};

use toml::Spanned;

use super::raw::{RawConfig, RawService, RawSite, RawSynonyms, RawTag};
use super::*;
use crate::diagnostics::{Diagnostic, codes, line_col};
use crate::slug::{is_valid_slug, slugify};

pub(super) fn validate(root: &Path, path: &Path, text: &str, raw: RawConfig) -> Result<Config, ConfigError> {
    let mut check = Check { path, text, errors: Vec::new() };
    let services = check.services(raw.services);
    let tags = check.tags(raw.tags);
    let synonyms = check.synonyms(raw.synonyms);
    let theme = check.theme(raw.build.theme.as_ref());
    let site = check.site(&raw.site);
    let comment_colour = check.comment_colour(raw.import.comment_color.as_ref());
    if !check.errors.is_empty() {
        return Err(ConfigError(check.errors));
    }
    Ok(Config {
        root: root.to_path_buf(),
        book: BookConfig {
            title: raw.book.title.unwrap_or_else(|| "FAQ".to_string()),
            language: raw.book.language,
            description: raw.book.description,
        },
        build: BuildConfig {
            content_dir: raw.build.content_dir.unwrap_or_else(|| PathBuf::from("content")),
            build_dir: raw.build.build_dir.unwrap_or_else(|| PathBuf::from("public")),
            theme,
            allow_html: raw.build.allow_html,
            include_unreviewed: raw.build.include_unreviewed.unwrap_or(true),
        },
        site,
        services,
        tags,
        synonyms,
        import: ImportConfig {
            redact: raw.import.redact.unwrap_or(true),
            seeds_dir: raw.import.seeds_dir.unwrap_or_else(|| PathBuf::from("seeds")),
            comment_colour,
        },
        check: CheckConfig { stale_after_days: raw.check.stale_after_days },
        review: ReviewConfig { after_days: raw.review.after_days },
        extra: raw.extra,
    })
}

/// The problems found so far, each located in `text` (the file at `path`).
struct Check<'a> {
    path: &'a Path,
    text: &'a str,
    errors: Vec<Diagnostic>,
}

impl Check<'_> {
    fn at(&self, span: Range<usize>) -> (usize, usize) {
        line_col(self.text, span.start)
    }

    fn error(&mut self, (line, col): (usize, usize), message: impl Into<String>) {
        self.errors.push(Diagnostic::error(codes::CONFIG_VALUE, self.path, line, col, message));
    }

    /// `[[services]]`: names non-empty and configured once, slugs valid and unique.
    fn services(&mut self, raw: Vec<RawService>) -> Vec<Service> {
        let mut services = Vec::new();
        let mut seen_slugs = BTreeSet::new();
        let mut seen_names = BTreeSet::new();
        for s in raw {
            let name = s.name.get_ref().trim().to_string();
            let name_at = self.at(s.name.span());
            if name.is_empty() {
                self.error(name_at, "service name is empty");
                continue;
            }
            if !seen_names.insert(normalize_label(&name)) {
                self.error(name_at, format!("service `{name}` is configured twice"));
            }
            let slug = self.slug("service", &name, s.slug.as_ref(), &mut seen_slugs, name_at);
            services.push(Service { name, slug, aliases: s.aliases });
        }
        services
    }

    /// `[[tags]]`: names non-empty, slugs valid and unique; a tag without `match` terms matches
    /// its own name.
    fn tags(&mut self, raw: Vec<RawTag>) -> Vec<Tag> {
        let mut tags = Vec::new();
        let mut seen_slugs = BTreeSet::new();
        for t in raw {
            let name = t.name.get_ref().trim().to_string();
            let name_at = self.at(t.name.span());
            if name.is_empty() {
                self.error(name_at, "tag name is empty");
                continue;
            }
            let slug = self.slug("tag", &name, t.slug.as_ref(), &mut seen_slugs, name_at);
            let match_terms = if t.match_terms.is_empty() { vec![name.clone()] } else { t.match_terms };
            tags.push(Tag { name, slug, match_terms });
        }
        tags
    }

    /// `[[synonyms]]`: each group needs two terms or more (blank terms do not count).
    fn synonyms(&mut self, raw: Vec<RawSynonyms>) -> Vec<Vec<String>> {
        let mut synonyms = Vec::new();
        for group in raw {
            let terms: Vec<String> = group
                .terms
                .get_ref()
                .iter()
                .map(|t| t.trim().to_string())
                .filter(|t| !t.is_empty())
                .collect();
            if terms.len() < 2 {
                let at = self.at(group.terms.span());
                self.error(at, "a [[synonyms]] group needs at least two terms: terms = [\"…\", \"…\"]");
            }
            synonyms.push(terms);
        }
        synonyms
    }

    /// `[build] theme`: a folder name under themes/, never a path.
    fn theme(&mut self, raw: Option<&Spanned<String>>) -> String {
        let theme = raw.map_or_else(|| "default".to_string(), |t| t.get_ref().clone());
        if let Some(t) = raw
            && (theme.is_empty() || theme.contains(['/', '\\']) || theme == "." || theme == "..")
        {
            let at = self.at(t.span());
            self.error(at, format!("theme `{theme}` must be a folder name under themes/"));
        }
        theme
    }

    /// `[site]`: `base-url` must be absolute http(s); `feedback-url` is rendered as a live link
    /// on every page, so only http(s) and mailto pass (a `javascript:` one would run on click).
    fn site(&mut self, raw: &RawSite) -> SiteConfig {
        let base_url = raw.base_url.as_ref().and_then(|spanned| {
            let url = spanned.get_ref().trim().trim_end_matches('/').to_string();
            if url.is_empty() {
                return None;
            }
            if !(url.starts_with("http://") || url.starts_with("https://")) {
                let at = self.at(spanned.span());
                self.error(at, format!("base-url `{url}` must be absolute (http:// or https://)"));
            }
            Some(url)
        });
        let feedback_url = raw.feedback_url.as_ref().and_then(|spanned| {
            let url = spanned.get_ref();
            if url.is_empty() {
                return None;
            }
            let safe = ["http://", "https://", "mailto:"].iter().any(|scheme| url.starts_with(scheme))
                && !url.chars().any(|c| c.is_control() || c.is_whitespace());
            if !safe {
                let at = self.at(spanned.span());
                let message = format!(
                    "feedback-url `{}` must start with http://, https:// or mailto:",
                    url.escape_debug()
                );
                self.error(at, message);
            }
            Some(url.clone())
        });
        SiteConfig { base_url, feedback_url }
    }

    /// `[import] comment-color`: a hex colour.
    fn comment_colour(&mut self, raw: Option<&Spanned<String>>) -> Option<crate::colour::Rgb> {
        let spanned = raw?;
        let colour = crate::colour::parse_hex(spanned.get_ref());
        if colour.is_none() {
            let at = self.at(spanned.span());
            let message =
                format!("comment-color `{}` must be a hex colour such as \"#e69138\"", spanned.get_ref());
            self.error(at, message);
        }
        colour
    }

    /// The slug of a service or tag: the configured one (which must be a valid slug) or one
    /// derived from the name; a slug used twice is reported at the name (`name_at`).
    fn slug(
        &mut self,
        kind: &str,
        name: &str,
        configured: Option<&Spanned<String>>,
        seen: &mut BTreeSet<String>,
        name_at: (usize, usize),
    ) -> String {
        let slug = match configured {
            Some(slug) => {
                if !is_valid_slug(slug.get_ref()) {
                    let at = self.at(slug.span());
                    let message = format!(
                        "{kind} slug `{}` must be 1-100 characters of a-z, 0-9, `-` or `_`",
                        slug.get_ref()
                    );
                    self.error(at, message);
                }
                slug.get_ref().clone()
            }
            None => slugify(name),
        };
        if !seen.insert(slug.clone()) {
            self.error(name_at, format!("{kind} slug `{slug}` is used twice"));
        }
        slug
    }
}
