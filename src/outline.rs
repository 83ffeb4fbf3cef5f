//! The outline of a page body: its headings and the sections they open, from one pulldown-cmark
//! parse with the site's Markdown options. The one owner of what a heading's text is (ATX of any
//! level and setext alike), of where a section ends and of which heading opens the inquiry:
//! `lint` (empty sections, no inquiry), heading anchors and `similar` (the question) read it.

use std::ops::Range;

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use crate::config::normalize_label;

/// The Markdown extensions every page gets: the one Markdown dialect, so the outline, the
/// renderer and the link checker parse a body alike.
pub fn parser_options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
}

/// Headings that open the inquiry section, after `normalize_label` (NFKC, lower case). Both site
/// languages are accepted on every site: a Japanese site may hold pages written in English.
const INQUIRY_HEADINGS: [&str; 6] =
    ["問い合わせ", "お問い合わせ", "問合せ", "問い合せ", "question", "inquiry"];

/// A heading and the section it opens.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    pub level: usize,
    /// Byte offset of the heading in the body.
    pub offset: usize,
    /// The heading's text, inline markup left out.
    pub title: String,
    /// Bytes of the section below its heading, up to the next heading of the same or a higher
    /// level (subsections belong to it).
    pub content: Range<usize>,
    /// Whether anything but further headings follows the heading inside its section.
    pub has_content: bool,
}

/// What is known about a page body after one parse.
#[derive(Debug, Default)]
pub struct Outline {
    pub sections: Vec<Section>,
    /// Anything a reader would see, outside headings.
    pub has_content: bool,
    /// Byte offset and source text of each raw HTML block or inline tag.
    pub raw_html: Vec<(usize, String)>,
}

impl Outline {
    /// The first section whose heading opens the inquiry.
    pub fn inquiry(&self) -> Option<&Section> {
        self.sections.iter().find(|section| is_inquiry_heading(&section.title))
    }
}

/// Whether a heading opens the inquiry section.
pub fn is_inquiry_heading(title: &str) -> bool {
    let key = normalize_label(title);
    let key = key.trim_end_matches(':').trim_end();
    INQUIRY_HEADINGS.contains(&key)
}

/// The outline of `body`.
pub fn outline(body: &str) -> Outline {
    let mut outline = Outline::default();
    // Indices into `outline.sections` of the headings whose section is still open.
    let mut open: Vec<usize> = Vec::new();
    let mut heading: Option<usize> = None;
    for (event, range) in Parser::new_ext(body, parser_options()).into_offset_iter() {
        let is_content = match &event {
            Event::Start(Tag::Heading { level, .. }) => {
                let level = *level as usize;
                while let Some(i) = open.pop_if(|i| outline.sections[*i].level >= level) {
                    outline.sections[i].content.end = range.start;
                }
                let section = Section {
                    level,
                    offset: range.start,
                    title: String::new(),
                    content: range.end..body.len(),
                    has_content: false,
                };
                outline.sections.push(section);
                open.push(outline.sections.len() - 1);
                heading = open.last().copied();
                false
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some(i) = heading.take() {
                    outline.sections[i].content.start = range.end;
                }
                false
            }
            Event::Start(Tag::HtmlBlock) => {
                let source = body.get(range.clone()).unwrap_or_default();
                outline.raw_html.push((range.start, source.to_string()));
                // A block that is only an HTML comment shows nothing to a reader.
                !source.trim_start().starts_with("<!--")
            }
            Event::InlineHtml(html) => {
                outline.raw_html.push((range.start, html.to_string()));
                heading.is_none()
            }
            Event::Text(text) | Event::Code(text) => {
                if let Some(i) = heading {
                    outline.sections[i].title.push_str(text);
                }
                heading.is_none()
            }
            // Inside an HTML block: already counted at its start.
            Event::Html(_) => false,
            Event::End(_) | Event::Rule | Event::SoftBreak | Event::HardBreak => false,
            _ => heading.is_none(),
        };
        if is_content {
            outline.has_content = true;
            for &i in &open {
                outline.sections[i].has_content = true;
            }
        }
    }
    outline
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sections_end_at_the_next_heading_of_their_level_or_above() {
        let body = "# A\n\na\n\n## B\n\nb\n\n### C\n\nc\n\n## D\n\nd\n";
        let outline = outline(body);
        let text = |i: usize| body[outline.sections[i].content.clone()].trim();
        assert_eq!(
            outline.sections.iter().map(|s| s.title.as_str()).collect::<Vec<_>>(),
            ["A", "B", "C", "D"]
        );
        assert_eq!(text(1), "b\n\n### C\n\nc");
        assert_eq!(text(2), "c");
        assert_eq!(text(3), "d");
        assert!(text(0).ends_with("d"), "the level-1 section holds the rest");
    }

    #[test]
    fn every_heading_form_can_open_the_inquiry() {
        for body in [
            "# 問い合わせ\n\n届かない\n",
            "### 問い合わせ\n\n届かない\n",
            "問い合わせ\n---\n\n届かない\n",
            "問い合わせ\n===\n\n届かない\n",
            "## `Question`:\n\n届かない\n",
        ] {
            let outline = outline(body);
            let inquiry = outline.inquiry().unwrap_or_else(|| panic!("{body}"));
            assert_eq!(body[inquiry.content.clone()].trim(), "届かない", "{body}");
        }
    }
}
