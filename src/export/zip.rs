//! `faqbook export --zip`: the rendered site as one zip archive. Entries are the build's own
//! output paths (ASCII, `/`-separated, `index.html` at the root), in path order, each with the
//! same fixed timestamp and permissions, so the same site always gives the same bytes.

use std::io::{Cursor, Write};
use std::path::Path;

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipWriter};

use crate::diagnostics::{Diagnostic, codes};
use crate::site::output::OutputFile;

/// The archive of `files`, sorted by path, as bytes. `path` names the archive in errors.
pub fn zip_bytes(files: &[OutputFile], path: &Path) -> Result<Vec<u8>, Diagnostic> {
    let fail = |message: String| Diagnostic::error(codes::OUTPUT, path, 0, 0, message);
    // 1980-01-01 00:00, the earliest zip time: a fixed date keeps archives byte-identical.
    let options = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .last_modified_time(DateTime::default())
        .unix_permissions(0o644);
    let mut sorted: Vec<&OutputFile> = files.iter().collect();
    sorted.sort_by(|a, b| a.path.cmp(&b.path));
    let mut writer = ZipWriter::new(Cursor::new(Vec::new()));
    let mut folded = std::collections::HashSet::new();
    for file in sorted {
        if !is_portable_name(&file.path) {
            return Err(fail(format!(
                "`{}` is not a portable archive name (ASCII, relative, no Windows device name)",
                file.path
            )));
        }
        // Windows and macOS extract `A.png` and `a.png` to one file.
        if !folded.insert(file.path.to_ascii_lowercase()) {
            return Err(fail(format!("`{}` differs from another entry only in case", file.path)));
        }
        writer.start_file(file.path.as_str(), options).map_err(|e| fail(format!("{}: {e}", file.path)))?;
        writer.write_all(&file.bytes).map_err(|e| fail(format!("{}: {e}", file.path)))?;
    }
    let cursor = writer.finish().map_err(|e| fail(e.to_string()))?;
    Ok(cursor.into_inner())
}

/// ASCII, relative, `/`-separated and free of `.`/`..` parts and characters Windows refuses,
/// so the archive extracts the same everywhere.
fn is_portable_name(name: &str) -> bool {
    !name.is_empty()
        && !name.starts_with('/')
        && name.bytes().all(|b| b.is_ascii_graphic() && !b"\\:*?\"<>|".contains(&b))
        && name.split('/').all(|part| {
            !part.is_empty() && part != "." && part != ".." && !crate::slug::is_windows_reserved(part)
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn archives_are_byte_identical_whatever_the_input_order() {
        let a = OutputFile::new("index.html", "<p>home</p>");
        let b = OutputFile::new("faq/x.html", "<p>x</p>");
        let first = zip_bytes(&[a.clone(), b.clone()], Path::new("a.zip")).unwrap();
        let second = zip_bytes(&[b, a], Path::new("a.zip")).unwrap();
        assert_eq!(first, second);
        let archive = zip::ZipArchive::new(Cursor::new(first)).unwrap();
        let names: Vec<String> = archive.file_names().map(|n| n.unwrap().into_owned()).collect();
        assert_eq!(names, ["faq/x.html", "index.html"]);
    }

    #[test]
    fn names_outside_the_archive_or_not_ascii_are_refused() {
        for bad in
            ["../x.html", "/x.html", "a\\b.html", "faq/日本.html", "a//b", "con.html", "assets/AUX.png"]
        {
            assert!(!is_portable_name(bad), "{bad}");
            assert!(zip_bytes(&[OutputFile::new(bad, "x")], Path::new("a.zip")).is_err());
        }
        assert!(is_portable_name("static/style.css"));
    }

    #[test]
    fn windows_reserved_and_case_only_names_are_refused_in_zip() {
        let files = [OutputFile::new("assets/A.png", "1"), OutputFile::new("assets/a.png", "2")];
        let err = zip_bytes(&files, Path::new("a.zip")).unwrap_err();
        assert!(err.message.contains("only in case"), "{err}");
        assert!(zip_bytes(&[OutputFile::new("faq/nul.html", "x")], Path::new("a.zip")).is_err());
    }
}
