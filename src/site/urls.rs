//! Output paths and the links between them: the one place that knows where each file of a
//! built site lives (FAQ pages, listings, the fixed pages, feeds, search index files, theme
//! static files, content assets) and how one output file links to another.
//!
//! Paths are relative to the site root, `/`-separated and ASCII. A link is written in one of two
//! styles ([`LinkStyle`]): `Files` for the site (relative paths, so it works from `file://` and
//! any static server) or `Fragments` for the single-file export, where every page is a route of
//! one document (`#faq/<id>`, `#home`, `#q=…` for a search) and every other file is inlined as
//! a `data:` URL, so nothing the file refers to is ever requested.

use std::collections::HashMap;

use base64::Engine;
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, percent_decode_str, utf8_percent_encode};

use crate::content::Status;
use crate::slug::short_hash;

pub const HOME: &str = "index.html";
pub const SEARCH: &str = "search.html";
pub const NOT_FOUND: &str = "404.html";
pub const TAG_INDEX: &str = "tags/index.html";
pub const KNOWN_ISSUES: &str = "known-issues.html";
pub const REVIEW: &str = "review.html";
pub const SITEMAP: &str = "sitemap.xml";
pub const ATOM: &str = "atom.xml";

/// Output folder of FAQ pages.
pub const FAQ_DIR: &str = "faq";
/// Output folder of files copied from the content folder (images, PDFs …).
pub const ASSET_DIR: &str = "assets";
/// Output folder of the theme's static files (and the highlighting stylesheet).
const STATIC_DIR: &str = "static";
/// Output folder of the search index, a macro so that the index's fixed files below are
/// spelled from it (`concat!` takes literals only, not constants).
macro_rules! search_dir {
    () => {
        "search"
    };
}
/// Output folder of the search index.
const SEARCH_DIR: &str = search_dir!();

/// The highlighting stylesheet the build writes beside the theme's static files.
pub const HIGHLIGHT_CSS: &str = "highlight.css";
/// The theme script that routes the single-file copy's fragments.
pub const ROUTER_SCRIPT: &str = "offline.js";
/// The search page's helper scripts (theme static files), in the order they load before
/// `search.js`. The search page links them and the single file inlines them from this list.
pub const SEARCH_PARTS: [&str; 6] = [
    "search-text.js",
    "search-query.js",
    "search-synonyms.js",
    "search-confidence.js",
    "search-score.js",
    "search-rank.js",
];

/// The search page's helper scripts in one file, [`SEARCH_PARTS`] joined in order by the build
/// ([`search_parts_joined`]): one request instead of six before the page can search (each file
/// the page loads costs Chromium about 2 ms of its own, whatever its size). The parts stay
/// files too, for a theme's own search.html that links them one by one.
pub const SEARCH_PARTS_JOINED: &str = "search-parts.js";

/// [`SEARCH_PARTS`] joined into [`SEARCH_PARTS_JOINED`]; `None` when a part is missing (a theme
/// that dropped one). A part that does not end in `;` gets a line break and a `;` after it, so
/// it cannot run on into the next one's opening parenthesis (nor a closing line comment swallow
/// it); the shipped parts all end in `;`, so the joined file is their bytes and no more.
pub fn search_parts_joined<'a>(file: impl Fn(&str) -> Option<&'a [u8]>) -> Option<Vec<u8>> {
    let mut joined = Vec::new();
    for name in SEARCH_PARTS {
        let part = file(name)?;
        joined.extend_from_slice(part);
        if !part.trim_ascii_end().ends_with(b";") {
            joined.extend_from_slice(b"\n;");
        }
    }
    Some(joined)
}

/// The pages the single file keeps as documents of its own (its shell): the home page is the
/// shell's document and first view, the search page's `<main>` its second view. Every other
/// page is cut to its `<main>` and packed.
pub const SHELL_PAGES: [&str; 2] = [HOME, SEARCH];

/// The scheme of a reference to a theme static file in a packed page ([`static_file_href`]).
const STATIC_REF_SCHEME: &str = "faqbook-static:";

