//! Runs the browser code's Node tests (`node --test tests/js/`) so `cargo test` covers them:
//! once on the theme's sources and once on the minified copies the binary ships (build.rs), so
//! a minifier that changed what a script does fails here, not in a visitor's browser.

mod common;

use std::path::Path;
use std::process::Command;

use faqbook::render::templates::default_static_files;

/// Runs every `tests/js/*.test.js`; `scripts` is the folder the tests load the theme scripts
/// from (tests/js/scripts.js), `None` for the sources.
fn run_node_tests(node: &Path, scripts: Option<&Path>) {
    // Files listed explicitly: how `node --test <dir>` treats a directory changed across Node
    // versions (a glob pattern from Node 21).
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/js");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|p| p.to_string_lossy().ends_with(".test.js"))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no *.test.js in {}", dir.display());
    let mut command = Command::new(node);
    command.arg("--test").args(&files).current_dir(env!("CARGO_MANIFEST_DIR"));
    match scripts {
        Some(folder) => command.env("FAQBOOK_SCRIPTS", folder),
        None => command.env_remove("FAQBOOK_SCRIPTS"),
    };
    let output = command.output().unwrap_or_else(|e| panic!("running node: {e}"));
    assert!(
        output.status.success(),
        "node --test tests/js/ failed on {scripts:?}:\n{}\n{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
}

#[test]
fn node_tests_of_the_search_javascript_pass_on_the_sources() {
    let Some(node) = common::require_tool("node", "sudo apt-get install -y nodejs") else { return };
    run_node_tests(&node, None);
}

#[test]
fn node_tests_of_the_search_javascript_pass_on_the_shipped_scripts() {
    let Some(node) = common::require_tool("node", "sudo apt-get install -y nodejs") else { return };
    let shipped = tempfile::tempdir().unwrap();
    for (name, bytes) in default_static_files() {
        let path = shipped.path().join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, bytes).unwrap();
    }
    run_node_tests(&node, Some(shipped.path()));
}

#[test]
fn the_shipped_scripts_carry_no_comments() {
    let theme = Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/static");
    let scripts: Vec<_> = default_static_files().iter().filter(|(name, _)| name.ends_with(".js")).collect();
    assert!(scripts.len() >= 5, "theme scripts: {:?}", scripts.iter().map(|s| s.0).collect::<Vec<_>>());
    for (name, shipped) in scripts {
        let source = std::fs::read_to_string(theme.join(name)).unwrap();
        let shipped = String::from_utf8_lossy(shipped);
        // Every source opens with a comment saying what the file is; a line of it must be gone.
        let comment =
            source.lines().find(|l| l.trim_start().starts_with(['/', '*']) && l.len() > 20).unwrap();
        let words = comment.trim_start_matches(['/', '*', ' ']);
        assert!(!shipped.contains(words), "{name}: shipped with its comment {words:?}");
        assert!(shipped.len() * 4 < source.len() * 3, "{name}: {} of {} bytes", shipped.len(), source.len());
    }
}
