//! The builder `serve` uses: a full build that keeps the site it built ([`LiveSite`]), then,
//! for changes of page files only, that site updated in place: the changed pages are read
//! again and exactly the output files whose inputs changed are written (other pages' listings,
//! related pages and counts, the search index and feeds included). Anything else (configuration,
//! theme, assets), a failed build, or a change only a full build can judge, is a full build.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use super::{Rebuild, SiteBuilder};
use crate::config::Config;
use crate::site::BuildFailure;
use crate::site::live::LiveSite;

type BuildResult = Result<Vec<crate::diagnostics::Diagnostic>, Vec<crate::diagnostics::Diagnostic>>;

/// Builds the site under `root` for `serve`.
pub struct SiteBuild {
    root: PathBuf,
    /// The day content rules measure staleness from (decided by the caller, once).
    today: NaiveDate,
    /// The site of the last good build, to update in place.
    live: Option<LiveSite>,
}

impl SiteBuild {
    pub fn new(root: &Path, today: NaiveDate) -> SiteBuild {
        SiteBuild { root: root.to_path_buf(), today, live: None }
    }

    fn full(&mut self, dest: &Path) -> BuildResult {
        self.live = None;
        let config = Config::load(&self.root).map_err(|e| e.0)?;
        match LiveSite::build(&config, self.today, dest) {
            Ok((live, warnings)) => {
                self.live = live;
                Ok(warnings)
            }
            Err(BuildFailure::Config(errors) | BuildFailure::Content(errors)) => Err(errors),
        }
    }
}

impl SiteBuilder for SiteBuild {
    fn build(&mut self, dest: &Path, rebuild: &Rebuild) -> BuildResult {
        if let Rebuild::Pages(paths) = rebuild
            && let Some(live) = self.live.as_mut()
        {
            match live.update(dest, paths) {
                Some(Ok(warnings)) => return Ok(warnings),
                Some(Err(errors)) => {
                    // The next good save makes a full build (serve asks for one after a failure).
                    self.live = None;
                    return Err(errors);
                }
                None => {}
            }
        }
        self.full(dest)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = "---\nid: mail-1\ntitle: 件名\nservice: メール\ntags: [パスワード]\nstatus: resolved\n\
                        date: 2026-01-15\n---\n\n## 問い合わせ\n\n本文\n";

    fn site() -> (tempfile::TempDir, PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().canonicalize().unwrap();
        std::fs::create_dir(root.join("content")).unwrap();
        std::fs::write(
            root.join("book.toml"),
            "[[services]]\nname = \"メール\"\nslug = \"mail\"\n[[tags]]\nname = \"パスワード\"\nslug = \"password\"\n",
        )
        .unwrap();
        std::fs::write(root.join("content/mail-1.md"), PAGE).unwrap();
        std::fs::write(root.join("content/mail-2.md"), PAGE.replace("mail-1", "mail-2")).unwrap();
        (dir, root)
    }

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 2, 1).unwrap()
    }

    fn build(builder: &mut SiteBuild, dest: &Path, rebuild: Rebuild) -> BuildResult {
        builder.build(dest, &rebuild)
    }

    #[test]
    fn edits_update_the_kept_site_and_what_other_pages_show() {
        let (_dir, root) = site();
        let dest = root.join("out");
        let mut builder = SiteBuild::new(&root, today());
        build(&mut builder, &dest, Rebuild::Full).unwrap();
        let page = root.join("content/mail-1.md");
        let home_before = std::fs::read(dest.join("index.html")).unwrap();

        std::fs::write(&page, PAGE.replace("本文", "新しい本文")).unwrap();
        build(&mut builder, &dest, Rebuild::Pages(vec![page.clone()])).unwrap();
        assert!(builder.live.is_some(), "served from the kept site");
        let html = std::fs::read_to_string(dest.join("faq/mail-1.html")).unwrap();
        assert!(html.contains("新しい本文"), "{html}");
        assert_eq!(std::fs::read(dest.join("index.html")).unwrap(), home_before, "listings untouched");

        std::fs::write(&page, PAGE.replace("title: 件名", "title: 新しい件名")).unwrap();
        build(&mut builder, &dest, Rebuild::Pages(vec![page])).unwrap();
        assert!(builder.live.is_some(), "a title edit is an update too");
        assert!(std::fs::read_to_string(dest.join("index.html")).unwrap().contains("新しい件名"));
        let neighbour = std::fs::read_to_string(dest.join("faq/mail-2.html")).unwrap();
        assert!(neighbour.contains("新しい件名"), "the other page's links follow: {neighbour}");
    }

    #[test]
    fn the_single_page_render_equals_the_full_build() {
        let (_dir, root) = site();
        let (incremental, full) = (root.join("incremental"), root.join("full"));
        let mut builder = SiteBuild::new(&root, today());
        build(&mut builder, &incremental, Rebuild::Full).unwrap();
        let page = root.join("content/mail-2.md");
        let edited = PAGE.replace("mail-1", "mail-2").replace("## 問い合わせ", "## 問い合わせ\n\n### 追記");
        std::fs::write(&page, edited).unwrap();
        build(&mut builder, &incremental, Rebuild::Pages(vec![page])).unwrap();
        SiteBuild::new(&root, today()).build(&full, &Rebuild::Full).unwrap();
        for file in ["faq/mail-2.html", "faq/mail-1.html", "index.html"] {
            assert_eq!(
                std::fs::read_to_string(incremental.join(file)).unwrap(),
                std::fs::read_to_string(full.join(file)).unwrap(),
                "{file}"
            );
        }
    }

    #[test]
    fn a_broken_edit_is_reported_with_its_line() {
        let (_dir, root) = site();
        let dest = root.join("out");
        let mut builder = SiteBuild::new(&root, today());
        build(&mut builder, &dest, Rebuild::Full).unwrap();
        let page = root.join("content/mail-1.md");
        std::fs::write(&page, PAGE.replace("status: resolved", "status: done")).unwrap();
        let errors = build(&mut builder, &dest, Rebuild::Pages(vec![page.clone()])).unwrap_err();
        assert_eq!(
            (errors[0].code, errors[0].line),
            (crate::diagnostics::codes::UNKNOWN_STATUS, 6),
            "{errors:?}"
        );
    }

    #[test]
    fn a_single_page_edit_gets_the_content_rules_of_the_full_build() {
        let (_dir, root) = site();
        let dest = root.join("out");
        let mut builder = SiteBuild::new(&root, today());
        build(&mut builder, &dest, Rebuild::Full).unwrap();
        let page = root.join("content/mail-1.md");
        std::fs::write(&page, PAGE.replace("本文", "本文\n\n## 対応\n")).unwrap();
        let errors = build(&mut builder, &dest, Rebuild::Pages(vec![page])).unwrap_err();
        let error = errors.iter().find(|d| d.severity == crate::diagnostics::Severity::Error).unwrap();
        assert_eq!((error.code, error.line), (crate::diagnostics::codes::EMPTY_SECTION, 14), "{errors:?}");
    }
}
