// Ranking: BM25 with title/tag hits above body hits, AND before OR, phrase adjacency bonus,
// prefix completion of the word being typed, filters. On the golden fixture index and on
// hand-made postings.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const search = require('../../themes/default/static/search.js');
const { loadFixtureIndex, searchFixture } = require('./fixture-index.js');

const index = loadFixtureIndex();
const faq = (id) => `faq/${id}.html`;

test('the FAQ with every query word in its title ranks first (Japanese)', () => {
  const r = searchFixture(index, '多要素認証 メール');
  assert.equal(r.mode, 'and');
  assert.deepEqual(r.urls.slice(0, 2), [faq('utokyo-account-mfa-mail'), faq('utokyo-account-mfa-phone')]);
});

test('a title hit outranks a body hit; width and case do not matter', () => {
  for (const q of ['Thunderbird', 'ＴＨＵＮＤＥＲＢＩＲＤ', 'thunderbird']) {
    assert.deepEqual(searchFixture(index, q).urls,
      [faq('microsoft-365-thunderbird'), faq('microsoft-365-outlook-send')], q);
  }
});

test('half-width katakana finds the full-width title', () => {
  assert.equal(searchFixture(index, 'ｳｪﾋﾞﾅｰ').urls[0], faq('zoom-webinar-recording'));
});

test('documents with all terms are preferred; OR is only a fallback', () => {
  const and = searchFixture(index, 'zoom 録画');
  assert.equal(and.mode, 'and');
  assert.deepEqual(and.urls, [faq('zoom-webinar-recording')]);
  const or = searchFixture(index, '多要素認証 zoom');
  assert.equal(or.mode, 'or');
  assert.ok(or.urls.includes(faq('utokyo-account-mfa-mail')));
  assert.ok(or.urls.includes(faq('zoom-meeting-join')));
});

test('the OR fallback needs half of the query, not one common bigram', () => {
  assert.deepEqual(searchFixture(index, '存在しない語').urls, []);
});

test('the last word is completed as a prefix while typing, not after a space', () => {
  assert.equal(searchFixture(index, 'thunder').urls[0], faq('microsoft-365-thunderbird'));
  assert.deepEqual(searchFixture(index, 'thunder ').urls, []);
  assert.equal(searchFixture(index, 'passw').urls[0], faq('utokyo-account-password-reset'));
});

test('versions and e-mail addresses are searchable as written', () => {
  assert.deepEqual(searchFixture(index, '10.15').urls, [faq('zoom-webinar-recording')]);
  assert.deepEqual(searchFixture(index, 'user@example.ac.jp').urls, [faq('wi-fi-eduroam')]);
  assert.deepEqual(searchFixture(index, 'OAuth2').urls, [faq('microsoft-365-thunderbird')]);
});

test('facets filter by service and status', () => {
  const statusIdx = index.meta.statuses.indexOf('resolved');
  const n = index.meta.statuses.length;
  const resolved = (doc) => index.facets[doc] % n === statusIdx;
  assert.deepEqual(searchFixture(index, 'Thunderbird', resolved).urls, [faq('microsoft-365-outlook-send')]);
  const zoomIdx = index.meta.services.findIndex((s) => s.slug === 'zoom');
  const zoom = (doc) => Math.floor(index.facets[doc] / n) === zoomIdx;
  assert.deepEqual(searchFixture(index, 'ウェビナー', zoom).urls.sort(),
    [faq('zoom-meeting-join'), faq('zoom-webinar-recording')]);
});

// Hand-made postings: encode (doc, level) pairs the way src/search/index.rs does.
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
function encode(pairs) {
  let out = '', next = 0;
  for (const [doc, level] of pairs) {
    let v = (doc - next) * 32 + level;
    do {
      const group = v % 32;
      v = Math.floor(v / 32);
      out += ALPHABET[group | (v > 0 ? 32 : 0)];
    } while (v > 0);
    next = doc + 1;
  }
  return out;
}
const META = { docCount: 100, weightBase: 0.1, weightLevelsPerOctave: 4 };

test('postings decode to documents and levels (gaps, multi-digit numbers)', () => {
  const pairs = [[0, 3], [1, 31], [2, 0], [40, 7], [5000, 12]];
  const p = search.decodePostings(encode(pairs));
  assert.deepEqual(p.docs, pairs.map((x) => x[0]));
  assert.deepEqual(p.levels, pairs.map((x) => x[1]));
});

