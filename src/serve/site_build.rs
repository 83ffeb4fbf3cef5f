//! The builder `serve` uses: `site::build_site` into the temporary folder for a full build, and
//! for an edit of one page's body, that page alone rendered again.
//!
//! A page's body shows on its own page only: listings, previous/next and related pages use its
//! front matter. So when an edit leaves those fields alone, rendering that one page changes
//! what a full build would change, except the search index and feed summaries, which catch up
//! on the next full build. Anything else (a new, removed or renamed page, changed listing
//! fields, configuration, theme, assets) is a full build. What a single-page render needs
//! (pages, theme, site structure, link index) is prepared on a background thread after each
//! full build, so the first edit does not pay for it either.

use std::path::{Path, PathBuf};
use std::thread::JoinHandle;

use super::{Rebuild, SiteBuilder};
use crate::config::Config;
use crate::content::{LoadedSite, Page, Status, load_site, parse_page};
use crate::diagnostics::{Diagnostic, codes, has_errors};
use crate::lint::lint_page;
use crate::render::links::{LinkIndex, is_published};
use crate::render::strings::ui_strings;
use crate::render::templates::{Theme, load_theme};
use crate::site::model::{Group, SiteModel};
use crate::site::pages::Renderer;
use crate::site::{BuildFailure, BuildOptions, build_site, global_context};

type BuildResult = Result<Vec<Diagnostic>, Vec<Diagnostic>>;

/// Builds the site under `root` for `serve`.
pub struct SiteBuild {
    root: PathBuf,
    cache: CacheState,
}

enum CacheState {
    None,
    Preparing(JoinHandle<Option<Cache>>),
    Ready(Box<Cache>),
}

impl SiteBuild {
    pub fn new(root: &Path) -> SiteBuild {
        SiteBuild { root: root.to_path_buf(), cache: CacheState::None }
    }

    fn full(&mut self, dest: &Path) -> BuildResult {
        // A cache still being prepared describes the old site: let its thread finish unobserved.
        self.cache = CacheState::None;
        let config = Config::load(&self.root).map_err(|e| e.0)?;
        let options = BuildOptions { dest: Some(dest.to_path_buf()), today: None };
        let warnings = match build_site(&config, &options, &|_| {}) {
            Ok(report) => report.diagnostics,
            Err(BuildFailure::Config(errors) | BuildFailure::Content(errors)) => return Err(errors),
        };
        let root = self.root.clone();
        if let Ok(handle) = std::thread::Builder::new()
            .name("faqbook-serve-cache".into())
            .spawn(move || Cache::prepare(&root).map(|cache| *cache))
        {
            self.cache = CacheState::Preparing(handle);
        }
        Ok(warnings)
    }

    fn ready_cache(&mut self) -> Option<&mut Cache> {
        if let CacheState::Preparing(_) = self.cache {
            let CacheState::Preparing(handle) = std::mem::replace(&mut self.cache, CacheState::None) else {
                return None;
            };
            if let Ok(Some(cache)) = handle.join() {
                self.cache = CacheState::Ready(Box::new(cache));
            }
        }
        match &mut self.cache {
            CacheState::Ready(cache) => Some(cache),
            _ => None,
        }
    }
}

impl SiteBuilder for SiteBuild {
    fn build(&mut self, dest: &Path, rebuild: &Rebuild) -> BuildResult {
        if let Rebuild::Pages(paths) = rebuild
            && let [path] = paths.as_slice()
            && let Some(cache) = self.ready_cache()
            && let Some(result) = cache.rebuild_page(dest, path)
        {
            if result.is_err() {
                // The next good save makes a full build (serve asks for one after a failure).
                self.cache = CacheState::None;
            }
            return result;
        }
        self.full(dest)
    }
}

