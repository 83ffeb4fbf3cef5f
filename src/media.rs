//! The media type of an output file, from its extension (the one table: `mime_guess`). serve
//! sends it as `Content-Type`; the single-file export writes it into `data:` URLs.

use std::borrow::Cow;
use std::path::Path;

/// `text/css; charset=utf-8`, `image/png`, … Text types are declared UTF-8: faqbook writes
/// only UTF-8. Unknown extensions are `application/octet-stream`.
pub fn content_type(path: &Path) -> Cow<'static, str> {
    let essence = mime_guess::from_path(path).first_raw().unwrap_or("application/octet-stream");
    match is_text(essence) {
        true => Cow::Owned(format!("{essence}; charset=utf-8")),
        false => Cow::Borrowed(essence),
    }
}

fn is_text(essence: &str) -> bool {
    essence.starts_with("text/")
        || matches!(
            essence,
            "application/json" | "application/xml" | "application/javascript" | "image/svg+xml"
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_utf8_and_binary_is_bare() {
        assert_eq!(content_type(Path::new("a.HTML")), "text/html; charset=utf-8");
        assert!(content_type(Path::new("search-index.js")).ends_with("javascript; charset=utf-8"));
        assert_eq!(content_type(Path::new("x.svg")), "image/svg+xml; charset=utf-8");
        assert!(content_type(Path::new("atom.xml")).ends_with("/xml; charset=utf-8"));
        assert_eq!(content_type(Path::new("style.css")), "text/css; charset=utf-8");
        assert_eq!(content_type(Path::new("a.png")), "image/png");
        assert_eq!(content_type(Path::new("photo.JPG")), "image/jpeg");
        assert_eq!(content_type(Path::new("noext")), "application/octet-stream");
    }
}
