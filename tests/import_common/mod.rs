//! Helpers shared by the `import_*` integration tests: a site in a temporary folder and the
//! real `faqbook` binary run in it.

#![allow(dead_code)]

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;

pub mod labelled;

/// The repository root (where Cargo.toml, book.toml and seeds/ are).
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The import fixtures folder.
pub fn fixtures() -> PathBuf {
    repo().join("tests/fixtures/import")
}

/// A temporary site: a folder holding a copy of `book_toml` and of each input file or folder.
pub fn site(book_toml: &Path, inputs: &[&Path]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("temp dir: {e}"));
    fs::copy(book_toml, dir.path().join("book.toml")).unwrap_or_else(|e| panic!("copy book.toml: {e}"));
    for input in inputs {
        copy_into(input, dir.path());
    }
    dir
}

/// Copies a file or a folder (recursively) into `target_dir`, keeping its name.
pub fn copy_into(from: &Path, target_dir: &Path) {
    let name = from.file_name().unwrap_or_else(|| panic!("no file name: {}", from.display()));
    let to = target_dir.join(name);
    if from.is_dir() {
        fs::create_dir_all(&to).unwrap_or_else(|e| panic!("{e}"));
        let mut entries: Vec<_> = fs::read_dir(from).unwrap_or_else(|e| panic!("{e}")).flatten().collect();
        entries.sort_by_key(|e| e.file_name());
        for entry in entries {
            copy_into(&entry.path(), &to);
        }
    } else {
        fs::copy(from, &to).unwrap_or_else(|e| panic!("copy {}: {e}", from.display()));
    }
}

/// `faqbook <args>` run with the site as working directory.
pub fn faqbook(site: &Path, args: &[&str]) -> std::process::Output {
    Command::cargo_bin("faqbook")
        .unwrap_or_else(|e| panic!("{e}"))
        .current_dir(site)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("run faqbook: {e}"))
}

pub fn stdout(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

pub fn stderr(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// `(file name, text)` of every page in the site's content folder, sorted by name.
pub fn pages(site: &Path) -> Vec<(String, String)> {
    let dir = site.join("content");
    let Ok(entries) = fs::read_dir(&dir) else { return Vec::new() };
    let mut pages: Vec<(String, String)> = entries
        .flatten()
        .map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            (name, fs::read_to_string(e.path()).unwrap_or_else(|err| panic!("{err}")))
        })
        .collect();
    pages.sort();
    pages
}

/// The value of a front-matter key in a page (the raw text after `key: `).
pub fn front_matter_value<'a>(page: &'a str, key: &str) -> Option<&'a str> {
    let prefix = format!("{key}: ");
    page.lines().take_while(|l| !l.is_empty()).find_map(|l| l.strip_prefix(prefix.as_str()))
}
