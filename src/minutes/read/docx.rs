//! The Word (.docx) reader: `word/document.xml` with its styles, numbering and relationships.
//!
//! Headings come from paragraph styles (Heading 1–6, Title, localised names, or the style's
//! outline level), list items from `w:numPr` or from a list style (`List Bullet 2` carries its
//! level in its name), numbered versus bulleted from `numbering.xml`, colours from `w:color`
//! through the run and paragraph style chains, links from the relationships. Soft breaks split a
//! paragraph into lines as a text export does; tables become Markdown table rows.

use std::collections::HashMap;
use std::sync::LazyLock;

use regex::Regex;

use super::archive::Archive;
use super::colour::{self, Rgb, Styled, parse_hex};
use super::links::{self, Asset};
use super::text::structure;
use super::xml::{self, Element, Node};
use crate::minutes::line::{BOLD_HEADING_LEVEL, Block, Line, bold_text_is_heading};

/// Style chains longer than this are cycles.
const MAX_STYLE_CHAIN: usize = 16;

/// What a Word document yields before comments are marked.
pub struct Parts {
    pub lines: Vec<Styled>,
    pub assets: Vec<Asset>,
}

/// Reads a Word document from its archive.
pub fn read(archive: &mut Archive<'_>) -> Result<Parts, String> {
    let document =
        archive.read_text("word/document.xml")?.ok_or("no word/document.xml: not a Word document")?;
    let document = xml::parse(&document).map_err(|e| format!("word/document.xml: {e}"))?;
    let styles = match archive.read_text("word/styles.xml")? {
        Some(text) => Styles::parse(&xml::parse(&text).map_err(|e| format!("word/styles.xml: {e}"))?),
        None => Styles::default(),
    };
    let numbering = match archive.read_text("word/numbering.xml")? {
        Some(text) => numbering(&xml::parse(&text).map_err(|e| format!("word/numbering.xml: {e}"))?),
        None => HashMap::new(),
    };
    let rels = match archive.read_text("word/_rels/document.xml.rels")? {
        Some(text) => relationships(&xml::parse(&text).map_err(|e| format!("document.xml.rels: {e}"))?),
        None => HashMap::new(),
    };
    let mut reader = Reader {
        styles,
        numbering,
        rels,
        archive,
        parts: Parts { lines: Vec::new(), assets: Vec::new() },
        paragraph: 0,
        after_blank: false,
    };
    let body = document.child("body").ok_or("word/document.xml has no body")?;
    reader.blocks(body)?;
    Ok(reader.parts)
}

#[derive(Debug, Default)]
struct Style {
    name: String,
    based_on: Option<String>,
    outline_level: Option<usize>,
    /// `(numId, ilvl)` of a list style.
    numbering: Option<(String, usize)>,
    colour: Option<String>,
}

#[derive(Debug, Default)]
struct Styles {
    by_id: HashMap<String, Style>,
}

impl Styles {
    fn parse(root: &Element) -> Self {
        let mut by_id = HashMap::new();
        for style in root.elements().filter(|e| e.name == "style") {
            let Some(id) = style.attr("styleId") else { continue };
            let ppr = style.child("pPr");
            let num_pr = ppr.and_then(|p| p.child("numPr"));
            by_id.insert(
                id.to_string(),
                Style {
                    name: style.child_val("name").unwrap_or(id).to_string(),
                    based_on: style.child_val("basedOn").map(str::to_string),
                    outline_level: ppr.and_then(|p| p.child_val("outlineLvl")).and_then(|v| v.parse().ok()),
                    numbering: num_pr.and_then(|n| {
                        let id = n.child_val("numId")?.to_string();
                        Some((id, n.child_val("ilvl").and_then(|v| v.parse().ok()).unwrap_or(0)))
                    }),
                    colour: style.child("rPr").and_then(|r| r.child_val("color")).map(str::to_string),
                },
            );
        }
        Styles { by_id }
    }

    /// The style and the ones it is based on, nearest first.
    fn chain(&self, id: Option<&str>) -> Vec<&Style> {
        let mut chain = Vec::new();
        let mut next = id;
        while let Some(style) = next.and_then(|id| self.by_id.get(id)) {
            if chain.len() >= MAX_STYLE_CHAIN {
                break;
            }
            chain.push(style);
            next = style.based_on.as_deref();
        }
        chain
    }

