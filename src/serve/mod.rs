//! `faqbook serve`: a local preview that rebuilds on every save and reloads open pages.
//!
//! The site is built into a temporary folder (the configured build dir is never touched) by a
//! `SiteBuilder`, served from there by `http`, rebuilt when `watch` reports changes, and
//! announced to open pages by `reload`. A build that fails does not stop anything: its errors
//! are shown in the browser and returned to the caller, and the next good save recovers.
//! This module only wires those parts together and runs the loop; it never prints.

pub mod error_page;
pub mod http;
pub mod reload;
pub mod site_build;
pub mod watch;

use std::net::{IpAddr, SocketAddr, TcpListener};
use std::path::{Path, PathBuf};
use std::sync::atomic::Ordering;
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::{Arc, RwLock};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use crate::config::Config;
use crate::diagnostics::Diagnostic;

pub use http::SiteState;
pub use watch::{Rebuild, WatchSet};

/// Default port of the preview.
pub const DEFAULT_PORT: u16 = 3000;

/// Builds the site into a folder. `serve` calls it once with `Rebuild::Full`, then with what
/// each batch of changes needs; a builder that cannot rebuild single pages treats `Pages` as
/// `Full`. The folder does not exist before the first build, and everything beside it inside
/// its parent is the builder's scratch space (both are deleted when serve stops). Ok carries
/// warnings, Err the errors that stopped the build.
pub trait SiteBuilder: Send {
    fn build(&mut self, out_dir: &Path, rebuild: &Rebuild) -> Result<Vec<Diagnostic>, Vec<Diagnostic>>;
}

impl<F> SiteBuilder for F
where
    F: FnMut(&Path, &Rebuild) -> Result<Vec<Diagnostic>, Vec<Diagnostic>> + Send,
{
    fn build(&mut self, out_dir: &Path, rebuild: &Rebuild) -> Result<Vec<Diagnostic>, Vec<Diagnostic>> {
        self(out_dir, rebuild)
    }
}

#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub bind: IpAddr,
    /// 0 picks a free port.
    pub port: u16,
    /// Threads answering requests (event streams get threads of their own).
    pub workers: usize,
}

impl Default for ServeOptions {
    fn default() -> Self {
        ServeOptions { bind: IpAddr::from([127, 0, 0, 1]), port: DEFAULT_PORT, workers: 8 }
    }
}

/// What happened, for the caller to print.
#[derive(Debug)]
pub enum ServeEvent<'a> {
    Built {
        rebuild: &'a Rebuild,
        took: Duration,
        warnings: &'a [Diagnostic],
    },
    Failed {
        rebuild: &'a Rebuild,
        took: Duration,
        errors: &'a [Diagnostic],
    },
    /// The watcher failed; the server keeps serving the last build.
    WatchError(String),
}

#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    #[error("{addr} is already in use; choose another port with --port")]
    PortInUse { addr: SocketAddr },
    #[error("cannot listen on {addr}: {source}")]
    Bind { addr: SocketAddr, source: std::io::Error },
    #[error("cannot start the HTTP server: {0}")]
    Http(String),
    #[error("cannot create the temporary build folder: {0}")]
    TempDir(std::io::Error),
    #[error("cannot watch for changes: {0}")]
    Watch(String),
    #[error("cannot open the site folder {}: {source}", .path.display())]
    Root { path: PathBuf, source: std::io::Error },
}

enum Control {
    Changed(Vec<PathBuf>),
    WatchError(String),
    Stop,
}

/// Stops a running server from another thread (a Ctrl-C handler).
#[derive(Clone)]
pub struct Stopper(Sender<Control>);

impl Stopper {
    pub fn stop(&self) {
        // A server that already stopped has nothing left to stop.
        let _ = self.0.send(Control::Stop);
    }
}

/// A bound, not yet running preview server.
pub struct Server {
    addr: SocketAddr,
    http: Arc<tiny_http::Server>,
    shared: Arc<http::Shared>,
    builder: Box<dyn SiteBuilder>,
    root: PathBuf,
    watch_set: WatchSet,
    /// Dropping it deletes the temporary folder and everything in it.
    _scratch: tempfile::TempDir,
    /// `<scratch>/site`: the folder the site is built into and served from.
    site_dir: PathBuf,
    control: Sender<Control>,
    controls: Receiver<Control>,
    workers: usize,
}

