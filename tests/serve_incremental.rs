//! `serve` updates the site it keeps after an edit instead of building it again: for random edits
//! of one page (its body, its inquiry, its front matter, `recurs`, adding or deleting a page) on
//! a site of 24 pages, the served folder must equal a full build byte for byte (listings,
//! related pages, asked counts, review queue, search index and feeds included), and the
//! warnings must be the same.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use faqbook::config::Config;
use faqbook::serve::site_build::SiteBuild;
use faqbook::serve::{Rebuild, SiteBuilder};
use faqbook::site::{BuildOptions, build_site};
use proptest::prelude::*;

mod common;

const PAGES: usize = 24;
const SERVICES: [&str; 3] = ["メール", "VPN", "印刷"];
const TAGS: [&str; 5] = ["パスワード", "設定", "接続", "印刷", "未登録タグ"];
const STATUSES: [&str; 4] = ["resolved", "unresolved", "escalated", "unknown"];
const TOPICS: [&str; 6] = [
    "Outlook でメールが送信できない",
    "VPN に接続できない",
    "研究室のプリンターで両面印刷ができない",
    "パスワードを忘れてログインできない",
    "二段階認証の設定を変更したい",
    "共有フォルダにアクセスできない",
];

const BOOK: &str = "[book]\ntitle = \"FAQ\"\n\n[site]\nbase-url = \"https://faq.example.org/\"\n\n\
    [review]\nafter-days = 30\n\n\
    [[services]]\nname = \"メール\"\nslug = \"mail\"\n[[services]]\nname = \"VPN\"\nslug = \"vpn\"\n\
    [[services]]\nname = \"印刷\"\nslug = \"print\"\n\n\
    [[tags]]\nname = \"パスワード\"\nslug = \"password\"\n[[tags]]\nname = \"設定\"\nslug = \"settings\"\n\
    [[tags]]\nname = \"接続\"\nslug = \"connect\"\n[[tags]]\nname = \"印刷\"\nslug = \"printing\"\n";

/// The front matter and body of one generated page.
#[derive(Debug, Clone)]
struct Spec {
    id: String,
    title: String,
    service: usize,
    tags: Vec<usize>,
    status: usize,
    day: u32,
    reviewed: bool,
    recurs: Vec<String>,
    inquiry: String,
    answer: String,
    /// Another page this one links to (with an anchor), by id.
    link: Option<String>,
    merged: Vec<u32>,
    /// Heading of the answer section, so that an edit can rename an anchor others link to.
    answer_heading: String,
}

fn date(day: u32) -> String {
    let date = NaiveDate::from_ymd_opt(2025, 10, 1).unwrap() + chrono::Days::new(u64::from(day));
    date.to_string()
}

fn text(spec: &Spec) -> String {
    let tags: Vec<&str> = spec.tags.iter().map(|&t| TAGS[t]).collect();
    let mut out = format!(
        "---\nid: {}\ntitle: {}\nservice: {}\ntags: [{}]\nstatus: {}\ndate: {}\nreviewed: {}\n",
        spec.id,
        spec.title,
        SERVICES[spec.service],
        tags.join(", "),
        STATUSES[spec.status],
        date(spec.day),
        spec.reviewed,
    );
    if spec.reviewed {
        out.push_str(&format!("reviewed-on: {}\n", date(spec.day / 2)));
    }
    if !spec.recurs.is_empty() {
        out.push_str(&format!("recurs: [{}]\n", spec.recurs.join(", ")));
    }
    out.push_str(&format!(
        "---\n\n## 問い合わせ\n\n{}\n\n## {}\n\n{}\n",
        spec.inquiry, spec.answer_heading, spec.answer
    ));
    if let Some(target) = &spec.link {
        out.push_str(&format!("\n関連: [手順]({target}.md#手順)\n"));
    }
    for day in &spec.merged {
        out.push_str(&format!("\n**再び問い合わせ ({}):** 同じ質問がありました。\n", date(*day)));
    }
    out
}

fn spec(i: usize, seed: u32) -> Spec {
    let topic = TOPICS[(i + seed as usize) % TOPICS.len()];
    Spec {
        id: format!("page-{i:02}"),
        title: format!("{topic}（{i}）"),
        service: i % SERVICES.len(),
        tags: vec![i % 4, (i / 3) % TAGS.len()],
        status: (i / 2) % STATUSES.len(),
        day: (i as u32 * 7 + seed) % 90,
        reviewed: !i.is_multiple_of(3),
        recurs: if i % 5 == 4 { vec![format!("page-{:02}", i - 4)] } else { Vec::new() },
        inquiry: format!("{topic}。利用者から{}件目の問い合わせ。", i % 4 + 1),
        answer: format!("手順 {i} を案内した。"),
        link: (i % 4 == 1).then(|| format!("page-{:02}", (i + 3) % PAGES)),
        merged: if i.is_multiple_of(7) { vec![(i as u32 * 3) % 60] } else { Vec::new() },
        answer_heading: "手順".to_string(),
    }
}

