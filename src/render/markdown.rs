//! Markdown body → HTML with pulldown-cmark: CommonMark plus tables, footnotes, strikethrough
//! and task lists; ASCII heading anchors; highlighted fenced code; raw HTML shown as text unless
//! the site trusts its authors (`[build] allow-html`).
//!
//! Link targets are not interpreted here: every link and image destination is handed to the
//! caller's rewriter together with its byte offset in the body, so `links` can resolve it and
//! report problems at the right line.

use std::collections::{HashMap, HashSet};

use pulldown_cmark::{CodeBlockKind, CowStr, Event, Parser, Tag, TagEnd};

use crate::outline::parser_options;
use crate::render::highlight::highlight_code;
use crate::render::raw_html::restyle_urls;
use crate::slug::slugify;

/// What a destination belongs to: a link (`[text](dest)`) or an image (`![alt](src)`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkKind {
    Link,
    Image,
}

/// A rendered body.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RenderedMarkdown {
    pub html: String,
    /// The visible text without markup (for descriptions, feeds and the search index).
    pub text: String,
}

/// Hands out heading anchors: the ASCII slug of the heading text, `-2`, `-3` … for repeats, so
/// anchors are stable (same text, same anchor) and unique within a page. A counter per base
/// anchor keeps this linear: 20,000 identical headings must not rescan from `-2` each time.
#[derive(Debug, Default)]
pub struct AnchorAllocator {
    used: HashSet<String>,
    next_suffix: HashMap<String, usize>,
    /// Candidate anchors tried so far (the test of linearity counts them).
    probes: usize,
}

impl AnchorAllocator {
    pub fn allocate(&mut self, heading_text: &str) -> String {
        let base = slugify(heading_text);
        let mut n = self.next_suffix.get(&base).copied().unwrap_or(1);
        loop {
            self.probes += 1;
            let anchor = if n == 1 { base.clone() } else { format!("{base}-{n}") };
            n += 1;
            if self.used.insert(anchor.clone()) {
                self.next_suffix.insert(base, n);
                return anchor;
            }
        }
    }
}

/// The heading anchors of a body, in order, exactly as `render_markdown` assigns them.
pub fn heading_anchors(body: &str) -> Vec<String> {
    let mut anchors = AnchorAllocator::default();
    crate::outline::outline(body).sections.iter().map(|section| anchors.allocate(&section.title)).collect()
}

/// Renders a body. `anchors` are the ids of its headings, in order ([`heading_anchors`]: the
/// page's outline is the one owner of heading text). `rewrite_link(kind, dest, offset)` returns
/// the destination to use in the HTML (it may report problems on its own); `offset` is the byte
/// offset of the link in `body`. `raw_html_urls` is `None` when raw HTML is shown as text;
/// when it is trusted, raw HTML is passed through with each URL attribute written as
/// `raw_html_urls(url)` returns it ([`restyle_urls`]).
pub fn render_markdown(
    body: &str,
    raw_html_urls: Option<&mut dyn FnMut(&str) -> String>,
    anchors: &[String],
    rewrite_link: &mut dyn FnMut(LinkKind, &str, usize) -> String,
) -> RenderedMarkdown {
    let allow_html = raw_html_urls.is_some();
    let mut trusted_html = raw_html_urls.map(|restyle| TrustedHtml { restyle, block: String::new() });
    let mut events: Vec<Event> = Vec::new();
    let mut anchors = anchors.iter();
    let mut open_code: Option<(String, String)> = None;
    let mut text = String::new();

    for (event, range) in Parser::new_ext(body, parser_options()).into_offset_iter() {
        if let Some(trusted) = trusted_html.as_mut()
            && trusted.take(&event, &mut events)
        {
            continue;
        }
        if let Some((_, code)) = open_code.as_mut() {
            match event {
                Event::Text(t) => code.push_str(&t),
                Event::End(TagEnd::CodeBlock) => {
                    let (lang, code) = open_code.take().unwrap_or_default();
                    text.push_str(&code);
                    events.extend(code_block_events(lang, code));
                }
                _ => {}
            }
            continue;
        }
        match event {
            Event::Start(Tag::Heading { level, classes, attrs, .. }) => {
                let id = anchors.next().map(|anchor| CowStr::from(anchor.clone()));
                events.push(Event::Start(Tag::Heading { level, id, classes, attrs }));
            }
            Event::Start(Tag::CodeBlock(kind)) => {
                let lang = match kind {
                    CodeBlockKind::Fenced(info) => info.split_whitespace().next().unwrap_or("").to_string(),
                    CodeBlockKind::Indented => String::new(),
                };
                open_code = Some((lang, String::new()));
            }
            Event::Text(ref t) | Event::Code(ref t) => {
                text.push_str(t);
                events.push(event);
            }
            Event::SoftBreak
            | Event::HardBreak
            | Event::End(TagEnd::Paragraph | TagEnd::Item | TagEnd::Heading(_)) => {
                text.push('\n');
                events.push(event);
            }
            Event::Html(html) | Event::InlineHtml(html) if !allow_html => {
                text.push_str(&html);
                events.push(Event::Text(html));
            }
            Event::Start(Tag::Link { link_type, dest_url, title, id }) => {
                let dest = rewrite_link(LinkKind::Link, &dest_url, range.start);
                events.push(Event::Start(Tag::Link { link_type, dest_url: dest.into(), title, id }));
            }
            Event::Start(Tag::Image { link_type, dest_url, title, id }) => {
                let dest = rewrite_link(LinkKind::Image, &dest_url, range.start);
                events.push(Event::Start(Tag::Image { link_type, dest_url: dest.into(), title, id }));
            }
            other => events.push(plain_event(other, allow_html)),
        }
    }
    if let Some(trusted) = trusted_html.as_mut() {
        trusted.flush(&mut events);
    }
    let mut html = String::with_capacity(body.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, events.into_iter());
    RenderedMarkdown { html, text: collapse_blank_lines(&text) }
}

