//! Time and peak memory per stage of a build, for `--verbose`: where the time goes and which
//! stage sets the peak (stages follow one another, so each stage's peak is the process's peak
//! when it ends, and the stage where the figure jumps is the one that holds the memory).

use std::sync::Mutex;
use std::time::{Duration, Instant};

/// One stage's figures.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stage {
    pub name: &'static str,
    pub time: Duration,
    /// The process's peak resident memory when the stage ended, in bytes; `None` where the
    /// system does not tell (only Linux's `/proc/self/status` is read).
    pub peak_rss: Option<u64>,
}

/// Durations and peaks of consecutive stages; shared by the threads of a render, which report
/// the stages they end.
#[derive(Debug)]
pub struct Stopwatch {
    inner: Mutex<(Instant, Vec<Stage>)>,
}

impl Default for Stopwatch {
    fn default() -> Self {
        Stopwatch { inner: Mutex::new((Instant::now(), Vec::new())) }
    }
}

impl Stopwatch {
    /// Ends stage `name` (it began when the one before it ended).
    pub fn lap(&self, name: &'static str) {
        let peak_rss = peak_rss();
        let mut inner = self.inner.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        let now = Instant::now();
        let time = now - inner.0;
        inner.0 = now;
        inner.1.push(Stage { name, time, peak_rss });
    }

    pub fn into_stages(self) -> Vec<Stage> {
        self.inner.into_inner().unwrap_or_else(|poisoned| poisoned.into_inner()).1
    }
}

/// The process's peak resident set size so far (`VmHWM`), in bytes.
pub fn peak_rss() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    parse_vm_hwm(&status)
}

/// `VmHWM:    123456 kB` → bytes.
fn parse_vm_hwm(status: &str) -> Option<u64> {
    let line = status.lines().find_map(|line| line.strip_prefix("VmHWM:"))?;
    let kib: u64 = line.trim().strip_suffix("kB")?.trim().parse().ok()?;
    Some(kib * 1024)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vm_hwm_is_read_in_bytes() {
        let status = "Name:\tfaqbook\nVmPeak:\t  900 kB\nVmHWM:\t   123456 kB\nVmRSS:\t 1000 kB\n";
        assert_eq!(parse_vm_hwm(status), Some(123_456 * 1024));
        assert_eq!(parse_vm_hwm("VmRSS:\t 1000 kB\n"), None);
        assert_eq!(parse_vm_hwm("VmHWM:\t lots\n"), None);
    }

    #[test]
    fn stages_are_kept_in_order_with_their_peaks() {
        let clock = Stopwatch::default();
        clock.lap("load");
        clock.lap("render");
        let stages = clock.into_stages();
        assert_eq!(stages.iter().map(|s| s.name).collect::<Vec<_>>(), ["load", "render"]);
        if cfg!(target_os = "linux") {
            assert!(stages.iter().all(|s| s.peak_rss.is_some_and(|b| b > 0)));
        }
    }
}
