//! One function per kind of output page: builds the template context from the site model and
//! renders it. URLs are relative everywhere: each context gets `root` (`""` or `"../"`) and
//! root-relative `path`s, so templates write `{{ root }}{{ item.path }}`.

use std::collections::BTreeMap;

use percent_encoding::utf8_percent_encode;
use serde::Serialize;

use crate::config::Config;
use crate::content::{Page, Status};
use crate::diagnostics::Diagnostic;
use crate::render::links::ResolvedLink;
use crate::render::links::{LinkIndex, link_diagnostic};
use crate::render::markdown::LinkKind;
use crate::render::markdown::{heading_anchors, render_markdown};
use crate::render::strings::UiStrings;
use crate::render::templates::Theme;
use crate::site::job::{Job, hash_bytes};
use crate::site::model::{Group, SiteModel};
use crate::site::output::OutputFile;
use crate::site::urls::{self, LinkStyle};

/// Length of a page's meta description and feed summary, in characters.
const SUMMARY_CHARS: usize = 140;

/// The fixed pages, as templates write them after `root` (`{{ root }}{{ paths.home }}`).
#[derive(Debug, Serialize)]
struct Paths {
    home: String,
    search: String,
    tag_index: String,
    known_issues: String,
    review: String,
    /// The search index's first file (`search.js` finds the others beside it).
    search_index: String,
}

impl Paths {
    fn new(style: LinkStyle) -> Paths {
        Paths {
            home: style.target(urls::HOME),
            search: style.target(urls::SEARCH),
            tag_index: style.target(urls::TAG_INDEX),
            known_issues: style.target(urls::KNOWN_ISSUES),
            review: style.target(urls::REVIEW),
            search_index: urls::SEARCH_META.to_string(),
        }
    }
}

/// Shared pieces of every page render.
pub struct Renderer<'a> {
    pub config: &'a Config,
    pub theme: &'a Theme,
    pub strings: &'static UiStrings,
    pub model: &'a SiteModel<'a>,
    /// Whether jobs compute their fingerprints (for `serve`, which compares them).
    pub fingerprints: bool,
    /// How links are written: files for the site, fragments for the single-file export.
    pub style: LinkStyle<'a>,
    paths: Paths,
    /// The theme's static files (and the highlighting stylesheet), by name.
    static_names: Vec<String>,
}

impl<'a> Renderer<'a> {
    pub fn new(
        config: &'a Config,
        theme: &'a Theme,
        model: &'a SiteModel<'a>,
        fingerprints: bool,
        style: LinkStyle<'a>,
    ) -> Renderer<'a> {
        let mut static_names: Vec<String> = theme.static_files().map(|(name, _)| name.to_string()).collect();
        static_names.push(urls::HIGHLIGHT_CSS.to_string());
        let strings = crate::render::strings::ui_strings(config.book.language);
        Renderer {
            config,
            theme,
            strings,
            model,
            fingerprints,
            style,
            paths: Paths::new(style),
            static_names,
        }
    }
}

#[derive(Serialize)]
pub(super) struct PageLink<'a> {
    title: &'a str,
    path: String,
    service: &'a str,
    status: &'static str,
    status_label: &'static str,
    date: String,
    reviewed: bool,
}

#[derive(Serialize)]
pub(super) struct NamedLink<'a> {
    pub name: &'a str,
    pub path: String,
    pub count: usize,
}

#[derive(Serialize)]
struct StatusLink {
    key: &'static str,
    label: &'static str,
    path: String,
    count: usize,
}

#[derive(Serialize)]
struct FaqView<'a> {
    id: &'a str,
    title: &'a str,
    description: String,
    service: NamedLink<'a>,
    status: StatusLink,
    tags: Vec<NamedLink<'a>>,
    date: String,
    reviewed: bool,
    reviewed_by: Option<&'a str>,
    reviewed_on: String,
    source: Option<&'a str>,
    feedback_url: String,
    body_html: &'a str,
    prev: Option<PageLink<'a>>,
    next: Option<PageLink<'a>>,
    related: Vec<PageLink<'a>>,
    /// How often the question came up (shown when more than once).
    asked: &'a crate::site::model::Asked,
}

