//! `faqbook serve`.

use std::net::IpAddr;
use std::path::Path;

use super::{EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, Verbosity, print_diagnostics};
use crate::config::Config;
use crate::serve::site_build::SiteBuild;
use crate::serve::{self, Rebuild, ServeError, ServeEvent, ServeOptions, Server};

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

/// Warnings listed after each rebuild; more are only counted (all are listed with -v).
const MAX_LISTED_WARNINGS: usize = 20;

pub(super) fn run_serve(root: &Path, verbosity: Verbosity, args: &ServeArgs) -> u8 {
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
    let server = match Server::bind(
        &config,
        &options,
        Box::new(SiteBuild::new(root, chrono::Local::now().date_naive())),
    ) {
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
        eprintln!("warning: cannot catch Ctrl-C ({e}); the temporary folder is left behind on exit");
    }
    // The URL is the result: printed even with --quiet.
    println!("Serving {} at {url} (Ctrl-C to stop)", root.display());
    if verbosity == Verbosity::Verbose {
        println!("building into {} (deleted on exit)", server.out_dir().display());
    }
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
            // Every save rebuilds: listing the same site-wide warnings each time would bury the
            // one that matters, so a large batch is counted unless --verbose asks for it.
            let listed = verbosity == Verbosity::Verbose || warnings.len() <= MAX_LISTED_WARNINGS;
            if listed {
                print_diagnostics(warnings, verbosity == Verbosity::Quiet);
            }
            if verbosity != Verbosity::Quiet {
                let note = if listed {
                    String::new()
                } else {
                    format!(" ({} warnings; `faqbook check` or serve -v lists them)", warnings.len())
                };
                println!("built {} in {} ms{note}", what(rebuild), took.as_millis());
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
