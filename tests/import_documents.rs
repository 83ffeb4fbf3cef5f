//! `faqbook import` of Word (.docx) and Google Docs (.html, zipped .html) minutes through the
//! real binary. Every document fixture has a text twin (same minutes, written as text minutes
//! write them); `tests/fixtures/documents/generate.py` renders all of them from one description.

mod import_common;

use std::fs;
use std::path::{Path, PathBuf};

use import_common::{faqbook, front_matter_value, repo, site, stderr, stdout};

fn documents() -> PathBuf {
    repo().join("tests/fixtures/documents")
}

fn book(lang: &str) -> PathBuf {
    documents().join(if lang == "en" { "book-en.toml" } else { "book.toml" })
}

/// Imports one fixture into a fresh site of its language.
fn import(lang: &str, name: &str) -> (tempfile::TempDir, std::process::Output) {
    let dir = site(&book(lang), &[&documents().join(name)]);
    let output = faqbook(dir.path(), &["import", name]);
    (dir, output)
}

/// `(file name, text)` of the site's pages (the `assets/` folder left out), sorted.
fn pages(site: &Path) -> Vec<(String, String)> {
    let Ok(entries) = fs::read_dir(site.join("content")) else { return Vec::new() };
    let mut pages: Vec<(String, String)> = entries
        .flatten()
        .filter(|e| e.path().extension().is_some_and(|x| x == "md"))
        .map(|e| {
            let text = fs::read_to_string(e.path()).unwrap_or_else(|err| panic!("{err}"));
            (e.file_name().to_string_lossy().into_owned(), text)
        })
        .collect();
    pages.sort();
    pages
}

/// A page as the text twin can also say it: without what cites source positions (source,
/// status reason) and the fingerprint, a document's
/// own bullets (`\- `), soft breaks (`\` line ends) and embedded images, which text has not.
fn comparable(page: &str) -> String {
    let kept: Vec<&str> = page
        .lines()
        .filter(|l| !["source: ", "status-reason: ", "import-fingerprint: "].iter().any(|k| l.starts_with(k)))
        .collect();
    let joined = kept.join("\n").replace("\\\n", "").replace("\\- ", "");
    let image =
        regex::Regex::new(r"!\[image\]\(assets/[0-9a-f]{16}\.png\)").unwrap_or_else(|e| panic!("{e}"));
    image.replace_all(&joined, "").into_owned()
}

/// The text of the section under `## heading`, up to the next section.
fn section<'a>(page: &'a str, heading: &str) -> &'a str {
    let start = page.find(&format!("## {heading}\n")).map_or(page.len(), |at| at + heading.len() + 4);
    let rest = &page[start..];
    &rest[..rest.find("\n## ").unwrap_or(rest.len())]
}

fn page_with<'a>(pages: &'a [(String, String)], text: &str) -> &'a str {
    pages
        .iter()
        .map(|(_, p)| p.as_str())
        .find(|p| p.contains(text))
        .unwrap_or_else(|| panic!("no page has {text}"))
}

#[test]
fn documents_give_the_pages_of_their_text_twins() {
    for (lang, twin, docs) in [
        ("ja", "ja.txt", ["ja.docx", "ja.html", "ja-web.zip"]),
        ("en", "en.txt", ["en.docx", "en.html", "en-web.zip"]),
    ] {
        let (twin_dir, output) = import(lang, twin);
        assert!(output.status.success(), "{twin}: {}", stderr(&output));
        let expected: Vec<(String, String)> =
            pages(twin_dir.path()).into_iter().map(|(n, p)| (n, comparable(&p))).collect();
        assert_eq!(expected.len(), if lang == "ja" { 5 } else { 3 });
        for doc in docs {
            let (dir, output) = import(lang, doc);
            assert_eq!(output.status.code(), Some(0), "{doc}: {}", stderr(&output));
            assert_eq!(stderr(&output), "", "{doc} gave warnings");
            let got: Vec<(String, String)> =
                pages(dir.path()).into_iter().map(|(n, p)| (n, comparable(&p))).collect();
            assert_eq!(got, expected, "{doc} differs from {twin}");
        }
    }
}

