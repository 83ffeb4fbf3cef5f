//! Services across one import: the headings that name no configured service, each reconciled
//! with the configured services and with the other new ones, so that one service spelt two
//! ways is one service.
//!
//! Minutes name a service more or less fully from meeting to meeting: with a qualifier in
//! brackets (`Microsoft 365 (Office)` / `Microsoft 365`) or with the organisation's prefix
//! (`UTokyo Wi-Fi` / `Wi-Fi`). A shorter spelling that is the longer one without its bracket or
//! without its first word is the same service, unless it could be more than one. The fullest
//! spelling names the service; the others become its aliases. Slugs stay ASCII and unique.

use std::collections::{BTreeMap, HashSet};

use crate::config::{Config, Service, is_other_label, normalize_label};

/// Where each service found in the minutes ends up.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Reconciled {
    /// Service name as the segmenter made it → the service its cases are filed under.
    pub by_name: BTreeMap<String, Service>,
    /// Services to add to the configuration, in the order the minutes first name them.
    pub added: Vec<Service>,
}

/// Reconciles the services of the cases (in input order) with the configuration.
pub fn reconcile<'a>(config: &Config, found: impl IntoIterator<Item = &'a Service>) -> Reconciled {
    let mut names: Vec<&Service> = Vec::new();
    let mut seen = HashSet::new();
    for service in found {
        if seen.insert(service.name.clone()) {
            names.push(service);
        }
    }
    let mut reconciled = Reconciled::default();
    let unknown: Vec<&Service> = names
        .iter()
        .copied()
        .filter(|s| {
            let known = config.find_service(&s.name).is_some() || is_other_label(&normalize_label(&s.name));
            if known {
                reconciled.by_name.insert(s.name.clone(), (*s).clone());
            }
            !known
        })
        .collect();
    let mut slugs: HashSet<String> = config.services.iter().map(|s| s.slug.clone()).collect();
    slugs.insert("other".to_string());
    let mut groups: Vec<Vec<&str>> = Vec::new();
    for service in &unknown {
        if let Some(configured) =
            unique_variant(&service.name, config.services.iter().map(|s| s.name.as_str()))
                .and_then(|name| config.find_service(name))
        {
            reconciled.by_name.insert(service.name.clone(), configured.clone());
            continue;
        }
        let others = unknown.iter().map(|s| s.name.as_str()).filter(|n| *n != service.name);
        let fullest = fullest(&service.name, others);
        match groups.iter_mut().find(|g| g.contains(&fullest)) {
            Some(group) => group.push(&service.name),
            None => groups.push(vec![fullest, &service.name].into_iter().collect::<Vec<_>>()),
        }
    }
    for group in groups {
        let name = group[0];
        let aliases: Vec<String> = dedup(group[1..].iter().filter(|a| **a != name).map(|a| a.to_string()));
        let base = unknown
            .iter()
            .find(|s| s.name == name)
            .map_or_else(|| crate::slug::slugify(name), |s| s.slug.clone());
        let service = Service { name: name.to_string(), slug: unique_slug(&base, &mut slugs), aliases };
        for spelling in &group {
            reconciled.by_name.insert(spelling.to_string(), service.clone());
        }
        reconciled.added.push(service);
    }
    reconciled
}

/// The fullest spelling `name` is a variant of among `others` (itself when none, or when the
/// fuller spellings disagree).
fn fullest<'a>(name: &'a str, others: impl Iterator<Item = &'a str>) -> &'a str {
    unique_variant(name, others).unwrap_or(name)
}

/// The one name among `candidates` of which `short` is a shorter spelling (the fullest, when
/// they are spellings of each other: `Wi-Fi` < `UTokyo Wi-Fi` < `UTokyo Wi-Fi (campus)`); none
/// when there is none or they disagree (`Office (Word)`, `Office (Teams)`).
pub fn unique_variant<'a>(short: &str, candidates: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    let matches: Vec<&str> = candidates.filter(|full| is_shorter_spelling(short, full)).collect();
    let mut fullest = matches.iter().filter(|m| !matches.iter().any(|other| is_shorter_spelling(m, other)));
    let first = fullest.next()?;
    fullest.next().is_none().then_some(*first)
}

