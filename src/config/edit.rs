//! Adding services to `book.toml` in place. The file is the user's: `toml_edit` keeps its
//! comments, key order and formatting, and the new `[[services]]` tables go right after the
//! last existing one (or at the end when there is none). Nothing here writes the file; the
//! importer decides whether to write, show or only print the change.

use std::collections::HashSet;
use std::path::Path;

use toml_edit::{Array, ArrayOfTables, DocumentMut, InlineTable, Item, Table, value};

use super::{Service, normalize_label};
use crate::diagnostics::{Diagnostic, codes, line_col};

/// `book.toml` with services added.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServicesEdit {
    /// The whole file after the edit.
    pub text: String,
    /// The TOML that was added, as a user would write it by hand.
    pub snippet: String,
    /// The services added: those the file did not name yet (so a re-run adds nothing).
    pub added: Vec<Service>,
}

/// Adds `services` to the configuration text `before` (empty when the file does not exist).
/// Errors name the file and the line of the `services` key that cannot take them.
pub fn add_services(path: &Path, before: &str, services: &[Service]) -> Result<ServicesEdit, Diagnostic> {
    let located = |offset: usize, message: String| {
        let (line, col) = line_col(before, offset);
        Diagnostic::error(codes::CONFIG_EDIT, path, line, col, message)
    };
    let parsed = toml_edit::Document::parse(before.to_string()).map_err(|e| {
        located(e.span().map_or(0, |s| s.start), format!("cannot edit book.toml: {}", e.message().trim()))
    })?;
    let key_offset = parsed.as_table().key("services").and_then(|k| k.span()).map_or(0, |s| s.start);
    let mut document: DocumentMut = parsed.into_mut();
    let named = named_services(&document);
    let services: Vec<Service> = services
        .iter()
        .filter(|s| !named.contains(&normalize_label(&s.name)) && !named.contains(&s.slug))
        .cloned()
        .collect();
    let services = services.as_slice();
    if services.is_empty() {
        return Ok(ServicesEdit { text: before.to_string(), snippet: String::new(), added: Vec::new() });
    }
    match document.as_table_mut().get_mut("services") {
        None => {
            document.as_table_mut().insert("services", Item::ArrayOfTables(ArrayOfTables::new()));
            push_tables(&mut document, services);
        }
        Some(Item::ArrayOfTables(_)) => push_tables(&mut document, services),
        // `services = [{ name = … }]`: keep the user's inline style.
        Some(Item::Value(toml_edit::Value::Array(array))) => {
            for service in services {
                array.push(inline_service(service));
            }
        }
        Some(_) => {
            return Err(located(
                key_offset,
                "cannot add services to book.toml: `services` is not a list of [[services]] tables"
                    .to_string(),
            ));
        }
    }
    let mut alone = DocumentMut::new();
    alone.insert("services", Item::ArrayOfTables(ArrayOfTables::new()));
    push_tables(&mut alone, services);
    let snippet = alone.to_string().trim_start().to_string();
    Ok(ServicesEdit { text: document.to_string(), snippet, added: services.to_vec() })
}

/// Normalised names and aliases, and slugs, of the services the file already has.
fn named_services(document: &DocumentMut) -> HashSet<String> {
    let tables: Vec<&dyn toml_edit::TableLike> = match document.get("services") {
        Some(Item::ArrayOfTables(tables)) => tables.iter().map(|t| t as &dyn toml_edit::TableLike).collect(),
        Some(Item::Value(toml_edit::Value::Array(array))) => {
            array.iter().filter_map(|v| v.as_inline_table()).map(|t| t as &dyn toml_edit::TableLike).collect()
        }
        _ => Vec::new(),
    };
    let mut named = HashSet::new();
    for table in tables {
        let text = |key: &str| table.get(key).and_then(|i| i.as_str()).map(str::to_string);
        named.extend(text("name").map(|n| normalize_label(&n)));
        named.extend(text("slug"));
        if let Some(aliases) = table.get("aliases").and_then(|i| i.as_array()) {
            named.extend(aliases.iter().filter_map(|a| a.as_str()).map(normalize_label));
        }
    }
    named
}

fn push_tables(document: &mut DocumentMut, services: &[Service]) {
    if let Some(Item::ArrayOfTables(tables)) = document.as_table_mut().get_mut("services") {
        for service in services {
            tables.push(service_table(service));
        }
    }
}

fn service_table(service: &Service) -> Table {
    let mut table = Table::new();
    table.insert("name", value(service.name.as_str()));
    table.insert("slug", value(service.slug.as_str()));
    if !service.aliases.is_empty() {
        table.insert("aliases", value(aliases(service)));
    }
    table
}

