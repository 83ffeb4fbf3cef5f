//! The Google Docs web-page reader (File → Download → Web page): the `.html` alone, or the
//! `.zip` holding it and its `images/`.
//!
//! Google writes every style as a generated class (`.c5{color:#e69138}`), so colours come from
//! the `<style>` sheet, read with a CSS tokenizer. Headings are `h1`–`h6` (and `p.title`), list
//! items `li` whose level is in the `lst-kix_…-N` class (lists are flat siblings, not nested),
//! links wrapped in Google's redirect are unwrapped, and spacer paragraphs (`&nbsp;` only) are
//! blank lines.

use std::collections::HashMap;

use cssparser::{Parser, Token};
use scraper::{ElementRef, Html, Node};

use super::archive::Archive;
use super::colour::{self, Rgb, Styled, parse_hex};
use super::links::{self, Asset};
use super::text::structure;
use crate::minutes::line::{Block, Line};

/// Elements nested deeper than this are not walked (html5ever builds any depth).
const MAX_DEPTH: usize = 100;

pub struct Parts {
    pub lines: Vec<Styled>,
    pub assets: Vec<Asset>,
}

/// Reads the exported HTML; `images` is the zip the export came in, if any.
pub fn read(html: &str, images: Option<&mut Archive<'_>>) -> Result<Parts, String> {
    let document = Html::parse_document(html);
    let mut css = String::new();
    for node in document.tree.root().descendants() {
        if let Some(element) = ElementRef::wrap(node)
            && element.value().name() == "style"
        {
            css.extend(element.text());
        }
    }
    let mut reader = Reader {
        classes: class_colours(&css),
        images,
        parts: Parts { lines: Vec::new(), assets: Vec::new() },
        paragraph: 0,
        after_blank: false,
    };
    let body = document
        .tree
        .root()
        .descendants()
        .filter_map(ElementRef::wrap)
        .find(|e| e.value().name() == "body")
        .ok_or("no <body>: not a web-page export")?;
    reader.blocks(body, 0, false, 0)?;
    Ok(reader.parts)
}

/// `class` → colour, for rules whose selector is classes only (`.c5`, `.c1, .c7`).
fn class_colours(css: &str) -> HashMap<String, Rgb> {
    let mut parser = Parser::new(css);
    let mut colours = HashMap::new();
    let mut selector: Vec<String> = Vec::new();
    let mut simple = true;
    let mut after_dot = false;
    while let Ok(token) = parser.next_including_whitespace() {
        match token {
            Token::Delim('.') => after_dot = true,
            Token::Ident(name) if after_dot => {
                selector.push(name.to_string());
                after_dot = false;
            }
            Token::Comma | Token::WhiteSpace(_) => after_dot = false,
            Token::CurlyBracketBlock => {
                let colour = parser
                    .parse_nested_block(|p| Ok::<_, cssparser::ParseError<()>>(colour_of(p)))
                    .ok()
                    .flatten();
                if simple && let Some(colour) = colour {
                    for class in &selector {
                        colours.insert(class.clone(), colour);
                    }
                }
                selector.clear();
                simple = true;
                after_dot = false;
            }
            _ => {
                simple = false;
                after_dot = false;
            }
        }
    }
    colours
}

/// The `color` of a declaration list (`color:#e69138;font-weight:700`).
fn colour_of(parser: &mut Parser<'_>) -> Option<Rgb> {
    let mut property: Option<String> = None;
    let mut expect_value = false;
    let mut found = None;
    while let Ok(token) = parser.next() {
        match token {
            Token::Ident(name) if !expect_value => property = Some(name.to_ascii_lowercase()),
            Token::Colon => expect_value = true,
            Token::Semicolon => {
                property = None;
                expect_value = false;
            }
            Token::Hash(value) | Token::IDHash(value)
                if expect_value && property.as_deref() == Some("color") =>
            {
                found = parse_hex(value);
            }
            _ => {}
        }
    }
    found
}

/// The colour an inline `style` attribute sets.
fn inline_colour(style: &str) -> Option<Rgb> {
    let mut parser = Parser::new(style);
    colour_of(&mut parser)
}

struct Reader<'r, 'a> {
    classes: HashMap<String, Rgb>,
    images: Option<&'r mut Archive<'a>>,
    parts: Parts,
    paragraph: usize,
    after_blank: bool,
}

impl Reader<'_, '_> {
    fn colour(&self, element: ElementRef<'_>) -> Option<Rgb> {
        element
            .attr("style")
            .and_then(inline_colour)
            .or_else(|| element.value().classes().find_map(|c| self.classes.get(c).copied()))
    }