/// One edit of one page.
#[derive(Debug, Clone)]
enum Edit {
    Body(String),
    Inquiry(usize),
    Title(usize),
    Tags(Vec<usize>),
    Service(usize),
    Status(usize),
    Day(u32),
    Reviewed(bool),
    Recurs(usize),
    Merged(u32),
    RenameAnchor,
    Add(usize),
    Delete,
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        "[a-zあ-ん]{1,12}".prop_map(Edit::Body),
        (0..TOPICS.len()).prop_map(Edit::Inquiry),
        (0..TOPICS.len()).prop_map(Edit::Title),
        prop::collection::vec(0..TAGS.len(), 0..3).prop_map(Edit::Tags),
        (0..SERVICES.len()).prop_map(Edit::Service),
        (0..STATUSES.len()).prop_map(Edit::Status),
        (0u32..120).prop_map(Edit::Day),
        any::<bool>().prop_map(Edit::Reviewed),
        (0..PAGES).prop_map(Edit::Recurs),
        (0u32..60).prop_map(Edit::Merged),
        Just(Edit::RenameAnchor),
        (0..TOPICS.len()).prop_map(Edit::Add),
        Just(Edit::Delete),
    ]
}

/// Applies `edit` to page `target` on disk; returns the page file changed.
fn apply(content: &Path, specs: &mut BTreeMap<String, Spec>, target: usize, edit: &Edit) -> PathBuf {
    let ids: Vec<String> = specs.keys().cloned().collect();
    let id = ids[target % ids.len()].clone();
    let file = |id: &str| content.join(format!("{id}.md"));
    let spec = specs.get_mut(&id).unwrap();
    match edit {
        Edit::Body(words) => spec.answer = format!("{}\n\n{words}", spec.answer),
        Edit::Inquiry(t) => spec.inquiry = format!("{}。追記あり。", TOPICS[*t]),
        Edit::Title(t) => spec.title = TOPICS[*t].to_string(),
        Edit::Tags(tags) => spec.tags = tags.clone(),
        Edit::Service(s) => spec.service = *s,
        Edit::Status(s) => spec.status = *s,
        Edit::Day(d) => spec.day = *d,
        Edit::Reviewed(r) => spec.reviewed = *r,
        Edit::Recurs(other) => spec.recurs = vec![ids[other % ids.len()].clone()],
        Edit::Merged(d) => spec.merged.push(*d),
        Edit::RenameAnchor => spec.answer_heading = "手順（改訂）".to_string(),
        Edit::Add(t) => {
            let mut added = self::spec(specs.len() + 100, *t as u32);
            added.id = format!("added-{}", specs.len());
            let path = file(&added.id);
            std::fs::write(&path, text(&added)).unwrap();
            specs.insert(added.id.clone(), added);
            return path;
        }
        Edit::Delete => {
            specs.remove(&id);
            let path = file(&id);
            std::fs::remove_file(&path).unwrap();
            return path;
        }
    }
    std::fs::write(file(&id), text(spec)).unwrap();
    file(&id)
}

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 1, 20).unwrap()
}

