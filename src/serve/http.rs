//! HTTP: answers browser requests from the built folder, and from nowhere else.
//!
//! A URL is percent-decoded once, split into segments, and refused when a segment is `..` or
//! the decoded text holds a backslash or NUL; the file found is then canonicalised and must still
//! lie inside the built folder, which also refuses symlinks that point out of it. Every refusal
//! is a plain 404, so probing learns nothing. tiny_http parses HTTP; this module only decides
//! what to answer.

use std::io::{Cursor, Read};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

use percent_encoding::{AsciiSet, CONTROLS, percent_decode_str, utf8_percent_encode};
use tiny_http::{Header, Method, Request, Response, StatusCode};

use super::error_page;
use super::reload::{self, Broadcaster};
use crate::diagnostics::Diagnostic;
use crate::site::urls;

/// Most event streams served at once: each holds a thread; more tabs than this are unusual.
const MAX_EVENT_STREAMS: usize = 64;
/// A ping this often notices pages that went away (the write fails) and frees their slot.
const KEEP_ALIVE: Duration = Duration::from_secs(5);

/// What the last build left: its generation (counts builds) and its errors, if it failed.
#[derive(Debug, Default, Clone)]
pub struct SiteState {
    pub generation: u64,
    pub errors: Vec<Diagnostic>,
}

/// Everything request handlers share with the rebuild loop.
#[derive(Debug)]
pub struct Shared {
    /// Canonical path of the built folder.
    pub root: PathBuf,
    pub state: RwLock<SiteState>,
    pub broadcaster: Broadcaster,
    pub stopping: AtomicBool,
}

impl Shared {
    pub fn new(root: PathBuf) -> Shared {
        Shared {
            root,
            state: RwLock::new(SiteState::default()),
            broadcaster: Broadcaster::default(),
            stopping: AtomicBool::new(false),
        }
    }

    fn state(&self) -> SiteState {
        self.state.read().map(|s| s.clone()).unwrap_or_default()
    }
}

/// Where a request target leads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    File(PathBuf),
    /// A folder asked for without its trailing slash: redirect so relative links resolve.
    Redirect(String),
    NotFound,
}

/// Maps a raw request target (`/faq/a.html?q=1`) to a file inside `root` (canonical).
pub fn resolve(root: &Path, raw_target: &str) -> Target {
    let Some(segments) = url_segments(raw_target) else { return Target::NotFound };
    let mut path = root.to_path_buf();
    path.extend(&segments);
    let raw_path = raw_target.split(['?', '#']).next().unwrap_or("");
    if path.is_dir() {
        if !raw_path.ends_with('/') {
            let mut location = String::new();
            for segment in &segments {
                location.push('/');
                location.extend(utf8_percent_encode(segment, PATH_SEGMENT));
            }
            location.push('/');
            return Target::Redirect(location);
        }
        path.push(crate::site::urls::HOME);
    }
    match path.canonicalize() {
        Ok(real) if real.starts_with(root) && real.is_file() => Target::File(real),
        _ => Target::NotFound,
    }
}

/// Characters escaped when a segment is put back into a URL.
const PATH_SEGMENT: &AsciiSet =
    &CONTROLS.add(b' ').add(b'"').add(b'#').add(b'%').add(b'/').add(b'?').add(b'<').add(b'>');

/// Decoded, non-empty path segments, or `None` when the target must be refused: not
/// origin-form (`/…`), not UTF-8 after decoding, a `..` segment, a backslash or NUL.
pub fn url_segments(raw_target: &str) -> Option<Vec<String>> {
    let raw_path = raw_target.split(['?', '#']).next().unwrap_or("");
    if !raw_path.starts_with('/') {
        return None;
    }
    let decoded = percent_decode_str(raw_path).decode_utf8().ok()?;
    if decoded.contains(['\\', '\0']) {
        return None;
    }
    let mut segments = Vec::new();
    for segment in decoded.split('/') {
        match segment {
            "" | "." => {}
            ".." => return None,
            // A drive prefix such as `C:` would make the joined path absolute on Windows.
            s if s.contains(':') && cfg!(windows) => return None,
            s => segments.push(s.to_string()),
        }
    }
    Some(segments)
}

