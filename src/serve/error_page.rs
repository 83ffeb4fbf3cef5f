//! The page the browser shows while the site does not build: every problem with its file, line
//! and message, and the offending lines of the file. It carries the reload script like any page,
//! so it turns back into the site on the next good save.

use std::fmt::Write as _;
use std::path::Path;

use crate::diagnostics::Diagnostic;

/// Files larger than this are not read again for an excerpt.
const MAX_EXCERPT_FILE_BYTES: u64 = 1024 * 1024;
/// Lines shown before and after the line of a problem.
const CONTEXT_LINES: usize = 2;
/// Problems shown in full; the rest are only counted (the terminal has them all).
const MAX_SHOWN: usize = 50;

/// An HTML document listing `diagnostics`.
pub fn render(diagnostics: &[Diagnostic]) -> String {
    let mut body = String::new();
    for diagnostic in diagnostics.iter().take(MAX_SHOWN) {
        let _ = write!(
            body,
            "<section class=\"problem\"><h2><code>{location}</code> {severity}</h2><p>{message} \
             <span class=\"code\">[{code}]</span></p>",
            location = escape(&format!(
                "{}:{}:{}",
                diagnostic.path.display(),
                diagnostic.line.max(1),
                diagnostic.col.max(1)
            )),
            severity = diagnostic.severity,
            message = escape(&diagnostic.message),
            code = diagnostic.code,
        );
        if let Some(excerpt) = excerpt(&diagnostic.path, diagnostic.line) {
            body.push_str(&excerpt);
        }
        body.push_str("</section>\n");
    }
    if diagnostics.len() > MAX_SHOWN {
        let _ = write!(body, "<p>… and {} more (see the terminal).</p>", diagnostics.len() - MAX_SHOWN);
    }
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>faqbook: the site does not build</title><style>{STYLE}</style></head>\
         <body><main><h1>The site does not build</h1>\
         <p>faqbook serve keeps running; this page reloads when the files are fixed.</p>\n\
         {body}</main></body></html>\n"
    )
}

const STYLE: &str = "body{font-family:system-ui,sans-serif;margin:2rem;line-height:1.5;color:#1b1b1b;\
background:#fff}h1{color:#a40000}h2{font-size:1rem;margin-bottom:0}.problem{border-left:4px solid \
#a40000;padding-left:1rem;margin:1.5rem 0}.code{color:#666}pre{background:#f4f4f4;padding:.5rem;\
overflow-x:auto}mark{background:#ffd6d6}@media(prefers-color-scheme:dark){body{background:#161616;\
color:#eee}pre{background:#262626}mark{background:#5a1f1f;color:#fff}.code{color:#aaa}}";

/// Numbered lines around `line` of the file, the line itself marked; `None` when the whole
/// file is meant (line 0) or it cannot be read as text.
fn excerpt(path: &Path, line: usize) -> Option<String> {
    if line == 0 || std::fs::metadata(path).ok()?.len() > MAX_EXCERPT_FILE_BYTES {
        return None;
    }
    let text = std::fs::read_to_string(path).ok()?;
    let first = line.saturating_sub(CONTEXT_LINES).max(1);
    let mut out = String::from("<pre>");
    for (number, content) in text.lines().enumerate().map(|(i, l)| (i + 1, l)).skip(first - 1) {
        if number > line + CONTEXT_LINES {
            break;
        }
        let numbered = escape(&format!("{number:>5} | {content}"));
        if number == line {
            let _ = writeln!(out, "<mark>{numbered}</mark>");
        } else {
            let _ = writeln!(out, "{numbered}");
        }
    }
    out.push_str("</pre>");
    Some(out)
}

fn escape(text: &str) -> String {
    let mut out = Vec::with_capacity(text.len());
    // Writing into a Vec cannot fail.
    let _ = tera::escape_html(text, &mut out);
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::codes;

    #[test]
    fn lists_location_message_and_marked_line_escaped() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("bad.md");
        std::fs::write(&path, "---\ntitle: <script>x</script>\nstatus: done\n---\n").unwrap();
        let page = render(&[Diagnostic::error(codes::UNKNOWN_STATUS, &path, 3, 9, "unknown status `done`")]);
        assert!(page.contains(&format!("{}:3:9", path.display())), "{page}");
        assert!(page.contains("unknown status `done`") && page.contains("[FB009]"));
        assert!(page.contains("<mark>    3 | status: done</mark>"), "{page}");
        assert!(page.contains("&lt;script&gt;") && !page.contains("<script>x"), "excerpts are escaped");
    }

    #[test]
    fn unreadable_files_and_whole_file_problems_have_no_excerpt() {
        let page = render(&[Diagnostic::error(codes::CONFIG, "missing/book.toml", 0, 0, "cannot read")]);
        assert!(page.contains("missing/book.toml:1:1") && !page.contains("<pre>"), "{page}");
    }
}
