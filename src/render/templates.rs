//! Templates: Tera 2 with the default theme embedded in the binary, and a site's
//! `themes/<name>/templates/*` and `themes/<name>/static/*` replacing single files.
//!
//! Template errors (syntax or rendering) become diagnostics naming the template file, its line
//! and the cause, because a theme author needs to find the line, not read a Rust error.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use tera::{Context, ErrorKind, Tera};
use walkdir::WalkDir;

use crate::config::Config;
use crate::diagnostics::{Diagnostic, codes};
use crate::site::urls;

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/default_theme.rs"));
}

/// Folder of the built-in theme, used to label its files in diagnostics.
const DEFAULT_THEME_LABEL: &str = "themes/default";

/// The loaded theme: compiled templates and the static files to copy to `static/`.
pub struct Theme {
    tera: Tera,
    /// Template name → file it came from (an override, or the built-in theme).
    sources: BTreeMap<String, PathBuf>,
    /// Static file path (relative to `static/`) → contents, sorted by path.
    static_files: BTreeMap<String, Cow<'static, [u8]>>,
}

impl std::fmt::Debug for Theme {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Theme").field("templates", &self.sources.keys()).finish()
    }
}

/// Loads the site's theme: the embedded default, with the files of `themes/<theme>/` on top.
/// A theme other than `default` must exist on disk. Every template is compiled here, so syntax
/// errors in any template are reported before anything is rendered.
pub fn load_theme(config: &Config) -> Result<Theme, Vec<Diagnostic>> {
    let theme_dir = config.theme_dir();
    if config.build.theme != "default" && !theme_dir.is_dir() {
        return Err(vec![Diagnostic::error(
            codes::THEME,
            config.root.join(crate::config::CONFIG_FILE),
            0,
            0,
            format!("theme `{}` not found: expected a folder {}", config.build.theme, theme_dir.display()),
        )]);
    }
    let label = Path::new(DEFAULT_THEME_LABEL);
    let mut sources: BTreeMap<String, PathBuf> = BTreeMap::new();
    let mut texts: BTreeMap<String, Cow<'static, str>> = BTreeMap::new();
    for (name, text) in embedded::DEFAULT_TEMPLATES {
        sources.insert(name.to_string(), label.join("templates").join(name));
        texts.insert(name.to_string(), Cow::Borrowed(*text));
    }
    let mut static_files: BTreeMap<String, Cow<'static, [u8]>> = embedded::DEFAULT_STATIC
        .iter()
        .map(|(name, bytes)| (name.to_string(), Cow::Borrowed(*bytes)))
        .collect();
    let mut errors = Vec::new();
    for (name, path) in theme_files(&theme_dir.join("templates"), &mut errors) {
        match std::fs::read_to_string(&path) {
            Ok(text) => {
                texts.insert(name.clone(), Cow::Owned(text));
                sources.insert(name, path);
            }
            Err(e) => errors.push(Diagnostic::error(
                codes::THEME,
                &path,
                0,
                0,
                format!("cannot read template: {e}"),
            )),
        }
    }
    for (name, path) in theme_files(&theme_dir.join("static"), &mut errors) {
        match std::fs::read(&path) {
            Ok(bytes) => {
                static_files.insert(name, Cow::Owned(bytes));
            }
            Err(e) => errors.push(Diagnostic::error(codes::THEME, &path, 0, 0, format!("cannot read: {e}"))),
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    // Joined after the overrides, so a theme's own part is in it.
    let joined = urls::search_parts_joined(|name| static_files.get(name).map(|b| b.as_ref()));
    if let Some(joined) = joined {
        static_files.insert(urls::SEARCH_PARTS_JOINED.to_string(), Cow::Owned(joined));
    }
    let mut tera = Tera::new();
    // Compile one by one so that every broken template is reported, not just the first.
    for (name, text) in &texts {
        let mut probe = Tera::new();
        if let Err(e) = probe.add_raw_template(name, text)
            && matches!(e.kind(), ErrorKind::SyntaxError(_))
        {
            errors.push(template_diagnostic(&e, &sources, name));
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    if let Err(e) = tera.add_raw_templates(texts.iter().map(|(n, t)| (n.as_str(), t.as_ref()))) {
        // Unknown filters/functions are found here, for all templates at once: report each.
        let all = match e.kind() {
            ErrorKind::Msg(text) => report_text_diagnostics(text, &|name| template_path(&sources, name)),
            _ => Vec::new(),
        };
        return Err(if all.is_empty() { vec![template_diagnostic(&e, &sources, "base.html")] } else { all });
    }
    Ok(Theme { tera, sources, static_files })
}

/// Files under a theme folder, by path relative to it (`/`-separated), sorted. A missing folder
/// is no files: overriding is optional.
fn theme_files(dir: &Path, errors: &mut Vec<Diagnostic>) -> Vec<(String, PathBuf)> {
    if !dir.is_dir() {
        return Vec::new();
    }
    let mut files = Vec::new();
    for entry in WalkDir::new(dir).sort_by_file_name() {
        match entry {
            Ok(entry) if entry.file_type().is_file() => {
                let Ok(rel) = entry.path().strip_prefix(dir) else { continue };
                let rel =
                    rel.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/");
                if !rel.split('/').any(|part| part.starts_with('.')) {
                    files.push((rel, entry.path().to_path_buf()));
                }
            }
            Ok(_) => {}
            Err(e) => {
                let path = e.path().unwrap_or(dir).to_path_buf();
                errors.push(Diagnostic::error(codes::THEME, path, 0, 0, e.to_string()));
            }
        }
    }
    files
}

impl Theme {
    /// Values every template sees (site, strings, config.extra), set once per build.
    pub fn set_globals(&mut self, globals: Context) {
        self.tera.global_context().extend(globals);
    }

    /// Renders one template; errors name the template file and line.
    pub fn render(&self, template: &str, context: &Context) -> Result<String, Diagnostic> {
        self.tera.render(template, context).map_err(|e| template_diagnostic(&e, &self.sources, template))
    }

    /// Static files to publish under `static/`, sorted by path.
    pub fn static_files(&self) -> impl Iterator<Item = (&str, &[u8])> {
        self.static_files.iter().map(|(name, bytes)| (name.as_str(), bytes.as_ref()))
    }
}

/// The built-in theme's static files as the binary ships them (its scripts minified by
/// build.rs), for tests and benchmarks that must run what a visitor's browser runs.
pub fn default_static_files() -> &'static [(&'static str, &'static [u8])] {
    embedded::DEFAULT_STATIC
}

/// Turns a Tera error into a diagnostic at the template's file and line.
fn template_diagnostic(
    error: &tera::Error,
    sources: &BTreeMap<String, PathBuf>,
    fallback: &str,
) -> Diagnostic {
    let path_of = |name: &str| {
        sources
            .get(name)
            .cloned()
            .unwrap_or_else(|| Path::new(DEFAULT_THEME_LABEL).join("templates").join(name))
    };
    match error.kind() {
        ErrorKind::SyntaxError(report) | ErrorKind::RenderingError(report) => {
            let name = if report.filename().is_empty() { fallback } else { report.filename() };
            let span = report.span();
            Diagnostic::error(
                codes::TEMPLATE,
                path_of(name),
                span.start_line,
                span.start_col + 1,
                format!("template `{name}`: {}", report.message()),
            )
        }
        ErrorKind::Msg(text) if text.contains("\n --> ") => {
            report_text_diagnostics(text, &path_of).into_iter().next().unwrap_or_else(|| {
                Diagnostic::error(
                    codes::TEMPLATE,
                    path_of(fallback),
                    0,
                    0,
                    format!("template `{fallback}`: {text}"),
                )
            })
        }
        other => {
            let mut message = other.to_string();
            let mut source = std::error::Error::source(error);
            while let Some(cause) = source {
                message.push_str(&format!(": {cause}"));
                source = cause.source();
            }
            Diagnostic::error(
                codes::TEMPLATE,
                path_of(fallback),
                0,
                0,
                format!("template `{fallback}`: {message}"),
            )
        }
    }
}

/// The file a template came from (an override, or the built-in theme).
fn template_path(sources: &BTreeMap<String, PathBuf>, name: &str) -> PathBuf {
    sources.get(name).cloned().unwrap_or_else(|| Path::new(DEFAULT_THEME_LABEL).join("templates").join(name))
}

/// Tera reports unknown filters, tests and functions of all templates at once as rendered
/// reports (`error: Unknown filter `x``, then ` --> name:line:col`); each becomes a diagnostic.
fn report_text_diagnostics(text: &str, path_of: &dyn Fn(&str) -> PathBuf) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let mut message: Option<&str> = None;
    for line in text.lines() {
        if let Some(m) = line.strip_prefix("error: ") {
            message = Some(m.trim());
        } else if let (Some(m), Some(location)) = (message, line.trim_start().strip_prefix("--> ")) {
            let mut parts = location.rsplitn(3, ':');
            let col = parts.next().and_then(|c| c.trim().parse().ok()).unwrap_or(0);
            let line_no = parts.next().and_then(|l| l.trim().parse().ok()).unwrap_or(0);
            let name = parts.next().unwrap_or(location);
            out.push(Diagnostic::error(
                codes::TEMPLATE,
                path_of(name),
                line_no,
                col,
                format!("template `{name}`: {m}"),
            ));
            message = None;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config_in(root: &Path, toml: &str) -> Config {
        Config::parse(root, &root.join("book.toml"), toml).unwrap()
    }

    #[test]
    fn default_theme_loads_from_the_binary() {
        let dir = tempfile::tempdir().unwrap();
        let theme = load_theme(&config_in(dir.path(), "")).unwrap();
        assert!(theme.sources.contains_key("faq.html"));
        assert!(theme.static_files().any(|(name, _)| name == "style.css"));
    }

    #[test]
    fn override_replaces_a_single_template() {
        let dir = tempfile::tempdir().unwrap();
        let templates = dir.path().join("themes/default/templates");
        std::fs::create_dir_all(&templates).unwrap();
        std::fs::write(templates.join("404.html"), "custom 404").unwrap();
        let theme = load_theme(&config_in(dir.path(), "")).unwrap();
        assert_eq!(theme.render("404.html", &Context::new()).unwrap(), "custom 404");
        assert!(theme.sources.contains_key("base.html"), "the others stay built in");
    }

    #[test]
    fn syntax_errors_name_template_and_line() {
        let dir = tempfile::tempdir().unwrap();
        let templates = dir.path().join("themes/mine/templates");
        std::fs::create_dir_all(&templates).unwrap();
        std::fs::write(templates.join("404.html"), "ok\nok\n{% if %}\n").unwrap();
        let errors = load_theme(&config_in(dir.path(), "[build]\ntheme = \"mine\"\n")).unwrap_err();
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert_eq!((errors[0].code, errors[0].line), (codes::TEMPLATE, 3), "{}", errors[0]);
        assert!(errors[0].path.ends_with("themes/mine/templates/404.html"), "{}", errors[0]);
    }

    #[test]
    fn missing_theme_folder_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let errors = load_theme(&config_in(dir.path(), "[build]\ntheme = \"nope\"\n")).unwrap_err();
        assert_eq!(errors[0].code, codes::THEME);
    }
}
