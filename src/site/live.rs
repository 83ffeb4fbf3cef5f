//! The site `serve` keeps after a full build, updated in place when pages are edited, added or
//! removed.
//!
//! An update re-reads only the changed page files. When nothing other pages show of them changed
//! (their [`outward`] views and link targets are the same: a body edit outside the inquiry), only
//! their own pages, the feeds and the search index are made again, from the model and the
//! index batches kept in the [`Memo`]. Otherwise the whole site is rendered again through the
//! build's own render with the memo: the model (listings, related pages, asked counts, review
//! queue), every page's job and the search index are computed anew from all pages, and only
//! files whose inputs differ are written. Either way the output equals a full build's
//! (`tests/serve_incremental.rs` checks it), and no list of "fields other pages use" is kept
//! apart from the model.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use crate::config::Config;
use crate::content::{Page, read_page, tag_warnings};
use crate::diagnostics::{Diagnostic, has_errors, sort_diagnostics};
use crate::lint::lint_page;
use crate::render::links::is_published;
use crate::render::markdown::heading_anchors;
use crate::site::model::outward;
use crate::site::output::replace_file;
use crate::site::render::Memo;
use crate::site::{BuildFailure, BuildOptions, Site, build_and_keep};

/// Warnings on success, errors (with any warnings) on failure.
pub type Outcome = Result<Vec<Diagnostic>, Vec<Diagnostic>>;

/// A page file read again.
struct Reloaded {
    rel: String,
    /// An edit no other page or listing sees (see [`outward`]).
    only_here: bool,
}

/// A built site, kept to be updated after edits.
#[derive(Debug)]
pub struct LiveSite {
    site: Site,
    today: NaiveDate,
    /// Canonical content folder, to match the watcher's canonical paths to pages.
    content_dir: PathBuf,
    /// Warnings of each page (loading and content rules), by `rel_path`.
    page_warnings: HashMap<String, Vec<Diagnostic>>,
    /// Warnings about no page in particular (the content folder walk).
    other_warnings: Vec<Diagnostic>,
    memo: Memo,
}

impl LiveSite {
    /// Builds the site into `dest` as `build_site` does and keeps it. The site is `None` when
    /// it cannot be kept (its content folder has no canonical path): every change is then a full
    /// build.
    pub fn build(
        config: &Config,
        today: NaiveDate,
        dest: &Path,
    ) -> Result<(Option<LiveSite>, Vec<Diagnostic>), BuildFailure> {
        let options = BuildOptions { dest: Some(dest.to_path_buf()), today };
        let (report, mut site, memo) = build_and_keep(config, &options, &|_| {}, true)?;
        let (Ok(content_dir), Some(memo)) = (config.content_dir().canonicalize(), memo) else {
            return Ok((None, report.diagnostics));
        };
        let rel_of: HashMap<&Path, &str> =
            site.loaded.pages.iter().map(|p| (p.path.as_path(), p.rel_path.as_str())).collect();
        let mut page_warnings: HashMap<String, Vec<Diagnostic>> = HashMap::new();
        let mut other_warnings = Vec::new();
        for diagnostic in std::mem::take(&mut site.loaded.diagnostics) {
            match rel_of.get(diagnostic.path.as_path()) {
                Some(rel) => page_warnings.entry(rel.to_string()).or_default().push(diagnostic),
                None => other_warnings.push(diagnostic),
            }
        }
        drop(rel_of);
        let live = LiveSite { site, today, content_dir, page_warnings, other_warnings, memo };
        Ok((Some(live), report.diagnostics))
    }

