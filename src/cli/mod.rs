//! Command line: clap types live here and nowhere else. Each subcommand (one file each) turns
//! its arguments into plain options, calls the library, prints what it returns and decides the
//! exit code.

use std::path::PathBuf;
use std::process::ExitCode;

use chrono::NaiveDate;
use clap::{Parser, Subcommand};

mod build;
mod check;
mod export;
mod import;

pub use build::BuildArgs;
pub use check::{CheckArgs, CheckFormat};
pub use export::ExportArgs;
pub use import::ImportArgs;

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
    /// Turn meeting minutes into FAQ pages: one page per support case in the content folder.
    ///
    /// Reads plain-text or Markdown minutes (UTF-8, UTF-16 with BOM, Shift_JIS, EUC-JP; detected
    /// automatically), finds the service sections named in book.toml's [[services]], and writes
    /// one page per case with its service, tags, status and source lines. Names from the roster,
    /// e-mail addresses and phone numbers are redacted ([import] redact = false turns that off).
    ///
    /// Safe to re-run: identical input gives identical pages, and pages edited by hand since
    /// their import are skipped with a warning unless --force is given.
    Import(ImportArgs),
    /// Make an offline copy of the site: a zip of the built site, or one self-contained HTML file.
    #[command(
        after_help = "Examples:\n  faqbook export --zip faq.zip\n  faqbook export --single-file faq.html\n  faqbook export --zip answered.zip --status resolved,escalated --service utokyo-account\n\nExit codes: 0 written, 1 problems in pages/templates (nothing written), 2 configuration or usage error."
    )]
    Export(ExportArgs),
}

pub fn run() -> ExitCode {
    let cli = Cli::parse();
    match &cli.command {
        Command::Build(args) => build::run_build(&cli, args),
        Command::Check(args) => check::run_check(&cli.root, cli.quiet, args),
        Command::Import(args) => import::run_import(&cli, args),
        Command::Export(args) => export::run_export(&cli, args),
    }
}

/// Prints diagnostics to stderr, sorted by file and line; `quiet` keeps only errors.
pub(crate) fn print_diagnostics(diagnostics: &[crate::diagnostics::Diagnostic], quiet: bool) {
    let mut sorted = diagnostics.to_vec();
    crate::diagnostics::sort_diagnostics(&mut sorted);
    for d in sorted.iter().filter(|d| !quiet || d.is_error()) {
        eprintln!("{d}");
    }
}

/// Parses a `YYYY-MM-DD` command-line date.
pub(crate) fn parse_day(text: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").map_err(|e| format!("`{text}` is not a date YYYY-MM-DD: {e}"))
}
