//! A small owned XML tree for the parts of a Word document: walking paragraphs, runs, tables
//! and hyperlinks recursively is simpler on a tree than on quick-xml's event stream.

use quick_xml::Reader;
use quick_xml::escape::resolve_predefined_entity;
use quick_xml::events::{BytesStart, Event};

/// Nesting deeper than this is not a document a person wrote; refusing it keeps the recursive
/// walks well inside the stack.
const MAX_DEPTH: usize = 200;

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Element {
    /// The local name (`p` for `w:p`).
    pub name: String,
    /// Attributes by local name (`val` for `w:val`, `id` for `r:id`).
    pub attributes: Vec<(String, String)>,
    pub children: Vec<Node>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Node {
    Element(Element),
    Text(String),
}

impl Element {
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attributes.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
    }

    /// Child elements.
    pub fn elements(&self) -> impl Iterator<Item = &Element> {
        self.children.iter().filter_map(|n| match n {
            Node::Element(e) => Some(e),
            Node::Text(_) => None,
        })
    }

    /// The first child element with that local name.
    pub fn child(&self, name: &str) -> Option<&Element> {
        self.elements().find(|e| e.name == name)
    }

    /// `val` of a child element (`<w:pStyle w:val="Heading1"/>`).
    pub fn child_val(&self, name: &str) -> Option<&str> {
        self.child(name).and_then(|e| e.attr("val"))
    }

    /// All text below the element.
    pub fn text(&self) -> String {
        let mut out = String::new();
        for node in &self.children {
            match node {
                Node::Text(t) => out.push_str(t),
                Node::Element(e) => out.push_str(&e.text()),
            }
        }
        out
    }
}

/// Parses an XML part into its root element.
pub fn parse(xml: &str) -> Result<Element, String> {
    let mut reader = Reader::from_str(xml);
    let mut stack: Vec<Element> = vec![Element::default()];
    loop {
        let event = reader
            .read_event()
            .map_err(|e| format!("malformed XML at byte {}: {e}", reader.error_position()))?;
        match event {
            Event::Start(start) => {
                if stack.len() > MAX_DEPTH {
                    return Err(format!("XML nested deeper than {MAX_DEPTH} levels"));
                }
                stack.push(element(&start)?);
            }
            Event::Empty(start) => push_child(&mut stack, Node::Element(element(&start)?)),
            Event::End(_) => {
                let done = stack.pop().ok_or("unbalanced XML")?;
                if stack.is_empty() {
                    return Err("unbalanced XML".to_string());
                }
                push_child(&mut stack, Node::Element(done));
            }
            Event::Text(text) => push_child(&mut stack, Node::Text(text.xml10_content().into_owned())),
            Event::CData(data) => {
                push_child(&mut stack, Node::Text(data.into_inner().into_owned()));
            }
            Event::GeneralRef(reference) => {
                let resolved = match reference.resolve_char_ref() {
                    Ok(Some(c)) => c.to_string(),
                    _ => resolve_predefined_entity(&reference).unwrap_or_default().to_string(),
                };
                push_child(&mut stack, Node::Text(resolved));
            }
            Event::Eof => break,
            _ => {}
        }
    }
    let mut root = stack.pop().filter(|_| stack.is_empty()).ok_or("unclosed XML element")?;
    root.children
        .drain(..)
        .find_map(|n| match n {
            Node::Element(e) => Some(e),
            Node::Text(_) => None,
        })
        .ok_or_else(|| "no XML root element".to_string())
}

fn push_child(stack: &mut [Element], node: Node) {
    if let Some(parent) = stack.last_mut() {
        // Adjacent text pieces (a text, then `&amp;`, then text) are one text.
        if let (Node::Text(new), Some(Node::Text(old))) = (&node, parent.children.last_mut()) {
            old.push_str(new);
            return;
        }
        parent.children.push(node);
    }
}

fn element(start: &BytesStart<'_>) -> Result<Element, String> {
    let name = start.local_name().as_ref().to_string();
    let mut attributes = Vec::new();
    for attribute in start.attributes() {
        let attribute = attribute.map_err(|e| format!("malformed XML attribute: {e}"))?;
        let key = attribute.key.local_name().as_ref().to_string();
        let value = attribute
            .normalized_value(quick_xml::XmlVersion::Implicit1_0)
            .map_err(|e| format!("malformed XML attribute: {e}"))?
            .into_owned();
        attributes.push((key, value));
    }
    Ok(Element { name, attributes, children: Vec::new() })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn elements_attributes_and_entities() {
        let root = parse(r#"<?xml version="1.0"?><w:p xmlns:w="x"><w:r><w:t xml:space="preserve">a &amp; b&#x3042;</w:t></w:r><w:pStyle w:val="Heading1"/></w:p>"#)
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(root.name, "p");
        assert_eq!(root.text(), "a & bあ");
        assert_eq!(root.child_val("pStyle"), Some("Heading1"));
    }

    #[test]
    fn malformed_and_too_deep_xml_are_errors() {
        assert!(parse("<a><b></a>").is_err());
        assert!(parse("<a>").is_err());
        assert!(parse(&"<a>".repeat(500)).is_err());
    }
}
