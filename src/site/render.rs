//! Rendering a loaded site: every output file, handed to a sink. The one render `build`,
//! `check`, `export` and `serve` share.
//!
//! With a [`Memo`] (kept by `serve` between renders) a render skips what has not changed: a
//! page body whose source and link resolutions are the same is not rendered again, and a file
//! whose job fingerprint (or bytes, for the search index and static files) is the same as last
//! time is not written again. Everything else (the model, every job, the search index) is
//! computed anew each time, so what is written is exactly what a full build would write.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use rayon::prelude::*;

use crate::config::Config;
use crate::content::Page;
use crate::diagnostics::{Diagnostic, codes};
use crate::render::highlight::highlight_css;
use crate::render::links::{LinkIndex, faq_output_path};
use crate::render::strings::ui_strings;
use crate::render::templates::Theme;
use crate::search::index::{SearchDoc, build_search_index_with};
use crate::search::synonyms::site_groups;
use crate::site::Progress;
use crate::site::job::{Job, hash_bytes};
use crate::site::model::SiteModel;
use crate::site::output::OutputFile;
use crate::site::pages::{Body, Renderer, render_body};

/// Where rendered files go: the staging folder for `build`, memory for `export`, nowhere for
/// `check`, the served folder for `serve`.
pub type Sink<'a> = dyn Fn(&OutputFile) -> Result<(), Diagnostic> + Sync + 'a;

/// What a render leaves for the next one (`serve` only): rendered bodies and the fingerprint of
/// every file written.
#[derive(Debug, Default)]
pub struct Memo {
    /// By page `rel_path`: the key of the page the body was rendered from, and the body.
    bodies: HashMap<String, (u64, Arc<Body>)>,
    /// By output path.
    prints: HashMap<String, u64>,
}

impl Memo {
    /// Output paths written last time and not this time (a page removed, a tag no longer used).
    pub fn vanished<'a>(&'a self, previous: &'a Memo) -> impl Iterator<Item = &'a str> + 'a {
        previous.prints.keys().filter(|path| !self.prints.contains_key(*path)).map(String::as_str)
    }
}

/// What a render needs besides the pages.
pub struct RenderInput<'a> {
    pub config: &'a Config,
    pub theme: &'a Theme,
    /// Published pages to render, sorted by id.
    pub pages: Vec<&'a Page>,
    /// Link targets: every published page (also those left out of `pages`) and asset.
    pub links: &'a LinkIndex,
}

/// Fingerprints of the previous render and those of this one.
struct Prints<'a> {
    old: &'a Memo,
    new: Mutex<HashMap<String, u64>>,
}

impl Prints<'_> {
    /// Records `print` for `path`; whether the file must be written.
    fn fresh(&self, path: &str, print: u64) -> bool {
        let mut new = self.new.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        new.insert(path.to_string(), print);
        self.old.prints.get(path) != Some(&print)
    }
}

/// Renders every page and hands each file to `sink`; with `memo`, only files that differ from
/// the memo's render. Returns (FAQ pages, problems, the memo of this render when one was given).
pub fn render_site(
    input: &RenderInput,
    sink: &Sink,
    progress: &(dyn Fn(Progress) + Sync),
    memo: Option<&Memo>,
) -> (usize, Vec<Diagnostic>, Option<Memo>) {
    let config = input.config;
    let model = SiteModel::new(config, input.pages.clone());
    let strings = ui_strings(config.book.language);
    let renderer =
        Renderer { config, theme: input.theme, strings, model: &model, fingerprints: memo.is_some() };
    let prints = memo.map(|old| Prints { old, new: Mutex::new(HashMap::new()) });
    let emit_file = |file: OutputFile| -> Option<Diagnostic> {
        let fresh = prints.as_ref().is_none_or(|p| p.fresh(&file.path, hash_bytes(&[&file.bytes])));
        if fresh { sink(&file).err() } else { None }
    };
    let emit = |job: Job| -> Option<Diagnostic> {
        let fresh = match (&prints, job.fingerprint()) {
            (Some(p), Some(print)) => p.fresh(&job.path, print),
            _ => true,
        };
        if fresh { renderer.render(job).and_then(|file| sink(&file)).err() } else { None }
    };

    progress(Progress::Start { pages: model.pages.len() });
    let bodies: Vec<(Arc<Body>, Vec<Diagnostic>)> = (0..model.pages.len())
        .into_par_iter()
        .map(|i| {
            let mut body = body_of(input, model.pages[i], memo);
            let mut problems = body.diagnostics.clone();
            let fresh = prints.as_ref().is_none_or(|p| {
                let placeholder = format!("{:016x}", body.hash);
                let path = faq_output_path(&model.pages[i].id);
                renderer.faq_job(i, &placeholder, "").fingerprint().is_none_or(|print| p.fresh(&path, print))
            });
            if fresh {
                let job = renderer.faq_job(i, &body.html, &body.text);
                problems.extend(renderer.render(job).and_then(|file| sink(&file)).err());
            }
            // Without a memo nothing reads the HTML again: let it go, so memory stays flat.
            if memo.is_none()
                && let Some(body) = Arc::get_mut(&mut body)
            {
                body.html = String::new();
            }
            progress(Progress::PageDone);
            (body, problems)
        })
        .collect();
    let (bodies, faq_problems): (Vec<Arc<Body>>, Vec<Vec<Diagnostic>>) = bodies.into_iter().unzip();
    let mut diagnostics: Vec<Diagnostic> = faq_problems.into_iter().flatten().collect();
    let texts: Vec<&str> = bodies.iter().map(|b| b.text.as_str()).collect();

    let listings = renderer.listing_jobs();
    diagnostics.extend(listings.par_iter().filter_map(|job| emit(renderer.listing(job))).collect::<Vec<_>>());
    let pages = [renderer.home(), renderer.tag_index(), renderer.known_issues(), renderer.review()];
    diagnostics.extend(pages.into_iter().filter_map(emit));
    let shell = [renderer.search_page(), renderer.not_found()];
    diagnostics.extend(shell.into_iter().chain(renderer.feeds(&texts)).filter_map(emit));
    let files = search_index_files(&renderer, &texts)
        .into_iter()
        .chain([Ok(OutputFile::new("static/highlight.css", highlight_css()))])
        .chain(
            input
                .theme
                .static_files()
                .map(|(name, bytes)| Ok(OutputFile::new(format!("static/{name}"), bytes))),
        );
    diagnostics.extend(files.filter_map(|file| file.map_or_else(Some, &emit_file)));
    let next = prints.map(|p| Memo {
        bodies: keep_bodies(&model, bodies),
        prints: p.new.into_inner().unwrap_or_else(|poisoned| poisoned.into_inner()),
    });
    (model.pages.len(), diagnostics, next)
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

/// The page's body from the memo when neither its source nor any of its links changed;
/// rendered otherwise.
fn body_of(input: &RenderInput, page: &Page, memo: Option<&Memo>) -> Arc<Body> {
    let cached = memo
        .and_then(|m| m.bodies.get(&page.rel_path))
        .filter(|(key, body)| *key == body_key(page) && body.links_unchanged(&page.rel_path, input.links));
    match cached {
        Some((_, body)) => Arc::clone(body),
        None => Arc::new(render_body(input.config, page, input.links)),
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

/// The client-side search index (`search/…js`) over the rendered pages. **This is the one place
/// that sees every page's plain text** (`texts[i]` is `renderer.model.pages[i]`).
fn search_index_files(renderer: &Renderer, texts: &[&str]) -> Vec<Result<OutputFile, Diagnostic>> {
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
            body_text: text.to_string(),
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
