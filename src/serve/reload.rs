//! Live reload: a server-sent events stream that tells open pages to reload after each rebuild,
//! and the small script that listens to it.
//!
//! The script is injected into HTML responses by `serve` only (see `http`); built sites never
//! contain it. Server-sent events need nothing but a long-lived HTTP response, so no WebSocket
//! library is needed, and browsers reconnect by themselves when the server restarts.

use std::io::Write;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::time::Duration;

/// URL of the event stream.
pub const EVENTS_PATH: &str = "/__faqbook/events";
/// URL of the reload script.
pub const SCRIPT_PATH: &str = "/__faqbook/reload.js";
/// Prefix reserved for serve's own URLs; never looked up in the built site.
pub const RESERVED_PREFIX: &str = "/__faqbook/";

/// The browser side. Every connection starts with a `hello` event carrying the build generation;
/// a page reloads on a `reload` event, or when a reconnect reports a generation it has not seen
/// (a rebuild happened while it was disconnected).
pub const RELOAD_SCRIPT: &str = r#"(function () {
  "use strict";
  var seen = null;
  var source = new EventSource("/__faqbook/events");
  source.addEventListener("hello", function (event) {
    if (seen !== null && seen !== event.data) { location.reload(); }
    seen = event.data;
  });
  source.addEventListener("reload", function () { location.reload(); });
})();
"#;

/// The tag added to HTML responses.
pub fn script_tag() -> String {
    format!("<script src=\"{SCRIPT_PATH}\" defer></script>")
}

/// Adds the reload script before the last `</body>` (any case), or at the end of a document
/// that has none.
pub fn inject_script(html: &str) -> String {
    let tag = script_tag();
    let position = html.to_ascii_lowercase().rfind("</body>").unwrap_or(html.len());
    let mut out = String::with_capacity(html.len() + tag.len());
    out.push_str(&html[..position]);
    out.push_str(&tag);
    out.push_str(&html[position..]);
    out
}

/// Open event streams. Each subscriber gets the generation number of every finished build.
/// A stream unsubscribes when it ends (its page went away), so the count of open streams is
/// true at once, not only after the next rebuild.
#[derive(Debug, Default)]
pub struct Broadcaster {
    subscribers: Mutex<Vec<(u64, Sender<u64>)>>,
    next_id: AtomicU64,
}

impl Broadcaster {
    /// A new stream's id (for `unsubscribe`) and its receiver.
    pub fn subscribe(&self) -> (u64, Receiver<u64>) {
        let (sender, receiver) = mpsc::channel();
        let id = self.next_id.fetch_add(1, Ordering::Relaxed);
        if let Ok(mut subscribers) = self.subscribers.lock() {
            subscribers.push((id, sender));
        }
        (id, receiver)
    }

    /// Frees the slot of a stream that ended.
    pub fn unsubscribe(&self, id: u64) {
        if let Ok(mut subscribers) = self.subscribers.lock() {
            subscribers.retain(|(other, _)| *other != id);
        }
    }

    /// Tells every open page to reload; forgets streams whose page has gone.
    pub fn reload(&self, generation: u64) {
        if let Ok(mut subscribers) = self.subscribers.lock() {
            subscribers.retain(|(_, s)| s.send(generation).is_ok());
        }
    }

    /// Ends every stream (their receivers see a disconnect), for shutdown.
    pub fn close_all(&self) {
        if let Ok(mut subscribers) = self.subscribers.lock() {
            subscribers.clear();
        }
    }

    pub fn len(&self) -> usize {
        self.subscribers.lock().map_or(0, |s| s.len())
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// Response head of the event stream. `Connection: close` and no length: the body is the stream
/// and ends when either side closes.
pub const STREAM_HEAD: &str = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream; charset=utf-8\r\n\
Cache-Control: no-store\r\nConnection: close\r\nX-Content-Type-Options: nosniff\r\n\r\n";

/// Writes the event stream until the broadcaster closes it or the page goes away. A comment line
/// every `keep_alive` both keeps proxies from timing out and notices closed connections.
pub fn stream_events(
    out: &mut dyn Write,
    events: &Receiver<u64>,
    generation: u64,
    keep_alive: Duration,
) -> std::io::Result<()> {
    out.write_all(STREAM_HEAD.as_bytes())?;
    write!(out, "retry: 1000\n\nevent: hello\ndata: {generation}\n\n")?;
    out.flush()?;
    loop {
        match events.recv_timeout(keep_alive) {
            Ok(generation) => write!(out, "event: reload\ndata: {generation}\n\n")?,
            Err(RecvTimeoutError::Timeout) => out.write_all(b": keep-alive\n\n")?,
            Err(RecvTimeoutError::Disconnected) => return Ok(()),
        }
        out.flush()?;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_goes_before_the_last_body_close_in_any_case() {
        let html = "<html><body><pre>&lt;/body&gt;</pre></BODY></html>";
        let out = inject_script(html);
        assert!(out.ends_with(&format!("{}</BODY></html>", script_tag())), "{out}");
        assert_eq!(inject_script("<p>x"), format!("<p>x{}", script_tag()));
    }

    #[test]
    fn stream_sends_hello_then_reloads_and_ends_on_close() {
        let broadcaster = Broadcaster::default();
        let (_, events) = broadcaster.subscribe();
        broadcaster.reload(7);
        broadcaster.close_all();
        let mut out = Vec::new();
        stream_events(&mut out, &events, 6, Duration::from_secs(5)).unwrap();
        let text = String::from_utf8(out).unwrap();
        let body = text.split("\r\n\r\n").nth(1).unwrap();
        assert_eq!(body, "retry: 1000\n\nevent: hello\ndata: 6\n\nevent: reload\ndata: 7\n\n");
        assert!(broadcaster.is_empty());
    }

    #[test]
    fn gone_subscribers_are_forgotten() {
        let broadcaster = Broadcaster::default();
        drop(broadcaster.subscribe());
        let _kept = broadcaster.subscribe();
        broadcaster.reload(1);
        assert_eq!(broadcaster.len(), 1);
    }

    /// Accepts the first `budget` bytes, then fails like a socket whose peer has gone.
    struct Closing {
        budget: usize,
    }

    impl Write for Closing {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            if self.budget < buf.len() {
                return Err(std::io::ErrorKind::BrokenPipe.into());
            }
            self.budget -= buf.len();
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn event_stream_slots_are_freed_when_clients_go_away() {
        let broadcaster = Broadcaster::default();
        let (id, events) = broadcaster.subscribe();
        let (_other, _kept) = broadcaster.subscribe();
        // The keep-alive ping is what notices a page that went away without a rebuild.
        let mut out = Closing { budget: STREAM_HEAD.len() + 40 };
        assert!(stream_events(&mut out, &events, 1, Duration::from_millis(1)).is_err());
        broadcaster.unsubscribe(id);
        assert_eq!(broadcaster.len(), 1, "the slot is free without waiting for a rebuild");
    }
}
