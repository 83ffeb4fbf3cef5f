//! The site's structure, computed once from the published pages: listing order, groups per
//! service, tag and status, previous/next within a service, related pages. Pure and
//! deterministic: every order is fully specified (date, then id), nothing depends on hashing.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use rayon::prelude::*;
use serde::Serialize;

use crate::config::Config;
use crate::content::{Page, Status};

/// How many related pages a FAQ page shows.
pub const RELATED_LIMIT: usize = 5;
/// How many pages the home page lists as recently added.
pub const RECENT_LIMIT: usize = 10;

/// A group of pages (a service or a tag), in listing order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Group {
    pub name: String,
    pub slug: String,
    /// Indexes into `SiteModel::pages`, in listing order.
    pub members: Vec<usize>,
}

#[derive(Debug)]
pub struct SiteModel<'a> {
    /// Published pages, sorted by id.
    pub pages: Vec<&'a Page>,
    /// Tag slugs of each page (deduplicated, in the page's order).
    pub page_tags: Vec<Vec<String>>,
    /// Configured services first (in book.toml order, even when empty), then any other service
    /// a page uses, by slug.
    pub services: Vec<Group>,
    /// Tags used by at least one page, by slug.
    pub tags: Vec<Group>,
    /// Members of each status, in `Status::ALL` order.
    pub statuses: Vec<(Status, Vec<usize>)>,
    /// All pages in listing order: newest first, undated last, then by id.
    pub listing_order: Vec<usize>,
    /// Previous and next page within the page's service, per page.
    pub neighbours: Vec<(Option<usize>, Option<usize>)>,
    /// Related pages, per page.
    pub related: Vec<Vec<usize>>,
    /// How often each page's question was asked, with the known dates (`asked`).
    pub asked: Vec<Asked>,
}

impl<'a> SiteModel<'a> {
    pub fn new(config: &Config, pages: Vec<&'a Page>) -> SiteModel<'a> {
        let listing_order = listing_order(&pages);
        let page_tags: Vec<Vec<String>> = pages
            .iter()
            .map(|p| {
                let mut slugs: Vec<String> = Vec::new();
                for tag in &p.front.tags {
                    let slug = config.tag_slug(tag);
                    if !slugs.contains(&slug) {
                        slugs.push(slug);
                    }
                }
                slugs
            })
            .collect();
        let services = service_groups(config, &pages, &listing_order);
        let tags = tag_groups(config, &pages, &listing_order);
        let statuses = Status::ALL
            .iter()
            .map(|&s| (s, listing_order.iter().copied().filter(|&i| pages[i].front.status == s).collect()))
            .collect();
        let neighbours = neighbours(pages.len(), &services);
        let by_tags = related_pages(&pages, &page_tags, &tags, &services, &listing_order);
        let related = related_by_content(&pages, by_tags);
        let asked = asked(&pages);
        SiteModel { pages, page_tags, services, tags, statuses, listing_order, neighbours, related, asked }
    }

    pub fn recent(&self) -> &[usize] {
        &self.listing_order[..self.listing_order.len().min(RECENT_LIMIT)]
    }
}

/// A model without its pages, for `serve` to keep between renders (it edits pages in place, so
/// a kept model cannot borrow them). Valid for pages whose [`outward`] views are unchanged.
#[derive(Debug)]
pub struct Structure {
    page_tags: Vec<Vec<String>>,
    services: Vec<Group>,
    tags: Vec<Group>,
    statuses: Vec<(Status, Vec<usize>)>,
    listing_order: Vec<usize>,
    neighbours: Vec<(Option<usize>, Option<usize>)>,
    related: Vec<Vec<usize>>,
    asked: Vec<Asked>,
}

impl<'a> SiteModel<'a> {
    /// The model's structure, letting go of its pages.
    pub fn detach(self) -> Structure {
        let SiteModel {
            pages: _,
            page_tags,
            services,
            tags,
            statuses,
            listing_order,
            neighbours,
            related,
            asked,
        } = self;
        Structure { page_tags, services, tags, statuses, listing_order, neighbours, related, asked }
    }
}

impl Structure {
    /// The model of `pages` with this structure; `Err` (giving the structure back) when it was
    /// computed for another number of pages.
    pub fn attach(self: Box<Self>, pages: Vec<&Page>) -> Result<SiteModel<'_>, Box<Structure>> {
        if pages.len() != self.listing_order.len() {
            return Err(self);
        }
        let Structure { page_tags, services, tags, statuses, listing_order, neighbours, related, asked } =
            *self;
        Ok(SiteModel {
            pages,
            page_tags,
            services,
            tags,
            statuses,
            listing_order,
            neighbours,
            related,
            asked,
        })
    }
}

