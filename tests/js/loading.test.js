// The page loads a query's files in rounds (filesFor: synonym shards of its tokens' first
// characters and postings shards of its words, then those of the other words found): the
// ranking must be the one over the whole index.
'use strict';
const test = require('node:test');
const assert = require('node:assert');
const fs = require('node:fs');
const path = require('node:path');
const vm = require('node:vm');
const search = require('./scripts.js').load('search.js');
const { loadFixtureIndex } = require('./fixture-index.js');

const INDEX_DIR = path.join(__dirname, '..', 'fixtures', 'search', 'index', 'search');

/** A store that holds only the files it is given, run as the browser runs them. */
function partialStore() {
  const store = search.emptyStore();
  const context = vm.createContext({ self: { FAQBOOK_SEARCH_DATA: { push: (r) => search.receive(store, r) } } });
  const loaded = [];
  const load = (file) => {
    loaded.push(file);
    vm.runInContext(fs.readFileSync(path.join(INDEX_DIR, file), 'utf8'), context);
  };
  load('meta.js');
  for (let n = 0; n < store.meta.docCount; n++) load(`docs/${n}.js`);
  return { store, loaded, load };
}

const QUERIES = ['多要素認証 メール', 'ワイファイ 接続', 'サンダーバード', 'password reset', 'エクセル', 'つながらない',
  'Outlookでメールが送信できない', 'ｳｪﾋﾞﾅｰ', 'pw'];

test('a query ranked on the files filesFor asks for, round by round, ranks as over the whole index', () => {
  const whole = loadFixtureIndex();
  for (const query of QUERIES) {
    const { store, loaded, load } = partialStore();
    let rounds = 0;
    for (let files = search.filesFor(query, store.meta, store); files.length; files = search.filesFor(query, store.meta, store)) {
      files.forEach(load);
      assert.ok(++rounds <= 3, `${query}: ${rounds} rounds`);
    }
    const urls = (s) => search.searchLoaded(s, query).results.map((r) => s.docs[r.doc].u);
    assert.deepEqual(urls(store), urls(whole), query);
    assert.ok(!loaded.includes('facets.js'), query);
  }
});

test('synonym rows are filed in row order whatever order their shards arrive in', () => {
  const rows = { 0: [1, 'ログイン', 'サインイン'], 1: [1, 'ログオン', 'login'] };
  const forward = search.synonymTable(rows);
  const backward = search.addSynonyms(search.addSynonyms(search.synonymTable({}), { 1: rows[1] }), { 0: rows[0] });
  assert.deepEqual(backward.byChar, forward.byChar);
  assert.deepEqual(forward.byChar['ロ'], [[0, 1], [1, 1]]);
});

test('the typed words\' files, asked for first, are files the query needs and need no synonym shard', () => {
  for (const query of QUERIES) {
    const { store } = partialStore();
    const typed = search.filesFor(query, store.meta, store, true);
    const all = search.filesFor(query, store.meta, store);
    assert.ok(typed.length > 0, query);
    assert.deepEqual(typed.filter((f) => !all.includes(f)), [], query);
    // Every synonym shard of the first round is there: the other words' shards are found once they load.
    assert.deepEqual(typed.filter((f) => f.startsWith('synonyms/')), all.filter((f) => f.startsWith('synonyms/')), query);
  }
});
