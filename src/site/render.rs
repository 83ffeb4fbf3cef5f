//! Rendering a loaded site: every output file, handed to a sink. The one render `build`,
//! `check`, `export` and `serve` share.
//!
//! With a [`Memo`] (kept by `serve` between renders) a render skips what has not changed: a
//! page body whose source and link resolutions are the same is not rendered again, and a file
//! whose job fingerprint (or bytes, for the search index and static files) is the same as last
//! time is not written again. Everything else (the model, every job, the search index) is
//! computed anew each time, so what is written is exactly what a full build would write.

use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex};

use rayon::prelude::*;

use crate::config::Config;
use crate::content::Page;
use crate::diagnostics::{Diagnostic, codes};
use crate::render::highlight::highlight_css;
use crate::render::links::LinkIndex;
use crate::render::templates::Theme;
use crate::search::index::{FileSink, IndexCache, IndexWriter, SearchDoc, build_search_index_cached};
use crate::search::synonyms::site_groups;
use crate::site::Progress;
use crate::site::job::{Job, hash_bytes};
use crate::site::model::{SiteModel, Structure};
use crate::site::output::OutputFile;
use crate::site::pages::{Body, Renderer, render_body};
use crate::site::urls::{self, LinkStyle};

/// Where rendered files go: the staging folder for `build`, memory for `export`, nowhere for
/// `check`, the served folder for `serve`.
pub type Sink<'a> = dyn Fn(&OutputFile) -> Result<(), Diagnostic> + Sync + 'a;

/// What a render leaves for the next one (`serve` only): rendered bodies, the fingerprint of
/// every file written, the model and the search index's batches.
#[derive(Debug, Default)]
pub struct Memo {
    /// By page `rel_path`: the key of the page the body was rendered from, and the body.
    bodies: HashMap<String, (u64, Arc<Body>)>,
    /// By output path.
    prints: HashMap<String, u64>,
    /// Output paths the last render made no longer (a page removed, a tag no longer used).
    vanished: Vec<String>,
    /// The model of the last full render, without its pages.
    structure: Option<Box<Structure>>,
    /// Paths of the feeds and search index files of the last render.
    text_paths: Vec<String>,
    search: IndexCache,
}

impl Memo {
    /// Output paths made by the render before the last one and not by the last one.
    pub fn take_vanished(&mut self) -> Vec<String> {
        std::mem::take(&mut self.vanished)
    }
}

/// What renders of the same pages in several link styles share (`export` writes the zip and
/// the single file from one load): the search index, which no link style changes, and the
/// page bodies, of which only those with a relative URL are rendered again in another style.
/// No finished copy is held: each render's files go to its own sink.
#[derive(Debug, Default)]
pub struct Shared {
    /// By page `rel_path`, as in [`Memo`]; the HTML is kept only where another style can use it.
    bodies: HashMap<String, (u64, Arc<Body>)>,
    /// The search index files, or the problem that stopped it.
    index: Option<Vec<Result<OutputFile, Diagnostic>>>,
    /// Whether no render follows the next one: then it keeps nothing for another.
    pub last: bool,
}

/// What a render needs besides the pages.
pub struct RenderInput<'a> {
    pub config: &'a Config,
    pub theme: &'a Theme,
    /// Published pages to render, sorted by id.
    pub pages: Vec<&'a Page>,
    /// Link targets: every published page (also those left out of `pages`) and asset.
    pub links: &'a LinkIndex,
    /// How links are written.
    pub style: LinkStyle<'a>,
}

/// Fingerprints of the previous render and those of this one.
struct Prints<'a> {
    old: &'a HashMap<String, u64>,
    new: Mutex<HashMap<String, u64>>,
}

impl Prints<'_> {
    /// Records `print` for `path`; whether the file must be written.
    fn fresh(&self, path: &str, print: u64) -> bool {
        let mut new = self.new.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        new.insert(path.to_string(), print);
        self.old.get(path) != Some(&print)
    }

    fn into_inner(self) -> HashMap<String, u64> {
        self.new.into_inner().unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

/// Hands files and jobs to the sink; with fingerprints, only those that differ from last time.
struct Emitter<'a> {
    renderer: &'a Renderer<'a>,
    sink: &'a Sink<'a>,
    prints: Option<Prints<'a>>,
}

