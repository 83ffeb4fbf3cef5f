//! Front matter: the YAML between the `---` lines of a page, checked against the page schema.

use std::collections::BTreeMap;
use std::path::Path;

use chrono::NaiveDate;
use serde_yaml::Value;

use super::{FRONT_MATTER_KEYS, Page, Status};
use crate::config::Config;
use crate::diagnostics::{Diagnostic, codes};
use crate::slug::is_valid_slug;

/// Parses one page's text. Public for `check` and tests; `path` and `rel` only label the result.
pub fn parse_page(config: &Config, path: &Path, rel: &str, text: &str) -> Result<Page, Vec<Diagnostic>> {
    let error = |code, line, col, message: String| Diagnostic::error(code, path, line, col, message);
    if text.trim().is_empty() {
        return Err(vec![error(
            codes::EMPTY_PAGE,
            1,
            1,
            "empty page: it needs front matter and a body".into(),
        )]);
    }
    let Some((yaml, body, body_line)) = split_front_matter(text) else {
        return Err(vec![error(
            codes::FRONT_MATTER,
            1,
            1,
            "missing front matter: a page starts with a `---` line, YAML keys, and another `---` line".into(),
        )]);
    };
    // YAML line 1 is file line 2 (after the opening `---`).
    let yaml_line = |line: usize| line + 1;
    let mapping = match serde_yaml::from_str::<Value>(yaml) {
        Ok(Value::Mapping(mapping)) => mapping,
        Ok(Value::Null) => serde_yaml::Mapping::new(),
        Ok(_) => {
            return Err(vec![error(
                codes::FRONT_MATTER,
                2,
                1,
                "front matter must be `key: value` lines".into(),
            )]);
        }
        Err(e) => {
            let (line, col) = e.location().map_or((2, 1), |l| (yaml_line(l.line()), l.column()));
            let message = e.to_string();
            let message = message.split(" at line ").next().unwrap_or(&message).to_string();
            return Err(vec![error(
                codes::YAML_SYNTAX,
                line,
                col,
                format!("front matter is not valid YAML: {message}"),
            )]);
        }
    };
    let key_lines = front_matter_key_lines(yaml);
    let line_of = |key: &str| key_lines.get(key).copied().unwrap_or(1);
    let mut errors = Vec::new();
    let mut fields: BTreeMap<&str, &Value> = BTreeMap::new();
    for (key, value) in &mapping {
        match key.as_str().and_then(|k| FRONT_MATTER_KEYS.iter().find(|known| **known == k)) {
            Some(known) => {
                fields.insert(known, value);
            }
            None => {
                let name = key.as_str().map_or_else(|| format!("{key:?}"), str::to_string);
                errors.push(error(
                    codes::UNKNOWN_KEY,
                    line_of(&name),
                    1,
                    format!(
                        "unknown front-matter key `{name}` (known keys: {})",
                        FRONT_MATTER_KEYS.join(", ")
                    ),
                ));
            }
        }
    }
    let mut text_field = |key: &str, required: bool| -> Option<String> {
        match fields.get(key) {
            Some(value) => match scalar_string(value) {
                Some(s) if !s.trim().is_empty() => Some(s.trim().to_string()),
                Some(_) if required => {
                    errors.push(error(codes::MISSING_KEY, line_of(key), 1, format!("`{key}` is empty")));
                    None
                }
                Some(_) => None,
                None => {
                    errors.push(error(codes::WRONG_TYPE, line_of(key), 1, format!("`{key}` must be text")));
                    None
                }
            },
            None if required => {
                errors.push(error(
                    codes::MISSING_KEY,
                    1,
                    1,
                    format!("missing required front-matter key `{key}`"),
                ));
                None
            }
            None => None,
        }
    };
    let title = text_field("title", true);
    let service_label = text_field("service", true);
    let status_text = text_field("status", true);
    let id_text = text_field("id", false);
    let date_text = text_field("date", false);
    let source = text_field("source", false);
    let reviewed_by = text_field("reviewed-by", false);
    let reviewed_on_text = text_field("reviewed-on", false);
    let import_fingerprint = text_field("import-fingerprint", false);
    let status_reason = text_field("status-reason", false);

    let status = status_text.and_then(|s| {
        let status = Status::parse(&s);
        if status.is_none() {
            errors.push(error(
                codes::UNKNOWN_STATUS,
                line_of("status"),
                1,
                format!("unknown status `{s}`: use resolved, escalated, unresolved or unknown"),
            ));
        }
        status
    });
    let service = service_label.and_then(|label| {
        let service = config.resolve_service(&label);
        if service.is_none() {
            let known: Vec<&str> = config.services.iter().map(|s| s.name.as_str()).collect();
            errors.push(error(
                codes::UNKNOWN_SERVICE,
                line_of("service"),
                1,
                format!("service `{label}` is not configured in book.toml (known: {})", known.join(", ")),
            ));
        }
        service
    });
    let stem = rel.rsplit('/').next().unwrap_or(rel).trim_end_matches(".md").to_string();
    let id = id_text.unwrap_or(stem);
    if !is_valid_slug(&id) {
        let message = if crate::slug::is_windows_reserved(&id) {
            format!(
                "id `{id}` is a device name Windows cannot use as a file name (con, nul, aux …); choose another"
            )
        } else {
            format!("id `{id}` must be 1-100 characters of a-z, 0-9, `-` or `_` (it becomes a file name)")
        };
        errors.push(error(codes::BAD_ID, line_of("id"), 1, message));
    }
    let mut date_field = |key: &str, text: Option<String>| {
        text.and_then(|t| match NaiveDate::parse_from_str(&t, "%Y-%m-%d") {
            Ok(date) => Some(date),
            Err(_) => {
                errors.push(error(
                    codes::BAD_DATE,
                    line_of(key),
                    1,
                    format!("`{key}: {t}` is not a date (YYYY-MM-DD)"),
                ));
                None
            }
        })
    };
    let date = date_field("date", date_text);
    let reviewed_on = date_field("reviewed-on", reviewed_on_text);
    let mut list_field = |key: &str| -> Vec<String> {
        match fields.get(key) {
            None | Some(Value::Null) => Vec::new(),
            Some(Value::Sequence(items)) => {
                let mut out = Vec::new();
                for item in items {
                    match scalar_string(item) {
                        Some(s) if !s.trim().is_empty() => out.push(s.trim().to_string()),
                        _ => errors.push(error(
                            codes::WRONG_TYPE,
                            line_of(key),
                            1,
                            format!("every item of `{key}` must be non-empty text"),
                        )),
                    }
                }
                out
            }
            Some(value) => match scalar_string(value) {
                Some(s) if !s.trim().is_empty() => vec![s.trim().to_string()],
                _ => {
                    errors.push(error(
                        codes::WRONG_TYPE,
                        line_of(key),
                        1,
                        format!("`{key}` must be a list like [a, b]"),
                    ));
                    Vec::new()
                }
            },
        }
    };
    let mut tags = list_field("tags");
    let recurs = list_field("recurs");
    let reviewed = match fields.get("reviewed") {
        None | Some(Value::Null) => false,
        Some(Value::Bool(b)) => *b,
        Some(_) => {
            errors.push(error(
                codes::WRONG_TYPE,
                line_of("reviewed"),
                1,
                "`reviewed` must be true or false".into(),
            ));
            false
        }
    };
    // Repeated tags would make duplicate links; keep the first of each.
    let mut seen = std::collections::BTreeSet::new();
    tags.retain(|t| seen.insert(t.clone()));

    match (errors.is_empty(), title, service, status) {
        (true, Some(title), Some(service), Some(status)) => Ok(Page {
            path: path.to_path_buf(),
            rel_path: rel.to_string(),
            id,
            title,
            service: service.name,
            service_slug: service.slug,
            tags,
            status,
            date,
            source,
            reviewed,
            reviewed_by,
            reviewed_on,
            recurs,
            import_fingerprint,
            status_reason,
            body: body.to_string(),
            body_line,
            key_lines,
        }),
        _ => Err(errors),
    }
}

