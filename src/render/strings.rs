//! UI strings of the generated site, in each supported language, in one place. Templates read
//! them as `t.<name>`; a theme override can use them too, so it stays translated.

use serde::Serialize;

use crate::config::Language;
use crate::content::Status;

/// Every piece of text the default theme shows that does not come from the content.
#[derive(Debug, Clone, Serialize)]
pub struct UiStrings {
    pub skip_to_content: &'static str,
    pub site_navigation: &'static str,
    pub home: &'static str,
    pub search: &'static str,
    pub search_label: &'static str,
    pub search_placeholder: &'static str,
    pub search_button: &'static str,
    pub search_noscript: &'static str,
    pub search_results: &'static str,
    /// Above the closest pages when no search result answers the query.
    pub search_no_answer: &'static str,
    pub services: &'static str,
    pub tags: &'static str,
    pub all_tags: &'static str,
    pub status: &'static str,
    pub service: &'static str,
    pub date: &'static str,
    pub pages_count_suffix: &'static str,
    pub recently_added: &'static str,
    pub by_status: &'static str,
    pub not_reviewed: &'static str,
    pub not_reviewed_note: &'static str,
    pub source: &'static str,
    pub previous: &'static str,
    pub next: &'static str,
    pub page_navigation: &'static str,
    pub related: &'static str,
    pub no_pages: &'static str,
    pub not_found_title: &'static str,
    pub not_found_text: &'static str,
    pub back_to_home: &'static str,
    pub breadcrumb: &'static str,
    pub contents: &'static str,
    pub generated_by: &'static str,
    pub feedback: &'static str,
    pub status_resolved: &'static str,
    pub status_escalated: &'static str,
    pub status_unresolved: &'static str,
    pub status_unknown: &'static str,
    pub known_issues: &'static str,
    pub known_issues_note: &'static str,
    pub open_cases: &'static str,
    pub age_days_prefix: &'static str,
    pub age_days_suffix: &'static str,
    pub as_of: &'static str,
    pub reviewed: &'static str,
    pub review_queue: &'static str,
    pub review_queue_note: &'static str,
    pub review_due: &'static str,
    pub days_since_review_prefix: &'static str,
    pub days_since_review_suffix: &'static str,
    /// Label of the importer's evidence for a page's status on the review queue.
    pub status_reason: &'static str,
    pub asked_prefix: &'static str,
    pub asked_suffix: &'static str,
    pub most_asked: &'static str,
    /// Home page line of an offline copy (`faqbook export`): `{count}` pages, newest `{date}`.
    pub copy_note: &'static str,
    /// The same for a copy whose pages have no date.
    pub copy_note_undated: &'static str,
    /// Shown by a single-file copy, in place of a page, in a browser that cannot unpack it.
    pub copy_unsupported: &'static str,
}

const JA: UiStrings = UiStrings {
    skip_to_content: "本文へ移動",
    site_navigation: "サイト内ナビゲーション",
    home: "ホーム",
    search: "検索",
    search_label: "FAQ を検索",
    search_placeholder: "キーワード (例: 多要素認証)",
    search_button: "検索",
    search_noscript: "検索には JavaScript が必要です。サービス別・タグ別の一覧から探すこともできます。",
    search_results: "検索結果",
    search_no_answer: "該当する FAQ は見つかりませんでした。近いページ:",
    services: "サービス",
    tags: "タグ",
    all_tags: "タグ一覧",
    status: "状況",
    service: "サービス",
    date: "日付",
    pages_count_suffix: "件",
    recently_added: "最近追加された FAQ",
    by_status: "状況別",
    not_reviewed: "未レビュー",
    not_reviewed_note: "この FAQ はまだレビューされていません。内容が不正確な場合があります。",
    source: "出典",
    previous: "前の FAQ",
    next: "次の FAQ",
    page_navigation: "同じサービスの FAQ",
    related: "関連する FAQ",
    no_pages: "該当する FAQ はありません。",
    not_found_title: "ページが見つかりません",
    not_found_text: "お探しのページは見つかりませんでした。検索するか、ホームから探してください。",
    back_to_home: "ホームへ戻る",
    breadcrumb: "パンくずリスト",
    contents: "目次",
    generated_by: "faqbook で生成",
    feedback: "この FAQ へのご意見・誤りの報告",
    status_resolved: "解決済み",
    status_escalated: "担当部署へ引き継ぎ",
    status_unresolved: "未解決",
    status_unknown: "結果不明",
    known_issues: "既知の問題",
    known_issues_note: "未解決または担当部署へ引き継ぎ中の事例です。サービスごとに古いものから並べています。",
    open_cases: "対応中の事例",
    age_days_prefix: "",
    age_days_suffix: "日経過",
    as_of: "基準日",
    reviewed: "レビュー済み",
    review_queue: "レビュー待ち",
    review_queue_note: "まだレビューされていない FAQ と、前回のレビューから期間が空いて再確認が必要な FAQ です。",
    review_due: "再レビューが必要",
    days_since_review_prefix: "前回から",
    days_since_review_suffix: "日",
    status_reason: "状態の根拠",
    asked_prefix: "問い合わせ ",
    asked_suffix: " 回",
    most_asked: "繰り返し寄せられる問い合わせ",
    copy_note: "このオフライン版には FAQ {count} 件を収録しています (最新のページ: {date})。",
    copy_note_undated: "このオフライン版には FAQ {count} 件を収録しています。",
    copy_unsupported: "このブラウザーではオフライン版のページを開けません (DecompressionStream に未対応)。最新の Chrome、Edge、Firefox、Safari で開いてください。",
};