/// What the site shows of a page anywhere but on its own page and in the search index: every
/// front-matter value, and the parts of its body the model reads (the inquiry, for related
/// pages; occurrences merged into it, for the asked count). Two versions of a page with equal
/// views may differ only on the page itself and in its search document. Fields are listed
/// without `..`, so a new field of `Page` must be placed here or among the excluded ones.
pub fn outward(page: &Page) -> impl PartialEq + '_ {
    let Page {
        path,
        rel_path,
        // Every front-matter value, `status_reason` included (shown beside the page on
        // review.html).
        front,
        service_slug,
        // Only the page's own render reads these (and its link targets, compared apart).
        body: _,
        body_line: _,
        key_lines: _,
    } = page;
    let inquiry = crate::similar::page_document(page).inquiry;
    let merged = crate::content::merged_occurrences(&page.body);
    ((path, rel_path, front, service_slug), (inquiry, merged))
}

fn listing_order(pages: &[&Page]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..pages.len()).collect();
    order.sort_by(|&a, &b| {
        let (pa, pb) = (pages[a], pages[b]);
        pb.front.date.cmp(&pa.front.date).then_with(|| pa.front.id.cmp(&pb.front.id))
    });
    order
}

fn service_groups(config: &Config, pages: &[&Page], order: &[usize]) -> Vec<Group> {
    let mut groups: Vec<Group> = config
        .services
        .iter()
        .map(|s| Group { name: s.name.clone(), slug: s.slug.clone(), members: Vec::new() })
        .collect();
    let mut others: BTreeMap<String, Group> = BTreeMap::new();
    for &i in order {
        let page = pages[i];
        match groups.iter_mut().find(|g| g.slug == page.service_slug) {
            Some(group) => group.members.push(i),
            None => others
                .entry(page.service_slug.clone())
                .or_insert_with(|| Group {
                    name: page.front.service.clone(),
                    slug: page.service_slug.clone(),
                    members: Vec::new(),
                })
                .members
                .push(i),
        }
    }
    groups.extend(others.into_values());
    groups
}

fn tag_groups(config: &Config, pages: &[&Page], order: &[usize]) -> Vec<Group> {
    let mut groups: BTreeMap<String, Group> = BTreeMap::new();
    for &i in order {
        // Slug per spelling: `page_tags` is deduplicated, so it does not line up with `tags`.
        for name in &pages[i].front.tags {
            let slug = config.tag_slug(name);
            let group = groups.entry(slug.clone()).or_insert_with(|| Group {
                name: crate::content::tags::display_name(config, &slug, name),
                slug: slug.clone(),
                members: Vec::new(),
            });
            if group.members.last() != Some(&i) {
                group.members.push(i);
            }
        }
    }
    groups.into_values().collect()
}

fn neighbours(count: usize, services: &[Group]) -> Vec<(Option<usize>, Option<usize>)> {
    let mut out = vec![(None, None); count];
    for group in services {
        for (pos, &i) in group.members.iter().enumerate() {
            let prev = pos.checked_sub(1).map(|p| group.members[p]);
            let next = group.members.get(pos + 1).copied();
            out[i] = (prev, next);
        }
    }
    out
}

