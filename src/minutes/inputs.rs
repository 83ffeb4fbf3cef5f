//! Inputs: which files an import reads (files as given, folders walked for minutes files) and
//! reading one within the size limit. Everything skipped is said, with what it is.

use std::io::Read;
use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use super::codes;
use super::decode::MAX_INPUT_BYTES;
use crate::diagnostics::Diagnostic;

/// File extensions read when a folder is given.
const MINUTES_EXTENSIONS: [&str; 8] = ["txt", "text", "md", "markdown", "docx", "html", "htm", "zip"];

/// The files to read: given files as they are, folders walked in sorted order for minutes files
/// (skipping hidden entries and the `skip` folders). A folder with no minutes, an input that is
/// neither file nor folder and a symlink met in a folder are all said, never passed over quietly.
pub(super) fn list_inputs(
    inputs: &[PathBuf],
    skip: &[PathBuf],
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for input in inputs {
        if input.is_file() {
            files.push(input.clone());
            continue;
        }
        if !input.is_dir() {
            diagnostics.push(Diagnostic::error(codes::UNREADABLE_INPUT, input, 0, 0, not_an_input(input)));
            continue;
        }
        let before = files.len();
        let walker = WalkDir::new(input).sort_by_file_name().into_iter().filter_entry(|e| {
            let hidden = e.depth() > 0 && e.file_name().to_string_lossy().starts_with('.');
            let site_folder =
                e.file_type().is_dir() && e.path().canonicalize().is_ok_and(|path| skip.contains(&path));
            !hidden && !site_folder
        });
        for entry in walker {
            match entry {
                Ok(entry) if entry.file_type().is_file() && is_minutes_file(entry.path()) => {
                    files.push(entry.path().to_path_buf());
                }
                Ok(entry) if entry.path_is_symlink() && is_minutes_file(entry.path()) => {
                    diagnostics.push(Diagnostic::warning(
                        codes::UNREADABLE_INPUT,
                        entry.path(),
                        0,
                        0,
                        "symlinks in an input folder are not followed; give the file itself as an input",
                    ));
                }
                Ok(_) => {}
                Err(e) => {
                    let path = e.path().unwrap_or(input).to_path_buf();
                    diagnostics.push(Diagnostic::error(codes::UNREADABLE_INPUT, path, 0, 0, e.to_string()));
                }
            }
        }
        if files.len() == before {
            let site_folder = input.canonicalize().is_ok_and(|path| skip.contains(&path));
            let message = if site_folder {
                "this is the site's own content or output folder: its pages are not minutes; nothing imported"
                    .to_string()
            } else {
                format!(
                    "no minutes files (.{}) in this folder; nothing imported",
                    MINUTES_EXTENSIONS.join(", .")
                )
            };
            diagnostics.push(Diagnostic::warning(codes::EMPTY_INPUT, input, 0, 0, message));
        }
    }
    files
}

/// Why an input that is neither a file nor a folder cannot be read, naming what it is.
fn not_an_input(input: &Path) -> String {
    let Ok(meta) = std::fs::metadata(input) else { return "no such file or folder".to_string() };
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let kind = meta.file_type();
        if kind.is_fifo() {
            return "this is a FIFO (named pipe), not a minutes file".to_string();
        }
        if kind.is_char_device() || kind.is_block_device() {
            return "this is a device, not a minutes file".to_string();
        }
        if kind.is_socket() {
            return "this is a socket, not a minutes file".to_string();
        }
    }
    let _ = meta;
    "this is not a regular file or folder".to_string()
}

fn is_minutes_file(path: &Path) -> bool {
    path.extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .is_some_and(|e| MINUTES_EXTENSIONS.contains(&e.as_str()))
}

/// Reads a file, refusing it before reading when it is larger than `MAX_INPUT_BYTES`.
pub(super) fn read_limited(path: &Path) -> Result<Vec<u8>, Diagnostic> {
    let unreadable = |e: std::io::Error| {
        Diagnostic::error(codes::UNREADABLE_INPUT, path, 0, 0, format!("cannot read: {e}"))
    };
    let file = std::fs::File::open(path).map_err(unreadable)?;
    let too_large = |size: u64| {
        Diagnostic::error(
            codes::INPUT_TOO_LARGE,
            path,
            0,
            0,
            format!(
                "file is {:.1} MiB; faqbook imports minutes files of at most {} MiB (split it into one file per meeting)",
                size as f64 / (1024.0 * 1024.0),
                MAX_INPUT_BYTES / (1024 * 1024)
            ),
        )
    };
    let size = file.metadata().map_err(unreadable)?.len();
    if size > MAX_INPUT_BYTES {
        return Err(too_large(size));
    }
    // The size may change while reading (a growing log): never read past the limit.
    let mut bytes = Vec::with_capacity(size as usize);
    file.take(MAX_INPUT_BYTES + 1).read_to_end(&mut bytes).map_err(unreadable)?;
    if bytes.len() as u64 > MAX_INPUT_BYTES {
        return Err(too_large(bytes.len() as u64));
    }
    Ok(bytes)
}
