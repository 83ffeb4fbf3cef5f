//! Minutes in styles the development set does not use (`tests/fixtures/minutes-unseen/`,
//! labelled, see its README), imported on a site that names no service: a check that the
//! importer's rules are general, not fitted to the development set. Figures are printed
//! (`cargo test --test import_unseen -- --nocapture`); the bars are the (every case,
//! every service and title; statuses all but one).

mod import_common;

use std::path::PathBuf;

use import_common::labelled::{expected, imported, report, score};
use import_common::{faqbook, repo, stderr};

const MINUTES: [&str; 2] = ["2026-08-05.txt", "weekly-notes-en.txt"];

fn set() -> PathBuf {
    repo().join("tests/fixtures/minutes-unseen")
}

#[test]
fn unseen_minutes_on_a_site_without_services() {
    let cases = expected(&set(), &MINUTES);
    assert_eq!(cases.len(), 11);
    let (dir, output) = imported(&set(), &MINUTES, "[book]\ntitle = \"t\"\nlanguage = \"ja\"\n");
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let score = score(dir.path(), &cases);
    report("minutes-unseen", "no services", &score, cases.len());
    assert_eq!(score.found, cases.len(), "every case in exactly one page");
    assert_eq!(score.services, cases.len(), "every service right");
    assert_eq!(score.titles, cases.len(), "every title holds its title_has");
    assert!(score.statuses + 1 >= cases.len(), "statuses right: {}/{}", score.statuses, cases.len());
    let build = faqbook(dir.path(), &["build"]);
    assert_eq!(build.status.code(), Some(0), "{}", stderr(&build));
}
