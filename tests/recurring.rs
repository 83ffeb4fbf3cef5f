//! Recurring cases through the real binary: two meetings where the second repeats two cases of
//! the first in other words (tests/fixtures/recurring). Import marks both as recurring,
//! `similar` groups exactly those pairs, `import --merge` appends them to the earlier pages.

mod import_common;

use std::fs;
use std::path::Path;

use import_common::{copy_into, faqbook, repo, stderr, stdout};

/// The two repeated cases: (page of the second meeting, page of the first meeting it repeats).
const REPEATS: [(&str, &str); 2] = [
    ("eccs-cloud-mail-9c474e89", "eccs-cloud-mail-e96ff409"),
    ("utokyo-account-0fdc4e34", "utokyo-account-e7b8c4ed"),
];

/// A copy of the fixture site with the first meeting imported.
fn site_after_first_meeting() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let fixture = repo().join("tests/fixtures/recurring");
    copy_into(&fixture.join("book.toml"), dir.path());
    copy_into(&fixture.join("minutes"), dir.path());
    let first = faqbook(dir.path(), &["import", "minutes/2025-11-05.txt"]);
    assert!(first.status.success(), "{}", stderr(&first));
    assert!(!stdout(&first).contains("recurring"), "{}", stdout(&first));
    dir
}

fn page(site: &Path, id: &str) -> String {
    fs::read_to_string(site.join("content").join(format!("{id}.md"))).unwrap_or_else(|e| panic!("{id}: {e}"))
}

#[test]
fn import_reports_both_repeated_cases_and_writes_recurs() {
    let site = site_after_first_meeting();
    let second = faqbook(site.path(), &["import", "minutes/2025-11-19.txt"]);
    assert!(second.status.success(), "{}", stderr(&second));
    let out = stdout(&second);
    assert_eq!(out.matches("recurring: ").count(), 2, "{out}");
    for (new, old) in REPEATS {
        assert!(out.contains(&format!("recurring: {new} looks like {old} (0.")), "{out}");
        assert!(page(site.path(), new).contains(&format!("\nrecurs: [{old}]\n")));
    }
    // Idempotent: importing both meetings again changes nothing.
    let again = faqbook(site.path(), &["import", "minutes"]);
    assert!(stdout(&again).contains("pages: 0 written, 10 unchanged, 0 skipped"), "{}", stdout(&again));
}