test('a rare term weighs more than a common one (idf)', () => {
  const common = Array.from({ length: 80 }, (_, i) => [i, 20]);
  const shard = { rare: encode([[90, 20]]), common: encode(common.concat([[91, 20]])) };
  // doc 90 has only the rare term, doc 91 only the common one: OR mode, rare first.
  const parsed = search.parseQuery('rare common ', 64);
  const scored = search.scoreDocuments(search.gatherPostings(parsed.terms, () => shard), META, null);
  assert.equal(scored.mode, 'or');
  assert.equal(scored.results[0].doc, 90);
  assert.ok(scored.results[0].score > scored.results[1].score);
  assert.equal(scored.results.length, 82);
});

test('a higher BM25 level ranks higher; ties keep document order', () => {
  const shard = { word: encode([[3, 10], [4, 25], [5, 10]]) };
  const parsed = search.parseQuery('word ', 64);
  const scored = search.scoreDocuments(search.gatherPostings(parsed.terms, () => shard), META, null);
  assert.deepEqual(scored.results.map((r) => r.doc), [4, 3, 5]);
});

test('adjacent bigrams (the phrase) outrank the same bigrams scattered', () => {
  const parsed = search.parseQuery('多要素認証', 64);
  const stored = {
    1: { t: '要素と多要求と素認と認証', x: '' },
    2: { t: '多要素認証', x: '' },
    3: { t: '', x: '本文に多要素認証とある' },
  };
  const results = search.rerankByPhrase(
    [{ doc: 1, score: 10 }, { doc: 3, score: 9.5 }, { doc: 2, score: 9 }], (d) => stored[d], parsed.phrases, 20);
  assert.deepEqual(results.map((r) => r.doc), [2, 3, 1]);
  assert.equal(search.phraseFactor(stored[1], parsed.phrases), 1);
  assert.ok(search.phraseFactor(stored[2], parsed.phrases) > search.phraseFactor(stored[3], parsed.phrases));
});

test('each query word counts once, however many bigrams it has', () => {
  const parsed = search.parseQuery('多要素認証 メール', 64);
  const weight = (t) => parsed.terms.find((x) => x.token === t).weight;
  assert.equal(weight('多要'), 0.25);
  assert.equal(weight('メー'), 0.5);
  assert.deepEqual(parsed.phrases, ['多要素認証', 'メール', '多要素認証 メール']);
});

test('an empty or symbol-only query has no terms', () => {
  assert.deepEqual(search.parseQuery('', 64).terms, []);
  assert.deepEqual(search.parseQuery(' 😀 、。', 64).terms, []);
  assert.deepEqual(search.scoreDocuments([], META, null).results, []);
});

test('a sentence query matches pages that word it with other particles', () => {
  const parsed = search.parseQuery('メールが受信できない', 64);
  assert.deepEqual(parsed.terms.filter((t) => t.optional).map((t) => t.token), ['ルが', 'が受', '信で']);
  const r = searchFixture(index, 'メールが受信できない');
  assert.equal(r.mode, 'and');
  assert.equal(r.urls[0], faq('microsoft-365-thunderbird'));
});

test('a query of junction bigrams only still requires them', () => {
  assert.ok(search.parseQuery('を忘', 64).terms.every((t) => !t.optional));
});

test('a final long vowel is optional, so プリンター finds プリンタ and back', () => {
  const optional = (q) => search.parseQuery(q, 64).terms.filter((t) => t.optional).map((t) => t.token);
  assert.deepEqual(optional('プリンター'), ['ター']);
  assert.deepEqual(optional('サーバー設定'), ['ー設']);
  assert.deepEqual(optional('サーバー 設定'), ['バー']);
  assert.equal(searchFixture(index, 'ﾌﾟﾘﾝﾀ').urls[0], faq('printer-cannot-print'));
  assert.equal(searchFixture(index, 'プリンタードライバー').urls[0], faq('printer-cannot-print'));
  assert.deepEqual(searchFixture(index, 'サーバ').urls.slice(0, 2).sort(),
    [faq('microsoft-365-outlook-send'), faq('microsoft-365-thunderbird')]);
});

test('a katakana-Han junction is optional only when both words have their own bigrams', () => {
  const optional = (q) => search.parseQuery(q, 64).terms.filter((t) => t.optional).map((t) => t.token);
  assert.deepEqual(optional('メール送信'), ['ル送']);
  assert.deepEqual(optional('アクセス権'), []);
  assert.deepEqual(optional('Outlookでメールが送信できない'), ['でメ', 'ルが', 'が送', '信で']);
});
