//! Command line: clap types live here and nowhere else. Each subcommand (one file each) turns
//! its arguments into plain options, calls the library, prints what it returns and decides the
//! exit code.

use std::path::PathBuf;
use std::process::ExitCode;

use chrono::NaiveDate;
use clap::{Parser, Subcommand};

mod build;
mod check;
mod docs;
mod export;
mod import;
mod scaffold;
mod serve;
mod similar;

pub use build::BuildArgs;
pub use check::{CheckArgs, CheckFormat};
pub use docs::{CompletionsArgs, ManArgs};
pub use export::ExportArgs;
pub use import::ImportArgs;
pub use scaffold::{InitArgs, LanguageArg, NewArgs};
pub use serve::ServeArgs;
pub use similar::{SimilarArgs, SimilarFormat};

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
    /// Print more detail (every file written; for build, each stage's time and peak memory).
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
    /// automatically), Word (.docx) and Google Docs web pages (.html, or the .zip holding it;
    /// comments marked by colour) and finds the service sections: headings that name a
    /// book.toml [[services]] name or alias, and headings that name no configured service (kept as new services,
    /// warning FB207; plain-text headings are also found by their shape). New services are added to
    /// book.toml, keeping its comments and layout (--dry-run shows them, --no-config-edit only prints them).
    /// Writes one page per case with its service, tags, status and source lines. Names from the roster,
    /// e-mail addresses and phone numbers are redacted ([import] redact = false turns that off).
    ///
    /// Safe to re-run: identical input gives identical pages, and pages edited by hand since
    /// their import are skipped with a warning unless --force is given.
    Import(ImportArgs),
    /// List groups of near-duplicate pages, most similar first, so maintainers can merge them.
    Similar(SimilarArgs),
    /// Preview the site with live reload: build into a temporary folder, serve it on 127.0.0.1,
    /// rebuild on every save.
    #[command(
        after_help = "Examples:\n  faqbook serve\n  faqbook --root my-faq serve --port 8080 --open\n\n\
                            Errors in pages or templates are shown in the browser and the terminal; the \
                            server keeps running."
    )]
    Serve(ServeArgs),
    /// Create a new site: book.toml, content/ with an example page, seeds/ and .gitignore.
    #[command(after_help = "Examples:\n  faqbook init my-faq\n  faqbook init my-faq --language en")]
    Init(InitArgs),
    /// Add an FAQ page with complete front matter and the site language's section headings.
    #[command(
        after_help = "Examples:\n  faqbook new --service \"UTokyo Account\" --title \"MFA setup fails\" --tags MFA,SMS\n  \
                            faqbook new --root my-faq --service メール"
    )]
    New(NewArgs),
    /// Print a shell completion script to stdout.
    #[command(
        after_help = "Examples:\n  faqbook completions bash > ~/.local/share/bash-completion/completions/faqbook\n  \
                            faqbook completions zsh > ~/.zfunc/_faqbook"
    )]
    Completions(CompletionsArgs),
    /// Print the man page to stdout, or write one page per subcommand into a folder.
    #[command(
        after_help = "Examples:\n  faqbook man | man -l -\n  faqbook man --out-dir /usr/local/share/man/man1"
    )]
    Man(ManArgs),
    /// Make an offline copy of the site: a zip of the built site, or one self-contained HTML file.
    #[command(
        after_help = "Examples:\n  faqbook export --zip faq.zip\n  faqbook export --single-file faq.html\n  faqbook export --zip answered.zip --status resolved,escalated --service utokyo-account\n\nExit codes: 0 written, 1 problems in pages/templates (nothing written), 2 configuration or usage error."
    )]
    Export(ExportArgs),
}

pub fn run() -> ExitCode {
    let cli = Cli::parse();
    let verbosity = Verbosity::of(&cli);
    match &cli.command {
        Command::Build(args) => build::run_build(&cli, args),
        Command::Check(args) => check::run_check(&cli.root, cli.quiet, args),
        Command::Import(args) => import::run_import(&cli, args),
        Command::Similar(args) => similar::run_similar(&cli, args),
        Command::Serve(args) => ExitCode::from(serve::run_serve(&cli.root, verbosity, args)),
        Command::Init(args) => ExitCode::from(scaffold::run_init(&cli.root, verbosity, args)),
        Command::New(args) => ExitCode::from(scaffold::run_new(&cli.root, verbosity, args)),
        Command::Completions(args) => ExitCode::from(docs::run_completions(args)),
        Command::Man(args) => ExitCode::from(docs::run_man(verbosity, args)),
        Command::Export(args) => export::run_export(&cli, args),
    }
}

