//! `faqbook export`.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use super::{Cli, EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, print_diagnostics};
use crate::config::Config;
use crate::diagnostics::Diagnostic;
use crate::export::{Selection, check_services, check_targets, parse_statuses, write_atomically};
use crate::render::strings::ui_strings;
use crate::site::{BuildFailure, Copies, CopyLinks, Front, RenderedCopy, Site};

/// Arguments of `faqbook export`.
#[derive(Debug, clap::Args)]
#[command(group(clap::ArgGroup::new("format").required(true).multiple(true).args(["zip", "single_file"])))]
pub struct ExportArgs {
    /// Write the built site as a zip archive (index.html at its root; byte-identical for the
    /// same content).
    #[arg(long, value_name = "PATH.zip")]
    pub zip: Option<PathBuf>,
    /// Write one self-contained HTML file holding every page, the listings and the search; it
    /// opens from disk with no network and makes no request.
    #[arg(long, value_name = "PATH.html")]
    pub single_file: Option<PathBuf>,
    /// Keep only pages with these statuses (comma-separated: resolved, escalated, unresolved,
    /// unknown).
    #[arg(long, value_name = "STATUS,...", value_delimiter = ',')]
    pub status: Vec<String>,
    /// Keep only pages of these services (comma-separated service slugs).
    #[arg(long, value_name = "SLUG,...", value_delimiter = ',')]
    pub service: Vec<String>,
}

pub(super) fn run_export(cli: &Cli, args: &ExportArgs) -> ExitCode {
    let config = match crate::config::Config::load(&cli.root) {
        Ok(config) => config,
        Err(e) => {
            print_diagnostics(&e.0, cli.quiet);
            return ExitCode::from(EXIT_USAGE);
        }
    };
    let targets: Vec<(&std::path::Path, &str)> =
        [(args.zip.as_deref(), "zip"), (args.single_file.as_deref(), "html")]
            .into_iter()
            .filter_map(|(path, extension)| path.map(|p| (p, extension)))
            .collect();
    match check_targets(&config, &targets) {
        Ok(warnings) => print_diagnostics(&warnings, cli.quiet),
        Err(d) => {
            print_diagnostics(&[d], cli.quiet);
            return ExitCode::from(EXIT_PROBLEMS);
        }
    }
    let (site, selection) = match load_selected(cli, &config, args) {
        Ok(loaded) => loaded,
        Err(code) => return code,
    };
    // Each format is rendered in its own link style (files for the zip, fragments for the
    // single file) from the one load, and written and let go before the next is rendered.
    let requested =
        [(args.zip.as_deref(), CopyLinks::Files), (args.single_file.as_deref(), CopyLinks::Fragments)];
    let requested: Vec<(&Path, CopyLinks)> =
        requested.into_iter().filter_map(|(path, links)| path.map(|p| (p, links))).collect();
    let keep = |p: &crate::content::Page| selection.keeps(p);
    let copies = Copies::new(site, &keep, requested.iter().map(|&(_, l)| l).collect());
    let mut written = Vec::new();
    for (copy, &(path, _)) in copies.zip(&requested) {
        let copy = match copy {
            Ok(copy) => copy,
            Err(failure) => return failed(&failure, cli.quiet),
        };
        // Every render reports the same warnings: print them once.
        if written.is_empty() {
            print_diagnostics(&copy.diagnostics, cli.quiet);
        }
        match write_copy(copy, path) {
            Ok(line) => written.push(line),
            Err(d) => {
                print_diagnostics(&[d], cli.quiet);
                return ExitCode::from(EXIT_PROBLEMS);
            }
        }
    }
    if !cli.quiet {
        for line in written {
            println!("{line}");
        }
    }
    ExitCode::from(EXIT_OK)
}

/// The site, loaded once, and the pages the copies keep: `--service` slugs are checked against
/// the loaded pages before they are rendered.
fn load_selected(cli: &Cli, config: &Config, args: &ExportArgs) -> Result<(Site, Selection), ExitCode> {
    let statuses = parse_statuses(&args.status).map_err(|message| usage_error(&message))?;
    let today = chrono::Local::now().date_naive();
    let front = Front::load(config, today).map_err(|failure| failed(&failure, cli.quiet))?;
    let services = if args.service.is_empty() {
        Vec::new()
    } else {
        check_services(config, &front.loaded.pages, &args.service).map_err(|message| usage_error(&message))?
    };
    let site = front.into_site().map_err(|failure| failed(&failure, cli.quiet))?;
    Ok((site, Selection { statuses, services }))
}

/// Writes one copy (letting go of its files on the way); returns the line to print about it.
fn write_copy(copy: RenderedCopy, path: &Path) -> Result<String, Diagnostic> {
    let pages = copy.pages;
    let bytes = match copy.links {
        CopyLinks::Files => crate::export::zip::zip_bytes(&copy.files, path)?,
        CopyLinks::Fragments => {
            crate::export::single::single_file(copy.files, ui_strings(copy.language), path)?.into_bytes()
        }
    };
    write_atomically(path, &bytes)?;
    Ok(format!("wrote {} ({pages} pages, {} bytes)", path.display(), bytes.len()))
}

/// Reports why the site could not be rendered; nothing was written.
fn failed(failure: &BuildFailure, quiet: bool) -> ExitCode {
    match failure {
        BuildFailure::Config(diagnostics) => {
            print_diagnostics(diagnostics, quiet);
            ExitCode::from(EXIT_USAGE)
        }
        BuildFailure::Content(diagnostics) => {
            print_diagnostics(diagnostics, quiet);
            eprintln!("export failed: the site has errors; nothing was written");
            ExitCode::from(EXIT_PROBLEMS)
        }
    }
}

fn usage_error(message: &str) -> ExitCode {
    eprintln!("error: {message}");
    ExitCode::from(EXIT_USAGE)
}
