// Search quality on a labelled set: runs the site's own static/search.js (the shipped, minified
// copy `faqbook build` wrote) over the index beside it and scores each query against its graded
// relevance.
//
//   node bench/search_quality.js SITE_DIR QUERIES_JSON... [--json] [-v]
//
// Each QUERIES_JSON is a split over the same site, scored and printed on its own.
//
// QUERIES_JSON: [{query, kind, relevant: {id: 2 answers it | 1 related}}]; a query with no
// relevant page is one the site cannot answer. Metrics over the first 10 results:
// nDCG@10 (gain 2^grade − 1, ideal order from the judgements), MRR@10 (1 / rank of the first
// page that answers, grade 2), Recall@10 (share of the answering pages in the first 10).
// "flagged" is a query the page reports as answered by nothing (low confidence, or no result).
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const vm = require('node:vm');

const K = 10;
/** The site's search.js (set by loadSite): the scripts a visitor runs, not the sources. */
let search;

/** Every index file of a built site, run as the browser runs them. */
function loadSite(site) {
  search = require(path.resolve(site, 'static', 'search.js'));
  const records = [];
  const context = vm.createContext({ self: { FAQBOOK_SEARCH_DATA: { push: (r) => records.push(r) } } });
  const dir = path.join(site, 'search');
  const run = (rel) => vm.runInContext(fs.readFileSync(path.join(dir, rel), 'utf8'), context);
  for (const name of fs.readdirSync(dir).filter((n) => n.endsWith('.js')).sort()) run(name);
  const subdirs = fs.readdirSync(dir, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort();
  for (const sub of subdirs) {
    for (const name of fs.readdirSync(path.join(dir, sub)).sort()) run(`${sub}/${name}`);
  }
  return search.storeOf ? search.storeOf(records) : legacyStore(records);
}

function legacyStore(records) {
  const store = { meta: null, shards: {}, docs: {} };
  for (const r of records) {
    if (r[0] === 'meta') store.meta = r[1];
    if (r[0] === 'shard') store.shards[r[1]] = r[2];
    if (r[0] === 'doc') store.docs[r[1]] = r[2];
  }
  return store;
}

/** Ranked page ids and whether the page would say that nothing answers the query. */
function runQuery(store, query) {
  if (search.searchLoaded) {
    const r = search.searchLoaded(store, query);
    return { ids: r.results.map((x) => idOf(store.docs[x.doc].u)), flagged: r.confidence === 'low' || !r.results.length };
  }
  const meta = store.meta;
  const parsed = search.parseQuery(query, meta.maxTokenChars);
  const gathered = search.gatherPostings(parsed.terms, (t) => store.shards[search.shardOf(t, meta.shardCount)]);
  const scored = search.scoreDocuments(gathered, meta, null);
  const ranked = search.rerankByPhrase(scored.results, (d) => store.docs[d], parsed.phrases, 20);
  return { ids: ranked.map((x) => idOf(store.docs[x.doc].u)), flagged: ranked.length === 0 };
}

function idOf(url) {
  return url.replace(/^faq\//, '').replace(/\.html$/, '');
}

function dcg(grades) {
  return grades.reduce((sum, g, i) => sum + (Math.pow(2, g) - 1) / Math.log2(i + 2), 0);
}

function scoreQuery(ids, relevant) {
  const top = ids.slice(0, K);
  const gains = top.map((id) => relevant[id] || 0);
  const ideal = Object.values(relevant).sort((a, b) => b - a).slice(0, K);
  const answers = Object.keys(relevant).filter((id) => relevant[id] >= 2);
  const first = top.findIndex((id) => relevant[id] >= 2);
  return {
    ndcg: ideal.length ? dcg(gains) / dcg(ideal) : 0,
    mrr: first >= 0 ? 1 / (first + 1) : 0,
    recall: answers.length ? answers.filter((id) => top.includes(id)).length / answers.length : 0,
  };
}

function evaluate(site, queriesFile) {
  const store = loadSite(site);
  const queries = JSON.parse(fs.readFileSync(queriesFile, 'utf8'));
  const rows = queries.map((q) => {
    const r = runQuery(store, q.query);
    const answerable = Object.keys(q.relevant).length > 0;
    return { ...q, answerable, flagged: r.flagged, top: r.ids.slice(0, 3), ...(answerable ? scoreQuery(r.ids, q.relevant) : {}) };
  });
  const kinds = [...new Set(rows.map((r) => r.kind))];
  const summarise = (list) => {
    const n = list.length || 1;
    const mean = (k) => list.reduce((s, r) => s + r[k], 0) / n;
    return { count: list.length, ndcg: mean('ndcg'), mrr: mean('mrr'), recall: mean('recall'), flagged: list.filter((r) => r.flagged).length };
  };
  const byKind = {};
  for (const kind of kinds) {
    const list = rows.filter((r) => r.kind === kind);
    byKind[kind] = list[0].answerable ? summarise(list) : { count: list.length, flagged: list.filter((r) => r.flagged).length };
  }
  const answerable = rows.filter((r) => r.answerable);
  const unanswerable = rows.filter((r) => !r.answerable);
  return {
    byKind,
    overall: summarise(answerable),
    noAnswer: { count: unanswerable.length, flagged: unanswerable.filter((r) => r.flagged).length },
    wronglyFlagged: answerable.filter((r) => r.flagged).map((r) => r.query),
    rows,
  };
}

function printTable(result) {
  const f = (x) => x.toFixed(3);
  console.log('| kind | queries | nDCG@10 | MRR@10 | Recall@10 | flagged "nothing answers" |');
  console.log('| --- | --- | --- | --- | --- | --- |');
  for (const [kind, s] of Object.entries(result.byKind)) {
    if (s.ndcg === undefined) console.log(`| ${kind} | ${s.count} | | | | ${s.flagged} of ${s.count} (wanted) |`);
    else console.log(`| ${kind} | ${s.count} | ${f(s.ndcg)} | ${f(s.mrr)} | ${f(s.recall)} | ${s.flagged} (wrongly) |`);
  }
  const o = result.overall;
  console.log(`| **all answerable** | ${o.count} | ${f(o.ndcg)} | ${f(o.mrr)} | ${f(o.recall)} | ${o.flagged} (wrongly) |`);
  console.log(`| **cannot answer** | ${result.noAnswer.count} | | | | ${result.noAnswer.flagged} of ${result.noAnswer.count} |`);
}

/** One split's report: its table, and with -v the answerable queries it flagged and every query. */
function report(result, verbose) {
  printTable(result);
  // Without -v only the summary: the held-back and blind splits must not show their queries.
  if (!verbose) return;
  if (result.wronglyFlagged.length) console.log(`answerable but flagged: ${result.wronglyFlagged.join(' / ')}`);
  for (const r of result.rows) {
    const mark = r.answerable ? r.ndcg.toFixed(2) : (r.flagged ? 'ok' : 'MISS');
    console.log(`${r.kind}\t${mark}\t${r.flagged ? 'F' : ' '}\t${r.query}\t${r.top.join(' ')}`);
  }
}

function summaryOf(result) {
  return { byKind: result.byKind, overall: result.overall, noAnswer: result.noAnswer, wronglyFlagged: result.wronglyFlagged };
}

// Several query files are splits over the same site (the tuning set, the held-back set): each
// is scored and printed on its own, so one never hides the other.
if (require.main === module) {
  const args = process.argv.slice(2);
  const json = args.includes('--json');
  const verbose = args.includes('-v');
  const [site, ...queryFiles] = args.filter((a) => !a.startsWith('-'));
  const splits = queryFiles.map((file) => ({ name: path.basename(file, '.json'), result: evaluate(site, file) }));
  if (json && splits.length === 1) {
    console.log(JSON.stringify(summaryOf(splits[0].result)));
  } else if (json) {
    console.log(JSON.stringify({ splits: Object.fromEntries(splits.map((s) => [s.name, summaryOf(s.result)])) }));
  } else {
    for (const [i, s] of splits.entries()) {
      if (splits.length > 1) console.log(`${i ? '\n' : ''}### ${s.name}\n`);
      report(s.result, verbose);
    }
  }
}

module.exports = { evaluate };
