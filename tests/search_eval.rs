//! Search quality floor: builds tests/fixtures/search-eval/ with the real binary and scores the
//! real search.js on its labelled queries (bench/search_quality.js), each split on its own: the
//! tuning split (queries.json, which the ranking rules were chosen on), the held-back split
//! (queries-heldback.json, written before its author read the ranking code), the first blind
//! split (queries-blind.json, written before its author saw how the search ranked its queries;
//! its results were read in session 24, so it is tuned on now) and the second
//! (queries-blind-2.json, written in session 24 before that session's changes, only its summary
//! read). Fails when quality drops below the floors, which were set a little under the figures
//! measured when they were set (the tables are in README.md, "Search"; `bench/search-quality.sh`
//! prints them).

mod common;

use std::process::Command;

/// Floors of one split: over its answerable queries, and for the "nothing answers this" flag.
struct Floor {
    split: &'static str,
    ndcg: f64,
    mrr: f64,
    recall: f64,
    no_answer_flagged: u64,
    max_wrongly_flagged: usize,
}

const FLOORS: [Floor; 4] = [
    Floor {
        split: "queries",
        ndcg: 0.935,
        mrr: 0.925,
        recall: 0.98,
        no_answer_flagged: 13,
        max_wrongly_flagged: 1,
    },
    Floor {
        split: "queries-heldback",
        ndcg: 0.92,
        mrr: 0.945,
        recall: 0.97,
        // 5 until session 26: the coverage threshold 0.2 (from 0.3) flags one unanswerable query
        // of this split fewer and 5 answerable ones of the blind splits fewer (README, "Search").
        no_answer_flagged: 4,
        max_wrongly_flagged: 0,
    },
    Floor {
        split: "queries-blind",
        ndcg: 0.85,
        mrr: 0.82,
        recall: 0.90,
        no_answer_flagged: 4,
        max_wrongly_flagged: 0,
    },
    // Written in session 24 before its code changes, scored twice (its start and end), summary only.
    Floor {
        split: "queries-blind-2",
        ndcg: 0.945,
        mrr: 0.935,
        recall: 0.97,
        no_answer_flagged: 3,
        max_wrongly_flagged: 2,
    },
];

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
        .args(FLOORS.iter().map(|f| site.join(format!("{}.json", f.split))))
        .arg("--json")
        .output()
        .unwrap();
    assert!(output.status.success(), "scorer failed: {}", String::from_utf8_lossy(&output.stderr));
    let result: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    for floor in &FLOORS {
        let split = &result["splits"][floor.split];
        let metric = |name: &str| split["overall"][name].as_f64().unwrap_or(0.0);
        let name = floor.split;
        assert!(metric("ndcg") >= floor.ndcg, "{name}: nDCG@10 {} < {}: {split}", metric("ndcg"), floor.ndcg);
        assert!(metric("mrr") >= floor.mrr, "{name}: MRR@10 {} < {}: {split}", metric("mrr"), floor.mrr);
        assert!(
            metric("recall") >= floor.recall,
            "{name}: Recall@10 {} < {}: {split}",
            metric("recall"),
            floor.recall
        );
        let flagged = split["noAnswer"]["flagged"].as_u64().unwrap_or(0);
        assert!(
            flagged >= floor.no_answer_flagged,
            "{name}: {flagged} unanswerable queries flagged: {split}"
        );
        let wrong = split["wronglyFlagged"].as_array().map_or(usize::MAX, Vec::len);
        assert!(wrong <= floor.max_wrongly_flagged, "{name}: {wrong} answerable queries flagged: {split}");
    }
}
