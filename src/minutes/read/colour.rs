//! Which lines a document marks as meeting comments, by colour.
//!
//! Minutes kept in Word or Google Docs colour the meeting's remarks, and a legend line in the
//! preamble says which colour (「オレンジ色の部分は、ミーティング中に挙げられたコメント等です。」).
//! The colour is matched by hue, so the many oranges of different editors are one colour: the
//! one the legend names, else the configured `[import] comment-color`, else orange.

use crate::minutes::line::{Block, Line};

pub use crate::colour::{Rgb, parse_hex};

/// A line as a styled reader produces it: the model line and the colour most of its text has
/// (`None` for the default colour).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Styled {
    pub line: Line,
    pub colour: Option<Rgb>,
}

/// The colour most visible characters of a line have, from its `(text, colour)` pieces. Link
/// text is left out by the readers: links have a colour of their own (Google's blue), which is
/// not the writer's marking.
pub fn dominant<'a>(pieces: impl IntoIterator<Item = (&'a str, Option<Rgb>)>) -> Option<Rgb> {
    let mut counts: Vec<(Option<Rgb>, usize)> = Vec::new();
    for (text, colour) in pieces {
        let n = text.chars().filter(|c| !c.is_whitespace()).count();
        match counts.iter_mut().find(|(c, _)| *c == colour) {
            Some((_, total)) => *total += n,
            None => counts.push((colour, n)),
        }
    }
    counts.into_iter().filter(|&(_, n)| n > 0).max_by_key(|&(_, n)| n).and_then(|(c, _)| c)
}

/// Colours a legend can name, with their hue ranges in degrees (`from > to` wraps past 360).
const FAMILIES: [(&[&str], f64, f64); 7] = [
    (&["オレンジ", "橙", "orange"], 15.0, 50.0),
    (&["赤", "red"], 340.0, 15.0),
    (&["黄", "yellow"], 50.0, 70.0),
    (&["緑", "green"], 70.0, 170.0),
    (&["水色", "シアン", "cyan"], 170.0, 200.0),
    (&["青", "blue"], 200.0, 255.0),
    (&["紫", "ピンク", "purple", "magenta", "pink"], 255.0, 340.0),
];

/// Hue distance within which a configured colour matches.
const CONFIGURED_HUE_TOLERANCE: f64 = 20.0;
/// Colours less saturated than this are greys: never a comment colour.
const MIN_SATURATION: f64 = 0.25;
/// Lines searched for the legend: it sits in the preamble.
const LEGEND_SEARCH_LINES: usize = 60;

/// How the comment colour is recognised.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Matcher {
    Hues(f64, f64),
    Near(f64),
}

impl Matcher {
    fn matches(self, rgb: Rgb) -> bool {
        let Some(hue) = hue(rgb) else { return false };
        match self {
            Matcher::Hues(from, to) if from <= to => (from..to).contains(&hue),
            Matcher::Hues(from, to) => hue >= from || hue < to,
            Matcher::Near(centre) => {
                let d = (hue - centre).abs();
                d.min(360.0 - d) <= CONFIGURED_HUE_TOLERANCE
            }
        }
    }
}

/// The hue in degrees of a saturated enough colour.
fn hue(rgb: Rgb) -> Option<f64> {
    let [r, g, b] = rgb.map(|c| f64::from(c) / 255.0);
    let max = r.max(g).max(b);
    let min = r.min(g).min(b);
    let delta = max - min;
    let lightness = (max + min) / 2.0;
    let saturation = if delta == 0.0 { 0.0 } else { delta / (1.0 - (2.0 * lightness - 1.0).abs()) };
    if saturation < MIN_SATURATION || max < 0.2 {
        return None;
    }
    let h = if max == r {
        60.0 * (((g - b) / delta).rem_euclid(6.0))
    } else if max == g {
        60.0 * ((b - r) / delta + 2.0)
    } else {
        60.0 * ((r - g) / delta + 4.0)
    };
    Some(h)
}

/// The colour family a legend line names: it names a colour and speaks of comments.
fn legend_family(text: &str) -> Option<Matcher> {
    let lower = text.to_lowercase();
    if !(lower.contains("コメント") || lower.contains("comment") || lower.contains("remark")) {
        return None;
    }
    FAMILIES
        .iter()
        .filter_map(|(names, from, to)| {
            let at = names.iter().filter_map(|n| lower.find(n)).min()?;
            Some((at, Matcher::Hues(*from, *to)))
        })
        .min_by_key(|(at, _)| *at)
        .map(|(_, m)| m)
}

