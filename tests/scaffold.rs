//! `faqbook init`, `faqbook new` and the CLI polish (completions, man page, help, version),
//! through the real binary in temporary folders.

use std::path::Path;

use assert_cmd::Command;
use faqbook::config::Config;
use faqbook::content::load_site;
use predicates::prelude::*;

fn faqbook() -> Command {
    Command::cargo_bin("faqbook").unwrap_or_else(|e| panic!("faqbook binary: {e}"))
}

/// Loads the site the way build and check do and asserts it has no problem at all.
fn assert_loads_cleanly(root: &Path) -> faqbook::content::LoadedSite {
    let config = Config::load(root).unwrap_or_else(|e| panic!("{e}"));
    let site = load_site(&config);
    assert!(site.diagnostics.is_empty(), "{:#?}", site.diagnostics);
    site
}

#[test]
fn init_creates_a_site_that_loads_cleanly_and_says_what_to_do_next() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("my-faq");
    faqbook()
        .args(["init", root.to_str().unwrap()])
        .assert()
        .success()
        .stdout(predicate::str::contains("book.toml"))
        .stdout(predicate::str::contains(format!("faqbook serve --root {}", root.display())))
        .stdout(predicate::str::contains(format!("faqbook build --root {}", root.display())));
    assert!(root.join("seeds").is_dir());
    assert!(std::fs::read_to_string(root.join(".gitignore")).unwrap().contains("/public/"));
    let site = assert_loads_cleanly(&root);
    assert_eq!(site.pages.len(), 1);
    assert!(site.pages[0].body.contains("## 問い合わせ"), "Japanese is the default language");
}

#[test]
fn init_in_english_uses_english_headings() {
    let dir = tempfile::tempdir().unwrap();
    faqbook().args(["init", "--language", "en", "--root"]).arg(dir.path()).assert().success();
    let site = assert_loads_cleanly(dir.path());
    assert!(site.pages[0].body.contains("## Question") && site.pages[0].body.contains("## Follow-up"));
}

#[test]
fn init_refuses_to_overwrite_and_names_every_existing_file() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("book.toml"), "# mine\n").unwrap();
    std::fs::write(dir.path().join(".gitignore"), "mine\n").unwrap();
    faqbook()
        .arg("init")
        .arg(dir.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("book.toml").and(predicate::str::contains(".gitignore")))
        .stdout("");
    assert_eq!(std::fs::read_to_string(dir.path().join("book.toml")).unwrap(), "# mine\n");
    assert!(!dir.path().join("content").exists(), "nothing was written");
}

#[test]
fn quiet_init_prints_nothing() {
    let dir = tempfile::tempdir().unwrap();
    faqbook().arg("init").arg(dir.path()).arg("-q").assert().success().stdout("").stderr("");
}

fn new_site() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    faqbook().args(["init", "-q", "--language", "en"]).arg(dir.path()).assert().success();
    dir
}

#[test]
fn new_writes_a_page_that_loads_cleanly_and_prints_its_path() {
    let dir = new_site();
    let output = faqbook()
        .args(["new", "--service", "mail", "--title", "Quota: mailbox full", "--tags", "Password, Quota"])
        .arg("--root")
        .arg(dir.path())
        .assert()
        .success()
        .stderr(predicate::str::contains("tag `Quota` is not in the [[tags]] vocabulary"))
        .get_output()
        .stdout
        .clone();
    let printed = String::from_utf8(output).unwrap();
    let path = Path::new(printed.trim());
    assert!(path.is_file(), "printed path {printed:?} is not a file");
    let config = Config::load(dir.path()).unwrap();
    let site = load_site(&config);
    let page = site.pages.iter().find(|p| p.path.ends_with(path.file_name().unwrap())).unwrap();
    assert_eq!(page.front.title, "Quota: mailbox full");
    assert_eq!(page.front.service, "Email");
    assert_eq!(page.front.tags, ["Password", "Quota"]);
    assert!(page.front.id.starts_with("email-"), "{}", page.front.id);
    assert!(page.body.contains("## Question") && page.body.contains("## Notes from the meeting"));
    // The only problem is the tag outside the vocabulary, which `new` warned about.
    assert_eq!(site.diagnostics.len(), 1, "{:#?}", site.diagnostics);
}

#[test]
fn new_twice_with_the_same_title_gives_two_pages() {
    let dir = new_site();
    for _ in 0..2 {
        faqbook()
            .args(["new", "--service", "Email", "--title", "Same"])
            .arg("--root")
            .arg(dir.path())
            .assert()
            .success();
    }
    let site = assert_loads_cleanly(dir.path());
    assert_eq!(site.pages.len(), 3, "the example page and two new ones");
}

#[test]
fn new_refuses_an_unknown_service_naming_the_known_ones() {
    let dir = new_site();
    faqbook()
        .args(["new", "--service", "Moodle"])
        .arg("--root")
        .arg(dir.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("`Moodle`").and(predicate::str::contains("Email")));
}

#[test]
fn new_reports_a_broken_book_toml_with_its_line() {
    let dir = new_site();
    std::fs::write(dir.path().join("book.toml"), "[book]\ntitel = \"x\"\n").unwrap();
    faqbook()
        .args(["new", "--service", "Email"])
        .arg("--root")
        .arg(dir.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("book.toml:2:1: error"));
}

#[test]
fn completions_are_generated_for_each_shell() {
    for (shell, marker) in
        [("bash", "_faqbook()"), ("zsh", "#compdef faqbook"), ("fish", "complete -c faqbook")]
    {
        faqbook().args(["completions", shell]).assert().success().stdout(predicate::str::contains(marker));
    }
}

#[test]
fn man_page_goes_to_stdout_or_a_folder() {
    faqbook().arg("man").assert().success().stdout(predicate::str::contains(".TH faqbook"));
    let dir = tempfile::tempdir().unwrap();
    faqbook().args(["man", "-q", "--out-dir"]).arg(dir.path()).assert().success();
    assert!(dir.path().join("faqbook.1").is_file());
    assert!(dir.path().join("faqbook-init.1").is_file());
}

#[test]
fn version_and_every_subcommand_help_has_an_example() {
    faqbook().arg("--version").assert().success().stdout(predicate::str::starts_with("faqbook "));
    for sub in ["build", "serve", "init", "new", "completions", "man"] {
        faqbook().args([sub, "--help"]).assert().success().stdout(predicate::str::contains("Example"));
    }
}

#[test]
fn init_then_new_then_build_then_check_pass() {
    let dir = tempfile::tempdir().unwrap();
    faqbook().args(["init", "-q"]).arg(dir.path()).assert().success();
    let page = faqbook()
        .args(["new", "--service", "メール", "--title", "VPN に繋がらない", "--tags", "パスワード", "--root"])
        .arg(dir.path())
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let id =
        Path::new(String::from_utf8(page).unwrap().trim()).file_stem().unwrap().to_string_lossy().to_string();
    // Pages are `reviewed: false` until someone checks them: a warning, never an error.
    let no_error = || predicate::str::contains(": error:").not();
    faqbook().arg("build").arg("--root").arg(dir.path()).assert().success().stderr(no_error());
    faqbook()
        .arg("check")
        .arg("--root")
        .arg(dir.path())
        .assert()
        .success()
        .stdout(no_error())
        .stderr(no_error());
    let built = std::fs::read_to_string(dir.path().join("public/faq").join(format!("{id}.html"))).unwrap();
    assert!(built.contains("VPN に繋がらない"));
    assert!(!built.contains("__faqbook"), "build output never carries serve's reload script");
}
