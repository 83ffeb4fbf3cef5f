//! Offline copies of the site (`faqbook export`): the built site rendered in memory through the
//! build's own code ([`crate::site::Copies`]), then packed as a zip ([`zip`]) or
//! as one self-contained HTML file ([`single`]). A selection limits which pages go into a copy.

pub mod pack;
pub mod single;
pub mod zip;

use std::collections::BTreeSet;
use std::path::Path;

use crate::config::Config;
use crate::content::{Page, Status};
use crate::diagnostics::{Diagnostic, codes};
use crate::site::output::resolve;

/// Which pages go into a copy. Empty lists mean "all".
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Selection {
    pub statuses: Vec<Status>,
    /// Service slugs.
    pub services: Vec<String>,
}

impl Selection {
    /// Whether `page` goes into the copy.
    pub fn keeps(&self, page: &Page) -> bool {
        (self.statuses.is_empty() || self.statuses.contains(&page.front.status))
            && (self.services.is_empty() || self.services.contains(&page.service_slug))
    }
}

/// Parses `--status` values (`resolved`, `escalated`, `unresolved`, `unknown`).
pub fn parse_statuses(values: &[String]) -> Result<Vec<Status>, String> {
    values
        .iter()
        .map(|v| v.trim())
        .filter(|v| !v.is_empty())
        .map(|v| {
            Status::parse(v).ok_or_else(|| {
                let known: Vec<&str> = Status::ALL.iter().map(|s| s.as_str()).collect();
                format!("unknown status `{v}`; expected one of: {}", known.join(", "))
            })
        })
        .collect()
}

/// Checks `--service` slugs against the services of book.toml and of the pages, so a typo is
/// an error rather than an empty copy.
pub fn check_services(config: &Config, pages: &[Page], slugs: &[String]) -> Result<Vec<String>, String> {
    let known: BTreeSet<&str> = config
        .services
        .iter()
        .map(|s| s.slug.as_str())
        .chain(pages.iter().map(|p| p.service_slug.as_str()))
        .collect();
    slugs
        .iter()
        .map(|s| s.trim())
        .filter(|s| !s.is_empty())
        .map(|slug| {
            if known.contains(slug) {
                Ok(slug.to_string())
            } else {
                Err(format!(
                    "unknown service `{slug}`; known service slugs: {}",
                    known.iter().copied().collect::<Vec<_>>().join(", ")
                ))
            }
        })
        .collect()
}

/// Checks the export targets before anything is rendered: none may be one of the site's own
/// files (book.toml, a page, a seed, a template: writing there would break the site), name a
/// path twice (one copy would silently replace the other) or be something other than a regular
/// file (a device node or FIFO would be replaced by a file). `targets` pairs each path with the
/// extension its format expects; a different extension is only a warning.
pub fn check_targets(config: &Config, targets: &[(&Path, &str)]) -> Result<Vec<Diagnostic>, Diagnostic> {
    let refuse = |path: &Path, message: String| Diagnostic::error(codes::UNSAFE_DEST, path, 0, 0, message);
    let protected = [
        ("book.toml", config.root.join(crate::config::CONFIG_FILE)),
        ("the content folder", config.content_dir()),
        ("the themes folder", config.root.join("themes")),
        ("the seeds folder", config.root.join(&config.import.seeds_dir)),
    ]
    .map(|(what, path)| (what, resolve(&path)));
    let mut seen: Vec<std::path::PathBuf> = Vec::new();
    let mut warnings = Vec::new();
    for &(path, extension) in targets {
        let resolved = resolve(path);
        if let Some((what, _)) = protected.iter().find(|(_, p)| resolved.starts_with(p)) {
            return Err(refuse(
                path,
                format!("refusing to overwrite {what} with an export; choose another path"),
            ));
        }
        if seen.contains(&resolved) {
            return Err(refuse(path, "the same path is given for two exports; give each its own".into()));
        }
        seen.push(resolved);
        match std::fs::metadata(path) {
            Ok(meta) if !meta.is_file() => {
                return Err(refuse(
                    path,
                    "the target exists and is not a regular file; refusing to replace it".into(),
                ));
            }
            _ => {}
        }
        let has_extension = path.extension().is_some_and(|e| e.eq_ignore_ascii_case(extension));
        if !has_extension {
            warnings.push(Diagnostic::warning(
                codes::EXPORT_EXTENSION,
                path,
                0,
                0,
                format!("this export is a .{extension} file; its name does not end in .{extension}"),
            ));
        }
    }
    Ok(warnings)
}

/// Writes an export target atomically ([`crate::files::write_atomically`]), so a failed export
/// never leaves a half-written copy behind.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), Diagnostic> {
    crate::files::write_atomically(path, bytes)
        .map_err(|e| Diagnostic::error(codes::OUTPUT, path, 0, 0, format!("cannot write: {e}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_parse_and_unknown_ones_are_named() {
        let values = vec!["resolved".to_string(), " escalated".to_string()];
        assert_eq!(parse_statuses(&values), Ok(vec![Status::Resolved, Status::Escalated]));
        let err = parse_statuses(&["solved".to_string()]).unwrap_err();
        assert!(err.contains("`solved`") && err.contains("resolved, escalated"), "{err}");
    }

    #[test]
    fn unknown_service_slugs_are_refused_with_the_known_ones() {
        let config = Config::parse(
            Path::new("s"),
            Path::new("s/book.toml"),
            "[[services]]\nname = \"Zoom\"\nslug = \"zoom\"\n",
        )
        .unwrap();
        assert_eq!(check_services(&config, &[], &["zoom".to_string()]), Ok(vec!["zoom".to_string()]));
        let err = check_services(&config, &[], &["zom".to_string()]).unwrap_err();
        assert!(err.contains("`zom`") && err.contains("zoom"), "{err}");
    }
}
