//! Shared by the hostile-input tests: what every output folder must be.

use std::collections::BTreeMap;
use std::path::Path;

fn read_tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            (
                e.path().strip_prefix(dir).unwrap().to_string_lossy().into_owned(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect()
}

/// Every XML file of a built folder parses; no output file holds a control character.
pub fn assert_clean_outputs(dir: &std::path::Path) {
    for (name, bytes) in read_tree(dir) {
        let text = String::from_utf8_lossy(&bytes);
        if name.ends_with(".png") {
            continue;
        }
        assert!(
            !text.chars().any(|c| c.is_control() && !matches!(c, '\n' | '\t' | '\r')),
            "{name} has a control character"
        );
        if name.ends_with(".xml") {
            let mut reader = quick_xml::Reader::from_str(&text);
            loop {
                match reader.read_event() {
                    Ok(quick_xml::events::Event::Eof) => break,
                    Ok(_) => {}
                    Err(e) => panic!("{name} is not well-formed XML: {e}"),
                }
            }
        }
    }
}