/// Whether `short` is `full` without its bracketed qualifier, or without its first word.
pub fn is_shorter_spelling(short: &str, full: &str) -> bool {
    let (short, full) = (normalize_label(short), normalize_label(full));
    if short.is_empty() || short == full {
        return false;
    }
    if without_bracket(&full).is_some_and(|base| base == short) {
        return true;
    }
    // The first word dropped (`utokyo wi-fi` → `wi-fi`): what is left must still be a name, not
    // a number (`microsoft 365` → `365`).
    full.split_once(' ').is_some_and(|(_, rest)| {
        let rest = without_bracket(rest).unwrap_or(rest);
        rest == short && short.chars().count() >= 3 && short.chars().any(char::is_alphabetic)
    })
}

/// `name` without a trailing `(…)`/`（…）` qualifier, when it has one.
pub fn without_bracket(name: &str) -> Option<&str> {
    let name = name.trim_end();
    let open =
        if name.ends_with(')') || name.ends_with('）') { name.rfind(['(', '（'])? } else { return None };
    let base = name[..open].trim_end();
    (!base.is_empty()).then_some(base)
}

fn dedup(items: impl Iterator<Item = String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for item in items {
        if !out.contains(&item) {
            out.push(item);
        }
    }
    out
}

fn unique_slug(base: &str, taken: &mut HashSet<String>) -> String {
    let mut slug = base.to_string();
    let mut n = 1;
    while taken.contains(&slug) {
        n += 1;
        slug = format!("{base}-{n}");
    }
    taken.insert(slug.clone());
    slug
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn service(name: &str) -> Service {
        Service { name: name.to_string(), slug: crate::slug::slugify(name), aliases: Vec::new() }
    }

    fn config(toml: &str) -> Config {
        Config::parse(Path::new("."), Path::new("book.toml"), toml).unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn shorter_spellings() {
        assert!(is_shorter_spelling("Microsoft 365", "Microsoft 365 (Office)"));
        assert!(is_shorter_spelling("ECCSクラウドメール", "ECCSクラウドメール（Google Workspace）"));
        assert!(is_shorter_spelling("Wi-Fi", "UTokyo Wi-Fi"));
        assert!(is_shorter_spelling("Cloud Mail", "ECCS Cloud Mail"));
        assert!(!is_shorter_spelling("365", "Microsoft 365"));
        assert!(!is_shorter_spelling("Zoom", "Zoom"));
        assert!(!is_shorter_spelling("Microsoft", "Microsoft 365 Apps"));
        assert!(!is_shorter_spelling("Teams", "Microsoft 365 (Teams)"));
    }

    #[test]
    fn spellings_of_one_new_service_become_one_with_aliases() {
        let found =
            [service("Microsoft 365"), service("Box"), service("Microsoft 365 (Office)"), service("その他")];
        let r = reconcile(&config(""), &found);
        let added: Vec<(&str, &[String])> =
            r.added.iter().map(|s| (s.name.as_str(), s.aliases.as_slice())).collect();
        assert_eq!(added, [("Microsoft 365 (Office)", &["Microsoft 365".to_string()][..]), ("Box", &[][..])]);
        assert_eq!(r.by_name["Microsoft 365"].name, "Microsoft 365 (Office)");
        assert_eq!(r.by_name["その他"].name, "その他");
    }

    #[test]
    fn a_shorter_spelling_of_a_configured_service_is_that_service() {
        let c = config("[[services]]\nname = \"UTokyo Wi-Fi\"\nslug = \"wifi\"\n");
        let r = reconcile(&c, &[service("Wi-Fi"), service("UTokyo Wi-Fi")]);
        assert!(r.added.is_empty());
        assert_eq!(r.by_name["Wi-Fi"].slug, "wifi");
    }

    #[test]
    fn ambiguous_spellings_stay_apart_and_slugs_stay_unique() {
        let c = config("[[services]]\nname = \"Box Drive\"\nslug = \"box\"\n");
        let found = [
            service("Teams"),
            service("Office (Teams)"),
            service("Office (Word)"),
            service("Office"),
            service("Box"),
        ];
        let r = reconcile(&c, &found);
        let names: Vec<&str> = r.added.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(names, ["Teams", "Office (Teams)", "Office (Word)", "Office", "Box"]);
        assert_eq!(r.by_name["Box"].slug, "box-2");
        let chain = [service("Wi-Fi"), service("UTokyo Wi-Fi (campus)"), service("UTokyo Wi-Fi")];
        let r = reconcile(&config(""), &chain);
        assert_eq!(r.added.len(), 1, "{:?}", r.added);
        assert_eq!(r.added[0].aliases, ["Wi-Fi", "UTokyo Wi-Fi"]);
    }
}
