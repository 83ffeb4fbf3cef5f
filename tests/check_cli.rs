//! `faqbook check` through the real binary, one fixture site per problem under
//! tests/fixtures/check/<case>/ (shared with the build tests), copied by the `SiteTest` harness:
//! the exact diagnostic line (path, line, column, code), the summary and the exit status.

mod common;

use common::site_test::{SiteTest, code_of, stdout_of};

/// `faqbook check ARGS` on a copy of the fixture `check/<case>` (paths print as
/// `site/content/…`), on a fixed day unless ARGS give `--today`: stdout and the exit status.
fn check(case: &str, args: &[&str]) -> (String, i32) {
    check_site(&SiteTest::fixture(&format!("check/{case}")), args)
}

fn check_site(site: &SiteTest, args: &[&str]) -> (String, i32) {
    let today: &[&str] = if args.contains(&"--today") { &[] } else { &["--today", "2026-03-31"] };
    let assert = site.command().arg("check").args(today).args(args).env("NO_COLOR", "1").assert();
    (stdout_of(&assert), code_of(&assert))
}

/// Asserts the whole human output (every diagnostic line plus the summary) and the exit status.
fn assert_check(case: &str, args: &[&str], expected: &str, status: i32) {
    let (stdout, code) = check(case, args);
    assert_eq!(stdout, expected, "stdout of `faqbook check {}` in {case}", args.join(" "));
    assert_eq!(code, status, "exit status in {case}; stdout:\n{stdout}");
}

/// For messages that hold a machine-specific part (an absolute path, a parser's wording): the
/// output starts with `head` (location, severity, message start) and ends with `tail` (code and
/// summary).
fn assert_output_between(output: (String, i32), head: &str, tail: &str, status: i32) {
    let (stdout, code) = output;
    assert!(stdout.starts_with(head), "expected to start with {head:?}:\n{stdout}");
    assert!(stdout.ends_with(tail), "expected to end with {tail:?}:\n{stdout}");
    assert_eq!(code, status, "exit status; stdout:\n{stdout}");
}

#[test]
fn clean_site_exits_0() {
    assert_check("clean", &[], "no problems in 1 page\n", 0);
}

#[test]
fn yaml_syntax_error_is_located_in_the_file() {
    assert_check(
        "yaml-syntax",
        &[],
        "site/content/faq.md:6:7: error: front matter is not valid YAML: did not find expected ',' or ']' [FB005]\n\
         1 error, 0 warnings in 1 page\n",
        1,
    );
}

#[test]
fn missing_required_key() {
    assert_check(
        "missing-key",
        &[],
        "site/content/faq.md:1:1: error: missing required front-matter key `title` [FB007]\n\
         1 error, 0 warnings in 1 page\n",
        1,
    );
}

#[test]
fn unknown_front_matter_key() {
    assert_output_between(
        check("unknown-key", &[]),
        "site/content/faq.md:9:1: error: unknown front-matter key `author` (known keys: id, ",
        "[FB006]\n1 error, 0 warnings in 1 page\n",
        1,
    );
}

#[test]
fn wrong_type() {
    assert_check(
        "wrong-type",
        &[],
        "site/content/faq.md:8:1: error: `reviewed` must be true or false [FB008]\n\
         1 error, 0 warnings in 1 page\n",
        1,
    );
}

#[test]
fn unknown_status() {
    assert_check(
        "unknown-status",
        &[],
        "site/content/faq.md:6:1: error: unknown status `done`: use resolved, escalated, unresolved or unknown [FB009]\n\
         1 error, 0 warnings in 1 page\n",
        1,
    );
}

#[test]
fn unknown_service() {
    assert_check(
        "unknown-service",
        &[],
        "site/content/faq.md:4:1: error: service `Moodle` is not configured in book.toml (known: UTokyo Account) [FB010]\n\
         1 error, 0 warnings in 1 page\n",
        1,
    );
}

#[test]
fn path_like_id() {
    assert_check(
        "bad-id",
        &[],
        "site/content/faq.md:2:1: error: id `../outside` must be 1-100 characters of a-z, 0-9, `-` or `_` \
         (it becomes a file name) [FB011]\n\
         1 error, 0 warnings in 1 page\n",
        1,
    );
}

#[test]
fn duplicate_id_names_both_files() {
    assert_check(
        "duplicate-id",
        &[],
        "site/content/b.md:2:1: error: id `utokyo-account-0001` is also used by site/content/a.md [FB012]\n\
         1 error, 0 warnings in 2 pages\n",
        1,
    );
}

#[test]
fn bad_date() {
    assert_check(
        "bad-date",
        &[],
        "site/content/faq.md:7:1: error: `date: 2025-13-01` is not a date (YYYY-MM-DD) [FB013]\n\
         1 error, 0 warnings in 1 page\n",
        1,
    );
}

