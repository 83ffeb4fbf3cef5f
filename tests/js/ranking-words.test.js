// Ranking: near ties. A title that asks what the query asks, and in an English query a word's
// first other word, decide between pages the query's words find about as good. On hand-made
// postings.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const search = require('./scripts.js').load('search.js');
const { encode, handMadeMeta } = require('./postings.js');

const META = handMadeMeta(['to', 'my', 'on', 'how']);
const order = (query, shard, table) => search.rankQuery(query, META, () => shard, null, table).scored.map((r) => r.doc);

test('among pages the words find equally, the one whose title asks what the query asks comes first', () => {
  const meta = { ...META, functionWords: META.functionWords.concat(['方法', 'where', 'the']) };
  const shard = { vpn: encode([[1, 20], [2, 20]]) };
  const first = (query, titles) => {
    const ranked = search.rankQuery(query, meta, () => shard, null, null);
    return search.finishQuery(ranked, (d) => ({ t: titles[d], x: '' })).results[0].doc;
  };
  assert.equal(first('vpn 方法', { 1: 'VPN の設定', 2: 'VPN の接続方法' }), 2);
  assert.equal(first('vpn where', { 1: 'VPN guide', 2: 'Where is the VPN guide' }), 2);
  // Only the words that ask: the is in every English title.
  assert.equal(first('vpn the', { 1: 'VPN guide', 2: 'The VPN guide' }), 1);
});

test("in an English query a word's first other word scores above its later ones", () => {
  // change's groups give 変更, then 変え: on pages otherwise alike, 変更's page comes first.
  const table = search.synonymTable([[2, 'change', '変更'], [2, 'change', '変え']]);
  const shard = { 変更: encode([[2, 20]]), 変え: encode([[1, 20]]) };
  assert.deepEqual(order('change ', shard, table), [2, 1]);
  // In a Japanese query the groups come in no such order: 変え's page keeps its place.
  const japanese = search.synonymTable([[3, '修正', '変更', '変え']]);
  const kanji = { 変更: encode([[2, 20]]), 変え: encode([[1, 20]]) };
  assert.deepEqual(order('修正 ', kanji, japanese), [1, 2]);
});
