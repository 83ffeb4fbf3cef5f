//! Cases to pages: a unique id for each case (in input order), the earlier pages it repeats,
//! and the write — or, with `--merge`, the append to the page it repeats.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::write::{self, WriteOutcome};
use super::{ImportOptions, ImportReport, PageReport, PreparedCase, codes, recur};
use crate::config::Config;
use crate::diagnostics::Diagnostic;

/// Gives every case a unique id (in input order, so ids never depend on timing), marks cases that
/// repeat earlier pages, and writes (or merges) the pages.
pub(super) fn write_pages(
    config: &Config,
    options: &ImportOptions,
    mut prepared: Vec<PreparedCase>,
    report: &mut ImportReport,
) {
    assign_ids(&mut prepared, &mut report.diagnostics);
    let recurrences = recurrences(config, &prepared);
    let mut merges = Vec::new();
    for (mut case, found) in prepared.into_iter().zip(recurrences) {
        case.page.recurs = found.iter().map(|r| r.id.clone()).collect();
        if options.merge && !found.is_empty() {
            merges.push((case, found));
        } else {
            write_case(config, options, &case, found, report);
        }
    }
    // Merges last: the page a case repeats may come from this same import.
    for (case, found) in merges {
        merge_case(config, options, case, found, report);
    }
}

fn assign_ids(prepared: &mut [PreparedCase], diagnostics: &mut Vec<Diagnostic>) {
    let mut first_with_id: BTreeMap<String, (PathBuf, usize)> = BTreeMap::new();
    for case in prepared.iter_mut() {
        let mut id = case.id_base.clone();
        let mut n = 1;
        while first_with_id.contains_key(&id) {
            n += 1;
            id = format!("{}-{n}", case.id_base);
        }
        if n > 1
            && let Some((path, line)) = first_with_id.get(&case.id_base)
        {
            diagnostics.push(Diagnostic::warning(
                codes::DUPLICATE_CASE,
                &case.path,
                case.line,
                1,
                format!(
                    "same inquiry as the case at {}:{line}; written as a separate page `{id}`",
                    path.display()
                ),
            ));
        }
        first_with_id.insert(id.clone(), (case.path.clone(), case.line));
        case.page.id = id;
    }
}

/// The minutes file of a `source` value (`minutes/a.txt:3-9` → `minutes/a.txt`).
fn source_file(source: &str) -> &str {
    source.rsplit_once(':').map_or(source, |(file, _)| file)
}

/// For each case, the earlier pages (on disk or in this import) it repeats.
fn recurrences(config: &Config, prepared: &[PreparedCase]) -> Vec<Vec<recur::Repeat>> {
    let run_ids: std::collections::HashSet<&str> = prepared.iter().map(|c| c.page.id.as_str()).collect();
    // Pages this import rewrites are compared in their new form only.
    let existing: Vec<crate::content::Page> = crate::content::load_site(config)
        .pages
        .into_iter()
        .filter(|p| !run_ids.contains(p.front.id.as_str()))
        .collect();
    let pages: Vec<recur::Candidate> = existing
        .iter()
        .map(|p| recur::Candidate {
            id: &p.front.id,
            service: &p.front.service,
            date: p.front.date,
            document: crate::similar::page_document(p),
            file: source_file(p.front.source.as_deref().unwrap_or_default()),
            input: None,
            recurs: &p.front.recurs,
        })
        .collect();
    // Input files in the order given (and walked), for "earlier file in this import".
    let mut inputs: Vec<&Path> = Vec::new();
    for case in prepared {
        if !inputs.contains(&case.path.as_path()) {
            inputs.push(&case.path);
        }
    }
    let inquiries: Vec<String> = prepared.iter().map(|c| c.page.inquiry.join("\n")).collect();
    let cases: Vec<recur::Candidate> = prepared
        .iter()
        .zip(&inquiries)
        .map(|(c, inquiry)| recur::Candidate {
            id: &c.page.id,
            service: &c.page.service,
            date: c.page.date,
            document: crate::similar::Document { title: &c.page.title, inquiry },
            file: source_file(&c.page.source),
            input: inputs.iter().position(|p| *p == c.path.as_path()),
            recurs: &[],
        })
        .collect();
    recur::find_recurrences(&pages, &cases, crate::similar::DEFAULT_THRESHOLD)
}

