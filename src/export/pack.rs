//! The compressed part of the single-file copy: pages and search-index files packed into
//! deflate blobs (zlib format, as the browser's `DecompressionStream("deflate")` reads it),
//! each stored as one base64 string of `self.FAQBOOK_OFFLINE_PACK.blobs`. `static/offline.js`
//! unpacks a blob only when something in it is first needed, so opening the file costs one
//! small blob (the route list), not the whole site.
//!
//! Blobs group many small texts because deflate finds repeats only inside one stream, and
//! bigger groups compress better (sizes below).
//!
//! Base64 costs 4/3 of the compressed bytes. Inside a UTF-8 page a denser text encoding does
//! not pay: bytes as characters spend two bytes on every byte ≥ 0x80 (about 1.5×), and a
//! base-85 string (1.25×) saves 6 % for a decoder written by hand, whereas `atob` is native
//! in every browser and fast on megabytes.

use std::collections::BTreeMap;
use std::io::Write;

use base64::Engine;
use flate2::Compression;
use flate2::write::ZlibEncoder;
use rayon::prelude::*;
use serde::Serialize;

/// Uncompressed bytes per blob of pages. Measured on 10,000 synthetic pages (77 MB of page
/// HTML): 128 KiB blobs compress to 5.9 MB, 1 MiB blobs to 5.1 MB (one whole stream: 4.9 MB);
/// a 1 MiB blob still unpacks and parses in a few milliseconds when its first page is opened.
const PAGE_BLOB_BYTES: usize = 1024 * 1024;
/// Uncompressed bytes per blob of search files (shards, documents): a first query unpacks one
/// blob per query term and up to 20 of documents. 64 KiB: 3.1 MB for the same site's shards
/// and documents, 256 KiB: 2.7 MB.
const SEARCH_BLOB_BYTES: usize = 256 * 1024;

/// Where `offline.js` finds everything (serialised as `self.FAQBOOK_OFFLINE_PACK`).
#[derive(Debug, Default, Serialize)]
pub struct Pack {
    /// Blob of the route list: a JSON array, per page blob, of the routes it holds.
    routes: usize,
    /// Blob numbers of the page blobs, in route order. Each is a JSON object route →
    /// `[title, main HTML]`.
    pages: Vec<usize>,
    /// Search files: a path (`search/meta.js`) → its blob, or a numbered folder
    /// (`search/docs/`) → `[files per blob, first blob]`, file `n` being in blob
    /// `first + n / files per blob`. A blob is the files' script texts, one per line.
    search: BTreeMap<String, SearchEntry>,
    /// The theme static files packed pages use: reference as written in a page
    /// ([`crate::site::urls::static_file_href`]) → `data:` URL, which the router writes in
    /// the page's HTML before showing it. Each is held here once, however many pages use it.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    static_files: BTreeMap<String, String>,
    /// Base64 of the zlib stream of each blob.
    blobs: Vec<String>,
}

#[derive(Debug, Serialize)]
#[serde(untagged)]
enum SearchEntry {
    File(usize),
    Numbered([usize; 2]),
}

impl Pack {
    /// Packs `pages` (route → title and main HTML, in route order), the search index's
    /// files (`search/…` path → script text) and the static files the pages refer to
    /// (reference → `data:` URL).
    pub fn new<'a>(
        pages: &BTreeMap<String, (String, String)>,
        search_files: impl IntoIterator<Item = (&'a str, &'a [u8])>,
        static_files: BTreeMap<String, String>,
    ) -> Result<Pack, serde_json::Error> {
        let groups = page_groups(pages);
        let routes: Vec<Vec<&str>> = groups.iter().map(|group| group.keys().copied().collect()).collect();
        let mut pack = Pack { pages: (1..=groups.len()).collect(), static_files, ..Pack::default() };
        // Blob 0 is the route list and blobs 1..=groups are the page groups, whose JSON is made
        // where it is compressed, so the pages' HTML is not held a second time as JSON text.
        let mut texts: Vec<Vec<u8>> = vec![serde_json::to_vec(&routes)?];
        texts.resize(1 + groups.len(), Vec::new());
        pack.search_blobs(search_files, &mut texts);
        pack.blobs = texts
            .par_iter()
            .enumerate()
            .map(|(i, text)| {
                let bytes = match i.checked_sub(1).and_then(|g| groups.get(g)) {
                    Some(group) => &serde_json::to_vec(group)?,
                    None => text,
                };
                Ok(base64::engine::general_purpose::STANDARD.encode(deflate(bytes)))
            })
            .collect::<Result<_, serde_json::Error>>()?;
        Ok(pack)
    }

    /// Groups the search files into blobs: numbered files (`shards/7.js`) by number, so the
    /// browser finds file `n`'s blob by arithmetic; the others one blob each.
    fn search_blobs<'a>(
        &mut self,
        files: impl IntoIterator<Item = (&'a str, &'a [u8])>,
        texts: &mut Vec<Vec<u8>>,
    ) {
        let mut numbered: BTreeMap<&str, BTreeMap<usize, &[u8]>> = BTreeMap::new();
        for (path, bytes) in files {
            match numbered_file(path) {
                Some((folder, n)) => {
                    numbered.entry(folder).or_default().insert(n, bytes);
                }
                None => {
                    self.search.insert(path.to_string(), SearchEntry::File(texts.len()));
                    texts.push(bytes.to_vec());
                }
            }
        }
        for (folder, files) in numbered {
            let total: usize = files.values().map(|b| b.len() + 1).sum();
            let per_blob = (SEARCH_BLOB_BYTES * files.len() / total.max(1)).max(1);
            let first = texts.len();
            let last = files.keys().next_back().map_or(0, |n| n / per_blob);
            texts.resize(first + last + 1, Vec::new());
            for (n, bytes) in files {
                let text = &mut texts[first + n / per_blob];
                text.extend_from_slice(bytes);
                text.push(b'\n');
            }
            self.search.insert(folder.to_string(), SearchEntry::Numbered([per_blob, first]));
        }
    }

    /// Number of blobs (for tests and the benchmark).
    pub fn blob_count(&self) -> usize {
        self.blobs.len()
    }
}