/// Everything a single-page render needs, as of the last full build.
struct Cache {
    config: Config,
    theme: Theme,
    /// Canonical content folder, to match the watcher's canonical paths to pages.
    content_dir: PathBuf,
    loaded: LoadedSite,
    /// Index into `loaded.pages` of each page of the model, in model order.
    published: Vec<usize>,
    structure: Structure,
    links: LinkIndex,
}

/// The parts of `SiteModel` that do not borrow pages. They depend on listing fields only, so
/// they stay valid across body edits and are lent to a `SiteModel` for each render.
#[derive(Default)]
struct Structure {
    page_tags: Vec<Vec<String>>,
    services: Vec<Group>,
    tags: Vec<Group>,
    statuses: Vec<(Status, Vec<usize>)>,
    listing_order: Vec<usize>,
    neighbours: Vec<(Option<usize>, Option<usize>)>,
    related: Vec<Vec<usize>>,
    asked: Vec<crate::site::model::Asked>,
}

impl Structure {
    /// Splits a model into its pages and its structure.
    fn take_from(model: SiteModel<'_>) -> (Vec<&Page>, Structure) {
        let SiteModel {
            pages,
            page_tags,
            services,
            tags,
            statuses,
            listing_order,
            neighbours,
            related,
            asked,
        } = model;
        (pages, Structure { page_tags, services, tags, statuses, listing_order, neighbours, related, asked })
    }

    /// A model of `pages` (in the order the structure was computed for) with this structure.
    fn lend(self, pages: Vec<&Page>) -> SiteModel<'_> {
        let Structure { page_tags, services, tags, statuses, listing_order, neighbours, related, asked } =
            self;
        SiteModel { pages, page_tags, services, tags, statuses, listing_order, neighbours, related, asked }
    }
}

impl Cache {
    /// Loads what the full build loaded; `None` when the site has errors (then every change is
    /// a full build until it is fixed).
    fn prepare(root: &Path) -> Option<Box<Cache>> {
        let config = Config::load(root).ok()?;
        let mut theme = load_theme(&config).ok()?;
        theme.set_globals(global_context(&config));
        let content_dir = config.content_dir().canonicalize().ok()?;
        let loaded = load_site(&config);
        if has_errors(&loaded.diagnostics) {
            return None;
        }
        let published: Vec<usize> =
            (0..loaded.pages.len()).filter(|&i| is_published(&config, &loaded.pages[i])).collect();
        let pages: Vec<&Page> = published.iter().map(|&i| &loaded.pages[i]).collect();
        let links = LinkIndex::new(pages.clone(), &loaded.assets, config.build.allow_html)
            .with_unloadable(&loaded.unloadable_pages);
        let (_, structure) = Structure::take_from(SiteModel::new(&config, pages));
        Some(Box::new(Cache { config, theme, content_dir, loaded, published, structure, links }))
    }

    /// Renders the page at `path` again if only its body (or fields no other page shows)
    /// changed; `None` when a full build is needed.
    fn rebuild_page(&mut self, dest: &Path, path: &Path) -> Option<BuildResult> {
        let rel = path.strip_prefix(&self.content_dir).ok()?;
        let rel = rel.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/");
        let index = self.loaded.pages.iter().position(|p| p.rel_path == rel)?;
        let old = &self.loaded.pages[index];
        let text = match std::fs::read_to_string(path) {
            Ok(text) => text,
            // Removed or unreadable: the full build reports it properly.
            Err(_) => return None,
        };
        let new = match parse_page(&self.config, &old.path, &old.rel_path, &text) {
            Ok(page) => page,
            Err(errors) => return Some(Err(errors)),
        };
        if !same_listing(old, &new) {
            return None;
        }
        // The content rules the full build applies (the same as `faqbook check`).
        let mut problems = lint_page(&self.config, &new, chrono::Local::now().date_naive());
        if has_errors(&problems) {
            return Some(Err(problems));
        }
        let headings_changed = heading_lines(&old.body) != heading_lines(&new.body);
        self.loaded.pages[index] = new;
        if headings_changed {
            // Anchors of this page changed: links to them (its own `#…` too) resolve anew.
            let pages = self.published.iter().map(|&i| &self.loaded.pages[i]);
            self.links =
                LinkIndex::new(pages.collect::<Vec<_>>(), &self.loaded.assets, self.config.build.allow_html);
        }
        let position = self.published.iter().position(|&i| i == index)?;
        Some(self.render(dest, position).map(|warnings| {
            problems.extend(warnings);
            problems
        }))
    }

