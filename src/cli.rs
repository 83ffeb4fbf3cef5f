//! Command line: clap types live here and nowhere else. Each subcommand turns its arguments into
//! plain options, calls the library, prints what it returns and decides the exit code.

use std::collections::BTreeSet;
use std::io::Write;
use std::net::IpAddr;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{CommandFactory, Parser, Subcommand, ValueEnum};

use crate::config::{Config, Language};
use crate::scaffold::{self, NewPageRequest, ScaffoldError};
use crate::serve::site_build::SiteBuild;
use crate::serve::{self, Rebuild, ServeError, ServeEvent, ServeOptions, Server};

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
}

/// Arguments of `faqbook build`.
#[derive(Debug, clap::Args)]
pub struct BuildArgs {
    /// Output folder (default: [build] build-dir of book.toml, relative to --root). Replaced as a
    /// whole when the build succeeds; left untouched when it fails.
    #[arg(long, value_name = "DIR")]
    pub dest: Option<PathBuf>,
}

#[derive(Debug, clap::Args)]
pub struct ServeArgs {
    /// Port to listen on; 0 picks a free one.
    #[arg(long, default_value_t = serve::DEFAULT_PORT)]
    pub port: u16,
    /// Address to listen on. Anything but loopback makes the preview reachable from other
    /// machines.
    #[arg(long, default_value = "127.0.0.1", value_name = "ADDR")]
    pub bind: IpAddr,
    /// Open the site in the default browser after the first build.
    #[arg(long)]
    pub open: bool,
}

fn run_serve(root: &Path, verbosity: Verbosity, args: &ServeArgs) -> u8 {
    let config = match Config::load(root) {
        Ok(config) => config,
        Err(e) => {
            print_diagnostics(&e.0, false);
            return EXIT_USAGE;
        }
    };
    if serve::is_exposed(args.bind) {
        eprintln!(
            "warning: listening on {} makes this unpublished preview reachable from other machines; \
             the default --bind 127.0.0.1 keeps it on this one",
            args.bind
        );
    }
    let options = ServeOptions { bind: args.bind, port: args.port, ..ServeOptions::default() };
    let server = match Server::bind(&config, &options, Box::new(SiteBuild::new(root))) {
        Ok(server) => server,
        Err(ServeError::PortInUse { addr }) => {
            eprintln!(
                "error: port {} on {} is already in use; try --port {} (or --port 0 for any free port)",
                addr.port(),
                addr.ip(),
                addr.port().checked_add(1).unwrap_or(serve::DEFAULT_PORT)
            );
            return EXIT_USAGE;
        }
        Err(e) => {
            eprintln!("error: {e}");
            return EXIT_USAGE;
        }
    };
    let url = server.url();
    let stopper = server.stopper();
    if let Err(e) = ctrlc::set_handler(move || stopper.stop()) {
        eprintln!("warning: cannot catch Ctrl-C ({e}); stop the server by closing the terminal");
    }
    // The URL is the result: printed even with --quiet.
    println!("Serving {} at {url} (Ctrl-C to stop)", root.display());
    let mut open_pending = args.open;
    let result = server.run(&mut |event| {
        print_serve_event(&event, verbosity);
        if open_pending && !matches!(event, ServeEvent::WatchError(_)) {
            open_pending = false;
            if let Err(e) = open_in_browser(&url) {
                eprintln!("warning: cannot open a browser ({e}); open {url} yourself");
            }
        }
    });
    match result {
        Ok(()) => {
            if verbosity != Verbosity::Quiet {
                println!("stopped");
            }
            EXIT_OK
        }
        Err(e) => {
            eprintln!("error: {e}");
            EXIT_PROBLEMS
        }
    }
}

