//! Control characters: one owner of the rule that no page, output or terminal line holds them.
//! Terminal colour codes pasted from a shell (`ESC[31m`), title changes (`ESC]0;…BEL`), NUL and
//! the other C0 and C1 controls make XML ill-formed and, printed raw, drive the reader's
//! terminal; a raw newline in a message could fake a diagnostic line of its own.

use std::borrow::Cow;
use std::sync::LazyLock;

use regex::Regex;

/// An ANSI escape sequence: CSI (`ESC[…m`), OSC (`ESC]…BEL` or `ESC]…ESC\`), or ESC and one
/// character. Removed whole, so no `[31m` is left behind.
static ESCAPE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\x1b\[[0-?]*[ -/]*[@-~]?|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b.?|\u{9b}[0-?]*[ -/]*[@-~]?")
        .unwrap_or_else(|e| unreachable!("{e}"))
});

/// A control character other than tab and line feed.
pub fn is_unwanted(c: char) -> bool {
    c.is_control() && c != '\t' && c != '\n'
}

/// `text` without escape sequences and control characters (tab and line feed stay; `\r` goes).
pub fn strip(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_unwanted) {
        return Cow::Borrowed(text);
    }
    let without_escapes = ESCAPE.replace_all(text, "");
    Cow::Owned(without_escapes.chars().filter(|&c| !is_unwanted(c)).collect())
}

/// `text` for one terminal line: every control character, newlines included, shown escaped
/// (`\u{1b}`), so user text can neither move the cursor nor start a line of its own.
pub fn escape_for_terminal(text: &str) -> Cow<'_, str> {
    if !text.chars().any(char::is_control) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.chars()
            .map(|c| if c.is_control() { c.escape_unicode().to_string() } else { c.to_string() })
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_sequences_and_controls_are_stripped_whole() {
        assert_eq!(strip("\u{1b}[31mVPN\u{1b}[0m が切れる"), "VPN が切れる");
        assert_eq!(strip("a\u{1b}]0;owned\u{7}b\u{1b}[2Jc"), "abc");
        assert_eq!(strip("x\u{0}y\u{8}z\u{7f}\u{85}\tw\n"), "xyz\tw\n");
    }

    #[test]
    fn terminal_text_has_no_raw_control_or_newline() {
        assert_eq!(escape_for_terminal("a\nb.md:1:1: error"), "a\\u{a}b.md:1:1: error");
        assert_eq!(escape_for_terminal("\u{1b}]0;x\u{7}"), "\\u{1b}]0;x\\u{7}");
    }
}
