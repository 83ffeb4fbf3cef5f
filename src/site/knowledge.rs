//! Knowledge-base pages beyond the FAQ listings: `known-issues.html` (every open case, by
//! service, oldest first) and the open-case counts on the home page.
//!
//! Ages are counted from a page's `date` to the newest page's date, never to the clock, so the
//! same content always builds the same site.

use chrono::NaiveDate;
use serde::Serialize;
use tera::Context;

use crate::content::Status;
use crate::diagnostics::Diagnostic;
use crate::site::model::SiteModel;
use crate::site::output::OutputFile;
use crate::site::pages::{NamedLink, PageLink, Renderer, service_path};

/// Path of the known-issues page.
pub const KNOWN_ISSUES_PATH: &str = "known-issues.html";

/// Whether a case is still open: nobody has recorded a final outcome that solved it.
pub fn is_open(status: Status) -> bool {
    matches!(status, Status::Unresolved | Status::Escalated)
}

/// The newest date of any page: the "today" of the site, for ages.
pub fn newest_date(model: &SiteModel) -> Option<NaiveDate> {
    model.pages.iter().filter_map(|p| p.date).max()
}

/// Open cases per service group (indexes into `model.services`), oldest first (undated last,
/// then by id); services without open cases are left out.
pub fn open_cases(model: &SiteModel) -> Vec<(usize, Vec<usize>)> {
    model
        .services
        .iter()
        .enumerate()
        .filter_map(|(g, group)| {
            let mut open: Vec<usize> =
                group.members.iter().copied().filter(|&i| is_open(model.pages[i].status)).collect();
            open.sort_by(|&a, &b| {
                let (pa, pb) = (model.pages[a], model.pages[b]);
                let key = |d: Option<NaiveDate>| (d.is_none(), d);
                key(pa.date).cmp(&key(pb.date)).then_with(|| pa.id.cmp(&pb.id))
            });
            (!open.is_empty()).then_some((g, open))
        })
        .collect()
}

#[derive(Serialize)]
struct OpenCase<'a> {
    #[serde(flatten)]
    link: PageLink<'a>,
    /// Days from the page's date to the newest page's date; `None` when undated.
    age_days: Option<i64>,
}

#[derive(Serialize)]
struct ServiceIssues<'a> {
    name: &'a str,
    path: String,
    pages: Vec<OpenCase<'a>>,
}

impl<'a> Renderer<'a> {
    /// `known-issues.html`.
    pub fn known_issues(&self) -> Result<OutputFile, Diagnostic> {
        let newest = newest_date(self.model);
        let services: Vec<ServiceIssues> = open_cases(self.model)
            .into_iter()
            .map(|(g, members)| {
                let group = &self.model.services[g];
                ServiceIssues {
                    name: &group.name,
                    path: service_path(&group.slug),
                    pages: members
                        .into_iter()
                        .map(|i| OpenCase {
                            link: self.page_link(i),
                            age_days: newest
                                .zip(self.model.pages[i].date)
                                .map(|(newest, date)| (newest - date).num_days()),
                        })
                        .collect(),
                }
            })
            .collect();
        let total: usize = services.iter().map(|s| s.pages.len()).sum();
        let mut context = Context::new();
        context.insert(
            "known_issues",
            &serde_json::json!({
                "services": services,
                "total": total,
                "as_of": newest.map(|d| d.to_string()).unwrap_or_default(),
            }),
        );
        self.render("known-issues.html", KNOWN_ISSUES_PATH.to_string(), context)
    }

    /// Open cases per service for the home page (services without open cases left out).
    pub(super) fn open_counts(&self) -> Vec<NamedLink<'a>> {
        open_cases(self.model)
            .into_iter()
            .map(|(g, members)| {
                let group = &self.model.services[g];
                NamedLink { name: &group.name, path: service_path(&group.slug), count: members.len() }
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::Page;
    use crate::site::model::tests::{config, page};

    fn case(id: &str, service: &str, status: Status, date: &str) -> Page {
        let mut page = page(id, service, &[], if date.is_empty() { "2000-01-01" } else { date });
        page.status = status;
        if date.is_empty() {
            page.date = None;
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
        let ids: Vec<&str> = open[0].1.iter().map(|&i| model.pages[i].id.as_str()).collect();
        assert_eq!(ids, ["old", "new", "undated"]);
        assert_eq!(newest_date(&model), NaiveDate::from_ymd_opt(2025, 12, 20));
    }
}
