// Other terms for one thing from JMdict (data/jmdict-terms/terms.tsv, scripts/jmdict-terms.py):
// loose groups, each word marked '~' as src/search/synonyms.rs writes them. A query word of such
// a group finds the site's other words for it (無線LAN: Wi-Fi, ショートメール: SMS), weakly when
// the site also writes the typed word, fully when the other word is all the site says.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const test = require('node:test');
const assert = require('node:assert/strict');
const search = require('./scripts.js').load('search.js');
const { encode, handMadeMeta } = require('./postings.js');

const DATA = path.join(__dirname, '..', '..', 'data', 'jmdict-terms', 'terms.tsv');
const META = handMadeMeta(['to', 'my', 'how']);

/**
 * The rows a site whose pages have `words` (normalised) gets from the data: [k, site words…,
 * other words…], every word marked '~', as synonyms::select writes them (without its dedup).
 */
function siteRows(words) {
  const rows = [];
  for (const line of fs.readFileSync(DATA, 'utf8').split('\n')) {
    const group = line.split('\t').filter(Boolean).map((w) => w.normalize('NFKC').toLowerCase());
    const here = group.filter((w) => words.includes(w));
    if (!here.length || group.length < 2) continue;
    rows.push([here.length, ...here.map((w) => '~' + w), ...group.filter((w) => !words.includes(w)).map((w) => '~' + w)]);
  }
  return rows;
}

const tokens = (word) => search.tokenize(word);
const postings = (doc, word) => Object.fromEntries(tokens(word).map((t) => [t, encode([[doc, 20]])]));

test("a dictionary's other term for a query word finds the site's word", () => {
  const table = search.synonymTable(siteRows(['wi-fi', 'sms']));
  const alternatives = (q) => search.expandQuery(search.parseQuery(q, META), table).flatMap((c) => c.alternatives.map((a) => a.join(' ')));
  assert.ok(alternatives('無線LAN').includes(tokens('wi-fi').join(' ')), 'wireless LAN is Wi-Fi');
  assert.ok(alternatives('ショートメール').includes('sms'), 'a short mail is an SMS');
});

test('a loose group expands weakly where the site writes the typed word, fully where it does not', () => {
  const table = search.synonymTable(siteRows(['wi-fi', '無線lan']));
  const concepts = search.expandQuery(search.parseQuery('無線LAN', META), table);
  assert.ok(concepts.length && concepts[0].weak, 'a loose word expands weakly');
  // Page 1 writes 無線LAN, page 2 only Wi-Fi.
  const both = { ...postings(1, '無線lan'), ...postings(2, 'wi-fi') };
  const scored = search.rankQuery('無線LAN', META, () => both, null, table).scored;
  assert.deepEqual(scored.map((r) => r.doc), [1, 2]);
  assert.ok(scored[1].coverage < 1, 'the other term covers part of the typed one');
  const onlyWifi = search.rankQuery('無線LAN', META, () => postings(2, 'wi-fi'), null, table).scored;
  assert.deepEqual(onlyWifi.map((r) => r.doc), [2]);
  assert.equal(onlyWifi[0].coverage, 1, 'the only word the site has for it covers it');
});