/// A listing page to render: a service, a tag or a status.
#[derive(Debug)]
pub struct ListingJob<'a> {
    pub path: String,
    kind_label: &'static str,
    title: &'a str,
    members: &'a [usize],
}

/// What a rendered FAQ page leaves behind besides its file: its plain text (for summaries and
/// the search index) and any link problems.
#[derive(Debug)]
pub struct RenderedFaq {
    pub file: OutputFile,
    pub text: String,
    pub diagnostics: Vec<Diagnostic>,
}

/// A page body rendered: what its own page and the search index show, and what it depends on
/// besides the page itself (how each of its links resolved), so that `serve` can tell when a
/// change elsewhere (a page added or removed, an anchor renamed) changes it.
#[derive(Debug, Clone)]
pub struct Body {
    pub html: String,
    pub text: String,
    pub diagnostics: Vec<Diagnostic>,
    /// Every link and image, in order, with how it resolved.
    pub links: Vec<(LinkKind, String, ResolvedLink)>,
    /// A hash of `html` and `text`.
    pub hash: u64,
    /// Whether a URL of `html` depends on the link style ([`urls::depends_on_style`]); a body
    /// without one is the same in every style.
    pub styled: bool,
    /// Whether `html` is written with fragment links.
    pub fragments: bool,
}

impl Body {
    /// Whether this body can be shown as it is in a page written in `style`.
    pub fn fits(&self, style: LinkStyle) -> bool {
        !self.styled || self.fragments == style.is_fragments()
    }

    /// Whether every link of this body still resolves as it did, in `links`.
    pub fn links_unchanged(&self, rel_path: &str, links: &LinkIndex) -> bool {
        self.links.iter().all(|(kind, dest, resolved)| links.resolve(rel_path, *kind, dest) == *resolved)
    }
}

/// Renders a page body, resolving its links in `links` and writing them in `style`.
pub fn render_body(config: &Config, page: &Page, links: &LinkIndex, style: LinkStyle) -> Body {
    let from = urls::faq(&page.front.id);
    let mut diagnostics = Vec::new();
    let mut seen = Vec::new();
    let styled = std::cell::Cell::new(false);
    let own_anchors;
    let anchors = match links.anchors(&page.rel_path) {
        Some(anchors) => anchors,
        None => {
            own_anchors = heading_anchors(&page.body);
            &own_anchors
        }
    };
    // A URL in trusted raw HTML is an output URL already: only its style is the build's.
    let mut restyle_raw = |url: &str| {
        styled.set(styled.get() || urls::depends_on_style(url));
        urls::restyle(&from, url, style)
    };
    let raw_html_urls = config.build.allow_html.then_some(&mut restyle_raw as &mut dyn FnMut(&str) -> String);
    let body = render_markdown(&page.body, raw_html_urls, anchors, &mut |kind, dest, offset| {
        let resolved = links.resolve(&page.rel_path, kind, dest);
        if let Some(problem) = resolved.problem.clone() {
            diagnostics.push(link_diagnostic(page, offset, problem));
        }
        styled.set(styled.get() || urls::depends_on_style(&resolved.href));
        let href = urls::restyle(&from, &resolved.href, style);
        seen.push((kind, dest.to_string(), resolved));
        href
    });
    let hash = hash_bytes(&[body.html.as_bytes(), body.text.as_bytes()]);
    let fragments = style.is_fragments();
    Body { html: body.html, text: body.text, diagnostics, links: seen, hash, styled: styled.get(), fragments }
}

