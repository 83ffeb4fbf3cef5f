//! `faqbook export --single-file`: the rendered site as one self-contained HTML file that makes
//! no request of any kind. The home page's document is the shell: its stylesheets and scripts
//! are inlined, its `<main>` holds the home page and a search view, and every page's `<main>`
//! content becomes an entry of `self.FAQBOOK_OFFLINE_PAGES` (route → title, HTML). Links
//! between pages are rewritten to fragments (`faq/x.html` → `#faq/x`) and content files to `data:` URLs;
//! `static/offline.js` (theme) routes fragments and feeds the search its inlined index.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::LazyLock;

use base64::Engine;
use regex::{Captures, Regex};

use super::pack::Pack;
use crate::diagnostics::{Diagnostic, codes};
use crate::render::strings::UiStrings;
use crate::site::output::OutputFile;

/// The route of the home page (`index.html`).
const HOME_ROUTE: &str = "home";
const SEARCH_PAGE: &str = "search.html";
const ROUTER_SCRIPT: &str = "static/offline.js";

/// Double-quoted URL attributes, as the theme and the Markdown renderer write them.
static URL_ATTRIBUTE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r#"\b(href|src|action)="([^"]*)""#).expect("a valid literal regex"));
static STYLESHEET_LINK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"<link rel="stylesheet" href="([^"]*)"[^>]*>"#).expect("a valid literal regex")
});
static SCRIPT_TAG: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"<script src="([^"]*)"[^>]*></script>\n?"#).expect("a valid literal regex")
});

/// The route of an output page: its path without `.html`, `home` for `index.html`.
pub fn route_of(path: &str) -> String {
    let route = path.strip_suffix(".html").unwrap_or(path);
    if route == "index" { HOME_ROUTE.to_string() } else { route.to_string() }
}

/// `rel` resolved against the folder of the page at `from` (both relative to the site root).
/// `None` when it climbs above the root.
fn resolve(from: &str, rel: &str) -> Option<String> {
    let mut parts: Vec<&str> = from.split('/').collect();
    parts.pop();
    for part in rel.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            other => parts.push(other),
        }
    }
    Some(parts.join("/"))
}

/// What a URL found on the page at `from` becomes in the single file: links to pages become
/// fragments (`#faq/x`, `#q=…` for a search), links to other files of the copy become `data:`
/// URLs, and URLs that leave the site (`https:`, `mailto:`) or stay in the page (`#x`) are kept.
pub fn rewrite_url(from: &str, url: &str, files: &BTreeMap<&str, &[u8]>) -> String {
    let has_scheme = url.split_once(':').is_some_and(|(scheme, _)| {
        scheme.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
            && scheme.chars().all(|c| c.is_ascii_alphanumeric() || "+.-".contains(c))
    });
    if url.is_empty() || url.starts_with('#') || url.starts_with("//") || has_scheme {
        return url.to_string();
    }
    let (rest, _fragment) = url.split_once('#').unwrap_or((url, ""));
    let (path, query) = rest.split_once('?').unwrap_or((rest, ""));
    let Some(target) = resolve(from, path) else { return "#404".to_string() };
    if target == SEARCH_PAGE {
        return if query.is_empty() { "#search".to_string() } else { format!("#{query}") };
    }
    if target.ends_with(".html") || target.is_empty() {
        let route = if target.is_empty() { HOME_ROUTE.to_string() } else { route_of(&target) };
        return format!("#{route}");
    }
    match files.get(target.as_str()) {
        Some(bytes) => format!(
            "data:{};base64,{}",
            crate::media::content_type(Path::new(&target)),
            base64::engine::general_purpose::STANDARD.encode(bytes)
        ),
        None => "#404".to_string(),
    }
}

/// `html` of the page at `from` with every `href`/`src`/`action` rewritten by [`rewrite_url`].
fn rewrite_links(from: &str, html: &str, files: &BTreeMap<&str, &[u8]>) -> String {
    URL_ATTRIBUTE
        .replace_all(html, |c: &Captures| {
            let url = unescape_attribute(&c[2]);
            let rewritten = rewrite_url(from, &url, files);
            // A URL that stays as it is keeps the build's own escaping byte for byte.
            if rewritten == url {
                return c[0].to_string();
            }
            format!("{}=\"{}\"", &c[1], escape_attribute(&rewritten))
        })
        .into_owned()
}

