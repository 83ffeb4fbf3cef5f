// Results are sorted natively (search-score.js sortByScore) rather than with a comparator, which
// a first query's thousands of results make slow: the order must be byScore's exactly.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const search = require('./scripts.js').load('search.js');

function randomResults(n, seed, distinctScores) {
  let s = seed;
  const next = (m) => { s = (Math.imul(s, 1103515245) + 12345) & 0x7fffffff; return s % m; };
  const docs = new Set();
  while (docs.size < n) docs.add(next(n * 4));
  // Few distinct scores, as quantised weights give: many ties broken by document number.
  return [...docs].map((doc) => ({ doc, score: (1 + next(distinctScores)) / 7, coverage: 1 }));
}

test('sortByScore gives the order of byScore, ties by document number', () => {
  for (const [n, distinct] of [[0, 1], [5, 2], [63, 3], [64, 3], [500, 5], [3000, 40], [2000, 100000]]) {
    const results = randomResults(n, n + distinct, distinct);
    const expected = results.slice().sort(search.byScore);
    assert.deepEqual(search.sortByScore(results).map((r) => r.doc), expected.map((r) => r.doc), `${n} results`);
  }
});

test('sortByScore leaves its input as it was', () => {
  const results = randomResults(200, 3, 4);
  const before = results.map((r) => r.doc);
  search.sortByScore(results);
  assert.deepEqual(results.map((r) => r.doc), before);
});