/// Everything but RFC 3986 unreserved characters (`A-Z a-z 0-9 - _ . ~`): what a URL query
/// value escapes, and what a static file's name escapes in its reference (so no template
/// escaping or attribute quoting can change the reference's text).
pub const UNRESERVED_ONLY: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'_').remove(b'.').remove(b'~');

/// The route of the home page in the single file.
const HOME_ROUTE: &str = "home";
/// The route of the search view in the single file.
const SEARCH_ROUTE: &str = "search";
/// The route the single file shows for a link to something it does not hold.
const NOT_FOUND_ROUTE: &str = "404";

pub fn faq(id: &str) -> String {
    format!("{FAQ_DIR}/{id}.html")
}

pub fn service(slug: &str) -> String {
    format!("services/{slug}.html")
}

/// A tag's listing. [`TAG_INDEX`] is the tag index, so a tag whose slug is `index` (an English
/// tag named "Index") moves aside instead of overwriting it.
pub fn tag(slug: &str) -> String {
    if slug == "index" { "tags/index-tag.html".to_string() } else { format!("tags/{slug}.html") }
}

pub fn status(status: Status) -> String {
    format!("status/{}.html", status.as_str())
}

/// A theme static file (`style.css`) or [`HIGHLIGHT_CSS`].
pub fn static_file(name: &str) -> String {
    format!("{STATIC_DIR}/{name}")
}

/// The URL of the static file `name` in the page at `from` rendered with fragment links. The
/// [`SHELL_PAGES`] get its `data:` URL. A packed page gets a reference
/// (`faqbook-static:<name>`) that the single file resolves once for all pages
/// ([`static_file_refs`]): inlining the file into every page would hold and pack it once per
/// page.
pub fn static_file_href(from: &str, name: &str, inlined: &Inlined) -> String {
    if SHELL_PAGES.contains(&from) {
        href(from, &static_file(name), LinkStyle::Fragments(inlined))
    } else {
        format!("{STATIC_REF_SCHEME}{}", utf8_percent_encode(name, UNRESERVED_ONLY))
    }
}

/// The static file references ([`static_file_href`]) in `html`: each reference as written,
/// with the output path of the file it names.
pub fn static_file_refs(html: &str) -> impl Iterator<Item = (&str, String)> {
    let in_ref = |c: char| c.is_ascii_alphanumeric() || matches!(c, '%' | '-' | '_' | '.' | '~');
    html.match_indices(STATIC_REF_SCHEME).filter_map(move |(start, _)| {
        let name_start = start + STATIC_REF_SCHEME.len();
        let name_len = html[name_start..].find(|c| !in_ref(c)).unwrap_or(html.len() - name_start);
        let name = percent_decode_str(&html[name_start..name_start + name_len]).decode_utf8().ok()?;
        (!name.is_empty()).then(|| (&html[start..name_start + name_len], static_file(&name)))
    })
}

pub const SEARCH_META: &str = concat!(search_dir!(), "/meta.js");
pub const SEARCH_FACETS: &str = concat!(search_dir!(), "/facets.js");

pub fn search_shard(n: usize) -> String {
    format!("{SEARCH_DIR}/shards/{n}.js")
}

pub fn search_synonyms(n: usize) -> String {
    format!("{SEARCH_DIR}/synonyms/{n}.js")
}

pub fn search_doc(n: usize) -> String {
    format!("{SEARCH_DIR}/docs/{n}.js")
}

/// Whether an output file is part of the search index.
pub fn is_search_file(path: &str) -> bool {
    path.strip_prefix(SEARCH_DIR).is_some_and(|rest| rest.starts_with('/')) && path.ends_with(".js")
}

/// Output path of a content asset. Paths that are already safe ASCII keep their shape; any other
/// is replaced by a hash of it (output paths must be ASCII so the site survives zip tools,
/// Windows and `file://`), keeping the extension.
pub fn asset(rel: &str) -> String {
    let safe = |s: &str| {
        !s.is_empty()
            && s.split('/').all(|part| !part.is_empty() && part != "." && part != "..")
            && s.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'/'))
    };
    if safe(rel) {
        return format!("{ASSET_DIR}/{rel}");
    }
    let ext: String = rel
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .filter(|e| !e.is_empty() && e.len() <= 10 && e.bytes().all(|b| b.is_ascii_alphanumeric()))
        .map_or_else(String::new, |e| format!(".{e}"));
    format!("{ASSET_DIR}/h/{}{ext}", short_hash(rel, 16))
}

