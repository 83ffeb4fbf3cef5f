//! Shared helpers for integration tests: copying fixture sites, running the binary, reading
//! output folders, and driving headless Chromium. Each test crate uses only some of them.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The repository root (where Cargo.toml is).
pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Copies a folder recursively (files and folders only).
pub fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from).sort_by_file_name() {
        let entry = entry.unwrap();
        let target = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// A `faqbook` command for the binary under test.
pub fn faqbook() -> assert_cmd::Command {
    assert_cmd::Command::cargo_bin("faqbook").unwrap()
}

/// Every file under `dir` by `/`-separated relative path, with its bytes.
pub fn read_tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e.path().strip_prefix(dir).unwrap().to_string_lossy().replace('\\', "/");
            (rel, std::fs::read(e.path()).unwrap())
        })
        .collect()
}

/// Chromium to drive (`$CHROMIUM`, else `chromium` on PATH), or `None` after printing a visible
/// skip line. Under `CI=true` a missing browser fails the test instead, so CI cannot pass
/// without running it.
pub fn chromium_or_skip() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("CHROMIUM").map(PathBuf::from).filter(|p| p.is_file()) {
        return Some(path);
    }
    require_tool("chromium", "sudo apt-get install -y chromium")
}

/// Same as `chromium_or_skip` (the name the search tests use).
pub fn chromium() -> Option<PathBuf> {
    chromium_or_skip()
}

/// Finds `program` on PATH, or reports it missing: `None` locally (after printing the SKIPPED
/// line with `install_hint`), a panic under `CI=true`.
pub fn require_tool(program: &str, install_hint: &str) -> Option<PathBuf> {
    let found = std::env::var_os("PATH")
        .map(|paths| std::env::split_paths(&paths).map(|dir| dir.join(program)).find(|p| p.is_file()));
    match found.flatten() {
        Some(path) => Some(path),
        None if std::env::var("CI").as_deref() == Ok("true") => {
            panic!("{program} not found (required under CI=true); install with: {install_hint}")
        }
        None => {
            // Written to the stderr handle, not with eprintln!, which the test harness captures
            // (and hides) for passing tests.
            let _ = writeln!(std::io::stderr(), "SKIPPED: {program} not found; install with: {install_hint}");
            None
        }
    }
}

/// The DOM of `url` after scripts ran, as serialised by headless Chromium.
pub fn dump_dom(chromium: &Path, url: &str) -> String {
    let profile = tempfile::tempdir().unwrap();
    let output = Command::new(chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .args(["--virtual-time-budget=5000", "--dump-dom", url])
        .output()
        .unwrap();
    assert!(output.status.success(), "chromium failed on {url}: {}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// Values of every `attr="…"` in an HTML text (double-quoted attributes, as the theme writes).
pub fn attribute_values(html: &str, attr: &str) -> Vec<String> {
    let needle = format!(" {attr}=\"");
    html.match_indices(&needle)
        .filter_map(|(i, _)| {
            let rest = &html[i + needle.len()..];
            rest.find('"').map(|end| rest[..end].replace("&amp;", "&"))
        })
        .collect()
}

/// A `file://` URL for an absolute path, percent-encoding what a URL cannot hold.
pub fn file_url(path: &Path, query: &str) -> String {
    let mut url = String::from("file://");
    for byte in path.to_string_lossy().bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'/' | b'-' | b'_' | b'.' | b'~' => {
                url.push(byte as char)
            }
            _ => url.push_str(&format!("%{byte:02X}")),
        }
    }
    if !query.is_empty() {
        url.push('?');
        url.push_str(query);
    }
    url
}

/// Percent-encodes a query parameter value (UTF-8).
pub fn encode_component(value: &str) -> String {
    value
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}