/// Whether a target names a page (HTML) rather than an asset: these get the error page while
/// the site does not build.
fn is_page_target(raw_target: &str) -> bool {
    let raw_path = raw_target.split(['?', '#']).next().unwrap_or("");
    let last = raw_path.rsplit('/').next().unwrap_or("");
    last.is_empty() || !last.contains('.') || last.ends_with(".html") || last.ends_with(".htm")
}

/// Takes requests until the server is unblocked; run by each worker thread.
pub fn work(server: &tiny_http::Server, shared: &Arc<Shared>) {
    while let Ok(request) = server.recv() {
        if shared.stopping.load(Ordering::Relaxed) {
            let _ = request.respond(text_response(503, "faqbook serve is stopping"));
            continue;
        }
        handle(request, shared);
    }
}

fn handle(request: Request, shared: &Arc<Shared>) {
    if !matches!(request.method(), Method::Get | Method::Head) {
        let response = with_header(text_response(405, "only GET and HEAD are served"), "Allow", "GET, HEAD");
        let _ = request.respond(response);
        return;
    }
    let host = request.headers().iter().find(|h| h.field.equiv("Host")).map(|h| h.value.as_str().to_string());
    if !host_allowed(host.as_deref()) {
        let message = "faqbook serve answers only localhost and IP addresses (a guard against DNS rebinding)";
        let _ = request.respond(text_response(403, message));
        return;
    }
    let target = request.url().to_string();
    let path = target.split(['?', '#']).next().unwrap_or("");
    if path == reload::EVENTS_PATH {
        return start_event_stream(request, shared);
    }
    let response = if path == reload::SCRIPT_PATH {
        bytes_response(200, "text/javascript; charset=utf-8", reload::RELOAD_SCRIPT.as_bytes().to_vec())
    } else if path.starts_with(reload::RESERVED_PREFIX) {
        not_found(shared)
    } else {
        site_response(&target, shared)
    };
    // A client that went away is not an error of the server.
    let _ = request.respond(response);
}

fn site_response(target: &str, shared: &Shared) -> Response<Body> {
    let state = shared.state();
    if !state.errors.is_empty() && is_page_target(target) {
        return html_response(500, &error_page::render(&state.errors));
    }
    match resolve(&shared.root, target) {
        Target::File(path) => file_response(200, &path).unwrap_or_else(|| not_found(shared)),
        Target::Redirect(location) => with_header(text_response(301, "moved"), "Location", &location),
        Target::NotFound => not_found(shared),
    }
}

/// The site's own 404 page when it has one, else plain text.
fn not_found(shared: &Shared) -> Response<Body> {
    match resolve(&shared.root, &format!("/{}", urls::NOT_FOUND)) {
        Target::File(path) => file_response(404, &path),
        _ => None,
    }
    .unwrap_or_else(|| text_response(404, "404 Not Found"))
}

/// A file as a response; HTML gets the reload script.
fn file_response(status: u16, path: &Path) -> Option<Response<Body>> {
    let bytes = std::fs::read(path).ok()?;
    let kind = crate::media::content_type(path);
    if kind.starts_with("text/html")
        && let Ok(html) = std::str::from_utf8(&bytes)
    {
        return Some(html_response(status, html));
    }
    Some(bytes_response(status, &kind, bytes))
}

fn html_response(status: u16, html: &str) -> Response<Body> {
    bytes_response(status, "text/html; charset=utf-8", reload::inject_script(html).into_bytes())
}

fn text_response(status: u16, text: &str) -> Response<Body> {
    bytes_response(status, "text/plain; charset=utf-8", text.as_bytes().to_vec())
}

fn bytes_response(status: u16, content_type: &str, bytes: Vec<u8>) -> Response<Body> {
    let length = bytes.len();
    let response = Response::new(StatusCode(status), Vec::new(), Body::new(bytes), Some(length), None);
    let response = with_header(response, "Content-Type", content_type);
    // A preview must never show a stale page.
    let response = with_header(response, "Cache-Control", "no-store");
    with_header(response, "X-Content-Type-Options", "nosniff")
}

