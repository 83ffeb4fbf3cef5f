//! Time, CPU time and peak memory per stage of a build, for `--verbose`: where the time goes and
//! which stage sets the peak (stages follow one another, so each stage's peak is the process's
//! peak when it ends, and the stage where the figure jumps is the one that holds the memory).
//! CPU time is given beside wall time because on a loaded machine the wall time of a stage
//! says more about the other processes than about the stage.

use std::sync::Mutex;
use std::time::{Duration, Instant};

/// One stage's figures.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stage {
    pub name: &'static str,
    pub time: Duration,
    /// CPU time (user + system, all threads) the process spent in the stage; `None` where the
    /// system does not tell (only Linux's `/proc/self/stat` is read).
    pub cpu: Option<Duration>,
    /// The process's peak resident memory when the stage ended, in bytes; `None` where the
    /// system does not tell (only Linux's `/proc/self/status` is read).
    pub peak_rss: Option<u64>,
}

/// Durations and peaks of consecutive stages; shared by the threads of a render, which report
/// the stages they end.
#[derive(Debug)]
pub struct Stopwatch {
    inner: Mutex<(Instant, Option<Duration>, Vec<Stage>)>,
}

impl Default for Stopwatch {
    fn default() -> Self {
        Stopwatch { inner: Mutex::new((Instant::now(), cpu_time(), Vec::new())) }
    }
}

impl Stopwatch {
    /// Ends stage `name` (it began when the one before it ended).
    pub fn lap(&self, name: &'static str) {
        let peak_rss = peak_rss();
        let cpu_now = cpu_time();
        let mut inner = self.inner.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        let now = Instant::now();
        let time = now - inner.0;
        let cpu = cpu_now.zip(inner.1).map(|(now, before)| now.saturating_sub(before));
        inner.0 = now;
        inner.1 = cpu_now;
        inner.2.push(Stage { name, time, cpu, peak_rss });
    }

    pub fn into_stages(self) -> Vec<Stage> {
        self.inner.into_inner().unwrap_or_else(|poisoned| poisoned.into_inner()).2
    }
}

/// The CPU time of the process so far, all threads, user + system (`utime` + `stime` of
/// `/proc/self/stat`).
pub fn cpu_time() -> Option<Duration> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    parse_cpu_ticks(&stat).map(|ticks| Duration::from_millis(ticks * 1000 / CLOCK_TICKS_PER_SECOND))
}

/// The unit of `/proc/<pid>/stat`'s times: `USER_HZ`, which Linux fixes at 100 on every
/// architecture it exports to user space (whatever the kernel's own tick rate).
const CLOCK_TICKS_PER_SECOND: u64 = 100;

/// `utime + stime` (fields 14 and 15) of a `/proc/<pid>/stat` line, in clock ticks. The command
/// name (field 2) is in parentheses and may itself hold spaces and parentheses, so fields are
/// counted from the last `)`.
fn parse_cpu_ticks(stat: &str) -> Option<u64> {
    let (_, after_name) = stat.rsplit_once(')')?;
    let mut fields = after_name.split_whitespace().skip(11); // field 3 (state) is the first
    let user: u64 = fields.next()?.parse().ok()?;
    let system: u64 = fields.next()?.parse().ok()?;
    Some(user + system)
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
    fn cpu_ticks_are_user_plus_system_counted_after_the_command_name() {
        let stat = "4242 (a (b) c) R 1 4242 4242 0 -1 4194304 500 0 0 0 1234 56 0 0 20 0 3 0 99 0 0";
        assert_eq!(parse_cpu_ticks(stat), Some(1290));
        assert_eq!(parse_cpu_ticks("4242 (faqbook) R 1 2"), None);
        assert_eq!(parse_cpu_ticks("no name here"), None);
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
            assert!(stages.iter().all(|s| s.cpu.is_some()));
        }
    }
}
