//! Fenced code blocks highlighted at build time with syntect, as CSS classes (no inline
//! colours), so one stylesheet can switch between light and dark with `prefers-color-scheme`.
//!
//! The syntax and theme sets are loaded once per process (they take milliseconds to load and
//! every page of a large site would otherwise pay for it).

use std::sync::OnceLock;

use syntect::highlighting::ThemeSet;
use syntect::html::{ClassStyle, ClassedHTMLGenerator, css_for_theme_with_class_style};
use syntect::parsing::SyntaxSet;
use syntect::util::LinesWithEndings;

/// Prefix of every highlighting class, so theme CSS cannot clash with the site's own classes.
const CLASS_STYLE: ClassStyle = ClassStyle::SpacedPrefixed { prefix: "hl-" };
const LIGHT_THEME: &str = "InspiredGitHub";
const DARK_THEME: &str = "base16-ocean.dark";

fn syntax_set() -> &'static SyntaxSet {
    static SYNTAXES: OnceLock<SyntaxSet> = OnceLock::new();
    SYNTAXES.get_or_init(SyntaxSet::load_defaults_newlines)
}

fn theme_set() -> &'static ThemeSet {
    static THEMES: OnceLock<ThemeSet> = OnceLock::new();
    THEMES.get_or_init(ThemeSet::load_defaults)
}

/// Highlighted HTML for the inside of `<code>`, or `None` when the language is unknown (the
/// caller then shows the code as escaped plain text).
pub fn highlight_code(lang: &str, code: &str) -> Option<String> {
    let syntaxes = syntax_set();
    let syntax = syntaxes.find_syntax_by_token(lang.trim())?;
    let mut generator = ClassedHTMLGenerator::new_with_class_style(syntax, syntaxes, CLASS_STYLE);
    for line in LinesWithEndings::from(code) {
        generator.parse_html_for_line_which_includes_newline(line).ok()?;
    }
    Some(generator.finalize())
}

/// The stylesheet for highlighted code: light colours, and dark ones under
/// `prefers-color-scheme: dark`. Generated from syntect's bundled themes at build time.
pub fn highlight_css() -> String {
    let themes = theme_set();
    let css_of = |name: &str| {
        themes.themes.get(name).and_then(|theme| css_for_theme_with_class_style(theme, CLASS_STYLE).ok())
    };
    let light = css_of(LIGHT_THEME).unwrap_or_default();
    let dark = css_of(DARK_THEME).unwrap_or_default();
    format!("{light}\n@media (prefers-color-scheme: dark) {{\n{dark}\n}}\n@media print {{\n{light}\n}}\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_language_gets_classes() {
        let html = highlight_code("rust", "fn main() {}\n").unwrap();
        assert!(html.contains("class=\"hl-"), "{html}");
        assert!(!html.contains("style="), "colours come from CSS, not inline styles");
    }

    #[test]
    fn code_is_escaped() {
        let html = highlight_code("html", "<script>alert(1)</script>\n").unwrap();
        assert!(!html.contains("<script>"), "{html}");
    }

    #[test]
    fn unknown_language_is_none() {
        assert_eq!(highlight_code("no-such-language", "x"), None);
    }

    #[test]
    fn css_has_light_and_dark_parts() {
        let css = highlight_css();
        assert!(css.contains(".hl-"), "classes are prefixed");
        assert!(css.contains("prefers-color-scheme: dark"));
    }
}
