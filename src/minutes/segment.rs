//! Segment: cleaned lines of the typed model (`line::Line`, from any reader) → the preamble (roster, meeting date) and support cases grouped by
//! service section.
//!
//! Minutes follow a loose grammar, the same in plain text and Markdown, Japanese and English:
//! a preamble up to the first line naming a service; then per section, cases made of an inquiry
//! (plain lines, maybe `訴え:`/`Q:`), responses (`=>` and the plain lines continuing them),
//! follow-ups (`↓`, `(続き)`, `原因:` …) and the meeting's comments (`- ` bullets; a bare `-`
//! followed by a plain line quotes that line). A plain line after comments, or after a blank line
//! once a case has more than its inquiry, starts the next case. Lines that fit nowhere become
//! notes with their line numbers; nothing is dropped silently.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;

mod comments;
mod inline;
mod listed;
mod marked;
mod numbered;
mod preamble;
mod sections;
mod shape;
mod table;

pub use preamble::{find_date, roster_names};
pub use sections::other_service;
use sections::service_labels;

use super::codes;
use super::line::{Kind, Line, MarkerKind};
use crate::config::{Config, Service};
use crate::diagnostics::Code;

/// A located remark about a line of the minutes (becomes a warning).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    pub line: usize,
    pub code: Code,
    pub message: String,
}

/// A marked paragraph: a response or a follow-up, with the plain lines that continue it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    /// The marker as written (`↓`, `原因?(確証なし)`, `(続き)`); `None` for plain responses.
    pub label: Option<String>,
    /// Whether the label was followed by a colon (`原因:`), so it can be written back the same way.
    pub colon: bool,
    pub lines: Vec<String>,
    /// The input line number of each of `lines` (status reasons cite them).
    pub numbers: Vec<usize>,
}

/// One comment bullet of the meeting.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Comment {
    /// Nesting depth (0 = top level), from the bullets' indentation.
    pub depth: usize,
    /// Empty for a bare `-` that only carries a quotation.
    pub text: String,
    /// Lines quoted under the bullet.
    pub quote: Vec<String>,
    /// The input line number of the bullet.
    pub line: usize,
}

/// One support case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Case {
    pub service: Service,
    pub inquiry: Vec<String>,
    pub answers: Vec<Item>,
    pub follow_ups: Vec<Item>,
    pub comments: Vec<Comment>,
    /// 1-based first and last line of the input that belong to the case.
    pub first_line: usize,
    pub last_line: usize,
}

/// Everything found in one file of minutes.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Minutes {
    /// Names from the roster lines of the preamble (to be redacted everywhere).
    pub roster: Vec<String>,
    /// The meeting date, when the preamble states one.
    pub date: Option<NaiveDate>,
    pub cases: Vec<Case>,
    pub notes: Vec<Note>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Phase {
    Inquiry,
    Answer,
    FollowUp,
    Comments,
}

/// Splits cleaned lines into cases.
pub fn segment(lines: &[Line], config: &Config) -> Minutes {
    // Ways of writing cases that read as the common grammar once rewritten: a table row per
    // case, a list item per case, the service named at the start of a case line.
    let tables = table::expand_case_tables(lines);
    let listed = listed::bullet_inquiries(&tables);
    let inline = inline::split_inline_sections(&listed);
    let lines = &*inline;
    let mut segmenter = Segmenter {
        config,
        services: service_labels(config),
        minutes: Minutes::default(),
        section: None,
        section_level: 0,
        case: None,
        phase: Phase::Inquiry,
        awaiting_quote: false,
        bullet_indents: Vec::new(),
        item_numbers: Vec::new(),
        blank_lines_separate: blank_lines_separate(lines),
        // With services named, a line found by its shape alone must also look like a name: a
        // short unpunctuated inquiry line would too often pass for a heading.
        shaped: shape::shaped_headings(lines, !config.services.is_empty()),
        titles: preamble::meeting_titles(lines),
        pending: Vec::new(),
        case_number: None,
    };
    for line in lines {
        segmenter.line(line);
    }
    segmenter.finish_case();
    if segmenter.section.is_none() && !lines.is_empty() {
        segmenter.minutes.notes.push(Note {
            line: 1,
            code: codes::NO_SECTIONS,
            message: format!(
                "no line names a configured service, so all {} lines were read as preamble and no case was imported; \
                 add the section headings to [[services]] in book.toml",
                lines.len()
            ),
        });
    }
    let mut roster = std::mem::take(&mut segmenter.minutes.roster);
    roster.sort_by(|a, b| b.chars().count().cmp(&a.chars().count()).then(a.cmp(b)));
    roster.dedup();
    segmenter.minutes.roster = roster;
    segmenter.minutes
}

