//! `faqbook export --single-file`: the rendered site as one self-contained HTML file that makes
//! no request of any kind. The site is rendered for it with fragment links
//! ([`LinkStyle::Fragments`](crate::site::urls::LinkStyle)): links between pages are routes
//! (`#faq/x`), and content files, stylesheets and the home page's scripts are `data:` URLs, so
//! nothing here rewrites a link. The home page's document is the shell: its `<main>` holds the
//! home page and a search view, and every other page's `<main>` content becomes an entry of the
//! compressed pack (route → title, HTML; see `pack`). The theme's router
//! ([`ROUTER_SCRIPT`](urls::ROUTER_SCRIPT)) and the search page's helper scripts
//! ([`SEARCH_PARTS`](urls::SEARCH_PARTS)) are inlined after the views; the router shows routes
//! and feeds the search its inlined index.

use std::collections::BTreeMap;

use super::pack::Pack;
use crate::diagnostics::{Diagnostic, codes};
use crate::render::strings::UiStrings;
use crate::site::output::OutputFile;
use crate::site::urls;

/// Text for an inline `<script>`: `</script` and `<!--` cannot end or confuse it. Inside the
/// JSON strings and JavaScript string literals where they can occur, `<\/` and `<\!` read the
/// same.
fn inline_script(code: &str) -> String {
    code.replace("</", "<\\/").replace("<!--", "<\\!--")
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

/// The single-file copy of a site rendered with fragment links. `path` names the output in
/// errors. Each page is let go once its `<main>` is taken, so the copy's pages are not held
/// twice.
pub fn single_file(
    files: Vec<OutputFile>,
    strings: &UiStrings,
    path: &std::path::Path,
) -> Result<String, Diagnostic> {
    let fail = |message: String| Diagnostic::error(codes::OUTPUT, path, 0, 0, message);
    let main_of = |name: &str, html: &str| {
        title_and_main(html)
            .map(|(title, range)| (title.to_string(), range))
            .ok_or_else(|| fail(format!("{name}: the theme's page has no <main> element")))
    };

    // Route → [title, main content], both HTML, packed compressed (see `pack`). The home
    // page is the shell's own view, the search page its other view.
    let mut pages: BTreeMap<String, (String, String)> = BTreeMap::new();
    let mut by_path: BTreeMap<String, Vec<u8>> = BTreeMap::new();
    // The theme static files packed pages refer to (reference → output path), resolved once.
    let mut static_refs: BTreeMap<String, String> = BTreeMap::new();
    for file in files {
        if !file.path.ends_with(".html") || urls::SHELL_PAGES.contains(&file.path.as_str()) {
            by_path.insert(file.path, file.bytes);
            continue;
        }
        let html = String::from_utf8_lossy(&file.bytes);
        let (title, main) = main_of(&file.path, &html)?;
        let main = &html[main];
        for (reference, path) in urls::static_file_refs(main) {
            if !static_refs.contains_key(reference) {
                static_refs.insert(reference.to_string(), path);
            }
        }
        pages.insert(urls::route(&file.path), (title, main.to_string()));
    }
    let text = |name: &str| -> Result<String, Diagnostic> {
        let bytes = by_path.get(name).ok_or_else(|| fail(format!("the rendered site has no {name}")))?;
        String::from_utf8(bytes.to_vec()).map_err(|e| fail(format!("{name}: {e}")))
    };
    let search_files = by_path
        .iter()
        .filter(|(name, _)| urls::is_search_file(name))
        .map(|(name, bytes)| (name.as_str(), bytes.as_slice()));
    // A reference to something that is no static file (a page's own text) is left as written.
    let static_files = static_refs
        .into_iter()
        .filter_map(|(reference, path)| {
            by_path.get(&path).map(|bytes| (reference, urls::data_url(&path, bytes)))
        })
        .collect();
    let pack = Pack::new(&pages, search_files, static_files).map_err(|e| fail(e.to_string()))?;
    drop(pages);
    let pack = serde_json::to_string(&pack).map_err(|e| fail(e.to_string()))?;

    let home = text(urls::HOME)?;
    let (_, home_main) = main_of(urls::HOME, &home)?;
    let search = text(urls::SEARCH)?;
    let (search_title, search_main) = main_of(urls::SEARCH, &search)?;
    // After the views, so the router finds them, and before anything the page's own chrome
    // loads, so the search code finds the router's loader and its helpers already there.
    let mut scripts = format!("<script>self.FAQBOOK_OFFLINE_PACK = {};</script>\n", inline_script(&pack));
    for name in std::iter::once(urls::ROUTER_SCRIPT).chain(urls::SEARCH_PARTS) {
        let code = text(&urls::static_file(name))?;
        scripts.push_str(&format!("<script>{}</script>\n", inline_script(&code)));
    }
    let unsupported =
        strings.copy_unsupported.replace('&', "&amp;").replace('"', "&quot;").replace('<', "&lt;");
    Ok(format!(
        "{}\n<div data-offline-view=\"page\" data-unsupported=\"{unsupported}\">{}</div>\n<div data-offline-view=\"search\" data-title=\"{search_title}\" hidden>{}</div>\n{scripts}{}",
        &home[..home_main.start],
        &home[home_main.clone()],
        &search[search_main],
        &home[home_main.end..],
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_scripts_cannot_be_closed_by_their_data() {
        let data = r#"push(["doc",0,{"x":"a </script><script>alert(1)</script> <!-- b"}])"#;
        let inlined = inline_script(data);
        assert!(!inlined.to_ascii_lowercase().contains("</script") && !inlined.contains("<!--"));
    }

    /// The pages are taken as rendered: whatever quotes and attribute order the theme writes,
    /// the shell keeps them byte for byte around its views.
    #[test]
    fn pages_are_assembled_as_rendered() {
        let page = |main: &str| {
            format!(
                "<head><link href='data:,a' rel=stylesheet><title>T</title></head><main id=m>{main}</main><footer>f</footer>"
            )
        };
        let mut files = vec![
            OutputFile::new(urls::HOME, page("<a href='#faq/a'>a</a>")),
            OutputFile::new(urls::SEARCH, page("<form action='#search'></form>")),
            OutputFile::new(urls::faq("a"), page("<p>A</p>")),
        ];
        for name in std::iter::once(urls::ROUTER_SCRIPT).chain(urls::SEARCH_PARTS) {
            files.push(OutputFile::new(urls::static_file(name), format!("/* {name} */")));
        }
        let strings = crate::render::strings::ui_strings(crate::config::Language::En);
        let html = single_file(files, strings, std::path::Path::new("copy.html")).unwrap();
        assert!(
            html.starts_with(
                "<head><link href='data:,a' rel=stylesheet><title>T</title></head><main id=m>\n"
            )
        );
        assert!(
            html.contains("<a href='#faq/a'>a</a></div>")
                && html.contains("<form action='#search'></form></div>")
        );
        assert!(html.ends_with("<script>/* search-rank.js */</script>\n</main><footer>f</footer>"), "{html}");
        assert!(!html.contains("<p>A</p>"), "other pages are packed");
    }
}