    /// Renders the `position`th page of the model into `dest`, as the full build does.
    fn render(&mut self, dest: &Path, position: usize) -> BuildResult {
        let pages = self.published.iter().map(|&i| &self.loaded.pages[i]).collect();
        let model = std::mem::take(&mut self.structure).lend(pages);
        let renderer = Renderer {
            config: &self.config,
            theme: &self.theme,
            strings: ui_strings(self.config.book.language),
            model: &model,
        };
        let rendered = renderer.faq(position, &self.links);
        self.structure = Structure::take_from(model).1;
        let rendered = rendered.map_err(|d| vec![d])?;
        if has_errors(&rendered.diagnostics) {
            return Err(rendered.diagnostics);
        }
        write_replacing(&dest.join(&rendered.file.path), &rendered.file.bytes)?;
        Ok(rendered.diagnostics)
    }
}

/// Renamed into place ([`crate::files::write_atomically`]), so a request never reads half a page.
fn write_replacing(path: &Path, bytes: &[u8]) -> Result<(), Vec<Diagnostic>> {
    crate::files::write_atomically(path, bytes)
        .map_err(|e| vec![Diagnostic::error(codes::OUTPUT, path, 0, 0, format!("cannot write: {e}"))])
}

/// Whether two versions of a page look the same from every other page: listings, counts,
/// previous/next and related pages use only these fields.
fn same_listing(old: &Page, new: &Page) -> bool {
    old.id == new.id
        && old.title == new.title
        && old.service == new.service
        && old.service_slug == new.service_slug
        && old.tags == new.tags
        && old.status == new.status
        && old.date == new.date
        && old.reviewed == new.reviewed
}

