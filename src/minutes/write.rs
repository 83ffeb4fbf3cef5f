//! Write: one FAQ page per case — front matter, Markdown body, fingerprint — and the safe write
//! to `content/<id>.md`.
//!
//! The page text is a pure function of the case, so the same input gives byte-identical pages.
//! The fingerprint is a hash of the page without its fingerprint line: a page whose text no
//! longer matches its own fingerprint was edited by hand since its import and is never
//! overwritten (unless forced). Writes go through a temporary file and a rename, so a page is
//! either the old or the new text, never half of each.

use std::fs;
use std::io;
use std::path::Path;

use chrono::NaiveDate;

use super::classify::{Reason, Status};
use super::segment::{Comment, Item};
use crate::config::Language;
use crate::content::front_matter::{self, FrontMatter, Key};
use crate::content::headings;
use crate::files::write_atomically;
use crate::slug::short_hash;

/// Folder of the content dir that embedded images are written to.
pub const ASSETS_DIR: &str = "assets";

/// The longest sentence quoted as a status reason (in characters).
const REASON_CHARS: usize = 160;

/// `"<sentence>" (line N)`, the sentence cut when very long.
pub fn reason_text(reason: &Reason) -> String {
    let one_line = reason.sentence.split_whitespace().collect::<Vec<_>>().join(" ");
    let sentence = if one_line.chars().count() > REASON_CHARS {
        format!("{}…", one_line.chars().take(REASON_CHARS).collect::<String>())
    } else {
        one_line
    };
    format!("\"{sentence}\" (line {})", reason.line)
}

/// Hex digits of the fingerprint.
const FINGERPRINT_HEX: usize = 16;

/// Everything a page shows, already redacted and classified.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageContent {
    pub id: String,
    pub title: String,
    pub service: String,
    pub tags: Vec<String>,
    pub status: Status,
    /// The sentence that decided the status (`status-reason`, for reviewers).
    pub status_reason: Option<Reason>,
    pub date: Option<NaiveDate>,
    /// `path:first-last`.
    pub source: String,
    pub inquiry: Vec<String>,
    pub answers: Vec<Item>,
    pub follow_ups: Vec<Item>,
    pub comments: Vec<Comment>,
    /// Ids of earlier pages this case repeats (`recur`), most similar first.
    pub recurs: Vec<String>,
}

/// The full text of the page, fingerprint included.
pub fn render_page(page: &PageContent, language: Language) -> String {
    let mut front = front_matter(page);
    let body = body(page, language);
    let unsigned = format!("{}\n{body}", front_matter::write(&front));
    front.import_fingerprint = Some(short_hash(&unsigned, FINGERPRINT_HEX));
    format!("{}\n{body}", front_matter::write(&front))
}

/// The page's front matter: what the case says, `reviewed: false` (people set it after review).
fn front_matter(page: &PageContent) -> FrontMatter {
    FrontMatter {
        id: page.id.clone(),
        title: page.title.clone(),
        service: page.service.clone(),
        tags: page.tags.clone(),
        status: page.status,
        status_reason: page.status_reason.as_ref().map(reason_text),
        date: page.date,
        source: Some(page.source.clone()),
        recurs: page.recurs.clone(),
        reviewed: false,
        reviewed_by: None,
        reviewed_on: None,
        import_fingerprint: None,
    }
}

fn body(page: &PageContent, language: Language) -> String {
    let headings = headings(language);
    let mut sections: Vec<String> = Vec::new();
    if !page.inquiry.is_empty() {
        sections.push(section(headings.inquiry, &paragraph(&page.inquiry)));
    }
    let answers: Vec<String> = page.answers.iter().filter_map(item).collect();
    if !answers.is_empty() {
        sections.push(section(headings.answer, &answers.join("\n\n")));
    }
    let follow_ups: Vec<String> = page.follow_ups.iter().filter_map(item).collect();
    if !follow_ups.is_empty() {
        sections.push(section(headings.follow_up, &follow_ups.join("\n\n")));
    }
    let comments = comment_list(&page.comments);
    if !comments.is_empty() {
        sections.push(section(headings.comments, &comments));
    }
    sections.join("\n")
}

