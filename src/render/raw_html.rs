//! URLs inside the raw HTML of a trusted page (`[build] allow-html`): every attribute that holds
//! one is handed to the caller, which writes it in the page's link style, so a raw `<a href>` or
//! `<img src>` in the single file is a route or a `data:` URL like a Markdown link, at render
//! time. Tags are read by lol_html's tokenizer: a tag whose URL changes is written anew (its
//! other attributes in their order and quotes, one space apart), every other byte is kept as
//! written (other tags, comments, entities).

use std::borrow::Cow;

use lol_html::html_content::Element;
use lol_html::{ElementContentHandlers, RewriteStrSettings, Selector, rewrite_str};

/// Attributes whose value is one URL.
const URL_ATTRIBUTES: [&str; 6] = ["href", "src", "poster", "action", "formaction", "cite"];

/// `html` with the value of every URL attribute replaced by `restyle(value)`; `html` itself
/// when nothing changed (or lol_html could not read it: then the browser reads it as written).
pub fn restyle_urls(html: &str, restyle: &mut dyn FnMut(&str) -> String) -> String {
    let restyle = std::cell::RefCell::new(restyle);
    let changed = std::cell::Cell::new(false);
    let rewrite = |element: &mut Element, name: &str| -> lol_html::HandlerResult {
        if let Some(value) = element.get_attribute(name) {
            let styled = (restyle.borrow_mut())(&value);
            if styled != value {
                element.set_attribute(name, &styled)?;
                changed.set(true);
            }
        }
        Ok(())
    };
    let mut settings = RewriteStrSettings::new();
    for name in URL_ATTRIBUTES {
        // An attribute selector of a fixed ASCII name always parses.
        if let Ok(selector) = format!("[{name}]").parse::<Selector>() {
            let handlers =
                ElementContentHandlers::default().element(|element: &mut Element| rewrite(element, name));
            settings = settings.append_element_content_handler((Cow::Owned(selector), handlers));
        }
    }
    match rewrite_str(html, settings) {
        Ok(rewritten) if changed.get() => rewritten,
        _ => html.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn to_route(url: &str) -> String {
        url.strip_suffix(".html").map_or_else(|| url.to_string(), |page| format!("#faq/{page}"))
    }

    #[test]
    fn url_attributes_are_restyled_whatever_the_quotes_and_order() {
        assert_eq!(restyle_urls(r#"<a href="b.html">"#, &mut to_route), r##"<a href="#faq/b">"##);
        assert_eq!(
            restyle_urls("<a class=x href='b.html' title=t>", &mut to_route),
            r##"<a class=x href="#faq/b" title=t>"##
        );
        assert_eq!(
            restyle_urls("<div>\n<img\n  alt='a' src=c.html>\n</div>\n", &mut to_route),
            "<div>\n<img alt='a' src=\"#faq/c\">\n</div>\n",
            "a tag with a new URL is written anew, one space between attributes"
        );
    }

    #[test]
    fn everything_else_is_kept_byte_for_byte() {
        let mut seen = Vec::new();
        let html = "<!-- <a href=x.html> --><span data-x='1'>&amp; text</span><a href=\"https://e.org/\">";
        let kept = restyle_urls(html, &mut |url| {
            seen.push(url.to_string());
            url.to_string()
        });
        assert_eq!(kept, html);
        assert_eq!(seen, ["https://e.org/"], "comments hold no tags");
    }
}
