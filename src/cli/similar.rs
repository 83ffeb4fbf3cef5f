//! `faqbook similar`.

use std::io::Write;
use std::process::ExitCode;

use clap::{Args, ValueEnum};

use super::{Cli, EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, print_diagnostics};
use crate::config::Config;
use crate::content::{Page, load_site};
use crate::diagnostics::{display_path, has_errors};
use crate::similar::{DEFAULT_THRESHOLD, Group, similar_pages};

/// List groups of near-duplicate pages, most similar first, so maintainers can merge them.
///
/// Similarity is the cosine of TF-IDF vectors over the search tokenizer's tokens of each page's
/// title and inquiry (the rest of the body counts a little). Pages in one group are similar to
/// each other directly or through another member.
#[derive(Debug, Args)]
#[command(after_help = "\
Examples:
  faqbook similar
  faqbook similar --threshold 0.7 --format json > similar.json

Exit status: 0 done (whether or not groups were found), 1 some pages could not be read,
2 usage or configuration error.")]
pub struct SimilarArgs {
    /// Lowest cosine similarity (0–1) for two pages to count as near-duplicates.
    #[arg(long, default_value_t = DEFAULT_THRESHOLD, value_parser = parse_threshold)]
    pub threshold: f64,
    /// Output format.
    #[arg(long, value_enum, default_value_t = SimilarFormat::Human)]
    pub format: SimilarFormat,
}

/// How `similar` prints its groups.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SimilarFormat {
    /// One block per group: score, id, title and file of each page.
    Human,
    /// One JSON document with every group, its pages and its pairs.
    Json,
}

fn parse_threshold(text: &str) -> Result<f64, String> {
    match text.parse::<f64>() {
        Ok(t) if (0.0..=1.0).contains(&t) => Ok(t),
        _ => Err(format!("`{text}` is not a number from 0 to 1")),
    }
}

pub(super) fn run_similar(cli: &Cli, args: &SimilarArgs) -> ExitCode {
    let config = match Config::load(&cli.root) {
        Ok(config) => config,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(EXIT_USAGE);
        }
    };
    let site = load_site(&config);
    if site.content_dir_unreadable {
        print_diagnostics(&site.diagnostics, cli.quiet);
        return ExitCode::from(EXIT_USAGE);
    }
    let load_errors: Vec<_> = site.diagnostics.iter().filter(|d| d.is_error()).cloned().collect();
    print_diagnostics(&load_errors, cli.quiet);
    let groups = similar_pages(&site.pages, args.threshold);
    let text = match args.format {
        SimilarFormat::Human => human(&site.pages, &groups, args.threshold),
        SimilarFormat::Json => json(&site.pages, &groups, args.threshold),
    };
    // A closed pipe (`faqbook similar | head`) is not worth a panic.
    let _ = std::io::stdout().write_all(text.as_bytes());
    if has_errors(&load_errors) { ExitCode::from(EXIT_PROBLEMS) } else { ExitCode::from(EXIT_OK) }
}

/// Pairs listed per group in the human format: a large group is a topic, not a duplicate, and
/// its members say more than thousands of pair lines.
const PAIRS_SHOWN: usize = 20;

fn human(pages: &[Page], groups: &[Group], threshold: f64) -> String {
    let mut out = String::new();
    for (n, group) in groups.iter().enumerate() {
        out.push_str(&format!("group {} (best {:.2}):\n", n + 1, group.best()));
        for &member in &group.members {
            let page = &pages[member];
            out.push_str(&format!(
                "  {}  {}  ({})\n",
                page.front.id,
                page.front.title,
                display_path(&page.path)
            ));
        }
        for pair in group.pairs.iter().take(PAIRS_SHOWN) {
            out.push_str(&format!(
                "  {:.2}  {} ~ {}\n",
                pair.score, pages[pair.a].front.id, pages[pair.b].front.id
            ));
        }
        if group.pairs.len() > PAIRS_SHOWN {
            out.push_str(&format!(
                "  … and {} more pairs (--format json lists every pair)\n",
                group.pairs.len() - PAIRS_SHOWN
            ));
        }
        out.push('\n');
    }
    let grouped: usize = groups.iter().map(|g| g.members.len()).sum();
    out.push_str(&format!(
        "{} {} of similar pages ({grouped} of {} pages) at threshold {threshold:.2}\n",
        groups.len(),
        if groups.len() == 1 { "group" } else { "groups" },
        pages.len(),
    ));
    out
}

fn json(pages: &[Page], groups: &[Group], threshold: f64) -> String {
    let rounded = |x: f64| (x * 1000.0).round() / 1000.0;
    let groups: Vec<serde_json::Value> = groups
        .iter()
        .map(|group| {
            serde_json::json!({
                "best": rounded(group.best()),
                "pages": group.members.iter().map(|&m| serde_json::json!({
                    "id": pages[m].front.id,
                    "title": pages[m].front.title,
                    "service": pages[m].front.service,
                    "path": display_path(&pages[m].path),
                })).collect::<Vec<_>>(),
                "pairs": group.pairs.iter().map(|p| serde_json::json!({
                    "a": pages[p.a].front.id,
                    "b": pages[p.b].front.id,
                    "score": rounded(p.score),
                })).collect::<Vec<_>>(),
            })
        })
        .collect();
    let document = serde_json::json!({ "threshold": threshold, "groups": groups });
    format!("{document:#}\n")
}
