//! Links between pages: the one resolver used by `build` (to rewrite them) and by `check` (to
//! report them), so both agree on what is broken.
//!
//! Authors link pages as they see them on disk: `other.md`, `../dir/page.md#anchor`, and images
//! or files next to the pages (`img/screen.png`). In the output every FAQ page is
//! `faq/<id>.html` and every content asset is under `assets/` ([`crate::site::urls`]), so a link is resolved against
//! the content folder and rewritten to a relative `.html` or asset path. Broken targets, missing
//! anchors and missing images become located diagnostics.

use std::collections::{HashMap, HashSet};

use pulldown_cmark::{Event, Parser, Tag};
use rayon::prelude::*;

use crate::config::Config;
use crate::content::{LoadedSite, Page};
use crate::diagnostics::{Code, Diagnostic, Severity, codes, line_col};
use crate::outline::parser_options;
use crate::render::markdown::{LinkKind, heading_anchors};
use crate::site::urls::{self, LinkStyle};
use crate::slug::slugify;

/// Whether a page is part of the built site (`[build] include-unreviewed = false` drops pages
/// nobody has reviewed yet). Links to unpublished pages are broken links.
pub fn is_published(config: &Config, page: &Page) -> bool {
    config.build.include_unreviewed || page.front.reviewed
}

/// A problem with one link, before it is located in a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkProblem {
    pub severity: Severity,
    pub code: Code,
    pub message: String,
}

/// What to write in the HTML for one link, and what is wrong with it, if anything.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResolvedLink {
    pub href: String,
    pub problem: Option<LinkProblem>,
}

#[derive(Debug)]
struct PageTarget {
    id: String,
    /// The anchors of the page's headings, in order ([`heading_anchors`]: from its outline).
    anchors: Vec<String>,
}

impl PageTarget {
    /// The anchor a fragment means: an anchor as generated, or the heading's own text
    /// (`#対応`), which authors naturally write and which maps to the same ASCII anchor.
    /// An empty fragment (`page.md#`) means the top of the page.
    fn anchor_for(&self, fragment: &str) -> Option<String> {
        let decoded = percent_decode(fragment);
        if decoded.is_empty() || self.anchors.contains(&decoded) {
            return Some(decoded);
        }
        let from_text = slugify(&decoded);
        self.anchors.contains(&from_text).then_some(from_text)
    }
}

/// Every link target of a site: published pages (by content-relative path, with their heading
/// anchors) and assets.
#[derive(Debug)]
pub struct LinkIndex {
    pages: HashMap<String, PageTarget>,
    assets: HashSet<String>,
    allow_html: bool,
    /// Page files that exist but did not load (their own errors are reported): links to them
    /// are not reported as broken too, which would send the author to the wrong file.
    unloadable: HashSet<String>,
}

