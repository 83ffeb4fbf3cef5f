//! Search quality floor: builds tests/fixtures/search-eval/ with the real binary and scores the
//! real search.js on its labelled queries (bench/search_quality.js), each split on its own: the
//! tuning split (queries.json, which the ranking rules were chosen on), the held-back split
//! (queries-heldback.json, written before its author read the ranking code), the first blind
//! split (queries-blind.json, written before its author saw how the search ranked its queries;
//! its results were read in session 24, so it is tuned on now) and the second
//! (queries-blind-2.json, written in session 24 before that session's changes, only its summary
//! read). Fails when quality drops below the floors, which were set a little under the figures
//! measured when they were set (the tables are in README.md, "Search"; `bench/search-quality.sh`
//! prints them). Two more blind sets have sites of their own (search-eval-blind-4 and -5:
//! other universities, services and wording), written in session 26 before its changes, and
//! a third (-6) written during it, a fourth (-7) written in session 27 before its changes, and
//! a fifth (-8) written in session 28 before its changes, and a sixth (-9) written in session 29
//! before its changes; only blind-4, -6, -7, -8 and -9 are unread.

mod common;

use std::path::Path;
use std::process::Command;

// Every floor was raised in session 27 to just under that session's end figures (README, "Search").

/// Floors of one split: over its answerable queries, and for the "nothing answers this" flag.
struct Floor {
    /// The fixture site under tests/fixtures/ that the split's queries are asked of.
    site: &'static str,
    /// The query file in that site's folder, without `.json`.
    split: &'static str,
    ndcg: f64,
    mrr: f64,
    recall: f64,
    no_answer_flagged: u64,
    max_wrongly_flagged: usize,
}

// Session 30 (the helpdesk terms): floors raised to just under the measured figures (README).
const FLOORS: [Floor; 13] = [
    Floor {
        site: "search-eval",
        split: "queries",
        ndcg: 0.95,
        mrr: 0.94,
        recall: 0.99,
        no_answer_flagged: 13,
        max_wrongly_flagged: 1,
    },
    Floor {
        site: "search-eval",
        split: "queries-heldback",
        ndcg: 0.935,
        mrr: 0.955,
        recall: 0.975,
        // 5 until session 26: the coverage threshold 0.2 (from 0.3) flags one unanswerable query
        // of this split fewer and 5 answerable ones of the blind splits fewer (README, "Search").
        no_answer_flagged: 5,
        max_wrongly_flagged: 0,
    },
    Floor {
        site: "search-eval",
        split: "queries-blind",
        ndcg: 0.935,
        mrr: 0.915,
        recall: 0.93,
        no_answer_flagged: 4,
        // 0 until session 31: a titled first result covering under a quarter of a Japanese query
        // no longer answers it (README, "Search").
        max_wrongly_flagged: 2,
    },
    // Session 31's confidence split (development): 40 unanswerable queries of five types and 60
    // answerable ones of the kinds a strict rule would flag.
    Floor {
        site: "search-eval",
        split: "queries-confidence",
        ndcg: 0.925,
        mrr: 0.93,
        recall: 0.99,
        no_answer_flagged: 23,
        max_wrongly_flagged: 0,
    },
    // Written in session 24 before its code changes, scored twice (its start and end), summary only.
    Floor {
        site: "search-eval",
        split: "queries-blind-2",
        ndcg: 0.975,
        mrr: 0.975,
        recall: 0.99,
        // 2 until session 30: a compound named in other words by a first result (README, "Search").
        no_answer_flagged: 4,
        max_wrongly_flagged: 1,
    },
    // Sites of their own, written blind in session 26 before its code changes. Blind-4: summary
    // only. Blind-5: its weak queries (other words, English) were read at that session's end to
    // find general causes (a weak trigger no page writes), so it is a development set now.
    Floor {
        site: "search-eval-blind-4",
        split: "queries",
        ndcg: 0.9,
        mrr: 0.89,
        recall: 0.97,
        no_answer_flagged: 3,
        // 1 until session 31 (the quarter rule, README "Search").
        max_wrongly_flagged: 2,
    },
    Floor {
        site: "search-eval-blind-5",
        split: "queries",
        ndcg: 0.93,
        mrr: 0.95,
        // 0.99 until session 31: with the loose helpdesk words one answering page of one query
        // falls out of the first ten (nDCG 0.936 -> 0.950).
        recall: 0.985,
        no_answer_flagged: 5,
        max_wrongly_flagged: 0,
    },
    // Written blind in session 26 after its first merges (main 69f6aff), scored at its end only.
    Floor {
        site: "search-eval-blind-6",
        split: "queries",
        ndcg: 0.9,
        mrr: 0.895,
        recall: 0.97,
        no_answer_flagged: 4,
        max_wrongly_flagged: 2,
    },
    // Written blind in session 27 before its changes (main ca0082f: 0.864 / 0.887 / 0.933, 3 of 5
    // flagged, 3 wrongly; 0.933 / 0.933 / 1.000, 3 of 5, 2 at its end), summary only.
    Floor {
        site: "search-eval-blind-7",
        split: "queries",
        // 0.93 until session 31: the helpdesk terms' loose words cost it 0.005 (README, "Search").
        ndcg: 0.925,
        mrr: 0.93,
        recall: 0.99,
        no_answer_flagged: 3,
        max_wrongly_flagged: 0,
    },
    // Written blind in session 28 before its changes (main e413513: 0.880 / 0.869 / 0.940, 3 of 5
    // flagged, 4 wrongly), summary only until session 30: a development set since (as blind-5).
    Floor {
        site: "search-eval-blind-8",
        split: "queries",
        ndcg: 0.915,
        mrr: 0.9,
        // 0.97 until session 31: the loose helpdesk words (0.973 -> 0.967).
        recall: 0.965,
        no_answer_flagged: 4,
        max_wrongly_flagged: 1,
    },
    // Written blind in session 29 before its changes (main fe706f8: 0.913 / 0.900 / 0.993, 4 of 5
    // flagged, 6 wrongly), summary only.
    Floor {
        site: "search-eval-blind-9",
        split: "queries",
        ndcg: 0.945,
        mrr: 0.945,
        recall: 0.99,
        no_answer_flagged: 4,
        max_wrongly_flagged: 2,
    },
    // Written blind in session 30 before its changes (main 16d894b: 0.917 / 0.916 / 0.973, 2 of 5
    // flagged, 3 wrongly; 2 wrongly with the compound-head rule), summary only.
    Floor {
        site: "search-eval-blind-10",
        split: "queries",
        ndcg: 0.93,
        mrr: 0.935,
        recall: 0.975,
        no_answer_flagged: 4,
        max_wrongly_flagged: 0,
    },
    // Written blind in session 31 before its changes (main 0d44392: 0.897 / 0.889 / 0.960, 3 of 5
    // flagged, 1 wrongly), summary only.
    Floor {
        site: "search-eval-blind-11",
        split: "queries",
        ndcg: 0.9,
        mrr: 0.895,
        recall: 0.955,
        no_answer_flagged: 3,
        max_wrongly_flagged: 1,
    },
];