struct Segmenter<'c> {
    config: &'c Config,
    /// Normalised service names and aliases → service, computed once (every short line is
    /// looked up).
    services: HashMap<String, Service>,
    minutes: Minutes,
    /// The current service section; `None` while in the preamble.
    section: Option<Service>,
    /// Heading level of the section (`##` = 2); 0 when a plain line opened it.
    section_level: usize,
    case: Option<Case>,
    phase: Phase,
    /// A bare `-` bullet was just seen: the next plain line is its quotation.
    awaiting_quote: bool,
    /// Indentations of the open bullet levels of the current comment block.
    bullet_indents: Vec<usize>,
    /// Numbers of the open levels of a numbered list in a marked document (`marked`).
    item_numbers: Vec<usize>,
    /// Whether a blank line means something (see `blank_lines_separate`).
    blank_lines_separate: bool,
    /// Numbers of the plain lines whose surroundings make them service headings (`shape`).
    shaped: HashSet<usize>,
    /// Numbers of the headings that title the meeting (`preamble::meeting_titles`).
    titles: HashSet<usize>,
    /// Preamble lines that may be the inquiry of a case before the first heading.
    pending: Vec<(usize, String)>,
    /// The number of the open case when a numbered list item opened it (`numbered`).
    case_number: Option<u32>,
}