impl<'a> Renderer<'a> {
    pub(super) fn page_link(&self, i: usize) -> PageLink<'a> {
        let page: &'a Page = self.model.pages[i];
        PageLink {
            title: &page.front.title,
            path: self.target(&urls::faq(&page.front.id)),
            service: &page.front.service,
            status: page.front.status.as_str(),
            status_label: self.strings.status_label(page.front.status),
            date: date_text(page.front.date),
            reviewed: page.front.reviewed,
        }
    }

    pub(super) fn page_links(&self, members: &[usize]) -> Vec<PageLink<'a>> {
        members.iter().map(|&i| self.page_link(i)).collect()
    }

    fn status_link(&self, status: Status, count: usize) -> StatusLink {
        StatusLink {
            key: status.as_str(),
            label: self.strings.status_label(status),
            path: self.target(&urls::status(status)),
            count,
        }
    }

    /// A job for `template` at `path`.
    pub fn job(&self, template: &'static str, path: impl Into<String>) -> Job {
        if self.fingerprints { Job::fingerprinted(template, path) } else { Job::new(template, path) }
    }

    /// Renders a job. Its context also gets how to link: `root` (the way from the job's path to
    /// the site root, unless the job set it), `paths` (the fixed pages, as targets after `root`)
    /// and `assets` (the theme's static files by name, as whole URLs).
    pub fn render(&self, job: Job) -> Result<OutputFile, Diagnostic> {
        let root = if job.has("root") { None } else { Some(self.style.root(&job.path)) };
        let (template, path) = (job.template, job.path.clone());
        let mut context = job.context();
        let root = match root {
            Some(root) => {
                context.insert("root", &root);
                root
            }
            None => context.get("root").and_then(|v| v.as_str()).unwrap_or_default().to_string(),
        };
        context.insert("paths", &self.paths);
        context.insert("assets", &self.assets(&path, &root));
        let html = self.theme.render(template, &context)?;
        Ok(OutputFile::new(path, html))
    }

    /// The theme's static files as the page at `path` (whose way to the root is `root`) links
    /// them; in fragments, inlined or referenced by name ([`urls::static_file_href`]).
    fn assets(&self, path: &str, root: &str) -> BTreeMap<&str, String> {
        let url = |name: &str| match self.style {
            LinkStyle::Files => format!("{root}{}", urls::static_file(name)),
            LinkStyle::Fragments(inlined) => urls::static_file_href(path, name, inlined),
        };
        self.static_names.iter().map(|name| (name.as_str(), url(name))).collect()
    }

    /// A page's path as templates write it after `root`.
    pub(super) fn target(&self, path: &str) -> String {
        self.style.target(path)
    }

    /// The job of page `i`'s own page, given its rendered body (HTML and plain text).
    pub fn faq_job(&self, i: usize, body_html: &str, body_text: &str) -> Job {
        let page: &'a Page = self.model.pages[i];
        let (prev, next) = self.model.neighbours[i];
        let service_count = self.group_count(&self.model.services, &page.service_slug);
        let view = FaqView {
            id: &page.front.id,
            title: &page.front.title,
            description: summary(body_text),
            service: NamedLink {
                name: &page.front.service,
                path: self.target(&urls::service(&page.service_slug)),
                count: service_count,
            },
            status: self.status_link(page.front.status, 0),
            tags: page
                .front
                .tags
                .iter()
                .zip(&self.model.page_tags[i])
                .map(|(name, slug)| NamedLink {
                    name,
                    path: self.target(&urls::tag(slug)),
                    count: self.group_count(&self.model.tags, slug),
                })
                .collect(),
            date: date_text(page.front.date),
            reviewed: page.front.reviewed,
            reviewed_by: page.front.reviewed_by.as_deref(),
            reviewed_on: date_text(page.front.reviewed_on),
            source: page.front.source.as_deref(),
            feedback_url: feedback_url(self.config.site.feedback_url.as_deref(), page),
            body_html,
            prev: prev.map(|j| self.page_link(j)),
            next: next.map(|j| self.page_link(j)),
            related: self.page_links(&self.model.related[i]),
            asked: &self.model.asked[i],
        };
        self.job("faq.html", urls::faq(&page.front.id)).with("faq", &view)
    }

    fn group_count(&self, groups: &[Group], slug: &str) -> usize {
        groups.iter().find(|g| g.slug == slug).map_or(0, |g| g.members.len())
    }

    /// `index.html`: services with counts, counts per status, recently added.
    pub fn home(&self) -> Job {
        #[derive(Serialize)]
        struct Home<'a> {
            services: Vec<NamedLink<'a>>,
            statuses: Vec<StatusLink>,
            recent: Vec<PageLink<'a>>,
            total: usize,
            /// Open (unresolved or escalated) cases per service, for the known-issues link.
            open: Vec<NamedLink<'a>>,
            /// Questions asked more than once, most often first.
            most_asked: Vec<PageLink<'a>>,
        }
        let home = Home {
            services: self
                .model
                .services
                .iter()
                .map(|g| NamedLink {
                    name: &g.name,
                    path: self.target(&urls::service(&g.slug)),
                    count: g.members.len(),
                })
                .collect(),
            statuses: self
                .model
                .statuses
                .iter()
                .map(|(s, members)| self.status_link(*s, members.len()))
                .collect(),
            recent: self.page_links(self.model.recent()),
            total: self.model.pages.len(),
            open: self.open_counts(),
            most_asked: self.most_asked_links(),
        };
        self.job("index.html", urls::HOME).with("home", &home)
    }

    /// One listing page, rendered on demand (large sites have listings of thousands of
    /// entries; rendering them one at a time keeps memory flat).
    pub fn listing(&self, job: &ListingJob) -> Job {
        #[derive(Serialize)]
        struct Listing<'a> {
            kind_label: &'a str,
            title: &'a str,
            pages: Vec<PageLink<'a>>,
        }
        let listing =
            Listing { kind_label: job.kind_label, title: job.title, pages: self.page_links(job.members) };
        self.job("listing.html", job.path.clone()).with("listing", &listing)
    }

    /// Every service, tag and status listing to render.
    pub fn listing_jobs(&self) -> Vec<ListingJob<'a>> {
        let t = self.strings;
        let model: &'a SiteModel<'a> = self.model;
        let group_job = |path: String, kind_label, g: &'a Group| ListingJob {
            path,
            kind_label,
            title: &g.name,
            members: &g.members,
        };
        let services = model.services.iter().map(|g| group_job(urls::service(&g.slug), t.services, g));
        let tags = model.tags.iter().map(|g| group_job(urls::tag(&g.slug), t.tags, g));
        let statuses = model.statuses.iter().map(|(s, members)| ListingJob {
            path: urls::status(*s),
            kind_label: t.status,
            title: t.status_label(*s),
            members,
        });
        services.chain(tags).chain(statuses).collect()
    }

    /// `tags/index.html`: every tag with its count, most used first.
    pub fn tag_index(&self) -> Job {
        let mut tags: Vec<NamedLink> = self
            .model
            .tags
            .iter()
            .map(|g| NamedLink {
                name: &g.name,
                path: self.target(&urls::tag(&g.slug)),
                count: g.members.len(),
            })
            .collect();
        tags.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.name.cmp(b.name)));
        self.job("tags.html", urls::TAG_INDEX).with("tags", &tags)
    }

    /// `search.html`, told the search index format it is written with (search.js checks it
    /// against `meta.js`, so a stale index or script is reported rather than misread).
    pub fn search_page(&self) -> Job {
        self.job("search.html", urls::SEARCH)
            .with("search_index_version", &crate::search::index::FORMAT_VERSION)
    }

    /// `404.html`. Servers show it for missing pages at any depth, where relative links would
    /// break; with `[site] base-url` its links are absolute.
    pub fn not_found(&self) -> Job {
        let job = self.job("404.html", urls::NOT_FOUND);
        match (&self.config.site.base_url, self.style) {
            (Some(base), LinkStyle::Files) => job.with("root", &format!("{base}/")),
            _ => job,
        }
    }

    /// `sitemap.xml` and `atom.xml`, only with `[site] base-url` (they need absolute URLs).
    /// `texts[i]` is the plain text of page `i`, for feed summaries.
    pub fn feeds(&self, texts: &[&str]) -> Vec<Job> {
        if self.config.site.base_url.is_none() {
            return Vec::new();
        }
        #[derive(Serialize)]
        struct Entry<'a> {
            path: String,
            title: &'a str,
            date: String,
            summary: String,
        }
        #[derive(Serialize)]
        struct Feed<'a> {
            updated: String,
            entries: Vec<Entry<'a>>,
        }
        let entry = |i: usize| {
            let page = self.model.pages[i];
            Entry {
                path: urls::faq(&page.front.id),
                title: &page.front.title,
                date: date_text(page.front.date),
                summary: texts.get(i).map(|t| summary(t)).unwrap_or_default(),
            }
        };
        let mut sitemap: Vec<Entry> =
            vec![Entry { path: urls::HOME.into(), title: "", date: String::new(), summary: String::new() }];
        sitemap
            .extend(self.model.listing_order.iter().map(|&i| Entry { summary: String::new(), ..entry(i) }));
        let listings = self
            .model
            .services
            .iter()
            .map(|g| urls::service(&g.slug))
            .chain(self.model.tags.iter().map(|g| urls::tag(&g.slug)));
        sitemap.extend(listings.map(|path| Entry {
            path,
            title: "",
            date: String::new(),
            summary: String::new(),
        }));
        let newest = self.model.listing_order.first().and_then(|&i| self.model.pages[i].front.date);
        let feed = Feed {
            updated: newest.map_or_else(|| "1970-01-01".to_string(), |d| d.to_string()),
            entries: self.model.recent().iter().map(|&i| entry(i)).collect(),
        };
        vec![
            self.job("sitemap.xml", urls::SITEMAP).with("sitemap", &sitemap),
            self.job("atom.xml", urls::ATOM).with("feed", &feed),
        ]
    }
}