/// A response body that stops (an error, so the connection closes) once sending it has taken
/// SEND_DEADLINE. The socket's write timeout bounds one write that makes no progress; a client
/// that reads a few bytes now and then would hold a worker without end.
pub struct Body {
    bytes: Cursor<Vec<u8>>,
    until: Instant,
}

/// Longer than any local preview needs for one file, even a large one on a slow link.
const SEND_DEADLINE: Duration = Duration::from_secs(10);

impl Body {
    fn new(bytes: Vec<u8>) -> Body {
        Body { bytes: Cursor::new(bytes), until: Instant::now() + SEND_DEADLINE }
    }
}

impl Read for Body {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        if Instant::now() > self.until {
            return Err(std::io::Error::new(std::io::ErrorKind::TimedOut, "the client reads too slowly"));
        }
        self.bytes.read(buf)
    }
}

/// Adds a header. Names are constants and values ASCII built here (content types,
/// percent-encoded paths), so tiny_http's refusal of non-ASCII cannot happen in practice.
fn with_header<R: std::io::Read>(response: Response<R>, name: &str, value: &str) -> Response<R> {
    match Header::from_bytes(name.as_bytes(), value.as_bytes()) {
        Ok(header) => response.with_header(header),
        Err(()) => response,
    }
}

/// Hands the connection to a thread of its own that streams reload events until shutdown.
fn start_event_stream(request: Request, shared: &Arc<Shared>) {
    if shared.broadcaster.len() >= MAX_EVENT_STREAMS {
        let _ = request.respond(text_response(503, "too many open live-reload streams"));
        return;
    }
    // Subscribe before reading the generation, so a build finishing in between is not missed.
    let (id, events) = shared.broadcaster.subscribe();
    let slot = StreamSlot { shared: Arc::clone(shared), id };
    let generation = shared.state().generation;
    let spawned = std::thread::Builder::new().name("faqbook-events".into()).spawn(move || {
        let mut out = request.into_writer();
        let _ = reload::stream_events(&mut out, &events, generation, KEEP_ALIVE);
        drop(slot);
    });
    // Without a thread the stream is dropped (and its slot with it); the page falls back to
    // manual reloads.
    drop(spawned);
}

/// An event stream's place among `MAX_EVENT_STREAMS`, given back however the stream ends.
struct StreamSlot {
    shared: Arc<Shared>,
    id: u64,
}

impl Drop for StreamSlot {
    fn drop(&mut self) {
        self.shared.broadcaster.unsubscribe(self.id);
    }
}

