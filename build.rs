//! Embeds the default theme: lists every file under `themes/default/templates/` and
//! `themes/default/static/` as `include_str!`/`include_bytes!` entries, so a file added to the
//! theme is embedded without editing Rust code, and an installed binary needs nothing beside it.

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

fn main() {
    let root = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").unwrap_or_default());
    let theme = root.join("themes").join("default");
    println!("cargo:rerun-if-changed={}", theme.display());
    let mut code = String::new();
    for (kind, macro_name, ty) in [("templates", "include_str", "str"), ("static", "include_bytes", "[u8]")] {
        let _ = writeln!(code, "pub const DEFAULT_{}: &[(&str, &{ty})] = &[", kind.to_uppercase());
        for (rel, path) in files_under(&theme.join(kind)) {
            println!("cargo:rerun-if-changed={}", path.display());
            let _ = writeln!(code, "    ({rel:?}, {macro_name}!({:?})),", path.display().to_string());
        }
        code.push_str("];\n");
    }
    let out = PathBuf::from(std::env::var("OUT_DIR").unwrap_or_default()).join("default_theme.rs");
    if let Err(e) = std::fs::write(&out, code) {
        panic!("cannot write {}: {e}", out.display());
    }
}
