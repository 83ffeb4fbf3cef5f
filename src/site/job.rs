//! One output page to render: a template, its output path and the values its context holds.
//!
//! A job is made before it is rendered so that what a page is made of can be compared without
//! rendering it: `serve` keeps the fingerprint of every job it rendered and, after an edit,
//! renders again exactly the jobs whose fingerprint changed. The fingerprint covers everything
//! the template sees besides the theme and the site-wide globals (which only a full build
//! changes), so no list of "fields other pages show" has to be kept in step by hand.

use std::hash::Hasher;

use serde::Serialize;
use tera::{Context, Value};

/// A template, the path it renders to and its context values.
#[derive(Debug, Clone)]
pub struct Job {
    pub template: &'static str,
    pub path: String,
    values: Vec<(&'static str, Value)>,
}

impl Job {
    pub fn new(template: &'static str, path: impl Into<String>) -> Job {
        Job { template, path: path.into(), values: Vec::new() }
    }

    /// Adds `key` to the context.
    pub fn with<T: Serialize + ?Sized>(mut self, key: &'static str, value: &T) -> Job {
        self.values.retain(|(k, _)| *k != key);
        self.values.push((key, Value::from_serializable(value)));
        self
    }

    /// Whether the context has `key`.
    pub fn has(&self, key: &str) -> bool {
        self.values.iter().any(|(k, _)| *k == key)
    }

    /// A hash of the template name, the path and every context value. Equal fingerprints mean
    /// the same rendered bytes (for an unchanged theme).
    pub fn fingerprint(&self) -> u64 {
        let mut hasher = HashWriter(std::hash::DefaultHasher::new());
        write_str(&mut hasher.0, self.template);
        write_str(&mut hasher.0, &self.path);
        for (key, value) in &self.values {
            write_str(&mut hasher.0, key);
            // Writing into a hasher cannot fail; a value that does not serialise fails the
            // render itself, so the fingerprint may ignore it.
            let _ = serde_json::to_writer(&mut hasher, value);
        }
        hasher.0.finish()
    }

    /// The template context.
    pub fn context(self) -> Context {
        let mut context = Context::new();
        for (key, value) in self.values {
            context.insert_value(key, value);
        }
        context
    }
}

/// A string with its length, so that consecutive strings cannot run into one another.
fn write_str(hasher: &mut impl Hasher, s: &str) {
    hasher.write_usize(s.len());
    hasher.write(s.as_bytes());
}

/// Feeds serialised bytes straight into a hasher, so fingerprints allocate nothing.
struct HashWriter(std::hash::DefaultHasher);

impl std::io::Write for HashWriter {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.write(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// A hash of some bytes (a rendered body, a search shard), by the same hasher.
pub fn hash_bytes(parts: &[&[u8]]) -> u64 {
    let mut hasher = std::hash::DefaultHasher::new();
    for part in parts {
        hasher.write(part);
        hasher.write_u8(0xff);
    }
    hasher.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fingerprints_follow_every_value() {
        let job = || Job::new("faq.html", "faq/a.html").with("faq", &serde_json::json!({"title": "a"}));
        assert_eq!(job().fingerprint(), job().fingerprint());
        let other = job().with("faq", &serde_json::json!({"title": "b"}));
        assert_ne!(job().fingerprint(), other.fingerprint());
        assert_ne!(job().fingerprint(), Job { path: "faq/b.html".into(), ..job() }.fingerprint());
        assert!(job().has("faq") && !job().has("root"));
    }
}
