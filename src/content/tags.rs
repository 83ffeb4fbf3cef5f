//! Tag spellings and their slugs: one owner for the name a tag listing shows and for the
//! warning when two spellings fall on one slug (`VPN` and `VPN!` are both `vpn`).

use std::collections::BTreeMap;

use crate::config::Config;
use crate::content::{Key, Page};
use crate::diagnostics::{Diagnostic, codes};

/// The name a tag listing shows for `slug`: the vocabulary's name when a configured tag has
/// that slug, else the spelling of the first page that used it.
pub fn display_name(config: &Config, slug: &str, first_spelling: &str) -> String {
    config.tags.iter().find(|t| t.slug == slug).map_or_else(|| first_spelling.to_string(), |t| t.name.clone())
}

/// One warning per page whose tag spelling shares its slug with another spelling (from the
/// vocabulary or an earlier page), since the two are listed as one tag.
pub fn collision_warnings(config: &Config, pages: &[Page]) -> Vec<Diagnostic> {
    let mut first: BTreeMap<String, String> =
        config.tags.iter().map(|t| (t.slug.clone(), t.name.clone())).collect();
    let mut warnings = Vec::new();
    for page in pages {
        for tag in &page.front.tags {
            if config.find_tag(tag).is_some() {
                continue;
            }
            let slug = config.tag_slug(tag);
            match first.get(&slug) {
                Some(other) if other != tag => warnings.push(Diagnostic::warning(
                    codes::TAG_COLLISION,
                    &page.path,
                    page.key_line(Key::Tags),
                    1,
                    format!(
                        "tag `{tag}` has the same slug `{slug}` as `{other}` and is listed as `{}`",
                        display_name(config, &slug, other)
                    ),
                )),
                Some(_) => {}
                None => {
                    first.insert(slug, tag.clone());
                }
            }
        }
    }
    warnings
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn page(config: &Config, id: &str, tags: &str) -> Page {
        let text =
            format!("---\nid: {id}\ntitle: t\nservice: Other\ntags: [{tags}]\nstatus: resolved\n---\nbody\n");
        crate::content::parse_page(config, Path::new("x.md"), "x.md", &text).unwrap()
    }

    #[test]
    fn tag_slug_collisions_use_the_vocabulary_name_and_warn() {
        let config =
            Config::parse(Path::new("s"), Path::new("s/book.toml"), "[[tags]]\nname = \"VPN\"\n").unwrap();
        let pages =
            [page(&config, "a", "\"VPN!\", Zoom"), page(&config, "b", "VPN"), page(&config, "c", "zoom!")];
        let model = crate::site::model::SiteModel::new(&config, pages.iter().collect());
        let names: Vec<(&str, &str)> =
            model.tags.iter().map(|g| (g.slug.as_str(), g.name.as_str())).collect();
        assert_eq!(names, [("vpn", "VPN"), ("zoom", "Zoom")]);
        let warnings = collision_warnings(&config, &pages);
        let messages: Vec<&str> = warnings.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(messages.len(), 2, "{messages:?}");
        assert!(messages[0].contains("`VPN!`") && messages[0].contains("listed as `VPN`"), "{messages:?}");
        assert!(messages[1].contains("`zoom!`") && messages[1].contains("`Zoom`"), "{messages:?}");
        assert!(warnings.iter().all(|d| d.code == codes::TAG_COLLISION && !d.is_error()));
    }
}