impl LinkIndex {
    /// Builds the index; heading anchors are computed in parallel.
    pub fn new<'a>(
        pages: impl IntoParallelIterator<Item = &'a Page>,
        assets: &[String],
        allow_html: bool,
    ) -> Self {
        let pages = pages
            .into_par_iter()
            .map(|p| {
                let target = PageTarget { id: p.front.id.clone(), anchors: heading_anchors(&p.body) };
                (p.rel_path.clone(), target)
            })
            .collect();
        LinkIndex { pages, assets: assets.iter().cloned().collect(), allow_html, unloadable: HashSet::new() }
    }

    /// Replaces the targets of the page file at `rel_path` by those of `page`, or removes them
    /// (`None`: the page was removed or is no longer published). For `serve`, after an edit.
    pub fn set_page(&mut self, rel_path: &str, page: Option<&Page>) {
        match page {
            Some(p) => {
                let target = PageTarget { id: p.front.id.clone(), anchors: heading_anchors(&p.body) };
                self.pages.insert(rel_path.to_string(), target);
            }
            None => {
                self.pages.remove(rel_path);
            }
        }
    }

    /// The anchors of the headings of the page at `rel_path`, in order, as its outline gives
    /// them (the renderer writes them on the headings); `None` for a page not in the index.
    pub fn anchors(&self, rel_path: &str) -> Option<&[String]> {
        self.pages.get(rel_path).map(|page| page.anchors.as_slice())
    }

    /// Marks page files that exist but did not load (`LoadedSite::unloadable_pages`).
    pub fn with_unloadable(mut self, rel_paths: &[String]) -> Self {
        self.unloadable = rel_paths.iter().cloned().collect();
        self
    }

    /// Resolves `dest` written in the page at content-relative path `from_rel`. The returned
    /// `href` is relative to that page's output file (`faq/<id>.html`).
    pub fn resolve(&self, from_rel: &str, kind: LinkKind, dest: &str) -> ResolvedLink {
        let keep = || ResolvedLink { href: dest.to_string(), problem: None };
        let dest_trimmed = dest.trim();
        if dest_trimmed.is_empty() {
            return keep();
        }
        if let Some(scheme) = urls::scheme(dest_trimmed) {
            let dangerous = ["javascript", "vbscript", "data", "file"].contains(&scheme.as_str());
            if dangerous && !self.allow_html {
                return ResolvedLink {
                    href: "#".to_string(),
                    problem: Some(warning(
                        codes::UNSAFE_LINK,
                        format!("`{scheme}:` links are removed unless [build] allow-html = true"),
                    )),
                };
            }
            return keep();
        }
        if dest_trimmed.starts_with("//") {
            return keep();
        }
        let (path_and_query, fragment) = match dest_trimmed.split_once('#') {
            Some((p, f)) => (p, Some(f)),
            None => (dest_trimmed, None),
        };
        let path = path_and_query.split('?').next().unwrap_or("");
        if path.is_empty() {
            return self.resolve_fragment_only(from_rel, fragment.unwrap_or(""), dest);
        }
        if path.starts_with('/') || path.starts_with('\\') {
            return ResolvedLink {
                href: dest.to_string(),
                problem: Some(warning(
                    codes::ABSOLUTE_LINK,
                    format!(
                        "`{dest}` is an absolute path; it breaks when the site is opened from disk. Write a path relative to this page"
                    ),
                )),
            };
        }
        let decoded = percent_decode(path);
        let Some(target) = urls::join(from_rel, &decoded) else {
            return broken(dest, codes::BROKEN_LINK, format!("`{dest}` points outside the content folder"));
        };
        if target.ends_with(".md") {
            self.resolve_page(&target, fragment, dest)
        } else if target.ends_with(".html") || target.ends_with(".htm") {
            // A hand-written link to an output file: left as written.
            keep()
        } else {
            self.resolve_asset(&target, kind, fragment, dest)
        }
    }

    fn resolve_fragment_only(&self, from_rel: &str, fragment: &str, dest: &str) -> ResolvedLink {
        let Some(page) = self.pages.get(from_rel) else {
            return ResolvedLink { href: dest.to_string(), problem: None };
        };
        match page.anchor_for(fragment) {
            Some(anchor) => ResolvedLink { href: format!("#{anchor}"), problem: None },
            None => ResolvedLink {
                href: dest.to_string(),
                problem: Some(error(
                    codes::MISSING_ANCHOR,
                    format!("no heading with anchor `#{fragment}` on this page"),
                )),
            },
        }
    }

    fn resolve_page(&self, target: &str, fragment: Option<&str>, dest: &str) -> ResolvedLink {
        let Some(page) = self.pages.get(target) else {
            if self.unloadable.contains(target) {
                return ResolvedLink { href: dest.to_string(), problem: None };
            }
            return broken(
                dest,
                codes::BROKEN_LINK,
                format!("link to a page that does not exist: `{dest}` (looked for content/{target})"),
            );
        };
        let mut to = urls::faq(&page.id);
        let mut problem = None;
        if let Some(fragment) = fragment {
            to.push('#');
            match page.anchor_for(fragment) {
                Some(anchor) => to.push_str(&anchor),
                None => {
                    to.push_str(fragment);
                    problem = Some(error(
                        codes::MISSING_ANCHOR,
                        format!("`{target}` has no heading with anchor `#{fragment}`"),
                    ));
                }
            }
        }
        ResolvedLink { href: body_href(&to), problem }
    }

    fn resolve_asset(
        &self,
        target: &str,
        kind: LinkKind,
        fragment: Option<&str>,
        dest: &str,
    ) -> ResolvedLink {
        if !self.assets.contains(target) {
            let (code, what) = match kind {
                LinkKind::Image => (codes::MISSING_IMAGE, "image"),
                LinkKind::Link => (codes::BROKEN_LINK, "file"),
            };
            return broken(dest, code, format!("{what} not found: `{dest}` (looked for content/{target})"));
        }
        let mut to = urls::asset(target);
        if let Some(fragment) = fragment {
            to.push('#');
            to.push_str(fragment);
        }
        ResolvedLink { href: body_href(&to), problem: None }
    }
}