    /// Block-level content; `list_depth` counts enclosing `ul`/`ol`, `ordered` the innermost.
    fn blocks(
        &mut self,
        node: ElementRef<'_>,
        list_depth: usize,
        ordered: bool,
        depth: usize,
    ) -> Result<(), String> {
        if depth > MAX_DEPTH {
            return Ok(());
        }
        for child in node.children() {
            let Some(element) = ElementRef::wrap(child) else { continue };
            let name = element.value().name();
            match name {
                "p" | "li" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                    self.paragraph(element, list_depth, ordered)?;
                }
                "ul" | "ol" => self.blocks(element, list_depth + 1, name == "ol", depth + 1)?,
                "table" => self.table(element)?,
                "style" | "script" | "head" | "title" => {}
                // Google's comment and footnote texts at the end of the export.
                "div" if element.children().filter_map(ElementRef::wrap).any(is_note_anchor_holder) => {}
                _ => self.blocks(element, list_depth, ordered, depth + 1)?,
            }
        }
        Ok(())
    }

    fn paragraph(&mut self, element: ElementRef<'_>, list_depth: usize, ordered: bool) -> Result<(), String> {
        self.paragraph += 1;
        let number = self.paragraph;
        let name = element.value().name();
        let block = match name.strip_prefix('h').and_then(|l| l.parse::<usize>().ok()) {
            Some(level) => Block::Heading { level },
            None if name == "li" => Block::ListItem {
                level: list_level(element).unwrap_or(list_depth.saturating_sub(1)),
                ordered,
            },
            None if element.value().classes().any(|c| c == "title") => Block::Heading { level: 1 },
            None => Block::Paragraph,
        };
        let mut pieces = Vec::new();
        self.inline(element, self.colour(element), &mut pieces, 0)?;
        let text: String = pieces.iter().map(|(t, _, _)| t.as_str()).collect();
        let text = text.replace('\u{a0}', " ");
        if text.trim().is_empty() {
            if let Block::ListItem { .. } = block {
                // An empty bullet, like `-` alone in text: it quotes the line after it.
                let line =
                    Line { number, block, text: String::new(), after_blank: self.after_blank, comment: None };
                self.parts.lines.push(Styled { line, colour: None });
                self.after_blank = false;
            } else {
                self.after_blank = true;
            }
            return Ok(());
        }
        let colour = dominant(&pieces);
        let segments: Vec<&str> = match block {
            Block::Paragraph => text.split('\n').collect(),
            _ => vec![text.as_str()],
        };
        for segment in segments {
            let segment = segment.replace('\n', " ");
            if segment.trim().is_empty() {
                continue;
            }
            let (block, text) = match block {
                Block::Paragraph => structure(&segment),
                other => (other, segment.split_whitespace().collect::<Vec<_>>().join(" ")),
            };
            let line = Line { number, block, text, after_blank: self.after_blank, comment: None };
            self.after_blank = false;
            self.parts.lines.push(Styled { line, colour });
        }
        Ok(())
    }

    /// Text, spans, links, breaks and images, each piece with its colour.
    fn inline(
        &mut self,
        node: ElementRef<'_>,
        colour: Option<Rgb>,
        out: &mut Vec<Piece>,
        depth: usize,
    ) -> Result<(), String> {
        if depth > MAX_DEPTH {
            return Ok(());
        }
        for child in node.children() {
            match child.value() {
                Node::Text(text) => out.push((text.replace('\u{a0}', " "), colour, false)),
                Node::Element(_) => {
                    let Some(element) = ElementRef::wrap(child) else { continue };
                    let own = self.colour(element).or(colour);
                    match element.value().name() {
                        "br" => out.push(("\n".to_string(), own, false)),
                        "a" => {
                            let href = element.attr("href").unwrap_or_default();
                            if is_note_anchor(href) {
                                continue;
                            }
                            let mut inner = Vec::new();
                            self.inline(element, own, &mut inner, depth + 1)?;
                            let label: String = inner.iter().map(|(t, _, _)| t.as_str()).collect();
                            let text = if href.is_empty() { label } else { links::link_text(&label, href) };
                            out.push((text, own, true));
                        }
                        "img" => {
                            if let Some(asset) = self.image(element.attr("src").unwrap_or_default())? {
                                out.push((links::image_reference(&asset), own, true));
                                if !self.parts.assets.iter().any(|a| a.name == asset.name) {
                                    self.parts.assets.push(asset);
                                }
                            }
                        }
                        "style" | "script" => {}
                        _ => self.inline(element, own, out, depth + 1)?,
                    }
                }
                _ => {}
            }
        }
        Ok(())
    }

    fn image(&mut self, src: &str) -> Result<Option<Asset>, String> {
        let Some(archive) = self.images.as_mut() else { return Ok(None) };
        if src.contains("://") || src.starts_with("data:") {
            return Ok(None);
        }
        let src = percent_encoding::percent_decode_str(src).decode_utf8_lossy().into_owned();
        let name = archive.names().into_iter().find(|n| n == &src || n.ends_with(&format!("/{src}")));
        let Some(name) = name else { return Ok(None) };
        Ok(archive.read(&name)?.and_then(|bytes| links::asset(&name, bytes)))
    }

    /// A table as Markdown rows, a rule after the first.
    fn table(&mut self, table: ElementRef<'_>) -> Result<(), String> {
        let mut first = true;
        let rows: Vec<ElementRef<'_>> =
            table.descendants().filter_map(ElementRef::wrap).filter(|e| e.value().name() == "tr").collect();
        for row in rows {
            let number = self.paragraph + 1;
            let cells: Vec<String> = row
                .children()
                .filter_map(ElementRef::wrap)
                .filter(|c| matches!(c.value().name(), "td" | "th"))
                .map(|c| {
                    c.text()
                        .collect::<String>()
                        .replace('\u{a0}', " ")
                        .split_whitespace()
                        .collect::<Vec<_>>()
                        .join(" ")
                        .replace('|', "/")
                })
                .collect();
            self.paragraph += cells.len().max(1);
            if cells.iter().all(String::is_empty) {
                continue;
            }
            let mut push = |text: String| {
                let line = Line {
                    number,
                    block: Block::Paragraph,
                    text,
                    after_blank: self.after_blank,
                    comment: None,
                };
                self.after_blank = false;
                self.parts.lines.push(Styled { line, colour: None });
            };
            push(format!("| {} |", cells.join(" | ")));
            if first {
                push(format!("|{}", " --- |".repeat(cells.len())));
                first = false;
            }
        }
        Ok(())
    }
}