/// Whether a request's `Host` may be answered. A web page can make its own domain name point
/// at 127.0.0.1 (DNS rebinding) and then read the preview, unreviewed pages included; it
/// cannot make its requests carry `localhost` or an IP address, so only those are answered.
pub fn host_allowed(host: Option<&str>) -> bool {
    let Some(host) = host else { return true };
    let host = host.trim();
    let name = if let Some(rest) = host.strip_prefix('[') {
        // `[::1]:3000`: an IPv6 literal.
        return rest.split(']').next().is_some_and(|ip| ip.parse::<std::net::Ipv6Addr>().is_ok());
    } else {
        host.rsplit_once(':')
            .map_or(host, |(name, port)| if port.bytes().all(|b| b.is_ascii_digit()) { name } else { host })
    };
    let name = name.trim_end_matches('.').to_ascii_lowercase();
    name == "localhost" || name.ends_with(".localhost") || name.parse::<std::net::Ipv4Addr>().is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_body_stops_once_its_send_deadline_has_passed() {
        let mut fresh = Body::new(b"abc".to_vec());
        let mut read = Vec::new();
        fresh.read_to_end(&mut read).unwrap();
        assert_eq!(read, b"abc");
        let mut late =
            Body { bytes: Cursor::new(b"abc".to_vec()), until: Instant::now() - Duration::from_millis(1) };
        assert_eq!(late.read(&mut [0; 3]).unwrap_err().kind(), std::io::ErrorKind::TimedOut);
    }

    fn site() -> (tempfile::TempDir, PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("public");
        std::fs::create_dir_all(root.join("faq")).unwrap();
        std::fs::write(root.join("index.html"), "<body>home</body>").unwrap();
        std::fs::write(root.join("faq/a b.html"), "a").unwrap();
        std::fs::write(dir.path().join("secret.txt"), "secret").unwrap();
        let root = root.canonicalize().unwrap();
        (dir, root)
    }

    #[test]
    fn folders_and_root_map_to_index_html() {
        let (_dir, root) = site();
        assert_eq!(resolve(&root, "/"), Target::File(root.join("index.html")));
        assert_eq!(resolve(&root, "/?q=x"), Target::File(root.join("index.html")));
        assert_eq!(resolve(&root, "/faq"), Target::Redirect("/faq/".into()));
        assert_eq!(resolve(&root, "/faq/"), Target::NotFound, "no index.html in faq/");
        assert_eq!(resolve(&root, "/faq/a%20b.html"), Target::File(root.join("faq/a b.html")));
    }

    #[test]
    fn traversal_is_refused_in_every_spelling() {
        let (_dir, root) = site();
        for target in [
            "/../secret.txt",
            "/faq/../../secret.txt",
            "/%2e%2e/secret.txt",
            "/%2E%2E/secret.txt",
            "/faq/%2e%2e%2f%2e%2e%2fsecret.txt",
            "/..%2fsecret.txt",
            "/..%5csecret.txt",
            "/%00",
            "secret.txt",
            "http://localhost/../secret.txt",
            "/%ff",
        ] {
            assert_eq!(resolve(&root, target), Target::NotFound, "{target}");
        }
        let absolute = format!("/{}", root.parent().unwrap().join("secret.txt").display());
        assert_eq!(resolve(&root, &absolute), Target::NotFound, "{absolute}");
        assert_eq!(resolve(&root, &format!("/{absolute}")), Target::NotFound);
    }

    #[cfg(unix)]
    #[test]
    fn symlinks_out_of_the_site_are_refused_and_inside_ones_served() {
        let (dir, root) = site();
        std::os::unix::fs::symlink(dir.path().join("secret.txt"), root.join("out.txt")).unwrap();
        std::os::unix::fs::symlink(dir.path(), root.join("up")).unwrap();
        std::os::unix::fs::symlink(root.join("index.html"), root.join("in.html")).unwrap();
        assert_eq!(resolve(&root, "/out.txt"), Target::NotFound);
        assert_eq!(resolve(&root, "/up/secret.txt"), Target::NotFound);
        assert_eq!(resolve(&root, "/in.html"), Target::File(root.join("index.html")));
    }

    #[test]
    fn redirects_are_rebuilt_from_decoded_segments() {
        let (_dir, root) = site();
        // `//faq` must not become a protocol-relative URL to a host called `faq`.
        assert_eq!(resolve(&root, "//faq"), Target::Redirect("/faq/".into()));
    }

    #[test]
    fn serve_accepts_only_loopback_host_names_and_ip_addresses() {
        for ok in [
            None,
            Some("localhost"),
            Some("localhost:3000"),
            Some("127.0.0.1:3000"),
            Some("[::1]:3000"),
            Some("LOCALHOST."),
            Some("faq.localhost:8080"),
            Some("192.168.1.5:3000"),
        ] {
            assert!(host_allowed(ok), "{ok:?}");
        }
        for bad in [
            "evil.example",
            "evil.example:3000",
            "127.0.0.1.nip.io",
            "localhost.evil.example",
            "[evil]:80",
            "",
        ] {
            assert!(!host_allowed(Some(bad)), "{bad}");
        }
    }

    #[test]
    fn page_targets_are_recognised() {
        for page in ["/", "/faq/a.html", "/service/mail", "/x.htm?q=1"] {
            assert!(is_page_target(page), "{page}");
        }
        for asset in ["/style.css", "/search/index-0.js", "/logo.svg"] {
            assert!(!is_page_target(asset), "{asset}");
        }
    }
}
