// Loads the golden search index of tests/fixtures/search/ (written by build_search_index and
// locked by tests/search.rs) the way the browser does: running each data script.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const vm = require('node:vm');
const search = require('./scripts.js').load('search.js');

const INDEX_DIR = path.join(__dirname, '..', 'fixtures', 'search', 'index', 'search');

function loadFixtureIndex() {
  const records = [];
  const context = vm.createContext({ self: { FAQBOOK_SEARCH_DATA: { push: (r) => records.push(r) } } });
  const run = (file) => vm.runInContext(fs.readFileSync(path.join(INDEX_DIR, file), 'utf8'), context);
  run('meta.js');
  const meta = records.find((r) => r[0] === 'meta')[1];
  for (let n = 0; n < meta.shardCount; n++) run(`shards/${n}.js`);
  for (let n = 0; n < meta.synonymShardCount; n++) run(`synonyms/${n}.js`);
  for (let n = 0; n < meta.docCount; n++) run(`docs/${n}.js`);
  run('facets.js');
  return search.storeOf(records);
}

/** Runs a query as the page does (without filters unless `accept` is given): ranked doc urls. */
function searchFixture(index, query, accept) {
  const done = search.searchLoaded(index, query, accept);
  return { confidence: done.confidence, urls: done.results.map((r) => index.docs[r.doc].u) };
}

module.exports = { loadFixtureIndex, searchFixture };