/// The link to `to` from a page body. Every FAQ page is in the same folder, so it is the same
/// from any of them.
fn body_href(to: &str) -> String {
    urls::href(&urls::faq(""), to, LinkStyle::Files)
}

fn warning(code: Code, message: String) -> LinkProblem {
    LinkProblem { severity: Severity::Warning, code, message }
}

/// Missing anchors are errors like broken targets (issue 6): a reader following the link lands
/// at the top of a page that does not say what the link promised.
fn error(code: Code, message: String) -> LinkProblem {
    LinkProblem { severity: Severity::Error, code, message }
}

fn broken(dest: &str, code: Code, message: String) -> ResolvedLink {
    ResolvedLink { href: dest.to_string(), problem: Some(error(code, message)) }
}

/// Decodes `%XX` escapes (authors may write `画像.png` or `%E7%94%BB%E5%83%8F.png`); text that
/// does not decode to UTF-8 is kept as written.
fn percent_decode(s: &str) -> String {
    percent_encoding::percent_decode_str(s).decode_utf8().map_or_else(|_| s.to_string(), |d| d.into_owned())
}

/// A link problem located in a page: `offset` is the byte offset of the link in the body.
pub fn link_diagnostic(page: &Page, offset: usize, problem: LinkProblem) -> Diagnostic {
    let (line, col) = line_col(&page.body, offset);
    Diagnostic {
        path: page.path.clone(),
        line: page.body_line + line - 1,
        col,
        severity: problem.severity,
        code: problem.code,
        message: problem.message,
    }
}

/// Every broken link, missing anchor and missing image of the published pages, located, with
/// the site's targets `index`. `faqbook check` calls this when the theme does not load (so
/// nothing renders); otherwise the render reports the same problems as it resolves the links.
pub fn check_links(site: &LoadedSite, config: &Config, index: &LinkIndex) -> Vec<Diagnostic> {
    let published: Vec<&Page> = site.pages.iter().filter(|p| is_published(config, p)).collect();
    let mut diagnostics: Vec<Diagnostic> =
        published.par_iter().flat_map_iter(|page| page_link_problems(index, page)).collect();
    crate::diagnostics::sort_diagnostics(&mut diagnostics);
    diagnostics
}