/// Added to the similarity of a page of the same service, so it wins over a page of another
/// service that is about as similar.
const SAME_SERVICE_BONUS: f64 = 0.1;

/// Up to `RELATED_LIMIT` pages per page by content similarity (`crate::similar`), preferring the
/// same service; pages related by tags and service (`by_tags`) fill the remaining places.
fn related_by_content(pages: &[&Page], by_tags: Vec<Vec<usize>>) -> Vec<Vec<usize>> {
    let docs: Vec<crate::similar::Document> =
        pages.iter().map(|p| crate::similar::page_document(p)).collect();
    let corpus = crate::similar::Corpus::new(&docs);
    by_tags
        .into_par_iter()
        .enumerate()
        .map(|(i, fallback)| {
            let same_service = |j: usize| {
                if pages[j].service_slug == pages[i].service_slug { SAME_SERVICE_BONUS } else { 0.0 }
            };
            let mut related = corpus.related(i, RELATED_LIMIT, same_service);
            for j in fallback {
                if related.len() >= RELATED_LIMIT {
                    break;
                }
                if !related.contains(&j) {
                    related.push(j);
                }
            }
            related
        })
        .collect()
}

/// Up to `RELATED_LIMIT` pages per page, scored 2 per shared tag plus 1 for the same service;
/// ties go to the page listed first. Pages of the same service fill up when too few share a
/// tag. Scores are accumulated in a dense per-thread scratch array, touching only candidates.
/// How many neighbours (in listing order) of a page each of its tags and its service offer as
/// candidates. Bounds the work per page, so related pages stay linear in the site size (scoring
/// every page sharing a tag is quadratic: a common tag on a large site has thousands of pages).
const RELATED_WINDOW: usize = 64;

/// Up to `RELATED_LIMIT` pages per page, scored 2 per shared tag plus 1 for the same service.
/// Candidates are the pages nearest in listing order (that is, in time) within each of the page's
/// tags and its service; ties go to the nearest, then the newest.
///
/// Worked out in listing positions (`order[pos]` is the page), visiting pages in listing order:
/// a page's candidates are its neighbours in listing order, so consecutive pages share most of
/// them and what scoring reads stays in the cache however large the site. By page number, it
/// read tags and ranks from all over memory: at 100,000 pages 17 × the 10,000-page time.
fn related_pages(
    pages: &[&Page],
    page_tags: &[Vec<String>],
    tags: &[Group],
    services: &[Group],
    order: &[usize],
) -> Vec<Vec<usize>> {
    let n = pages.len();
    let mut rank = vec![0usize; n];
    for (pos, &i) in order.iter().enumerate() {
        rank[i] = pos;
    }
    // Members are in listing order, so their positions ascend.
    let positions = |groups: &[Group]| -> Vec<Vec<usize>> {
        groups.iter().map(|g| g.members.iter().map(|&i| rank[i]).collect()).collect()
    };
    let (tag_members, service_members) = (positions(tags), positions(services));
    let mut service_at = vec![0usize; n];
    for (g, members) in service_members.iter().enumerate() {
        for &pos in members {
            service_at[pos] = g;
        }
    }
    let tag_index: BTreeMap<&str, usize> =
        tags.iter().enumerate().map(|(t, g)| (g.slug.as_str(), t)).collect();
    let tags_at: Vec<Vec<usize>> = order
        .iter()
        .map(|&i| page_tags[i].iter().filter_map(|s| tag_index.get(s.as_str()).copied()).collect())
        .collect();
    let window = |members: &[usize], pos: usize| -> std::ops::Range<usize> {
        let at = members.binary_search(&pos).unwrap_or_else(|p| p);
        let start = at.saturating_sub(RELATED_WINDOW / 2);
        start..(start + RELATED_WINDOW + 1).min(members.len())
    };
    let by_position: Vec<Vec<usize>> = (0..n)
        .into_par_iter()
        .map(|p| {
            let groups = tags_at[p].iter().map(|&t| &tag_members[t]).chain([&service_members[service_at[p]]]);
            let mut candidates: Vec<usize> = groups
                .flat_map(|members| members[window(members, p)].iter().copied())
                .filter(|&q| q != p)
                .collect();
            candidates.sort_unstable();
            candidates.dedup();
            let score = |q: usize| {
                let shared = tags_at[q].iter().filter(|t| tags_at[p].contains(t)).count();
                2 * shared + usize::from(service_at[q] == service_at[p])
            };
            let mut scored: Vec<(usize, usize, usize)> =
                candidates.into_iter().map(|q| (usize::MAX - score(q), p.abs_diff(q), q)).collect();
            if scored.len() > RELATED_LIMIT {
                scored.select_nth_unstable(RELATED_LIMIT);
                scored.truncate(RELATED_LIMIT);
            }
            scored.sort_unstable();
            // Collected from a borrowing iterator: `into_iter().map().collect()` would reuse the
            // candidates' whole allocation for these five numbers, per page.
            scored.iter().map(|&(_, _, q)| order[q]).collect()
        })
        .collect();
    let mut related = vec![Vec::new(); n];
    for (pos, pages) in by_position.into_iter().enumerate() {
        related[order[pos]] = pages;
    }
    related
}