#[test]
fn similar_groups_exactly_the_repeated_cases() {
    let site = site_after_first_meeting();
    let second = faqbook(site.path(), &["import", "minutes/2025-11-19.txt"]);
    assert!(second.status.success(), "{}", stderr(&second));
    let output = faqbook(site.path(), &["similar", "--format", "json"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let json: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap_or_else(|e| panic!("{e}"));
    let groups = json["groups"].as_array().cloned().unwrap_or_default();
    let mut found: Vec<Vec<String>> = groups
        .iter()
        .map(|g| {
            let ids = g["pages"].as_array().cloned().unwrap_or_default();
            let mut ids: Vec<String> =
                ids.iter().map(|p| p["id"].as_str().unwrap_or("").to_string()).collect();
            ids.sort();
            ids
        })
        .collect();
    found.sort();
    let mut expected: Vec<Vec<String>> =
        REPEATS.iter().map(|(a, b)| vec![b.to_string(), a.to_string()]).collect();
    for pair in &mut expected {
        pair.sort();
    }
    expected.sort();
    assert_eq!(found, expected);
    // Most similar first.
    let best: Vec<f64> = groups.iter().map(|g| g["best"].as_f64().unwrap_or(0.0)).collect();
    assert!(best.windows(2).all(|w| w[0] >= w[1]), "{best:?}");
    // A lower threshold finds more; the human format names the pages.
    let loose = faqbook(site.path(), &["similar", "--threshold", "0.15"]);
    assert!(stdout(&loose).contains("utokyo-account-e7b8c4ed"), "{}", stdout(&loose));
    let bad = faqbook(site.path(), &["similar", "--threshold", "2"]);
    assert_eq!(bad.status.code(), Some(2));
}

#[test]
fn merge_appends_repeated_cases_to_the_earlier_pages() {
    let site = site_after_first_meeting();
    let merged = faqbook(site.path(), &["import", "--merge", "minutes/2025-11-19.txt"]);
    assert!(merged.status.success(), "{}", stderr(&merged));
    let out = stdout(&merged);
    assert!(out.contains("pages: 3 written, 0 unchanged, 0 skipped, 2 repeated cases merged"), "{out}");
    for (new, old) in REPEATS {
        assert!(!site.path().join("content").join(format!("{new}.md")).exists(), "{new} written");
        let text = page(site.path(), old);
        assert!(text.contains("## 経過\n\n**再び問い合わせ (2025-11-19, minutes/2025-11-19.txt:"), "{text}");
    }
    // Merging the same minutes again adds nothing.
    let before = page(site.path(), REPEATS[0].1);
    let again = faqbook(site.path(), &["import", "--merge", "minutes/2025-11-19.txt"]);
    assert!(stdout(&again).contains("pages: 0 written, 5 unchanged, 0 skipped"), "{}", stdout(&again));
    assert_eq!(page(site.path(), REPEATS[0].1), before);
}

#[test]
fn merge_leaves_a_page_edited_by_hand_alone() {
    let site = site_after_first_meeting();
    let (new, old) = REPEATS[0];
    let path = site.path().join("content").join(format!("{old}.md"));
    let edited = page(site.path(), old).replace("reviewed: false", "reviewed: true");
    fs::write(&path, &edited).unwrap_or_else(|e| panic!("{e}"));
    let merged = faqbook(site.path(), &["import", "--merge", "minutes/2025-11-19.txt"]);
    assert!(merged.status.success(), "{}", stderr(&merged));
    assert!(stderr(&merged).contains("[FB060]"), "{}", stderr(&merged));
    assert_eq!(page(site.path(), old), edited);
    assert!(page(site.path(), new).contains(&format!("\nrecurs: [{old}]\n")));
}

/// The built page of `id`, and the home page.
fn build(site: &Path, id: &str) -> (String, String) {
    let built = faqbook(site, &["build"]);
    assert!(built.status.success(), "{}", stderr(&built));
    let read =
        |file: &str| fs::read_to_string(site.join("public").join(file)).unwrap_or_else(|e| panic!("{e}"));
    (read(&format!("faq/{id}.html")), read("index.html"))
}

#[test]
fn pages_show_how_often_their_question_was_asked() {
    for merge in [false, true] {
        let site = site_after_first_meeting();
        let args: &[&str] = if merge {
            &["import", "--merge", "minutes/2025-11-19.txt"]
        } else {
            &["import", "minutes/2025-11-19.txt"]
        };
        assert!(faqbook(site.path(), args).status.success());
        let (old, home) = build(site.path(), REPEATS[0].1);
        assert!(
            old.contains("問い合わせ 2 回</dt><dd><time datetime=\"2025-11-05\">2025-11-05</time>, <time datetime=\"2025-11-19\">2025-11-19</time></dd>"),
            "merge = {merge}: {old}"
        );
        let most = &home[home.find("most-asked-heading").unwrap_or_else(|| panic!("no most asked"))..];
        let most = &most[..most.find("</section>").unwrap_or(most.len())];
        for (_, old) in REPEATS {
            assert!(most.contains(&format!("faq/{old}.html")), "merge = {merge}: {most}");
        }
    }
}

/// The two meetings under names without a date (as exported minutes often are).
fn undated_site() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let fixture = repo().join("tests/fixtures/recurring");
    copy_into(&fixture.join("book.toml"), dir.path());
    fs::create_dir_all(dir.path().join("minutes")).unwrap_or_else(|e| panic!("{e}"));
    for (from, to) in [("2025-11-05.txt", "000_a1af40.txt"), ("2025-11-19.txt", "001_9c3e77.txt")] {
        fs::copy(fixture.join("minutes").join(from), dir.path().join("minutes").join(to))
            .unwrap_or_else(|e| panic!("{e}"));
    }
    dir
}

#[test]
fn undated_minutes_imported_one_after_the_other_recur() {
    let site = undated_site();
    let first = faqbook(site.path(), &["import", "minutes/000_a1af40.txt"]);
    assert!(first.status.success() && !stdout(&first).contains("recurring"), "{}", stdout(&first));
    let second = faqbook(site.path(), &["import", "minutes/001_9c3e77.txt"]);
    let out = stdout(&second);
    assert_eq!(out.matches("recurring: ").count(), 2, "{out}");
    for (new, old) in REPEATS {
        assert!(out.contains(&format!("recurring: {new} looks like {old} (0.")), "{out}");
        assert!(out.contains("no date; imported before from another file"), "{out}");
        assert!(page(site.path(), new).contains(&format!("\nrecurs: [{old}]\n")));
    }
    // Re-running either import, or both, changes nothing: the later pages stay the later ones.
    for args in [
        &["import", "minutes/000_a1af40.txt"][..],
        &["import", "minutes/001_9c3e77.txt"],
        &["import", "minutes"],
    ] {
        let again = faqbook(site.path(), args);
        assert!(stdout(&again).contains(" 0 written,"), "{args:?}: {}", stdout(&again));
    }
}

#[test]
fn undated_minutes_in_one_import_recur_by_file_order() {
    let site = undated_site();
    let both = faqbook(site.path(), &["import", "minutes"]);
    let out = stdout(&both);
    assert_eq!(out.matches("recurring: ").count(), 2, "{out}");
    assert!(out.contains("no date; earlier file in this import"), "{out}");
    let again = faqbook(site.path(), &["import", "minutes"]);
    assert!(stdout(&again).contains(" 0 written,"), "{}", stdout(&again));
}
