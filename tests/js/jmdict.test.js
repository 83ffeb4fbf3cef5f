// English query words reach the Japanese words a site's pages use through the embedded JMdict
// vocabulary (data/jmdict-english/english.tsv, src/search/english.rs), with the rows written as
// the build writes them: one row [1, japanese, gloss] for each gloss of each Japanese word the
// site has, so that an English word leads to Japanese words and no Japanese word to another.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const test = require('node:test');
const assert = require('node:assert/strict');
const search = require('./scripts.js').load('search.js');
const { encode, handMadeMeta } = require('./postings.js');

const DATA = path.join(__dirname, '..', '..', 'data', 'jmdict-english', 'english.tsv');
const META = handMadeMeta(['to', 'my', 'how']);

/** The rows a site whose pages have `words` gets from the vocabulary, in the data's order. */
function siteRows(words) {
  const rows = [];
  for (const line of fs.readFileSync(DATA, 'utf8').split('\n')) {
    const [gloss, ...japanese] = line.split('\t');
    // The gloss is marked '^' (expands only in an English query), as src/search/synonyms.rs writes it.
    japanese.filter((w) => words.includes(w)).forEach((w) => rows.push([1, w, '^' + gloss]));
  }
  return rows;
}

const SITE = ['変更', '変化', '転送', '紙詰まり', '削除', 'パスワード'];
const expand = (query, table) => {
  const parsed = search.parseQuery(query, META);
  return search.expandQuery(parsed, table).map((c) => ({
    words: c.terms.map((i) => parsed.terms[i].token),
    alternatives: c.alternatives.map((a) => a.join(' ')),
  }));
};

test("an English query word finds the site's Japanese words for it", () => {
  const table = search.synonymTable(siteRows(SITE));
  const alternatives = (q) => expand(q, table).flatMap((c) => c.alternatives);
  const has = (q, word) => alternatives(q).includes(search.tokenize(word).join(' '));
  assert.ok(has('change password', '変更'), 'change password');
  assert.ok(has('forward mail', '転送'), 'forward mail');
  assert.ok(has('printer paper jam', '紙詰まり'), 'printer paper jam');
  assert.ok(has('delete account', '削除'), 'delete account');
});

test('two Japanese words sharing a gloss are no other words for each other', () => {
  const table = search.synonymTable(siteRows(SITE));
  // change glosses both 変更 and 変化: the English word reaches both, neither reaches the other.
  assert.ok(expand('change', table)[0].alternatives.includes(search.tokenize('変化').join(' ')));
  assert.deepEqual(expand('変更', table), []);
  assert.deepEqual(expand('変化', table), []);
});

test("a page with the typed English word ranks above one with only the vocabulary's word", () => {
  const table = search.synonymTable(siteRows(SITE));
  // Page 1 writes change, page 2 only 変更, alike otherwise.
  const shard = { change: encode([[1, 20]]), 変更: encode([[2, 20]]) };
  const scored = search.rankQuery('change', META, () => shard, null, table).scored;
  assert.deepEqual(scored.map((r) => r.doc), [1, 2]);
  assert.ok(scored[1].score < scored[0].score);
});

test('a Latin word in a Japanese query is a name: it does not expand through the vocabulary', () => {
  const table = search.synonymTable(siteRows(SITE));
  const has = (q, word) => expand(q, table).flatMap((c) => c.alternatives).includes(search.tokenize(word).join(' '));
  assert.ok(has('change password', '変更'));
  // LINE の公式アカウント is about the app, not 行列 (line); so change in a Japanese sentence.
  assert.ok(!has('パスワードを change したい', '変更'));
});
