//! Render: one FAQ page's Markdown into HTML, and pages into the theme's templates.
//!
//! `markdown` turns a body into HTML (anchors, highlighted code, raw HTML as text unless
//! trusted), `links` resolves links between pages for both `build` and `check`, `highlight`
//! owns syntect, `templates` owns Tera and the embedded default theme, `strings` the UI text in
//! each language. Nothing here knows about output folders; `site` decides where things go.

pub mod highlight;
pub mod links;
pub mod markdown;
pub mod raw_html;
pub mod strings;
pub mod templates;
