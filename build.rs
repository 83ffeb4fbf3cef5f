//! Embeds the default theme: lists every file under `themes/default/templates/` and
//! `themes/default/static/` as `include_str!`/`include_bytes!` entries, so a file added to the
//! theme is embedded without editing Rust code, and an installed binary needs nothing beside it.
//!
//! The theme's scripts are embedded minified (comments and whitespace removed by the `minifier`
//! crate, no renaming): their comments are for whoever edits them, yet every visitor's first
//! search downloaded them (about 30 of the search scripts' 70 KB). A site's own theme files are
//! copied as written.
//!
//! The search page's helper parts (`search-*.js`) start with V8's compile hint
//! ([`COMPILE_HINT`]): a first query calls nearly all of their functions, which the browser
//! then compiles as the script loads instead of one by one, on the main thread, as the query
//! first calls them (ranking's first call cost tens of milliseconds on a busy machine).

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

fn files_under(dir: &Path) -> Vec<(String, PathBuf)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(folder) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&folder) else { continue };
        for entry in entries.flatten() {
            let path = entry.path();
            if entry.file_name().to_string_lossy().starts_with('.') {
                continue;
            }
            if path.is_dir() {
                stack.push(path);
            } else if let Ok(rel) = path.strip_prefix(dir) {
                let rel =
                    rel.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/");
                out.push((rel, path));
            }
        }
    }
    out.sort();
    out
}

/// Chrome's explicit compile hint (Chrome 136 and later; other browsers read a comment): every
/// function of the script is compiled when it loads. It must be the file's first line.
const COMPILE_HINT: &str = "//# allFunctionsCalledOnLoad";

/// Whether a theme script is one of the search page's helper parts, which carry [`COMPILE_HINT`].
fn eagerly_compiled(rel: &str) -> bool {
    rel.starts_with("search-") && rel.ends_with(".js")
}

/// Writes the minified copy of a theme script into `out` and returns its path. A script the
/// minifier cannot read stops the build: shipping it unminified would hide the problem.
fn minified(rel: &str, path: &Path, out: &Path) -> PathBuf {
    let source = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let small = match minifier::js::minify(&source) {
        Ok(small) => small.to_string(),
        Err(e) => panic!("{}: cannot minify: {e}", path.display()),
    };
    let dest = out.join("theme-static").join(rel);
    if let Some(parent) = dest.parent() {
        let _ = std::fs::create_dir_all(parent);
    }
    let hint = if eagerly_compiled(rel) { format!("{COMPILE_HINT}\n") } else { String::new() };
    if let Err(e) = std::fs::write(&dest, format!("{hint}/* faqbook: {rel}, minified */\n{small}\n")) {
        panic!("cannot write {}: {e}", dest.display());
    }
    dest
}

fn main() {
    let root = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").unwrap_or_default());
    let theme = root.join("themes").join("default");
    let out = PathBuf::from(std::env::var("OUT_DIR").unwrap_or_default());
    println!("cargo:rerun-if-changed={}", theme.display());
    let mut code = String::new();
    for (kind, macro_name, ty) in [("templates", "include_str", "str"), ("static", "include_bytes", "[u8]")] {
        let _ = writeln!(code, "pub const DEFAULT_{}: &[(&str, &{ty})] = &[", kind.to_uppercase());
        for (rel, path) in files_under(&theme.join(kind)) {
            println!("cargo:rerun-if-changed={}", path.display());
            let path =
                if kind == "static" && rel.ends_with(".js") { minified(&rel, &path, &out) } else { path };
            let _ = writeln!(code, "    ({rel:?}, {macro_name}!({:?})),", path.display().to_string());
        }
        code.push_str("];\n");
    }
    let dest = out.join("default_theme.rs");
    if let Err(e) = std::fs::write(&dest, code) {
        panic!("cannot write {}: {e}", dest.display());
    }
}