fn print_serve_event(event: &ServeEvent, verbosity: Verbosity) {
    let what = |rebuild: &Rebuild| match rebuild {
        Rebuild::Full => "site".to_string(),
        Rebuild::Pages(pages) if pages.len() == 1 => "1 page".to_string(),
        Rebuild::Pages(pages) => format!("{} pages", pages.len()),
    };
    match event {
        ServeEvent::Built { rebuild, took, warnings } => {
            print_diagnostics(warnings, verbosity == Verbosity::Quiet);
            if verbosity != Verbosity::Quiet {
                println!("built {} in {} ms", what(rebuild), took.as_millis());
            }
        }
        ServeEvent::Failed { rebuild, took, errors } => {
            print_diagnostics(errors, false);
            eprintln!(
                "error: rebuilding ({}) failed after {} ms; the browser shows the errors until the next good save",
                what(rebuild),
                took.as_millis()
            );
        }
        ServeEvent::WatchError(message) => eprintln!("warning: watching for changes: {message}"),
    }
}

/// Opens `url` with the desktop's default browser. A process spawn per platform: the crates
/// that wrap this (opener, webbrowser) pull a URL parser with ICU tables into the build.
fn open_in_browser(url: &str) -> std::io::Result<()> {
    let mut command = if cfg!(target_os = "macos") {
        std::process::Command::new("open")
    } else if cfg!(windows) {
        let mut command = std::process::Command::new("cmd");
        command.args(["/C", "start", ""]);
        command
    } else {
        std::process::Command::new("xdg-open")
    };
    command
        .arg(url)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .map(drop)
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum LanguageArg {
    Ja,
    En,
}

impl From<LanguageArg> for Language {
    fn from(language: LanguageArg) -> Language {
        match language {
            LanguageArg::Ja => Language::Ja,
            LanguageArg::En => Language::En,
        }
    }
}

#[derive(Debug, clap::Args)]
pub struct InitArgs {
    /// Folder for the new site (created if missing); defaults to --root.
    #[arg(value_name = "DIR")]
    pub dir: Option<PathBuf>,
    /// Language of the UI strings and page section headings.
    #[arg(long, value_enum, default_value = "ja")]
    pub language: LanguageArg,
}

#[derive(Debug, clap::Args)]
pub struct NewArgs {
    /// Service of the case: a [[services]] name or alias from book.toml.
    #[arg(long, value_name = "SERVICE")]
    pub service: String,
    /// Title of the page (the question, in a sentence).
    #[arg(long, value_name = "TITLE")]
    pub title: Option<String>,
    /// Tags, comma-separated.
    #[arg(long, value_name = "TAGS", value_delimiter = ',')]
    pub tags: Vec<String>,
}

#[derive(Debug, clap::Args)]
pub struct CompletionsArgs {
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

#[derive(Debug, clap::Args)]
pub struct ManArgs {
    /// Write faqbook.1 and one page per subcommand into this folder instead of printing.
    #[arg(long, value_name = "DIR")]
    pub out_dir: Option<PathBuf>,
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

pub fn run() -> ExitCode {
    let cli = Cli::parse();
    let verbosity = Verbosity::of(&cli);
    let code = match &cli.command {
        Command::Build(args) => return run_build(&cli, args),
        Command::Serve(args) => run_serve(&cli.root, verbosity, args),
        Command::Init(args) => run_init(&cli.root, verbosity, args),
        Command::New(args) => run_new(&cli.root, verbosity, args),
        Command::Completions(args) => run_completions(args),
        Command::Man(args) => run_man(verbosity, args),
    };
    ExitCode::from(code)
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

/// A path as the user can paste it into a shell.
fn shell_quoted(path: &Path) -> String {
    let text = path.display().to_string();
    if !text.is_empty() && text.chars().all(|c| c.is_ascii_alphanumeric() || "-_./".contains(c)) {
        text
    } else {
        format!("'{}'", text.replace('\'', r"'\''"))
    }
}

fn run_init(root: &Path, verbosity: Verbosity, args: &InitArgs) -> u8 {
    let dir = args.dir.as_deref().unwrap_or(root);
    let skeleton = scaffold::site_skeleton(args.language.into(), chrono::Local::now().date_naive());
    match scaffold::write_new_files(dir, &skeleton.dirs, &skeleton.files) {
        Ok(written) => {
            if verbosity != Verbosity::Quiet {
                println!("Created a faqbook site in {}:", dir.display());
                for path in &written {
                    println!("  {}", path.display());
                }
                let root_arg = if dir == Path::new(".") {
                    String::new()
                } else {
                    format!(" --root {}", shell_quoted(dir))
                };
                println!("\nNext:\n  faqbook serve{root_arg}   # preview with live reload");
                println!("  faqbook build{root_arg}   # write the site to public/");
            }
            EXIT_OK
        }
        Err(e @ ScaffoldError::Exists(_)) => {
            eprintln!("error: {e}; nothing was written");
            EXIT_USAGE
        }
        Err(e) => {
            eprintln!("error: {e}");
            EXIT_PROBLEMS
        }
    }
}

fn run_new(root: &Path, verbosity: Verbosity, args: &NewArgs) -> u8 {
    let config = match Config::load(root) {
        Ok(config) => config,
        Err(e) => {
            print_diagnostics(&e.0, false);
            return EXIT_USAGE;
        }
    };
    let taken_ids: BTreeSet<String> =
        crate::content::load_site(&config).pages.into_iter().map(|page| page.id).collect();
    let nonce = format!(
        "{}-{}",
        std::process::id(),
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_nanos())
    );
    let request = NewPageRequest {
        service: &args.service,
        title: args.title.as_deref(),
        tags: &args.tags,
        date: chrono::Local::now().date_naive(),
        nonce: &nonce,
    };
    let file = match scaffold::new_page(&config, &request, &taken_ids) {
        Ok(file) => file,
        Err(e) => {
            eprintln!("error: {e}");
            return EXIT_USAGE;
        }
    };
    match scaffold::write_new_files(root, &[], std::slice::from_ref(&file)) {
        Ok(written) => {
            for path in &written {
                println!("{}", path.display());
            }
            for tag in args.tags.iter().map(|t| t.trim()).filter(|t| !t.is_empty()) {
                if !config.tags.is_empty() && config.find_tag(tag).is_none() && verbosity != Verbosity::Quiet
                {
                    eprintln!("warning: tag `{tag}` is not in the [[tags]] vocabulary of book.toml");
                }
            }
            EXIT_OK
        }
        Err(e) => {
            eprintln!("error: {e}");
            EXIT_PROBLEMS
        }
    }
}

fn run_completions(args: &CompletionsArgs) -> u8 {
    clap_complete::generate(args.shell, &mut Cli::command(), "faqbook", &mut std::io::stdout());
    EXIT_OK
}

fn run_man(verbosity: Verbosity, args: &ManArgs) -> u8 {
    let result = match &args.out_dir {
        None => {
            let mut page = Vec::new();
            clap_mangen::Man::new(Cli::command())
                .render(&mut page)
                .and_then(|()| std::io::stdout().write_all(&page))
        }
        Some(dir) => std::fs::create_dir_all(dir)
            .and_then(|()| clap_mangen::generate_to(Cli::command(), dir))
            .map(|()| {
                if verbosity != Verbosity::Quiet {
                    println!("wrote man pages to {}", dir.display());
                }
            }),
    };
    match result {
        Ok(()) => EXIT_OK,
        Err(e) => {
            eprintln!("error: cannot write the man page: {e}");
            EXIT_PROBLEMS
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cli_definition_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn every_subcommand_help_has_an_example() {
        for sub in Cli::command().get_subcommands() {
            let after = sub.get_after_help().map(|h| h.to_string()).unwrap_or_default();
            let example =
                after.starts_with("Example:\n  faqbook ") || after.starts_with("Examples:\n  faqbook ");
            assert!(example, "`{}` has no example", sub.get_name());
        }
    }

    #[test]
    fn shell_quoting_leaves_plain_paths_alone() {
        assert_eq!(shell_quoted(Path::new("my-faq/site")), "my-faq/site");
        assert_eq!(shell_quoted(Path::new("my faq")), "'my faq'");
        assert_eq!(shell_quoted(Path::new("it's")), r"'it'\''s'");
    }
}
