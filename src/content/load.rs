//! Reading page files: walking the content folder (hidden entries, symlinks, reserved asset
//! names) and turning one file's bytes into text for the front-matter parser.

use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use super::{LoadedSite, MAX_PAGE_BYTES, Page, parse_page};
use crate::config::Config;
use crate::diagnostics::{Diagnostic, codes, line_col};

/// Walks the content dir in sorted order: `.md` files are pages, other files are assets. Hidden
/// entries are skipped. Symlinks are followed only when they stay inside the content dir.
pub(super) fn list_content(content_dir: &Path, site: &mut LoadedSite) -> Option<Vec<(PathBuf, String)>> {
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
pub(super) fn reserved_asset_names(content_dir: &Path, assets: &[String]) -> Vec<Diagnostic> {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn binary_and_non_utf8_are_located() {
        assert!(decode_page(b"---\ntitle: a\0b").is_err());
        let (line, _, _) = decode_page(b"---\ntitle: \x82\xa0\n").unwrap_err();
        assert_eq!(line, 2);
        assert!(decode_page("\u{feff}---\n".as_bytes()).is_ok());
    }
}
