//! `faqbook serve`: the preview server against a fake builder (so these tests pin the server,
//! not the renderer), on loopback ports the system picks.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Barrier, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use faqbook::config::Config;
use faqbook::diagnostics::{Diagnostic, codes};
use faqbook::serve::{Rebuild, ServeError, ServeOptions, Server, Stopper};

const TIMEOUT: Duration = Duration::from_secs(20);

/// A stand-in for the site build: one HTML file per page, whose text is the page's; a page
/// containing `BROKEN` on some line fails the build with that line.
fn fake_build(root: &Path, out: &Path) -> Result<Vec<Diagnostic>, Vec<Diagnostic>> {
    let mut errors = Vec::new();
    let mut index = String::from("<!DOCTYPE html><html><body><h1>index</h1>");
    std::fs::create_dir_all(out.join("faq")).map_err(|e| vec![io_error(out, e)])?;
    let mut entries: Vec<PathBuf> = std::fs::read_dir(root.join("content"))
        .map_err(|e| vec![io_error(root, e)])?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    entries.sort();
    for path in entries {
        let text = std::fs::read_to_string(&path).map_err(|e| vec![io_error(&path, e)])?;
        if let Some(line) = text.lines().position(|l| l.contains("BROKEN")) {
            errors.push(Diagnostic::error(codes::YAML_SYNTAX, &path, line + 1, 1, "this page is broken"));
            continue;
        }
        let stem = path.file_stem().map(|s| s.to_string_lossy().to_string()).unwrap_or_default();
        let html = format!("<!DOCTYPE html><html><body><main>{text}</main></body></html>");
        std::fs::write(out.join("faq").join(format!("{stem}.html")), html)
            .map_err(|e| vec![io_error(out, e)])?;
        index.push_str(&format!("<a href=\"faq/{stem}.html\">{stem}</a>"));
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    index.push_str("</body></html>");
    std::fs::write(out.join("index.html"), index).map_err(|e| vec![io_error(out, e)])?;
    std::fs::write(out.join("style.css"), "body{}").map_err(|e| vec![io_error(out, e)])?;
    Ok(Vec::new())
}

fn io_error(path: &Path, e: std::io::Error) -> Diagnostic {
    Diagnostic::error(codes::UNREADABLE, path, 0, 0, e.to_string())
}

struct Running {
    addr: SocketAddr,
    stopper: Stopper,
    thread: Option<JoinHandle<Result<(), ServeError>>>,
    rebuilds: Arc<Mutex<Vec<Rebuild>>>,
    out_dir: PathBuf,
    _site: tempfile::TempDir,
    root: PathBuf,
}

impl Running {
    fn start() -> Running {
        let site = tempfile::tempdir().unwrap();
        let root = site.path().to_path_buf();
        std::fs::create_dir_all(root.join("content")).unwrap();
        std::fs::write(root.join("content/a.md"), "first version of a").unwrap();
        std::fs::write(root.join("secret.txt"), "TOP-SECRET").unwrap();
        let config = Config::load(&root).unwrap();
        let rebuilds = Arc::new(Mutex::new(Vec::new()));
        let (log, build_root) = (Arc::clone(&rebuilds), root.clone());
        let builder = move |out: &Path, rebuild: &Rebuild| {
            log.lock().unwrap().push(rebuild.clone());
            fake_build(&build_root, out)
        };
        let options = ServeOptions { port: 0, ..ServeOptions::default() };
        let server = Server::bind(&config, &options, Box::new(builder)).unwrap();
        let (addr, stopper, out_dir) = (server.addr(), server.stopper(), server.out_dir().to_path_buf());
        let thread = std::thread::spawn(move || server.run(&mut |_| {}));
        let running = Running { addr, stopper, thread: Some(thread), rebuilds, out_dir, _site: site, root };
        running.wait_for("/", |status, _| status == 200);
        running
    }

    fn get(&self, target: &str) -> (u16, String) {
        raw_get(self.addr, target)
    }

    /// Polls `target` until `done` holds; panics after TIMEOUT.
    fn wait_for(&self, target: &str, done: impl Fn(u16, &str) -> bool) -> (u16, String) {
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let (status, body) = self.get(target);
            if done(status, &body) {
                return (status, body);
            }
            assert!(Instant::now() < deadline, "timed out waiting on {target}: {status} {body}");
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    fn stop(mut self) -> Result<(), ServeError> {
        self.stopper.stop();
        self.thread.take().unwrap().join().unwrap()
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        self.stopper.stop();
    }
}

/// One request exactly as written (no client normalises `..` away), `Connection: close`.
fn raw_get(addr: SocketAddr, target: &str) -> (u16, String) {
    let mut stream = TcpStream::connect_timeout(&addr, TIMEOUT).unwrap();
    stream.set_read_timeout(Some(TIMEOUT)).unwrap();
    write!(stream, "GET {target} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n").unwrap();
    let mut response = Vec::new();
    stream.read_to_end(&mut response).unwrap();
    let response = String::from_utf8_lossy(&response).to_string();
    let status = response.split(' ').nth(1).and_then(|s| s.parse().ok()).unwrap_or(0);
    (status, response)
}

/// Opens the event stream and returns it once the `hello` event has arrived.
fn open_events(addr: SocketAddr) -> (TcpStream, String) {
    let mut stream = TcpStream::connect_timeout(&addr, TIMEOUT).unwrap();
    stream.set_read_timeout(Some(Duration::from_millis(200))).unwrap();
    write!(stream, "GET /__faqbook/events HTTP/1.1\r\nHost: {addr}\r\n\r\n").unwrap();
    let seen = read_until(&mut stream, "event: hello", String::new());
    (stream, seen)
}

fn read_until(stream: &mut TcpStream, needle: &str, mut seen: String) -> String {
    let deadline = Instant::now() + TIMEOUT;
    let mut buf = [0u8; 4096];
    while !seen.contains(needle) {
        assert!(Instant::now() < deadline, "no `{needle}` in the event stream: {seen}");
        match stream.read(&mut buf) {
            Ok(0) => panic!("event stream closed before `{needle}`: {seen}"),
            Ok(n) => seen.push_str(&String::from_utf8_lossy(&buf[..n])),
            Err(e) if matches!(e.kind(), std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut) => {}
            Err(e) => panic!("{e}"),
        }
    }
    seen
}

#[test]
fn serves_pages_with_the_reload_script_and_assets_without() {
    let server = Running::start();
    let (status, index) = server.get("/");
    assert_eq!(status, 200);
    assert!(
        index.contains("content-type: text/html; charset=utf-8")
            || index.contains("Content-Type: text/html; charset=utf-8"),
        "{index}"
    );
    assert!(index.contains("<script src=\"/__faqbook/reload.js\" defer></script></body>"), "{index}");
    let (status, css) = server.get("/style.css");
    assert_eq!(status, 200);
    assert!(css.contains("text/css; charset=utf-8") && !css.contains("reload.js"), "{css}");
    let (status, script) = server.get("/__faqbook/reload.js");
    assert!(status == 200 && script.contains("EventSource"), "{script}");
    assert_eq!(server.get("/faq").0, 301, "folder URLs get their slash");
    assert_eq!(server.get("/missing.html").0, 404);
    let built = std::fs::read_to_string(server.out_dir.join("index.html")).unwrap();
    assert!(!built.contains("reload.js"), "the script is injected into responses, never into files");
}

#[test]
fn a_saved_page_is_rebuilt_alone_and_open_pages_are_told_to_reload() {
    let server = Running::start();
    let (mut events, hello) = open_events(server.addr);
    assert!(hello.contains("text/event-stream"), "{hello}");
    std::fs::write(server.root.join("content/a.md"), "second version of a").unwrap();
    read_until(&mut events, "event: reload", hello);
    let (_, page) = server.wait_for("/faq/a.html", |_, body| body.contains("second version"));
    assert!(page.contains("second version of a"));
    let rebuilds = server.rebuilds.lock().unwrap().clone();
    assert_eq!(rebuilds.first(), Some(&Rebuild::Full));
    let canonical_page = server.root.canonicalize().unwrap().join("content/a.md");
    assert!(rebuilds.contains(&Rebuild::Pages(vec![canonical_page])), "{rebuilds:?}");
    // The build reads the pages; reads must not count as changes (or it would rebuild forever).
    std::thread::sleep(Duration::from_millis(500));
    assert_eq!(server.rebuilds.lock().unwrap().len(), rebuilds.len(), "rebuilt without a change");
}

#[test]
fn config_changes_rebuild_everything() {
    let server = Running::start();
    std::fs::write(server.root.join("book.toml"), "[book]\ntitle = \"x\"\n").unwrap();
    let deadline = Instant::now() + TIMEOUT;
    while server.rebuilds.lock().unwrap().len() < 2 {
        assert!(Instant::now() < deadline, "no rebuild after book.toml changed");
        std::thread::sleep(Duration::from_millis(50));
    }
    assert_eq!(server.rebuilds.lock().unwrap()[1], Rebuild::Full);
}

#[test]
fn traversal_attempts_are_refused() {
    let server = Running::start();
    let root = server.root.canonicalize().unwrap();
    let absolute = format!("{}/secret.txt", root.display());
    let double_slash = format!("/{absolute}");
    let relative_to_out: String =
        server.out_dir.components().skip(1).map(|_| "..").collect::<Vec<_>>().join("/") + &absolute;
    let from_out = format!("/{relative_to_out}");
    for target in [
        "/../secret.txt",
        "/faq/../../secret.txt",
        "/%2e%2e/secret.txt",
        "/%2E%2E/%2e%2e/secret.txt",
        "/..%2fsecret.txt",
        "/faq%2f..%2f..%2fsecret.txt",
        "/..%5c..%5csecret.txt",
        "/.%2e/.%2e/secret.txt",
        absolute.as_str(),
        double_slash.as_str(),
        from_out.as_str(),
        "/etc/passwd",
        "/%2fetc%2fpasswd",
        "/__faqbook/../secret.txt",
    ] {
        let (status, body) = server.get(target);
        assert_eq!(status, 404, "{target}: {body}");
        assert!(!body.contains("TOP-SECRET") && !body.contains("root:"), "{target}");
    }
}

#[cfg(unix)]
#[test]
fn symlinks_out_of_the_built_folder_are_refused() {
    let server = Running::start();
    std::os::unix::fs::symlink(server.root.join("secret.txt"), server.out_dir.join("link.txt")).unwrap();
    let (status, body) = server.get("/link.txt");
    assert_eq!(status, 404);
    assert!(!body.contains("TOP-SECRET"));
}

#[test]
fn a_broken_page_shows_its_error_then_recovers() {
    let server = Running::start();
    let (mut events, hello) = open_events(server.addr);
    std::fs::write(server.root.join("content/b.md"), "fine\nBROKEN here\n").unwrap();
    let seen = read_until(&mut events, "event: reload", hello);
    let (status, page) = server.wait_for("/", |status, _| status == 500);
    assert_eq!(status, 500);
    assert!(page.contains("b.md:2:1") && page.contains("this page is broken"), "{page}");
    assert!(page.contains("<mark>    2 | BROKEN here</mark>"), "the line is shown: {page}");
    assert!(page.contains("/__faqbook/reload.js"), "the error page reloads itself");
    assert_eq!(server.get("/style.css").0, 200, "assets of the last good build are still served");
    std::fs::write(server.root.join("content/b.md"), "fine again\n").unwrap();
    read_until(&mut events, "data: 3", seen);
    let (_, page) = server.wait_for("/faq/b.html", |status, _| status == 200);
    assert!(page.contains("fine again"));
    assert_eq!(server.rebuilds.lock().unwrap().last(), Some(&Rebuild::Full), "recovery rebuilds everything");
}

#[test]
fn stops_cleanly_with_an_open_event_stream_and_removes_its_temporary_folder() {
    let server = Running::start();
    let (_events, _) = open_events(server.addr);
    let scratch = server.out_dir.parent().unwrap().to_path_buf();
    let stopping = Instant::now();
    server.stop().unwrap();
    assert!(stopping.elapsed() < Duration::from_secs(5), "stopping took {:?}", stopping.elapsed());
    assert!(!scratch.exists(), "{} is left behind", scratch.display());
}

#[test]
fn a_port_in_use_is_reported_with_its_address() {
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port();
    let site = tempfile::tempdir().unwrap();
    let config = Config::load(site.path()).unwrap();
    let options = ServeOptions { port, ..ServeOptions::default() };
    let builder = |_: &Path, _: &Rebuild| -> Result<Vec<Diagnostic>, Vec<Diagnostic>> { Ok(Vec::new()) };
    match Server::bind(&config, &options, Box::new(builder)) {
        Err(ServeError::PortInUse { addr }) => assert_eq!(addr.port(), port),
        Err(e) => panic!("unexpected error: {e}"),
        Ok(_) => panic!("bound a port that is in use"),
    }
}

// ---------------------------------------------------------------------------------------------
// The real binary with the real build.

struct ServeProcess {
    child: std::process::Child,
    addr: SocketAddr,
    stdout: std::io::BufReader<std::process::ChildStdout>,
}

impl ServeProcess {
    fn start(root: &Path) -> ServeProcess {
        ServeProcess::start_with(root, &[])
    }

    fn start_with(root: &Path, flags: &[&str]) -> ServeProcess {
        use std::io::BufRead;
        let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("faqbook"))
            .args(["serve", "--port", "0", "--root"])
            .arg(root)
            .args(flags)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        let mut stdout = std::io::BufReader::new(child.stdout.take().unwrap());
        let mut first = String::new();
        stdout.read_line(&mut first).unwrap();
        let url =
            first.split_whitespace().find(|w| w.starts_with("http://")).unwrap_or_else(|| panic!("{first}"));
        let addr = url.trim_start_matches("http://").trim_end_matches('/').parse().unwrap();
        ServeProcess { child, addr, stdout }
    }

    fn wait_for(&self, target: &str, done: impl Fn(u16, &str) -> bool) -> (u16, String) {
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let (status, body) = raw_get(self.addr, target);
            if done(status, &body) {
                return (status, body);
            }
            assert!(Instant::now() < deadline, "timed out waiting on {target}: {status} {body}");
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Sends Ctrl-C and returns (exit code, stdout rest, stderr).
    fn interrupt(self) -> (Option<i32>, String, String) {
        self.signal("-INT")
    }

    /// Sends `signal` and returns (exit code, stdout rest, stderr).
    fn signal(mut self, signal: &str) -> (Option<i32>, String, String) {
        let pid = self.child.id().to_string();
        let sent = std::process::Command::new("kill").args([signal, &pid]).status().unwrap();
        assert!(sent.success());
        let deadline = Instant::now() + TIMEOUT;
        let status = loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                break status;
            }
            assert!(Instant::now() < deadline, "serve did not stop after Ctrl-C");
            std::thread::sleep(Duration::from_millis(50));
        };
        let mut out = String::new();
        self.stdout.read_to_string(&mut out).unwrap();
        let mut err = String::new();
        self.child.stderr.take().unwrap().read_to_string(&mut err).unwrap();
        (status.code(), out, err)
    }
}