fn page_link_problems(index: &LinkIndex, page: &Page) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for (event, range) in Parser::new_ext(&page.body, parser_options()).into_offset_iter() {
        let (kind, dest) = match &event {
            Event::Start(Tag::Link { dest_url, .. }) => (LinkKind::Link, dest_url),
            Event::Start(Tag::Image { dest_url, .. }) => (LinkKind::Image, dest_url),
            _ => continue,
        };
        if let Some(problem) = index.resolve(&page.rel_path, kind, dest).problem {
            out.push(link_diagnostic(page, range.start, problem));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::path::Path;

    proptest! {
        #[test]
        fn joined_paths_never_climb_out(from in r"([a-z]{1,3}/){0,3}[a-z]{1,3}\.md", path in r"((\.\.|\.|[a-z]{1,3})/){0,5}[a-z]{0,3}") {
            if let Some(joined) = urls::join(&from, &path) {
                prop_assert!(joined.split('/').all(|part| part != ".." && part != "."), "{}", joined);
                prop_assert!(!joined.starts_with('/'));
            }
        }
    }

    fn page(rel: &str, id: &str, body: &str) -> Page {
        let config = Config::parse(Path::new("s"), Path::new("s/book.toml"), "").unwrap();
        let text = format!("---\nid: {id}\ntitle: T\nservice: Zoom\nstatus: resolved\n---\n{body}");
        crate::content::parse_page(&config, &Path::new("content").join(rel), rel, &text).unwrap()
    }

    fn index() -> LinkIndex {
        let pages = [page("a.md", "a", "## 設定\n"), page("dir/b.md", "b", "## Setup\n")];
        LinkIndex::new(pages.par_iter(), &["dir/img/x.png".to_string(), "画像.png".to_string()], false)
    }

    fn resolve(from: &str, kind: LinkKind, dest: &str) -> ResolvedLink {
        index().resolve(from, kind, dest)
    }

    #[test]
    fn page_links_become_relative_html_files() {
        assert_eq!(resolve("a.md", LinkKind::Link, "dir/b.md#setup").href, "b.html#setup");
        assert_eq!(resolve("dir/b.md", LinkKind::Link, "../a.md").href, "a.html");
        assert_eq!(resolve("dir/b.md", LinkKind::Link, "../a.md").problem, None);
    }

    #[test]
    fn missing_page_and_missing_anchor_are_errors() {
        let missing = resolve("a.md", LinkKind::Link, "nope.md").problem.unwrap();
        assert_eq!((missing.severity, missing.code), (Severity::Error, codes::BROKEN_LINK));
        let anchor = resolve("a.md", LinkKind::Link, "dir/b.md#nope").problem.unwrap();
        assert_eq!((anchor.severity, anchor.code), (Severity::Error, codes::MISSING_ANCHOR));
        assert!(resolve("a.md", LinkKind::Link, "#nope").problem.is_some());
        let own = heading_anchors("## 設定\n")[0].clone();
        assert!(resolve("a.md", LinkKind::Link, &format!("#{own}")).problem.is_none());
    }

    #[test]
    fn links_to_pages_that_failed_to_load_are_not_broken_too() {
        let index = index().with_unloadable(&["dir/bad.md".to_string()]);
        assert_eq!(index.resolve("a.md", LinkKind::Link, "dir/bad.md").problem, None);
        assert!(index.resolve("a.md", LinkKind::Link, "dir/none.md").problem.is_some());
    }

    #[test]
    fn fragments_may_be_written_as_heading_text() {
        let own = heading_anchors("## 設定\n")[0].clone();
        assert_eq!(resolve("a.md", LinkKind::Link, "#設定").href, format!("#{own}"));
        assert_eq!(resolve("dir/b.md", LinkKind::Link, "../a.md#設定").href, format!("a.html#{own}"));
        assert_eq!(resolve("a.md", LinkKind::Link, "dir/b.md#Setup").href, "b.html#setup");
    }

    #[test]
    fn images_resolve_to_assets_and_missing_ones_are_errors() {
        assert_eq!(resolve("dir/b.md", LinkKind::Image, "img/x.png").href, "../assets/dir/img/x.png");
        let encoded = resolve("a.md", LinkKind::Image, "%E7%94%BB%E5%83%8F.png");
        assert!(encoded.problem.is_none() && encoded.href.is_ascii(), "{encoded:?}");
        assert_eq!(resolve("a.md", LinkKind::Image, "img/x.png").problem.unwrap().code, codes::MISSING_IMAGE);
    }

    #[test]
    fn escaping_the_content_folder_is_broken() {
        let p = resolve("a.md", LinkKind::Link, "../../etc/passwd.md").problem.unwrap();
        assert!(p.message.contains("outside"), "{p:?}");
    }

    #[test]
    fn external_links_are_kept_and_script_urls_removed() {
        assert_eq!(
            resolve("a.md", LinkKind::Link, "https://example.org/x.md").href,
            "https://example.org/x.md"
        );
        assert_eq!(resolve("a.md", LinkKind::Link, "mailto:a@example.org").problem, None);
        assert_eq!(resolve("a.md", LinkKind::Link, "JavaScript:alert(1)").href, "#");
    }

    #[test]
    fn check_links_locates_problems_at_file_lines() {
        let config = Config::parse(Path::new("s"), Path::new("s/book.toml"), "").unwrap();
        let site = LoadedSite {
            pages: vec![page("a.md", "a", "\nintro\n\nsee [b](missing.md)\n")],
            ..Default::default()
        };
        let index = LinkIndex::new(site.pages.par_iter(), &[], false);
        let found = check_links(&site, &config, &index);
        assert_eq!(found.len(), 1);
        // Front matter is lines 1-6, the body starts on line 7; the link is on body line 4.
        assert_eq!((found[0].line, found[0].col, found[0].code), (10, 5, codes::BROKEN_LINK), "{}", found[0]);
    }
}
