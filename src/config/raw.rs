//! `book.toml` as written: the serde structs that reject unknown keys and wrong types with
//! their line, before `validate` checks what serde cannot.

use std::path::PathBuf;

use serde::Deserialize;
use toml::Spanned;

use super::Language;

#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub(super) struct RawConfig {
    pub(super) book: RawBook,
    pub(super) build: RawBuild,
    pub(super) site: RawSite,
    pub(super) services: Vec<RawService>,
    pub(super) tags: Vec<RawTag>,
    pub(super) synonyms: Vec<RawSynonyms>,
    pub(super) import: RawImport,
    pub(super) check: RawCheck,
    pub(super) review: RawReview,
    pub(super) extra: toml::Table,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub(super) struct RawBook {
    pub(super) title: Option<String>,
    pub(super) language: Language,
    pub(super) description: String,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub(super) struct RawBuild {
    pub(super) content_dir: Option<PathBuf>,
    pub(super) build_dir: Option<PathBuf>,
    pub(super) theme: Option<Spanned<String>>,
    pub(super) allow_html: bool,
    pub(super) include_unreviewed: Option<bool>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub(super) struct RawSite {
    pub(super) base_url: Option<Spanned<String>>,
    pub(super) feedback_url: Option<Spanned<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(super) struct RawService {
    pub(super) name: Spanned<String>,
    pub(super) slug: Option<Spanned<String>>,
    #[serde(default)]
    pub(super) aliases: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(super) struct RawTag {
    pub(super) name: Spanned<String>,
    pub(super) slug: Option<Spanned<String>>,
    #[serde(default, rename = "match")]
    pub(super) match_terms: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawSynonyms {
    pub(super) terms: Spanned<Vec<String>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub(super) struct RawImport {
    pub(super) redact: Option<bool>,
    pub(super) seeds_dir: Option<PathBuf>,
    pub(super) comment_color: Option<Spanned<String>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub(super) struct RawCheck {
    pub(super) stale_after_days: Option<u32>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub(super) struct RawReview {
    pub(super) after_days: Option<u32>,
}
