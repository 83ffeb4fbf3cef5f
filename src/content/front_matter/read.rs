//! Reading front matter: YAML text to a checked `FrontMatter`, every problem at its key's line.

use std::collections::BTreeMap;
use std::fmt;
use std::path::Path;

use chrono::NaiveDate;
use serde::Deserialize;
use serde::de::{self, Deserializer, IgnoredAny, Visitor};
use serde_yaml::Value;

use super::{FrontMatter, Key, KeyLines};
use crate::config::{Config, Service};
use crate::content::Status;
use crate::diagnostics::{Code, Diagnostic, codes};
use crate::slug::is_valid_slug;

/// What `parse` read: the front matter, where each key is, and the service it names.
#[derive(Debug, Clone)]
pub struct Parsed {
    pub front: FrontMatter,
    pub lines: KeyLines,
    /// The configured service `front.service` names (canonical name and slug).
    pub service: Service,
}

/// Parses the YAML of a page at `path` whose file name without `.md` is `stem`. Every problem is
/// reported, each at its key's line.
pub fn parse(config: &Config, path: &Path, stem: &str, yaml: &str) -> Result<Parsed, Vec<Diagnostic>> {
    let mapping = mapping(path, yaml)?;
    let names = key_name_lines(yaml);
    let mut check = Check { path, lines: known_key_lines(&names), problems: Vec::new() };
    let (known, unknown) = split_known(mapping);
    for name in unknown {
        check.unknown_key(&name, names.get(&name).copied().unwrap_or(1));
    }
    let schema = match serde_yaml::from_value::<Schema>(Value::Mapping(known)) {
        Ok(schema) => schema,
        // Every value form is accepted above, so this is a serde_yaml surprise, still located.
        Err(e) => return Err(vec![Diagnostic::error(codes::YAML_SYNTAX, path, 2, 1, e.to_string())]),
    };
    match (check.front_matter(config, schema, stem), check.problems.is_empty()) {
        (Some((front, service)), true) => Ok(Parsed { front, lines: check.lines, service }),
        _ => Err(check.problems),
    }
}

/// The YAML as a mapping; a syntax error is located at its file line.
fn mapping(path: &Path, yaml: &str) -> Result<serde_yaml::Mapping, Vec<Diagnostic>> {
    let error = |code, line, col, message: String| vec![Diagnostic::error(code, path, line, col, message)];
    match serde_yaml::from_str::<Value>(yaml) {
        Ok(Value::Mapping(mapping)) => Ok(mapping),
        Ok(Value::Null) => Ok(serde_yaml::Mapping::new()),
        Ok(_) => Err(error(codes::FRONT_MATTER, 2, 1, "front matter must be `key: value` lines".into())),
        Err(e) => {
            let (line, col) = e.location().map_or((2, 1), |l| (l.line() + 1, l.column()));
            let message = e.to_string();
            let message = message.split(" at line ").next().unwrap_or(&message).to_string();
            Err(error(codes::YAML_SYNTAX, line, col, format!("front matter is not valid YAML: {message}")))
        }
    }
}

/// The entries whose key is a known key, and the names of the others (in file order).
fn split_known(mapping: serde_yaml::Mapping) -> (serde_yaml::Mapping, Vec<String>) {
    let mut known = serde_yaml::Mapping::new();
    let mut unknown = Vec::new();
    for (key, value) in mapping {
        match key.as_str().and_then(Key::parse) {
            Some(_) => {
                known.insert(key, value);
            }
            None => unknown.push(key.as_str().map_or_else(|| format!("{key:?}"), str::to_string)),
        }
    }
    (known, unknown)
}

/// 1-based file line of each top-level key name of the front matter, known or not.
fn key_name_lines(yaml: &str) -> BTreeMap<String, usize> {
    let mut lines = BTreeMap::new();
    for (index, line) in yaml.lines().enumerate() {
        if line.starts_with([' ', '\t', '#', '-']) {
            continue;
        }
        if let Some((key, _)) = line.split_once(':') {
            let key = key.trim().trim_matches(['"', '\'']);
            lines.entry(key.to_string()).or_insert(index + 2);
        }
    }
    lines
}

fn known_key_lines(names: &BTreeMap<String, usize>) -> KeyLines {
    KeyLines(names.iter().filter_map(|(name, &line)| Some((Key::parse(name)?, line))).collect())
}

