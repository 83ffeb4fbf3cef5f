//! Site: the `build` pipeline. Loads configuration, pages and theme, renders every output page
//! in parallel into a staging folder beside the output folder, and swaps it in only when
//! nothing went wrong. The library returns diagnostics; the CLI prints them.

pub mod job;
pub mod knowledge;
pub mod live;
pub mod model;
pub mod output;
pub mod pages;
pub mod render;

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use rayon::prelude::*;
use tera::Context;

use crate::config::Config;
use crate::content::{LoadedSite, Page, load_site};
use crate::diagnostics::{Diagnostic, codes, has_errors, sort_diagnostics};
use crate::lint::lint_pages;
use crate::render::links::{LinkIndex, asset_output_path, is_published};
use crate::render::strings::ui_strings;
use crate::render::templates::{Theme, load_theme};
use output::{OutputFile, StagedOutput, check_dest};
use render::{Memo, RenderInput, Sink, render_site};

/// What the caller may choose about a build.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// Output folder; `[build] build-dir` under the site root when absent.
    pub dest: Option<PathBuf>,
    /// The day `[check] stale-after-days` is measured from (the CLI reads the clock; the library
    /// never does, so a build is a function of its inputs).
    pub today: NaiveDate,
}

/// Progress of a build, for a progress bar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Progress {
    /// Rendering starts; this many FAQ pages will be rendered.
    Start { pages: usize },
    /// One FAQ page is rendered.
    PageDone,
    /// Rendering is over (the output is being swapped in).
    Finish,
}

/// A successful build.
#[derive(Debug)]
pub struct BuildReport {
    pub pages: usize,
    pub files: usize,
    pub dest: PathBuf,
    /// Warnings found on the way.
    pub diagnostics: Vec<Diagnostic>,
    /// Time spent per stage (`load`, `render`, `swap`), for `--verbose`.
    pub timings: Vec<(&'static str, Duration)>,
}

impl BuildReport {
    /// The file to open in a browser.
    pub fn index_html(&self) -> PathBuf {
        self.dest.join("index.html")
    }
}

/// Why a build failed. Nothing was written to the output folder in either case.
#[derive(Debug)]
pub enum BuildFailure {
    /// book.toml, the theme setting or the output folder is wrong (exit code 2).
    Config(Vec<Diagnostic>),
    /// Pages, links or templates have errors (exit code 1). Includes warnings found alongside.
    Content(Vec<Diagnostic>),
}

/// A site loaded and checked, ready to render: its pages (with the warnings found loading and
/// linting them), its theme and the targets links may point to.
#[derive(Debug)]
pub struct Site {
    pub config: Config,
    pub loaded: LoadedSite,
    pub theme: Theme,
    pub links: LinkIndex,
}

impl Site {
    /// Loads the pages of `config`, applies the content rules of `check` as of `today` (so that
    /// build fails or warns on exactly what check reports) and loads the theme.
    pub fn load(config: &Config, today: NaiveDate) -> Result<Site, BuildFailure> {
        let mut loaded = load_site(config);
        if loaded.content_dir_unreadable {
            return Err(BuildFailure::Config(loaded.diagnostics));
        }
        loaded.diagnostics.extend(lint_pages(config, &loaded.pages, today));
        sort_diagnostics(&mut loaded.diagnostics);
        let theme = theme_for(config, &loaded, global_context(config))?;
        let links = link_index(config, &loaded);
        Ok(Site { config: config.clone(), loaded, theme, links })
    }

    /// The pages the site shows, sorted by id.
    pub fn published(&self) -> Vec<&Page> {
        self.loaded.pages.iter().filter(|p| is_published(&self.config, p)).collect()
    }

    /// Renders every published page into `sink` (with `memo`, only what changed since the
    /// memo's render, updating the memo). Returns (FAQ pages, problems).
    pub fn render(
        &self,
        sink: &Sink,
        progress: &(dyn Fn(Progress) + Sync),
        memo: Option<&mut Memo>,
    ) -> (usize, Vec<Diagnostic>) {
        render_site(&self.render_input(), sink, progress, memo)
    }

    /// Renders again the pages `changed` (by `rel_path`) after edits no other page sees
    /// ([`render::render_edited`]); `None` when only [`Site::render`] can.
    pub fn render_edited(&self, sink: &Sink, memo: &mut Memo, changed: &[String]) -> Option<Vec<Diagnostic>> {
        render::render_edited(&self.render_input(), sink, memo, changed)
    }

    fn render_input(&self) -> RenderInput<'_> {
        RenderInput { config: &self.config, theme: &self.theme, pages: self.published(), links: &self.links }
    }
}

/// Builds the site of `config` and swaps it into the output folder.
pub fn build_site(
    config: &Config,
    options: &BuildOptions,
    progress: &(dyn Fn(Progress) + Sync),
) -> Result<BuildReport, BuildFailure> {
    build_and_keep(config, options, progress, false).map(|(report, _, _)| report)
}