/// The feedback link of a page: `[site] feedback-url` with `{id}` and `{title}` filled in
/// (URL-encoded), or a `mailto:` with the page in the subject when no URL is configured.
fn feedback_url(template: Option<&str>, page: &Page) -> String {
    match template {
        Some(template) => template
            .replace("{id}", &encode_component(&page.front.id))
            .replace("{title}", &encode_component(&page.front.title)),
        None => format!(
            "mailto:?subject={}",
            encode_component(&format!("{} ({})", page.front.title, page.front.id))
        ),
    }
}

/// `text` percent-encoded as a URL query value.
fn encode_component(text: &str) -> String {
    utf8_percent_encode(text, urls::UNRESERVED_ONLY).to_string()
}

fn date_text(date: Option<chrono::NaiveDate>) -> String {
    date.map(|d| d.to_string()).unwrap_or_default()
}

/// The first `SUMMARY_CHARS` characters of a text, on one line.
pub fn summary(text: &str) -> String {
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut out: String = flat.chars().take(SUMMARY_CHARS).collect();
    if flat.chars().count() > SUMMARY_CHARS {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn feedback_links_fill_placeholders_encoded() {
        let config =
            Config::parse(std::path::Path::new("s"), std::path::Path::new("s/book.toml"), "").unwrap();
        let text = "---\nid: a-1\ntitle: メール & 設定\nservice: Zoom\nstatus: unknown\n---\nx\n";
        let page = crate::content::parse_page(&config, std::path::Path::new("a.md"), "a.md", text).unwrap();
        assert_eq!(
            feedback_url(Some("https://f.example/?p={id}&t={title}"), &page),
            "https://f.example/?p=a-1&t=%E3%83%A1%E3%83%BC%E3%83%AB%20%26%20%E8%A8%AD%E5%AE%9A"
        );
        assert!(feedback_url(None, &page).starts_with("mailto:?subject=%E3%83%A1"));
        // Only RFC 3986's unreserved characters stay; the sub-delimiters JavaScript's
        // encodeURIComponent keeps (`!'()*`) are escaped too.
        assert_eq!(encode_component("Az09-_.~!'()* /?"), "Az09-_.~%21%27%28%29%2A%20%2F%3F");
    }

    #[test]
    fn summary_is_one_line_and_bounded() {
        assert_eq!(summary("a\n b  c"), "a b c");
        let long = "あ".repeat(500);
        assert_eq!(summary(&long).chars().count(), SUMMARY_CHARS + 1);
    }
}
