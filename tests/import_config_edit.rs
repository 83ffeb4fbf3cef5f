//! `faqbook import` adds the services the minutes name to `book.toml` (issue 12): keeping the
//! file's comments and layout, one service per spelling (`Box (UTokyo Box)` / `Box`), nothing
//! twice on a re-run; `--dry-run` shows the change, `--no-config-edit` leaves the file alone and
//! prints the TOML to add. Fixture: `tests/fixtures/import-services/`.

mod import_common;

use std::fs;
use std::path::{Path, PathBuf};

use import_common::{faqbook, front_matter_value, pages, repo, stderr, stdout};

fn fixture() -> PathBuf {
    repo().join("tests/fixtures/import-services")
}

/// The fixture site (book.toml and both minutes files) in a temporary folder.
fn site() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    for file in ["book.toml", "2026-07-01.txt", "2026-07-15.txt"] {
        fs::copy(fixture().join(file), dir.path().join(file)).unwrap_or_else(|e| panic!("{e}"));
    }
    dir
}

fn book(site: &Path) -> String {
    fs::read_to_string(site.join("book.toml")).unwrap_or_else(|e| panic!("{e}"))
}

const INPUTS: [&str; 3] = ["import", "2026-07-01.txt", "2026-07-15.txt"];

#[test]
fn new_services_are_added_to_book_toml_once_keeping_its_comments() {
    let dir = site();
    let before = book(dir.path());
    let output = faqbook(dir.path(), &INPUTS);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(
        stdout(&output)
            .contains("added 3 services to book.toml: Box (UTokyo Box), 証明書発行システム, Garoon\n"),
        "{}",
        stdout(&output)
    );
    let after = book(dir.path());
    // The user's text is kept as it was, the services go after the last configured one.
    let tags_at = before.find("# Tags stay below").unwrap_or(0);
    assert!(after.starts_with(&before[..tags_at]), "{after}");
    assert!(after.ends_with(&before[tags_at..]), "{after}");
    assert!(
        after.contains(
            "[[services]]\nname = \"Box (UTokyo Box)\"\nslug = \"box-utokyo-box\"\naliases = [\"Box\"]\n"
        ),
        "{after}"
    );
    // Both spellings file their cases under one service.
    let services: Vec<String> = pages(dir.path())
        .iter()
        .map(|(_, p)| front_matter_value(p, "service").unwrap_or_default().trim_matches('"').to_string())
        .collect();
    assert_eq!(services.iter().filter(|s| s.as_str() == "Box (UTokyo Box)").count(), 2, "{services:?}");
    assert_eq!(services.len(), 6, "{services:?}");

    let again = faqbook(dir.path(), &INPUTS);
    assert_eq!(again.status.code(), Some(0), "{}", stderr(&again));
    assert!(!stdout(&again).contains("services to book.toml"), "{}", stdout(&again));
    assert!(stdout(&again).contains("pages: 0 written, 6 unchanged"), "{}", stdout(&again));
    assert_eq!(book(dir.path()), after, "a re-run adds nothing");
    let check = faqbook(dir.path(), &["check"]);
    assert_eq!(check.status.code(), Some(0), "{}{}", stdout(&check), stderr(&check));
}

#[test]
fn dry_run_shows_the_services_it_would_add_and_changes_nothing() {
    let dir = site();
    let before = book(dir.path());
    let output = faqbook(dir.path(), &["import", "--dry-run", "2026-07-01.txt", "2026-07-15.txt"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let out = stdout(&output);
    assert!(
        out.contains("would add 3 services to book.toml (dry run, not changed): Box (UTokyo Box)"),
        "{out}"
    );
    assert!(out.contains("  + [[services]]\n  + name = \"Garoon\"\n  + slug = \"garoon\"\n"), "{out}");
    assert_eq!(book(dir.path()), before);
    assert!(!dir.path().join("content").exists());
}

#[test]
fn no_config_edit_leaves_book_toml_alone_and_prints_the_toml_to_add() {
    let dir = site();
    let before = book(dir.path());
    let output = faqbook(dir.path(), &["import", "--no-config-edit", "2026-07-01.txt", "2026-07-15.txt"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let out = stdout(&output);
    assert!(out.contains("book.toml left as it is (--no-config-edit); 3 services to add by hand"), "{out}");
    assert!(out.contains("  + name = \"証明書発行システム\"\n"), "{out}");
    assert_eq!(book(dir.path()), before);
    assert_eq!(pages(dir.path()).len(), 6);
}

#[test]
fn a_site_without_book_toml_gets_one_and_builds() {
    let dir = site();
    fs::remove_file(dir.path().join("book.toml")).unwrap_or_else(|e| panic!("{e}"));
    let output = faqbook(dir.path(), &INPUTS);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(stdout(&output).contains("added 4 services to book.toml"), "{}", stdout(&output));
    let build = faqbook(dir.path(), &["build"]);
    assert_eq!(build.status.code(), Some(0), "{}", stderr(&build));
}

/// The first thing a new user does (issue 12): `faqbook init`, whose book.toml names a service
/// the minutes do not use, then import the example minutes: every case, the minutes' own
/// services added to book.toml, a site that builds, and a re-run that changes nothing.
#[test]
fn a_new_site_from_init_imports_the_example_minutes_with_their_services() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let init = faqbook(dir.path(), &["init", "site"]);
    assert_eq!(init.status.code(), Some(0), "{}", stderr(&init));
    let site = dir.path().join("site");
    let seeds = site.join("seeds");
    fs::create_dir_all(&seeds).unwrap_or_else(|e| panic!("{e}"));
    let seed = "000_a1af4038635e3c9d.txt";
    fs::copy(repo().join("seeds").join(seed), seeds.join(seed)).unwrap_or_else(|e| panic!("{e}"));
    let import = faqbook(&site, &["import", "seeds/"]);
    assert_eq!(import.status.code(), Some(0), "{}", stderr(&import));
    assert!(
        stdout(&import).contains(
            "added 3 services to book.toml: ECCSクラウドメール (Google Workspace), UTokyo Account, Microsoft 365 (Office)\n"
        ),
        "{}",
        stdout(&import)
    );
    let mut services: Vec<String> = pages(&site)
        .iter()
        .filter(|(_, p)| p.contains("import-fingerprint"))
        .map(|(_, p)| front_matter_value(p, "service").unwrap_or_default().trim_matches('"').to_string())
        .collect();
    assert_eq!(services.len(), 6, "{services:?}");
    services.sort();
    services.dedup();
    assert_eq!(
        services,
        ["ECCSクラウドメール (Google Workspace)", "Microsoft 365 (Office)", "UTokyo Account", "その他"]
    );
    let build = faqbook(&site, &["build"]);
    assert_eq!(build.status.code(), Some(0), "{}", stderr(&build));
    let again = faqbook(&site, &["import", "seeds/"]);
    assert!(stdout(&again).contains("pages: 0 written, 6 unchanged"), "{}", stdout(&again));
}