/// How often a page's question came up: the page itself, later pages that name it in `recurs`,
/// and occurrences merged into it by `import --merge`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Asked {
    pub count: usize,
    /// The known dates, oldest first.
    pub dates: Vec<String>,
}

/// `Asked` for every page.
pub fn asked(pages: &[&Page]) -> Vec<Asked> {
    let index: std::collections::HashMap<&str, usize> =
        pages.iter().enumerate().map(|(i, p)| (p.front.id.as_str(), i)).collect();
    let mut dates: Vec<Vec<Option<NaiveDate>>> = pages
        .iter()
        .map(|p| {
            let mut dates = vec![p.front.date];
            dates.extend(crate::content::merged_occurrences(&p.body));
            dates
        })
        .collect();
    for page in pages {
        let mut named: Vec<&str> = page.front.recurs.iter().map(String::as_str).collect();
        named.sort_unstable();
        named.dedup();
        for original in named.into_iter().filter_map(|id| index.get(id)) {
            if pages[*original].front.id != page.front.id {
                dates[*original].push(page.front.date);
            }
        }
    }
    dates
        .into_iter()
        .map(|all| {
            let mut known: Vec<NaiveDate> = all.iter().flatten().copied().collect();
            known.sort_unstable();
            Asked { count: all.len(), dates: known.iter().map(ToString::to_string).collect() }
        })
        .collect()
}

/// Pages asked more than once, most often first (then newest, then by id); at most `limit`.
pub fn most_asked(model: &SiteModel, limit: usize) -> Vec<usize> {
    let mut asked: Vec<usize> = (0..model.pages.len()).filter(|&i| model.asked[i].count > 1).collect();
    asked.sort_by(|&a, &b| {
        let (pa, pb) = (model.pages[a], model.pages[b]);
        model.asked[b]
            .count
            .cmp(&model.asked[a].count)
            .then(pb.front.date.cmp(&pa.front.date))
            .then(pa.front.id.cmp(&pb.front.id))
    });
    asked.truncate(limit);
    asked
}

/// Whether a case is still open: nobody has recorded a final outcome that solved it.
pub fn is_open(status: Status) -> bool {
    matches!(status, Status::Unresolved | Status::Escalated)
}

