//! Watching: which files `serve` watches, and what a batch of changes means for the rebuild.
//!
//! notify reports raw file-system events; notify-debouncer-full folds the bursts an editor's
//! save produces into one batch and tells what kind each event is, so that the build's own
//! reads (open/access events) do not trigger another build. `classify` (pure) turns a batch into the smallest rebuild
//! that is still correct: page edits are rebuilt page by page, anything else (configuration,
//! theme, assets, seeds) rebuilds the whole site.

use std::path::{Path, PathBuf};
use std::time::Duration;

use notify_debouncer_full::notify::event::{AccessKind, AccessMode, EventKind, ModifyKind};
use notify_debouncer_full::notify::{RecommendedWatcher, RecursiveMode};
use notify_debouncer_full::{DebounceEventResult, Debouncer, RecommendedCache, new_debouncer};

use crate::config::{CONFIG_FILE, Config};

/// Long enough to fold an editor's write-rename-chmod into one batch, short enough to feel
/// instant.
const DEBOUNCE: Duration = Duration::from_millis(80);

/// What a batch of changes asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Rebuild {
    /// Everything: configuration, theme, assets or seeds changed (or the first build).
    Full,
    /// Only these page files (`.md` under the content folder) changed, were added or removed.
    Pages(Vec<PathBuf>),
}

/// The paths whose changes matter, all absolute and canonical (so they compare equal to the
/// paths notify reports).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WatchSet {
    pub root: PathBuf,
    pub config_file: PathBuf,
    pub content_dir: PathBuf,
    pub themes_dir: PathBuf,
    pub seeds_dir: PathBuf,
}

impl WatchSet {
    /// The watch set of a site; `root` must be canonical.
    pub fn new(root: &Path, config: &Config) -> WatchSet {
        WatchSet {
            root: root.to_path_buf(),
            config_file: root.join(CONFIG_FILE),
            content_dir: root.join(&config.build.content_dir),
            themes_dir: root.join("themes"),
            seeds_dir: root.join(&config.import.seeds_dir),
        }
    }

    /// Folders watched recursively (those that exist); the root itself is watched flat, for
    /// book.toml and for these folders appearing.
    fn trees(&self) -> Vec<&Path> {
        [&self.content_dir, &self.themes_dir, &self.seeds_dir]
            .into_iter()
            .map(PathBuf::as_path)
            .filter(|p| p.is_dir())
            .collect()
    }
}

/// Files editors write beside the real one while saving; they never change the site.
fn is_editor_scratch(path: &Path) -> bool {
    let name = path.file_name().map(|n| n.to_string_lossy()).unwrap_or_default();
    name.starts_with('.')
        || name.starts_with('#')
        || name.ends_with('~')
        || name == "4913"
        || [".swp", ".swx", ".tmp", ".bak"].iter().any(|ext| name.ends_with(ext))
}

/// The rebuild a batch of changed paths needs, or `None` when none of them matters.
pub fn classify(set: &WatchSet, changed: &[PathBuf]) -> Option<Rebuild> {
    let mut pages = Vec::new();
    for path in changed {
        if is_editor_scratch(path) {
            continue;
        }
        if let Ok(rel) = path.strip_prefix(&set.content_dir) {
            // The folder itself appeared or went away (a branch switch): nothing is known about
            // its pages, and the watch on it must be set anew.
            if rel.as_os_str().is_empty() {
                return Some(Rebuild::Full);
            }
            let hidden = rel.components().any(|c| c.as_os_str().to_string_lossy().starts_with('.'));
            if hidden {
                continue;
            }
            if path.extension().is_some_and(|e| e == "md") {
                pages.push(path.clone());
                continue;
            }
            // A folder's own event (its listing changed) comes with events for the files that
            // changed in it; a removed folder, or any other file, is an asset change.
            if path.is_dir() {
                continue;
            }
            return Some(Rebuild::Full);
        }
        if path == &set.config_file || path.starts_with(&set.themes_dir) || path.starts_with(&set.seeds_dir) {
            return Some(Rebuild::Full);
        }
    }
    pages.sort();
    pages.dedup();
    (!pages.is_empty()).then_some(Rebuild::Pages(pages))
}

/// Whether an event can change the site. Reads (open, access, close after reading) cannot,
/// and neither can metadata changes: reading a file updates its access time, which inotify
/// reports as a metadata change, so counting those would make every build trigger the next.
fn is_change(kind: &EventKind) -> bool {
    match kind {
        EventKind::Access(AccessKind::Close(AccessMode::Write)) => true,
        EventKind::Access(_) | EventKind::Modify(ModifyKind::Metadata(_)) => false,
        _ => true,
    }
}

/// A running watcher; dropping it stops watching.
pub struct Watcher {
    debouncer: Debouncer<RecommendedWatcher, RecommendedCache>,
    watched: Vec<PathBuf>,
}

