//! Writing front matter: the one writer, used by the importer and by `faqbook new`, so both
//! quote YAML the same way and `parse` reads back what was written.

use serde_yaml::Value;

use super::{FrontMatter, Key};

/// The front-matter block of a page, both `---` lines included. Keys come in one fixed order;
/// an absent value (and an empty `recurs`) is left out. Text values are written on one line: a
/// line break inside one becomes a space.
pub fn write(front: &FrontMatter) -> String {
    let mut out = String::from("---\n");
    let mut line = |key: Key, value: &str| {
        out.push_str(key.as_str());
        out.push_str(": ");
        out.push_str(value);
        out.push('\n');
    };
    line(Key::Id, &scalar(&front.id, false));
    line(Key::Title, &scalar(&front.title, false));
    line(Key::Service, &scalar(&front.service, false));
    line(Key::Tags, &flow_list(&front.tags));
    line(Key::Status, front.status.as_str());
    if let Some(reason) = &front.status_reason {
        line(Key::StatusReason, &scalar(reason, false));
    }
    if let Some(date) = front.date {
        line(Key::Date, &date.format("%Y-%m-%d").to_string());
    }
    if let Some(source) = &front.source {
        line(Key::Source, &scalar(source, false));
    }
    if !front.recurs.is_empty() {
        line(Key::Recurs, &flow_list(&front.recurs));
    }
    line(Key::Reviewed, if front.reviewed { "true" } else { "false" });
    if let Some(by) = &front.reviewed_by {
        line(Key::ReviewedBy, &scalar(by, false));
    }
    if let Some(on) = front.reviewed_on {
        line(Key::ReviewedOn, &on.format("%Y-%m-%d").to_string());
    }
    // Last, so that the importer's fingerprint (a hash of the page without this line) is the
    // hash of the text above it plus the body.
    if let Some(fingerprint) = &front.import_fingerprint {
        line(Key::ImportFingerprint, &scalar(fingerprint, false));
    }
    out.push_str("---\n");
    out
}

/// `[a, b]`.
fn flow_list(items: &[String]) -> String {
    let items: Vec<String> = items.iter().map(|item| scalar(item, true)).collect();
    format!("[{}]", items.join(", "))
}

/// A YAML scalar that reads back as exactly `value` (with line breaks made spaces). serde_yaml
/// decides whether it needs quotes (`: `, `#`, a leading `[`, `true`, `123` …) for a block
/// value; inside a flow list (`[a, b]`) a plain scalar must also avoid `,[]{}` and a leading
/// `:`, and rather than restate YAML's rules the emitted form is read back to check it. What
/// does not read back is double-quoted (a JSON string is valid YAML).
fn scalar(value: &str, in_flow: bool) -> String {
    let one_line = value.replace(['\n', '\r'], " ");
    let emitted = serde_yaml::to_string(&one_line).unwrap_or_default();
    let emitted = emitted.trim_end_matches('\n');
    if !emitted.contains('\n') && reads_back(emitted, in_flow, &one_line) {
        emitted.to_string()
    } else {
        serde_json::to_string(&one_line).unwrap_or_else(|_| "\"\"".to_string())
    }
}

fn reads_back(emitted: &str, in_flow: bool, value: &str) -> bool {
    let expected = Value::String(value.to_string());
    if in_flow {
        serde_yaml::from_str::<Value>(&format!("[{emitted}]"))
            .is_ok_and(|read| read == Value::Sequence(vec![expected]))
    } else {
        serde_yaml::from_str::<Value>(emitted).is_ok_and(|read| read == expected)
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use chrono::NaiveDate;
    use proptest::prelude::*;

    use super::*;
    use crate::config::Config;
    use crate::content::{Status, split_front_matter};

    /// No `[[services]]`: any service label is accepted as written, so it reads back unchanged.
    fn config() -> Config {
        Config::parse(Path::new("site"), Path::new("site/book.toml"), "").unwrap()
    }

    fn read_back(text: &str) -> FrontMatter {
        let (yaml, body, _) = split_front_matter(text).unwrap_or_else(|| panic!("no front matter:\n{text}"));
        assert_eq!(body, "", "{text}");
        let parsed = super::super::parse(&config(), Path::new("x.md"), "x", yaml);
        parsed.unwrap_or_else(|e| panic!("{e:?}\n{text}")).front
    }

    /// Text as the reader returns it: one line, trimmed, not empty. YAML-significant characters
    /// are over-represented so that every quoting path is taken.
    fn text() -> impl Strategy<Value = String> {
        let chars = prop_oneof![
            3 => prop::sample::select(vec![
                ':', '#', '[', ']', '{', '}', ',', '\'', '"', '&', '*', '!', '|', '>', '%', '@', '`', '-',
                '?', '~', ' ', '\t', '\\', '.', '0', '1', 'e', 'y', 'n', 'x', 'あ', '漢', 'ー', '：',
            ]),
            1 => any::<char>(),
        ];
        prop::collection::vec(chars, 1..24)
            .prop_map(|chars| chars.into_iter().collect::<String>().trim().to_string())
            .prop_filter("values are one trimmed line, not blank", |s| {
                !s.is_empty() && !s.contains(['\n', '\r'])
            })
    }

    fn date() -> impl Strategy<Value = NaiveDate> {
        (1000i32..9999, 1u32..=12, 1u32..=28).prop_map(|(y, m, d)| NaiveDate::from_ymd_opt(y, m, d).unwrap())
    }

    fn unique(items: Vec<String>) -> Vec<String> {
        let mut seen = std::collections::BTreeSet::new();
        items.into_iter().filter(|item| seen.insert(item.clone())).collect()
    }

    prop_compose! {
        fn front_matter()(
            id in "[a-z0-9][a-z0-9_-]{0,20}",
            (title, service, tags) in (text(), text(), prop::collection::vec(text(), 0..4)),
            status in prop::sample::select(Status::ALL.to_vec()),
            (status_reason, source, reviewed_by) in
                (prop::option::of(text()), prop::option::of(text()), prop::option::of(text())),
            (date, reviewed_on) in (prop::option::of(date()), prop::option::of(date())),
            recurs in prop::collection::vec("[a-z0-9-]{1,12}", 0..3),
            reviewed in any::<bool>(),
            import_fingerprint in prop::option::of("[0-9a-f]{16}"),
        ) -> FrontMatter {
            FrontMatter {
                id, title, service, tags: unique(tags), status, status_reason, date, source, recurs,
                reviewed, reviewed_by, reviewed_on, import_fingerprint,
            }
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

        #[test]
        fn what_is_written_reads_back_the_same(front in front_matter()) {
            let text = write(&front);
            prop_assert_eq!(read_back(&text), front, "{}", text);
        }
    }

    #[test]
    fn line_breaks_in_values_become_spaces() {
        let mut front = read_back("---\ntitle: t\nservice: s\nstatus: unknown\n---\n");
        front.title = "two\nlines".into();
        front.tags = vec!["a\r\nb".into()];
        let text = write(&front);
        assert!(text.contains("\ntitle: two lines\n") && text.contains("\ntags: [a  b]\n"), "{text}");
        assert_eq!(read_back(&text).title, "two lines");
    }

    #[test]
    fn keys_come_in_one_order_and_absent_values_are_left_out() {
        let front = read_back("---\ntitle: t\nservice: s\nstatus: unknown\nreviewed: true\n---\n");
        assert_eq!(
            write(&front),
            "---\nid: x\ntitle: t\nservice: s\ntags: []\nstatus: unknown\nreviewed: true\n---\n"
        );
    }
}
