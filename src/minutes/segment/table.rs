//! Cases kept as a table, one row per case (`| 日付 | サービス | 内容 | 対応 | 結果 |`), as
//! helpdesks log them in Markdown, Word or Google Docs (the document readers write tables as the
//! same `| a | b |` rows): each row becomes the lines the one segmenter already reads — the
//! service as a heading, the inquiry, `=>` the response, `結果:` the outcome, and every other
//! column as a remark (`- 日付: 12/3`), so nothing in the row is dropped.

use std::borrow::Cow;

use crate::minutes::line::{Block, Line, MarkerKind, fold_label, label_kind};

/// What a column of a case table holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Column {
    Service,
    Inquiry,
    Response,
    Outcome,
    /// Anything else (a date, who took it): kept as a remark.
    Other,
}

/// Header words of case tables (compared folded, `line::fold_label`).
const COLUMNS: [(&str, Column); 36] = [
    ("サービス", Column::Service),
    ("対象サービス", Column::Service),
    ("システム", Column::Service),
    ("対象", Column::Service),
    ("分類", Column::Service),
    ("カテゴリ", Column::Service),
    ("service", Column::Service),
    ("system", Column::Service),
    ("category", Column::Service),
    ("内容", Column::Inquiry),
    ("問い合わせ", Column::Inquiry),
    ("問い合わせ内容", Column::Inquiry),
    ("相談内容", Column::Inquiry),
    ("質問", Column::Inquiry),
    ("症状", Column::Inquiry),
    ("inquiry", Column::Inquiry),
    ("question", Column::Inquiry),
    ("issue", Column::Inquiry),
    ("problem", Column::Inquiry),
    ("対応", Column::Response),
    ("対応内容", Column::Response),
    ("回答", Column::Response),
    ("回答内容", Column::Response),
    ("answer", Column::Response),
    ("response", Column::Response),
    ("action", Column::Response),
    ("結果", Column::Outcome),
    ("結論", Column::Outcome),
    ("状況", Column::Outcome),
    ("状態", Column::Outcome),
    ("ステータス", Column::Outcome),
    ("進捗", Column::Outcome),
    ("result", Column::Outcome),
    ("outcome", Column::Outcome),
    ("status", Column::Outcome),
    ("conclusion", Column::Outcome),
];

/// The lines with every case table written out as cases; borrowed when there is none.
pub fn expand_case_tables(lines: &[Line]) -> Cow<'_, [Line]> {
    let mut out: Option<Vec<Line>> = None;
    let mut heading_level = 1;
    let mut at = 0;
    while at < lines.len() {
        if let Block::Heading { level } = lines[at].block {
            heading_level = level;
        }
        let Some(columns) = case_header(lines, at) else {
            if let Some(out) = out.as_mut() {
                out.push(lines[at].clone());
            }
            at += 1;
            continue;
        };
        let out = out.get_or_insert_with(|| lines[..at].to_vec());
        let header = cells(&lines[at].text).unwrap_or_default();
        // The header and the `| --- |` rule under it are structure, not content.
        at += 2;
        while let Some(row) =
            lines.get(at).filter(|l| l.block == Block::Paragraph).and_then(|l| cells(&l.text))
        {
            write_row(&lines[at], &header, &columns, &row, heading_level, out);
            at += 1;
        }
    }
    out.map_or(Cow::Borrowed(lines), Cow::Owned)
}

/// The roles of the columns when line `at` heads a case table: a header row naming an inquiry
/// column and a response or outcome column, with a `| --- |` rule under it.
fn case_header(lines: &[Line], at: usize) -> Option<Vec<Column>> {
    let header = lines.get(at).filter(|l| l.block == Block::Paragraph)?;
    let rule = lines.get(at + 1).filter(|l| l.block == Block::Paragraph)?;
    let names = cells(&header.text)?;
    let rule_cells = cells(&rule.text)?;
    if rule_cells.len() != names.len() || !rule_cells.iter().all(|c| is_rule_cell(c)) {
        return None;
    }
    let mut seen = Vec::new();
    let columns: Vec<Column> = names
        .iter()
        .map(|name| {
            let folded = fold_label(name.trim_matches(['*', '_']).trim());
            let role = COLUMNS.iter().find_map(|&(word, role)| (word == folded).then_some(role));
            // A role's first column holds it; a second one is kept as a remark.
            match role {
                Some(role) if !seen.contains(&role) => {
                    seen.push(role);
                    role
                }
                _ => Column::Other,
            }
        })
        .collect();
    let answered = seen.contains(&Column::Response) || seen.contains(&Column::Outcome);
    (seen.contains(&Column::Inquiry) && answered).then_some(columns)
}

