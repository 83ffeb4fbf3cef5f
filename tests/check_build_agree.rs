//! `check` and `build` never disagree: on every fixture site of tests/fixtures/check/, every
//! problem `faqbook check` reports is printed by `faqbook build` with the same location,
//! severity, code and message (so an error fails the build and a warning warns), build prints
//! nothing check missed, and both exit with the same status.

mod common;

use common::site_test::{SiteTest, code_of, stderr_of, stdout_of};

const FIXTURES: &str = "tests/fixtures/check";

/// The `path:line:col: severity: message [code]` lines of `faqbook check --format json`, with
/// its exit status. Runs without `--today`, like `build`, so both measure staleness from today.
fn check_lines(site: &SiteTest) -> (Vec<String>, i32) {
    let assert = site.run(["check", "--format", "json"]);
    let report: serde_json::Value = serde_json::from_str(&stdout_of(&assert)).unwrap();
    let lines = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            format!(
                "{}:{}:{}: {}: {} [{}]",
                d["path"].as_str().unwrap(),
                d["line"],
                d["column"],
                d["severity"].as_str().unwrap(),
                d["message"].as_str().unwrap(),
                d["code"].as_str().unwrap()
            )
        })
        .collect();
    (lines, code_of(&assert))
}

/// The diagnostic lines `faqbook build` prints (other lines are its summary), with its exit
/// status. The output goes into the copy of the fixture, never into the fixture.
fn build_lines(site: &SiteTest) -> (Vec<String>, i32) {
    let assert = site.build();
    let mut lines: Vec<String> = stderr_of(&assert)
        .lines()
        .filter(|l| l.ends_with(']') && (l.contains(": error: ") || l.contains(": warning: ")))
        .map(str::to_string)
        .collect();
    lines.sort();
    (lines, code_of(&assert))
}

/// The fixture names under [`FIXTURES`], sorted.
fn fixture_sites() -> Vec<String> {
    let root = common::repo_root().join(FIXTURES);
    let mut sites: Vec<String> = std::fs::read_dir(&root)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    sites.sort();
    sites
}

#[test]
fn every_problem_check_reports_makes_build_fail_or_warn_the_same_way() {
    let sites = fixture_sites();
    assert!(sites.len() >= 20, "fixtures not found under {FIXTURES}");
    let mut disagreements = Vec::new();
    for name in &sites {
        let site = SiteTest::fixture(&format!("check/{name}"));
        let (mut from_check, check_status) = check_lines(&site);
        let (from_build, build_status) = build_lines(&site);
        from_check.sort();
        if from_check != from_build || check_status != build_status {
            disagreements.push(format!(
                "{name}: check (exit {check_status}):\n  {}\nbuild (exit {build_status}):\n  {}",
                from_check.join("\n  "),
                from_build.join("\n  ")
            ));
        }
    }
    assert!(disagreements.is_empty(), "check and build disagree:\n{}", disagreements.join("\n\n"));
}
