//! `faqbook completions` and `faqbook man`: generated from the clap definition, so they
//! never drift from it.

use std::io::Write;
use std::path::PathBuf;

use clap::CommandFactory;

use super::{Cli, EXIT_OK, EXIT_PROBLEMS, Verbosity};

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

pub(super) fn run_completions(args: &CompletionsArgs) -> u8 {
    clap_complete::generate(args.shell, &mut Cli::command(), "faqbook", &mut std::io::stdout());
    EXIT_OK
}

pub(super) fn run_man(verbosity: Verbosity, args: &ManArgs) -> u8 {
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
