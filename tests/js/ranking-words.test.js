// Ranking: which of a query's words decides the order. The typed word and a broader word for it
// both count on a page that has both; a title that asks what the query asks decides a near tie.
// On hand-made postings.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const search = require('./scripts.js').load('search.js');
const { encode, handMadeMeta } = require('./postings.js');

const META = handMadeMeta(['to', 'my', 'on', 'how']);
const order = (query, shard, table) => search.rankQuery(query, META, () => shard, null, table).scored.map((r) => r.doc);

test('a page with the typed word and a broader word for it scores both, above one with only the broader word', () => {
  // Page 1 names slurm in its body and hpc, on more pages, in its title; page 2 has only hpc,
  // in a stronger place. The best of the two alone would put page 2 first.
  const table = search.synonymTable([[2, 'slurm', 'hpc']]);
  const shard = { slurm: encode([[1, 16]]), hpc: encode([[1, 20], [2, 22]]) };
  assert.deepEqual(order('slurm ', shard, table), [1, 2]);
  // An other word on no more pages than the typed word is no broader one: the best counts.
  const common = { slurm: encode([[1, 16], [3, 16], [4, 16]]), hpc: encode([[1, 20], [2, 22]]) };
  assert.deepEqual(order('slurm ', common, table).slice(0, 2), [2, 1]);
});

test('another word that shares a token with the typed word (多要素認証 for 二段階認証) is not counted twice', () => {
  // 多要素認証 is on more pages than 二段階認証's rarest token, but its 認証 is the typed word's:
  // page 1's 認証 would count once in the typed word and again in the other word.
  const table = search.synonymTable([[2, '二段階認証', '多要素認証']]);
  const other = encode([[1, 13], [2, 18]]);
  const shard = { 二段: encode([[5, 20]]), 段階: encode([[5, 20]]), 認証: encode([[1, 22], [2, 13], [3, 13]]),
    多要: other, 要素: other, 素認: other };
  assert.deepEqual(order('二段階認証 ', shard, table).slice(0, 2), [2, 1]);
});

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
