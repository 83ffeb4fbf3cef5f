//! The Rust tokenizer and shard function against the vectors shared with the browser's (tests/js/tokenizer.test.js).

use faqbook::search::index::shard_of;
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

#[derive(serde::Deserialize)]
struct ShardVector {
    token: String,
    #[serde(rename = "shardCount")]
    shard_count: usize,
    shard: usize,
}

/// The index writer files a token where the browser looks for it (search-rank.js shardOf,
/// checked against the same file in tests/js/tokenizer.test.js).
#[test]
fn every_shared_shard_vector_is_the_writers_shard() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/search/shard_vectors.json");
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let vectors: Vec<ShardVector> = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"));
    let failures: Vec<String> = vectors
        .iter()
        .filter(|v| shard_of(&v.token, v.shard_count) != v.shard)
        .map(|v| {
            format!(
                "{:?} of {}: expected {}, got {}",
                v.token,
                v.shard_count,
                v.shard,
                shard_of(&v.token, v.shard_count)
            )
        })
        .collect();
    assert!(failures.is_empty(), "{} mismatches:\n{}", failures.len(), failures.join("\n"));
}
