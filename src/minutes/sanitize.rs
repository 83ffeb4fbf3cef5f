//! Sanitize: control characters out of the line model, whatever the reader. Terminal colour
//! codes pasted from a shell (`ESC[31m`), title changes (`ESC]0;…BEL`), NUL and the other C0
//! and C1 controls never belong in a page: in a title they make `atom.xml` ill-formed, and
//! printed by `check` they would drive the reader's terminal. Tabs become spaces.

use std::sync::LazyLock;

use regex::Regex;

use super::line::Line;

/// An ANSI escape sequence: CSI (`ESC[…m`), OSC (`ESC]…BEL` or `ESC]…ESC\`), or ESC and one
/// character. Removed whole, so no `[31m` is left behind.
static ESCAPE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\x1b\[[0-?]*[ -/]*[@-~]?|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b.?|\u{9b}[0-?]*[ -/]*[@-~]?")
        .unwrap_or_else(|e| unreachable!("{e}"))
});

/// Whether a character is a control character no page may hold (line ends are already split).
pub fn is_unwanted_control(c: char) -> bool {
    c.is_control() && c != '\t' && c != '\n'
}

/// `text` without escape sequences and control characters; tabs become spaces. `None` when
/// there was nothing to remove.
pub fn strip_controls(text: &str) -> Option<String> {
    if !text.chars().any(|c| is_unwanted_control(c) || c == '\t') {
        return None;
    }
    let without_escapes = ESCAPE.replace_all(text, "");
    let cleaned: String = without_escapes
        .chars()
        .filter(|&c| !is_unwanted_control(c))
        .map(|c| if c == '\t' { ' ' } else { c })
        .collect();
    Some(cleaned)
}

/// Strips every line, dropping lines left empty; returns the number of the first line that had
/// a control character (a tab alone is not reported).
pub fn sanitize(lines: &mut Vec<Line>) -> Option<usize> {
    let mut first = None;
    lines.retain_mut(|line| {
        let had_control = line.text.chars().any(is_unwanted_control);
        let Some(cleaned) = strip_controls(&line.text) else { return true };
        line.text = cleaned.trim().to_string();
        if had_control && first.is_none() {
            first = Some(line.number);
        }
        !line.text.is_empty()
    });
    first
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn c0_control_bytes_and_escape_sequences_are_stripped_on_import() {
        assert_eq!(strip_controls("\u{1b}[31mVPN\u{1b}[0m が切れる").as_deref(), Some("VPN が切れる"));
        assert_eq!(strip_controls("a\u{1b}]0;owned\u{7}b\u{1b}[2Jc").as_deref(), Some("abc"));
        assert_eq!(strip_controls("x\u{0}y\u{8}z\u{7f}\u{85}\tw").as_deref(), Some("xyz w"));
        assert_eq!(strip_controls("普通の行"), None);
    }
}