impl Server {
    /// Binds the address and creates the temporary build folder; builds nothing yet.
    pub fn bind(
        config: &Config,
        options: &ServeOptions,
        builder: Box<dyn SiteBuilder>,
    ) -> Result<Server, ServeError> {
        let addr = SocketAddr::new(options.bind, options.port);
        let listener = TcpListener::bind(addr).map_err(|source| match source.kind() {
            std::io::ErrorKind::AddrInUse => ServeError::PortInUse { addr },
            _ => ServeError::Bind { addr, source },
        })?;
        let addr = listener.local_addr().map_err(|source| ServeError::Bind { addr, source })?;
        set_connection_timeouts(&listener).map_err(|source| ServeError::Bind { addr, source })?;
        let http =
            tiny_http::Server::from_listener(listener, None).map_err(|e| ServeError::Http(e.to_string()))?;
        let scratch =
            tempfile::Builder::new().prefix("faqbook-serve-").tempdir().map_err(ServeError::TempDir)?;
        let site_dir = scratch.path().canonicalize().map_err(ServeError::TempDir)?.join("site");
        let root = config
            .root
            .canonicalize()
            .map_err(|source| ServeError::Root { path: config.root.clone(), source })?;
        let watch_set = WatchSet::new(&root, config);
        let (control, controls) = mpsc::channel();
        Ok(Server {
            addr,
            http: Arc::new(http),
            shared: Arc::new(http::Shared::new(site_dir.clone())),
            builder,
            root,
            watch_set,
            _scratch: scratch,
            site_dir,
            control,
            controls,
            workers: options.workers.max(1),
        })
    }

    /// The address actually bound (the port is chosen by the system when 0 was asked for).
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The URL to open in a browser.
    pub fn url(&self) -> String {
        format!("http://{}/", self.addr)
    }

    /// The temporary folder the site is built into.
    pub fn out_dir(&self) -> &Path {
        &self.site_dir
    }

    pub fn stopper(&self) -> Stopper {
        Stopper(self.control.clone())
    }

    /// Serves, builds, watches and rebuilds until stopped; then closes every connection, joins
    /// the workers and deletes the temporary folder.
    pub fn run(mut self, on_event: &mut dyn FnMut(ServeEvent)) -> Result<(), ServeError> {
        let watch_control = self.control.clone();
        let mut watcher = watch::Watcher::start(&self.watch_set, move |batch| {
            let _ = watch_control.send(match batch {
                Ok(paths) => Control::Changed(paths),
                Err(message) => Control::WatchError(message),
            });
        })
        .map_err(ServeError::Watch)?;
        let workers = self.spawn_workers()?;
        self.rebuild(&Rebuild::Full, on_event);
        self.watch_loop(&mut watcher, on_event);
        self.shutdown(workers);
        Ok(())
    }

    fn spawn_workers(&self) -> Result<Vec<JoinHandle<()>>, ServeError> {
        (0..self.workers)
            .map(|n| {
                let (http, shared) = (Arc::clone(&self.http), Arc::clone(&self.shared));
                std::thread::Builder::new()
                    .name(format!("faqbook-http-{n}"))
                    .spawn(move || http::work(&http, &shared))
                    .map_err(|e| ServeError::Http(e.to_string()))
            })
            .collect()
    }

    fn watch_loop(&mut self, watcher: &mut watch::Watcher, on_event: &mut dyn FnMut(ServeEvent)) {
        while let Ok(control) = self.controls.recv() {
            let mut changed = Vec::new();
            // Fold everything already queued into this rebuild.
            for control in std::iter::once(control).chain(self.controls.try_iter()) {
                match control {
                    Control::Stop => return,
                    Control::Changed(paths) => changed.extend(paths),
                    Control::WatchError(message) => on_event(ServeEvent::WatchError(message)),
                }
            }
            let Some(mut rebuild) = watch::classify(&self.watch_set, &changed) else { continue };
            // After a failure the last output is not a sound base for a partial rebuild.
            if self.shared.state.read().map_or(true, |s| !s.errors.is_empty()) {
                rebuild = Rebuild::Full;
            }
            self.rebuild(&rebuild, on_event);
            if rebuild == Rebuild::Full {
                self.refresh_watch_set(watcher, on_event);
            }
        }
    }

