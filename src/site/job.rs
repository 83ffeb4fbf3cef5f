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
    /// The fingerprint so far, when asked for (`Job::fingerprinted`).
    hasher: Option<std::hash::DefaultHasher>,
}

impl Job {
    pub fn new(template: &'static str, path: impl Into<String>) -> Job {
        Job { template, path: path.into(), values: Vec::new(), hasher: None }
    }

    /// A job that also computes its fingerprint as values are added. The values are hashed as
    /// serialised from the caller's own types (whose field and key order is fixed), never from
    /// tera's values (whose maps are hash maps in no fixed order).
    pub fn fingerprinted(template: &'static str, path: impl Into<String>) -> Job {
        let mut job = Job::new(template, path);
        let mut hasher = std::hash::DefaultHasher::new();
        write_str(&mut hasher, job.template);
        write_str(&mut hasher, &job.path);
        job.hasher = Some(hasher);
        job
    }

    /// Adds `key` to the context (a key already there is replaced).
    pub fn with<T: Serialize + ?Sized>(mut self, key: &'static str, value: &T) -> Job {
        if let Some(hasher) = self.hasher.take() {
            let mut writer = HashWriter(hasher);
            write_str(&mut writer.0, key);
            // Writing into a hasher cannot fail; a value that does not serialise fails the
            // render itself, so the fingerprint may ignore it.
            let _ = serde_json::to_writer(&mut writer, value);
            self.hasher = Some(writer.0);
        }
        self.values.retain(|(k, _)| *k != key);
        self.values.push((key, Value::from_serializable(value)));
        self
    }

    /// Whether the context has `key`.
    pub fn has(&self, key: &str) -> bool {
        self.values.iter().any(|(k, _)| *k == key)
    }

    /// A hash of the template name, the path and every value added, in order: equal
    /// fingerprints mean the same rendered bytes (for an unchanged theme). `None` unless the
    /// job was made with `Job::fingerprinted`.
    pub fn fingerprint(&self) -> Option<u64> {
        self.hasher.as_ref().map(Hasher::finish)
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
        let value =
            |title: &str| serde_json::json!({"title": title, "a": 1, "b": [1, 2], "c": {"d": 1, "e": 2}});
        let job = |path: &str, title: &str| Job::fingerprinted("faq.html", path).with("faq", &value(title));
        assert!(job("faq/a.html", "a").fingerprint().is_some());
        assert_eq!(job("faq/a.html", "a").fingerprint(), job("faq/a.html", "a").fingerprint());
        assert_ne!(job("faq/a.html", "a").fingerprint(), job("faq/a.html", "b").fingerprint());
        assert_ne!(job("faq/a.html", "a").fingerprint(), job("faq/b.html", "a").fingerprint());
        assert!(job("faq/a.html", "a").has("faq") && !job("faq/a.html", "a").has("root"));
        assert_eq!(Job::new("x.html", "x.html").with("x", &1).fingerprint(), None);
    }
}
