//! Clean: remove the artefacts that exporting minutes (from Slack, a wiki, a shared document)
//! leaves behind, before anything tries to understand the text.
//!
//! Three artefacts are known: Slack links written `http://host|host`; blocks of lines repeated
//! verbatim right after themselves (a paragraph's continuation lines, a response, a whole
//! follow-up block); and bullets repeated inside one comment block (nested lists flattened by the
//! export, each sub-list copied again). Nothing else is removed, and every removal is reported.

use std::collections::HashMap;
use std::hash::{DefaultHasher, Hash, Hasher};

use regex::Regex;

use super::line::{Kind, Line};

/// The longest block (in lines) whose verbatim repetition is recognised. The seed's longest is
/// 13 lines; the bound keeps cleaning linear on huge inputs.
const MAX_REPEATED_BLOCK: usize = 200;

/// A run of lines removed as an export artefact.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Removed {
    /// 1-based line numbers of the first and last removed line.
    pub first: usize,
    pub last: usize,
    /// The line the removed text repeats.
    pub original: usize,
    /// How many non-blank lines were removed.
    pub count: usize,
}

/// The lines that remain, and what was removed.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Cleaned {
    pub lines: Vec<Line>,
    pub removed: Vec<Removed>,
}

/// Removes export artefacts from a document's lines.
pub fn clean(mut lines: Vec<Line>) -> Cleaned {
    for line in &mut lines {
        if line.text.contains('|') {
            line.text = fix_slack_links(&line.text);
        }
    }
    let (lines, mut removed) = remove_repeated_blocks(lines);
    let (lines, removed_bullets) = remove_repeated_bullets(lines);
    removed.extend(removed_bullets);
    removed.sort_by_key(|r| r.first);
    Cleaned { lines, removed }
}

/// `http://host/path|host/path` (Slack's link markup, pasted as text) → `http://host/path`.
/// Also `<http://x|label>` → `http://x` when the label repeats the address.
pub fn fix_slack_links(text: &str) -> String {
    if !text.contains('|') {
        return text.to_string();
    }
    static SLACK_LINK: std::sync::LazyLock<Regex> = std::sync::LazyLock::new(|| {
        Regex::new(r"<?(https?://([^\s|<>]+))\|([^\s<>|]+)>?").unwrap_or_else(|e| unreachable!("{e}"))
    });
    SLACK_LINK
        .replace_all(text, |caps: &regex::Captures<'_>| {
            let url = &caps[1];
            let address = caps[2].trim_end_matches('/');
            let label = caps[3].trim_end_matches('>').trim_end_matches('/');
            let whole = &caps[0];
            // Only when the label repeats the address: `a|b` with different texts is content.
            if label.eq_ignore_ascii_case(address) { url.to_string() } else { whole.to_string() }
        })
        .into_owned()
}

fn line_hash(line: &Line) -> u64 {
    let mut hasher = DefaultHasher::new();
    line.content_key().hash(&mut hasher);
    hasher.finish()
}

/// Drops every block of lines that repeats, verbatim, the block just before it. The first copy
/// stays. Comparison ignores leading and trailing white space; bare bullets (`-`) never start a
/// repetition on their own because they carry no text.
fn remove_repeated_blocks(lines: Vec<Line>) -> (Vec<Line>, Vec<Removed>) {
    let mut kept: Vec<Line> = Vec::with_capacity(lines.len());
    let mut kept_hashes: Vec<u64> = Vec::with_capacity(lines.len());
    let hashes: Vec<u64> = lines.iter().map(line_hash).collect();
    let mut removed = Vec::new();
    let mut at = 0;
    while at < lines.len() {
        match repeated_block_len(&kept, &kept_hashes, &lines[at..], &hashes[at..]) {
            Some(len) => {
                removed.push(Removed {
                    first: lines[at].number,
                    last: lines[at + len - 1].number,
                    original: kept[kept.len() - len].number,
                    count: len,
                });
                at += len;
            }
            None => {
                kept.push(lines[at].clone());
                kept_hashes.push(hashes[at]);
                at += 1;
            }
        }
    }
    (kept, removed)
}

/// The length of the shortest block at the start of `rest` that equals the end of `kept`.
fn repeated_block_len(
    kept: &[Line],
    kept_hashes: &[u64],
    rest: &[Line],
    rest_hashes: &[u64],
) -> Option<usize> {
    if !has_words(&rest[0].text) {
        return None;
    }
    let longest = MAX_REPEATED_BLOCK.min(kept.len()).min(rest.len());
    (1..=longest).find(|&len| {
        let tail = kept.len() - len;
        kept_hashes[tail] == rest_hashes[0]
            && kept_hashes[tail..] == rest_hashes[..len]
            && kept[tail..].iter().zip(&rest[..len]).all(|(a, b)| a.content_key() == b.content_key())
    })
}

