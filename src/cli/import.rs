//! `faqbook import`.

use std::path::PathBuf;
use std::process::ExitCode;

use chrono::NaiveDate;

use super::{Cli, EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, parse_day};
use crate::config::Config;
use crate::diagnostics::has_errors;
use crate::minutes::classify::Status;
use crate::minutes::write::WriteOutcome;
use crate::minutes::{self, ImportOptions, ImportReport};

/// Arguments of `faqbook import` (its help text is on `Command::Import`).
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  faqbook import seeds/\n  faqbook import --dry-run --date 2025-12-10 minutes/2025-12.txt\n  \
                        faqbook --root site import site/seeds/\n\n\
                        Exit status: 0 done (even with warnings), 1 an input could not be read or a page not written, \
                        2 usage or configuration error."
)]
pub struct ImportArgs {
    /// Minutes files, or folders to search for .txt, .md, .docx, .html and .zip files.
    #[arg(required = true, value_name = "FILE|DIR")]
    pub inputs: Vec<PathBuf>,
    /// Show what would be written; write nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// Overwrite pages even when they were edited by hand since their import.
    #[arg(long)]
    pub force: bool,
    /// Meeting date for the pages (YYYY-MM-DD); else a date in the minutes or the file name.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_day)]
    pub date: Option<NaiveDate>,
    /// Append a case that repeats an earlier page of the same service to that page's follow-up
    /// section instead of writing a new page with `recurs:` (pages edited by hand are left alone).
    #[arg(long)]
    pub merge: bool,
    /// Leave book.toml as it is: services the minutes name that it does not configure are
    /// listed with the [[services]] TOML to add by hand (by default import adds them itself,
    /// keeping the file's comments and layout).
    #[arg(long)]
    pub no_config_edit: bool,
}

pub(super) fn run_import(cli: &Cli, args: &ImportArgs) -> ExitCode {
    let (quiet, verbose) = (cli.quiet, cli.verbose);
    let config = match Config::load(&cli.root) {
        Ok(config) => config,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(EXIT_USAGE);
        }
    };
    let options = ImportOptions {
        inputs: args.inputs.clone(),
        dry_run: args.dry_run,
        force: args.force,
        date: args.date,
        merge: args.merge,
        keep_config: args.no_config_edit,
    };
    let report = minutes::import(&config, &options);
    for diagnostic in &report.diagnostics {
        if diagnostic.is_error() || !quiet {
            eprintln!("{diagnostic}");
        }
    }
    if !quiet {
        print!("{}", import_summary(&report, args.dry_run, verbose));
        if let Some(new) = &report.new_services {
            print!("{}", new_services_summary(new, args.dry_run, args.no_config_edit));
        }
    }
    if has_errors(&report.diagnostics) { ExitCode::from(EXIT_PROBLEMS) } else { ExitCode::from(EXIT_OK) }
}

/// The summary printed after an import: files, cases per service and status, page outcomes.
fn import_summary(report: &ImportReport, dry_run: bool, verbose: bool) -> String {
    let mut out = String::new();
    if verbose {
        out.push_str(&files_read(report));
    }
    out.push_str(&case_counts(report));
    out.push_str(&page_outcomes(report, dry_run, verbose));
    out.push_str(&recurring_cases(report));
    out.push_str(&page_totals(report, dry_run));
    out
}

/// Each file read, with the repeated lines removed from it (`-v`).
fn files_read(report: &ImportReport) -> String {
    let mut out = String::new();
    for file in &report.files {
        out.push_str(&format!(
            "read {} ({}): {} cases, {} repeated lines removed\n",
            file.path.display(),
            file.encoding,
            file.cases,
            file.removed_lines()
        ));
        for removed in &file.removed {
            let lines = if removed.first == removed.last {
                format!("line {}", removed.first)
            } else {
                format!("lines {}-{}", removed.first, removed.last)
            };
            out.push_str(&format!("  removed {lines}: repeats the text from line {}\n", removed.original));
        }
    }
    out
}

/// Files and cases read, cases per service and per status.
fn case_counts(report: &ImportReport) -> String {
    let cases: usize = report.files.iter().map(|f| f.cases).sum();
    let removed: usize = report.files.iter().map(|f| f.removed_lines()).sum();
    let mut out = format!(
        "{} {} read: {cases} {}, {removed} repeated lines removed\n",
        report.files.len(),
        plural(report.files.len(), "file", "files"),
        plural(cases, "case", "cases"),
    );
    for (service, statuses) in report.cases_by_service() {
        let total: usize = statuses.values().sum();
        let detail = statuses.iter().map(|(s, n)| format!("{s} {n}")).collect::<Vec<_>>().join(", ");
        out.push_str(&format!("  {service}: {total} ({detail})\n"));
    }
    let by_status: Vec<String> = Status::ALL
        .iter()
        .map(|&status| (status, report.pages.iter().filter(|p| p.status == status).count()))
        .filter(|&(_, n)| n > 0)
        .map(|(status, n)| format!("{status} {n}"))
        .collect();
    if !by_status.is_empty() {
        out.push_str(&format!("status: {}\n", by_status.join(", ")));
    }
    out
}

