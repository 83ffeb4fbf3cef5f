//! Knowledge-base pages beyond the FAQ listings: `known-issues.html` (every open case, by
//! service, oldest first), `review.html` (pages not reviewed, or due for review under
//! `[review] after-days`) and the open-case counts on the home page.
//!
//! Ages are counted to the newest page's date, never to the clock, so the same content always
//! builds the same site (`check` measures review dates against its `--today` instead).

use crate::lint::review_overdue;
use crate::site::job::Job;
use crate::site::model::{most_asked, newest_date, open_cases};
use crate::site::pages::{NamedLink, PageLink, Renderer};
use crate::site::urls;
use serde::Serialize;

/// How many questions the home page lists as most frequently asked.
pub const MOST_ASKED_LIMIT: usize = 10;

/// A page link with a note (an age) shown after it by `partials/page_list.html`.
#[derive(Serialize)]
struct NotedLink<'a> {
    #[serde(flatten)]
    link: PageLink<'a>,
    note: String,
}

/// A page under review with the importer's evidence for its status (`status-reason`), so the
/// reviewer sees why the status was chosen beside the page.
#[derive(Serialize)]
struct ReviewLink<'a> {
    #[serde(flatten)]
    link: PageLink<'a>,
    reason: Option<&'a str>,
}

#[derive(Serialize)]
struct ServiceIssues<'a> {
    name: &'a str,
    path: String,
    pages: Vec<NotedLink<'a>>,
}

impl<'a> Renderer<'a> {
    /// `known-issues.html`.
    pub fn known_issues(&self) -> Job {
        let newest = newest_date(self.model);
        let t = self.strings;
        let services: Vec<ServiceIssues> = open_cases(self.model)
            .into_iter()
            .map(|(g, members)| {
                let group = &self.model.services[g];
                ServiceIssues {
                    name: &group.name,
                    path: self.target(&urls::service(&group.slug)),
                    pages: members
                        .into_iter()
                        .map(|i| NotedLink {
                            link: self.page_link(i),
                            note: newest
                                .zip(self.model.pages[i].front.date)
                                .map(|(newest, date)| {
                                    format!(
                                        "{}{}{}",
                                        t.age_days_prefix,
                                        (newest - date).num_days(),
                                        t.age_days_suffix
                                    )
                                })
                                .unwrap_or_default(),
                        })
                        .collect(),
                }
            })
            .collect();
        let total: usize = services.iter().map(|s| s.pages.len()).sum();
        self.job("known-issues.html", urls::KNOWN_ISSUES).with(
            "known_issues",
            &serde_json::json!({
                "services": services,
                "total": total,
                "as_of": newest.map(|d| d.to_string()).unwrap_or_default(),
            }),
        )
    }

    /// `review.html`: pages due for review (longest since their review first), then pages not
    /// reviewed yet (in listing order).
    pub fn review(&self) -> Job {
        let model = self.model;
        let mut due: Vec<(i64, usize)> = match newest_date(model) {
            Some(today) => (0..model.pages.len())
                .filter_map(|i| review_overdue(self.config, model.pages[i], today).map(|days| (days, i)))
                .collect(),
            None => Vec::new(),
        };
        due.sort_by(|a, b| {
            b.0.cmp(&a.0).then_with(|| model.pages[a.1].front.id.cmp(&model.pages[b.1].front.id))
        });
        let unreviewed: Vec<usize> =
            model.listing_order.iter().copied().filter(|&i| !model.pages[i].front.reviewed).collect();
        self.job("review.html", urls::REVIEW).with(
            "review",
            &serde_json::json!({
                "due": due
                    .into_iter()
                    .map(|(days, i)| NotedLink {
                        link: self.page_link(i),
                        note: format!(
                            "{}{days}{}",
                            self.strings.days_since_review_prefix, self.strings.days_since_review_suffix
                        ),
                    })
                    .collect::<Vec<_>>(),
                "unreviewed": unreviewed
                    .iter()
                    .map(|&i| ReviewLink { link: self.page_link(i), reason: model.pages[i].front.status_reason.as_deref() })
                    .collect::<Vec<_>>(),
                "after_days": self.config.review.after_days,
            }),
        )
    }

    /// The home page's most frequently asked questions, with how often.
    pub(super) fn most_asked_links(&self) -> Vec<PageLink<'a>> {
        self.page_links(&most_asked(self.model, MOST_ASKED_LIMIT))
    }

    /// Open cases per service for the home page (services without open cases left out).
    pub(super) fn open_counts(&self) -> Vec<NamedLink<'a>> {
        open_cases(self.model)
            .into_iter()
            .map(|(g, members)| {
                let group = &self.model.services[g];
                NamedLink {
                    name: &group.name,
                    path: self.target(&urls::service(&group.slug)),
                    count: members.len(),
                }
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::{Page, Status};
    use crate::site::model::SiteModel;
    use crate::site::model::tests::{config, page};
    use chrono::NaiveDate;

    fn case(id: &str, service: &str, status: Status, date: &str) -> Page {
        let mut page = page(id, service, &[], if date.is_empty() { "2000-01-01" } else { date });
        page.front.status = status;
        if date.is_empty() {
            page.front.date = None;
        }
        page
    }

    #[test]
    fn open_cases_are_grouped_by_service_oldest_first() {
        let pages = [
            case("new", "A", Status::Unresolved, "2025-12-01"),
            case("old", "A", Status::Escalated, "2025-10-01"),
            case("undated", "A", Status::Unresolved, ""),
            case("done", "A", Status::Resolved, "2025-12-20"),
            case("unknown", "B", Status::Unknown, "2025-11-01"),
        ];
        let config = config();
        let model = SiteModel::new(&config, pages.iter().collect());
        let open = open_cases(&model);
        assert_eq!(open.len(), 1, "service B has no open case");
        let ids: Vec<&str> = open[0].1.iter().map(|&i| model.pages[i].front.id.as_str()).collect();
        assert_eq!(ids, ["old", "new", "undated"]);
        assert_eq!(newest_date(&model), NaiveDate::from_ymd_opt(2025, 12, 20));
    }
}