fn has_words(text: &str) -> bool {
    text.chars().any(char::is_alphanumeric)
}

/// Inside one comment block (consecutive bullets and the lines quoted under bare bullets), a
/// bullet whose text already appeared in the block is a copy made by the export.
fn remove_repeated_bullets(lines: Vec<Line>) -> (Vec<Line>, Vec<Removed>) {
    let mut kept: Vec<Line> = Vec::with_capacity(lines.len());
    let mut removed = Vec::new();
    // Bullet text → the line where it first appeared in the current block.
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut in_block = false;
    let mut after_bare_bullet = false;
    for line in lines {
        match line.kind() {
            Kind::Bullet { text, .. } => {
                if !in_block {
                    seen.clear();
                }
                in_block = true;
                after_bare_bullet = text.is_empty();
                if !text.is_empty() {
                    if let Some(&original) = seen.get(text) {
                        removed.push(Removed { first: line.number, last: line.number, original, count: 1 });
                        continue;
                    }
                    seen.insert(text.to_string(), line.number);
                }
            }
            Kind::Quote { .. } => {}
            Kind::Plain { .. } if after_bare_bullet => after_bare_bullet = false,
            _ => {
                in_block = false;
                after_bare_bullet = false;
            }
        }
        kept.push(line);
    }
    (kept, removed)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn clean(text: &str) -> Cleaned {
        super::clean(crate::minutes::read::text::lines(text))
    }

    /// The lines as they were written (bullets with their `- `).
    fn texts(cleaned: &Cleaned) -> Vec<String> {
        cleaned
            .lines
            .iter()
            .map(|l| match l.block {
                crate::minutes::line::Block::ListItem { .. } => {
                    format!("- {}", l.text).trim_end().to_string()
                }
                _ => l.text.clone(),
            })
            .collect()
    }

    #[test]
    fn slack_links_lose_their_repeated_label() {
        assert_eq!(
            fix_slack_links("POPサーバーは http://outlook.office365.com|outlook.office365.com が正解"),
            "POPサーバーは http://outlook.office365.com が正解"
        );
        assert_eq!(fix_slack_links("<https://a.example/x|a.example/x>"), "https://a.example/x");
        assert_eq!(fix_slack_links("http://a.example|other label"), "http://a.example|other label");
        assert_eq!(fix_slack_links("a|b"), "a|b");
    }

    #[test]
    fn a_block_repeated_right_after_itself_is_removed_once() {
        let text = "問い合わせ\n=>回答1\n続き1\n=>回答1\n続き1\n- コメント\n";
        let cleaned = clean(text);
        assert_eq!(texts(&cleaned), ["問い合わせ", "=>回答1", "続き1", "- コメント"]);
        assert_eq!(cleaned.removed, [Removed { first: 4, last: 5, original: 2, count: 2 }]);
    }

    #[test]
    fn continuation_lines_repeated_after_their_paragraph() {
        // A paragraph's last lines and its response, exported twice.
        let text = "一行目\n二行目\n=>回答\n二行目\n=>回答\n";
        assert_eq!(texts(&clean(text)), ["一行目", "二行目", "=>回答"]);
    }

    #[test]
    fn repeated_lines_far_apart_stay() {
        let text = "=>同じ\n別の行\n=>同じ\n";
        assert_eq!(texts(&clean(text)).len(), 3);
    }

    #[test]
    fn bullets_repeated_inside_one_comment_block_are_removed() {
        let text = "- 顛末:\n- 実施\n- 理由\n- 実施\n-\n引用\n- 理由\n次の問い合わせ\n- 実施\n";
        let cleaned = clean(text);
        assert_eq!(texts(&cleaned), ["- 顛末:", "- 実施", "- 理由", "-", "引用", "次の問い合わせ", "- 実施"]);
        assert_eq!(cleaned.removed.len(), 2);
    }

    #[test]
    fn blank_lines_are_remembered_not_kept() {
        let cleaned = clean("a\n\n\nb\n");
        assert_eq!(texts(&cleaned), ["a", "b"]);
        assert!(cleaned.lines[1].after_blank);
        assert_eq!(cleaned.lines[1].number, 4);
    }

    #[test]
    fn bare_bullets_are_not_collapsed() {
        assert_eq!(texts(&clean("-\n-\n")).len(), 2);
    }
}