    fn colour(&self, id: Option<&str>) -> Option<Option<Rgb>> {
        self.chain(id).iter().find_map(|s| s.colour.as_deref()).map(parse_hex)
    }
}

/// Heading level from a style name: `heading 2`, `見出し 2`, `Überschrift 2`, `Title`.
fn heading_level(name: &str) -> Option<usize> {
    static HEADING: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^(?:heading|見出し|überschrift|titre|título|titolo|kop|rubrik|заголовок)\s*([1-6])$")
            .unwrap_or_else(|e| unreachable!("{e}"))
    });
    let name = name.trim();
    if name.eq_ignore_ascii_case("title") || name == "表題" {
        return Some(1);
    }
    HEADING.captures(name).and_then(|c| c[1].parse().ok())
}

/// List level and kind from a style name: `List Bullet 2` → (1, bulleted), `List Number` → (0, numbered).
fn list_style(name: &str) -> Option<(usize, bool)> {
    static LIST: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^list (bullet|number)(?: ([2-9]))?$").unwrap_or_else(|e| unreachable!("{e}"))
    });
    let caps = LIST.captures(name.trim())?;
    let level = caps.get(2).and_then(|m| m.as_str().parse::<usize>().ok()).map_or(0, |n| n - 1);
    Some((level, caps[1].eq_ignore_ascii_case("number")))
}

/// `numId` → `ilvl` → whether that level is numbered (not bullets).
fn numbering(root: &Element) -> HashMap<String, HashMap<usize, bool>> {
    let mut abstract_levels: HashMap<String, HashMap<usize, bool>> = HashMap::new();
    for abs in root.elements().filter(|e| e.name == "abstractNum") {
        let Some(id) = abs.attr("abstractNumId") else { continue };
        let levels = abs
            .elements()
            .filter(|e| e.name == "lvl")
            .filter_map(|lvl| {
                let ilvl = lvl.attr("ilvl")?.parse().ok()?;
                let format = lvl.child_val("numFmt").unwrap_or("bullet");
                Some((ilvl, !matches!(format, "bullet" | "none")))
            })
            .collect();
        abstract_levels.insert(id.to_string(), levels);
    }
    root.elements()
        .filter(|e| e.name == "num")
        .filter_map(|num| {
            let levels = abstract_levels.get(num.child_val("abstractNumId")?)?;
            Some((num.attr("numId")?.to_string(), levels.clone()))
        })
        .collect()
}

/// Relationship id → target (hyperlink addresses, `media/image1.png`).
fn relationships(root: &Element) -> HashMap<String, String> {
    root.elements()
        .filter(|e| e.name == "Relationship")
        .filter_map(|r| Some((r.attr("Id")?.to_string(), r.attr("Target")?.to_string())))
        .collect()
}

/// A piece of a paragraph's text with its colour (`None` = default).
struct Piece {
    text: String,
    colour: Option<Rgb>,
    /// Link text: its colour is the link's, not a marking.
    link: bool,
    /// Written bold (`w:b` on the run).
    bold: bool,
}

fn dominant_colour(pieces: &[Piece]) -> Option<Rgb> {
    colour::dominant(pieces.iter().filter(|p| !p.link).map(|p| (p.text.as_str(), p.colour)))
}

struct Reader<'r, 'a> {
    styles: Styles,
    numbering: HashMap<String, HashMap<usize, bool>>,
    rels: HashMap<String, String>,
    archive: &'r mut Archive<'a>,
    parts: Parts,
    /// Paragraphs seen so far (the source number of the next line).
    paragraph: usize,
    after_blank: bool,
}

impl Reader<'_, '_> {
    /// Body-level content: paragraphs, tables, and containers holding them.
    fn blocks(&mut self, parent: &Element) -> Result<(), String> {
        for element in parent.elements() {
            match element.name.as_str() {
                "p" => self.paragraph(element)?,
                "tbl" => self.table(element)?,
                "sectPr" | "del" | "moveFrom" => {}
                _ => self.blocks(element)?,
            }
        }
        Ok(())
    }

