//! The site rendered in memory for `faqbook export`, through the build's own code: loaded once,
//! then rendered once per copy asked for, each in its link style (files for the zip, fragments
//! for the single file). The renders share what no link style changes ([`Shared`]: the search
//! index and most page bodies); the caller writes each copy and lets it go before asking for
//! the next, so two finished copies are never held at once.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use super::render::{RenderInput, Shared, render_site};
use super::urls::{self, Inlined, LinkStyle};
use super::{BuildFailure, Site, global_context};
use crate::config::Config;
use crate::content::{LoadedSite, Page};
use crate::diagnostics::{Diagnostic, codes, has_errors, sort_diagnostics};
use crate::render::strings::ui_strings;
use crate::render::templates::Theme;
use crate::site::output::OutputFile;

/// The site rendered in memory for `faqbook export`: every file a build would write, sorted by
/// path, holding only the pages the selection keeps.
#[derive(Debug)]
pub struct RenderedCopy {
    pub files: Vec<OutputFile>,
    /// How its pages link to one another.
    pub links: CopyLinks,
    /// FAQ pages in the copy.
    pub pages: usize,
    /// Date of the newest page in the copy (the copy's date: the clock would make it differ).
    pub newest: Option<NaiveDate>,
    /// The site's language (the copy's own messages are written in it).
    pub language: crate::config::Language,
    /// Warnings found on the way.
    pub diagnostics: Vec<Diagnostic>,
}

/// How a copy's pages link to one another.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CopyLinks {
    /// As the built site: files (the zip).
    Files,
    /// As routes of one document, other files inlined (the single file).
    Fragments,
}

/// The copies asked for, rendered one at a time from one load: an iterator that renders the
/// next copy when asked, so the caller writes each and lets it go before the next is made.
/// With the last copy, the loaded site and what the renders shared are let go too.
pub struct Copies<'k> {
    loaded: Option<Loaded<'k>>,
    links: std::vec::IntoIter<CopyLinks>,
}

/// A site loaded for copies: its pages, the selection, the content assets, and what the
/// renders so far left for the next ([`Shared`]).
struct Loaded<'k> {
    site: Site,
    keep: &'k (dyn Fn(&Page) -> bool + Sync),
    assets: Vec<OutputFile>,
    /// Problems found loading the site and reading its assets (every copy reports them).
    problems: Vec<Diagnostic>,
    newest: Option<NaiveDate>,
    shared: Shared,
}

impl<'k> Copies<'k> {
    /// Copies of `site` in the link styles `links` (in that order), each holding only the
    /// pages `keep` accepts, with a line on the home page saying how many pages a copy holds
    /// and how recent it is.
    pub fn new(
        mut site: Site,
        keep: &'k (dyn Fn(&Page) -> bool + Sync),
        links: Vec<CopyLinks>,
    ) -> Copies<'k> {
        let config = &site.config;
        let newest = site.published().into_iter().filter(|p| keep(p)).filter_map(|p| p.front.date).max();
        let kept = site.published().into_iter().filter(|p| keep(p)).count();
        let mut globals = global_context(config);
        globals.insert("copy_note", &ui_strings(config.book.language).copy_note(kept, newest));
        let (assets, mut problems) = read_assets(config, &site.loaded);
        site.theme.set_globals(globals);
        problems.extend(site.loaded.diagnostics.iter().cloned());
        let loaded = Loaded { site, keep, assets, problems, newest, shared: Shared::default() };
        Copies { loaded: Some(loaded), links: links.into_iter() }
    }
}

impl Iterator for Copies<'_> {
    type Item = Result<RenderedCopy, BuildFailure>;

    fn next(&mut self) -> Option<Self::Item> {
        let links = self.links.next()?;
        if self.links.len() == 0 {
            self.loaded.take().map(|mut loaded| {
                loaded.shared.last = true;
                loaded.render(links)
            })
        } else {
            self.loaded.as_mut().map(|loaded| loaded.render(links))
        }
    }
}

impl Loaded<'_> {
    /// One copy, its links written as `links` says. Links in page bodies are resolved against
    /// every published page, so a page left out of the copy is not a broken link.
    fn render(&mut self, links: CopyLinks) -> Result<RenderedCopy, BuildFailure> {
        let config = &self.site.config;
        let inlined = match links {
            CopyLinks::Files => None,
            CopyLinks::Fragments => Some(inline_files(&self.site.theme, &self.assets)),
        };
        let style = inlined.as_ref().map_or(LinkStyle::Files, LinkStyle::Fragments);
        let files = std::sync::Mutex::new(Vec::new());
        let collect = |file: &OutputFile| {
            files.lock().map_err(|_| poisoned())?.push(file.clone());
            Ok(())
        };
        let keep = self.keep;
        let pages = self.site.published().into_iter().filter(|p| keep(p)).collect();
        let input = RenderInput { config, theme: &self.site.theme, pages, links: &self.site.links, style };
        let (pages, problems) = render_site(&input, &collect, &|_| {}, None, Some(&mut self.shared));
        let mut diagnostics = [self.problems.clone(), problems].concat();
        let mut files = files.into_inner().map_err(|_| BuildFailure::Content(vec![poisoned()]))?;
        files.extend(self.assets.iter().cloned());
        sort_diagnostics(&mut diagnostics);
        if has_errors(&diagnostics) {
            return Err(BuildFailure::Content(diagnostics));
        }
        files.sort_by(|a, b| a.path.cmp(&b.path));
        let language = config.book.language;
        Ok(RenderedCopy { files, links, pages, newest: self.newest, language, diagnostics })
    }
}

/// The content folder's non-page files, at their output paths.
fn read_assets(config: &Config, loaded: &LoadedSite) -> (Vec<OutputFile>, Vec<Diagnostic>) {
    let content_dir = config.content_dir();
    let mut files = Vec::new();
    let mut diagnostics = Vec::new();
    for rel in &loaded.assets {
        let source: PathBuf = rel.split('/').fold(content_dir.clone(), |p, part| p.join(part));
        match std::fs::read(&source) {
            Ok(bytes) => files.push(OutputFile::new(urls::asset(rel), bytes)),
            Err(e) => {
                diagnostics.push(Diagnostic::error(codes::OUTPUT, &source, 0, 0, format!("cannot read: {e}")))
            }
        }
    }
    (files, diagnostics)
}

/// What the single file holds inline: the theme's static files, the highlighting stylesheet and
/// the content assets.
fn inline_files(theme: &Theme, assets: &[OutputFile]) -> Inlined {
    let highlight = crate::render::highlight::highlight_css();
    let statics = theme.static_files().map(|(name, bytes)| (urls::static_file(name), bytes));
    let highlight = std::iter::once((urls::static_file(urls::HIGHLIGHT_CSS), highlight.as_bytes()));
    Inlined::new(statics.chain(highlight).chain(assets.iter().map(|f| (f.path.clone(), f.bytes.as_slice()))))
}

/// A renderer thread panicked while holding the file list (a bug, reported rather than hidden).
fn poisoned() -> Diagnostic {
    Diagnostic::error(codes::OUTPUT, Path::new("."), 0, 0, "rendering failed (a thread panicked)")
}