/// Trusted raw HTML on its way through: its URL attributes restyled ([`restyle_urls`]), the
/// lines of an HTML block read as one text so a tag may span lines.
struct TrustedHtml<'r> {
    restyle: &'r mut dyn FnMut(&str) -> String,
    block: String,
}

impl TrustedHtml<'_> {
    /// Takes `event` if it is raw HTML (true); otherwise writes out the HTML block it ends.
    fn take(&mut self, event: &Event<'_>, events: &mut Vec<Event<'_>>) -> bool {
        match event {
            Event::Html(html) => self.block.push_str(html),
            Event::InlineHtml(html) => {
                events.push(Event::InlineHtml(restyle_urls(html, self.restyle).into()))
            }
            _ => {
                self.flush(events);
                return false;
            }
        }
        true
    }

    fn flush(&mut self, events: &mut Vec<Event<'_>>) {
        if !self.block.is_empty() {
            events.push(Event::Html(restyle_urls(&std::mem::take(&mut self.block), self.restyle).into()));
        }
    }
}

/// The events that only change form: untrusted HTML blocks become paragraphs of text (shown,
/// not swallowed), and footnote labels ASCII ids kept apart from heading anchors.
fn plain_event(event: Event<'_>, allow_html: bool) -> Event<'_> {
    match event {
        Event::Start(Tag::HtmlBlock) if !allow_html => Event::Start(Tag::Paragraph),
        Event::End(TagEnd::HtmlBlock) if !allow_html => Event::End(TagEnd::Paragraph),
        Event::FootnoteReference(label) => Event::FootnoteReference(footnote_id(&label).into()),
        Event::Start(Tag::FootnoteDefinition(label)) => {
            Event::Start(Tag::FootnoteDefinition(footnote_id(&label).into()))
        }
        other => other,
    }
}

/// A fenced block: highlighted HTML when syntect knows the language, else the block as plain
/// (escaped) code through pulldown-cmark's own writer.
fn code_block_events(lang: String, code: String) -> Vec<Event<'static>> {
    match (!lang.is_empty()).then(|| highlight_code(&lang, &code)).flatten() {
        Some(highlighted) => {
            let class: String =
                lang.chars().filter(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '+')).collect();
            vec![Event::Html(
                format!("<pre class=\"code\"><code class=\"language-{class}\">{highlighted}</code></pre>\n")
                    .into(),
            )]
        }
        None => vec![
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(CowStr::from(String::new())))),
            Event::Text(code.into()),
            Event::End(TagEnd::CodeBlock),
        ],
    }
}

fn footnote_id(label: &str) -> String {
    format!("fn-{}", slugify(label))
}

