//! Unlucky and hostile minutes (issue 16): a stray byte, NUL and terminal escape codes, a case too
//! large for a page, placeholders that look like tags, and inputs that are not minutes files.
//! Run through the library (`minutes::import`), then through the page loader where it matters.

use std::path::{Path, PathBuf};

use faqbook::config::Config;
use faqbook::diagnostics::{Diagnostic, codes};
use faqbook::minutes::{ImportOptions, ImportReport, import};

const MINUTES: &str = "司会:山田\n\nUTokyo Account\n多要素認証の設定ができない。\n=>設定画面から再登録していただいたところ、ログインできました。\n\nパスワードを忘れた。\n=>パスワードリセットの手順を案内しました。\n";

fn site() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().to_path_buf();
    std::fs::copy(Path::new(env!("CARGO_MANIFEST_DIR")).join("book.toml"), root.join("book.toml")).unwrap();
    (dir, root)
}

fn run(root: &Path, inputs: &[PathBuf]) -> ImportReport {
    let config = Config::load(root).unwrap();
    import(&config, &ImportOptions { inputs: inputs.to_vec(), ..ImportOptions::default() })
}

fn with_code(report: &ImportReport, code: faqbook::diagnostics::Code) -> Vec<&Diagnostic> {
    report.diagnostics.iter().filter(|d| d.code == code).collect()
}

fn page_texts(report: &ImportReport) -> Vec<String> {
    report.pages.iter().map(|p| std::fs::read_to_string(&p.path).unwrap()).collect()
}

#[test]
fn import_utf8_with_a_stray_byte_stays_utf8() {
    let (_dir, root) = site();
    let mut bytes = MINUTES.as_bytes().to_vec();
    let at = MINUTES.find("パスワードを").unwrap();
    bytes.insert(at, 0x80);
    std::fs::write(root.join("m.txt"), &bytes).unwrap();
    let report = run(&root, &[root.join("m.txt")]);
    assert_eq!(report.files[0].encoding, "UTF-8");
    assert_eq!(report.pages.len(), 2, "{:?}", report.diagnostics);
    let warnings = with_code(&report, codes::MALFORMED_BYTES);
    assert_eq!(warnings.iter().map(|d| d.line).collect::<Vec<_>>(), [7], "{warnings:?}");
}

#[test]
fn import_strips_a_nul_byte_after_the_first_64k_characters() {
    let (_dir, root) = site();
    let filler = "あ".repeat(70_000);
    let text = format!("{MINUTES}- {filler}\n\nメールが届かない。\n=>迷惑メール\0フォルダを確認しました。\n");
    std::fs::write(root.join("m.txt"), text).unwrap();
    let report = run(&root, &[root.join("m.txt")]);
    assert!(!with_code(&report, codes::CONTROL_CHARACTERS).is_empty(), "{:?}", report.diagnostics);
    assert!(page_texts(&report).iter().all(|t| !t.contains('\0')));
    let loaded = faqbook::content::load_site(&Config::load(&root).unwrap());
    assert!(loaded.diagnostics.iter().all(|d| d.code != codes::NOT_TEXT), "{:?}", loaded.diagnostics);
}

#[test]
fn import_strips_c0_control_bytes_and_terminal_escapes() {
    let (_dir, root) = site();
    let text = MINUTES.replace("多要素認証の", "\u{1b}[31m多要素認証\u{1b}[0mの\u{1b}]0;owned\u{7}\u{8}");
    std::fs::write(root.join("m.txt"), text).unwrap();
    let report = run(&root, &[root.join("m.txt")]);
    let warnings = with_code(&report, codes::CONTROL_CHARACTERS);
    assert_eq!(warnings.iter().map(|d| d.line).collect::<Vec<_>>(), [4]);
    for text in page_texts(&report) {
        assert!(!text.chars().any(|c| c.is_control() && c != '\n'), "{text:?}");
        assert!(!text.contains("[31m") && !text.contains("owned"), "{text}");
    }
}