fn section(heading: &str, content: &str) -> String {
    format!("## {heading}\n\n{content}\n")
}

/// Lines of one paragraph, kept as lines with hard breaks (a trailing backslash).
fn paragraph(lines: &[String]) -> String {
    lines.iter().map(|l| escape_line(l)).collect::<Vec<_>>().join("\\\n")
}

fn item(item: &Item) -> Option<String> {
    let label = item.label.as_deref().map(|label| {
        let label = escape_inline(label);
        if item.colon { format!("**{label}:**") } else { label }
    });
    match (label, item.lines.is_empty()) {
        (None, true) => None,
        (Some(label), true) => Some(label),
        (None, false) => Some(paragraph(&item.lines)),
        (Some(label), false) => {
            let mut lines = item.lines.clone();
            let first = format!("{label} {}", escape_inline(&lines[0]));
            lines.remove(0);
            let rest: Vec<String> = lines.iter().map(|l| escape_line(l)).collect();
            Some(std::iter::once(first).chain(rest).collect::<Vec<_>>().join("\\\n"))
        }
    }
}

/// Comments as a nested list; lines quoted under a bullet become a block quote inside it. A bare
/// bullet without a quotation carries nothing and is left out.
fn comment_list(comments: &[Comment]) -> String {
    let mut out: Vec<String> = Vec::new();
    let mut depth_cap = 0;
    for comment in comments {
        if comment.text.is_empty() && comment.quote.is_empty() {
            continue;
        }
        // Never nest deeper than one level below the previous written bullet.
        let depth = comment.depth.min(depth_cap);
        depth_cap = depth + 1;
        let indent = "  ".repeat(depth);
        if comment.text.is_empty() {
            out.push(format!("{indent}-"));
        } else {
            out.push(format!("{indent}- {}", escape_line(&comment.text)));
        }
        for quoted in &comment.quote {
            out.push(format!("{indent}  > {}", escape_line(quoted)));
        }
    }
    out.join("\n")
}

/// ASCII punctuation that can start Markdown or HTML structure inside a line.
const INLINE_SPECIAL: [char; 10] = ['\\', '`', '*', '_', '[', ']', '<', '&', '|', '~'];

/// Escapes text so it renders as itself, whatever it contains (`<script>`, `*`, `[x](y)`). URLs
/// are written as autolinks (`<https://…>`), which keep them clickable and need no escapes.
pub fn escape_inline(text: &str) -> String {
    static URL: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r#"https?://[^\s<>"「」『』（）、。，|`\\]+"#)
            .unwrap_or_else(|e| unreachable!("{e}"))
    });
    if let Some((before, image, after)) = super::read::links::find_image_reference(text) {
        // An embedded image a reader placed: kept as Markdown image syntax.
        return format!("{}{image}{}", escape_inline(before), escape_inline(after));
    }
    let mut out = String::with_capacity(text.len() + 8);
    let mut last = 0;
    for url in URL.find_iter(text) {
        let address = trim_url_end(url.as_str());
        out.push_str(&escape_plain(&text[last..url.start()]));
        out.push('<');
        out.push_str(address);
        out.push('>');
        last = url.start() + address.len();
    }
    out.push_str(&escape_plain(&text[last..]));
    out
}

/// A URL without the sentence punctuation after it (`(see https://a.example/x).`): a closing
/// parenthesis stays only when the URL opened one.
fn trim_url_end(url: &str) -> &str {
    let mut end = url.len();
    loop {
        let head = &url[..end];
        let unbalanced_paren = head.ends_with(')') && head.matches('(').count() < head.matches(')').count();
        if head.ends_with(['.', ',', ';', ':', '!', '?', '\'', '"']) || unbalanced_paren {
            end -= 1;
        } else {
            return head;
        }
    }
}

