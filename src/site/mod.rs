//! Site: the `build` pipeline. Loads configuration, pages and theme, renders every output page
//! in parallel into a staging folder beside the output folder, and swaps it in only when
//! nothing went wrong. The library returns diagnostics; the CLI prints them.

pub mod copy;
pub mod job;
pub mod knowledge;
pub mod live;
pub mod model;
pub mod output;
pub mod pages;
pub mod render;
pub mod stages;
pub mod urls;

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use chrono::NaiveDate;
use rayon::prelude::*;
use tera::Context;

use crate::config::Config;
use crate::content::{LoadedSite, Page, load_site};
use crate::diagnostics::{Diagnostic, has_errors, sort_diagnostics};
use crate::lint::lint_pages;
use crate::render::links::{LinkIndex, check_links, is_published};
use crate::render::strings::ui_strings;
use crate::render::templates::{Theme, load_theme};
pub use copy::{Copies, CopyLinks, RenderedCopy};
use output::{OutputFile, StagedOutput, check_dest};
use render::{Memo, RenderInput, Sink, render_site};
use urls::LinkStyle;

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
    /// A stage of the render is over (`model`, `listings`, `pages`, `index`, …), for the
    /// stage figures of `--verbose`.
    Stage(&'static str),
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
    /// Time and peak memory per stage (`load`, the stages of the render, `swap`), for
    /// `--verbose`.
    pub timings: Vec<stages::Stage>,
}