/// How much a subcommand prints besides its result and errors.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verbosity {
    Quiet,
    Normal,
    Verbose,
}

impl Verbosity {
    fn of(cli: &Cli) -> Verbosity {
        match (cli.quiet, cli.verbose) {
            (true, _) => Verbosity::Quiet,
            (_, true) => Verbosity::Verbose,
            _ => Verbosity::Normal,
        }
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

/// Warnings of one code listed by `build` before the rest are only counted: a site of imported
/// pages has one "not reviewed" warning per page, which would bury everything else.
pub(crate) const WARNINGS_LISTED_PER_CODE: usize = 10;

/// Prints diagnostics like `print_diagnostics`, but lists at most `per_code` warnings of each
/// code and counts the rest. Errors are always listed.
pub(crate) fn print_diagnostics_capped(
    diagnostics: &[crate::diagnostics::Diagnostic],
    quiet: bool,
    per_code: usize,
) {
    let (listed, omitted) = cap_warnings(diagnostics, per_code);
    print_diagnostics(&listed, quiet);
    if !quiet {
        for (code, count) in omitted {
            eprintln!("… and {count} more {code} warnings (`faqbook check` or -v lists them all)");
        }
    }
}

/// Splits diagnostics into those to list (every error, the first `per_code` warnings of each
/// code in file order) and, per code, how many warnings were left out.
fn cap_warnings(
    diagnostics: &[crate::diagnostics::Diagnostic],
    per_code: usize,
) -> (Vec<crate::diagnostics::Diagnostic>, std::collections::BTreeMap<crate::diagnostics::Code, usize>) {
    let mut sorted = diagnostics.to_vec();
    crate::diagnostics::sort_diagnostics(&mut sorted);
    let mut seen: std::collections::BTreeMap<crate::diagnostics::Code, usize> =
        std::collections::BTreeMap::new();
    let mut listed = Vec::new();
    for d in sorted {
        let count = seen.entry(d.code).or_default();
        *count += usize::from(!d.is_error());
        if d.is_error() || *count <= per_code {
            listed.push(d);
        }
    }
    let omitted =
        seen.into_iter().filter(|&(_, n)| n > per_code).map(|(code, n)| (code, n - per_code)).collect();
    (listed, omitted)
}

/// Parses a `YYYY-MM-DD` command-line date.
pub(crate) fn parse_day(text: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").map_err(|e| format!("`{text}` is not a date YYYY-MM-DD: {e}"))
}

#[cfg(test)]
mod tests {
    #[test]
    fn warnings_are_capped_per_code_and_errors_never() {
        use crate::diagnostics::{Diagnostic, codes};
        let mut all = Vec::new();
        for i in 0..15 {
            all.push(Diagnostic::warning(
                codes::UNREVIEWED,
                format!("content/{i:02}.md"),
                1,
                1,
                "not reviewed",
            ));
        }
        all.push(Diagnostic::warning(codes::UNKNOWN_TAG, "content/a.md", 5, 1, "unknown tag"));
        for i in 0..12 {
            all.push(Diagnostic::error(
                codes::BROKEN_LINK,
                format!("content/{i:02}.md"),
                9,
                1,
                "broken link",
            ));
        }
        let (listed, omitted) = super::cap_warnings(&all, 10);
        assert_eq!(listed.iter().filter(|d| d.code == codes::UNREVIEWED).count(), 10);
        assert_eq!(listed.iter().filter(|d| d.code == codes::BROKEN_LINK).count(), 12);
        assert_eq!(listed.iter().filter(|d| d.code == codes::UNKNOWN_TAG).count(), 1);
        assert_eq!(omitted.into_iter().collect::<Vec<_>>(), [(codes::UNREVIEWED, 5)]);
    }

    use clap::CommandFactory;

    use super::*;

    #[test]
    fn cli_definition_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn every_subcommand_help_has_an_example() {
        for sub in Cli::command().get_subcommands() {
            let after = sub.get_after_help().map(|h| h.to_string()).unwrap_or_default();
            let example = after.trim_start().starts_with("Example:\n  faqbook ")
                || after.trim_start().starts_with("Examples:\n  faqbook ");
            assert!(example, "`{}` has no example", sub.get_name());
        }
    }
}