proptest! {
    // Six cases keep the suite fast; PROPTEST_CASES=100 runs more.
    #![proptest_config(ProptestConfig { cases: std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(6), ..ProptestConfig::default() })]

    #[test]
    fn an_updated_site_equals_a_full_build(
        seed in 0u32..50,
        edits in prop::collection::vec((0..PAGES + 4, edit()), 1..4),
    ) {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().canonicalize().unwrap();
        let content = root.join("content");
        std::fs::create_dir(&content).unwrap();
        std::fs::write(root.join("book.toml"), BOOK).unwrap();
        let mut specs: BTreeMap<String, Spec> = (0..PAGES).map(|i| spec(i, seed)).map(|s| (s.id.clone(), s)).collect();
        for spec in specs.values() {
            std::fs::write(content.join(format!("{}.md", spec.id)), text(spec)).unwrap();
        }
        let served = root.join("served");
        let mut builder = SiteBuild::new(&root, today());
        builder.build(&served, &Rebuild::Full).unwrap();

        for (step, (target, edit)) in edits.iter().enumerate() {
            let changed = apply(&content, &mut specs, *target, edit);
            let updated = builder.build(&served, &Rebuild::Pages(vec![changed]));
            let config = Config::load(&root).unwrap();
            let full = root.join(format!("full-{step}"));
            let options = BuildOptions { dest: Some(full.clone()), today: today() };
            let report = build_site(&config, &options, &|_| {});
            match (updated, report) {
                (Ok(warnings), Ok(report)) => {
                    prop_assert_eq!(&warnings, &report.diagnostics, "warnings after {:?}", edit);
                    let (served_files, full_files) = (common::read_tree(&served), common::read_tree(&full));
                    prop_assert_eq!(
                        served_files.keys().collect::<Vec<_>>(),
                        full_files.keys().collect::<Vec<_>>(),
                        "file list after {:?}", edit
                    );
                    for (path, bytes) in &full_files {
                        prop_assert!(
                            served_files[path] == *bytes,
                            "{} differs after {:?}:\n{}\n---\n{}",
                            path, edit, String::from_utf8_lossy(&served_files[path]), String::from_utf8_lossy(bytes)
                        );
                    }
                }
                (Err(_), Err(_)) => return Ok(()),
                (updated, report) => prop_assert!(false, "update {:?} but full build {:?}", updated.is_ok(), report.is_ok()),
            }
        }
    }
}

/// A served site of `PAGES` pages (seed 0) with its builder, and the served folder.
fn served_site() -> (tempfile::TempDir, PathBuf, BTreeMap<String, Spec>, SiteBuild, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().canonicalize().unwrap();
    std::fs::create_dir(root.join("content")).unwrap();
    std::fs::write(root.join("book.toml"), BOOK).unwrap();
    let specs: BTreeMap<String, Spec> = (0..PAGES).map(|i| spec(i, 0)).map(|s| (s.id.clone(), s)).collect();
    for spec in specs.values() {
        std::fs::write(root.join("content").join(format!("{}.md", spec.id)), text(spec)).unwrap();
    }
    let served = root.join("served");
    let mut builder = SiteBuild::new(&root, today());
    builder.build(&served, &Rebuild::Full).unwrap();
    (dir, root, specs, builder, served)
}

/// Rewrites page `id` of the served site, updates the site, and returns (before, after, full
/// build) of each of `files`.
fn edit_and_compare(id: &str, change: impl Fn(&mut Spec), files: &[&str]) -> Vec<(String, String, String)> {
    let (_dir, root, mut specs, mut builder, served) = served_site();
    let read = |dir: &Path, file: &str| std::fs::read_to_string(dir.join(file)).unwrap();
    let before: Vec<String> = files.iter().map(|f| read(&served, f)).collect();
    let spec = specs.get_mut(id).unwrap();
    change(spec);
    let path = root.join("content").join(format!("{id}.md"));
    std::fs::write(&path, text(spec)).unwrap();
    builder.build(&served, &Rebuild::Pages(vec![path])).unwrap();
    let full = root.join("full");
    let config = Config::load(&root).unwrap();
    build_site(&config, &BuildOptions { dest: Some(full.clone()), today: today() }, &|_| {}).unwrap();
    files.iter().zip(before).map(|(f, before)| (before, read(&served, f), read(&full, f))).collect()
}

/// The related-pages section of a FAQ page.
fn related(html: &str) -> &str {
    let start = html.find("related-heading").unwrap_or(html.len());
    let end = html[start..].find("</section>").map_or(html.len(), |e| start + e);
    &html[start..end]
}

#[test]
fn editing_one_inquiry_reorders_another_pages_related_list() {
    let inquiry = spec(0, 0).inquiry;
    let files = edit_and_compare("page-04", |s| s.inquiry = inquiry.clone(), &["faq/page-00.html"]);
    let (before, after, full) = &files[0];
    assert_ne!(related(before), related(after), "page-00's related list follows page-04's new inquiry");
    assert!(related(after).contains("page-04.html"), "{}", related(after));
    assert_eq!(after, full);
}

#[test]
fn adding_recurs_counts_on_the_named_page_and_home() {
    let files = edit_and_compare(
        "page-10",
        |s| s.recurs = vec!["page-02".to_string()],
        &["faq/page-02.html", "index.html"],
    );
    for (before, after, full) in &files {
        assert_ne!(before, after);
        assert_eq!(after, full);
    }
    let (_, page, _) = &files[0];
    assert!(page.contains("問い合わせ 2 回"), "{page}");
    let (_, home, _) = &files[1];
    let most_asked = &home[home.find("most-asked-heading").unwrap()..];
    assert!(most_asked.contains("page-02.html"), "{most_asked}");
}