/// Lines that can make headings (ATX `#` lines and setext underlines with the line above), as
/// a cheap test of whether a page's anchors may have changed.
fn heading_lines(body: &str) -> Vec<&str> {
    let lines: Vec<&str> = body.lines().collect();
    let mut out = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let trimmed = line.trim();
        let underline =
            !trimmed.is_empty() && (trimmed.chars().all(|c| c == '=') || trimmed.chars().all(|c| c == '-'));
        if trimmed.starts_with('#') {
            out.push(*line);
        } else if underline && i > 0 {
            out.push(lines[i - 1]);
            out.push(*line);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = "---\nid: mail-1\ntitle: 件名\nservice: メール\ntags: [パスワード]\nstatus: resolved\n\
                        date: 2026-01-15\n---\n\n## 問い合わせ\n\n本文\n";

    fn site() -> (tempfile::TempDir, PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().canonicalize().unwrap();
        std::fs::create_dir(root.join("content")).unwrap();
        std::fs::write(
            root.join("book.toml"),
            "[[services]]\nname = \"メール\"\nslug = \"mail\"\n[[tags]]\nname = \"パスワード\"\nslug = \"password\"\n",
        )
        .unwrap();
        std::fs::write(root.join("content/mail-1.md"), PAGE).unwrap();
        std::fs::write(root.join("content/mail-2.md"), PAGE.replace("mail-1", "mail-2")).unwrap();
        (dir, root)
    }

    fn build(builder: &mut SiteBuild, dest: &Path, rebuild: Rebuild) -> BuildResult {
        builder.build(dest, &rebuild)
    }

    #[test]
    fn a_body_edit_renders_only_that_page_and_a_title_edit_rebuilds_all() {
        let (_dir, root) = site();
        let dest = root.join("out");
        let mut builder = SiteBuild::new(&root);
        build(&mut builder, &dest, Rebuild::Full).unwrap();
        // The cache is read on a thread after the full build; an edit written while it reads
        // can reach it half-written (no cache, so a full build): let it finish first.
        assert!(builder.ready_cache().is_some(), "the cache of the full build");
        let page = root.join("content/mail-1.md");
        let home_before = std::fs::read(dest.join("index.html")).unwrap();

        std::fs::write(&page, PAGE.replace("本文", "新しい本文")).unwrap();
        build(&mut builder, &dest, Rebuild::Pages(vec![page.clone()])).unwrap();
        assert!(matches!(builder.cache, CacheState::Ready(_)), "served from the cache");
        let html = std::fs::read_to_string(dest.join("faq/mail-1.html")).unwrap();
        assert!(html.contains("新しい本文"), "{html}");
        assert_eq!(std::fs::read(dest.join("index.html")).unwrap(), home_before, "listings untouched");

        std::fs::write(&page, PAGE.replace("title: 件名", "title: 新しい件名")).unwrap();
        build(&mut builder, &dest, Rebuild::Pages(vec![page])).unwrap();
        assert!(!matches!(builder.cache, CacheState::Ready(_)), "a title edit made a full build");
        assert!(std::fs::read_to_string(dest.join("index.html")).unwrap().contains("新しい件名"));
    }

    #[test]
    fn the_single_page_render_equals_the_full_build() {
        let (_dir, root) = site();
        let (incremental, full) = (root.join("incremental"), root.join("full"));
        let mut builder = SiteBuild::new(&root);
        build(&mut builder, &incremental, Rebuild::Full).unwrap();
        let page = root.join("content/mail-2.md");
        let edited = PAGE.replace("mail-1", "mail-2").replace("## 問い合わせ", "## 問い合わせ\n\n### 追記");
        std::fs::write(&page, edited).unwrap();
        build(&mut builder, &incremental, Rebuild::Pages(vec![page])).unwrap();
        SiteBuild::new(&root).build(&full, &Rebuild::Full).unwrap();
        assert_eq!(
            std::fs::read_to_string(incremental.join("faq/mail-2.html")).unwrap(),
            std::fs::read_to_string(full.join("faq/mail-2.html")).unwrap()
        );
    }

    #[test]
    fn a_broken_edit_is_reported_with_its_line() {
        let (_dir, root) = site();
        let dest = root.join("out");
        let mut builder = SiteBuild::new(&root);
        build(&mut builder, &dest, Rebuild::Full).unwrap();
        let page = root.join("content/mail-1.md");
        std::fs::write(&page, PAGE.replace("status: resolved", "status: done")).unwrap();
        let errors = build(&mut builder, &dest, Rebuild::Pages(vec![page.clone()])).unwrap_err();
        assert_eq!((errors[0].code, errors[0].line), (codes::UNKNOWN_STATUS, 6), "{errors:?}");
    }

    #[test]
    fn a_single_page_edit_gets_the_content_rules_of_the_full_build() {
        let (_dir, root) = site();
        let dest = root.join("out");
        let mut builder = SiteBuild::new(&root);
        build(&mut builder, &dest, Rebuild::Full).unwrap();
        let page = root.join("content/mail-1.md");
        std::fs::write(&page, PAGE.replace("本文", "本文\n\n## 対応\n")).unwrap();
        let errors = build(&mut builder, &dest, Rebuild::Pages(vec![page])).unwrap_err();
        assert_eq!((errors[0].code, errors[0].line), (codes::EMPTY_SECTION, 14), "{errors:?}");
    }

    #[test]
    fn heading_lines_cover_atx_and_setext() {
        assert_eq!(heading_lines("# a\ntext\nB\n===\n- item\n"), ["# a", "B", "==="]);
        assert_ne!(heading_lines("## x\n"), heading_lines("## y\n"));
        assert_eq!(heading_lines("text\nmore text\n"), Vec::<&str>::new());
    }
}
