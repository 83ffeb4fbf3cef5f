//! The Rust tokenizer against the vectors shared with the browser's (tests/js/tokenizer.test.js).

use faqbook::search::tokenizer::tokenize;

#[derive(serde::Deserialize)]
struct Vector {
    input: String,
    tokens: Vec<String>,
}

#[test]
fn every_shared_vector_tokenizes_as_expected() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/search/tokenizer_vectors.json");
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let vectors: Vec<Vector> = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"));
    assert!(vectors.len() >= 200, "only {} vectors", vectors.len());
    let failures: Vec<String> = vectors
        .iter()
        .filter(|v| tokenize(&v.input) != v.tokens)
        .map(|v| format!("{:?}: expected {:?}, got {:?}", v.input, v.tokens, tokenize(&v.input)))
        .collect();
    assert!(failures.is_empty(), "{} mismatches:\n{}", failures.len(), failures.join("\n"));
}
