//! Service sections: which service a heading or a whole line names (configured, `その他`, or a
//! new one the minutes' structure reveals).

use std::collections::HashMap;

use super::{Note, Segmenter, codes, shape};
use crate::config::{Config, Language, OTHER_SERVICE_LABELS, Service, is_other_label, normalize_label};
use crate::minutes::line::{Kind, Line, numbered_item};

impl Segmenter<'_> {
    /// The service a line opens a section for: a heading or a whole line that is a service name.
    pub(super) fn section_start(&self, kind: &Kind<'_>) -> Option<Service> {
        match kind {
            Kind::Heading { text, .. } => resolve_service(self.config, &self.services, text, true),
            Kind::Plain { text } => resolve_service(self.config, &self.services, text, false),
            _ => None,
        }
    }

    /// A heading at the level of the service headings that names no configured service: the
    /// minutes' structure says it is a service, so it becomes one (and is reported, so it can be
    /// added to book.toml). Its cases are never dropped or filed elsewhere.
    pub(super) fn unknown_heading(&mut self, line: &Line, level: usize, text: &str) {
        let service = new_service(text).unwrap_or_else(|| other_service(self.config));
        self.minutes.notes.push(Note {
            line: line.number,
            code: codes::UNKNOWN_SECTION,
            message: format!(
                "heading `{text}` names no configured service; its cases are filed under the new service `{}`",
                service.name
            ),
        });
        self.finish_case();
        self.section = Some(service);
        self.section_level = level;
    }
}

/// The service a section label names: configured by name or alias, else the built-in other
/// section. `heading` is true for Markdown headings, which on a site without configured services
/// name their own service.
fn resolve_service(
    config: &Config,
    services: &HashMap<String, Service>,
    label: &str,
    heading: bool,
) -> Option<Service> {
    let label = section_label(label);
    let label = label.as_str();
    if label.is_empty() || label.chars().count() > 80 {
        return None;
    }
    let key = normalize_label(label);
    if let Some(service) = services.get(&key) {
        return Some(service.clone());
    }
    if is_other_label(&key) {
        return Some(other_service(config));
    }
    if heading && config.services.is_empty() {
        return Some(Service {
            name: label.to_string(),
            slug: crate::slug::slugify(label),
            aliases: Vec::new(),
        });
    }
    None
}

/// Symbols minutes put before a section heading (`■ Zoom`, `▶ Zoom`, `〇 Zoom`).
const HEADING_MARKS: [char; 22] = [
    '■', '□', '●', '○', '〇', '◎', '◉', '◆', '◇', '◼', '▪', '▼', '▽', '▶', '▷', '►', '▸', '★', '☆', '♦', '◈',
    '§',
];

/// Brackets minutes enclose a section heading in (`【Zoom】`, `[Zoom]`, `＜Zoom＞`), opening and
/// closing.
const HEADING_BRACKETS: [(char, char); 8] = [
    ('【', '】'),
    ('[', ']'),
    ('［', '］'),
    ('〔', '〕'),
    ('＜', '＞'),
    ('<', '>'),
    ('〈', '〉'),
    ('《', '》'),
];

/// The name a section heading gives, without the marks minutes decorate headings with
/// (`■ Zoom`, `【Zoom】`, `1. Zoom`, `Zoom:`) and without zero-width characters.
fn section_label(heading: &str) -> String {
    let text = shape::strip_format_chars(heading);
    let mut label = text.trim().trim_start_matches(HEADING_MARKS).trim();
    if let Some((_, rest)) = numbered_item(label) {
        label = rest;
    }
    for (open, close) in HEADING_BRACKETS {
        if let Some(inner) = label.strip_prefix(open).and_then(|rest| rest.strip_suffix(close)) {
            label = inner;
        }
    }
    label.trim_start_matches(HEADING_MARKS).trim_end_matches([':', '：']).trim().to_string()
}

/// A service named by a heading the configuration does not know, with an ASCII slug.
fn new_service(heading: &str) -> Option<Service> {
    let name = section_label(heading);
    let name = name.as_str();
    let slug = crate::slug::slugify(name);
    (!name.is_empty() && crate::slug::is_valid_slug(&slug)).then(|| Service {
        name: name.to_string(),
        slug,
        aliases: Vec::new(),
    })
}

/// Every configured name and alias, normalised as `Config::find_service` compares them; the
/// first service to claim a label keeps it, as there.
pub(super) fn service_labels(config: &Config) -> HashMap<String, Service> {
    let mut labels = HashMap::new();
    for service in &config.services {
        for label in std::iter::once(&service.name).chain(&service.aliases) {
            let key = normalize_label(label);
            if !key.is_empty() {
                labels.entry(key).or_insert_with(|| service.clone());
            }
        }
    }
    labels
}

/// The service for cases outside every configured one: the configured `その他`/`Other` if there
/// is one, else a built-in one named in the site language.
pub fn other_service(config: &Config) -> Service {
    OTHER_SERVICE_LABELS.iter().find_map(|label| config.find_service(label)).cloned().unwrap_or_else(|| {
        Service {
            name: match config.book.language {
                Language::Ja => "その他",
                Language::En => "Other",
            }
            .to_string(),
            slug: "other".to_string(),
            aliases: Vec::new(),
        }
    })
}