fn write_case(
    config: &Config,
    options: &ImportOptions,
    case: &PreparedCase,
    recurs: Vec<recur::Repeat>,
    report: &mut ImportReport,
) {
    let id = case.page.id.clone();
    let text = write::render_page(&case.page, config.book.language);
    let path = config.content_dir().join(format!("{id}.md"));
    // The next build would refuse the page (FB016): say so now, at the case's source line.
    if text.len() as u64 > crate::content::MAX_PAGE_BYTES {
        report.diagnostics.push(Diagnostic::error(
            codes::PAGE_TOO_LARGE,
            &case.path,
            case.line,
            1,
            format!(
                "this case would make a page of {:.1} MiB, over the {} MiB pages may have; {} was not written",
                text.len() as f64 / (1024.0 * 1024.0),
                crate::content::MAX_PAGE_BYTES / (1024 * 1024),
                crate::diagnostics::display_path(&path)
            ),
        ));
        return;
    }
    match write::write_page(&path, &text, options.force, options.dry_run) {
        Ok(outcome) => {
            if outcome == WriteOutcome::SkippedEdited {
                report.diagnostics.push(Diagnostic::warning(
                    codes::EDITED_PAGE,
                    &path,
                    1,
                    1,
                    "page was edited by hand since its import; not overwritten (use --force to replace it)",
                ));
            }
            report.pages.push(page_report(case, path, id, outcome, recurs));
        }
        Err(e) => report.diagnostics.push(Diagnostic::error(
            codes::WRITE_FAILED,
            &path,
            0,
            0,
            format!("cannot write page: {e}"),
        )),
    }
}

/// Appends the case to the page it repeats most closely. A page edited by hand is left alone:
/// the case gets its own page (with `recurs`) and a warning. A merged page no longer matches its
/// fingerprint, so later imports leave it alone too.
fn merge_case(
    config: &Config,
    options: &ImportOptions,
    case: PreparedCase,
    recurs: Vec<recur::Repeat>,
    report: &mut ImportReport,
) {
    let Some(target) = recurs.first().map(|r| r.id.clone()) else { return };
    let path = config.content_dir().join(format!("{target}.md"));
    // On a dry run the page may exist only as a page this import would write.
    let existing = std::fs::read_to_string(&path).ok().or_else(|| options.dry_run.then(String::new));
    let occurrence = recur::Occurrence {
        date: case.page.date,
        source: &case.page.source,
        inquiry: &case.page.inquiry,
        answers: case.page.answers.iter().flat_map(|a| a.lines.iter().cloned()).collect(),
    };
    let untouched = existing.as_deref().is_some_and(|t| t.is_empty() || write::fingerprint_matches(t));
    let merged = existing.as_deref().map(|t| recur::merge_into(t, &occurrence, config.book.language));
    let outcome = match merged {
        Some(None) => WriteOutcome::Unchanged,
        Some(Some(_)) if !untouched => {
            report.diagnostics.push(Diagnostic::warning(
                codes::MERGE_EDITED,
                &path,
                1,
                1,
                format!(
                    "`{target}` was changed since its import (by hand or by an earlier merge); the repeated case from {} was written as its own page `{}`",
                    case.page.source, case.page.id
                ),
            ));
            return write_case(config, options, &case, recurs, report);
        }
        Some(Some(text)) => {
            if !options.dry_run
                && let Err(e) = crate::files::write_atomically(&path, text.as_bytes())
            {
                report.diagnostics.push(Diagnostic::error(
                    codes::WRITE_FAILED,
                    &path,
                    0,
                    0,
                    format!("cannot write page: {e}"),
                ));
                return;
            }
            WriteOutcome::Merged
        }
        None => return write_case(config, options, &case, recurs, report),
    };
    report.pages.push(page_report(&case, path, target.clone(), outcome, recurs));
}

/// What the report says of a case written (or merged) as the page `id` at `path`.
fn page_report(
    case: &PreparedCase,
    path: PathBuf,
    id: String,
    outcome: WriteOutcome,
    recurs: Vec<recur::Repeat>,
) -> PageReport {
    PageReport {
        path,
        id,
        service: case.page.service.clone(),
        status: case.page.status,
        outcome,
        recurs,
        source: case.page.source.clone(),
        status_reason: case.page.status_reason.clone(),
    }
}