fn collapse_blank_lines(text: &str) -> String {
    text.lines().map(str::trim).filter(|l| !l.is_empty()).collect::<Vec<_>>().join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// Whatever a page contains, untrusted rendering emits no live script or handler tag.
        #[test]
        fn untrusted_markdown_never_yields_live_html(body in r#"([<>a-z ="'/#*`\[\]()!\n-]|script|onerror|img|あ){0,120}"#) {
            let html = render_markdown(&body, None, &heading_anchors(&body), &mut |_, dest, _| dest.to_string()).html.to_lowercase();
            prop_assert!(!html.contains("<script"), "{}", html);
            prop_assert!(!html.contains("<img src=x"), "{}", html);
        }
    }

    fn render(body: &str, allow_html: bool) -> RenderedMarkdown {
        let mut keep = |url: &str| url.to_string();
        let raw_html_urls = allow_html.then_some(&mut keep as &mut dyn FnMut(&str) -> String);
        render_markdown(body, raw_html_urls, &heading_anchors(body), &mut |_, dest, _| dest.to_string())
    }

    #[test]
    fn extensions_are_on() {
        let html =
            render("|a|b|\n|-|-|\n|1|2|\n\n~~old~~\n\n- [x] done\n\nx[^1]\n\n[^1]: note\n", false).html;
        assert!(html.contains("<table>"), "{html}");
        assert!(html.contains("<del>old</del>"), "{html}");
        assert!(html.contains("type=\"checkbox\""), "{html}");
        assert!(html.contains("<div class=\"footnote-definition\" id=\"fn-1\">"), "{html}");
        assert!(html.contains("<a href=\"#fn-1\">1</a>"), "{html}");
    }

    #[test]
    fn japanese_headings_get_stable_unique_ascii_anchors() {
        let body = "## 問い合わせ\n\n## 問い合わせ\n\n## Microsoft 365\n";
        let anchors = heading_anchors(body);
        assert!(anchors[0].is_ascii() && anchors[0].starts_with("t-"), "{anchors:?}");
        assert_eq!(anchors[1], format!("{}-2", anchors[0]));
        assert_eq!(anchors[2], "microsoft-365");
        let html = render(body, false).html;
        for anchor in &anchors {
            assert!(html.contains(&format!("<h2 id=\"{anchor}\">")), "{html}");
        }
    }

    /// Every heading form (setext, inline markup in the text) gets the anchor the outline gives
    /// it, so links checked against the outline land on the rendered heading.
    #[test]
    fn headings_carry_the_anchors_of_the_outline() {
        let body = "Question *one*\n===\n\ntext\n\n### `code` and <b>html</b>\n";
        let anchors = heading_anchors(body);
        assert_eq!(anchors.len(), 2);
        let html = render(body, false).html;
        assert!(html.contains(&format!("<h1 id=\"{}\">", anchors[0])), "{html}");
        assert!(html.contains(&format!("<h3 id=\"{}\">", anchors[1])), "{html}");
    }

    #[test]
    fn raw_html_is_text_unless_allowed() {
        let body = "<script>alert(1)</script>\n\nhi <img src=x onerror=alert(1)>\n";
        let escaped = render(body, false).html;
        assert!(!escaped.contains("<script>") && !escaped.contains("<img"), "{escaped}");
        assert!(escaped.contains("&lt;script&gt;"), "{escaped}");
        let trusted = render(body, true).html;
        assert!(trusted.contains("<script>"), "{trusted}");
    }

    #[test]
    fn fenced_code_is_highlighted_or_escaped() {
        let html = render("```rust\nfn main() {}\n```\n", false).html;
        assert!(html.contains("class=\"language-rust\"") && html.contains("hl-"), "{html}");
        let plain = render("```nolang\n<b>x</b>\n```\n", false).html;
        assert!(plain.contains("&lt;b&gt;x&lt;/b&gt;"), "{plain}");
    }

    #[test]
    fn links_and_images_go_through_the_rewriter_with_offsets() {
        let mut seen = Vec::new();
        let out = render_markdown("a\n\n[x](b.md#c) ![i](p.png)\n", None, &[], &mut |kind, dest, offset| {
            seen.push((kind, dest.to_string(), offset));
            format!("NEW-{dest}")
        });
        assert_eq!(
            seen,
            vec![(LinkKind::Link, "b.md#c".to_string(), 3), (LinkKind::Image, "p.png".to_string(), 15)]
        );
        assert!(out.html.contains("href=\"NEW-b.md#c\""), "{}", out.html);
    }

    #[test]
    fn text_drops_markup() {
        let out = render("## 見出し\n\n本文 **太字** `code`\n", false);
        assert_eq!(out.text, "見出し\n本文 太字 code");
    }
    #[test]
    fn repeated_headings_allocate_anchors_in_linear_time() {
        let mut anchors = AnchorAllocator::default();
        let n = 20_000;
        for _ in 0..n {
            anchors.allocate("same");
        }
        // A heading that collides with a generated suffix still gets a fresh anchor.
        assert_eq!(anchors.allocate("same 2"), "same-2-2");
        assert_eq!(anchors.allocate("same"), format!("same-{}", n + 1));
        assert!(anchors.probes <= 2 * n + 10, "{} probes for {n} headings", anchors.probes);
    }
}