/// `"../"` once per folder level of `path`, so links from it reach the site root.
pub fn root_prefix(path: &str) -> String {
    "../".repeat(path.matches('/').count())
}

/// The route of an output page in the single file: its path without `.html`, `home` for the
/// home page.
pub fn route(path: &str) -> String {
    let route = path.strip_suffix(".html").unwrap_or(path);
    if path == HOME { HOME_ROUTE.to_string() } else { route.to_string() }
}

/// How links are written.
#[derive(Debug, Clone, Copy)]
pub enum LinkStyle<'a> {
    /// Relative paths between files: the site.
    Files,
    /// Fragments of one document, with every file that is not a page inlined: the single file.
    Fragments(&'a Inlined),
}

impl LinkStyle<'_> {
    pub fn is_fragments(&self) -> bool {
        matches!(self, LinkStyle::Fragments(_))
    }

    /// The prefix templates write before a root-relative target ([`target`]): the way from
    /// `from` to the site root, or `#`.
    pub fn root(&self, from: &str) -> String {
        match self {
            LinkStyle::Files => root_prefix(from),
            LinkStyle::Fragments(_) => "#".to_string(),
        }
    }

    /// A page's path as templates write it after [`LinkStyle::root`]: the path itself, or its
    /// route.
    pub fn target(&self, path: &str) -> String {
        match self {
            LinkStyle::Files => path.to_string(),
            LinkStyle::Fragments(_) if path == SEARCH => SEARCH_ROUTE.to_string(),
            LinkStyle::Fragments(_) => route(path),
        }
    }
}

/// The files a fragment-linked copy holds inline, as `data:` URLs by output path.
#[derive(Debug, Default)]
pub struct Inlined {
    urls: HashMap<String, String>,
}

impl Inlined {
    /// Every file of `files` (output path, bytes) as a `data:` URL.
    pub fn new<'a>(files: impl IntoIterator<Item = (String, &'a [u8])>) -> Inlined {
        let urls = files
            .into_iter()
            .map(|(path, bytes)| {
                let url = data_url(&path, bytes);
                (path, url)
            })
            .collect();
        Inlined { urls }
    }

    fn get(&self, path: &str) -> Option<&str> {
        self.urls.get(path).map(String::as_str)
    }
}

/// The `data:` URL of the output file `path` holding `bytes`.
pub fn data_url(path: &str, bytes: &[u8]) -> String {
    // Written without the space of `text/css; charset=utf-8`: a URL has none.
    format!(
        "data:{};base64,{}",
        crate::media::content_type(std::path::Path::new(path)).replace(' ', ""),
        base64::engine::general_purpose::STANDARD.encode(bytes)
    )
}

/// The link from the output file `from` to `to` (root-relative, with an optional `?query` and
/// `#fragment`). `Files`: the shortest relative path (`b.html#x` beside it, `../assets/a.png`
/// from a folder). `Fragments`: a page's route (`#faq/b`; a search keeps its query as `#q=…`;
/// the fragment is dropped, the route being the fragment), another file's `data:` URL, and
/// `#404` for a file the copy does not hold.
pub fn href(from: &str, to: &str, style: LinkStyle) -> String {
    let inlined = match style {
        LinkStyle::Files => return relative(from, to),
        LinkStyle::Fragments(inlined) => inlined,
    };
    let (rest, _fragment) = to.split_once('#').unwrap_or((to, ""));
    let (path, query) = rest.split_once('?').unwrap_or((rest, ""));
    if path == SEARCH {
        return if query.is_empty() { format!("#{SEARCH_ROUTE}") } else { format!("#{query}") };
    }
    if path.ends_with(".html") || path.is_empty() {
        return format!("#{}", if path.is_empty() { HOME_ROUTE.to_string() } else { route(path) });
    }
    inlined.get(path).map_or_else(|| format!("#{NOT_FOUND_ROUTE}"), str::to_string)
}

