//! `faqbook build`.

use std::path::PathBuf;
use std::process::ExitCode;

use super::{
    Cli, EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, WARNINGS_LISTED_PER_CODE, print_diagnostics,
    print_diagnostics_capped,
};

/// Arguments of `faqbook build`.
#[derive(Debug, clap::Args)]
pub struct BuildArgs {
    /// Output folder (default: [build] build-dir of book.toml, relative to --root). Replaced as a
    /// whole when the build succeeds; left untouched when it fails.
    #[arg(long, value_name = "DIR")]
    pub dest: Option<PathBuf>,
}

/// Pages above which a progress bar is worth showing (small sites build in a blink).
const PROGRESS_MIN_PAGES: usize = 500;

pub(super) fn run_build(cli: &Cli, args: &BuildArgs) -> ExitCode {
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
        Progress::Start { .. } | Progress::Stage(_) => {}
    };
    let options = BuildOptions { dest: args.dest.clone(), today: chrono::Local::now().date_naive() };
    match build_site(&config, &options, &progress) {
        Ok(report) => {
            let per_code = if cli.verbose { usize::MAX } else { WARNINGS_LISTED_PER_CODE };
            print_diagnostics_capped(&report.diagnostics, cli.quiet, per_code);
            if !cli.quiet {
                println!(
                    "built {} pages ({} files) in {:.2}s into {}",
                    report.pages,
                    report.files,
                    started.elapsed().as_secs_f64(),
                    report.dest.display()
                );
                if cli.verbose {
                    for stage in &report.timings {
                        let cpu =
                            stage.cpu.map(|t| format!(" ({:.2}s CPU)", t.as_secs_f64())).unwrap_or_default();
                        let peak =
                            stage.peak_rss.map(|b| format!(", peak {} MiB", b >> 20)).unwrap_or_default();
                        println!("  {}: {:.2}s{cpu}{peak}", stage.name, stage.time.as_secs_f64());
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
