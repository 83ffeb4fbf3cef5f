//! The size rules of the code, checked on every `cargo test` (CI runs no clippy): no file in
//! `src/` over 600 lines, no function over 80 lines of code. Lines of code are counted as
//! clippy's `too_many_lines` counts them (blank and comment-only lines left out), so this test
//! and `cargo clippy` (threshold in clippy.toml) agree; a declarative table opts out the same way
//! for both, with `#[expect(clippy::too_many_lines, reason = "…")]` above the function.
//!
//! Functions are found by layout: rustfmt puts a function's closing brace alone on a line at the
//! indentation of its `fn` line, and every file here is formatted (`cargo fmt --check`).

use std::path::{Path, PathBuf};

const MAX_FILE_LINES: usize = 600;
const MAX_FUNCTION_LINES: usize = 80;
const OPT_OUT: &str = "clippy::too_many_lines";

fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = walkdir::WalkDir::new(dir)
        .into_iter()
        .map(|e| e.unwrap().into_path())
        .filter(|p| p.extension().is_some_and(|x| x == "rs"))
        .collect();
    files.sort();
    files
}

/// The name of the function a line opens, if it opens one (`pub(crate) async fn name…`).
fn function_name(line: &str) -> Option<&str> {
    let mut rest = line.trim_start();
    for prefix in ["pub(crate) ", "pub(super) ", "pub ", "const ", "async ", "unsafe ", "extern \"C\" "] {
        rest = rest.strip_prefix(prefix).unwrap_or(rest);
    }
    let name = rest.strip_prefix("fn ")?;
    let end = name.find(|c: char| !(c.is_alphanumeric() || c == '_'))?;
    (end > 0).then(|| &name[..end])
}

fn is_code(line: &str) -> bool {
    let t = line.trim();
    !t.is_empty() && !t.starts_with("//")
}

/// Whether the attributes and doc comments just above line `at` opt the function out, with a
/// reason.
fn opted_out(lines: &[&str], at: usize) -> bool {
    lines[..at]
        .iter()
        .rev()
        .take_while(|l| {
            let t = l.trim_start();
            t.starts_with("#[") || t.starts_with("//") || t.starts_with(')') || t.starts_with('"')
        })
        .any(|l| l.contains(OPT_OUT) && l.contains("reason"))
}

/// `(name, first line, lines of code)` of every function with a body in `text` (1-based line).
fn functions(text: &str) -> Vec<(String, usize, usize)> {
    let lines: Vec<&str> = text.lines().collect();
    let mut found = Vec::new();
    for (at, line) in lines.iter().enumerate() {
        let Some(name) = function_name(line) else { continue };
        if opted_out(&lines, at) {
            continue;
        }
        let indent = &line[..line.len() - line.trim_start().len()];
        // The signature ends at the first line ending in `{` (a body) or `;` (a declaration).
        let Some(open) = (at..lines.len()).find(|&i| {
            let t = lines[i].trim_end();
            t.ends_with('{') || t.ends_with(';') || t.ends_with('}')
        }) else {
            continue;
        };
        if !lines[open].trim_end().ends_with('{') {
            continue;
        }
        let close = (open + 1..lines.len()).find(|&i| lines[i] == format!("{indent}}}"));
        let Some(close) = close else { panic!("no closing brace for fn {name} at line {}", at + 1) };
        // Like clippy: the lines of the body block that hold code, less its two braces.
        let code = lines[open..=close].iter().filter(|l| is_code(l)).count().saturating_sub(2);
        found.push((name.to_string(), at + 1, code));
    }
    found
}

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

#[test]
fn no_source_file_is_over_600_lines() {
    let long: Vec<String> = rust_files(&src())
        .into_iter()
        .filter_map(|path| {
            let n = std::fs::read_to_string(&path).unwrap().lines().count();
            (n > MAX_FILE_LINES).then(|| format!("{}: {n} lines", path.display()))
        })
        .collect();
    assert!(
        long.is_empty(),
        "split by responsibility (at most {MAX_FILE_LINES} lines):\n{}",
        long.join("\n")
    );
}

#[test]
fn no_function_is_over_80_lines_of_code() {
    let files = rust_files(&src());
    assert!(files.len() > 50, "src/ not found");
    let mut long = Vec::new();
    for path in files {
        let text = std::fs::read_to_string(&path).unwrap();
        for (name, line, code) in functions(&text) {
            if code > MAX_FUNCTION_LINES {
                long.push(format!("{}:{line}: fn {name}: {code} lines of code", path.display()));
            }
        }
    }
    assert!(
        long.is_empty(),
        "split by responsibility (at most {MAX_FUNCTION_LINES} lines of code), or mark a declarative \
         table #[expect({OPT_OUT}, reason = \"…\")]:\n{}",
        long.join("\n")
    );
}

#[test]
fn the_function_finder_counts_like_clippy() {
    let body: String = (0..81).map(|i| format!("    let x{i} = {i};\n")).collect();
    let text = format!(
        "/// Doc.\npub fn long() {{\n{body}\n    // a comment\n}}\n\nfn short() -> u8 {{\n    1\n}}\n\
         trait T {{\n    fn declared(&self);\n}}\n"
    );
    assert_eq!(functions(&text), vec![("long".into(), 2, 81), ("short".into(), 88, 1)]);
    let opted = format!("#[expect({OPT_OUT}, reason = \"a table\")]\n{text}");
    assert_eq!(functions(&opted), vec![("short".into(), 89, 1)]);
}