impl BuildReport {
    /// The file to open in a browser.
    pub fn index_html(&self) -> PathBuf {
        self.dest.join(urls::HOME)
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

/// The front half of `build` and `check`, before it is decided whether the site can be built:
/// the pages loaded and linted, the theme (or the problems that stop it loading) and the
/// targets links may point to. `build` goes on only when nothing is wrong
/// ([`Front::into_site`]); `check` goes on to render whatever it can ([`render_check`]), so one
/// run reports everything.
#[derive(Debug)]
pub struct Front {
    pub config: Config,
    pub loaded: LoadedSite,
    pub theme: Result<Theme, Vec<Diagnostic>>,
    pub links: LinkIndex,
}

impl Front {
    /// Loads the pages of `config`, applies the content rules of `check` as of `today` (so that
    /// build fails or warns on exactly what check reports) and loads the theme. `Err` only when
    /// the content folder cannot be read.
    pub fn load(config: &Config, today: NaiveDate) -> Result<Front, BuildFailure> {
        let mut loaded = load_site(config);
        if loaded.content_dir_unreadable {
            return Err(BuildFailure::Config(loaded.diagnostics));
        }
        loaded.diagnostics.extend(lint_pages(config, &loaded.pages, today));
        sort_diagnostics(&mut loaded.diagnostics);
        let theme = load_theme(config).map(|mut theme| {
            theme.set_globals(global_context(config));
            theme
        });
        let links = link_index(config, &loaded);
        Ok(Front { config: config.clone(), loaded, theme, links })
    }

    /// The site, when its theme loads and its pages have no errors. Theme and page problems are
    /// reported together, so one run shows everything.
    pub fn into_site(self) -> Result<Site, BuildFailure> {
        let Front { config, loaded, theme, links } = self;
        match theme {
            Ok(theme) if !has_errors(&loaded.diagnostics) => Ok(Site { config, loaded, theme, links }),
            Ok(_) => Err(BuildFailure::Content(loaded.diagnostics)),
            Err(theme_errors) => Err(match classify(theme_errors) {
                BuildFailure::Content(mut all) => {
                    all.extend(loaded.diagnostics);
                    sort_diagnostics(&mut all);
                    BuildFailure::Content(all)
                }
                config_failure => config_failure,
            }),
        }
    }
}

impl Site {
    /// [`Front::load`], then [`Front::into_site`].
    pub fn load(config: &Config, today: NaiveDate) -> Result<Site, BuildFailure> {
        Front::load(config, today)?.into_site()
    }

    /// The pages the site shows, sorted by id.
    pub fn published(&self) -> Vec<&Page> {
        published(&self.config, &self.loaded)
    }

    /// Renders every published page into `sink` (with `memo`, only what changed since the
    /// memo's render, updating the memo). Returns (FAQ pages, problems).
    pub fn render(
        &self,
        sink: &Sink,
        progress: &(dyn Fn(Progress) + Sync),
        memo: Option<&mut Memo>,
    ) -> (usize, Vec<Diagnostic>) {
        render_site(&self.render_input(), sink, progress, memo, None)
    }

    /// Renders again the pages `changed` (by `rel_path`) after edits no other page sees
    /// ([`render::render_edited`]); `None` when only [`Site::render`] can.
    pub fn render_edited(&self, sink: &Sink, memo: &mut Memo, changed: &[String]) -> Option<Vec<Diagnostic>> {
        render::render_edited(&self.render_input(), sink, memo, changed)
    }

    fn render_input(&self) -> RenderInput<'_> {
        RenderInput {
            config: &self.config,
            theme: &self.theme,
            pages: self.published(),
            links: &self.links,
            style: LinkStyle::Files,
        }
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
    let clock = stages::Stopwatch::default();
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
    let staged_progress = |event: Progress| {
        if let Progress::Stage(name) = event {
            clock.lap(name);
        }
        progress(event);
    };
    let (pages, mut diagnostics) = site.render(&write, &staged_progress, memo.as_mut());
    diagnostics.extend(copy_assets(config, &site.loaded, &staged, &written));
    let files = written.load(Ordering::Relaxed);
    diagnostics.extend(site.loaded.diagnostics.iter().cloned());
    sort_diagnostics(&mut diagnostics);
    progress(Progress::Finish);
    if has_errors(&diagnostics) {
        return Err(BuildFailure::Content(diagnostics));
    }
    clock.lap("assets");
    staged.commit().map_err(|d| BuildFailure::Content(vec![d]))?;
    clock.lap("swap");
    Ok((BuildReport { pages, files, dest, diagnostics, timings: clock.into_stages() }, site, memo))
}

/// What `faqbook check` finds beyond the pages themselves, as `build` would find it. With a
/// theme: every output page rendered in memory, writing nothing, so template errors (an
/// override that does not parse, or uses a variable a page does not have) and link problems
/// come from the build's own render, each link resolved once. Without one: the theme's
/// problems, and the links resolved on their own. Returns the problems and whether they are a
/// configuration problem (a theme setting in book.toml).
pub fn render_check(front: &Front) -> (Vec<Diagnostic>, bool) {
    match &front.theme {
        Ok(theme) => {
            let input = RenderInput {
                config: &front.config,
                theme,
                pages: published(&front.config, &front.loaded),
                links: &front.links,
                style: LinkStyle::Files,
            };
            (render_site(&input, &|_| Ok(()), &|_| {}, None, None).1, false)
        }
        Err(theme_errors) => {
            let mut found = check_links(&front.loaded, &front.config, &front.links);
            let (theme_problems, config) = match classify(theme_errors.clone()) {
                BuildFailure::Config(d) => (d, true),
                BuildFailure::Content(d) => (d, false),
            };
            found.extend(theme_problems);
            (found, config)
        }
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

/// The pages of `loaded` the site shows, sorted by id.
fn published<'a>(config: &Config, loaded: &'a LoadedSite) -> Vec<&'a Page> {
    loaded.pages.iter().filter(|p| is_published(config, p)).collect()
}

/// Every published page and asset of `loaded`, as link targets.
fn link_index(config: &Config, loaded: &LoadedSite) -> LinkIndex {
    LinkIndex::new(published(config, loaded).par_iter().copied(), &loaded.assets, config.build.allow_html)
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
            let result = staged.copy(Path::new(&source), &urls::asset(rel));
            if result.is_ok() {
                written.fetch_add(1, Ordering::Relaxed);
            }
            result.err()
        })
        .collect()
}