/// The newest date of any page: the "today" of the site, for ages.
pub fn newest_date(model: &SiteModel) -> Option<NaiveDate> {
    model.pages.iter().filter_map(|p| p.front.date).max()
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
                group.members.iter().copied().filter(|&i| is_open(model.pages[i].front.status)).collect();
            open.sort_by(|&a, &b| {
                let (pa, pb) = (model.pages[a], model.pages[b]);
                let key = |d: Option<NaiveDate>| (d.is_none(), d);
                key(pa.front.date).cmp(&key(pb.front.date)).then_with(|| pa.front.id.cmp(&pb.front.id))
            });
            (!open.is_empty()).then_some((g, open))
        })
        .collect()
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use std::path::Path;

    pub(crate) fn config() -> Config {
        Config::parse(
            Path::new("s"),
            Path::new("s/book.toml"),
            "[[services]]\nname = \"A\"\nslug = \"a\"\n[[services]]\nname = \"B\"\nslug = \"b\"\n[[services]]\nname = \"Empty\"\nslug = \"empty\"\n",
        )
        .unwrap()
    }

    pub(crate) fn page(id: &str, service: &str, tags: &[&str], date: &str) -> Page {
        let text = format!(
            "---\nid: {id}\ntitle: {id}\nservice: {service}\ntags: [{}]\nstatus: resolved\ndate: {date}\n---\nbody\n",
            tags.join(", ")
        );
        crate::content::parse_page(&config(), Path::new("x.md"), "x.md", &text).unwrap()
    }

    #[test]
    fn groups_and_orders_are_deterministic() {
        let pages = [
            page("p1", "A", &["vpn", "mfa"], "2025-01-01"),
            page("p2", "A", &["vpn"], "2025-03-01"),
            page("p3", "B", &["mfa", "vpn"], "2025-02-01"),
            page("p4", "B", &[], "2024-01-01"),
        ];
        let config = config();
        let model = SiteModel::new(&config, pages.iter().collect());
        let ids =
            |members: &[usize]| members.iter().map(|&i| model.pages[i].front.id.as_str()).collect::<Vec<_>>();
        assert_eq!(ids(&model.listing_order), ["p2", "p3", "p1", "p4"]);
        let slugs: Vec<_> = model.services.iter().map(|g| g.slug.as_str()).collect();
        assert_eq!(slugs, ["a", "b", "empty"]);
        assert_eq!(ids(&model.services[0].members), ["p2", "p1"]);
        assert_eq!(model.neighbours[0], (Some(1), None), "p1 follows p2 within service A");
        assert_eq!(ids(&model.tags.iter().find(|t| t.slug == "vpn").unwrap().members), ["p2", "p3", "p1"]);
        let by_tags =
            related_pages(&model.pages, &model.page_tags, &model.tags, &model.services, &model.listing_order);
        // p1 shares two tags with p3 (score 4) and one tag and the service with p2 (score 3).
        assert_eq!(ids(&by_tags[0]), ["p3", "p2"]);
        // p4 shares no tag: its service fills in.
        assert_eq!(ids(&by_tags[3]), ["p3"]);
        // By content every page is alike (same body): the same service wins, then listing index.
        assert_eq!(ids(&model.related[0]), ["p2", "p3", "p4"]);
    }

    #[test]
    fn related_pages_are_similar_in_content_never_the_page_itself() {
        let texts = [
            ("mail", "A", "Outlook でメールが送信できない"),
            ("print", "A", "研究室のプリンターで両面印刷ができない"),
            ("mail-b", "B", "Outlook からメールを送信できなくなった"),
            ("mail-a", "A", "Outlook のメールが送信エラーになる"),
        ];
        let pages: Vec<Page> = texts
            .iter()
            .map(|&(id, service, text)| {
                let mut p = page(id, service, &[], "2025-01-01");
                p.front.title = text.to_string();
                p.body = format!("## 問い合わせ\n\n{text}\n");
                p
            })
            .collect();
        let config = config();
        let model = SiteModel::new(&config, pages.iter().collect());
        let ids =
            |members: &[usize]| members.iter().map(|&i| model.pages[i].front.id.as_str()).collect::<Vec<_>>();
        let mail = model.pages.iter().position(|p| p.front.id == "mail").unwrap();
        let related = ids(&model.related[mail]);
        assert_eq!(&related[..2], ["mail-a", "mail-b"], "similar first, same service preferred");
        assert!(!related.contains(&"mail"));
    }
}
