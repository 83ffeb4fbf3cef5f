//! Unit tests of the index writer, reading the files back as the browser does.

use super::*;

fn doc(id: &str, title: &str, service: &str, status: &str, tags: &[&str], body: &str) -> SearchDoc {
    SearchDoc {
        id: id.to_string(),
        url: format!("faq/{id}.html"),
        title: title.to_string(),
        service: service.to_string(),
        service_slug: crate::slug::slugify(service),
        status: status.to_string(),
        tags: tags.iter().map(|t| t.to_string()).collect(),
        body_text: body.to_string(),
    }
}

fn sample() -> Vec<SearchDoc> {
    vec![
        doc(
            "a",
            "多要素認証のメールが届かない",
            "UTokyo Account",
            "resolved",
            &["多要素認証"],
            "迷惑メールを確認",
        ),
        doc("b", "Thunderbird で受信できない", "Microsoft 365", "unknown", &["メール"], "IMAP の設定"),
        doc("c", "ウェビナーの録画", "Zoom", "escalated", &[], "macOS 10.15 では録画できない"),
    ]
}

fn file<'a>(files: &'a [(String, Vec<u8>)], path: &str) -> &'a str {
    let found = files.iter().find(|(p, _)| p == path).map(|(_, c)| c.as_slice()).unwrap_or_default();
    std::str::from_utf8(found).unwrap_or_default()
}

/// The JSON payload of a data script, as the browser's queue receives it.
fn record(script: &str) -> serde_json::Value {
    let json = script.strip_prefix(DATA_PREFIX).and_then(|s| s.strip_suffix(");\n")).unwrap_or_default();
    serde_json::from_str(json).unwrap_or_default()
}

fn postings_of(files: &[(String, Vec<u8>)], token: &str) -> Vec<(u64, u64)> {
    let meta = record(file(files, "search/meta.js"));
    let shard_count = meta[1]["shardCount"].as_u64().unwrap_or(0) as usize;
    let shard = record(file(files, &format!("search/shards/{}.js", shard_of(token, shard_count))));
    let encoded = shard[2][token].as_str().unwrap_or_default();
    let mut doc = 0u64;
    decode_varints(encoded)
        .unwrap_or_default()
        .into_iter()
        .map(|v| {
            doc += v >> 5;
            let posting = (doc, v & 31);
            doc += 1;
            posting
        })
        .collect()
}

#[test]
fn same_input_gives_byte_identical_files() {
    let first = build_search_index(&sample(), Language::Ja).ok();
    let second = build_search_index(&sample(), Language::Ja).ok();
    assert!(first.is_some());
    assert_eq!(first, second);
}

#[test]
fn every_shard_and_doc_file_exists_and_loads_through_the_queue() {
    let files = build_search_index(&sample(), Language::En).unwrap_or_default();
    let meta = record(file(&files, "search/meta.js"));
    assert_eq!(meta[0], "meta");
    assert_eq!(meta[1]["lang"], "en");
    assert_eq!(meta[1]["docCount"], 3);
    let shard_count = meta[1]["shardCount"].as_u64().unwrap_or(0);
    assert!(shard_count.is_power_of_two());
    for n in 0..shard_count {
        assert_eq!(record(file(&files, &format!("search/shards/{n}.js")))[1], n);
    }
    let doc = record(file(&files, "search/docs/2.js"));
    assert_eq!(doc[2]["u"], "faq/c.html");
    assert_eq!(doc[2]["st"], "escalated");
    assert_eq!(files.len() as u64, 3 + shard_count + 3);
}

#[test]
fn postings_find_the_documents_and_rank_title_hits_above_body_hits() {
    let files = build_search_index(&sample(), Language::Ja).unwrap_or_default();
    let mail = postings_of(&files, "メル");
    assert_eq!(mail.iter().map(|p| p.0).collect::<Vec<_>>(), [0, 1]);
    // Doc 0 has メール in its title, doc 1 only in a tag: both boosted above a body hit.
    let version = postings_of(&files, "10.15");
    assert_eq!(version.iter().map(|p| p.0).collect::<Vec<_>>(), [2]);
    let body_level = version[0].1;
    let title_level = postings_of(&files, "thunderbird")[0].1;
    assert!(title_level > body_level, "{title_level} > {body_level}");
}

#[test]
fn facets_follow_the_status_order_of_the_filter() {
    let files = build_search_index(&sample(), Language::Ja).unwrap_or_default();
    let meta = record(file(&files, "search/meta.js"));
    assert_eq!(meta[1]["statuses"], serde_json::json!(["resolved", "escalated", "unknown"]));
    let facets = record(file(&files, "search/facets.js"));
    // Services by name: Microsoft 365, UTokyo Account, Zoom.
    assert_eq!(decode_varints(facets[1].as_str().unwrap_or_default()), Some(vec![3, 2, 7]));
}