/// The level `N` of a `lst-kix_…-N` class.
fn list_level(element: ElementRef<'_>) -> Option<usize> {
    let parent = element.parent().and_then(ElementRef::wrap);
    element.value().classes().chain(parent.into_iter().flat_map(|p| p.value().classes())).find_map(|class| {
        let rest = class.strip_prefix("lst-")?;
        rest.rsplit_once('-')?.1.parse().ok()
    })
}

/// Google's anchors to comments and footnotes (`#cmnt1`, `#ftnt1`) are not text.
fn is_note_anchor(href: &str) -> bool {
    href.starts_with("#cmnt") || href.starts_with("#ftnt")
}

fn is_note_anchor_holder(element: ElementRef<'_>) -> bool {
    element.descendants().filter_map(ElementRef::wrap).any(|e| {
        e.value().name() == "a" && e.attr("href").is_some_and(is_note_anchor) && e.attr("id").is_some()
    })
}

/// A piece of text, its colour, and whether it is link text (whose colour is not a marking).
type Piece = (String, Option<Rgb>, bool);

fn dominant(pieces: &[Piece]) -> Option<Rgb> {
    colour::dominant(pieces.iter().filter(|p| !p.2).map(|(t, c, _)| (t.as_str(), *c)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(html: &str) -> Vec<(Block, String, Option<Rgb>)> {
        read(html, None)
            .unwrap_or_else(|e| panic!("{e}"))
            .lines
            .into_iter()
            .map(|s| (s.line.block, s.line.text, s.colour))
            .collect()
    }

    #[test]
    fn classes_resolve_to_colours() {
        let colours = class_colours(
            ".c5{color:#e69138;font-weight:700}.c1,.c2{color:#000000}ul.lst-kix_a-0{list-style-type:none}.lst-kix_a-0>li:before{content:\"\\0025cf  \"}",
        );
        assert_eq!(colours.get("c5"), Some(&[0xe6, 0x91, 0x38]));
        assert_eq!(colours.get("c2"), Some(&[0, 0, 0]));
        assert_eq!(colours.len(), 3);
    }

    #[test]
    fn google_docs_html_becomes_typed_lines() {
        let html = r##"<html><head><style type="text/css">.c3{color:#e69138}.c0{color:#000000}</style></head>
<body class="doc-content"><h2 class="c1"><span class="c0">Zoom</span></h2>
<p class="c1"><span class="c0">Cannot join.</span></p><p class="c1"><span class="c0">&nbsp;</span></p>
<ol class="lst-kix_x-0 start"><li class="c1"><span class="c0">Step one</span></li></ol>
<ul class="lst-kix_y-0 start"><li><span class="c3">A remark</span></li></ul>
<ul class="lst-kix_y-1 start"><li><span class="c0">Nested</span></li></ul>
<p><span class="c3">Coloured, no bullet, see </span><span class="c3"><a href="https://www.google.com/url?q=https://a.example/x%3Fy%3D1&amp;sa=D">here</a></span></p>
<div><p><a href="#cmnt1" id="cmnt_ref1">[a]</a>a Docs comment</p></div></body></html>"##;
        let orange = Some([0xe6, 0x91, 0x38]);
        assert_eq!(
            lines(html),
            [
                (Block::Heading { level: 2 }, "Zoom".to_string(), Some([0, 0, 0])),
                (Block::Paragraph, "Cannot join.".to_string(), Some([0, 0, 0])),
                (Block::ListItem { level: 0, ordered: true }, "Step one".to_string(), Some([0, 0, 0])),
                (Block::ListItem { level: 0, ordered: false }, "A remark".to_string(), orange),
                (Block::ListItem { level: 1, ordered: false }, "Nested".to_string(), Some([0, 0, 0])),
                (
                    Block::Paragraph,
                    "Coloured, no bullet, see here (https://a.example/x?y=1)".to_string(),
                    orange
                ),
            ]
        );
    }
}
