// The search page starts loading a query's index files (search.js: startEarly) as soon as
// meta.js has run, before DOMContentLoaded: the files it asks for then are the ones the
// query's first round needs (filesFor), and run() later loads each once.
'use strict';
const test = require('node:test');
const assert = require('node:assert');
const fs = require('node:fs');
const path = require('node:path');
const vm = require('node:vm');
const { dir } = require('./scripts.js');
const search = require('./scripts.js').load('search.js');

const SITE = path.join(__dirname, '..', 'fixtures', 'search', 'index');
const PARTS = ['search-text.js', 'search-query.js', 'search-synonyms.js', 'search-confidence.js', 'search-score.js',
  'search-rank.js', 'search.js'];

/** A page that is still parsing: the scripts it appends and its DOMContentLoaded listeners. */
function parsingPage(query, withResults) {
  const appended = [];
  const listeners = [];
  const element = (attrs) => ({
    attrs,
    getAttribute: (k) => (k in attrs ? attrs[k] : null),
    hasAttribute: (k) => k in attrs,
  });
  const document = {
    readyState: 'loading',
    currentScript: null,
    documentElement: { lang: 'ja' },
    head: { appendChild: (el) => appended.push(el.src) },
    createElement: () => ({}),
    addEventListener: (type, fn) => listeners.push(type),
    querySelector: (sel) => (sel === '[data-search-results]' && withResults ? element({}) : null),
    getElementById: () => null,
  };
  const context = vm.createContext({ document, location: { search: '?q=' + encodeURIComponent(query) }, URLSearchParams, Promise });
  context.self = context;
  const run = (file, script) => {
    document.currentScript = script;
    vm.runInContext(fs.readFileSync(file, 'utf8'), context);
  };
  PARTS.forEach((name) => run(path.join(dir, name), element({ src: 'static/' + name })));
  const meta = element({ src: 'search/meta.js', 'data-faqbook-search-index': '' });
  meta.src = 'search/meta.js';
  run(path.join(SITE, 'search', 'meta.js'), meta);
  return { appended, listeners };
}

test('meta.js starts the first round of the address\'s query before DOMContentLoaded', () => {
  for (const query of ['多要素認証 メール', 'password reset', 'つながらない']) {
    const { appended, listeners } = parsingPage(query, true);
    assert.deepEqual(listeners, ['DOMContentLoaded'], query);
    const store = search.emptyStore();
    search.receive(store, JSON.parse(fs.readFileSync(path.join(SITE, 'search', 'meta.js'), 'utf8')
      .replace(/^[^(]*\(self[^(]*\(/, '').replace(/\);\s*$/, '')));
    const wanted = search.filesFor(query, store.meta, store).map((f) => 'search/' + f);
    assert.ok(wanted.length > 0, query);
    assert.deepEqual([...appended].sort(), [...new Set(wanted)].sort(), query);
  }
});

test('a page without a results list (the `/` shortcut elsewhere) loads nothing early', () => {
  assert.deepEqual(parsingPage('メール', false).appended, []);
});