    fn paragraph(&mut self, p: &Element) -> Result<(), String> {
        self.paragraph += 1;
        let number = self.paragraph;
        let ppr = p.child("pPr");
        let style_id = ppr.and_then(|p| p.child_val("pStyle"));
        let block = self.block(ppr, style_id);
        let paragraph_colour = self.styles.colour(style_id).flatten();
        let mut pieces = Vec::new();
        self.inline(p, paragraph_colour, &mut pieces)?;
        let text: String = pieces.iter().map(|p| p.text.as_str()).collect();
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
        let colour = dominant_colour(&pieces);
        let written = pieces.iter().filter(|p| !p.text.trim().is_empty());
        let all_bold = written.clone().next().is_some() && written.clone().all(|p| p.bold);
        let block = match block {
            // A paragraph bold as a whole, short and not a sentence: how a heading is written
            // when its writer styled nothing (the rule `line` owns for `**Zoom**` too).
            Block::Paragraph if all_bold && !text.contains('\n') && bold_text_is_heading(text.trim()) => {
                Block::Heading { level: BOLD_HEADING_LEVEL }
            }
            other => other,
        };
        let segments: Vec<&str> = match block {
            // A soft break inside a heading or list item does not end it.
            Block::Heading { .. } | Block::ListItem { .. } => vec![text.as_str()],
            _ => text.split('\n').collect(),
        };
        for segment in segments {
            let segment = segment.replace('\n', " ");
            if segment.trim().is_empty() {
                continue;
            }
            let (block, text) = match block {
                Block::Paragraph => structure(&segment),
                other => (other, segment.trim().to_string()),
            };
            let line = Line { number, block, text, after_blank: self.after_blank, comment: None };
            self.after_blank = false;
            self.parts.lines.push(Styled { line, colour });
        }
        Ok(())
    }

    /// Heading, list item or paragraph, from the paragraph's own numbering and its style chain.
    fn block(&self, ppr: Option<&Element>, style_id: Option<&str>) -> Block {
        let chain = self.styles.chain(style_id);
        let heading = chain.iter().find_map(|s| {
            heading_level(&s.name).or_else(|| s.outline_level.filter(|&l| l < 6).map(|l| l + 1))
        });
        if let Some(level) = heading {
            return Block::Heading { level };
        }
        let own = ppr.and_then(|p| p.child("numPr")).map(|n| {
            (
                n.child_val("numId").unwrap_or("0").to_string(),
                n.child_val("ilvl").and_then(|v| v.parse().ok()),
            )
        });
        let styled = chain.iter().find_map(|s| s.numbering.clone());
        let numbered = |id: &str, level: usize| self.numbering.get(id).and_then(|l| l.get(&level)).copied();
        match (own, styled) {
            (Some((id, _)), _) if id == "0" => Block::Paragraph,
            (Some((id, level)), styled) => {
                let level = level.or(styled.map(|s| s.1)).unwrap_or(0);
                Block::ListItem { level, ordered: numbered(&id, level).unwrap_or(false) }
            }
            (None, Some((id, level))) if id != "0" => {
                let by_name = chain.iter().find_map(|s| list_style(&s.name));
                let level = by_name.map_or(level, |(l, _)| l);
                Block::ListItem {
                    level,
                    ordered: numbered(&id, level).or(by_name.map(|b| b.1)).unwrap_or(false),
                }
            }
            _ => match chain.iter().find_map(|s| list_style(&s.name)) {
                Some((level, ordered)) => Block::ListItem { level, ordered },
                None => Block::Paragraph,
            },
        }
    }

    /// Runs, hyperlinks and the containers around them, in order.
    fn inline(
        &mut self,
        parent: &Element,
        paragraph_colour: Option<Rgb>,
        out: &mut Vec<Piece>,
    ) -> Result<(), String> {
        for element in parent.elements() {
            match element.name.as_str() {
                "r" => self.run(element, paragraph_colour, out)?,
                "hyperlink" => {
                    let mut inner = Vec::new();
                    self.inline(element, paragraph_colour, &mut inner)?;
                    let target = element.attr("id").and_then(|id| self.rels.get(id));
                    match target {
                        Some(href) => {
                            let label: String = inner.iter().map(|p| p.text.as_str()).collect();
                            let colour = dominant_colour(&inner);
                            let bold = inner.iter().all(|p| p.bold);
                            out.push(Piece {
                                text: links::link_text(&label, href),
                                colour,
                                link: true,
                                bold,
                            });
                        }
                        None => out.extend(inner),
                    }
                }
                "pPr" | "del" | "moveFrom" | "instrText" => {}
                _ => self.inline(element, paragraph_colour, out)?,
            }
        }
        Ok(())
    }

