//! Benchmark helper: builds the search index for a synthetic corpus from
//! `python3 ../shared/bench/gen_corpus.py N DIR` (run by `bench/search.sh`).
//!
//! Usage: `search_bench CORPUS_DIR SITE_DIR`. Writes `SITE_DIR/search/…` (the index),
//! `SITE_DIR/static/*.js` (the theme scripts as the binary ships them, minified) and
//! `SITE_DIR/faq/<id>.html` (trivial pages with the same text, for Pagefind), then prints one
//! JSON line: documents, index build seconds, index file count and bytes. The synonym groups are
//! those `faqbook build` uses for a site with no `book.toml` (the embedded Sudachi groups), so
//! `search/synonyms/` is what such a site ships.
//! The corpus uses its own ids and statuses; they are mapped as `../shared/bench/README.md` says.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{Context, Result, bail};
use faqbook::config::{Config, Language};
use faqbook::render::templates::default_static_files;
use faqbook::search::index::{SearchDoc, build_search_index_with};
use faqbook::search::synonyms::site_groups;
use pulldown_cmark::{Event, Parser, TagEnd};

#[derive(serde::Deserialize)]
struct FrontMatter {
    id: String,
    title: String,
    service: String,
    #[serde(default)]
    tags: Vec<String>,
    status: String,
}

fn main() -> Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let [_, corpus, site] = args.as_slice() else { bail!("usage: search_bench CORPUS_DIR SITE_DIR") };
    let mut paths: Vec<PathBuf> = fs::read_dir(corpus)
        .with_context(|| format!("{corpus}: cannot list"))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "md"))
        .collect();
    paths.sort();
    let docs = paths.iter().map(|p| read_doc(p)).collect::<Result<Vec<_>>>()?;

    let config = Config::parse(Path::new(corpus), &Path::new(corpus).join("book.toml"), "")?;
    let groups = site_groups(&config);
    let (started, cpu_before) = (Instant::now(), cpu_seconds());
    let files = build_search_index_with(&docs, Language::Ja, &groups)?;
    let (seconds, cpu) = (started.elapsed().as_secs_f64(), cpu_seconds() - cpu_before);

    let site = Path::new(site);
    let bytes: usize = files.iter().map(|(_, c)| c.len()).sum();
    for (path, contents) in &files {
        write(&site.join(path), contents)?;
    }
    for doc in &docs {
        write(&site.join(&doc.url), trivial_page(doc).as_bytes())?;
    }
    for (name, bytes) in default_static_files().iter().filter(|(name, _)| name.ends_with(".js")) {
        write(&site.join("static").join(name), bytes)?;
    }
    println!(
        "{{\"docs\":{},\"index_seconds\":{seconds:.3},\"index_cpu_seconds\":{cpu:.3},\"index_files\":{},\"index_bytes\":{bytes}}}",
        docs.len(),
        files.len()
    );
    Ok(())
}

/// User + system CPU seconds of this process so far (Linux `/proc/self/stat`, 100 ticks/s);
/// the machine is shared, so CPU time is the comparable figure. 0 where unavailable.
fn cpu_seconds() -> f64 {
    let stat = fs::read_to_string("/proc/self/stat").unwrap_or_default();
    let after_name = stat.rsplit_once(')').map_or("", |(_, rest)| rest);
    let fields: Vec<f64> = after_name.split_whitespace().map(|f| f.parse().unwrap_or(0.0)).collect();
    (fields.get(11).unwrap_or(&0.0) + fields.get(12).unwrap_or(&0.0)) / 100.0
}

fn read_doc(path: &Path) -> Result<SearchDoc> {
    let text = fs::read_to_string(path).with_context(|| format!("{}: cannot read", path.display()))?;
    let rest =
        text.strip_prefix("---\n").with_context(|| format!("{}:1: no front matter", path.display()))?;
    let (yaml, body) =
        rest.split_once("\n---\n").with_context(|| format!("{}: front matter not closed", path.display()))?;
    let fm: FrontMatter =
        serde_yaml::from_str(yaml).with_context(|| format!("{}: front matter", path.display()))?;
    let status = match fm.status.as_str() {
        "workaround" => "escalated",
        "open" => "unresolved",
        "archived" => "unknown",
        other => other,
    };
    let id = fm.id.to_lowercase();
    Ok(SearchDoc {
        url: format!("faq/{id}.html"),
        id,
        title: fm.title,
        service_slug: faqbook::slug::slugify(&fm.service),
        service: fm.service,
        status: status.to_string(),
        tags: fm.tags,
        body_text: markdown_text(body),
    })
}

/// Plain text of Markdown: text and code, one line per block.
fn markdown_text(markdown: &str) -> String {
    let mut text = String::new();
    for event in Parser::new(markdown) {
        match event {
            Event::Text(t) | Event::Code(t) => text.push_str(&t),
            Event::SoftBreak | Event::HardBreak => text.push(' '),
            Event::End(TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::Item) => text.push('\n'),
            _ => {}
        }
    }
    text.trim_end().to_string()
}

fn trivial_page(doc: &SearchDoc) -> String {
    let escape = |s: &str| s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;");
    format!(
        "<!doctype html><html lang=\"ja\"><head><meta charset=\"utf-8\"><title>{0}</title></head>\
         <body><main data-pagefind-body><h1>{0}</h1><p>{1}</p><p>{2}</p></main></body></html>\n",
        escape(&doc.title),
        escape(&doc.service),
        escape(&doc.body_text).replace('\n', "</p><p>")
    )
}

fn write(path: &Path, contents: &[u8]) -> Result<()> {
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).with_context(|| format!("{}: cannot create", parent.display()))?;
    }
    fs::write(path, contents).with_context(|| format!("{}: cannot write", path.display()))
}
