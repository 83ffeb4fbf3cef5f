//! `faqbook check`.

use std::io::{IsTerminal, Write};
use std::path::Path;
use std::process::ExitCode;

use chrono::NaiveDate;
use clap::{Args, ValueEnum};

use super::{EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, parse_day};
use crate::check::{self, CheckOptions, report};
use crate::config::Config;
use crate::diagnostics::Diagnostic;

/// Arguments of `faqbook check`.
#[derive(Debug, Args)]
#[command(after_help = "\
Examples:
  faqbook check                                # human-readable, coloured on a terminal
  faqbook check --format github --strict       # in GitHub Actions: annotations; warnings fail
  faqbook check --format json > check.json     # for other tools
  faqbook check --today 2026-01-31             # reproducible stale-after-days checks

Exit status: 0 no problems (warnings alone are fine unless --strict), 1 problems found,
2 usage or configuration error (bad book.toml, missing content folder).")]
pub struct CheckArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t = CheckFormat::Human)]
    pub format: CheckFormat,
    /// Treat warnings (unreviewed, stale, unknown tags, raw HTML, …) as errors.
    #[arg(long)]
    pub strict: bool,
    /// Day to measure `[check] stale-after-days` from, as YYYY-MM-DD (default: today).
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_day)]
    pub today: Option<NaiveDate>,
}

/// How `check` prints its findings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CheckFormat {
    /// `path:line:col: error|warning: message [code]`, then a summary.
    Human,
    /// One JSON document with every diagnostic and the summary.
    Json,
    /// GitHub Actions annotations (`::error file=…,line=…::message`).
    Github,
}

pub(super) fn run_check(root: &Path, quiet: bool, args: &CheckArgs) -> ExitCode {
    let config = match Config::load(root) {
        Ok(config) => config,
        Err(error) => {
            print_check(args.format, quiet, &error.0, 0);
            return ExitCode::from(EXIT_USAGE);
        }
    };
    let today = args.today.unwrap_or_else(|| chrono::Local::now().date_naive());
    let report = check::check_site(&config, &CheckOptions { strict: args.strict, today });
    print_check(args.format, quiet, &report.diagnostics, report.pages_checked);
    if report.usage_error {
        ExitCode::from(EXIT_USAGE)
    } else if report.errors() > 0 {
        ExitCode::from(EXIT_PROBLEMS)
    } else {
        ExitCode::from(EXIT_OK)
    }
}

/// Prints a check report to stdout, where CI tools read it. `--quiet` drops warnings from the
/// human format only; machine formats always carry everything.
fn print_check(format: CheckFormat, quiet: bool, diagnostics: &[Diagnostic], pages: usize) {
    let summary = report::Summary::of(diagnostics, pages);
    let text = match format {
        CheckFormat::Human => {
            let shown: Vec<Diagnostic> =
                diagnostics.iter().filter(|d| !quiet || d.is_error()).cloned().collect();
            report::human(&shown, &summary, colour_wanted())
        }
        CheckFormat::Json => match report::json(diagnostics, &summary) {
            Ok(text) => text,
            Err(e) => {
                // Not reachable with strings and integers, but never print half a document.
                eprintln!("error: cannot write the JSON report: {e}");
                String::new()
            }
        },
        CheckFormat::Github => report::github(diagnostics, &summary),
    };
    // A closed pipe (`faqbook check | head`) is not worth a panic; nothing else can be done.
    let _ = std::io::stdout().write_all(text.as_bytes());
}

/// Colour only on a terminal, and never when `NO_COLOR` is set to anything non-empty
/// (no-color.org).
fn colour_wanted() -> bool {
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    !no_color && std::io::stdout().is_terminal()
}