    /// A changed book.toml may move the content or seeds folder; a new themes/ must be watched.
    fn refresh_watch_set(&mut self, watcher: &mut watch::Watcher, on_event: &mut dyn FnMut(ServeEvent)) {
        if let Ok(config) = Config::load(&self.root) {
            self.watch_set = WatchSet::new(&self.root, &config);
        }
        if let Err(message) = watcher.update(&self.watch_set) {
            on_event(ServeEvent::WatchError(message));
        }
    }

    fn rebuild(&mut self, rebuild: &Rebuild, on_event: &mut dyn FnMut(ServeEvent)) {
        let started = Instant::now();
        let result = self.builder.build(&self.site_dir, rebuild);
        let took = started.elapsed();
        let generation = publish(&self.shared.state, result.as_ref().err().cloned().unwrap_or_default());
        self.shared.broadcaster.reload(generation);
        match &result {
            Ok(warnings) => on_event(ServeEvent::Built { rebuild, took, warnings }),
            Err(errors) => on_event(ServeEvent::Failed { rebuild, took, errors }),
        }
    }

    fn shutdown(&self, workers: Vec<JoinHandle<()>>) {
        self.shared.stopping.store(true, Ordering::Relaxed);
        self.shared.broadcaster.close_all();
        for _ in &workers {
            self.http.unblock();
        }
        // Bounded: a worker stuck on a slow client is left to the process exit.
        let deadline = Instant::now() + SHUTDOWN_GRACE;
        while Instant::now() < deadline && !workers.iter().all(JoinHandle::is_finished) {
            std::thread::sleep(Duration::from_millis(20));
        }
        for worker in workers.into_iter().filter(JoinHandle::is_finished) {
            let _ = worker.join();
        }
    }
}

/// A client that stops reading (or never sends its request) holds a worker at most this long;
/// without it, a few stalled downloads would block every worker and shutdown with them.
const WRITE_TIMEOUT: Duration = Duration::from_secs(5);
const READ_TIMEOUT: Duration = Duration::from_secs(30);
/// How long shutdown waits for workers still busy with a response.
const SHUTDOWN_GRACE: Duration = Duration::from_secs(3);

/// Sets send and receive timeouts and TCP_NODELAY on the listening socket: accepted connections
/// inherit them (tiny_http accepts on its own thread and offers no other hook). Without
/// TCP_NODELAY, every response after the first on a kept-alive connection waited ~40 ms: tiny_http
/// writes it in several pieces, and Nagle holds the last piece until the browser's delayed ACK of
/// the first. The search page loads 20-40 small files per query over a few such connections.
fn set_connection_timeouts(listener: &TcpListener) -> std::io::Result<()> {
    let socket = socket2::SockRef::from(listener);
    socket.set_write_timeout(Some(WRITE_TIMEOUT))?;
    socket.set_read_timeout(Some(READ_TIMEOUT))?;
    socket.set_tcp_nodelay(true)
}

/// Records a finished build; returns its generation.
fn publish(state: &RwLock<SiteState>, errors: Vec<Diagnostic>) -> u64 {
    match state.write() {
        Ok(mut state) => {
            state.generation += 1;
            state.errors = errors;
            state.generation
        }
        Err(_) => 0,
    }
}

/// Whether binding `addr` exposes the preview beyond this machine.
pub fn is_exposed(addr: IpAddr) -> bool {
    !addr.is_loopback()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepted_connections_inherit_the_write_timeout() {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        set_connection_timeouts(&listener).unwrap();
        let _client = std::net::TcpStream::connect(listener.local_addr().unwrap()).unwrap();
        let (accepted, _) = listener.accept().unwrap();
        assert_eq!(accepted.write_timeout().unwrap(), Some(WRITE_TIMEOUT));
        assert_eq!(accepted.read_timeout().unwrap(), Some(READ_TIMEOUT));
        assert!(accepted.nodelay().unwrap(), "accepted connections must not wait on Nagle");
    }

    #[test]
    fn only_loopback_addresses_are_private() {
        for private in ["127.0.0.1", "127.0.0.2", "::1"] {
            assert!(!is_exposed(private.parse().unwrap()), "{private}");
        }
        for exposed in ["0.0.0.0", "::", "192.168.1.10"] {
            assert!(is_exposed(exposed.parse().unwrap()), "{exposed}");
        }
    }
}
