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
pub enum Command {}

pub fn run() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {}
}
