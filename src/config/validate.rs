//! Validation: raw `book.toml` values to a `Config`, checking what serde cannot (slug syntax,
//! duplicates, URLs, colours), every problem with its line.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use toml::Spanned;

use super::raw::{RawConfig, RawSite};
use super::*;
use crate::diagnostics::{Diagnostic, codes, line_col};
use crate::slug::{is_valid_slug, slugify};

pub(super) fn validate(root: &Path, path: &Path, text: &str, raw: RawConfig) -> Result<Config, ConfigError> {
    let mut errors = Vec::new();
    let at = |span: std::ops::Range<usize>| line_col(text, span.start);

    let mut services = Vec::new();
    let mut seen_slugs = BTreeSet::new();
    let mut seen_names = BTreeSet::new();
    for s in raw.services {
        let name = s.name.get_ref().trim().to_string();
        let (line, col) = at(s.name.span());
        if name.is_empty() {
            errors.push(Diagnostic::error(codes::CONFIG_VALUE, path, line, col, "service name is empty"));
            continue;
        }
        if !seen_names.insert(normalize_label(&name)) {
            errors.push(Diagnostic::error(
                codes::CONFIG_VALUE,
                path,
                line,
                col,
                format!("service `{name}` is configured twice"),
            ));
        }
        let slug = checked_slug(
            "service",
            &name,
            s.slug.as_ref(),
            &mut seen_slugs,
            (line, col),
            &at,
            &mut errors,
            path,
        );
        services.push(Service { name, slug, aliases: s.aliases });
    }

    let mut tags = Vec::new();
    let mut seen_tag_slugs = BTreeSet::new();
    for t in raw.tags {
        let name = t.name.get_ref().trim().to_string();
        let (line, col) = at(t.name.span());
        if name.is_empty() {
            errors.push(Diagnostic::error(codes::CONFIG_VALUE, path, line, col, "tag name is empty"));
            continue;
        }
        let slug = checked_slug(
            "tag",
            &name,
            t.slug.as_ref(),
            &mut seen_tag_slugs,
            (line, col),
            &at,
            &mut errors,
            path,
        );
        let match_terms = if t.match_terms.is_empty() { vec![name.clone()] } else { t.match_terms };
        tags.push(Tag { name, slug, match_terms });
    }

    let mut synonyms = Vec::new();
    for group in raw.synonyms {
        let terms: Vec<String> =
            group.terms.get_ref().iter().map(|t| t.trim().to_string()).filter(|t| !t.is_empty()).collect();
        if terms.len() < 2 {
            let (line, col) = at(group.terms.span());
            let message = "a [[synonyms]] group needs at least two terms: terms = [\"…\", \"…\"]";
            errors.push(Diagnostic::error(codes::CONFIG_VALUE, path, line, col, message));
        }
        synonyms.push(terms);
    }

    let theme = raw.build.theme.as_ref().map_or_else(|| "default".to_string(), |t| t.get_ref().clone());
    if let Some(t) = &raw.build.theme
        && (theme.is_empty() || theme.contains(['/', '\\']) || theme == "." || theme == "..")
    {
        let (line, col) = at(t.span());
        errors.push(Diagnostic::error(
            codes::CONFIG_VALUE,
            path,
            line,
            col,
            format!("theme `{theme}` must be a folder name under themes/"),
        ));
    }

    let site = validate_site(&raw.site, &at, path, &mut errors);

    let comment_colour = raw.import.comment_color.as_ref().and_then(|c| {
        let colour = crate::colour::parse_hex(c.get_ref());
        if colour.is_none() {
            let (line, col) = at(c.span());
            errors.push(Diagnostic::error(
                codes::CONFIG_VALUE,
                path,
                line,
                col,
                format!("comment-color `{}` must be a hex colour such as \"#e69138\"", c.get_ref()),
            ));
        }
        colour
    });

    if !errors.is_empty() {
        return Err(ConfigError(errors));
    }
    let language = raw.book.language;
    Ok(Config {
        root: root.to_path_buf(),
        book: BookConfig {
            title: raw.book.title.unwrap_or_else(|| "FAQ".to_string()),
            language,
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

/// `[site]`: `base-url` must be absolute http(s); `feedback-url` is rendered as a live link on
/// every page, so only http(s) and mailto pass (a `javascript:` one would run on click).
fn validate_site(
    raw: &RawSite,
    at: &dyn Fn(std::ops::Range<usize>) -> (usize, usize),
    path: &Path,
    errors: &mut Vec<Diagnostic>,
) -> SiteConfig {
    let mut reject = |spanned: &Spanned<String>, message: String| {
        let (line, col) = at(spanned.span());
        errors.push(Diagnostic::error(codes::CONFIG_VALUE, path, line, col, message));
    };
    let base_url = raw.base_url.as_ref().and_then(|spanned| {
        let url = spanned.get_ref().trim().trim_end_matches('/').to_string();
        if url.is_empty() {
            return None;
        }
        if !(url.starts_with("http://") || url.starts_with("https://")) {
            reject(spanned, format!("base-url `{url}` must be absolute (http:// or https://)"));
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
            reject(
                spanned,
                format!("feedback-url `{}` must start with http://, https:// or mailto:", url.escape_debug()),
            );
        }
        Some(url.clone())
    });
    SiteConfig { base_url, feedback_url }
}

/// The slug of a service or tag: the configured one (which must be a valid slug) or one derived
/// from the name. Problems, including a slug used twice, are pushed onto `errors`.
#[allow(clippy::too_many_arguments)]
fn checked_slug(
    kind: &str,
    name: &str,
    configured: Option<&Spanned<String>>,
    seen: &mut BTreeSet<String>,
    name_at: (usize, usize),
    at: &dyn Fn(std::ops::Range<usize>) -> (usize, usize),
    errors: &mut Vec<Diagnostic>,
    path: &Path,
) -> String {
    let slug = match configured {
        Some(slug) => {
            if !is_valid_slug(slug.get_ref()) {
                let (line, col) = at(slug.span());
                errors.push(Diagnostic::error(
                    codes::CONFIG_VALUE,
                    path,
                    line,
                    col,
                    format!(
                        "{kind} slug `{}` must be 1-100 characters of a-z, 0-9, `-` or `_`",
                        slug.get_ref()
                    ),
                ));
            }
            slug.get_ref().clone()
        }
        None => slugify(name),
    };
    if !seen.insert(slug.clone()) {
        let (line, col) = name_at;
        errors.push(Diagnostic::error(
            codes::CONFIG_VALUE,
            path,
            line,
            col,
            format!("{kind} slug `{slug}` is used twice"),
        ));
    }
    slug
}