impl Emitter<'_> {
    fn file(&self, file: OutputFile) -> Option<Diagnostic> {
        let fresh = self.prints.as_ref().is_none_or(|p| p.fresh(&file.path, hash_bytes(&[&file.bytes])));
        if fresh { (self.sink)(&file).err() } else { None }
    }

    fn job(&self, job: Job) -> Option<Diagnostic> {
        let fresh = match (&self.prints, job.fingerprint()) {
            (Some(p), Some(print)) => p.fresh(&job.path, print),
            _ => true,
        };
        if fresh { self.renderer.render(job).and_then(|file| (self.sink)(&file)).err() } else { None }
    }

    /// Page `i`'s own page, given its body. Its fingerprint stands the body's hash in for the
    /// body, so an unchanged page is not even put together.
    fn faq(&self, i: usize, body: &Body) -> Option<Diagnostic> {
        let fresh = self.prints.as_ref().is_none_or(|p| {
            let placeholder = format!("{:016x}", body.hash);
            let path = urls::faq(&self.renderer.model.pages[i].front.id);
            self.renderer.faq_job(i, &placeholder, "").fingerprint().is_none_or(|print| p.fresh(&path, print))
        });
        if !fresh {
            return None;
        }
        let job = self.renderer.faq_job(i, &body.html, &body.text);
        self.renderer.render(job).and_then(|file| (self.sink)(&file)).err()
    }

    /// The feeds and the search index: what every page's text goes into. Returns the problems
    /// and the paths of the files made.
    fn text_files(&self, texts: &[&str], search: IndexSource) -> (Vec<Diagnostic>, Vec<String>) {
        let feeds = self.renderer.feeds(texts);
        let mut paths: Vec<String> = feeds.iter().map(|job| job.path.clone()).collect();
        let mut problems: Vec<Diagnostic> = feeds.into_iter().filter_map(|job| self.job(job)).collect();
        let mut out = |path: String, bytes: Vec<u8>| {
            paths.push(path.clone());
            problems.extend(self.file(OutputFile::new(path, bytes)));
        };
        // Built for this render alone, the index goes to the sink as it is made (a document's
        // record as soon as its batch is indexed), so it is never held whole.
        let (stored, made) = match search {
            IndexSource::Build(cache) => (None, search_index_files(self.renderer, texts, cache, &mut out)),
            IndexSource::Shared(shared, true) => match shared.take() {
                Some(files) => (Some(files), Ok(())),
                None => (None, search_index_files(self.renderer, texts, None, &mut out)),
            },
            IndexSource::Shared(shared, false) => {
                (Some(shared.get_or_insert_with(|| index_kept(self.renderer, texts)).clone()), Ok(()))
            }
        };
        let mut failed: Vec<Diagnostic> = made.err().into_iter().collect();
        for file in stored.into_iter().flatten() {
            match file {
                Ok(file) => out(file.path, file.bytes),
                Err(problem) => failed.push(problem),
            }
        }
        problems.extend(failed);
        (problems, paths)
    }
}