/// Splits `---\nYAML\n---\nbody` into (yaml, body, 1-based line where the body starts).
pub fn split_front_matter(text: &str) -> Option<(&str, &str, usize)> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let rest = text.strip_prefix("---\n").or_else(|| text.strip_prefix("---\r\n"))?;
    let mut offset = 0;
    for line in rest.split_inclusive('\n') {
        if line.trim_end() == "---" {
            let yaml = &rest[..offset];
            let body = &rest[offset + line.len()..];
            let body_line = 2 + yaml.matches('\n').count() + 1;
            return Some((yaml, body, body_line));
        }
        offset += line.len();
    }
    None
}

/// 1-based file line of each top-level key of the front matter.
fn front_matter_key_lines(yaml: &str) -> BTreeMap<String, usize> {
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

/// Scalars as text: YAML reads `365` as a number and `yes` as text; both are fine as text.
fn scalar_string(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

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
        assert_eq!(page.id, "utokyo-account-1");
        assert_eq!(page.service, "UTokyo Account", "alias resolves to the configured name");
        assert_eq!(page.service_slug, "utokyo-account");
        assert_eq!(page.status, Status::Resolved);
        assert_eq!(page.date, NaiveDate::from_ymd_opt(2025, 12, 10));
        assert_eq!(page.body_line, 10);
        assert!(page.body.contains("## 問い合わせ"));
        assert_eq!(page.key_line("status"), 6);
    }

    #[test]
    fn id_defaults_to_the_file_stem() {
        let page = parse("---\ntitle: t\nservice: UTokyo Account\nstatus: unknown\n---\nbody\n").unwrap();
        assert_eq!(page.id, "a-page");
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

    proptest! {
        #[test]
        fn parse_page_never_panics(text in "(---\n)?[ -~\\n:あ\\[\\]{}]{0,200}(\n---\n)?.{0,50}") {
            let _ = parse(&text);
        }
    }
}