impl Segmenter<'_> {
    fn line(&mut self, line: &Line) {
        let kind = line.kind();
        if let Kind::Heading { text, .. } = kind
            && (find_date(text).is_some() || self.titles.contains(&line.number))
        {
            // A dated heading titles a meeting (`# Weekly sync, 14 October 2026`), as does one
            // with the roster under it; never a service: what follows is that meeting's preamble.
            self.finish_case();
            self.section = None;
            self.pending.clear();
            self.preamble(line, &kind);
            return;
        }
        if let Some(service) = self.section_start(&kind) {
            self.finish_case();
            self.section = Some(service);
            self.section_level = if let Kind::Heading { level, .. } = kind { level } else { 0 };
            self.pending.clear();
            return;
        }
        if let Kind::Plain { text } = kind
            && self.shaped.contains(&line.number)
            && (self.section.is_none() || self.case.is_some())
        {
            // Same path as an unknown Markdown heading: the shape says it is a service. The first
            // line under a heading is its first inquiry, however short.
            self.pending.clear();
            self.unknown_heading(line, 0, &shape::strip_format_chars(text));
            return;
        }
        if self.section.is_none() {
            self.preamble(line, &kind);
            return;
        }
        if self.marked_line(line) {
            return;
        }
        match kind {
            Kind::Heading { level, text } if self.section_level > 0 && level > self.section_level => {
                // A sub-heading under a service heading names one case: its first inquiry line.
                self.start_case(line, text);
            }
            Kind::Heading { level, text } => self.unknown_heading(line, level, text),
            Kind::Rule => {}
            Kind::Plain { text } => self.plain(line, text),
            Kind::Quote { text } => {
                if self.phase == Phase::Comments && self.case.is_some() {
                    self.quote(line, text);
                } else {
                    self.plain(line, text);
                }
            }
            Kind::Bullet { indent, text } => self.bullet(line, indent, text),
            Kind::Marker { kind: MarkerKind::Inquiry, label, text } => self.inquiry_marker(line, label, text),
            Kind::Marker { kind: MarkerKind::Response, text, .. } => self.response(line, text),
            Kind::Marker { kind: MarkerKind::FollowUp, label, text } => self.follow_up(line, label, text),
        }
    }

    fn plain(&mut self, line: &Line, text: &str) {
        if self.awaiting_quote {
            self.quote(line, text);
            return;
        }
        let starts_case = match &self.case {
            None => true,
            Some(_) => {
                self.phase == Phase::Comments
                    || (self.blank_lines_separate
                        && line.after_blank
                        && self.phase != Phase::Inquiry
                        && !self.after_connector())
            }
        };
        if starts_case && roster_names(text).is_some() {
            // A roster line where a case could start: the next meeting of a file that holds
            // several. Its preamble is not content, up to the next service heading.
            self.finish_case();
            self.section = None;
            self.pending.clear();
            self.preamble(line, &Kind::Plain { text });
            return;
        }
        if let Some((number, inquiry)) = self.numbered_case(text, starts_case) {
            self.start_case(line, inquiry);
            self.case_number = Some(number);
            return;
        }
        if starts_case {
            self.start_case(line, text);
            return;
        }
        let phase = self.phase;
        let Some(case) = self.case.as_mut() else { return };
        case.last_line = line.number;
        let text = text.to_string();
        match phase {
            Phase::Inquiry => case.inquiry.push(text),
            Phase::Answer => push_to_last(&mut case.answers, text, line.number),
            Phase::FollowUp | Phase::Comments => push_to_last(&mut case.follow_ups, text, line.number),
        }
    }

    /// Whether the last line was a bare `↓` / `(続き)`: it announces what follows, so the next
    /// line continues the case even across a blank line.
    fn after_connector(&self) -> bool {
        self.phase == Phase::FollowUp
            && self.case.as_ref().and_then(|c| c.follow_ups.last()).is_some_and(|item| item.lines.is_empty())
    }

    fn inquiry_marker(&mut self, line: &Line, label: &str, text: &str) {
        let starts_case = match &self.case {
            None => true,
            Some(_) => {
                self.phase == Phase::Comments
                    || (self.blank_lines_separate && line.after_blank && !self.after_connector())
            }
        };
        if starts_case {
            self.start_case(line, text);
        } else {
            // A complaint inside a case: the user's next problem, part of the case's history.
            self.follow_up(line, label, text);
        }
    }

    fn response(&mut self, line: &Line, text: &str) {
        let phase = self.phase;
        let Some(case) = self.case.as_mut() else {
            self.note(line, "a response (`=>`) without an inquiry before it; not imported");
            return;
        };
        case.last_line = line.number;
        let (lines, numbers) = item_text(text, line.number);
        match phase {
            Phase::Inquiry | Phase::Answer => {
                case.answers.push(Item { label: None, colon: false, lines, numbers });
                self.phase = Phase::Answer;
            }
            Phase::FollowUp | Phase::Comments => {
                case.follow_ups.push(Item { label: Some("=>".to_string()), colon: false, lines, numbers });
                self.phase = Phase::FollowUp;
            }
        }
        self.awaiting_quote = false;
    }

    fn follow_up(&mut self, line: &Line, label: &str, text: &str) {
        let Some(case) = self.case.as_mut() else {
            self.note(line, &format!("a follow-up (`{label}`) without a case before it; not imported"));
            return;
        };
        case.last_line = line.number;
        let colon = !is_symbol_label(label);
        let (lines, numbers) = item_text(text, line.number);
        case.follow_ups.push(Item { label: Some(label.to_string()), colon, lines, numbers });
        self.phase = Phase::FollowUp;
        self.awaiting_quote = false;
    }

    fn start_case(&mut self, line: &Line, text: &str) {
        self.finish_case();
        let Some(service) = self.section.clone() else { return };
        self.case = Some(Case {
            service,
            inquiry: if text.is_empty() { Vec::new() } else { vec![text.to_string()] },
            answers: Vec::new(),
            follow_ups: Vec::new(),
            comments: Vec::new(),
            first_line: line.number,
            last_line: line.number,
        });
        self.phase = Phase::Inquiry;
        self.case_number = None;
    }

    fn finish_case(&mut self) {
        self.awaiting_quote = false;
        self.case_number = None;
        self.bullet_indents.clear();
        self.phase = Phase::Inquiry;
        let Some(case) = self.case.take() else { return };
        if case.inquiry.is_empty() {
            self.minutes.notes.push(Note {
                line: case.first_line,
                code: codes::UNPLACED_LINE,
                message: "a case without an inquiry (only a `Q:`/`訴え:` label); not imported".to_string(),
            });
            return;
        }
        self.minutes.cases.push(case);
    }

    fn note(&mut self, line: &Line, message: &str) {
        self.minutes.notes.push(Note {
            line: line.number,
            code: codes::UNPLACED_LINE,
            message: message.to_string(),
        });
    }
}

/// Blank lines separate cases only when they are used sparingly. Some exports put a blank line
/// after every line; there they mean nothing.
fn blank_lines_separate(lines: &[Line]) -> bool {
    let after_blank = lines.iter().filter(|l| l.after_blank).count();
    after_blank * 5 <= lines.len() * 4
}