/// What happened to each page (unchanged ones only on a dry run or with `-v`, which also gives
/// the sentence that decided each status).
fn page_outcomes(report: &ImportReport, dry_run: bool, verbose: bool) -> String {
    let mut out = String::new();
    let listed = |outcome: WriteOutcome| dry_run || verbose || outcome != WriteOutcome::Unchanged;
    for page in report.pages.iter().filter(|p| listed(p.outcome)) {
        let verb = match (page.outcome, dry_run) {
            (WriteOutcome::Created, false) => "created",
            (WriteOutcome::Created, true) => "would create",
            (WriteOutcome::Updated, false) => "updated",
            (WriteOutcome::Updated, true) => "would update",
            (WriteOutcome::Unchanged, _) => "unchanged",
            (WriteOutcome::SkippedEdited, _) => "skipped (edited by hand)",
            (WriteOutcome::Merged, false) => "merged into",
            (WriteOutcome::Merged, true) => "would merge into",
        };
        out.push_str(&format!("  {verb}: {}\n", page.path.display()));
        if verbose {
            let reason = page
                .status_reason
                .as_ref()
                .map_or_else(|| "no outcome recorded".to_string(), crate::minutes::write::reason_text);
            out.push_str(&format!("    status {}: {reason}\n", page.status));
        }
    }
    out
}

/// The cases that repeat earlier pages, with what they look like.
fn recurring_cases(report: &ImportReport) -> String {
    let mut out = String::new();
    for page in report.pages.iter().filter(|p| !p.recurs.is_empty()) {
        let like: Vec<String> = page
            .recurs
            .iter()
            .map(|r| format!("{} ({:.2}, {})", r.id, r.score, r.earlier.describe()))
            .collect();
        // A merged case has no page of its own: name it by its lines in the minutes.
        let merged =
            matches!(page.outcome, WriteOutcome::Merged) || page.recurs.iter().any(|r| r.id == page.id);
        let case = if merged { page.source.as_str() } else { page.id.as_str() };
        out.push_str(&format!("  recurring: {case} looks like {}\n", like.join(", ")));
    }
    out
}

/// `pages: N written, N unchanged, N skipped[, N repeated cases merged]`.
fn page_totals(report: &ImportReport, dry_run: bool) -> String {
    let written = report.count(WriteOutcome::Created) + report.count(WriteOutcome::Updated);
    let mut out = format!(
        "pages: {written} {}, {} unchanged, {} skipped",
        if dry_run { "to write (dry run, nothing written)" } else { "written" },
        report.count(WriteOutcome::Unchanged),
        report.count(WriteOutcome::SkippedEdited),
    );
    let merged = report.count(WriteOutcome::Merged);
    if merged > 0 {
        out.push_str(&format!(", {merged} repeated {} merged", plural(merged, "case", "cases")));
    }
    out.push('\n');
    out
}

/// What happened to book.toml: services added (or, on a dry run, the TOML that would be), or,
/// when it was left alone, the TOML to add by hand.
fn new_services_summary(new: &crate::minutes::NewServices, dry_run: bool, kept: bool) -> String {
    let n = new.added.len();
    let services = plural(n, "service", "services");
    let names = new.added.iter().map(|s| s.name.as_str()).collect::<Vec<_>>().join(", ");
    let file = crate::diagnostics::display_path(&new.path);
    let head = match (new.edited, dry_run) {
        (true, false) => return format!("added {n} {services} to {file}: {names}\n"),
        (true, true) => format!("would add {n} {services} to {file} (dry run, not changed): {names}"),
        (false, _) if kept => {
            format!("{file} left as it is (--no-config-edit); {n} {services} to add by hand: {names}")
        }
        (false, _) => format!("{file} was not changed; {n} {services} to add by hand: {names}"),
    };
    let snippet: String =
        new.snippet.lines().map(|line| format!("  + {line}").trim_end().to_string() + "\n").collect();
    format!("{head}\n{snippet}")
}

fn plural<'a>(n: usize, one: &'a str, many: &'a str) -> &'a str {
    if n == 1 { one } else { many }
}
