//! Helpers shared by integration tests: finding external tools that some tests need.
//!
//! A test whose tool is missing prints a visible `SKIPPED:` line and passes, except under
//! `CI=true`, where a missing tool is a failure (CI must run every test).
#![allow(dead_code)]

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

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

/// Chromium, or `None` with the SKIPPED line (a failure under `CI=true`).
pub fn chromium() -> Option<PathBuf> {
    require_tool("chromium", "sudo apt-get install -y chromium")
}

/// Loads `url` in headless Chromium and returns the DOM after scripts ran (`--dump-dom`).
pub fn dump_dom(chromium: &Path, url: &str) -> String {
    let profile = tempfile::tempdir().unwrap_or_else(|e| panic!("temp dir: {e}"));
    let output: Output = Command::new(chromium)
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
        .unwrap_or_else(|e| panic!("running {}: {e}", chromium.display()));
    assert!(output.status.success(), "chromium failed on {url}: {}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8_lossy(&output.stdout).into_owned()
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