/// The pages in groups of about [`PAGE_BLOB_BYTES`] (route, title and HTML counted), in route
/// order: one page blob each.
fn page_groups(pages: &BTreeMap<String, (String, String)>) -> Vec<BTreeMap<&str, &(String, String)>> {
    let mut groups = Vec::new();
    let mut group = BTreeMap::new();
    let mut group_bytes = 0;
    for (route, entry) in pages {
        group_bytes += route.len() + entry.0.len() + entry.1.len();
        group.insert(route.as_str(), entry);
        if group_bytes >= PAGE_BLOB_BYTES {
            groups.push(std::mem::take(&mut group));
            group_bytes = 0;
        }
    }
    if !group.is_empty() {
        groups.push(group);
    }
    groups
}

/// `("search/docs/", 12)` for `search/docs/12.js`.
fn numbered_file(path: &str) -> Option<(&str, usize)> {
    let stem = path.strip_suffix(".js")?;
    let (folder, number) = stem.rsplit_once('/')?;
    let n = number.parse().ok().filter(|_| number.bytes().all(|b| b.is_ascii_digit()))?;
    Some((&path[..folder.len() + 1], n))
}

/// `bytes` as a zlib stream at the best compression (a copy is written once, read many times).
fn deflate(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = ZlibEncoder::new(Vec::with_capacity(bytes.len() / 4), Compression::best());
    // Writing into a Vec cannot fail.
    let _ = encoder.write_all(bytes);
    encoder.finish().unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use std::io::Read;

    use super::*;

    fn inflate(blob: &str) -> String {
        let bytes = base64::engine::general_purpose::STANDARD.decode(blob).unwrap();
        let mut text = String::new();
        flate2::read::ZlibDecoder::new(&bytes[..]).read_to_string(&mut text).unwrap();
        text
    }

    #[test]
    fn numbered_files_are_found_by_folder_and_number() {
        assert_eq!(numbered_file("search/docs/12.js"), Some(("search/docs/", 12)));
        assert_eq!(numbered_file("search/shards/0.js"), Some(("search/shards/", 0)));
        assert_eq!(numbered_file("search/meta.js"), None);
        assert_eq!(numbered_file("search/docs/+1.js"), None);
    }

    #[test]
    fn pages_and_search_files_round_trip_through_their_blobs() {
        let pages: BTreeMap<String, (String, String)> = (0..3000)
            .map(|i| {
                (
                    format!("faq/p{i:04}"),
                    (format!("T{i}"), format!("<p>本文 {i} {}</p>", "x".repeat(400 + i % 97))),
                )
            })
            .collect();
        let docs: Vec<(String, Vec<u8>)> = (0..500)
            .map(|n| (format!("search/docs/{n}.js"), format!("push(['doc',{n}]);").into_bytes()))
            .collect();
        let mut search: Vec<(&str, &[u8])> = docs.iter().map(|(p, b)| (p.as_str(), b.as_slice())).collect();
        search.push(("search/meta.js", b"push(['meta'])"));
        let pack = Pack::new(&pages, search, BTreeMap::new()).unwrap();

        let groups: Vec<Vec<String>> = serde_json::from_str(&inflate(&pack.blobs[pack.routes])).unwrap();
        assert!(groups.len() > 1 && groups.len() == pack.pages.len(), "several page blobs");
        let mut seen = 0;
        for (routes, &blob) in groups.iter().zip(&pack.pages) {
            let held: BTreeMap<String, (String, String)> =
                serde_json::from_str(&inflate(&pack.blobs[blob])).unwrap();
            assert_eq!(held.keys().collect::<Vec<_>>(), routes.iter().collect::<Vec<_>>());
            for (route, entry) in held {
                assert_eq!(pages.get(&route), Some(&entry));
                seen += 1;
            }
        }
        assert_eq!(seen, pages.len());

        let SearchEntry::Numbered([per_blob, first]) = pack.search["search/docs/"] else {
            panic!("numbered")
        };
        for n in [0, 1, 250, 499] {
            let text = inflate(&pack.blobs[first + n / per_blob]);
            assert!(text.lines().any(|l| l == format!("push(['doc',{n}]);")), "doc {n} in its blob");
        }
        let SearchEntry::File(meta) = pack.search["search/meta.js"] else { panic!("single file") };
        assert_eq!(inflate(&pack.blobs[meta]), "push(['meta'])");
    }
}
