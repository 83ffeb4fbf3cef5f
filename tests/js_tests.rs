//! Runs the browser code's Node tests (`node --test tests/js/`) so `cargo test` covers them.

mod common;

use std::process::Command;

#[test]
fn node_tests_of_the_search_javascript_pass() {
    let Some(node) = common::require_tool("node", "sudo apt-get install -y nodejs") else { return };
    // Files listed explicitly: how `node --test <dir>` treats a directory changed across Node
    // versions (a glob pattern from Node 21).
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/js");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|p| p.to_string_lossy().ends_with(".test.js"))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no *.test.js in {}", dir.display());
    let output = Command::new(node)
        .arg("--test")
        .args(&files)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap_or_else(|e| panic!("running node: {e}"));
    assert!(
        output.status.success(),
        "node --test tests/js/ failed:\n{}\n{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
}