/// `build_site`, also returning the site it built and (when `memo` is asked for) the memo of its
/// render, for `serve` to update in place.
pub fn build_and_keep(
    config: &Config,
    options: &BuildOptions,
    progress: &(dyn Fn(Progress) + Sync),
    memo: bool,
) -> Result<(BuildReport, Site, Option<Memo>), BuildFailure> {
    let dest = options.dest.clone().unwrap_or_else(|| config.build_dir());
    check_dest(config, &dest).map_err(|d| BuildFailure::Config(vec![d]))?;
    let mut clock = Stopwatch::default();
    let site = Site::load(config, options.today)?;
    clock.lap("load");
    let staged = StagedOutput::create(&dest).map_err(|d| BuildFailure::Content(vec![d]))?;
    let written = AtomicUsize::new(0);
    let write = |file: &OutputFile| {
        staged.write(file)?;
        written.fetch_add(1, Ordering::Relaxed);
        Ok(())
    };
    let mut memo = memo.then(Memo::default);
    let (pages, mut diagnostics) = site.render(&write, progress, memo.as_mut());
    diagnostics.extend(copy_assets(config, &site.loaded, &staged, &written));
    let files = written.load(Ordering::Relaxed);
    diagnostics.extend(site.loaded.diagnostics.iter().cloned());
    sort_diagnostics(&mut diagnostics);
    progress(Progress::Finish);
    if has_errors(&diagnostics) {
        return Err(BuildFailure::Content(diagnostics));
    }
    clock.lap("render");
    staged.commit().map_err(|d| BuildFailure::Content(vec![d]))?;
    clock.lap("swap");
    Ok((BuildReport { pages, files, dest, diagnostics, timings: clock.laps }, site, memo))
}

/// Durations of consecutive stages.
#[derive(Debug)]
struct Stopwatch {
    last: Instant,
    laps: Vec<(&'static str, Duration)>,
}

impl Default for Stopwatch {
    fn default() -> Self {
        Stopwatch { last: Instant::now(), laps: Vec::new() }
    }
}

impl Stopwatch {
    fn lap(&mut self, stage: &'static str) {
        let now = Instant::now();
        self.laps.push((stage, now - self.last));
        self.last = now;
    }
}

/// Renders every output page in memory, writing nothing, and returns what the build would
/// report while rendering: template errors (a theme override that does not parse, or uses a
/// variable a page does not have) and link problems. `faqbook check` calls this, so a template
/// that fails on any one page fails `check` exactly as it fails `build`. `Err` is a theme
/// problem that stops rendering (`BuildFailure::Config` when it is located in book.toml).
pub fn render_check(config: &Config, loaded: &LoadedSite) -> Result<Vec<Diagnostic>, BuildFailure> {
    let mut theme = load_theme(config).map_err(classify)?;
    theme.set_globals(global_context(config));
    let (_, diagnostics) = render_loaded(config, &theme, loaded, &|_| true, &|_| Ok(()), &|_| {});
    Ok(diagnostics)
}

/// The site rendered in memory for `faqbook export`: every file a build would write, sorted by
/// path, holding only the pages `keep` accepts.
#[derive(Debug)]
pub struct RenderedCopy {
    pub files: Vec<OutputFile>,
    /// FAQ pages in the copy.
    pub pages: usize,
    /// Date of the newest page in the copy (the copy's date: the clock would make it differ).
    pub newest: Option<NaiveDate>,
    /// The site's language (the copy's own messages are written in it).
    pub language: crate::config::Language,
    /// Warnings found on the way.
    pub diagnostics: Vec<Diagnostic>,
}

/// Renders the site of `config` in memory through the build's own code, with only the pages
/// `keep` accepts, and a line on the home page saying how many pages the copy holds and how
/// recent it is. Links in page bodies are resolved against every published page, so a page
/// left out of the copy is not a broken link.
pub fn render_copy(
    config: &Config,
    keep: &(dyn Fn(&Page) -> bool + Sync),
    today: NaiveDate,
) -> Result<RenderedCopy, BuildFailure> {
    let mut site = Site::load(config, today)?;
    let newest = site.published().into_iter().filter(|p| keep(p)).filter_map(|p| p.date).max();
    let kept = site.published().into_iter().filter(|p| keep(p)).count();
    let mut globals = global_context(config);
    globals.insert("copy_note", &ui_strings(config.book.language).copy_note(kept, newest));
    site.theme.set_globals(globals);
    let files = std::sync::Mutex::new(Vec::new());
    let collect = |file: &OutputFile| {
        files.lock().map_err(|_| poisoned())?.push(file.clone());
        Ok(())
    };
    let pages = site.published().into_iter().filter(|p| keep(p)).collect();
    let input = RenderInput { config, theme: &site.theme, pages, links: &site.links };
    let (pages, mut diagnostics) = render_site(&input, &collect, &|_| {}, None);
    let mut files = files.into_inner().map_err(|_| BuildFailure::Content(vec![poisoned()]))?;
    let content_dir = config.content_dir();
    for rel in &site.loaded.assets {
        let source: PathBuf = rel.split('/').fold(content_dir.clone(), |p, part| p.join(part));
        match std::fs::read(&source) {
            Ok(bytes) => files.push(OutputFile::new(asset_output_path(rel), bytes)),
            Err(e) => {
                diagnostics.push(Diagnostic::error(codes::OUTPUT, &source, 0, 0, format!("cannot read: {e}")))
            }
        }
    }
    diagnostics.extend(site.loaded.diagnostics);
    sort_diagnostics(&mut diagnostics);
    if has_errors(&diagnostics) {
        return Err(BuildFailure::Content(diagnostics));
    }
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(RenderedCopy { files, pages, newest, language: config.book.language, diagnostics })
}

/// A renderer thread panicked while holding the file list (a bug, reported rather than hidden).
fn poisoned() -> Diagnostic {
    Diagnostic::error(codes::OUTPUT, Path::new("."), 0, 0, "rendering failed (a thread panicked)")
}

/// The site's theme with its globals set, once both the theme and the pages are free of errors.
/// Theme and page problems are reported together, so one run shows everything.
fn theme_for(config: &Config, loaded: &LoadedSite, globals: Context) -> Result<Theme, BuildFailure> {
    match load_theme(config) {
        Ok(mut theme) if !has_errors(&loaded.diagnostics) => {
            theme.set_globals(globals);
            Ok(theme)
        }
        Ok(_) => Err(BuildFailure::Content(loaded.diagnostics.clone())),
        Err(theme_errors) => Err(match classify(theme_errors) {
            BuildFailure::Content(mut all) => {
                all.extend(loaded.diagnostics.iter().cloned());
                sort_diagnostics(&mut all);
                BuildFailure::Content(all)
            }
            config_failure => config_failure,
        }),
    }
}

/// Problems located in book.toml are configuration errors; anything else is content.
fn classify(diagnostics: Vec<Diagnostic>) -> BuildFailure {
    if diagnostics.iter().all(|d| d.path.file_name().is_some_and(|n| n == crate::config::CONFIG_FILE)) {
        BuildFailure::Config(diagnostics)
    } else {
        BuildFailure::Content(diagnostics)
    }
}

/// Values every template sees: `site`, the UI strings `t`, and `extra` from book.toml.
pub fn global_context(config: &Config) -> Context {
    #[derive(serde::Serialize)]
    struct SiteInfo<'a> {
        title: &'a str,
        description: &'a str,
        lang: &'static str,
        base_url: &'a str,
    }
    let mut context = Context::new();
    context.insert(
        "site",
        &SiteInfo {
            title: &config.book.title,
            description: &config.book.description,
            lang: config.book.language.code(),
            base_url: config.site.base_url.as_deref().unwrap_or(""),
        },
    );
    context.insert("t", ui_strings(config.book.language));
    context.insert("extra", &config.extra);
    // Set by `export` only: the home page's line about an offline copy.
    context.insert("copy_note", "");
    context
}