/// Where a render's search index comes from.
enum IndexSource<'a> {
    /// Built from the pages' texts (with `serve`'s cache of batches).
    Build(Option<&'a mut IndexCache>),
    /// Shared by renders in several link styles: built by the first, let go by the last
    /// (`true`).
    Shared(&'a mut Option<Vec<Result<OutputFile, Diagnostic>>>, bool),
}

/// Renders every page and hands each file to `sink`; with `memo`, only files that differ from
/// the memo's render, and the memo is updated to this render; with `shared`, what an earlier
/// render of the same pages in another link style left there is used, and what this one makes
/// that another can use is left there. Returns (FAQ pages, problems).
pub fn render_site(
    input: &RenderInput,
    sink: &Sink,
    progress: &(dyn Fn(Progress) + Sync),
    mut memo: Option<&mut Memo>,
    mut shared: Option<&mut Shared>,
) -> (usize, Vec<Diagnostic>) {
    let config = input.config;
    let model = SiteModel::new(config, input.pages.clone());
    let renderer = Renderer::new(config, input.theme, &model, memo.is_some(), input.style);
    let old_prints = memo.as_deref_mut().map(|m| std::mem::take(&mut m.prints));
    let prints = old_prints.as_ref().map(|old| Prints { old, new: Mutex::new(HashMap::new()) });
    let emit = Emitter { renderer: &renderer, sink, prints };
    let keep = memo.is_some();
    let share = shared.as_ref().is_some_and(|s| !s.last);
    let mut old_bodies = match (memo.as_deref_mut(), shared.as_deref_mut()) {
        (Some(memo), _) => std::mem::take(&mut memo.bodies),
        (None, Some(shared)) => std::mem::take(&mut shared.bodies),
        (None, None) => HashMap::new(),
    };
    // Each page takes its old body, so a body no one keeps is let go with its page.
    let old_bodies: Vec<_> = model.pages.iter().map(|p| old_bodies.remove(&p.rel_path)).collect();

    // Listings and the fixed pages first: they need only the model, and rendered before the FAQ
    // pages their (large, at 100,000 pages) contexts do not stack on every page's text, which
    // the FAQ pages leave behind for the feeds and the search index.
    progress(Progress::Stage("model"));
    let mut diagnostics = model_pages(&renderer, &emit);
    progress(Progress::Stage("listings"));
    progress(Progress::Start { pages: model.pages.len() });
    let bodies: Vec<(Arc<Body>, Vec<Diagnostic>)> = old_bodies
        .into_par_iter()
        .enumerate()
        .map(|(i, old)| {
            let mut body = body_of(input, model.pages[i], old);
            let mut problems = body.diagnostics.clone();
            problems.extend(emit.faq(i, &body));
            // Unless a memo or another link style reads the HTML again, let it go, so memory
            // stays flat.
            let reused = keep || (share && !body.styled);
            if !reused && let Some(body) = Arc::get_mut(&mut body) {
                body.html = String::new();
            }
            progress(Progress::PageDone);
            (body, problems)
        })
        .collect();
    let (bodies, faq_problems): (Vec<Arc<Body>>, Vec<Vec<Diagnostic>>) = bodies.into_iter().unzip();
    diagnostics.extend(faq_problems.into_iter().flatten());
    progress(Progress::Stage("pages"));
    let texts: Vec<&str> = bodies.iter().map(|b| b.text.as_str()).collect();
    let search = match shared.as_deref_mut() {
        Some(shared) => IndexSource::Shared(&mut shared.index, shared.last),
        None => IndexSource::Build(memo.as_deref_mut().map(|m| &mut m.search)),
    };
    let (problems, text_paths) = emit.text_files(&texts, search);
    diagnostics.extend(problems);
    progress(Progress::Stage("index"));
    let statics = std::iter::once(OutputFile::new(urls::static_file(urls::HIGHLIGHT_CSS), highlight_css()))
        .chain(
            input.theme.static_files().map(|(name, bytes)| OutputFile::new(urls::static_file(name), bytes)),
        );
    diagnostics.extend(statics.filter_map(|file| emit.file(file)));
    if let (Some(memo), Some(prints), Some(old)) = (memo, emit.prints, old_prints.as_ref()) {
        memo.prints = prints.into_inner();
        memo.vanished = old.keys().filter(|path| !memo.prints.contains_key(*path)).cloned().collect();
        memo.bodies = keep_bodies(&model, bodies);
        memo.structure = Some(Box::new(model.detach()));
        memo.text_paths = text_paths;
    } else if let Some(shared) = shared.filter(|_| share) {
        shared.bodies = keep_bodies(&model, bodies);
    }
    (input.pages.len(), once_per_template(diagnostics))
}

/// The pages made from the model alone: every listing, the home page, the tag index, known
/// issues, review, search and 404. Returns their problems.
fn model_pages(renderer: &Renderer, emit: &Emitter) -> Vec<Diagnostic> {
    let listings = renderer.listing_jobs();
    let mut diagnostics: Vec<Diagnostic> =
        listings.par_iter().filter_map(|job| emit.job(renderer.listing(job))).collect();
    let pages = [renderer.home(), renderer.tag_index(), renderer.known_issues(), renderer.review()];
    let shell = [renderer.search_page(), renderer.not_found()];
    diagnostics.extend(pages.into_iter().chain(shell).filter_map(|job| emit.job(job)));
    diagnostics
}

/// A template that fails fails the same way on every page it renders: its error is reported
/// once, not once per page.
fn once_per_template(mut diagnostics: Vec<Diagnostic>) -> Vec<Diagnostic> {
    let mut seen = HashSet::new();
    diagnostics.retain(|d| {
        d.code != codes::TEMPLATE || seen.insert((d.path.clone(), d.line, d.col, d.message.clone()))
    });
    diagnostics
}

/// Renders again only the pages `changed` (by `rel_path`), after edits that change nothing
/// other pages show of them ([`outward`](crate::site::model::outward) views and link targets
/// unchanged): their own pages, the feeds and the search index. `None` when the memo has no
/// model for these pages (then render the whole site). Returns the problems of the whole site.
pub fn render_edited(
    input: &RenderInput,
    sink: &Sink,
    memo: &mut Memo,
    changed: &[String],
) -> Option<Vec<Diagnostic>> {
    let structure = memo.structure.take()?;
    let model = match structure.attach(input.pages.clone()) {
        Ok(model) => model,
        Err(structure) => {
            memo.structure = Some(structure);
            return None;
        }
    };
    let config = input.config;
    let renderer = Renderer::new(config, input.theme, &model, true, input.style);
    let old_prints = std::mem::take(&mut memo.prints);
    let prints = Prints { old: &old_prints, new: Mutex::new(HashMap::new()) };
    let emit = Emitter { renderer: &renderer, sink, prints: Some(prints) };
    let mut diagnostics = Vec::new();
    for (i, page) in model.pages.iter().enumerate().filter(|(_, p)| changed.contains(&p.rel_path)) {
        let body = Arc::new(render_body(config, page, input.links, input.style));
        diagnostics.extend(emit.faq(i, &body));
        memo.bodies.insert(page.rel_path.clone(), (body_key(page), body));
    }
    let bodies: Option<Vec<&Arc<Body>>> =
        model.pages.iter().map(|p| memo.bodies.get(&p.rel_path).map(|(_, body)| body)).collect();
    let Some(bodies) = bodies else {
        drop(emit);
        memo.prints = old_prints;
        return None;
    };
    diagnostics.extend(bodies.iter().flat_map(|body| body.diagnostics.iter().cloned()));
    let texts: Vec<&str> = bodies.iter().map(|b| b.text.as_str()).collect();
    let (problems, text_paths) = emit.text_files(&texts, IndexSource::Build(Some(&mut memo.search)));
    diagnostics.extend(problems);
    let fresh = emit.prints.map(Prints::into_inner).unwrap_or_default();
    let mut prints = old_prints;
    let made: HashSet<&String> = text_paths.iter().collect();
    memo.vanished = memo.text_paths.iter().filter(|path| !made.contains(path)).cloned().collect();
    for path in &memo.vanished {
        prints.remove(path);
    }
    prints.extend(fresh);
    memo.prints = prints;
    memo.text_paths = text_paths;
    memo.structure = Some(Box::new(model.detach()));
    Some(once_per_template(diagnostics))
}

/// The key of what a page's body render depends on in the page itself.
fn body_key(page: &Page) -> u64 {
    let line = page.body_line.to_string();
    hash_bytes(&[
        page.path.as_os_str().as_encoded_bytes(),
        page.rel_path.as_bytes(),
        page.body.as_bytes(),
        line.as_bytes(),
    ])
}

/// The page's body from the memo (or a render in another link style) when neither its source
/// nor any of its links changed and it fits the style; rendered otherwise.
fn body_of(input: &RenderInput, page: &Page, old: Option<(u64, Arc<Body>)>) -> Arc<Body> {
    let cached = old.filter(|(key, body)| {
        *key == body_key(page) && body.fits(input.style) && body.links_unchanged(&page.rel_path, input.links)
    });
    match cached {
        Some((_, body)) => body,
        None => Arc::new(render_body(input.config, page, input.links, input.style)),
    }
}

fn keep_bodies(model: &SiteModel, bodies: Vec<Arc<Body>>) -> HashMap<String, (u64, Arc<Body>)> {
    model
        .pages
        .iter()
        .zip(bodies)
        .map(|(page, body)| (page.rel_path.clone(), (body_key(page), body)))
        .collect()
}

/// The search index's files held, for renders in several link styles to share.
fn index_kept(renderer: &Renderer, texts: &[&str]) -> Vec<Result<OutputFile, Diagnostic>> {
    let mut files = Vec::new();
    let made = search_index_files(renderer, texts, None, &mut |path, bytes| {
        files.push(Ok(OutputFile::new(path, bytes)));
    });
    files.extend(made.err().map(Err));
    files
}

/// The client-side search index (`search/…js`) over the rendered pages, handed to `out` file by
/// file. **This is the one place that sees every page's plain text** (`texts[i]` is
/// `renderer.model.pages[i]`).
fn search_index_files(
    renderer: &Renderer,
    texts: &[&str],
    cache: Option<&mut IndexCache>,
    out: &mut FileSink,
) -> Result<(), Diagnostic> {
    let doc = |(page, text): (&&Page, &&str)| SearchDoc {
        id: page.front.id.clone(),
        url: urls::faq(&page.front.id),
        title: page.front.title.clone(),
        service: page.front.service.clone(),
        service_slug: page.service_slug.clone(),
        status: page.front.status.as_str().to_string(),
        tags: page.front.tags.clone(),
        body_text: text.to_string(),
    };
    let docs = renderer.model.pages.iter().zip(texts);
    let groups = site_groups(renderer.config);
    let lang = renderer.config.book.language;
    let made = match cache {
        Some(cache) => {
            let docs: Vec<SearchDoc> = docs.map(doc).collect();
            build_search_index_cached(&docs, lang, &groups, cache)
                .map(|files| files.into_iter().for_each(|(path, bytes)| out(path, bytes)))
        }
        None => {
            // One batch of documents at a time: their text is copied only while it is indexed.
            let mut writer = IndexWriter::new(lang, &groups);
            docs.map(doc).try_for_each(|d| writer.push(d, out)).and_then(|()| writer.finish(out))
        }
    };
    made.map_err(|e| {
        Diagnostic::error(codes::SEARCH_INDEX, renderer.config.content_dir(), 0, 0, e.to_string())
    })
}