#[test]
fn import_refuses_a_page_over_the_loaders_10_mib_limit() {
    let (_dir, root) = site();
    let huge = "長".repeat(11 * 1024 * 1024 / 3 + 10);
    std::fs::write(root.join("m.txt"), format!("{MINUTES}\nメールが届かない。\n=>{huge}\n")).unwrap();
    let report = run(&root, &[root.join("m.txt")]);
    let errors = with_code(&report, codes::PAGE_TOO_LARGE);
    assert_eq!(errors.len(), 1, "{:?}", report.diagnostics);
    assert_eq!(errors[0].line, 10);
    assert_eq!(report.pages.len(), 2, "the other cases are written");
    let loaded = faqbook::content::load_site(&Config::load(&root).unwrap());
    assert!(loaded.diagnostics.iter().all(|d| d.code != codes::TOO_LARGE));
}

#[test]
fn tags_are_matched_before_redaction_never_on_placeholders() {
    let (_dir, root) = site();
    let text = format!(
        "{MINUTES}\n登録した 090-1234-5678 に認証コードが来ない。\n=>キャリアの受信設定を確認しました。\n"
    );
    std::fs::write(root.join("m.txt"), text).unwrap();
    let report = run(&root, &[root.join("m.txt")]);
    let texts = page_texts(&report);
    let phone_page = texts.iter().find(|t| t.contains("(電話番号)")).expect("the number is redacted");
    assert!(!phone_page.contains("SMS・電話"), "a placeholder gave the tag: {phone_page}");
}

#[test]
fn import_of_the_content_folder_says_it_found_no_minutes() {
    let (_dir, root) = site();
    std::fs::create_dir_all(root.join("content")).unwrap();
    std::fs::write(root.join("content/a.md"), "---\ntitle: a\n---\n").unwrap();
    let report = run(&root, &[root.join("content")]);
    let warnings = with_code(&report, codes::EMPTY_INPUT);
    assert!(warnings.iter().any(|d| d.message.contains("content or output folder")), "{warnings:?}");
    let empty = root.join("empty");
    std::fs::create_dir_all(&empty).unwrap();
    let report = run(&root, &[empty]);
    assert!(with_code(&report, codes::EMPTY_INPUT)[0].message.contains("no minutes files"));
}

#[cfg(unix)]
#[test]
fn import_names_a_fifo_and_dev_null_as_what_they_are() {
    let (_dir, root) = site();
    let fifo = root.join("pipe.txt");
    assert!(std::process::Command::new("mkfifo").arg(&fifo).status().unwrap().success());
    let report = run(&root, &[fifo, PathBuf::from("/dev/null")]);
    let messages: Vec<&str> =
        with_code(&report, codes::UNREADABLE_INPUT).iter().map(|d| d.message.as_str()).collect();
    assert_eq!(messages.len(), 2, "{messages:?}");
    assert!(messages.iter().any(|m| m.contains("FIFO")), "{messages:?}");
    assert!(messages.iter().any(|m| m.contains("device")), "{messages:?}");
}

#[cfg(unix)]
#[test]
fn import_skips_a_symlinked_txt_in_a_folder_with_a_message() {
    let (_dir, root) = site();
    std::fs::write(root.join("real.txt"), MINUTES).unwrap();
    std::fs::create_dir_all(root.join("in")).unwrap();
    std::os::unix::fs::symlink(root.join("real.txt"), root.join("in/link.txt")).unwrap();
    let report = run(&root, &[root.join("in")]);
    let warnings = with_code(&report, codes::UNREADABLE_INPUT);
    assert!(
        warnings.iter().any(|d| d.path.ends_with("in/link.txt") && !d.is_error()),
        "{:?}",
        report.diagnostics
    );
}

#[test]
fn redaction_of_one_kanji_and_listed_roster_names_reaches_every_page() {
    let (_dir, root) = site();
    let text = "司会:林\n説明:佐藤と鈴木\n書記:山田太郎\n\nUTokyo Account\n林さんからパスワードを忘れたと連絡。\n=>鈴木さんが https://example.com/ja/まで連絡:hanako.suzuki@example.ac.jp と案内し、山田さんが 03−1234−5678 に折り返しました。\n";
    std::fs::write(root.join("m.txt"), text).unwrap();
    let report = run(&root, &[root.join("m.txt")]);
    let texts = page_texts(&report);
    assert_eq!(texts.len(), 1, "{:?}", report.diagnostics);
    for leaked in ["林さん", "鈴木", "山田", "hanako", "5678"] {
        assert!(!texts[0].contains(leaked), "`{leaked}` reached the page: {}", texts[0]);
    }
    assert!(texts[0].contains("https://example.com/ja/"), "{}", texts[0]);
}
