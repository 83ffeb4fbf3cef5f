// The search page end to end in a stand-in for the browser (scripts appended to the page run
// the fixture index's files, asynchronously, then fire onload): what it shows for ?q= is
// searchLoaded's order, and each result document is tokenized as it arrives (search.js
// loadDocs), before the phrase check (finishQuery) reads it.
'use strict';
const test = require('node:test');
const assert = require('node:assert');
const fs = require('node:fs');
const path = require('node:path');
const vm = require('node:vm');
const { dir } = require('./scripts.js');
const search = require('./scripts.js').load('search.js');
const { loadFixtureIndex } = require('./fixture-index.js');

const SITE = path.join(__dirname, '..', 'fixtures', 'search', 'index');
const PARTS = ['search-text.js', 'search-query.js', 'search-synonyms.js', 'search-confidence.js', 'search-score.js',
  'search-rank.js', 'search.js'];

function element(tag, attrs) {
  const el = {
    tagName: tag.toUpperCase(), attrs: attrs || {}, children: [], textContent: '', listeners: {},
    getAttribute: (k) => (k in el.attrs ? el.attrs[k] : null),
    hasAttribute: (k) => k in el.attrs,
    setAttribute: (k, v) => { el.attrs[k] = String(v); },
    removeAttribute: (k) => { delete el.attrs[k]; },
    appendChild: (c) => { el.children.push(c); return c; },
    replaceChildren: () => { el.children = []; },
    addEventListener: (type, fn) => { el.listeners[type] = fn; },
    querySelectorAll: () => [],
  };
  return el;
}

/**
 * Opens search.html?q=`query` over the fixture index; resolves with the page once it shows
 * results (at once for an empty query). `events` lists, in order, each file the page asks for
 * ('load <src>') and each history entry it writes ('pushState').
 */
function openPage(query) {
  const events = [];
  const ids = {
    'faqbook-search-input': element('input', { name: 'q' }),
    'faqbook-search-form': element('form'),
    'faqbook-search-message': element('p'),
  };
  ids['faqbook-search-input'].value = '';
  const list = element('ol', { 'data-search-results': '' });
  const meta = element('script', { src: 'search/meta.js', 'data-faqbook-search-index': '' });
  const onReady = [];
  let context;
  const runFile = (file, script) => {
    context.document.currentScript = script;
    vm.runInContext(fs.readFileSync(file, 'utf8'), context);
    context.document.currentScript = null;
  };
  const document = {
    readyState: 'loading',
    currentScript: null,
    documentElement: { lang: 'ja' },
    head: {
      appendChild: (el) => {
        events.push('load ' + el.src);
        // A file:// script: it runs later, then its onload fires.
        setImmediate(() => {
          const file = path.join(SITE, el.src);
          if (!fs.existsSync(file)) return el.onerror();
          runFile(file, el);
          el.onload();
        });
      },
    },
    createElement: (tag) => element(tag),
    createTextNode: (text) => ({ text }),
    addEventListener: (type, fn) => { if (type === 'DOMContentLoaded') onReady.push(fn); },
    querySelector: (sel) => (sel === '[data-search-results]' ? list : sel === 'script[data-faqbook-search-index]' ? meta : null),
    getElementById: (id) => ids[id] || null,
  };
  context = vm.createContext({
    document, URLSearchParams, setTimeout, clearTimeout,
    location: { search: '?q=' + encodeURIComponent(query), pathname: '/search.html', hash: '' },
    history: { pushState() { events.push('pushState'); }, replaceState() { events.push('replaceState'); } },
    addEventListener() {},
  });
  context.self = context;
  context.window = context;
  PARTS.forEach((name) => runFile(path.join(dir, name), element('script', { src: 'static/' + name })));
  const lib = context.FAQBOOK_SEARCH_LIB;
  const tokenized = new Set();
  const tokensOf = lib.tokensOf;
  lib.tokensOf = (norm) => { tokenized.add(norm); return tokensOf(norm); };
  const store = { finishedWith: null };
  const finishQuery = lib.finishQuery;
  lib.finishQuery = (ranked, storedByDoc) => {
    // The documents the phrase check reads, and whether each had been tokenized by then.
    store.finishedWith = ranked.scored.slice(0, lib.RERANK_COUNT).map((r) => storedByDoc(r.doc))
      .filter(Boolean).map((d) => tokenized.has(lib.normalize(d.x || '')));
    return finishQuery(ranked, storedByDoc);
  };
  runFile(path.join(SITE, 'search', 'meta.js'), meta);
  document.readyState = 'interactive';
  onReady.forEach((fn) => fn());
  return new Promise((resolve, reject) => {
    const started = Date.now();
    (function wait() {
      if (list.children.length || !query) return resolve({ list, finishedWith: store.finishedWith, ids, events });
      if (Date.now() - started > 5000) return reject(new Error(query + ': no results'));
      setTimeout(wait, 5);
    })();
  });
}

const QUERIES = ['多要素認証 メール', 'Outlookでメールが送信できない', 'password reset', 'つながらない'];

test('the page shows searchLoaded\'s results in rank order, each result document tokenized before finishQuery', async () => {
  const whole = loadFixtureIndex();
  for (const query of QUERIES) {
    const { list, finishedWith } = await openPage(query);
    const expected = search.searchLoaded(whole, query).results.slice(0, 10).map((r) => whole.docs[r.doc].u);
    const shown = list.children.map((li) => li.children[0].href);
    assert.deepEqual(shown, expected, query);
    assert.ok(finishedWith && finishedWith.length > 0, query);
    assert.deepEqual(finishedWith.filter((t) => !t), [], query + ': documents not tokenized before finishQuery');
  }
});

test('a submitted query asks for its index files before it writes the history entry', async () => {
  const { list, ids, events } = await openPage('');
  const input = ids['faqbook-search-input'];
  input.value = '多要素認証 メール';
  events.length = 0;
  ids['faqbook-search-form'].listeners.submit({ preventDefault() {} });
  // pushState costs Chromium milliseconds (file:// more): spent while the files load, not before.
  const firstFile = events.findIndex((e) => e.startsWith('load search/'));
  assert.ok(firstFile >= 0 && firstFile < events.indexOf('pushState'), events.join(', '));
  const started = Date.now();
  while (!list.children.length && Date.now() - started < 5000) await new Promise((r) => setTimeout(r, 5));
  assert.ok(list.children.length > 0, 'the submitted query shows results');
});