/// Marks each line as a comment or not. Without any line in the comment colour the document
/// does not colour its comments, and every mark stays `None` (the text rules decide).
pub fn mark_comments(styled: Vec<Styled>, configured: Option<Rgb>) -> Vec<Line> {
    let matcher = configured.and_then(hue).map(Matcher::Near).unwrap_or_else(|| {
        styled
            .iter()
            .take(LEGEND_SEARCH_LINES)
            .find_map(|s| legend_family(&s.line.text))
            .unwrap_or(Matcher::Hues(15.0, 50.0))
    });
    let coloured: Vec<bool> = styled.iter().map(|s| s.colour.is_some_and(|c| matcher.matches(c))).collect();
    let marks_comments = coloured.iter().any(|&c| c);
    // The level of the coloured list item the following deeper items nest under.
    let mut open_comment_level: Option<usize> = None;
    styled
        .into_iter()
        .zip(coloured)
        .map(|(s, is_coloured)| {
            let mut line = s.line;
            if marks_comments {
                let level = match line.block {
                    Block::ListItem { level, .. } => Some(level),
                    _ => None,
                };
                let nested = matches!((level, open_comment_level), (Some(l), Some(open)) if l > open);
                open_comment_level = match (level, open_comment_level) {
                    // A deeper item keeps the outer coloured item open; anything else closes it.
                    (Some(_), Some(open)) if nested => Some(open),
                    (Some(l), _) if is_coloured => Some(l),
                    _ => None,
                };
                line.comment = Some(is_coloured || nested);
            }
            line
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn styled(text: &str, block: Block, colour: Option<&str>) -> Styled {
        Styled {
            line: Line { number: 1, block, text: text.to_string(), after_blank: false, comment: None },
            colour: colour.and_then(parse_hex),
        }
    }

    fn item(level: usize) -> Block {
        Block::ListItem { level, ordered: false }
    }

    #[test]
    fn hex_colours_and_hues() {
        assert!(Matcher::Hues(15.0, 50.0).matches([0xe6, 0x91, 0x38]));
        assert!(Matcher::Hues(15.0, 50.0).matches([0xff, 0x99, 0x00]));
        assert!(!Matcher::Hues(15.0, 50.0).matches([0x00, 0x00, 0x00]));
        assert!(!Matcher::Hues(15.0, 50.0).matches([0x99, 0x99, 0x99]));
        assert!(Matcher::Hues(340.0, 15.0).matches([0xff, 0x00, 0x00]));
    }

    #[test]
    fn the_legend_names_the_colour() {
        assert_eq!(
            legend_family("オレンジ色の部分は、ミーティング中に挙げられたコメント等です。"),
            Some(Matcher::Hues(15.0, 50.0))
        );
        assert_eq!(
            legend_family("Remarks made in the meeting are in blue."),
            Some(Matcher::Hues(200.0, 255.0))
        );
        assert_eq!(legend_family("赤いエラーが出る"), None);
    }

    #[test]
    fn coloured_lines_and_lines_nested_under_them_are_comments() {
        let lines = mark_comments(
            vec![
                styled("質問", Block::Paragraph, None),
                styled("=>回答", Block::Paragraph, None),
                styled("手順1", Block::ListItem { level: 0, ordered: true }, None),
                styled("コメント", item(0), Some("#e69138")),
                styled("入れ子", item(1), None),
                styled("色つきの地の文", Block::Paragraph, Some("#ff9900")),
                styled("次の質問", Block::Paragraph, Some("#000000")),
            ],
            None,
        );
        let marks: Vec<Option<bool>> = lines.iter().map(|l| l.comment).collect();
        assert_eq!(
            marks,
            [Some(false), Some(false), Some(false), Some(true), Some(true), Some(true), Some(false)]
        );
    }

    #[test]
    fn a_document_without_the_colour_leaves_the_text_rules_in_charge() {
        let lines = mark_comments(vec![styled("- コメント", item(0), Some("#0000ff"))], None);
        assert_eq!(lines[0].comment, None);
        let lines = mark_comments(vec![styled("コメント", item(0), Some("#0000ff"))], parse_hex("#2222ee"));
        assert_eq!(lines[0].comment, Some(true));
    }
}
