// English queries against the synonym table: open, hyphenated and closed compounds and inflected
// words meet the table's English forms, a phrase typed with spaces is one word, acronyms,
// typos, and English function words (negation, contractions) weighing as endings do.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const search = require('./scripts.js').load('search.js');
const { handMadeMeta } = require('./postings.js');

const META = handMadeMeta(['in', 'on', 'up', 'can', 't', 'cannot', 'my']);
const LOGIN = [3, 'ログイン', 'サインイン', 'login', 'sign in'];
const expand = (query, rows) => {
  const parsed = search.parseQuery(query, META);
  return search.expandQuery(parsed, search.synonymTable(rows)).map((c) => ({
    words: c.terms.map((i) => parsed.terms[i].token),
    alternatives: c.alternatives.map((a) => a.join(' ')),
  }));
};

test('an English phrase typed with spaces, a hyphen or closed, inflected or not, is one table word', () => {
  for (const q of ['sign in', 'signing in', 'sign-in', 'signin', 'log in', 'logging in', 'login']) {
    const found = expand(q, [LOGIN]);
    assert.equal(found.length, 1, q);
    assert.ok(found[0].alternatives.includes('ログ グイ イン'), q);
    assert.ok(!found[0].words.includes('on'), q);
  }
  assert.deepEqual(expand('sign in', [LOGIN])[0].words, ['sign', 'in']);
  assert.deepEqual(expand('emails', [[1, 'メール', 'e-mail']])[0].alternatives, ['メル']);
});

test('a function word starts no expansion of its own, and negation weighs as an ending', () => {
  assert.deepEqual(expand('turn on', [[1, 'オン', 'on']]), []);
  assert.deepEqual(expand('set up', [[1, 'アップ', 'up']]), []);
  const parsed = search.parseQuery("can't log in", META);
  assert.deepEqual(parsed.terms.filter((t) => !t.minor).map((t) => t.token), ['log']);
});

test("an English name's initials find the table word written so (multi-factor authentication: MFA)", () => {
  const mfa = [1, '多要素認証', 'mfa'];
  assert.deepEqual(expand('multi-factor authentication', [mfa])[0].words,
    ['multi-factor', 'multi', 'factor', 'authentication']);
  assert.deepEqual(expand('virtual private network', [[1, 'vpn', '仮想専用線']])[0].alternatives, ['vpn']);
  // Two initials spell too many words by chance.
  assert.deepEqual(expand('new phone', [[1, '番号', 'np']]), []);
});

test('an English word one edit from a table word finds its group only when no page has the word', () => {
  const table = search.synonymTable([[1, 'パスワード', 'password']]);
  assert.deepEqual(expand('pasword', [[1, 'パスワード', 'password']])[0].alternatives, ['パス スワ ワド']);
  assert.deepEqual(expand('paswd', [[1, 'パスワード', 'password']]), []);
  // 'U' is the postings of one page (document 0, weight level 20).
  const withTypo = { パス: 'U', スワ: 'U', ワド: 'U' };
  const ranked = search.rankQuery('pasword ', META, () => withTypo, null, table);
  assert.ok(ranked.scored.length > 0, 'the typo finds the other word');
  const typedOnAPage = search.rankQuery('pasword ', META, () => ({ ...withTypo, pasword: 'U' }), null, table);
  assert.equal(typedOnAPage.parsed.alternativeTokens.length, 0, 'a word the pages use is no typo');
});

test('an English word in the past tense (failed) finds no katakana word by sound; folder and speed do', () => {
  // failed and フォルダ are both f l d: Japanese borrows English words bare or in -ing.
  const table = search.synonymTable([], []);
  table.kana = ['フォルダ', 'スピード'];
  const sounds = (q) => search.expandQuery(search.parseQuery(q, META), table).map((c) => c.alternatives.map((a) => a.join(' ')).join('|'));
  assert.deepEqual(sounds('folder '), ['フオ オル ルダ']);
  assert.deepEqual(sounds('speed '), ['スピ ピド']);
  assert.deepEqual(sounds('failed '), []);
});
