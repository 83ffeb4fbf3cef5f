//! Cases written as a numbered list (`1. A student says …`, `2. …`), the answer and remarks in
//! bullets nested under each item. A numbered line opens a case when it stands where a case
//! starts, or when it carries on the numbering of the case it follows; other numbered lines
//! (the steps of a response: `=>次の手順を…` / `1. …`) stay lines of what they follow.

use super::Segmenter;
use crate::minutes::line::numbered_item;

impl Segmenter<'_> {
    /// The number and inquiry of a numbered line that opens a case: where any line would
    /// (`starts_case`), or carrying on the numbering of the open case. `None` for other lines.
    pub(super) fn numbered_case<'t>(&self, text: &'t str, starts_case: bool) -> Option<(u32, &'t str)> {
        let (number, inquiry) = numbered_item(text)?;
        let carries_on = self.case_number.is_some_and(|open| number == open + 1);
        (starts_case || carries_on).then_some((number, inquiry))
    }
}

#[cfg(test)]
mod tests {
    use crate::minutes::segment::tests::without_services as run;

    #[test]
    fn numbered_items_with_labelled_bullets_are_cases() {
        let m = run(
            "# Sync, 14 October 2026\n\n**Zoom**\n\n1. The app signs out.\n   - Answer: told them to use SSO.\n   - Note: common.\n2. Recordings are missing.\n   - Answer: forwarded to the media team.\n",
        );
        let cases: Vec<(&str, &[String], usize, usize)> = m
            .cases
            .iter()
            .map(|c| (c.service.name.as_str(), c.inquiry.as_slice(), c.answers.len(), c.comments.len()))
            .collect();
        assert_eq!(
            cases,
            [
                ("Zoom", &["The app signs out.".to_string()][..], 1, 1),
                ("Zoom", &["Recordings are missing.".to_string()][..], 1, 0)
            ]
        );
        assert_eq!(m.cases[0].answers[0].lines, ["told them to use SSO."]);
        assert_eq!(m.date, chrono::NaiveDate::from_ymd_opt(2026, 10, 14));
    }

    #[test]
    fn numbered_steps_of_a_response_stay_in_it() {
        let m =
            run("## Teams\n画面が真っ白になる。\n=>次の手順をお伝えしました。\n1. 終了する\n2. 削除する\n");
        assert_eq!(m.cases.len(), 1);
        assert_eq!(m.cases[0].answers[0].lines, ["次の手順をお伝えしました。", "1. 終了する", "2. 削除する"]);
    }

    #[test]
    fn a_numbered_case_ends_where_the_numbering_carries_on() {
        let m = run(
            "## VPN\n1. つながらない。\n   - 回答: 次を案内。\n1. 再起動\n2. 切れる。\n   - 回答: 調査中。\n",
        );
        let inquiries: Vec<&[String]> = m.cases.iter().map(|c| c.inquiry.as_slice()).collect();
        assert_eq!(inquiries, [&["つながらない。".to_string()][..], &["切れる。".to_string()][..]]);
        assert_eq!(m.cases[0].answers[0].lines, ["次を案内。", "1. 再起動"]);
    }
}