#[test]
fn unknown_tag_is_a_warning_and_an_error_under_strict() {
    let line = "site/content/faq.md:5:1: {}: tag `未登録タグ` is not in the [[tags]] vocabulary of book.toml [FB014]\n";
    assert_check(
        "unknown-tag",
        &[],
        &format!("{}0 errors, 1 warning in 1 page\n", line.replace("{}", "warning")),
        0,
    );
    assert_check(
        "unknown-tag",
        &["--strict"],
        &format!("{}1 error, 0 warnings in 1 page\n", line.replace("{}", "error")),
        1,
    );
}

#[test]
fn shift_jis_page_is_located_at_the_first_bad_byte() {
    assert_check(
        "not-utf8",
        &[],
        "site/content/faq.md:17:4: error: not valid UTF-8; save the page as UTF-8 (faqbook import converts other \
         encodings) [FB002]\n\
         1 error, 0 warnings in 1 page\n",
        1,
    );
}

#[test]
fn binary_page() {
    assert_check(
        "binary",
        &[],
        "site/content/faq.md:18:1: error: binary file (contains a NUL byte); pages must be UTF-8 text [FB002]\n\
         1 error, 0 warnings in 1 page\n",
        1,
    );
}

#[test]
fn empty_file() {
    assert_check(
        "empty-file",
        &[],
        "site/content/faq.md:1:1: error: empty page: it needs front matter and a body [FB003]\n\
         1 error, 0 warnings in 1 page\n",
        1,
    );
}

#[test]
fn front_matter_without_body() {
    assert_check(
        "empty-body",
        &[],
        "site/content/faq.md:10:1: error: page has no content below its front matter [FB040]\n\
         1 error, 0 warnings in 1 page\n",
        1,
    );
}

#[test]
fn empty_section() {
    assert_check(
        "empty-section",
        &[],
        "site/content/faq.md:15:1: error: section `経過` is empty: write its content or remove the heading [FB041]\n\
         1 error, 0 warnings in 1 page\n",
        1,
    );
}

#[test]
fn page_without_inquiry_section_is_a_warning() {
    assert_check(
        "no-inquiry",
        &[],
        "site/content/faq.md:10:1: warning: page has no inquiry section (a `## 問い合わせ` or `## Question` heading) \
         [FB042]\n\
         0 errors, 1 warning in 1 page\n",
        0,
    );
}

#[test]
fn raw_html_is_located_at_its_column_in_the_file() {
    assert_check(
        "raw-html",
        &[],
        "site/content/faq.md:13:30: warning: raw HTML `<b>` is shown as text because [build] allow-html is off in \
         book.toml [FB043]\n\
         0 errors, 1 warning in 1 page\n",
        0,
    );
}

#[test]
fn unreviewed_page_warns_and_strict_blocks_it() {
    let message = "site/content/faq.md:8:1: {}: page is not reviewed yet (`reviewed: false`); set `reviewed: true` \
                   once someone has checked it [FB044]\n";
    assert_check(
        "unreviewed",
        &[],
        &format!("{}0 errors, 1 warning in 1 page\n", message.replace("{}", "warning")),
        0,
    );
    assert_check(
        "unreviewed",
        &["--strict"],
        &format!("{}1 error, 0 warnings in 1 page\n", message.replace("{}", "error")),
        1,
    );
}

#[test]
fn stale_page_is_measured_from_today() {
    assert_check(
        "stale",
        &[],
        "site/content/faq.md:7:1: warning: page date 2025-12-10 is 111 days old (more than [check] stale-after-days \
         = 90); check it is still true and update `date` [FB045]\n\
         0 errors, 1 warning in 1 page\n",
        0,
    );
    // 2026-03-10 is exactly 90 days after the page's date: not stale yet.
    assert_check("stale", &["--today", "2026-03-10"], "no problems in 1 page\n", 0);
}

#[test]
fn symlink_leaving_the_content_folder_is_an_error() {
    let site = SiteTest::fixture("check/clean");
    std::fs::write(site.beside("secret.md"), "---\ntitle: secret\n---\n").unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink("../../secret.md", site.site().join("content/leak.md")).unwrap();
    #[cfg(not(unix))]
    return;
    assert_output_between(
        check_site(&site, &[]),
        "site/content/leak.md:1:1: error: symlink points outside the content folder (to ",
        "[FB015]\n1 error, 0 warnings in 1 page\n",
        1,
    );
}

#[test]
fn book_toml_errors_are_diagnostics_and_exit_2() {
    assert_check(
        "bad-config",
        &[],
        "site/book.toml:4:1: error: unknown field `langauge`, expected one of `title`, `language`, `description` \
         [FB901]\n\
         1 error, 0 warnings in 0 pages\n",
        2,
    );
}

#[test]
fn book_toml_errors_are_json_too() {
    let (stdout, code) = check("bad-config", &["--format", "json"]);
    let value: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(value["diagnostics"][0]["code"], "FB901");
    assert_eq!(value["diagnostics"][0]["line"], 4);
    assert_eq!(code, 2);
}