/// The published pages of `loaded` that `keep` accepts, rendered into `sink` (links resolve
/// against every published page). Returns (FAQ pages, problems).
fn render_loaded(
    config: &Config,
    theme: &Theme,
    loaded: &LoadedSite,
    keep: &(dyn Fn(&Page) -> bool + Sync),
    sink: &Sink,
    progress: &(dyn Fn(Progress) + Sync),
) -> (usize, Vec<Diagnostic>) {
    let links = link_index(config, loaded);
    let pages = loaded.pages.iter().filter(|p| is_published(config, p) && keep(p)).collect();
    let input = RenderInput { config, theme, pages, links: &links };
    let (pages, diagnostics) = render_site(&input, sink, progress, None);
    (pages, diagnostics)
}

/// Every published page and asset of `loaded`, as link targets.
fn link_index(config: &Config, loaded: &LoadedSite) -> LinkIndex {
    let published: Vec<&Page> = loaded.pages.iter().filter(|p| is_published(config, p)).collect();
    LinkIndex::new(published.par_iter().copied(), &loaded.assets, config.build.allow_html)
        .with_unloadable(&loaded.unloadable_pages)
}

/// Copies the content folder's non-page files (images, PDFs …) to `assets/`.
fn copy_assets(
    config: &Config,
    loaded: &LoadedSite,
    staged: &StagedOutput,
    written: &AtomicUsize,
) -> Vec<Diagnostic> {
    let content_dir = config.content_dir();
    loaded
        .assets
        .par_iter()
        .filter_map(|rel| {
            let source: PathBuf = rel.split('/').fold(content_dir.clone(), |p, part| p.join(part));
            let result = staged.copy(Path::new(&source), &asset_output_path(rel));
            if result.is_ok() {
                written.fetch_add(1, Ordering::Relaxed);
            }
            result.err()
        })
        .collect()
}