/// The front matter as YAML typed it: one field per key, each value in whatever form it came,
/// so that a wrong form (`title: [a]`) is reported at its key rather than as a YAML error.
#[derive(Default, Deserialize)]
#[serde(default, rename_all = "kebab-case")]
struct Schema {
    #[serde(deserialize_with = "present")]
    id: Option<Form>,
    #[serde(deserialize_with = "present")]
    title: Option<Form>,
    #[serde(deserialize_with = "present")]
    service: Option<Form>,
    #[serde(deserialize_with = "present")]
    tags: Option<Form>,
    #[serde(deserialize_with = "present")]
    status: Option<Form>,
    #[serde(deserialize_with = "present")]
    date: Option<Form>,
    #[serde(deserialize_with = "present")]
    source: Option<Form>,
    #[serde(deserialize_with = "present")]
    reviewed: Option<Form>,
    #[serde(deserialize_with = "present")]
    reviewed_by: Option<Form>,
    #[serde(deserialize_with = "present")]
    reviewed_on: Option<Form>,
    #[serde(deserialize_with = "present")]
    recurs: Option<Form>,
    #[serde(deserialize_with = "present")]
    status_reason: Option<Form>,
    #[serde(deserialize_with = "present")]
    import_fingerprint: Option<Form>,
}

/// A key that is present is `Some`, even as `key:` with no value (which `Option` alone would
/// read as absent): an empty `title:` is "must be text", not "missing".
fn present<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<Form>, D::Error> {
    Form::deserialize(deserializer).map(Some)
}

/// The form of one YAML value, as far as the schema tells forms apart.
#[derive(Debug, Clone, PartialEq)]
enum Form {
    /// A string, or a number (YAML reads `365` as a number; it is fine as text).
    Text(String),
    Flag(bool),
    Null,
    List(Vec<Form>),
    /// A mapping or a tagged value.
    Other,
}

impl Form {
    /// Scalars as text (`yes`, `365` and `true` are all fine as text).
    fn text(&self) -> Option<String> {
        match self {
            Form::Text(s) => Some(s.clone()),
            Form::Flag(b) => Some(b.to_string()),
            _ => None,
        }
    }
}

impl<'de> Deserialize<'de> for Form {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Form, D::Error> {
        deserializer.deserialize_any(FormVisitor)
    }
}

struct FormVisitor;

impl<'de> Visitor<'de> for FormVisitor {
    type Value = Form;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any YAML value")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Form, E> {
        Ok(Form::Text(v.to_string()))
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<Form, E> {
        Ok(Form::Text(v))
    }

    // Numbers are spelt as YAML would print them (`1e3` is `1000.0`).
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Form, E> {
        Ok(Form::Text(serde_yaml::Number::from(v).to_string()))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Form, E> {
        Ok(Form::Text(serde_yaml::Number::from(v).to_string()))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Form, E> {
        Ok(Form::Text(serde_yaml::Number::from(v).to_string()))
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Form, E> {
        Ok(Form::Flag(v))
    }

    fn visit_unit<E: de::Error>(self) -> Result<Form, E> {
        Ok(Form::Null)
    }

    fn visit_none<E: de::Error>(self) -> Result<Form, E> {
        Ok(Form::Null)
    }

    fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<Form, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element::<Form>()? {
            items.push(item);
        }
        Ok(Form::List(items))
    }

    fn visit_map<A: de::MapAccess<'de>>(self, mut map: A) -> Result<Form, A::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(Form::Other)
    }

    fn visit_enum<A: de::EnumAccess<'de>>(self, data: A) -> Result<Form, A::Error> {
        use de::VariantAccess;
        // serde_yaml hands a tagged value (`!tag x`) over as an enum.
        let (_, variant) = data.variant::<IgnoredAny>()?;
        variant.newtype_variant::<IgnoredAny>()?;
        Ok(Form::Other)
    }
}

/// The problems found so far, each at its key's line.
struct Check<'a> {
    path: &'a Path,
    lines: KeyLines,
    problems: Vec<Diagnostic>,
}