impl Drop for ServeProcess {
    /// A test that failed before `interrupt` still stops serve the clean way (so it deletes its
    /// temporary folder), and kills it only if that does not work.
    fn drop(&mut self) {
        if !matches!(self.child.try_wait(), Ok(None)) {
            return;
        }
        let pid = self.child.id().to_string();
        let _ = std::process::Command::new("kill").args(["-TERM", &pid]).status();
        let deadline = Instant::now() + Duration::from_secs(5);
        while Instant::now() < deadline && matches!(self.child.try_wait(), Ok(None)) {
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn init_site(dir: &Path) -> PathBuf {
    assert_cmd::Command::cargo_bin("faqbook")
        .unwrap()
        .args(["init", "-q", "--language", "en"])
        .arg(dir)
        .assert()
        .success();
    std::fs::read_dir(dir.join("content")).unwrap().next().unwrap().unwrap().path()
}

#[cfg(unix)]
#[test]
fn serve_binary_previews_rebuilds_shows_errors_recovers_and_stops_on_ctrl_c() {
    let dir = tempfile::tempdir().unwrap();
    let page = init_site(dir.path());
    let id = page.file_stem().unwrap().to_string_lossy().to_string();
    let original = std::fs::read_to_string(&page).unwrap();
    let server = ServeProcess::start(dir.path());
    let (_, home) = server.wait_for("/", |status, _| status == 200);
    assert!(home.contains("/__faqbook/reload.js"), "{home}");
    assert!(!dir.path().join("public").exists(), "serve never writes the build dir");
    // Enough `..` to climb from any temporary folder to `/`, then down to the site's book.toml.
    let book_toml = dir.path().canonicalize().unwrap().join("book.toml");
    let below_root = book_toml.display().to_string().trim_start_matches('/').to_string();
    for target in [
        format!("/{}{below_root}", "../".repeat(16)),
        format!("/{}{below_root}", "%2e%2e/".repeat(16)),
        format!("/{}{}", "..%2f".repeat(16), below_root.replace('/', "%2f")),
        format!("/faq/{}{below_root}", "..%5c".repeat(16)),
        book_toml.display().to_string(),
        format!("/{}", book_toml.display()),
    ] {
        let (status, body) = raw_get(server.addr, &target);
        assert!(status == 404 && !body.contains("[book]"), "{target}: {status}");
    }

    let (mut events, seen) = open_events(server.addr);
    std::fs::write(&page, format!("{original}\nAn added line.\n")).unwrap();
    let seen = read_until(&mut events, "event: reload", seen);
    server.wait_for(&format!("/faq/{id}.html"), |_, body| body.contains("An added line."));

    std::fs::write(&page, original.replace("status: resolved", "status: done")).unwrap();
    let (_, error_page) = server.wait_for("/", |status, _| status == 500);
    let location = format!("{}:6:1", page.file_name().unwrap().to_string_lossy());
    assert!(error_page.contains(&location) && error_page.contains("unknown status `done`"), "{error_page}");

    std::fs::write(&page, &original).unwrap();
    read_until(&mut events, "data: 4", seen);
    server.wait_for("/", |status, _| status == 200);

    let (code, out, err) = server.interrupt();
    assert_eq!(code, Some(0), "stdout: {out}\nstderr: {err}");
    assert!(err.contains("unknown status `done`") && err.contains(":6:1: error"), "{err}");
    assert!(out.contains("stopped"), "{out}");
}

#[test]
fn serve_binary_names_a_port_in_use_and_suggests_another() {
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port().to_string();
    let dir = tempfile::tempdir().unwrap();
    assert_cmd::Command::cargo_bin("faqbook")
        .unwrap()
        .args(["serve", "--port", &port, "--root"])
        .arg(dir.path())
        .assert()
        .code(2)
        .stderr(predicates::str::contains(format!("port {port} on 127.0.0.1 is already in use; try --port")));
}

#[test]
fn serve_binary_holds_200_concurrent_requests() {
    const CLIENTS: usize = 200;
    let dir = tempfile::tempdir().unwrap();
    let page = init_site(dir.path());
    let faq = format!("/faq/{}.html", page.file_stem().unwrap().to_string_lossy());
    let server = ServeProcess::start(dir.path());
    server.wait_for("/", |status, _| status == 200);
    let targets = ["/", faq.as_str(), "/search.html", "/static/style.css"].map(str::to_string);
    let barrier = Arc::new(Barrier::new(CLIENTS));
    let started = Instant::now();
    let clients: Vec<_> = (0..CLIENTS)
        .map(|n| {
            let (addr, barrier, target) =
                (server.addr, Arc::clone(&barrier), targets[n % targets.len()].clone());
            std::thread::spawn(move || {
                barrier.wait();
                let began = Instant::now();
                let (status, _) = raw_get(addr, &target);
                (status, began.elapsed())
            })
        })
        .collect();
    let results: Vec<(u16, Duration)> = clients.into_iter().map(|c| c.join().unwrap()).collect();
    let total = started.elapsed();
    let failures = results.iter().filter(|(status, _)| *status != 200).count();
    let slowest = results.iter().map(|(_, took)| *took).max().unwrap_or_default();
    println!("load: {CLIENTS} concurrent requests in {total:?}, slowest {slowest:?}, {failures} failures");
    assert_eq!(failures, 0);
    let (code, _, err) = server.interrupt();
    assert_eq!(code, Some(0), "{err}");
}

#[cfg(unix)]
#[test]
fn serve_binary_stops_on_sigterm_and_deletes_its_temporary_folder() {
    use std::io::BufRead;
    let dir = tempfile::tempdir().unwrap();
    init_site(dir.path());
    let mut server = ServeProcess::start_with(dir.path(), &["-v"]);
    let mut line = String::new();
    server.stdout.read_line(&mut line).unwrap();
    let site_dir = PathBuf::from(
        line.trim().trim_start_matches("building into ").trim_end_matches(" (deleted on exit)"),
    );
    server.wait_for("/", |status, _| status == 200);
    assert!(site_dir.join("index.html").is_file(), "{line}");
    let (code, out, err) = server.signal("-TERM");
    assert_eq!(code, Some(0), "stdout: {out}\nstderr: {err}");
    assert!(!site_dir.parent().unwrap().exists(), "{} is left behind", site_dir.display());
}

#[test]
fn serve_rearms_its_watcher_when_content_is_deleted_and_recreated() {
    let server = Running::start();
    let content = server.root.join("content");
    std::fs::remove_dir_all(&content).unwrap();
    server.wait_for("/", |status, _| status == 500);
    // As a branch switch does: the folder comes back under the same name.
    std::fs::create_dir_all(&content).unwrap();
    std::fs::write(content.join("a.md"), "restored a").unwrap();
    let (status, _) =
        server.wait_for("/faq/a.html", |status, body| status == 200 && body.contains("restored a"));
    assert_eq!(status, 200, "a good full rebuild clears the error page");
    std::fs::write(content.join("a.md"), "edited after the switch").unwrap();
    server.wait_for("/faq/a.html", |_, body| body.contains("edited after the switch"));
}

#[test]
fn serve_refuses_foreign_host_names_against_dns_rebinding() {
    let server = Running::start();
    let ask = |host: &str| {
        let mut stream = TcpStream::connect_timeout(&server.addr, TIMEOUT).unwrap();
        stream.set_read_timeout(Some(TIMEOUT)).unwrap();
        write!(stream, "GET / HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n").unwrap();
        let mut response = String::new();
        stream.read_to_string(&mut response).unwrap();
        response.split(' ').nth(1).and_then(|s| s.parse::<u16>().ok()).unwrap_or(0)
    };
    let port = server.addr.port();
    assert_eq!(ask(&format!("attacker.example:{port}")), 403);
    assert_eq!(ask("attacker.example"), 403);
    assert_eq!(ask(&format!("localhost:{port}")), 200);
    assert_eq!(ask(&server.addr.to_string()), 200);
}

#[test]
fn serve_slow_readers_do_not_block_workers_or_shutdown() {
    let server = Running::start();
    std::fs::write(server.out_dir.join("large.bin"), vec![b'x'; 16 << 20]).unwrap();
    // More stalled downloads than workers (8): each connection asks and never reads.
    let stalled: Vec<TcpStream> = (0..12)
        .map(|_| {
            let mut stream = TcpStream::connect_timeout(&server.addr, TIMEOUT).unwrap();
            write!(stream, "GET /large.bin HTTP/1.1\r\nHost: {}\r\n\r\n", server.addr).unwrap();
            stream
        })
        .collect();
    std::thread::sleep(Duration::from_millis(300));
    assert_eq!(server.get("/").0, 200, "a worker answered despite the stalled clients");
    let (done, finished) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = done.send(server.stop().is_ok());
    });
    assert_eq!(finished.recv_timeout(TIMEOUT), Ok(true), "shutdown waited for the slow readers");
    drop(stalled);
}