#[test]
fn word_minutes_put_comments_steps_and_links_where_they_belong() {
    let (dir, output) = import("ja", "ja.docx");
    assert!(output.status.success(), "{}", stderr(&output));
    let pages = pages(dir.path());
    // A coloured remark without a bullet is a comment, not the next case.
    let login = page_with(&pages, "初期パスワード");
    assert!(section(login, "ミーティングでのコメント").contains("取り違え"), "{login}");
    // Numbered steps stay in the response.
    let teams = page_with(&pages, "Teamsの会議");
    let answer = section(teams, "対応");
    assert!(
        answer.contains("1\\. Teamsを完全に終了する") && answer.contains("3\\. もう一度サインインする"),
        "{teams}"
    );
    assert!(!section(teams, "ミーティングでのコメント").contains("サインイン"), "{teams}");
    // Bullets in normal colour after a response are the response's.
    let outlook = page_with(&pages, "Outlook");
    assert!(section(outlook, "対応").contains("送信サーバーの名前"), "{outlook}");
    assert!(section(outlook, "ミーティングでのコメント").contains("お返事はなく"), "{outlook}");
    // A normal-colour line nested in a coloured list is a comment.
    let mfa = page_with(&pages, "機種変更");
    assert!(section(mfa, "ミーティングでのコメント").contains("  - 窓口での本人確認"), "{mfa}");
    // The real address replaces Google's redirect; personal data is redacted.
    let spam = page_with(&pages, "迷惑メール");
    assert!(spam.contains("<https://utelecon.adm.u-tokyo.ac.jp/eccs/spam?lang=ja&x=1>"), "{spam}");
    assert!(
        pages.iter().all(|(_, p)| !p.contains("google.com/url")
            && !p.contains("sato.k@")
            && !p.contains("1234-5678"))
    );
    assert_eq!(front_matter_value(spam, "source"), Some("ja.docx:35-38"));
    // The embedded image is written once to assets/ and linked from the page.
    let assets: Vec<_> =
        fs::read_dir(dir.path().join("content/assets")).map(|d| d.flatten().collect()).unwrap_or_default();
    assert_eq!(assets.len(), 1);
    let name = assets[0].file_name().to_string_lossy().into_owned();
    assert!(spam.contains(&format!("\n![image](assets/{name})")), "{spam}");
    let check = faqbook(dir.path(), &["check"]);
    assert!(stdout(&check).contains("0 errors") || stderr(&check).contains("0 errors"), "{}", stderr(&check));
}

#[test]
fn reimport_changes_nothing_and_dry_run_writes_nothing() {
    let (dir, _) = import("ja", "ja-web.zip");
    let again = faqbook(dir.path(), &["import", "ja-web.zip"]);
    assert!(stdout(&again).contains("pages: 0 written, 5 unchanged"), "{}", stdout(&again));
    let dry = site(&book("ja"), &[&documents().join("ja.docx")]);
    let output = faqbook(dry.path(), &["import", "--dry-run", "ja.docx"]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(!dry.path().join("content").exists());
}

#[test]
fn the_format_is_read_from_the_content_not_the_name() {
    let dir = site(&book("ja"), &[]);
    fs::copy(documents().join("ja.docx"), dir.path().join("minutes.bin")).unwrap_or_else(|e| panic!("{e}"));
    let output = faqbook(dir.path(), &["import", "minutes.bin"]);
    assert!(stdout(&output).contains("5 cases"), "{}", stdout(&output));
}

#[test]
fn broken_documents_are_errors_naming_the_file() {
    for name in ["truncated.docx", "not-a-document.zip"] {
        let dir = site(&book("ja"), &[&documents().join("broken").join(name)]);
        let output = faqbook(dir.path(), &["import", name]);
        assert_eq!(output.status.code(), Some(1), "{name}");
        let err = stderr(&output);
        assert!(err.starts_with(&format!("{name}:1:1: error: ")) && err.contains("[FB220]"), "{err}");
    }
}

#[test]
fn a_configured_comment_colour_overrides_the_legend() {
    let dir = site(&book("ja"), &[&documents().join("ja.docx")]);
    let toml = fs::read_to_string(dir.path().join("book.toml")).unwrap_or_default();
    // Green: nothing in the document has it, so the text rules decide, and the remark typed
    // without a bullet is no longer a comment.
    fs::write(dir.path().join("book.toml"), format!("{toml}\n[import]\ncomment-color = \"#00aa00\"\n"))
        .unwrap_or_else(|e| panic!("{e}"));
    let output = faqbook(dir.path(), &["import", "ja.docx"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let pages = pages(dir.path());
    let login = page_with(&pages, "初期パスワード");
    assert!(!section(login, "ミーティングでのコメント").contains("取り違え"), "{login}");
    fs::write(dir.path().join("book.toml"), format!("{toml}\n[import]\ncomment-color = \"orange\"\n"))
        .unwrap_or_else(|e| panic!("{e}"));
    let output = faqbook(dir.path(), &["import", "ja.docx"]);
    assert!(stderr(&output).contains("comment-color `orange` must be a hex colour"), "{}", stderr(&output));
}