/// The entities HTML renderers write in attribute values, decoded (`&amp;` last, so `&amp;#x27;`
/// stays literal text).
fn unescape_attribute(value: &str) -> String {
    value
        .replace("&#x27;", "'")
        .replace("&#39;", "'")
        .replace("&quot;", "\"")
        .replace("&#x2F;", "/")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

fn escape_attribute(value: &str) -> String {
    value
        .replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('\'', "&#x27;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// Text for an inline `<script>`: `</script` and `<!--` cannot end or confuse it. Inside the
/// JSON strings and JavaScript string literals where they can occur, `<\/` and `<\!` read the
/// same.
fn inline_script(code: &str) -> String {
    code.replace("</", "<\\/").replace("<!--", "<\\!--")
}

/// Text for an inline `<style>`.
fn inline_style(css: &str) -> String {
    css.replace("</", "<\\/")
}

/// `<title>` text and the byte range of the `<main>` content of a rendered page, `None` if the
/// theme wrote no `<main>`.
fn title_and_main(html: &str) -> Option<(&str, std::ops::Range<usize>)> {
    let title = html
        .split_once("<title>")
        .and_then(|(_, rest)| rest.split_once("</title>"))
        .map_or("", |(title, _)| title);
    let open = html.find("<main")?;
    let start = open + html[open..].find('>')? + 1;
    let end = html.rfind("</main>")?;
    (start <= end).then_some((title, start..end))
}

/// The page chrome around the views (head, header, footer): stylesheets inlined, script tags
/// dropped (the scripts are inlined at the end), links rewritten.
fn shell_part(html: &str, by_path: &BTreeMap<&str, &[u8]>) -> String {
    let styled = STYLESHEET_LINK.replace_all(html, |c: &Captures| {
        match resolve("index.html", &c[1]).and_then(|p| by_path.get(p.as_str())) {
            Some(css) => format!("<style>{}</style>", inline_style(&String::from_utf8_lossy(css))),
            None => String::new(),
        }
    });
    let unscripted = SCRIPT_TAG.replace_all(&styled, "");
    rewrite_links("index.html", &unscripted, by_path)
}

/// The theme scripts (`static/…`) a page loads, in its order: the search page's are the search
/// code (its parts, then `search.js`), so the theme's template alone says which they are.
fn theme_scripts(page: &str, html: &str) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    for c in SCRIPT_TAG.captures_iter(html) {
        if let Some(name) = resolve(page, &c[1])
            .filter(|n| n.starts_with("static/") && n != ROUTER_SCRIPT && !names.contains(n))
        {
            names.push(name);
        }
    }
    names
}

/// The single-file copy of a rendered site. `path` names the output in errors.
pub fn single_file(
    files: &[OutputFile],
    strings: &UiStrings,
    path: &std::path::Path,
) -> Result<String, Diagnostic> {
    let fail = |message: String| Diagnostic::error(codes::OUTPUT, path, 0, 0, message);
    let by_path: BTreeMap<&str, &[u8]> =
        files.iter().map(|f| (f.path.as_str(), f.bytes.as_slice())).collect();
    let text = |name: &str| -> Result<String, Diagnostic> {
        let bytes = by_path.get(name).ok_or_else(|| fail(format!("the rendered site has no {name}")))?;
        String::from_utf8(bytes.to_vec()).map_err(|e| fail(format!("{name}: {e}")))
    };
    let main_of = |name: &str, html: &str| {
        title_and_main(html)
            .map(|(title, range)| (title.to_string(), range))
            .ok_or_else(|| fail(format!("{name}: the theme's page has no <main> element")))
    };

    // Route → [title, main content], both HTML, packed compressed (see `pack`). The home
    // page is the shell's own view.
    let mut pages: BTreeMap<String, (String, String)> = BTreeMap::new();
    for file in files.iter().filter(|f| f.path.ends_with(".html") && f.path != SEARCH_PAGE) {
        let route = route_of(&file.path);
        if route == HOME_ROUTE {
            continue;
        }
        let html = String::from_utf8_lossy(&file.bytes);
        let (title, main) = main_of(&file.path, &html)?;
        pages.insert(route, (title, rewrite_links(&file.path, &html[main], &by_path)));
    }
    let search_files = by_path
        .iter()
        .filter(|(name, _)| name.starts_with("search/") && name.ends_with(".js"))
        .map(|(name, bytes)| (*name, *bytes));
    let pack = Pack::new(&pages, search_files).map_err(|e| fail(e.to_string()))?;
    drop(pages);
    let pack = serde_json::to_string(&pack).map_err(|e| fail(e.to_string()))?;

    let home = text("index.html")?;
    let (_, home_main) = main_of("index.html", &home)?;
    let search = text(SEARCH_PAGE)?;
    let (search_title, search_main) = main_of(SEARCH_PAGE, &search)?;
    let mut scripts = format!("<script>self.FAQBOOK_OFFLINE_PACK = {};</script>\n", inline_script(&pack));
    for name in std::iter::once(ROUTER_SCRIPT.to_string()).chain(theme_scripts(SEARCH_PAGE, &search)) {
        scripts.push_str(&format!("<script>{}</script>\n", inline_script(&text(&name)?)));
    }
    let unsupported =
        strings.copy_unsupported.replace('&', "&amp;").replace('"', "&quot;").replace('<', "&lt;");
    let after = shell_part(&home[home_main.end..], &by_path);
    let body_end = after.rfind("</body>").ok_or_else(|| fail("index.html has no </body>".to_string()))?;
    Ok(format!(
        "{}\n<div data-offline-view=\"page\" data-unsupported=\"{unsupported}\">{}</div>\n<div data-offline-view=\"search\" data-title=\"{search_title}\" hidden>{}</div>\n{}{scripts}{}",
        shell_part(&home[..home_main.start], &by_path),
        rewrite_links("index.html", &home[home_main], &by_path),
        rewrite_links(SEARCH_PAGE, &search[search_main], &by_path),
        &after[..body_end],
        &after[body_end..],
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files() -> BTreeMap<&'static str, &'static [u8]> {
        BTreeMap::from([("assets/a.png", &b"PNG"[..]), ("index.html", &b""[..])])
    }

    #[test]
    fn page_links_become_fragment_routes() {
        let f = files();
        assert_eq!(rewrite_url("faq/a.html", "../faq/b.html", &f), "#faq/b");
        assert_eq!(rewrite_url("faq/a.html", "b.html#step-2", &f), "#faq/b");
        assert_eq!(rewrite_url("services/x.html", "../index.html", &f), "#home");
        assert_eq!(rewrite_url("index.html", "tags/index.html", &f), "#tags/index");
        assert_eq!(rewrite_url("index.html", "search.html", &f), "#search");
        assert_eq!(
            rewrite_url("faq/a.html", "../search.html?q=vpn&status=resolved", &f),
            "#q=vpn&status=resolved"
        );
    }

    #[test]
    fn outside_and_in_page_urls_are_kept() {
        let f = files();
        for url in ["https://example.com/a.html", "mailto:?subject=x", "#fn-1", "//host/x", "data:,x", ""] {
            assert_eq!(rewrite_url("faq/a.html", url, &f), url);
        }
    }

    #[test]
    fn content_files_are_inlined_and_unknown_files_go_nowhere() {
        let f = files();
        assert_eq!(rewrite_url("faq/a.html", "../assets/a.png", &f), "data:image/png;base64,UE5H");
        assert_eq!(rewrite_url("faq/a.html", "../assets/missing.png", &f), "#404");
        assert_eq!(rewrite_url("faq/a.html", "../../../etc/passwd", &f), "#404");
    }

    #[test]
    fn attributes_are_rewritten_with_entities_kept() {
        let html =
            r#"<a href="../search.html?q=a&amp;status=resolved">s</a><img src="../assets/a.png" alt="">"#;
        assert_eq!(
            rewrite_links("faq/a.html", html, &files()),
            r##"<a href="#q=a&amp;status=resolved">s</a><img src="data:image/png;base64,UE5H" alt="">"##
        );
    }

    #[test]
    fn single_file_does_not_double_escape_apostrophes_in_urls() {
        let html = r#"<a href="https://example.org/it&#x27;s?a=1&amp;b=2">x</a><a href="../search.html?q=it&#x27;s">y</a>"#;
        assert_eq!(
            rewrite_links("faq/a.html", html, &files()),
            r##"<a href="https://example.org/it&#x27;s?a=1&amp;b=2">x</a><a href="#q=it&#x27;s">y</a>"##
        );
    }

    #[test]
    fn inline_scripts_cannot_be_closed_by_their_data() {
        let data = r#"push(["doc",0,{"x":"a </script><script>alert(1)</script> <!-- b"}])"#;
        let inlined = inline_script(data);
        assert!(!inlined.to_ascii_lowercase().contains("</script") && !inlined.contains("<!--"));
    }

    #[test]
    fn routes_are_paths_without_html() {
        assert_eq!(route_of("index.html"), "home");
        assert_eq!(route_of("faq/a-1.html"), "faq/a-1");
        assert_eq!(route_of("tags/index.html"), "tags/index");
    }
}