    fn run(
        &mut self,
        r: &Element,
        paragraph_colour: Option<Rgb>,
        out: &mut Vec<Piece>,
    ) -> Result<(), String> {
        let rpr = r.child("rPr");
        if rpr.is_some_and(|p| p.child("vanish").is_some()) {
            return Ok(());
        }
        let own = rpr.and_then(|p| p.child_val("color")).map(parse_hex);
        let character_style = self.styles.colour(rpr.and_then(|p| p.child_val("rStyle")));
        let colour = own.or(character_style).unwrap_or(paragraph_colour);
        let mut text = String::new();
        for node in &r.children {
            let Node::Element(e) = node else { continue };
            match e.name.as_str() {
                "t" => text.push_str(&e.text()),
                "tab" | "ptab" => text.push('\t'),
                "br" if !matches!(e.attr("type"), Some("page" | "column")) => text.push('\n'),
                "cr" => text.push('\n'),
                "noBreakHyphen" => text.push('-'),
                "drawing" | "pict" | "object" => {
                    for reference in image_ids(e) {
                        if let Some(asset) = self.image(&reference)? {
                            text.push_str(&links::image_reference(&asset));
                            if !self.parts.assets.iter().any(|a| a.name == asset.name) {
                                self.parts.assets.push(asset);
                            }
                        }
                    }
                }
                _ => {}
            }
        }
        // `<w:b/>` or `<w:b w:val="1"/>` is bold; `w:val="0"`/`"false"` turns a styled bold off.
        let bold = rpr
            .and_then(|p| p.child("b"))
            .is_some_and(|b| !matches!(b.attr("val"), Some("0" | "false" | "off")));
        out.push(Piece { text, colour, link: false, bold });
        Ok(())
    }

    fn image(&mut self, id: &str) -> Result<Option<Asset>, String> {
        let Some(target) = self.rels.get(id) else { return Ok(None) };
        let path = match target.strip_prefix('/') {
            Some(absolute) => absolute.to_string(),
            None => format!("word/{target}"),
        };
        Ok(self.archive.read(&path)?.and_then(|bytes| links::asset(&path, bytes)))
    }

    /// A table as Markdown rows: cells' paragraphs joined by spaces, a rule after the first row.
    fn table(&mut self, tbl: &Element) -> Result<(), String> {
        let mut first = true;
        for row in tbl.elements().filter(|e| e.name == "tr") {
            let number = self.paragraph + 1;
            let mut cells = Vec::new();
            for cell in row.elements().filter(|e| e.name == "tc") {
                let mut texts = Vec::new();
                for p in cell.elements().filter(|e| e.name == "p") {
                    self.paragraph += 1;
                    let mut pieces = Vec::new();
                    self.inline(p, None, &mut pieces)?;
                    let text: String = pieces.iter().map(|p| p.text.as_str()).collect();
                    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
                    if !text.is_empty() {
                        texts.push(text);
                    }
                }
                cells.push(texts.join(" ").replace('|', "/"));
            }
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

/// Relationship ids of the images inside a drawing (`a:blip r:embed`, `v:imagedata r:id`).
fn image_ids(element: &Element) -> Vec<String> {
    let mut ids = Vec::new();
    if element.name == "blip" {
        ids.extend(element.attr("embed").map(str::to_string));
    }
    if element.name == "imagedata" {
        ids.extend(element.attr("id").map(str::to_string));
    }
    for child in element.elements() {
        ids.extend(image_ids(child));
    }
    ids
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn heading_and_list_style_names() {
        assert_eq!(heading_level("heading 2"), Some(2));
        assert_eq!(heading_level("見出し 3"), Some(3));
        assert_eq!(heading_level("Title"), Some(1));
        assert_eq!(heading_level("Normal"), None);
        assert_eq!(list_style("List Bullet 2"), Some((1, false)));
        assert_eq!(list_style("List Number"), Some((0, true)));
        assert_eq!(list_style("List Paragraph"), None);
    }
}
