//! `faqbook init` and `faqbook new`.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use clap::ValueEnum;

use super::{EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, Verbosity, print_diagnostics};
use crate::config::{Config, Language};
use crate::scaffold::{self, NewPageRequest, ScaffoldError};

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

/// A path as the user can paste it into a shell.
fn shell_quoted(path: &Path) -> String {
    let text = path.display().to_string();
    if !text.is_empty() && text.chars().all(|c| c.is_ascii_alphanumeric() || "-_./".contains(c)) {
        text
    } else {
        format!("'{}'", text.replace('\'', r"'\''"))
    }
}

pub(super) fn run_init(root: &Path, verbosity: Verbosity, args: &InitArgs) -> u8 {
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

pub(super) fn run_new(root: &Path, verbosity: Verbosity, args: &NewArgs) -> u8 {
    let config = match Config::load(root) {
        Ok(config) => config,
        Err(e) => {
            print_diagnostics(&e.0, false);
            return EXIT_USAGE;
        }
    };
    let taken_ids: BTreeSet<String> =
        crate::content::load_site(&config).pages.into_iter().map(|page| page.front.id).collect();
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shell_quoting_leaves_plain_paths_alone() {
        assert_eq!(shell_quoted(Path::new("my-faq/site")), "my-faq/site");
        assert_eq!(shell_quoted(Path::new("my faq")), "'my faq'");
        assert_eq!(shell_quoted(Path::new("it's")), r"'it'\''s'");
    }
}
