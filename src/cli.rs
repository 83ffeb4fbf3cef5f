//! Command line: clap types live here and nowhere else. Each subcommand turns its arguments into
//! plain options, calls the library, prints what it returns and decides the exit code.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

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
    let options = BuildOptions { dest: args.dest.clone() };
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
                if cli.verbose {
                    for (stage, time) in &report.timings {
                        println!("  {stage}: {:.2}s", time.as_secs_f64());
                    }
                }
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
