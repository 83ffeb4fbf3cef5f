//! Hyperlinks and images as documents hold them, written into a line's text.

use std::sync::LazyLock;

use percent_encoding::percent_decode_str;
use regex::Regex;

use sha2::{Digest, Sha256};

/// An image embedded in a document, to be written to the content folder's `assets/`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Asset {
    /// File name inside `assets/`: a hash of the bytes, so re-imports write the same file and two
    /// documents' `image1.png` never collide.
    pub name: String,
    pub bytes: Vec<u8>,
}

/// Longest embedded image that is kept.
pub const MAX_IMAGE_BYTES: usize = 16 * 1024 * 1024;

/// How an image stands in a line's text; `write` turns it into Markdown image syntax.
pub fn image_reference(asset: &Asset) -> String {
    format!("![image](assets/{})", asset.name)
}

/// The first image reference (`image_reference`'s form) in `text`: the text before it, the
/// reference, the text after it.
pub fn find_image_reference(text: &str) -> Option<(&str, &str, &str)> {
    static IMAGE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"!\[image\]\(assets/[0-9a-f]{16}\.[a-z]{3,4}\)").unwrap_or_else(|e| unreachable!("{e}"))
    });
    let found = IMAGE.find(text)?;
    Some((&text[..found.start()], found.as_str(), &text[found.end()..]))
}

/// An asset for image bytes found under `path` (whose extension is kept).
pub fn asset(path: &str, bytes: Vec<u8>) -> Option<Asset> {
    if bytes.is_empty() || bytes.len() > MAX_IMAGE_BYTES {
        return None;
    }
    let ext = path.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()).unwrap_or_default();
    if !matches!(ext.as_str(), "png" | "jpg" | "jpeg" | "gif" | "webp" | "svg" | "bmp") {
        return None;
    }
    let mut digest = hex::encode(Sha256::digest(&bytes));
    digest.truncate(16);
    let name = format!("{digest}.{ext}");
    Some(Asset { name, bytes })
}

/// The real address behind Google's redirect (`https://www.google.com/url?q=<url>&sa=…`); any
/// other address as it is.
pub fn unwrap_redirect(href: &str) -> String {
    let href = href.trim();
    let rest = ["https://www.google.com/url?", "http://www.google.com/url?", "https://google.com/url?"]
        .iter()
        .find_map(|p| href.strip_prefix(p));
    let Some(query) = rest else { return href.to_string() };
    query
        .split('&')
        .find_map(|pair| pair.strip_prefix("q=").or_else(|| pair.strip_prefix("url=")))
        .map(|q| percent_decode_str(q).decode_utf8_lossy().into_owned())
        .filter(|u| u.starts_with("http://") || u.starts_with("https://") || u.starts_with("mailto:"))
        .unwrap_or_else(|| href.to_string())
}

/// A link written into text: the address alone when the label is the address (or empty), else
/// `label (address)`, so the address survives into the page. In-document anchors keep the label.
pub fn link_text(label: &str, href: &str) -> String {
    let url = unwrap_redirect(href);
    let label = label.trim();
    if url.starts_with('#') || url.is_empty() {
        return label.to_string();
    }
    let bare = |u: &str| {
        u.trim_start_matches("mailto:")
            .trim_end_matches('/')
            .trim_start_matches("https://")
            .trim_start_matches("http://")
            .to_string()
    };
    if label.is_empty() || bare(label) == bare(&url) { url } else { format!("{label} ({url})") }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn google_redirects_are_unwrapped_and_decoded() {
        assert_eq!(
            unwrap_redirect(
                "https://www.google.com/url?q=https://example.ac.jp/a%3Fb%3D1%26c&sa=D&source=editors&ust=1"
            ),
            "https://example.ac.jp/a?b=1&c"
        );
        assert_eq!(unwrap_redirect("https://example.org/x"), "https://example.org/x");
        assert_eq!(unwrap_redirect("https://www.google.com/url?sa=D"), "https://www.google.com/url?sa=D");
    }

    #[test]
    fn links_keep_their_address() {
        assert_eq!(link_text("https://a.example/", "https://a.example/"), "https://a.example/");
        assert_eq!(link_text("a.example", "https://a.example"), "https://a.example");
        assert_eq!(link_text("こちら", "https://a.example/x"), "こちら (https://a.example/x)");
        assert_eq!(link_text("上", "#h.abc"), "上");
    }

    #[test]
    fn images_are_named_by_content() {
        let a = asset("word/media/image1.PNG", vec![1, 2, 3]).map(|a| a.name);
        let b = asset("images/image9.png", vec![1, 2, 3]).map(|a| a.name);
        assert_eq!(a, b);
        assert!(a.is_some_and(|n| n.ends_with(".png")));
        assert_eq!(asset("x.exe", vec![1]), None);
        let reference = asset("a.png", vec![7]).map(|a| image_reference(&a)).unwrap_or_default();
        let line = format!("see {reference} here");
        assert_eq!(find_image_reference(&line), Some(("see ", reference.as_str(), " here")));
    }
}
