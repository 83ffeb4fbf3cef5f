//! A site under test, in the style of mdBook's `BookTest`: a fixture copied into a temp folder
//! as `<tmp>/site`, the real binary run on it from `<tmp>` (so paths in diagnostics read
//! `site/...`), files changed between runs, and the files and messages it leaves asserted.

use std::ffi::OsStr;
use std::path::{Path, PathBuf};

use super::{copy_dir, copy_example_site, faqbook, repo_root};

pub struct SiteTest {
    tmp: tempfile::TempDir,
}

impl SiteTest {
    /// The fixture `tests/fixtures/<rel>` (for example `build/english` or `check/clean`).
    pub fn fixture(rel: &str) -> SiteTest {
        let tmp = tempfile::tempdir().unwrap();
        copy_dir(&repo_root().join("tests/fixtures").join(rel), &tmp.path().join("site"));
        SiteTest { tmp }
    }

    /// This repository's example site (book.toml and content/).
    pub fn example() -> SiteTest {
        let tmp = tempfile::tempdir().unwrap();
        copy_example_site(tmp.path());
        SiteTest { tmp }
    }

    /// The temp folder the binary runs from (the site is its `site` folder).
    pub fn dir(&self) -> &Path {
        self.tmp.path()
    }

    pub fn site(&self) -> PathBuf {
        self.tmp.path().join("site")
    }

    /// `faqbook --root site`, to run from [`SiteTest::dir`] once its arguments (and any
    /// environment) are added.
    pub fn command(&self) -> assert_cmd::Command {
        let mut command = faqbook();
        command.current_dir(self.dir()).args(["--root", "site"]);
        command
    }

    /// `faqbook --root site <args>`, run from [`SiteTest::dir`] (a relative path in `args`
    /// names a file beside the site).
    pub fn run<S: AsRef<OsStr>>(&self, args: impl IntoIterator<Item = S>) -> assert_cmd::assert::Assert {
        self.command().args(args).assert()
    }

    /// `faqbook <args>` run inside the site folder without `--root`, as an author would (paths
    /// in messages then read `content/...`).
    pub fn run_inside<S: AsRef<OsStr>>(
        &self,
        args: impl IntoIterator<Item = S>,
    ) -> assert_cmd::assert::Assert {
        faqbook().current_dir(self.site()).args(args).assert()
    }

    /// The path of `name` beside the site (where relative paths given to [`SiteTest::run`] lead).
    pub fn beside(&self, name: &str) -> PathBuf {
        self.dir().join(name)
    }

    pub fn build(&self) -> assert_cmd::assert::Assert {
        self.run(["build"])
    }

    /// Writes `text` to the site's file `rel` (folders made as needed).
    pub fn write(&self, rel: &str, text: impl AsRef<[u8]>) -> &SiteTest {
        let path = self.site().join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).unwrap();
        }
        std::fs::write(path, text).unwrap();
        self
    }

    /// The site's file `rel`, as text.
    pub fn read(&self, rel: &str) -> String {
        let path = self.site().join(rel);
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
    }

    /// The built file `rel` (under `public/`), as text.
    pub fn output(&self, rel: &str) -> String {
        self.read(&format!("public/{rel}"))
    }

    /// Entries of the site folder, sorted: a failed run must not leave anything behind.
    pub fn site_entries(&self) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(self.site())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }
}

/// The standard output of a finished run, as text.
pub fn stdout_of(assert: &assert_cmd::assert::Assert) -> String {
    String::from_utf8_lossy(&assert.get_output().stdout).into_owned()
}

/// The exit status of a finished run (-1 when a signal ended it).
pub fn code_of(assert: &assert_cmd::assert::Assert) -> i32 {
    assert.get_output().status.code().unwrap_or(-1)
}

/// The standard error of a finished run, as text.
pub fn stderr_of(assert: &assert_cmd::assert::Assert) -> String {
    String::from_utf8_lossy(&assert.get_output().stderr).into_owned()
}

/// Asserts that `text` has `line` as one of its lines, and no panic.
pub fn assert_has_line(text: &str, line: &str) {
    assert!(text.lines().any(|l| l == line), "expected line:\n{line}\nin:\n{text}");
    assert!(!text.contains("panicked"), "{text}");
}