/// A URL written in the output file `from`, as [`href`] writes it in `style`: URLs that leave the
/// site (`https:`, `mailto:`) or stay in the page (`#x`) are kept, relative ones are resolved
/// against `from` (`#404` in fragments when they climb above the root).
pub fn restyle(from: &str, url: &str, style: LinkStyle) -> String {
    if matches!(style, LinkStyle::Files) || !depends_on_style(url) {
        return url.to_string();
    }
    let (path, rest) = url.find(['?', '#']).map_or((url, ""), |i| url.split_at(i));
    match join(from, path) {
        Some(target) => href(from, &format!("{target}{rest}"), style),
        None => format!("#{NOT_FOUND_ROUTE}"),
    }
}

/// Whether a URL written in an output file is written differently in another link style
/// ([`restyle`]): relative ones are; those that leave the site or stay in the page are not.
pub fn depends_on_style(url: &str) -> bool {
    !(is_absolute(url) || url.starts_with('#'))
}

/// Whether a URL names its own scheme or host (`https:`, `mailto:`, `//host`), or is empty.
fn is_absolute(url: &str) -> bool {
    url.is_empty() || url.starts_with("//") || scheme(url).is_some()
}

/// `Some("https")` for `https://…`, lower-cased; `None` for relative paths (a Windows drive
/// letter like `C:` counts as a scheme, which is right: it is not a relative link either).
pub fn scheme(url: &str) -> Option<String> {
    let (scheme, _) = url.split_once(':')?;
    let mut chars = scheme.chars();
    let first = chars.next()?;
    (first.is_ascii_alphabetic() && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.')))
        .then(|| scheme.to_ascii_lowercase())
}

/// `rel` resolved against the folder of the file `from` (`.` and `..` resolved, `\` read as
/// `/` as browsers do); `None` when it climbs above the root. Used for content paths and output
/// paths alike.
pub fn join(from: &str, rel: &str) -> Option<String> {
    let mut parts: Vec<&str> = from.split('/').collect();
    parts.pop();
    for part in rel.split(['/', '\\']) {
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

/// The relative path from the file `from` to `to`: the folders they share are skipped.
fn relative(from: &str, to: &str) -> String {
    let from_dirs: Vec<&str> = from.split('/').collect();
    let from_dirs = &from_dirs[..from_dirs.len() - 1];
    let mut rest = to;
    let mut shared = 0;
    for dir in from_dirs {
        match rest.strip_prefix(dir).and_then(|r| r.strip_prefix('/')) {
            Some(after) => {
                rest = after;
                shared += 1;
            }
            None => break,
        }
    }
    format!("{}{rest}", "../".repeat(from_dirs.len() - shared))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn inlined() -> Inlined {
        Inlined::new([("assets/a.png".to_string(), &b"PNG"[..])])
    }

    #[test]
    fn a_tag_named_index_does_not_replace_the_tag_index() {
        assert_ne!(tag("index"), TAG_INDEX);
        assert_eq!(tag("vpn"), "tags/vpn.html");
    }

    #[test]
    fn root_prefix_climbs_one_level_per_folder() {
        assert_eq!(root_prefix("index.html"), "");
        assert_eq!(root_prefix("faq/a.html"), "../");
        assert_eq!(root_prefix("a/b/c.html"), "../../");
    }

    #[test]
    fn file_links_are_the_shortest_relative_paths() {
        assert_eq!(href("faq/a.html", "faq/b.html#setup", LinkStyle::Files), "b.html#setup");
        assert_eq!(href("faq/a.html", "assets/dir/x.png", LinkStyle::Files), "../assets/dir/x.png");
        assert_eq!(href("index.html", "tags/vpn.html", LinkStyle::Files), "tags/vpn.html");
        assert_eq!(href("a/b/c.html", "a/d.html", LinkStyle::Files), "../d.html");
        assert_eq!(href("faq/a.html", "faqs/b.html", LinkStyle::Files), "../faqs/b.html");
    }

    #[test]
    fn fragment_links_are_routes_and_inlined_files() {
        let inlined = inlined();
        let style = LinkStyle::Fragments(&inlined);
        assert_eq!(href("faq/a.html", "faq/b.html#step-2", style), "#faq/b");
        assert_eq!(href("faq/a.html", HOME, style), "#home");
        assert_eq!(href("faq/a.html", TAG_INDEX, style), "#tags/index");
        assert_eq!(href("faq/a.html", SEARCH, style), "#search");
        assert_eq!(href("faq/a.html", "search.html?q=vpn&status=resolved", style), "#q=vpn&status=resolved");
        assert_eq!(href("faq/a.html", "assets/a.png", style), "data:image/png;base64,UE5H");
        assert_eq!(href("faq/a.html", "assets/missing.png", style), "#404");
    }

    #[test]
    fn restyled_urls_resolve_relative_ones_and_keep_the_others() {
        let inlined = inlined();
        let style = LinkStyle::Fragments(&inlined);
        assert_eq!(restyle("faq/a.html", "b.html#x", style), "#faq/b");
        assert_eq!(restyle("faq/a.html", "../assets/a.png", style), "data:image/png;base64,UE5H");
        assert_eq!(restyle("faq/a.html", "../../../etc/passwd", style), "#404");
        for url in ["https://example.com/a.html", "mailto:?subject=x", "#fn-1", "//host/x", "data:,x", ""] {
            assert_eq!(restyle("faq/a.html", url, style), url);
            assert!(!depends_on_style(url), "{url}: export shares bodies holding it between styles");
        }
        assert!(["b.html#x", "../assets/a.png", "b.html"].iter().all(|url| depends_on_style(url)));
        assert_eq!(restyle("faq/a.html", "b.html", LinkStyle::Files), "b.html");
    }

    #[test]
    fn static_files_are_inlined_in_the_shell_and_referenced_by_name_in_packed_pages() {
        let inlined = Inlined::new([(static_file("logo.svg"), &b"<svg/>"[..])]);
        assert_eq!(
            static_file_href(HOME, "logo.svg", &inlined),
            "data:image/svg+xml;charset=utf-8;base64,PHN2Zy8+"
        );
        let reference = static_file_href("faq/a.html", "img/ロゴ.svg", &inlined);
        assert!(
            reference.bytes().all(|b| b.is_ascii_alphanumeric() || b"%-_.~:".contains(&b)),
            "{reference}"
        );
        let html = format!("<img src='{reference}'><img src=\"{reference}\"> faqbook-static: x");
        let found: Vec<(&str, String)> = static_file_refs(&html).collect();
        assert_eq!(found, vec![(reference.as_str(), static_file("img/ロゴ.svg")); 2]);
    }

    #[test]
    fn routes_are_paths_without_html() {
        assert_eq!(route(HOME), "home");
        assert_eq!(route("faq/a-1.html"), "faq/a-1");
        assert_eq!(route(TAG_INDEX), "tags/index");
        assert_eq!(LinkStyle::Files.target(SEARCH), SEARCH);
        assert_eq!(LinkStyle::Fragments(&inlined()).target(SEARCH), "search");
    }

    #[test]
    fn search_files_are_told_apart() {
        assert!(is_search_file(SEARCH_META) && is_search_file(&search_doc(3)));
        assert_eq!([SEARCH_META, SEARCH_FACETS, &search_synonyms(0)].map(is_search_file), [true; 3]);
        assert_eq!(SEARCH_META, "search/meta.js");
        assert!(!is_search_file(SEARCH) && !is_search_file("searches/a.js"));
    }

    #[test]
    fn search_parts_are_joined_as_they_are_and_closed_when_open() {
        let parts = |name: &str| match name {
            "search-query.js" => Some(&b"(function () {})() // no semicolon"[..]),
            _ => Some(&b"a();\n"[..]),
        };
        let joined = String::from_utf8(search_parts_joined(parts).unwrap()).unwrap();
        assert_eq!(joined, "a();\n(function () {})() // no semicolon\n;a();\na();\na();\na();\n");
        assert!(search_parts_joined(|name| (name != "search-rank.js").then_some(&b"a();"[..])).is_none());
    }

    #[test]
    fn asset_paths_are_ascii() {
        assert_eq!(asset("img/a-1.png"), "assets/img/a-1.png");
        let hashed = asset("画像 1.PNG");
        assert!(hashed.starts_with("assets/h/") && hashed.ends_with(".png") && hashed.is_ascii(), "{hashed}");
    }
}
