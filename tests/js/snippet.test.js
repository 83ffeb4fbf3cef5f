// Snippets: hits marked in the original text (whatever its width), a window around the densest
// hits, segments that are plain text (the page turns them into text nodes and <mark>s).
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const search = require('./scripts.js').load('search.js');

const META = { maxTokenChars: 64, lowWeight: 0.2, functionWords: [] };
const hitsFor = (query) => search.hitTest(search.parseQuery(query, META).terms);
const marked = (segments) => segments.filter((s) => s.mark).map((s) => s.text);
const joined = (segments) => segments.map((s) => s.text).join('');

test('hits are marked in the original half-width and full-width text', () => {
  const text = 'ﾌﾟﾘﾝﾀｰﾄﾞﾗｲﾊﾞｰ を再インストール、ＴＨＵＮＤＥＲＢＩＲＤ も確認';
  const segments = search.snippet(text, hitsFor('プリンター thunderbird'), 200);
  assert.deepEqual(marked(segments), ['ﾌﾟﾘﾝﾀ', 'ＴＨＵＮＤＥＲＢＩＲＤ']);
  assert.equal(joined(segments), text);
});

test('overlapping bigram hits merge into one mark', () => {
  const segments = search.snippet('設定で多要素認証を有効にする', hitsFor('多要素認証'), 200);
  assert.deepEqual(segments, [
    { text: '設定で', mark: false },
    { text: '多要素認証', mark: true },
    { text: 'を有効にする', mark: false },
  ]);
});

test('HTML in the text stays text in the segments', () => {
  const segments = search.snippet('<img src=x onerror=alert(1)>', hitsFor('onerror'), 200);
  assert.deepEqual(marked(segments), ['onerror']);
  assert.equal(joined(segments), '<img src=x onerror=alert(1)>');
});

test('a long text is cut around its densest hits with ellipses', () => {
  const text = 'あ'.repeat(300) + 'メールの設定とメールの送信' + 'い'.repeat(300);
  const segments = search.snippet(text, hitsFor('メール'), 60);
  assert.equal(segments[0].text, '…');
  assert.equal(segments[segments.length - 1].text, '…');
  assert.deepEqual(marked(segments), ['メール', 'メール']);
  assert.ok(joined(segments).length <= 62);
});

test('without hits the snippet is the start of the text', () => {
  const segments = search.snippet('abcdefghij'.repeat(20), hitsFor('zzz '), 30);
  assert.equal(segments[0].text, 'abcdefghij'.repeat(3));
  assert.equal(segments[1].text, '…');
});

test('prefix hits of the word being typed are marked', () => {
  assert.deepEqual(marked(search.snippet('Thunderbird で受信', hitsFor('thund'), 100)), ['Thunderbird']);
});

test('the window never splits a surrogate pair', () => {
  const text = '𠮷'.repeat(100) + '鍵' + '𠮷'.repeat(100);
  const segments = search.snippet(text, hitsFor('鍵'), 41);
  for (const s of segments) assert.ok(!/^[\udc00-\udfff]|[\ud800-\udbff]$/.test(s.text), JSON.stringify(s.text));
});

test('combining marks and half-width sound marks join the character before them', () => {
  // normalizeWithMap tests the common ranges before its mark regex: marks must still compose.
  for (const [text, norm] of [['cafe\u0301 ', 'café '], ['ｶﾞｲﾄﾞ', 'ガイド'], ['か\u3099', 'が'], ['漢\u302a字', '漢\u302a字']]) {
    const mapped = search.normalizeWithMap(text);
    assert.equal(mapped.norm, norm.normalize('NFKC'), JSON.stringify(text));
    assert.equal(mapped.map.length, mapped.norm.length + 1);
  }
});

test('a text tokenized for the phrase check is not tokenized again for its snippet', () => {
  const norm = search.normalize('Outlook でメールが送信できない 多要素認証');
  const tokens = search.tokensOf(norm);
  assert.deepEqual(tokens, search.tokenizeNormalized(norm));
  assert.equal(search.tokensOf(norm), tokens);
});
