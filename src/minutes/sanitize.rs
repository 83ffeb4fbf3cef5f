//! Sanitize: control characters out of the line model, whatever the reader (the rule is
//! `crate::controls`'). Tabs become spaces.

use super::line::Line;
use crate::controls;

/// `text` without escape sequences and control characters; tabs become spaces. `None` when
/// there was nothing to remove.
pub fn strip_controls(text: &str) -> Option<String> {
    if !text.chars().any(|c| controls::is_unwanted(c) || c == '\t') {
        return None;
    }
    Some(controls::strip(text).replace('\t', " "))
}

/// Strips every line, dropping lines left empty; returns the number of the first line that had
/// a control character (a tab alone is not reported).
pub fn sanitize(lines: &mut Vec<Line>) -> Option<usize> {
    let mut first = None;
    lines.retain_mut(|line| {
        let had_control = line.text.chars().any(controls::is_unwanted);
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