/// Builds one fixture site and scores the given splits of it: the scorer's JSON summary.
fn score_site(node: &Path, site_name: &str, splits: &[&str]) -> serde_json::Value {
    let root = common::repo_root();
    let site = root.join("tests/fixtures").join(site_name);
    let out = tempfile::tempdir().unwrap();
    let dest = out.path().join("public");
    common::faqbook().arg("--root").arg(&site).arg("build").arg("--dest").arg(&dest).assert().success();
    let output = Command::new(node)
        .arg(root.join("bench/search_quality.js"))
        .arg(&dest)
        .args(splits.iter().map(|split| site.join(format!("{split}.json"))))
        .arg("--json")
        .output()
        .unwrap();
    assert!(output.status.success(), "scorer failed: {}", String::from_utf8_lossy(&output.stderr));
    serde_json::from_slice(&output.stdout).unwrap()
}

/// The summary of one split in the scorer's output, whichever of its two forms it printed.
fn split_summary<'a>(scored: &'a serde_json::Value, split: &str) -> &'a serde_json::Value {
    scored.get("splits").map_or(scored, |splits| &splits[split])
}

fn assert_above_floor(floor: &Floor, split: &serde_json::Value) {
    let metric = |name: &str| split["overall"][name].as_f64().unwrap_or(0.0);
    let name = format!("{}/{}", floor.site, floor.split);
    assert!(metric("ndcg") >= floor.ndcg, "{name}: nDCG@10 {} < {}: {split}", metric("ndcg"), floor.ndcg);
    assert!(metric("mrr") >= floor.mrr, "{name}: MRR@10 {} < {}: {split}", metric("mrr"), floor.mrr);
    assert!(
        metric("recall") >= floor.recall,
        "{name}: Recall@10 {} < {}: {split}",
        metric("recall"),
        floor.recall
    );
    let flagged = split["noAnswer"]["flagged"].as_u64().unwrap_or(0);
    assert!(flagged >= floor.no_answer_flagged, "{name}: {flagged} unanswerable queries flagged: {split}");
    let wrong = split["wronglyFlagged"].as_array().map_or(usize::MAX, Vec::len);
    assert!(wrong <= floor.max_wrongly_flagged, "{name}: {wrong} answerable queries flagged: {split}");
}

#[test]
fn search_quality_on_the_labelled_sets_stays_above_its_floors() {
    let Some(node) = common::require_tool("node", "sudo apt-get install -y nodejs") else { return };
    let mut sites: Vec<&str> = FLOORS.iter().map(|f| f.site).collect();
    sites.dedup();
    for site in sites {
        let splits: Vec<&str> = FLOORS.iter().filter(|f| f.site == site).map(|f| f.split).collect();
        let scored = score_site(&node, site, &splits);
        for floor in FLOORS.iter().filter(|f| f.site == site) {
            assert_above_floor(floor, split_summary(&scored, floor.split));
        }
    }
}
