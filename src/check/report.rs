//! Report formats for diagnostics: human text, one JSON document, GitHub Actions annotations.
//!
//! Pure functions, diagnostics in and a `String` out; the CLI decides where it goes and whether
//! colour is wanted (only on a terminal, never with `NO_COLOR`). Every format lists every
//! problem, sorted by path and position, then the summary.

use crate::controls::escape_for_terminal;
use std::fmt;

use anstyle::{AnsiColor, Style};

use crate::diagnostics::{Diagnostic, Severity, display_path, sort_diagnostics};

/// Counts shown after the list of problems.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct Summary {
    pub errors: usize,
    pub warnings: usize,
    pub pages: usize,
}

impl Summary {
    pub fn of(diagnostics: &[Diagnostic], pages: usize) -> Summary {
        let errors = diagnostics.iter().filter(|d| d.is_error()).count();
        Summary { errors, warnings: diagnostics.len() - errors, pages }
    }
}

impl fmt::Display for Summary {
    /// `3 errors, 2 warnings in 41 pages`, or `no problems in 41 pages`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let pages = plural(self.pages, "page");
        if self.errors == 0 && self.warnings == 0 {
            write!(f, "no problems in {pages}")
        } else {
            write!(f, "{}, {} in {pages}", plural(self.errors, "error"), plural(self.warnings, "warning"))
        }
    }
}

fn plural(count: usize, noun: &str) -> String {
    if count == 1 { format!("1 {noun}") } else { format!("{count} {noun}s") }
}

fn sorted(diagnostics: &[Diagnostic]) -> Vec<Diagnostic> {
    let mut sorted = diagnostics.to_vec();
    sort_diagnostics(&mut sorted);
    sorted
}

/// `path:line:col: error|warning: message [CODE]` per problem, then the summary line.
pub fn human(diagnostics: &[Diagnostic], summary: &Summary, colour: bool) -> String {
    let mut out = String::new();
    for d in sorted(diagnostics) {
        if colour {
            let severity = match d.severity {
                Severity::Error => Style::new().bold().fg_color(Some(AnsiColor::Red.into())),
                Severity::Warning => Style::new().bold().fg_color(Some(AnsiColor::Yellow.into())),
            };
            let bold = Style::new().bold();
            out.push_str(&format!(
                "{bold}{}{bold:#}: {severity}{}{severity:#}: {} [{}]\n",
                escape_for_terminal(&d.location()),
                d.severity,
                escape_for_terminal(&d.message),
                d.code
            ));
        } else {
            out.push_str(&format!("{d}\n"));
        }
    }
    out.push_str(&summary.to_string());
    out.push('\n');
    out
}

#[derive(serde::Serialize)]
struct JsonDiagnostic<'a> {
    path: String,
    line: usize,
    column: usize,
    severity: Severity,
    code: &'a str,
    message: &'a str,
}

#[derive(serde::Serialize)]
struct JsonReport<'a> {
    diagnostics: Vec<JsonDiagnostic<'a>>,
    summary: &'a Summary,
}

/// One JSON document: `{"diagnostics": [{path, line, column, severity, code, message}], "summary":
/// {errors, warnings, pages}}`. Lines and columns are 1-based, as in the human format.
pub fn json(diagnostics: &[Diagnostic], summary: &Summary) -> Result<String, serde_json::Error> {
    let sorted = sorted(diagnostics);
    let report = JsonReport {
        diagnostics: sorted
            .iter()
            .map(|d| JsonDiagnostic {
                path: display_path(&d.path),
                line: d.line.max(1),
                column: d.col.max(1),
                severity: d.severity,
                code: d.code.as_str(),
                message: &d.message,
            })
            .collect(),
        summary,
    };
    let mut out = serde_json::to_string_pretty(&report)?;
    out.push('\n');
    Ok(out)
}

/// GitHub Actions workflow commands, one per problem:
/// `::error file=content/a.md,line=3,col=9,title=FB009::message`, then the summary as a plain
/// log line.
pub fn github(diagnostics: &[Diagnostic], summary: &Summary) -> String {
    let mut out = String::new();
    for d in sorted(diagnostics) {
        let command = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        out.push_str(&format!(
            "::{command} file={},line={},col={},title={}::{}\n",
            escape_property(&display_path(&d.path)),
            d.line.max(1),
            d.col.max(1),
            escape_property(d.code.as_str()),
            escape_data(&d.message)
        ));
    }
    out.push_str(&summary.to_string());
    out.push('\n');
    out
}