impl Watcher {
    /// Starts watching `set`; every debounced batch of changed paths (or watch error) goes to
    /// `on_batch` on the watcher's thread.
    pub fn start(
        set: &WatchSet,
        on_batch: impl Fn(Result<Vec<PathBuf>, String>) + Send + 'static,
    ) -> Result<Watcher, String> {
        let debouncer = new_debouncer(DEBOUNCE, None, move |result: DebounceEventResult| match result {
            Ok(events) => {
                let paths: Vec<PathBuf> = events
                    .into_iter()
                    .filter(|event| is_change(&event.kind))
                    .flat_map(|event| event.event.paths)
                    .collect();
                if !paths.is_empty() {
                    on_batch(Ok(paths));
                }
            }
            Err(errors) => {
                on_batch(Err(errors.iter().map(ToString::to_string).collect::<Vec<_>>().join("; ")))
            }
        })
        .map_err(|e| e.to_string())?;
        let mut watcher = Watcher { debouncer, watched: Vec::new() };
        watcher
            .debouncer
            .watch(&set.root, RecursiveMode::NonRecursive)
            .map_err(|e| format!("{}: {e}", set.root.display()))?;
        watcher.update(set)?;
        Ok(watcher)
    }

    /// Watches the folders of `set` that exist now (a `themes/` created after start, a changed
    /// `content-dir`). Each is watched anew: a folder deleted and recreated under the same
    /// name (a branch switch) lost its watch with the old folder.
    pub fn update(&mut self, set: &WatchSet) -> Result<(), String> {
        for old in std::mem::take(&mut self.watched) {
            // A folder that went away took its watch with it; the error says so and is moot.
            let _ = self.debouncer.unwatch(&old);
        }
        for tree in set.trees() {
            self.debouncer
                .watch(tree, RecursiveMode::Recursive)
                .map_err(|e| format!("{}: {e}", tree.display()))?;
            self.watched.push(tree.to_path_buf());
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use notify_debouncer_full::notify::event::{DataChange, MetadataKind, RemoveKind};

    fn set() -> WatchSet {
        let root = PathBuf::from("/site");
        let config = Config::parse(&root, &root.join("book.toml"), "").unwrap();
        WatchSet::new(&root, &config)
    }

    fn paths(list: &[&str]) -> Vec<PathBuf> {
        list.iter().map(PathBuf::from).collect()
    }

    #[test]
    fn page_edits_rebuild_only_those_pages() {
        let rebuild =
            classify(&set(), &paths(&["/site/content/b.md", "/site/content/a.md", "/site/content/b.md"]));
        assert_eq!(rebuild, Some(Rebuild::Pages(paths(&["/site/content/a.md", "/site/content/b.md"]))));
    }

    #[test]
    fn config_theme_assets_and_seeds_rebuild_everything() {
        for changed in [
            "/site/book.toml",
            "/site/themes/default/page.html",
            "/site/content/images/a.png",
            "/site/seeds/2026-01.txt",
        ] {
            let batch = paths(&["/site/content/a.md", changed]);
            assert_eq!(classify(&set(), &batch), Some(Rebuild::Full), "{changed}");
        }
    }

    #[test]
    fn scratch_files_and_unrelated_paths_are_ignored() {
        let batch = paths(&[
            "/site/content/.a.md.swp",
            "/site/content/a.md~",
            "/site/content/4913",
            "/site/content/.git/index",
            "/site/README.md",
            "/site/public/index.html",
        ]);
        assert_eq!(classify(&set(), &batch), None);
    }

    #[test]
    fn a_content_folder_that_appears_or_goes_away_rebuilds_everything() {
        assert_eq!(classify(&set(), &paths(&["/site/content"])), Some(Rebuild::Full));
    }

    #[test]
    fn reads_and_access_time_updates_are_not_changes() {
        assert!(!is_change(&EventKind::Access(AccessKind::Open(AccessMode::Any))));
        assert!(!is_change(&EventKind::Access(AccessKind::Close(AccessMode::Read))));
        assert!(is_change(&EventKind::Access(AccessKind::Close(AccessMode::Write))));
        assert!(!is_change(&EventKind::Modify(ModifyKind::Metadata(MetadataKind::AccessTime))));
        assert!(is_change(&EventKind::Modify(ModifyKind::Data(DataChange::Any))));
        assert!(is_change(&EventKind::Remove(RemoveKind::File)));
    }

    #[test]
    fn watcher_reports_a_changed_page() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().canonicalize().unwrap();
        std::fs::create_dir(root.join("content")).unwrap();
        let config = Config::parse(&root, &root.join("book.toml"), "").unwrap();
        let set = WatchSet::new(&root, &config);
        let (sender, receiver) = std::sync::mpsc::channel();
        let _watcher = Watcher::start(&set, move |batch| {
            let _ = sender.send(batch);
        })
        .unwrap();
        std::fs::write(root.join("content/a.md"), "x").unwrap();
        let deadline = std::time::Instant::now() + Duration::from_secs(10);
        let mut seen = Vec::new();
        while std::time::Instant::now() < deadline && classify(&set, &seen).is_none() {
            if let Ok(Ok(batch)) = receiver.recv_timeout(Duration::from_millis(200)) {
                seen.extend(batch);
            }
        }
        assert_eq!(classify(&set, &seen), Some(Rebuild::Pages(vec![root.join("content/a.md")])), "{seen:?}");
    }
}
