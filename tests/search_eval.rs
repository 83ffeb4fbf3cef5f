//! Search quality floor: builds tests/fixtures/search-eval/ with the real binary and scores the
//! real search.js on its labelled queries (bench/search_quality.js). Fails when quality drops
//! below the floors, which were set a little under the figures measured when they were set (the
//! table is in README.md, "Search"; `bench/search-quality.sh` prints it).

mod common;

use std::process::Command;

/// Floors over the answerable queries, and for the "nothing answers this" flag.
const MIN_NDCG: f64 = 0.91;
const MIN_MRR: f64 = 0.90;
const MIN_RECALL: f64 = 0.97;
const MIN_NO_ANSWER_FLAGGED: u64 = 12;
const MAX_WRONGLY_FLAGGED: usize = 2;

#[test]
fn search_quality_on_the_labelled_set_stays_above_its_floor() {
    let Some(node) = common::require_tool("node", "sudo apt-get install -y nodejs") else { return };
    let root = common::repo_root();
    let site = root.join("tests/fixtures/search-eval");
    let out = tempfile::tempdir().unwrap();
    let dest = out.path().join("public");
    common::faqbook().arg("--root").arg(&site).arg("build").arg("--dest").arg(&dest).assert().success();
    let output = Command::new(node)
        .arg(root.join("bench/search_quality.js"))
        .arg(&dest)
        .arg(site.join("queries.json"))
        .arg("--json")
        .output()
        .unwrap();
    assert!(output.status.success(), "scorer failed: {}", String::from_utf8_lossy(&output.stderr));
    let result: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let overall = &result["overall"];
    let metric = |name: &str| overall[name].as_f64().unwrap_or(0.0);
    assert!(metric("ndcg") >= MIN_NDCG, "nDCG@10 {} < {MIN_NDCG}: {result}", metric("ndcg"));
    assert!(metric("mrr") >= MIN_MRR, "MRR@10 {} < {MIN_MRR}: {result}", metric("mrr"));
    assert!(metric("recall") >= MIN_RECALL, "Recall@10 {} < {MIN_RECALL}: {result}", metric("recall"));
    let flagged = result["noAnswer"]["flagged"].as_u64().unwrap_or(0);
    assert!(flagged >= MIN_NO_ANSWER_FLAGGED, "{flagged} unanswerable queries flagged: {result}");
    let wrong = result["wronglyFlagged"].as_array().map_or(usize::MAX, Vec::len);
    assert!(wrong <= MAX_WRONGLY_FLAGGED, "{wrong} answerable queries flagged: {result}");
}