/// Escaping of a workflow command's message, as the Actions toolkit does it.
fn escape_data(text: &str) -> String {
    escape_for_terminal(&text.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")).into_owned()
}

/// Escaping of a workflow command's property value (`file=…`): the data escapes plus the
/// separators `:` and `,`.
fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::codes;

    fn sample() -> Vec<Diagnostic> {
        vec![
            Diagnostic::warning(codes::UNREVIEWED, "./content/b.md", 7, 1, "not reviewed"),
            Diagnostic::error(codes::UNKNOWN_STATUS, "./content/a.md", 6, 9, "unknown status `done`"),
        ]
    }

    #[test]
    fn summary_counts_and_pluralises() {
        assert_eq!(Summary::of(&sample(), 41).to_string(), "1 error, 1 warning in 41 pages");
        assert_eq!(
            Summary { errors: 3, warnings: 0, pages: 1 }.to_string(),
            "3 errors, 0 warnings in 1 page"
        );
        assert_eq!(Summary::of(&[], 2).to_string(), "no problems in 2 pages");
    }

    #[test]
    fn human_lines_match_the_diagnostic_display_and_are_sorted() {
        let text = human(&sample(), &Summary::of(&sample(), 2), false);
        assert_eq!(
            text,
            format!(
                "content/a.md:6:9: error: unknown status `done` [FB009]\n{}\n1 error, 1 warning in 2 pages\n",
                sample()[0]
            ),
            "without colour the human format is exactly Diagnostic's Display"
        );
    }

    #[test]
    fn human_colour_wraps_severity_in_ansi_codes() {
        let text = human(&sample(), &Summary::of(&sample(), 2), true);
        let first = text.lines().next().unwrap();
        assert_eq!(
            first,
            "\u{1b}[1mcontent/a.md:6:9\u{1b}[0m: \u{1b}[1m\u{1b}[31merror\u{1b}[0m: unknown status `done` [FB009]"
        );
        assert!(!human(&sample(), &Summary::of(&sample(), 2), false).contains('\u{1b}'));
    }

    #[test]
    fn json_is_one_document_with_every_field() {
        let value: serde_json::Value =
            serde_json::from_str(&json(&sample(), &Summary::of(&sample(), 2)).unwrap()).unwrap();
        assert_eq!(value["diagnostics"][0]["path"], "content/a.md");
        assert_eq!(value["diagnostics"][0]["column"], 9);
        assert_eq!(value["diagnostics"][0]["severity"], "error");
        assert_eq!(value["diagnostics"][0]["code"], "FB009");
        assert_eq!(value["diagnostics"][1]["severity"], "warning");
        assert_eq!(value["summary"]["errors"], 1);
        assert_eq!(value["summary"]["pages"], 2);
    }

    #[test]
    fn github_annotations_escape_per_the_actions_spec() {
        let d = [Diagnostic::error(codes::YAML_SYNTAX, "content/a,b:c.md", 0, 0, "100% bad\r\nnext: line")];
        let text = github(&d, &Summary::of(&d, 1));
        assert_eq!(
            text,
            "::error file=content/a%2Cb%3Ac.md,line=1,col=1,title=FB005::100%25 bad%0D%0Anext: line\n\
             1 error, 0 warnings in 1 page\n"
        );
    }

    proptest::proptest! {
        /// Whatever a message or path holds, each annotation stays one line and JSON parses back.
        #[test]
        fn any_text_keeps_one_annotation_per_line(path in "\\PC{0,20}", message in "\\PC{0,40}|[\r\n%:,]{0,10}") {
            let d = [Diagnostic::error(codes::BAD_ID, path.as_str(), 2, 3, message.clone())];
            let summary = Summary::of(&d, 1);
            let text = github(&d, &summary);
            proptest::prop_assert_eq!(text.lines().count(), 2, "{:?}", text);
            proptest::prop_assert!(!text.contains('\r'));
            let value: serde_json::Value = serde_json::from_str(&json(&d, &summary).unwrap()).unwrap();
            proptest::prop_assert_eq!(value["diagnostics"][0]["message"].as_str(), Some(message.as_str()));
        }
    }
}