/// The cells of a table row `| a | b |`, trimmed; `None` for a line that is no row.
fn cells(text: &str) -> Option<Vec<&str>> {
    let inner = text.trim().strip_prefix('|')?;
    let inner = inner.strip_suffix('|').unwrap_or(inner);
    Some(inner.split('|').map(str::trim).collect())
}

/// `---`, `:---:`: a cell of the rule under a Markdown table's header.
fn is_rule_cell(cell: &str) -> bool {
    cell.contains('-') && cell.chars().all(|c| matches!(c, '-' | ':' | ' '))
}

/// One row as the lines of its case (each keeps the row's line number). A row without an
/// inquiry stays as written.
fn write_row(
    row_line: &Line,
    header: &[&str],
    columns: &[Column],
    row: &[&str],
    heading_level: usize,
    out: &mut Vec<Line>,
) {
    let cell = |role: Column| columns.iter().position(|&c| c == role).and_then(|i| row.get(i)).copied();
    let Some(inquiry) = cell(Column::Inquiry).filter(|c| !c.is_empty()) else {
        out.push(row_line.clone());
        return;
    };
    let line =
        |block: Block, text: String, after_blank: bool| Line { block, text, after_blank, ..row_line.clone() };
    if let Some(service) = cell(Column::Service).filter(|c| !c.is_empty()) {
        out.push(line(Block::Heading { level: heading_level }, service.to_string(), true));
    }
    out.push(line(Block::Paragraph, inquiry.to_string(), true));
    if let Some(response) = cell(Column::Response).filter(|c| !c.is_empty()) {
        out.push(line(Block::Paragraph, format!("=> {response}"), false));
    }
    if let Some(outcome) = cell(Column::Outcome).filter(|c| !c.is_empty()) {
        let outcome_at = columns.iter().position(|&c| c == Column::Outcome).unwrap_or_default();
        out.push(line(Block::Paragraph, format!("{}: {outcome}", outcome_label(header, outcome_at)), false));
    }
    for (at, column) in columns.iter().enumerate() {
        let value = row.get(at).copied().unwrap_or_default();
        if *column == Column::Other && !value.is_empty() {
            let name = header.get(at).copied().unwrap_or_default();
            let text = if name.is_empty() { value.to_string() } else { format!("{name}: {value}") };
            out.push(line(Block::ListItem { level: 0, ordered: false }, text, false));
        }
    }
}

/// The follow-up label the outcome column is written with: its own header when that is a
/// follow-up label (`結果`, `Result`), else `結果` / `Result` in the header's script.
fn outcome_label<'a>(header: &[&'a str], at: usize) -> &'a str {
    let name = header.get(at).copied().unwrap_or_default();
    if label_kind(name) == Some(MarkerKind::FollowUp) {
        return name;
    }
    if name.is_ascii() { "Result" } else { "結果" }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::minutes::line::Kind;

    fn is_plain(line: &Line) -> bool {
        matches!(line.kind(), Kind::Plain { .. })
    }

    fn lines(text: &str) -> Vec<Line> {
        crate::minutes::read::text::lines(text)
    }

    #[test]
    fn each_row_of_a_case_table_becomes_a_case() {
        let source = lines(
            "## 今週\n| 日付 | サービス | 内容 | 対応 | 結果 |\n| --- | --- | --- | --- | --- |\n| 12/3 | Zoom | 録画できない。 | 設定を案内。 | 解決 |\n| | UTOL | 課題が出せない。 | | 未解決 |\n",
        );
        let expanded = expand_case_tables(&source);
        let shown: Vec<(Block, &str)> = expanded.iter().map(|l| (l.block, l.text.as_str())).collect();
        let heading = Block::Heading { level: 2 };
        let remark = Block::ListItem { level: 0, ordered: false };
        assert_eq!(
            shown,
            [
                (heading, "今週"),
                (heading, "Zoom"),
                (Block::Paragraph, "録画できない。"),
                (Block::Paragraph, "=> 設定を案内。"),
                (Block::Paragraph, "結果: 解決"),
                (remark, "日付: 12/3"),
                (heading, "UTOL"),
                (Block::Paragraph, "課題が出せない。"),
                (Block::Paragraph, "結果: 未解決"),
            ]
        );
        assert_eq!(expanded[4].number, 4);
        assert!(expanded[2].after_blank && is_plain(&expanded[2]));
    }

    #[test]
    fn other_tables_stay_as_written() {
        for text in [
            "| 日付 | 担当 |\n| --- | --- |\n| 12/3 | 佐藤 |\n",
            "| 内容 | 対応 |\n| 録画できない | 案内 |\n",
            "内容 | 対応\n",
        ] {
            assert!(matches!(expand_case_tables(&lines(text)), Cow::Borrowed(_)), "{text}");
        }
    }
}