impl Check<'_> {
    fn at(&mut self, key: Key, code: Code, message: String) {
        let line = self.lines.line(key);
        self.problems.push(Diagnostic::error(code, self.path, line, 1, message));
    }

    fn unknown_key(&mut self, name: &str, line: usize) {
        let known: Vec<&str> = Key::ALL.iter().map(|key| key.as_str()).collect();
        self.problems.push(Diagnostic::error(
            codes::UNKNOWN_KEY,
            self.path,
            line,
            1,
            format!("unknown front-matter key `{name}` (known keys: {})", known.join(", ")),
        ));
    }

    /// Checks every key of `schema`, and the service it names; `None` when a required key is
    /// missing or wrong (the problems say which).
    fn front_matter(
        &mut self,
        config: &Config,
        schema: Schema,
        stem: &str,
    ) -> Option<(FrontMatter, Service)> {
        let title = self.required_text(Key::Title, schema.title);
        let service = self.required_text(Key::Service, schema.service);
        let status = self.required_text(Key::Status, schema.status);
        let id = self.text(Key::Id, schema.id);
        let date = self.text(Key::Date, schema.date);
        let source = self.text(Key::Source, schema.source);
        let reviewed_by = self.text(Key::ReviewedBy, schema.reviewed_by);
        let reviewed_on = self.text(Key::ReviewedOn, schema.reviewed_on);
        let import_fingerprint = self.text(Key::ImportFingerprint, schema.import_fingerprint);
        let status_reason = self.text(Key::StatusReason, schema.status_reason);
        let status = status.and_then(|s| self.status(&s));
        let configured = service.as_deref().and_then(|label| self.service(config, label));
        let id = self.id(id.unwrap_or_else(|| stem.to_string()));
        let date = self.date(Key::Date, date);
        let reviewed_on = self.date(Key::ReviewedOn, reviewed_on);
        let mut tags = self.list(Key::Tags, schema.tags);
        let recurs = self.list(Key::Recurs, schema.recurs);
        let reviewed = self.flag(Key::Reviewed, schema.reviewed);
        // Repeated tags would make duplicate links; keep the first of each.
        let mut seen = std::collections::BTreeSet::new();
        tags.retain(|t| seen.insert(t.clone()));
        let front = FrontMatter {
            id,
            title: title?,
            service: service?,
            tags,
            status: status?,
            status_reason,
            date,
            source,
            recurs,
            reviewed,
            reviewed_by,
            reviewed_on,
            import_fingerprint,
        };
        Some((front, configured?))
    }

    /// A text value, trimmed; `None` when absent or blank (and a problem when not text).
    fn text(&mut self, key: Key, form: Option<Form>) -> Option<String> {
        let form = form?;
        match form.text() {
            Some(s) if !s.trim().is_empty() => Some(s.trim().to_string()),
            Some(_) => None,
            None => {
                self.at(key, codes::WRONG_TYPE, format!("`{key}` must be text"));
                None
            }
        }
    }

    fn required_text(&mut self, key: Key, form: Option<Form>) -> Option<String> {
        match form {
            None => {
                let message = format!("missing required front-matter key `{key}`");
                self.problems.push(Diagnostic::error(codes::MISSING_KEY, self.path, 1, 1, message));
                None
            }
            Some(form) if form.text().is_some_and(|s| s.trim().is_empty()) => {
                self.at(key, codes::MISSING_KEY, format!("`{key}` is empty"));
                None
            }
            form => self.text(key, form),
        }
    }

    /// A list (`[a, b]`, a block list, or one text value); absent or `~` is empty.
    fn list(&mut self, key: Key, form: Option<Form>) -> Vec<String> {
        let texts = |s: Option<String>| s.map(|s| s.trim().to_string()).filter(|s| !s.is_empty());
        match form {
            None | Some(Form::Null) => Vec::new(),
            Some(Form::List(items)) => {
                let mut out = Vec::new();
                for item in items {
                    match texts(item.text()) {
                        Some(s) => out.push(s),
                        None => self.at(
                            key,
                            codes::WRONG_TYPE,
                            format!("every item of `{key}` must be non-empty text"),
                        ),
                    }
                }
                out
            }
            Some(form) => match texts(form.text()) {
                Some(s) => vec![s],
                None => {
                    self.at(key, codes::WRONG_TYPE, format!("`{key}` must be a list like [a, b]"));
                    Vec::new()
                }
            },
        }
    }

    fn flag(&mut self, key: Key, form: Option<Form>) -> bool {
        match form {
            None | Some(Form::Null) => false,
            Some(Form::Flag(b)) => b,
            Some(_) => {
                self.at(key, codes::WRONG_TYPE, format!("`{key}` must be true or false"));
                false
            }
        }
    }

    fn status(&mut self, text: &str) -> Option<Status> {
        let status = Status::parse(text);
        if status.is_none() {
            let message = format!("unknown status `{text}`: use resolved, escalated, unresolved or unknown");
            self.at(Key::Status, codes::UNKNOWN_STATUS, message);
        }
        status
    }

    fn date(&mut self, key: Key, text: Option<String>) -> Option<NaiveDate> {
        let text = text?;
        let date = NaiveDate::parse_from_str(&text, "%Y-%m-%d").ok();
        if date.is_none() {
            self.at(key, codes::BAD_DATE, format!("`{key}: {text}` is not a date (YYYY-MM-DD)"));
        }
        date
    }

    /// The id, which becomes a file name: checked, and reported when it cannot be one.
    fn id(&mut self, id: String) -> String {
        if !is_valid_slug(&id) {
            let message = if crate::slug::is_windows_reserved(&id) {
                format!(
                    "id `{id}` is a device name Windows cannot use as a file name (con, nul, aux …); choose another"
                )
            } else {
                format!("id `{id}` must be 1-100 characters of a-z, 0-9, `-` or `_` (it becomes a file name)")
            };
            self.at(Key::Id, codes::BAD_ID, message);
        }
        id
    }

    fn service(&mut self, config: &Config, label: &str) -> Option<Service> {
        let service = config.resolve_service(label);
        if service.is_none() {
            let known: Vec<&str> = config.services.iter().map(|s| s.name.as_str()).collect();
            let message =
                format!("service `{label}` is not configured in book.toml (known: {})", known.join(", "));
            self.at(Key::Service, codes::UNKNOWN_SERVICE, message);
        }
        service
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use proptest::prelude::*;

    use crate::config::Config;
    use crate::content::{Key, Page, Status, parse_page, split_front_matter};
    use crate::diagnostics::{Diagnostic, codes};
    use chrono::NaiveDate;

    fn config() -> Config {
        Config::parse(
            Path::new("site"),
            Path::new("site/book.toml"),
            "[[services]]\nname = \"UTokyo Account\"\nslug = \"utokyo-account\"\naliases = [\"UTokyo アカウント\"]\n\
             [[tags]]\nname = \"多要素認証\"\nslug = \"mfa\"\n",
        )
        .unwrap()
    }

    fn parse(text: &str) -> Result<Page, Vec<Diagnostic>> {
        parse_page(&config(), Path::new("content/a-page.md"), "a-page.md", text)
    }

    const GOOD: &str = "---\nid: utokyo-account-1\ntitle: 多要素認証の設定\nservice: UTokyo アカウント\ntags: [多要素認証]\nstatus: resolved\ndate: 2025-12-10\nreviewed: false\n---\n\n## 問い合わせ\n本文\n";

    #[test]
    fn parses_a_complete_page() {
        let page = parse(GOOD).unwrap();
        assert_eq!(page.front.id, "utokyo-account-1");
        assert_eq!(page.front.service, "UTokyo Account", "alias resolves to the configured name");
        assert_eq!(page.service_slug, "utokyo-account");
        assert_eq!(page.front.status, Status::Resolved);
        assert_eq!(page.front.date, NaiveDate::from_ymd_opt(2025, 12, 10));
        assert_eq!(page.body_line, 10);
        assert!(page.body.contains("## 問い合わせ"));
        assert_eq!(page.key_line(Key::Status), 6);
    }

    #[test]
    fn id_defaults_to_the_file_stem() {
        let page = parse("---\ntitle: t\nservice: UTokyo Account\nstatus: unknown\n---\nbody\n").unwrap();
        assert_eq!(page.front.id, "a-page");
    }

    fn first_error(text: &str) -> Diagnostic {
        parse(text).unwrap_err().into_iter().next().unwrap()
    }

    #[test]
    fn unknown_status_is_located_at_its_line() {
        let d = first_error(&GOOD.replace("status: resolved", "status: done"));
        assert_eq!((d.code, d.line), (codes::UNKNOWN_STATUS, 6), "{d}");
        assert!(d.message.contains("`done`"));
    }

    #[test]
    fn yaml_syntax_errors_are_shifted_to_file_lines() {
        let d = first_error("---\ntitle: a\nservice: [unclosed\nstatus: resolved\n---\nbody\n");
        assert_eq!(d.code, codes::YAML_SYNTAX, "{d}");
        assert!(d.line >= 3, "{d}");
    }

    #[test]
    fn missing_title_and_unknown_key_are_both_reported() {
        let errors =
            parse("---\nservice: UTokyo Account\nstatus: resolved\ntitel: x\n---\nbody\n").unwrap_err();
        let codes_found: Vec<_> = errors.iter().map(|d| d.code).collect();
        assert!(codes_found.contains(&codes::UNKNOWN_KEY), "{errors:?}");
        assert!(codes_found.contains(&codes::MISSING_KEY), "{errors:?}");
        let unknown = errors.iter().find(|d| d.code == codes::UNKNOWN_KEY).unwrap();
        assert_eq!(unknown.line, 4);
    }

    #[test]
    fn path_like_ids_are_refused() {
        for bad in ["../../etc/passwd", "/abs", "a/b", "Upper", "日本語"] {
            let d = first_error(&GOOD.replace("id: utokyo-account-1", &format!("id: \"{bad}\"")));
            assert_eq!((d.code, d.line), (codes::BAD_ID, 2), "{bad}: {d}");
        }
    }

    #[test]
    fn unknown_service_and_bad_date_are_errors() {
        let d = first_error(&GOOD.replace("service: UTokyo アカウント", "service: Moodle"));
        assert_eq!(d.code, codes::UNKNOWN_SERVICE);
        let d = first_error(&GOOD.replace("date: 2025-12-10", "date: 2025-13-40"));
        assert_eq!((d.code, d.line), (codes::BAD_DATE, 7));
    }

    #[test]
    fn empty_and_front_matterless_pages_are_errors() {
        assert_eq!(first_error("").code, codes::EMPTY_PAGE);
        assert_eq!(first_error("# just markdown\n").code, codes::FRONT_MATTER);
    }

    #[test]
    fn split_front_matter_handles_crlf_and_reports_body_line() {
        let (yaml, body, line) = split_front_matter("---\r\na: 1\r\n---\r\nbody").unwrap();
        assert_eq!(yaml, "a: 1\r\n");
        assert_eq!(body, "body");
        assert_eq!(line, 4);
    }

    #[test]
    fn a_misspelt_key_is_reported_at_its_own_line() {
        let errors = parse(&GOOD.replace("reviewed: false", "reviewd: true")).unwrap_err();
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert_eq!((errors[0].code, errors[0].line), (codes::UNKNOWN_KEY, 8), "{}", errors[0]);
        assert!(errors[0].message.contains("`reviewd`"), "{}", errors[0]);
    }

    #[test]
    fn key_lines_are_kept_by_key() {
        let page = parse(GOOD).unwrap();
        assert_eq!(page.key_lines.get(Key::Reviewed), Some(8));
        assert_eq!(page.key_lines.get(Key::Source), None);
        assert_eq!(page.key_line(Key::Source), 1, "an absent key points at the opening `---`");
    }

    #[test]
    fn every_wrong_form_is_reported_at_its_key() {
        let text = "---\ntitle: !tagged x\nservice: UTokyo Account\nstatus: resolved\ntags: {a: 1}\n\
                    reviewed: yes\nrecurs: [[nested]]\nsource:\n---\nbody\n";
        let found: Vec<_> = parse(text).unwrap_err().iter().map(|d| (d.code, d.line)).collect();
        assert_eq!(
            found,
            [
                (codes::WRONG_TYPE, 2),
                (codes::WRONG_TYPE, 8),
                (codes::WRONG_TYPE, 5),
                (codes::WRONG_TYPE, 7),
                (codes::WRONG_TYPE, 6)
            ]
        );
    }

    #[test]
    fn scalars_read_as_text_and_blank_lists_as_empty() {
        let page = parse("---\ntitle: 365\nservice: UTokyo Account\nstatus: resolved\ntags: [1e3, true]\nrecurs:\n---\nb\n").unwrap();
        assert_eq!(page.front.title, "365");
        assert_eq!(page.front.tags, ["1000.0", "true"]);
        assert!(page.front.recurs.is_empty());
        assert_eq!(page.front.status, Status::Resolved);
    }

    #[test]
    fn an_unknown_service_is_reported_beside_a_missing_title() {
        let errors = parse("---\nservice: Moodle\nstatus: resolved\n---\nbody\n").unwrap_err();
        let found: Vec<_> = errors.iter().map(|d| (d.code, d.line)).collect();
        assert_eq!(found, [(codes::MISSING_KEY, 1), (codes::UNKNOWN_SERVICE, 2)]);
    }

    proptest! {
        #[test]
        fn parse_page_never_panics(text in "(---\n)?[ -~\\n:あ\\[\\]{}]{0,200}(\n---\n)?.{0,50}") {
            let _ = parse(&text);
        }
    }
}