#[test]
fn large_sites_are_split_into_many_shards() {
    let docs: Vec<SearchDoc> = (0..600)
        .map(|i| {
            doc(&format!("d{i}"), &format!("件名{i} word{i}"), "S", "resolved", &[], &"本文の例 ".repeat(20))
        })
        .collect();
    let files = build_search_index(&docs, Language::Ja).unwrap_or_default();
    let meta = record(file(&files, "search/meta.js"));
    assert!(meta[1]["shardCount"].as_u64().unwrap_or(0) > 1);
    assert_eq!(postings_of(&files, "word599").first().map(|p| p.0), Some(599));
    assert_eq!(postings_of(&files, "本文").len(), 600);
}

#[test]
fn tokens_up_to_the_length_limit_are_indexed_and_longer_ones_skipped() {
    // elasticlunr stores tokens as a character trie: the limit also keeps its JSON nesting
    // within serde_json's recursion limit.
    let longest = "a".repeat(MAX_TOKEN_CHARS);
    let too_long = "b".repeat(MAX_TOKEN_CHARS + 1);
    let body = format!("{longest} {too_long} {}", "c".repeat(5000));
    let files = build_search_index(&[doc("x", "t", "S", "resolved", &[], &body)], Language::En);
    let files = files.unwrap_or_default();
    assert_eq!(postings_of(&files, &longest).len(), 1);
    assert!(postings_of(&files, &too_long).is_empty());
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(48))]
    #[test]
    fn any_text_indexes_without_error(
        title in "\\PC{0,40}",
        body in "(\\PC|[ｱ-ﾝﾞﾟ \\n]){0,200}",
        tag in "\\PC{0,10}",
    ) {
        let docs = [doc("p", &title, "S", "resolved", &[&tag], &body), doc("q", &body, "T", "odd", &[], &title)];
        let files = build_search_index(&docs, Language::Ja);
        proptest::prop_assert!(files.is_ok(), "{:?}", files.err());
    }
}

#[test]
fn varints_round_trip() {
    let values = [0u64, 1, 31, 32, 33, 1023, 1024, 99_999, u32::MAX as u64];
    let mut text = String::new();
    for v in values {
        push_varint(&mut text, v);
    }
    assert_eq!(decode_varints(&text), Some(values.to_vec()));
    assert_eq!(decode_varints("g"), None);
}

/// Every synonym row of the built files, as `[k, word, …]`.
fn synonym_rows_of(files: &[(String, Vec<u8>)]) -> Vec<serde_json::Value> {
    let rows: BTreeMap<u64, serde_json::Value> = files
        .iter()
        .filter(|(path, _)| path.starts_with("search/synonyms/"))
        .flat_map(|(_, bytes)| {
            let shard = record(std::str::from_utf8(bytes).unwrap_or_default());
            let rows = shard[2].as_object().cloned().unwrap_or_default();
            rows.into_iter().map(|(n, row)| (n.parse().unwrap_or(0), row))
        })
        .collect();
    rows.into_values().collect()
}

#[test]
fn a_term_the_pages_gloss_in_brackets_is_a_synonym_group_of_the_site() {
    let mut docs = sample();
    docs.push(doc(
        "d",
        "Zoom の画面共有",
        "Zoom",
        "resolved",
        &[],
        "画面共有（スクリーンシェア）のボタンを押す",
    ));
    let wanted = serde_json::json!([2, "画面共有", "スクリーンシェア"]);
    let built = build_search_index_with(&docs, Language::Ja, &[]).unwrap();
    assert!(synonym_rows_of(&built).contains(&wanted), "{:?}", synonym_rows_of(&built));
    let cached = build_search_index_cached(&docs, Language::Ja, &[], &mut IndexCache::default()).unwrap();
    assert_eq!(cached, built);
    assert!(
        !synonym_rows_of(&build_search_index_with(&sample(), Language::Ja, &[]).unwrap()).contains(&wanted)
    );
}

#[test]
fn meta_pairs_the_english_and_japanese_pages_of_one_answer_in_both_builds() {
    let mut docs = sample();
    docs.push(doc(
        "d",
        "VPN に接続する方法",
        "VPN",
        "resolved",
        &[],
        "vpn.example.ac.jp に FortiClient で接続",
    ));
    docs.push(doc(
        "e",
        "Connecting to the VPN",
        "VPN",
        "resolved",
        &[],
        "Use FortiClient with vpn.example.ac.jp.",
    ));
    let built = build_search_index(&docs, Language::Ja).unwrap_or_default();
    let meta = record(file(&built, "search/meta.js"));
    assert_eq!(meta[1]["counterparts"], serde_json::json!([4, 3]));
    let cached =
        build_search_index_cached(&docs, Language::Ja, &[], &mut IndexCache::default()).unwrap_or_default();
    assert_eq!(file(&cached, "search/meta.js"), file(&built, "search/meta.js"));
}