fn inline_service(service: &Service) -> InlineTable {
    let mut table = InlineTable::new();
    table.insert("name", service.name.as_str().into());
    table.insert("slug", service.slug.as_str().into());
    if !service.aliases.is_empty() {
        table.insert("aliases", aliases(service).into());
    }
    table
}

fn aliases(service: &Service) -> Array {
    service.aliases.iter().map(String::as_str).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;

    fn service(name: &str, slug: &str, aliases: &[&str]) -> Service {
        Service {
            name: name.to_string(),
            slug: slug.to_string(),
            aliases: aliases.iter().map(|a| a.to_string()).collect(),
        }
    }

    fn zoom() -> Service {
        service("Zoom", "zoom", &[])
    }

    const BOOK: &str = "# My helpdesk FAQ\n[book]\ntitle = \"FAQ\"   # shown in the header\n\n\
                        [[services]]\nname = \"UTokyo Account\"\nslug = \"utokyo-account\"\n\n\
                        # tags come last\n[[tags]]\nname = \"MFA\"\n";

    #[test]
    fn new_services_follow_the_last_service_and_comments_survive() {
        let edit = add_services(
            Path::new("book.toml"),
            BOOK,
            &[service("図書館システム", "t-1234abcd", &[]), service("Wi-Fi (UTokyo)", "wi-fi", &["Wi-Fi"])],
        )
        .unwrap_or_else(|e| panic!("{e}"));
        assert!(
            edit.text.starts_with("# My helpdesk FAQ\n[book]\ntitle = \"FAQ\"   # shown in the header\n")
        );
        let library = edit.text.find("name = \"図書館システム\"").unwrap_or(usize::MAX);
        let tags = edit.text.find("# tags come last\n[[tags]]").unwrap_or(0);
        assert!(library < tags, "{}", edit.text);
        assert!(edit.text.contains("aliases = [\"Wi-Fi\"]"), "{}", edit.text);
        let config = Config::parse(Path::new("."), Path::new("book.toml"), &edit.text)
            .unwrap_or_else(|e| panic!("{e}\n{}", edit.text));
        let names: Vec<&str> = config.services.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(names, ["UTokyo Account", "図書館システム", "Wi-Fi (UTokyo)"]);
        assert!(edit.snippet.starts_with("[[services]]\nname = \"図書館システム\"\n"), "{}", edit.snippet);
    }

    #[test]
    fn a_file_without_services_or_without_a_file_gets_them() {
        for before in ["", "[book]\ntitle = \"t\"\n"] {
            let edit = add_services(Path::new("book.toml"), before, &[service("Zoom", "zoom", &[])])
                .unwrap_or_else(|e| panic!("{e}"));
            assert!(edit.text.starts_with(before));
            let config = Config::parse(Path::new("."), Path::new("book.toml"), &edit.text)
                .unwrap_or_else(|e| panic!("{e}"));
            assert_eq!(config.services.len(), 1);
        }
    }

    #[test]
    fn inline_service_lists_stay_inline() {
        let before = "services = [{ name = \"A\", slug = \"a\" }]\n";
        let edit = add_services(Path::new("book.toml"), before, &[service("B", "b", &[])])
            .unwrap_or_else(|e| panic!("{e}"));
        assert!(edit.text.starts_with("services = [{ name = \"A\", slug = \"a\" }"), "{}", edit.text);
        assert!(!edit.text.contains("[[services]]"), "{}", edit.text);
    }

    #[test]
    fn services_the_file_names_already_are_not_added_again() {
        let once = add_services(Path::new("book.toml"), BOOK, &[service("Zoom", "zoom", &[])])
            .unwrap_or_else(|e| panic!("{e}"));
        let again = add_services(
            Path::new("book.toml"),
            &once.text,
            &[service("zoom", "zoom-2", &[]), service("utokyo account", "x", &[])],
        )
        .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!((again.text.as_str(), again.added.len()), (once.text.as_str(), 0));
    }

    #[test]
    fn errors_carry_the_line() {
        let e = add_services(Path::new("site/book.toml"), "# site\n\nservices = 3\n[book]\n", &[zoom()])
            .err()
            .unwrap_or_else(|| panic!("a number cannot take services"));
        assert_eq!((e.line, e.code), (3, codes::CONFIG_EDIT));
        let e = add_services(Path::new("book.toml"), "[book]\ntitle = \n", &[zoom()])
            .err()
            .unwrap_or_else(|| panic!("broken TOML"));
        assert_eq!(e.line, 2, "{e}");
    }
}