#[test]
fn missing_content_folder_exits_2() {
    let (stdout, code) = check("no-content", &[]);
    assert!(stdout.starts_with("site/content:1:1: error: cannot open the content folder: "), "{stdout}");
    assert_eq!(code, 2);
}

#[test]
fn bad_today_is_a_usage_error() {
    let (_, code) = check("clean", &["--today", "31/03/2026"]);
    assert_eq!(code, 2);
}

#[test]
fn quiet_prints_errors_only_but_counts_everything() {
    assert_check(
        "json-report",
        &["--quiet"],
        "site/content/a.md:6:1: error: unknown status `done`: use resolved, escalated, unresolved or unknown [FB009]\n\
         1 error, 1 warning in 2 pages\n",
        1,
    );
}

#[test]
fn paths_are_relative_to_where_check_runs() {
    // The other tests run `--root site` from beside the site; run inside it, paths have no prefix.
    let site = SiteTest::fixture("check/unknown-status");
    let assert = site.run_inside(["check"]);
    let stdout = stdout_of(&assert);
    assert!(stdout.starts_with("content/faq.md:6:1: error: unknown status"), "{stdout}");
    assert_eq!(code_of(&assert), 1);
}

#[test]
fn json_report_snapshot() {
    // Run inside the site, so the golden holds the paths an author sees (`content/a.md`).
    let assert = SiteTest::fixture("check/json-report").run_inside([
        "check",
        "--today",
        "2026-03-31",
        "--format",
        "json",
    ]);
    let (stdout, code) = (stdout_of(&assert), code_of(&assert));
    assert_eq!(code, 1);
    insta::assert_snapshot!(stdout);
}

#[test]
fn github_annotations() {
    assert_check(
        "json-report",
        &["--format", "github"],
        "::error file=site/content/a.md,line=6,col=1,title=FB009::unknown status `done`: use resolved, escalated, \
         unresolved or unknown\n\
         ::warning file=site/content/b.md,line=8,col=1,title=FB044::page is not reviewed yet (`reviewed: false`); \
         set `reviewed: true` once someone has checked it\n\
         1 error, 1 warning in 2 pages\n",
        1,
    );
}

#[test]
fn no_colour_when_stdout_is_not_a_terminal() {
    let site = SiteTest::fixture("check/unknown-status");
    let output = site.command().arg("check").env_remove("NO_COLOR").output().unwrap();
    assert!(!output.stdout.contains(&0x1b), "{:?}", String::from_utf8_lossy(&output.stdout));
}

#[test]
fn help_shows_an_example() {
    let stdout = stdout_of(&SiteTest::fixture("check/clean").run(["check", "--help"]));
    assert!(stdout.contains("faqbook check --format github --strict"), "{stdout}");
    assert!(stdout.contains("--today <YYYY-MM-DD>"), "{stdout}");
}

#[test]
fn broken_link_to_a_page() {
    assert_check(
        "broken-link",
        &[],
        "site/content/faq.md:17:27: error: link to a page that does not exist: `setup.md` (looked for content/setup.md) \
         [FB020]\n\
         1 error, 0 warnings in 1 page\n",
        1,
    );
}

#[test]
fn missing_anchor_is_an_error() {
    assert_check(
        "missing-anchor",
        &[],
        "site/content/faq.md:17:23: error: no heading with anchor `#問い合わせ内容` on this page [FB021]\n\
         1 error, 0 warnings in 1 page\n",
        1,
    );
}

#[test]
fn missing_image() {
    assert_check(
        "missing-image",
        &[],
        "site/content/faq.md:19:1: error: image not found: `img/settings.png` (looked for content/img/settings.png) \
         [FB022]\n\
         1 error, 0 warnings in 1 page\n",
        1,
    );
}

#[test]
fn theme_override_that_does_not_parse_is_located() {
    assert_output_between(
        check("template-syntax", &[]),
        "site/themes/default/templates/404.html:3:7: error: template `404.html`: ",
        "[FB030]\n1 error, 0 warnings in 1 page\n",
        1,
    );
}

#[test]
fn theme_override_using_an_unknown_variable_is_located() {
    assert_output_between(
        check("template-variable", &[]),
        "site/themes/default/templates/faq.html:5:11: error: template `faq.html`: Field `author` is not defined.",
        "[FB030]\n1 error, 0 warnings in 1 page\n",
        1,
    );
}

#[test]
fn missing_theme_folder_is_a_configuration_error() {
    assert_output_between(
        check("missing-theme", &[]),
        "site/book.toml:1:1: error: theme `corporate` not found",
        "[FB031]\n1 error, 0 warnings in 1 page\n",
        2,
    );
}

#[test]
fn link_to_a_page_with_front_matter_errors_reports_only_that_page() {
    assert_check(
        "link-to-invalid-page",
        &[],
        "site/content/b.md:6:1: error: unknown status `done`: use resolved, escalated, unresolved or unknown [FB009]\n\
         1 error, 0 warnings in 2 pages\n",
        1,
    );
}