fn escape_plain(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if INLINE_SPECIAL.contains(&c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// A line that starts a paragraph line: also escape what would make it a heading, list item,
/// quote, thematic break or setext underline.
pub(super) fn escape_line(text: &str) -> String {
    let escaped = escape_inline(text.trim());
    let first = escaped.chars().next();
    let ordered_list = {
        let digits = escaped.chars().take_while(char::is_ascii_digit).count();
        digits > 0 && escaped[digits..].starts_with(['.', ')'])
    };
    if ordered_list {
        let digits = escaped.chars().take_while(char::is_ascii_digit).count();
        return format!("{}\\{}", &escaped[..digits], &escaped[digits..]);
    }
    let starts_with_image =
        super::read::links::find_image_reference(&escaped).is_some_and(|(before, _, _)| before.is_empty());
    match first {
        Some('!') if starts_with_image => escaped,
        Some('#' | '>' | '-' | '+' | '=' | '!') => format!("\\{escaped}"),
        _ => escaped,
    }
}

// ---------------------------------------------------------------------------------------------
// Files

/// Writes a document's embedded images to `dir` (named by their content, so an existing file
/// already holds the same image). With `dry_run`, writes nothing.
pub fn write_assets(
    dir: &Path,
    assets: &[super::read::Asset],
    dry_run: bool,
) -> Vec<crate::diagnostics::Diagnostic> {
    let mut diagnostics = Vec::new();
    if dry_run {
        return diagnostics;
    }
    for asset in assets {
        let path = dir.join(&asset.name);
        if path.is_file() {
            continue;
        }
        if let Err(e) = write_atomically(&path, &asset.bytes) {
            diagnostics.push(crate::diagnostics::Diagnostic::error(
                super::codes::WRITE_FAILED,
                &path,
                0,
                0,
                format!("cannot write image: {e}"),
            ));
        }
    }
    diagnostics
}

/// Whether the page text still matches the fingerprint written in it.
pub fn fingerprint_matches(text: &str) -> bool {
    let prefix = format!("\n{}: ", Key::ImportFingerprint);
    let Some(start) = text.find(&prefix) else { return false };
    let value_start = start + prefix.len();
    let Some(line_len) = text[value_start..].find('\n') else { return false };
    let written = &text[value_start..value_start + line_len];
    // The writer quotes a fingerprint made only of digits (YAML would read it as a number).
    let recorded = written.strip_prefix('\'').and_then(|v| v.strip_suffix('\'')).unwrap_or(written);
    let unsigned = format!("{}{}", &text[..start + 1], &text[value_start + line_len + 1..]);
    recorded == short_hash(&unsigned, FINGERPRINT_HEX)
}

/// What happened (or would happen, on a dry run) to one page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum WriteOutcome {
    Created,
    Updated,
    Unchanged,
    /// Edited by hand since its import; left as it is.
    SkippedEdited,
    /// A repeated case appended to the earlier page it repeats (`import --merge`).
    Merged,
}

/// Writes `text` to `path` unless it is unchanged or was edited by hand (`force` overwrites hand
/// edits). With `dry_run`, decides the same way but touches nothing.
pub fn write_page(path: &Path, text: &str, force: bool, dry_run: bool) -> io::Result<WriteOutcome> {
    let outcome = match fs::read(path) {
        Ok(existing) if existing == text.as_bytes() => return Ok(WriteOutcome::Unchanged),
        Ok(existing) => {
            let imported_untouched = std::str::from_utf8(&existing).is_ok_and(fingerprint_matches);
            if !imported_untouched && !force {
                return Ok(WriteOutcome::SkippedEdited);
            }
            WriteOutcome::Updated
        }
        Err(e) if e.kind() == io::ErrorKind::NotFound => WriteOutcome::Created,
        Err(e) => return Err(e),
    };
    if !dry_run {
        write_atomically(path, text.as_bytes())?;
    }
    Ok(outcome)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page() -> PageContent {
        PageContent {
            id: "svc-0123abcd".into(),
            title: "タイトル: #1 [重要]".into(),
            service: "UTokyo Account".into(),
            tags: vec!["多要素認証".into(), "a, b".into()],
            status: Status::Resolved,
            status_reason: Some(Reason { sentence: "回答: \"ok\" #1".into(), line: 4 }),
            date: NaiveDate::from_ymd_opt(2025, 12, 10),
            source: "seeds/x.txt:3-9".into(),
            inquiry: vec!["# 見出しではない".into(), "<script>alert(1)</script>".into()],
            answers: vec![Item {
                label: None,
                colon: false,
                lines: vec!["1. 番号ではない * https://a.example/x_y".into()],
                numbers: vec![4],
            }],
            follow_ups: vec![Item {
                label: Some("原因".into()),
                colon: true,
                lines: vec!["古い".into()],
                numbers: vec![5],
            }],
            comments: vec![
                Comment { depth: 0, text: "コメント".into(), quote: vec![], line: 6 },
                Comment { depth: 3, text: "深い".into(), quote: vec![], line: 7 },
                Comment { depth: 0, text: String::new(), quote: vec!["引用".into()], line: 8 },
                Comment { depth: 0, text: String::new(), quote: vec![], line: 9 },
                Comment {
                    depth: 0,
                    text: "# 見出しではない".into(),
                    quote: vec!["## これも".into()],
                    line: 10,
                },
            ],
            recurs: vec![],
        }
    }

    #[test]
    fn front_matter_round_trips_through_yaml() {
        let text = render_page(&page(), Language::Ja);
        let front = text.split("---\n").nth(1).unwrap_or_default();
        let value: serde_yaml::Value = serde_yaml::from_str(front).unwrap_or_else(|e| panic!("{e}\n{front}"));
        assert_eq!(value["title"].as_str(), Some("タイトル: #1 [重要]"));
        assert_eq!(value["tags"][1].as_str(), Some("a, b"));
        assert_eq!(value["status"].as_str(), Some("resolved"));
        assert_eq!(value["reviewed"].as_bool(), Some(false));
        let keys: Vec<_> = front.lines().map(|l| l.split(':').next().unwrap_or_default()).collect();
        assert_eq!(
            keys,
            [
                "id",
                "title",
                "service",
                "tags",
                "status",
                "status-reason",
                "date",
                "source",
                "reviewed",
                "import-fingerprint"
            ]
        );
        assert_eq!(value["status-reason"].as_str(), Some("\"回答: \"ok\" #1\" (line 4)"));
    }

    #[test]
    fn tricky_titles_round_trip() {
        for title in
            ["[x] y", "a: b", "# c", "yes", "123", "'q'", "\"d\"", "- e", "f #g", "@h", "%i", "*j", "!k"]
        {
            let mut p = page();
            p.title = title.into();
            let text = render_page(&p, Language::En);
            let front = text.split("---\n").nth(1).unwrap_or_default();
            let value: serde_yaml::Value =
                serde_yaml::from_str(front).unwrap_or_else(|e| panic!("{title}: {e}"));
            assert_eq!(value["title"].as_str(), Some(title), "{front}");
        }
    }

    #[test]
    fn body_escapes_markdown_and_html() {
        let text = render_page(&page(), Language::Ja);
        assert!(text.contains("\\# 見出しではない\\\n\\<script>alert(1)\\</script>"), "{text}");
        assert!(text.contains("1\\. 番号ではない \\* <https://a.example/x_y>"), "{text}");
        assert!(text.contains("**原因:** 古い"), "{text}");
        assert!(
            text.contains("- コメント\n  - 深い\n-\n  > 引用\n- \\# 見出しではない\n  > \\## これも\n"),
            "{text}"
        );
        assert!(!text.contains("## 経過\n\n\n"));
    }

    #[test]
    fn rendered_markdown_has_no_html_or_headings_from_the_minutes() {
        let text = render_page(&page(), Language::Ja);
        let events: Vec<_> = pulldown_cmark::Parser::new(&text).collect();
        assert!(
            !events
                .iter()
                .any(|e| matches!(e, pulldown_cmark::Event::Html(_) | pulldown_cmark::Event::InlineHtml(_)))
        );
        let headings = events
            .iter()
            .filter(|e| matches!(e, pulldown_cmark::Event::Start(pulldown_cmark::Tag::Heading { .. })))
            .count();
        // The front matter's closing `---` makes one setext heading for a plain CommonMark parser;
        // the site strips front matter first. Four section headings plus that one.
        assert_eq!(headings, 5);
    }

    #[test]
    fn urls_become_autolinks_without_trailing_punctuation() {
        assert_eq!(
            escape_inline("(see https://a.example/x_(y)). Done"),
            "(see <https://a.example/x_(y)>). Done"
        );
        assert_eq!(escape_inline("https://a.example/x, then"), "<https://a.example/x>, then");
    }

    #[test]
    fn english_headings_and_empty_sections_left_out() {
        let mut p = page();
        p.follow_ups.clear();
        let text = render_page(&p, Language::En);
        assert!(
            text.contains("## Question")
                && text.contains("## Answer")
                && text.contains("## Notes from the meeting")
        );
        assert!(!text.contains("## Follow-up"));
    }

    #[test]
    fn fingerprint_detects_any_edit() {
        let text = render_page(&page(), Language::Ja);
        assert!(fingerprint_matches(&text));
        assert!(!fingerprint_matches(&text.replace("古い", "新しい")));
        assert!(!fingerprint_matches(&text.replace("reviewed: false", "reviewed: true")));
        assert!(!fingerprint_matches("---\nid: x\n---\n"));
    }

    #[test]
    fn a_fingerprint_of_digits_only_is_quoted_and_still_matches() {
        // About one page in 1,800 gets a fingerprint of digits only, which the writer quotes.
        let quoted = (0..100_000)
            .map(|i| render_page(&PageContent { title: format!("件名 {i}"), ..page() }, Language::Ja))
            .find(|text| text.contains("import-fingerprint: '"))
            .unwrap_or_else(|| panic!("no title in 100,000 gives a fingerprint of digits only"));
        assert!(fingerprint_matches(&quoted));
        assert!(!fingerprint_matches(&quoted.replace("reviewed: false", "reviewed: true")));
    }

    #[test]
    fn writes_skip_hand_edits_unless_forced() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let path = dir.path().join("content").join("p.md");
        let text = render_page(&page(), Language::Ja);
        assert_eq!(write_page(&path, &text, false, true).ok(), Some(WriteOutcome::Created));
        assert!(!path.exists(), "dry run wrote");
        assert_eq!(write_page(&path, &text, false, false).ok(), Some(WriteOutcome::Created));
        assert_eq!(write_page(&path, &text, false, false).ok(), Some(WriteOutcome::Unchanged));
        let mut newer = page();
        newer.status = Status::Unknown;
        let newer = render_page(&newer, Language::Ja);
        assert_eq!(write_page(&path, &newer, false, false).ok(), Some(WriteOutcome::Updated));
        fs::write(&path, newer.replace("reviewed: false", "reviewed: true"))
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(write_page(&path, &text, false, false).ok(), Some(WriteOutcome::SkippedEdited));
        assert_eq!(write_page(&path, &text, true, false).ok(), Some(WriteOutcome::Updated));
        assert_eq!(fs::read_to_string(&path).ok().as_deref(), Some(text.as_str()));
        let leftovers = fs::read_dir(path.parent().unwrap_or(dir.path())).map(|d| d.count()).unwrap_or(0);
        assert_eq!(leftovers, 1, "temporary files left behind");
    }
}