const EN: UiStrings = UiStrings {
    skip_to_content: "Skip to content",
    site_navigation: "Site navigation",
    home: "Home",
    search: "Search",
    search_label: "Search the FAQ",
    search_placeholder: "Keywords (e.g. MFA)",
    search_button: "Search",
    search_noscript: "Search needs JavaScript. You can also browse by service or tag.",
    search_results: "Search results",
    search_no_answer: "No FAQ answers this. Closest pages:",
    services: "Services",
    tags: "Tags",
    all_tags: "All tags",
    status: "Status",
    service: "Service",
    date: "Date",
    pages_count_suffix: "",
    recently_added: "Recently added",
    by_status: "By status",
    not_reviewed: "Not yet reviewed",
    not_reviewed_note: "This FAQ has not been reviewed yet and may be inaccurate.",
    source: "Source",
    previous: "Previous",
    next: "Next",
    page_navigation: "More in this service",
    related: "Related",
    no_pages: "No FAQ here yet.",
    not_found_title: "Page not found",
    not_found_text: "The page you are looking for does not exist. Try the search or start from the home page.",
    back_to_home: "Back to the home page",
    breadcrumb: "Breadcrumb",
    contents: "Contents",
    generated_by: "Generated by faqbook",
    feedback: "Feedback on this FAQ",
    status_resolved: "Resolved",
    status_escalated: "Escalated",
    status_unresolved: "Unresolved",
    status_unknown: "Outcome unknown",
    known_issues: "Known issues",
    known_issues_note: "Cases that are unresolved or escalated to another team, by service, oldest first.",
    open_cases: "Open cases",
    age_days_prefix: "open for ",
    age_days_suffix: " days",
    as_of: "As of",
    reviewed: "Reviewed",
    review_queue: "Review queue",
    review_queue_note: "FAQ pages nobody has reviewed yet, and pages whose last review is too long ago.",
    review_due: "Review due",
    days_since_review_prefix: "",
    days_since_review_suffix: " days since the last review",
    status_reason: "Status evidence",
    asked_prefix: "Asked ",
    asked_suffix: " times",
    most_asked: "Most frequently asked",
    copy_note: "FAQ pages in this offline copy: {count} (newest page: {date}).",
    copy_note_undated: "FAQ pages in this offline copy: {count}.",
    copy_unsupported: "This browser cannot open the pages of this offline copy (it has no DecompressionStream). Open it in a current Chrome, Edge, Firefox or Safari.",
};

/// The strings of a language.
pub fn ui_strings(language: Language) -> &'static UiStrings {
    match language {
        Language::Ja => &JA,
        Language::En => &EN,
    }
}

impl UiStrings {
    /// The label of a status in this language.
    pub fn status_label(&self, status: Status) -> &'static str {
        match status {
            Status::Resolved => self.status_resolved,
            Status::Escalated => self.status_escalated,
            Status::Unresolved => self.status_unresolved,
            Status::Unknown => self.status_unknown,
        }
    }

    /// The home page line of an offline copy holding `count` pages, the newest dated `newest`.
    pub fn copy_note(&self, count: usize, newest: Option<chrono::NaiveDate>) -> String {
        match newest {
            Some(date) => {
                self.copy_note.replace("{count}", &count.to_string()).replace("{date}", &date.to_string())
            }
            None => self.copy_note_undated.replace("{count}", &count.to_string()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn copy_note_names_count_and_date() {
        let date = chrono::NaiveDate::from_ymd_opt(2025, 12, 10);
        assert_eq!(
            ui_strings(Language::En).copy_note(3, date),
            "FAQ pages in this offline copy: 3 (newest page: 2025-12-10)."
        );
        assert!(ui_strings(Language::Ja).copy_note(12, None).contains("12 件"));
    }

    #[test]
    fn every_status_has_a_label_in_every_language() {
        for language in [Language::Ja, Language::En] {
            for status in Status::ALL {
                assert!(!ui_strings(language).status_label(status).is_empty());
            }
        }
        assert_ne!(ui_strings(Language::Ja).search, ui_strings(Language::En).search);
    }
}