    /// Applies the changes of the page files `paths` (edited, added or removed) and writes what
    /// they change into `dest`. `None` when only a full build can say (a duplicate id, a
    /// symlink, a path outside the content folder). After an `Err` or `None` the site no longer
    /// matches `dest`: drop it and build in full.
    pub fn update(&mut self, dest: &Path, paths: &[PathBuf]) -> Option<Outcome> {
        let mut changed = Vec::new();
        let mut seen_elsewhere = false;
        for path in paths {
            match self.reload_page(path)? {
                Ok(Some(Reloaded { rel, only_here })) => {
                    seen_elsewhere |= !only_here;
                    changed.push(rel);
                }
                Ok(None) => {}
                Err(errors) => return Some(Err(errors)),
            }
        }
        let pages = &mut self.site.loaded.pages;
        pages.sort_by(|a, b| a.front.id.cmp(&b.front.id).then_with(|| a.rel_path.cmp(&b.rel_path)));
        if pages.windows(2).any(|w| w[0].front.id == w[1].front.id) {
            return None;
        }
        for rel in &changed {
            if let Err(errors) = self.refresh(rel) {
                return Some(Err(errors));
            }
        }
        if !seen_elsewhere {
            let write = |file: &crate::site::output::OutputFile| replace_file(dest, file);
            if let Some(diagnostics) = self.site.render_edited(&write, &mut self.memo, &changed) {
                return Some(self.finish(dest, diagnostics));
            }
        }
        Some(self.render(dest))
    }

    /// Reads the page file at `path` again into the site: `Ok(Some(..))` when a page changed,
    /// was added or removed, `Ok(None)` when the path was never a page.
    fn reload_page(&mut self, path: &Path) -> Option<Result<Option<Reloaded>, Vec<Diagnostic>>> {
        let rel_parts: Vec<String> = path
            .strip_prefix(&self.content_dir)
            .ok()?
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        let rel = rel_parts.join("/");
        let pages = &mut self.site.loaded.pages;
        let existing = pages.iter().position(|p| p.rel_path == rel);
        let metadata = std::fs::symlink_metadata(path);
        if metadata.as_ref().is_ok_and(|m| !m.is_file()) {
            return None;
        }
        if metadata.is_err() {
            return Some(Ok(existing.map(|i| Reloaded { rel: pages.remove(i).rel_path, only_here: false })));
        }
        let user_path = match existing {
            Some(i) => pages[i].path.clone(),
            None => rel_parts.iter().fold(self.site.config.content_dir(), |p, part| p.join(part)),
        };
        let page = match read_page(&self.site.config, &user_path, &rel) {
            Ok(page) => page,
            Err(errors) => return Some(Err(errors)),
        };
        let config = &self.site.config;
        let only_here = existing.is_some_and(|i| {
            let old = &pages[i];
            let published = is_published(config, old);
            published == is_published(config, &page)
                && (!published
                    || outward(old) == outward(&page)
                        && heading_anchors(&old.body) == heading_anchors(&page.body))
        });
        match existing {
            Some(i) => pages[i] = page,
            None => pages.push(page),
        }
        Some(Ok(Some(Reloaded { rel, only_here })))
    }

    /// Recomputes what depends on the page file `rel` alone: its warnings and link targets.
    fn refresh(&mut self, rel: &str) -> Result<(), Vec<Diagnostic>> {
        let config = &self.site.config;
        let page: Option<&Page> = self.site.loaded.pages.iter().find(|p| p.rel_path == rel);
        self.site.links.set_page(rel, page.filter(|p| is_published(config, p)));
        let Some(page) = page else {
            self.page_warnings.remove(rel);
            return Ok(());
        };
        let mut warnings = tag_warnings(config, page);
        warnings.extend(lint_page(config, page, self.today));
        if has_errors(&warnings) {
            sort_diagnostics(&mut warnings);
            return Err(warnings);
        }
        self.page_warnings.insert(rel.to_string(), warnings);
        Ok(())
    }

    /// Renders the site with the memo, writes what changed into `dest` and removes files no
    /// longer made.
    fn render(&mut self, dest: &Path) -> Outcome {
        let write = |file: &crate::site::output::OutputFile| replace_file(dest, file);
        let (_, diagnostics) = self.site.render(&write, &|_| {}, Some(&mut self.memo));
        self.finish(dest, diagnostics)
    }

    /// Removes the files the last render no longer made, and adds the kept warnings to the
    /// render's problems.
    fn finish(&mut self, dest: &Path, mut diagnostics: Vec<Diagnostic>) -> Outcome {
        for path in self.memo.take_vanished() {
            // Already gone is as good as removed.
            let _ = std::fs::remove_file(dest.join(path));
        }
        diagnostics.extend(self.page_warnings.values().flatten().cloned());
        diagnostics.extend(self.other_warnings.iter().cloned());
        sort_diagnostics(&mut diagnostics);
        if has_errors(&diagnostics) { Err(diagnostics) } else { Ok(diagnostics) }
    }
}
