//! Site: the `build` pipeline. Loads configuration, pages and theme, renders every output page
//! in parallel into a staging folder beside the output folder, and swaps it in only when
//! nothing went wrong. The library returns diagnostics; the CLI prints them.

pub mod knowledge;
pub mod model;
pub mod output;
pub mod pages;

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
use crate::render::highlight::highlight_css;
use crate::render::links::{LinkIndex, asset_output_path, faq_output_path, is_published};
use crate::render::strings::ui_strings;
use crate::render::templates::{Theme, load_theme};
use crate::search::index::{SearchDoc, build_search_index_with};
use crate::search::synonyms::site_groups;
use model::SiteModel;
use output::{OutputFile, StagedOutput, check_dest};
use pages::Renderer;

/// What the caller may choose about a build.
#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    /// Output folder; `[build] build-dir` under the site root when absent.
    pub dest: Option<PathBuf>,
    /// The day `[check] stale-after-days` is measured from; today when absent.
    pub today: Option<NaiveDate>,
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

/// Builds the site of `config` and swaps it into the output folder.
pub fn build_site(
    config: &Config,
    options: &BuildOptions,
    progress: &(dyn Fn(Progress) + Sync),
) -> Result<BuildReport, BuildFailure> {
    let dest = options.dest.clone().unwrap_or_else(|| config.build_dir());
    check_dest(config, &dest).map_err(|d| BuildFailure::Config(vec![d]))?;
    let mut clock = Stopwatch::default();
    let mut loaded = load_site(config);
    if loaded.content_dir_unreadable {
        return Err(BuildFailure::Config(loaded.diagnostics));
    }
    // The content rules of `check`, so that build fails (or warns) on exactly what check reports.
    let today = options.today.unwrap_or_else(|| chrono::Local::now().date_naive());
    loaded.diagnostics.extend(lint_pages(config, &loaded.pages, today));
    sort_diagnostics(&mut loaded.diagnostics);
    let theme = theme_for(config, &loaded, global_context(config))?;
    clock.lap("load");
    let staged = StagedOutput::create(&dest).map_err(|d| BuildFailure::Content(vec![d]))?;
    let written = AtomicUsize::new(0);
    let write = |file: &OutputFile| {
        staged.write(file)?;
        written.fetch_add(1, Ordering::Relaxed);
        Ok(())
    };
    let (pages, mut diagnostics) = render_site(config, &theme, &loaded, &|_| true, &write, progress);
    diagnostics.extend(copy_assets(config, &loaded, &staged, &written));
    let files = written.load(Ordering::Relaxed);
    diagnostics.extend(loaded.diagnostics);
    sort_diagnostics(&mut diagnostics);
    progress(Progress::Finish);
    if has_errors(&diagnostics) {
        return Err(BuildFailure::Content(diagnostics));
    }
    clock.lap("render");
    staged.commit().map_err(|d| BuildFailure::Content(vec![d]))?;
    clock.lap("swap");
    Ok(BuildReport { pages, files, dest, diagnostics, timings: clock.laps })
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
    let (_, diagnostics) = render_site(config, &theme, loaded, &|_| true, &|_| Ok(()), &|_| {});
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
    today: Option<NaiveDate>,
) -> Result<RenderedCopy, BuildFailure> {
    let mut loaded = load_site(config);
    if loaded.content_dir_unreadable {
        return Err(BuildFailure::Config(loaded.diagnostics));
    }
    let today = today.unwrap_or_else(|| chrono::Local::now().date_naive());
    loaded.diagnostics.extend(lint_pages(config, &loaded.pages, today));
    let kept: Vec<&Page> = loaded.pages.iter().filter(|p| is_published(config, p) && keep(p)).collect();
    let newest = kept.iter().filter_map(|p| p.date).max();
    let mut globals = global_context(config);
    globals.insert("copy_note", &ui_strings(config.book.language).copy_note(kept.len(), newest));
    let theme = theme_for(config, &loaded, globals)?;
    let files = std::sync::Mutex::new(Vec::new());
    let collect = |file: &OutputFile| {
        files.lock().map_err(|_| poisoned())?.push(file.clone());
        Ok(())
    };
    let (pages, mut diagnostics) = render_site(config, &theme, &loaded, keep, &collect, &|_| {});
    let mut files = files.into_inner().map_err(|_| BuildFailure::Content(vec![poisoned()]))?;
    let content_dir = config.content_dir();
    for rel in &loaded.assets {
        let source: PathBuf = rel.split('/').fold(content_dir.clone(), |p, part| p.join(part));
        match std::fs::read(&source) {
            Ok(bytes) => files.push(OutputFile::new(asset_output_path(rel), bytes)),
            Err(e) => {
                diagnostics.push(Diagnostic::error(codes::OUTPUT, &source, 0, 0, format!("cannot read: {e}")))
            }
        }
    }
    diagnostics.extend(loaded.diagnostics);
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

/// Where rendered files go: the staging folder for `build`, nowhere for `check`.
type Sink<'a> = dyn Fn(&OutputFile) -> Result<(), Diagnostic> + Sync + 'a;

/// Renders every page and hands each file to `sink`. Returns (FAQ pages, problems).
fn render_site(
    config: &Config,
    theme: &Theme,
    loaded: &LoadedSite,
    keep: &(dyn Fn(&Page) -> bool + Sync),
    sink: &Sink,
    progress: &(dyn Fn(Progress) + Sync),
) -> (usize, Vec<Diagnostic>) {
    let published: Vec<_> = loaded.pages.iter().filter(|p| is_published(config, p)).collect();
    let links = LinkIndex::new(published.par_iter().copied(), &loaded.assets, config.build.allow_html)
        .with_unloadable(&loaded.unloadable_pages);
    let model = SiteModel::new(config, published.into_iter().filter(|p| keep(p)).collect());
    let renderer = Renderer { config, theme, strings: ui_strings(config.book.language), model: &model };
    let write = |result: Result<OutputFile, Diagnostic>| -> Option<Diagnostic> {
        result.and_then(|file| sink(&file)).err()
    };

    progress(Progress::Start { pages: model.pages.len() });
    let faq_results: Vec<(String, Vec<Diagnostic>)> = (0..model.pages.len())
        .into_par_iter()
        .map(|i| {
            let outcome = match renderer.faq(i, &links) {
                Ok(rendered) => {
                    let mut problems = rendered.diagnostics;
                    problems.extend(write(Ok(rendered.file)));
                    (rendered.text, problems)
                }
                Err(d) => (String::new(), vec![d]),
            };
            progress(Progress::PageDone);
            outcome
        })
        .collect();
    let (texts, faq_problems): (Vec<String>, Vec<Vec<Diagnostic>>) = faq_results.into_iter().unzip();
    let mut diagnostics: Vec<Diagnostic> = faq_problems.into_iter().flatten().collect();

    let listings = renderer.listing_jobs();
    diagnostics
        .extend(listings.par_iter().filter_map(|job| write(renderer.listing(job))).collect::<Vec<_>>());
    diagnostics.extend(
        [renderer.home(), renderer.tag_index(), renderer.known_issues(), renderer.review()]
            .into_iter()
            .filter_map(write),
    );
    diagnostics.extend(site_wide_files(&renderer, texts).into_iter().filter_map(write));
    diagnostics.extend(
        theme
            .static_files()
            .filter_map(|(name, bytes)| write(Ok(OutputFile::new(format!("static/{name}"), bytes)))),
    );
    (model.pages.len(), diagnostics)
}

/// Files made once per site rather than per page: the search page shell, 404, the highlight
/// stylesheet, sitemap and feed. **The search index files (src/search) are added here**: this
/// is the one place that sees every page's plain text (`texts[i]` is `renderer.model.pages[i]`).
fn site_wide_files(renderer: &Renderer, texts: Vec<String>) -> Vec<Result<OutputFile, Diagnostic>> {
    let mut files = vec![
        renderer.search_page(),
        renderer.not_found(),
        Ok(OutputFile::new("static/highlight.css", highlight_css())),
    ];
    files.extend(renderer.feeds(&texts));
    files.extend(search_index_files(renderer, texts));
    files
}

/// The client-side search index (`search/…js`) over the published pages. The texts move into
/// the index's documents (at 100,000 pages a copy of them is some 200 MB).
fn search_index_files(renderer: &Renderer, texts: Vec<String>) -> Vec<Result<OutputFile, Diagnostic>> {
    let docs: Vec<SearchDoc> = renderer
        .model
        .pages
        .iter()
        .zip(texts)
        .map(|(page, text)| SearchDoc {
            id: page.id.clone(),
            url: faq_output_path(&page.id),
            title: page.title.clone(),
            service: page.service.clone(),
            service_slug: page.service_slug.clone(),
            status: page.status.as_str().to_string(),
            tags: page.tags.clone(),
            body_text: text,
        })
        .collect();
    let groups = site_groups(renderer.config);
    match build_search_index_with(&docs, renderer.config.book.language, &groups) {
        Ok(files) => files.into_iter().map(|(path, bytes)| Ok(OutputFile::new(path, bytes))).collect(),
        Err(e) => vec![Err(Diagnostic::error(
            codes::SEARCH_INDEX,
            renderer.config.content_dir(),
            0,
            0,
            e.to_string(),
        ))],
    }
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