fn push_to_last(items: &mut Vec<Item>, text: String, number: usize) {
    match items.last_mut() {
        Some(item) => {
            item.lines.push(text);
            item.numbers.push(number);
        }
        None => items.push(Item { label: None, colon: false, lines: vec![text], numbers: vec![number] }),
    }
}

/// The first line of a marked paragraph: none when the marker stands alone (`↓`).
fn item_text(text: &str, number: usize) -> (Vec<String>, Vec<usize>) {
    if text.is_empty() { (Vec::new(), Vec::new()) } else { (vec![text.to_string()], vec![number]) }
}

/// `↓`, `=>`, `(続き)`: markers written without a colon.
fn is_symbol_label(label: &str) -> bool {
    !label.chars().any(char::is_alphanumeric) || label.starts_with(['(', '（'])
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;
    use crate::minutes::clean::clean;
    use std::path::Path;

    fn config() -> Config {
        Config::parse(
            Path::new("."),
            Path::new("book.toml"),
            "[[services]]\nname = \"UTokyo Account\"\nslug = \"utokyo-account\"\n\
             [[services]]\nname = \"Microsoft 365\"\nslug = \"m365\"\n",
        )
        .unwrap_or_else(|e| panic!("{e}"))
    }

    fn run(text: &str) -> Minutes {
        segment(&clean(crate::minutes::read::text::lines(text)).lines, &config())
    }

    /// Text minutes segmented on a site that names no service.
    pub(super) fn without_services(text: &str) -> Minutes {
        let config = Config::parse(Path::new("."), Path::new("book.toml"), "[book]\ntitle = \"t\"\n")
            .unwrap_or_else(|e| panic!("{e}"));
        segment(&clean(crate::minutes::read::text::lines(text)).lines, &config)
    }

    #[test]
    fn preamble_roster_and_date() {
        let m = run(
            "司会:竹内\n書記:金子さん\n参加者:サポーター10名+教職員1名\n2025年12月10日 定例\nUTokyo Account\n問い合わせ\n",
        );
        assert_eq!(m.roster, ["竹内", "金子"]);
        assert_eq!(m.date, NaiveDate::from_ymd_opt(2025, 12, 10));
        assert_eq!(m.cases.len(), 1);
        assert!(m.notes.is_empty(), "{:?}", m.notes);
    }

    #[test]
    fn english_roster_yields_full_names_and_words() {
        assert_eq!(
            roster_names("Attendees: Alice Smith, Bob, 8 supporters, all staff"),
            Some(vec![
                "Alice".to_string(),
                "Smith".to_string(),
                "Alice Smith".to_string(),
                "Bob".to_string()
            ])
        );
        assert_eq!(roster_names("Result: fine"), None);
    }

    #[test]
    fn a_case_has_inquiry_answers_follow_ups_and_comments() {
        let m = run(
            "UTokyo Account\n質問の一行目\n二行目\n=>回答\n回答の続き\n↓ しかし\n原因:古い設定\n- コメント\n-\n引用された行\n- 次\n",
        );
        let case = &m.cases[0];
        assert_eq!(case.inquiry, ["質問の一行目", "二行目"]);
        assert_eq!(
            case.answers,
            [Item {
                label: None,
                colon: false,
                lines: vec!["回答".into(), "回答の続き".into()],
                numbers: vec![4, 5]
            }]
        );
        assert_eq!(case.follow_ups.len(), 2);
        assert_eq!(case.follow_ups[1].label.as_deref(), Some("原因"));
        assert!(case.follow_ups[1].colon && !case.follow_ups[0].colon);
        assert_eq!(case.comments.len(), 3);
        assert_eq!(case.comments[1].quote, ["引用された行"]);
        assert_eq!((case.first_line, case.last_line), (2, 11));
    }

    #[test]
    fn plain_line_after_comments_starts_the_next_case_in_the_same_section() {
        let m = run("Microsoft 365\n一件目\n=>回答\n- コメント\n二件目\n=>回答\nUTokyo Account\n三件目\n");
        let services: Vec<_> = m.cases.iter().map(|c| c.service.slug.as_str()).collect();
        assert_eq!(services, ["m365", "m365", "utokyo-account"]);
    }

    #[test]
    fn a_roster_line_after_comments_starts_the_next_meetings_preamble() {
        let m = run(
            "司会:竹内\nUTokyo Account\n質問\n- コメント\n司会:金子\nお知らせ\nMicrosoft 365\n次の質問\n",
        );
        assert_eq!(m.cases.len(), 2);
        assert_eq!(m.cases[0].last_line, 4);
        assert_eq!(m.cases[1].inquiry, ["次の質問"]);
        assert_eq!(m.roster, ["竹内", "金子"]);
    }

    #[test]
    fn continuation_marker_stays_in_the_same_case() {
        let m = run("UTokyo Account\n質問\n=>回答\n(続き)まだできない\n=>再回答\n");
        assert_eq!(m.cases.len(), 1);
        assert_eq!(m.cases[0].follow_ups.len(), 2);
    }

    #[test]
    fn markdown_headings_blank_lines_and_nested_lists() {
        let m = run(
            "# Minutes\n\nChair: Alice\n\n## Microsoft 365\n\nQ: Office will not install.\n\nA: Update macOS.\n\n- Common.\n  - Since November.\n\nAnother question.\nA: Answer.\n\nA third question.\n",
        );
        assert_eq!(m.cases.len(), 3);
        assert_eq!(m.cases[0].inquiry, ["Office will not install."]);
        let depths: Vec<_> = m.cases[0].comments.iter().map(|c| c.depth).collect();
        assert_eq!(depths, [0, 1]);
        assert_eq!(m.cases[1].answers[0].lines, ["Answer."]);
    }

    #[test]
    fn sub_headings_under_a_service_heading_name_cases() {
        let m = run(
            "## Microsoft 365\n### Office will not install\nOn macOS 10.13.\nA: Update.\n### Teams crashes\n- Known bug.\n## Zoom\nQ: x\n",
        );
        assert_eq!(m.cases.len(), 3);
        assert_eq!(m.cases[0].inquiry, ["Office will not install", "On macOS 10.13."]);
        assert_eq!(m.cases[1].inquiry, ["Teams crashes"]);
        assert_eq!(m.cases[2].service.slug, "zoom");
        assert_eq!(m.notes.len(), 1, "{:?}", m.notes);
    }

    #[test]
    fn exports_with_a_blank_line_after_every_line_segment_alike() {
        let text = "UTokyo Account\n質問\n=>回答\n回答の続き\n↓ しかし\nその続き\n- コメント\n次の質問\n=>次の回答\n";
        let double_spaced = text.replace('\n', "\n\n");
        let cases = |m: Minutes| {
            m.cases
                .into_iter()
                .map(|mut c| {
                    (c.first_line, c.last_line) = (0, 0);
                    for item in c.answers.iter_mut().chain(c.follow_ups.iter_mut()) {
                        item.numbers.clear();
                    }
                    for comment in &mut c.comments {
                        comment.line = 0;
                    }
                    c
                })
                .collect::<Vec<_>>()
        };
        assert_eq!(cases(run(&double_spaced)), cases(run(text)));
        assert_eq!(run(text).cases.len(), 2);
    }

    #[test]
    fn a_heading_with_the_roster_under_it_titles_the_meeting() {
        let m = without_services(
            "# 第18回 定例会 議事録\n日時:2026年12月2日\n場所:オンライン\n出席者:高橋、伊藤\n## Zoom\n録画できない。\n=>設定を案内。\n",
        );
        let services: Vec<&str> = m.cases.iter().map(|c| c.service.name.as_str()).collect();
        assert_eq!(services, ["Zoom"]);
        assert_eq!(m.roster, ["伊藤", "高橋"]);
    }

    #[test]
    fn other_is_always_a_section_and_unknown_headings_are_new_services() {
        let m = run("その他\n質問\n## Zoom\nもう一つ\n");
        assert_eq!(m.cases.len(), 2);
        assert_eq!((m.cases[0].service.slug.as_str(), m.cases[0].service.name.as_str()), ("other", "その他"));
        assert_eq!((m.cases[1].service.slug.as_str(), m.cases[1].service.name.as_str()), ("zoom", "Zoom"));
        assert_eq!(m.notes.len(), 1);
        assert_eq!((m.notes[0].line, m.notes[0].code), (3, codes::UNKNOWN_SECTION));
    }

    #[test]
    fn lines_that_fit_nowhere_are_noted_with_their_line() {
        // (A bullet answered on the next line is an inquiry, `listed`: here nothing answers it.)
        let m = run("UTokyo Account\n=>迷子の回答\n- 迷子のコメント\n");
        let lines: Vec<_> = m.notes.iter().map(|n| n.line).collect();
        assert_eq!(lines, [2, 3]);
        let m = run("議事録\n本文\n");
        assert_eq!(m.notes[0].code, codes::NO_SECTIONS);
    }
}
