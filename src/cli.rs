//! Command line: clap types live here and nowhere else. Each subcommand turns its arguments into
//! plain options, calls the library, prints what it returns and decides the exit code.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use chrono::NaiveDate;
use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::check::{self, CheckOptions, report};
use crate::config::Config;
use crate::diagnostics::Diagnostic;

/// Exit codes shared by every subcommand.
pub const EXIT_OK: u8 = 0;
/// Content problems (a page that does not build, an input that cannot be read).
pub const EXIT_PROBLEMS: u8 = 1;
/// Usage or configuration errors.
pub const EXIT_USAGE: u8 = 2;

/// Turn helpdesk meeting minutes into a searchable FAQ website that needs no server.
#[derive(Debug, Parser)]
#[command(name = "faqbook", version, about, long_about = None, arg_required_else_help = true)]
pub struct Cli {
    /// Site folder holding book.toml, content/ and themes/.
    #[arg(long, global = true, default_value = ".", value_name = "DIR")]
    pub root: PathBuf,
    /// Print only errors.
    #[arg(short, long, global = true, conflicts_with = "verbose")]
    pub quiet: bool,
    /// Print more detail (every file written, timings).
    #[arg(short, long, global = true)]
    pub verbose: bool,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Render content/ through the theme into a static site (default folder: public/).
    #[command(
        after_help = "Example:\n  faqbook build                      # book.toml in the current folder, output in public/\n  faqbook --root site build --dest /tmp/faq\n\nOpen <output>/index.html in a browser; the site also works from any static web server.\nExit codes: 0 built, 1 problems in pages/templates (nothing written), 2 configuration or usage error."
    )]
    Build(BuildArgs),
    /// Check every page, link and template for CI; report each problem with file and line.
    Check(CheckArgs),
}

/// Arguments of `faqbook build`.
#[derive(Debug, clap::Args)]
pub struct BuildArgs {
    /// Output folder (default: [build] build-dir of book.toml, relative to --root). Replaced as a
    /// whole when the build succeeds; left untouched when it fails.
    #[arg(long, value_name = "DIR")]
    pub dest: Option<PathBuf>,
}

pub fn run() -> ExitCode {
    let cli = Cli::parse();
    match &cli.command {
        Command::Build(args) => run_build(&cli, args),
        Command::Check(args) => run_check(&cli.root, cli.quiet, args),
    }
}

/// Pages above which a progress bar is worth showing (small sites build in a blink).
const PROGRESS_MIN_PAGES: usize = 500;

fn run_build(cli: &Cli, args: &BuildArgs) -> ExitCode {
    use std::io::IsTerminal;

    use crate::site::{BuildFailure, BuildOptions, Progress, build_site};

    let started = std::time::Instant::now();
    let config = match crate::config::Config::load(&cli.root) {
        Ok(config) => config,
        Err(e) => {
            print_diagnostics(&e.0, cli.quiet);
            return ExitCode::from(EXIT_USAGE);
        }
    };
    let show_progress = !cli.quiet && std::io::stderr().is_terminal();
    let bar = std::sync::OnceLock::<indicatif::ProgressBar>::new();
    let progress = |event: Progress| match event {
        Progress::Start { pages } if show_progress && pages >= PROGRESS_MIN_PAGES => {
            let _ = bar.set(indicatif::ProgressBar::new(pages as u64));
        }
        Progress::PageDone => {
            if let Some(bar) = bar.get() {
                bar.inc(1);
            }
        }
        Progress::Finish => {
            if let Some(bar) = bar.get() {
                bar.finish_and_clear();
            }
        }
        Progress::Start { .. } => {}
    };
    let options = BuildOptions { dest: args.dest.clone(), ..BuildOptions::default() };
    match build_site(&config, &options, &progress) {
        Ok(report) => {
            print_diagnostics(&report.diagnostics, cli.quiet);
            if !cli.quiet {
                println!(
                    "built {} pages ({} files) in {:.2}s into {}",
                    report.pages,
                    report.files,
                    started.elapsed().as_secs_f64(),
                    report.dest.display()
                );
                println!("open {}", report.index_html().display());
            }
            ExitCode::from(EXIT_OK)
        }
        Err(BuildFailure::Config(diagnostics)) => {
            print_diagnostics(&diagnostics, cli.quiet);
            ExitCode::from(EXIT_USAGE)
        }
        Err(BuildFailure::Content(diagnostics)) => {
            print_diagnostics(&diagnostics, cli.quiet);
            let errors = diagnostics.iter().filter(|d| d.is_error()).count();
            eprintln!("build failed: {errors} error(s); the output folder was not changed");
            ExitCode::from(EXIT_PROBLEMS)
        }
    }
}

/// Prints diagnostics to stderr, sorted by file and line; `quiet` keeps only errors.
fn print_diagnostics(diagnostics: &[crate::diagnostics::Diagnostic], quiet: bool) {
    let mut sorted = diagnostics.to_vec();
    crate::diagnostics::sort_diagnostics(&mut sorted);
    for d in sorted.iter().filter(|d| !quiet || d.is_error()) {
        eprintln!("{d}");
    }
}

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

fn parse_day(text: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").map_err(|e| format!("`{text}` is not a date YYYY-MM-DD: {e}"))
}

fn run_check(root: &Path, quiet: bool, args: &CheckArgs) -> ExitCode {
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
