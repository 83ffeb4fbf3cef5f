// Bytes the search page loads for a first query, and the time to rank it, on a built site.
// Usage: node bench/first_query.js SITE_DIR QUERY...
// Follows the page's own steps with the shipped search scripts (SITE_DIR/static/search*.js, as
// `faqbook build` and the search_bench example write them): meta.js, then the rounds of files
// filesFor asks for (the synonym shards of the query's tokens, the postings shards of its words
// and of their other words), then the stored documents of the top 20 (re-ranked by adjacency;
// the first 10 are shown; only those 10 for a one-token query). facets.js is not loaded: the
// page loads it when a filter is reached for. Prints one JSON line per query.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const vm = require('node:vm');

const [site, ...queries] = process.argv.slice(2);
const RERANK = 20;
const themeStatic = path.join(site, 'static');
const search = require(path.resolve(themeStatic, 'search.js'));
// The search page loads all seven search scripts (search-text, -query, -synonyms, -confidence,
// -score, -rank and search.js).
// search-parts.js is those parts joined (the search page loads it instead of them): counted once.
const scriptBytes = fs.readdirSync(themeStatic).filter((n) => /^search.*\.js$/.test(n) && n !== 'search-parts.js')
  .reduce((sum, n) => sum + fs.statSync(path.join(themeStatic, n)).size, 0);

function loader() {
  const store = search.emptyStore();
  const context = vm.createContext({ self: { FAQBOOK_SEARCH_DATA: { push: (r) => search.receive(store, r) } } });
  const loaded = new Set();
  let bytes = 0;
  return {
    store,
    get bytes() { return bytes; },
    get files() { return loaded.size; },
    load(rel) {
      if (loaded.has(rel)) return;
      loaded.add(rel);
      const text = fs.readFileSync(path.join(site, rel));
      bytes += text.length;
      vm.runInContext(text.toString('utf8'), context);
    },
  };
}

for (const query of queries) {
  const l = loader();
  l.load('search/meta.js');
  const { meta, shards, docs } = l.store;
  const started = process.hrtime.bigint();
  for (let files = search.filesFor(query, meta, l.store); files.length; files = search.filesFor(query, meta, l.store)) {
    files.forEach((f) => l.load(`search/${f}`));
  }
  const table = search.synonymsOf(l.store);
  const ranked = search.rankQuery(query, meta, (t) => shards[search.shardOf(t, meta.shardCount)], null, table);
  // As the page: a query with no adjacent pairs has nothing to re-rank and loads the 10 shown.
  ranked.scored.slice(0, ranked.parsed.pairs.length ? RERANK : 10).forEach((r) => l.load(`search/docs/${r.doc}.js`));
  const done = search.finishQuery(ranked, (d) => docs[d]);
  const isHit = search.hitTest(ranked.parsed.terms);
  done.results.slice(0, 10).forEach((r) => search.snippet(docs[r.doc].x, isHit, 120));
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  console.log(JSON.stringify({
    query, confidence: done.confidence, matches: done.results.length, first: done.results[0] && docs[done.results[0].doc].t,
    files: l.files, index_bytes: l.bytes, with_search_js_bytes: l.bytes + scriptBytes,
    rank_ms_including_disk_reads: Math.round(ms * 10) / 10,
  }));
}
