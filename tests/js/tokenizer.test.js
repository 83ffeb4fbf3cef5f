// The browser tokenizer must give exactly the tokens of the shared vectors, which the Rust
// tokenizer is checked against too (tests/search_tokenizer_vectors.rs).
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');
const fs = require('node:fs');
const search = require('./scripts.js').load('search.js');

const vectors = JSON.parse(
  fs.readFileSync(path.join(__dirname, '..', 'search', 'tokenizer_vectors.json'), 'utf8'));

test('the shared file has at least 200 vectors', () => {
  assert.ok(vectors.length >= 200, `only ${vectors.length} vectors`);
});

test('every shared vector tokenizes as expected', () => {
  const failures = vectors
    .filter((v) => JSON.stringify(search.tokenize(v.input)) !== JSON.stringify(v.tokens))
    .map((v) => `${JSON.stringify(v.input)}: expected ${JSON.stringify(v.tokens)}, got ${JSON.stringify(search.tokenize(v.input))}`);
  assert.deepEqual(failures, []);
});

test('offsets span the token in the normalized text (folded characters inside it)', () => {
  for (const v of vectors) {
    const norm = search.normalize(v.input);
    for (const t of search.tokenizeNormalized(norm)) {
      const span = Array.from(norm.slice(t.start, t.end));
      const chars = Array.from(t.token);
      // The folding rewrites kana as kana (ぱ as パ, ウィ as ウイ, ヴァ as バ), nothing else.
      const same = (a, b) => a === b || (/^[\u3041-\u3096\u30a1-\u30fa]$/.test(a) && /^[\u30a1-\u30fa]$/.test(b));
      assert.ok(same(span[0], chars[0]), JSON.stringify(v.input));
      assert.ok(same(span[span.length - 1], chars[chars.length - 1]), JSON.stringify(v.input));
      if (span.length > chars.length) assert.ok(span.slice(1, -1).every((c) => /[ー\u3041-\u3096ァィゥェォ\-‐−]/.test(c)));
    }
  }
});

test('normalizeWithMap maps half-width and full-width text back to the original', () => {
  const text = 'ﾒｰﾙとＴＨＵＮＤＥＲＢＩＲＤ';
  const { norm, map } = search.normalizeWithMap(text);
  assert.equal(norm, 'メールとthunderbird');
  assert.equal(map.length, norm.length + 1);
  const start = norm.indexOf('thunderbird');
  assert.equal(text.slice(map[start], map[start + 'thunderbird'.length]), 'ＴＨＵＮＤＥＲＢＩＲＤ');
  const kana = search.normalizeWithMap('ｳｪﾋﾞﾅｰ');
  assert.equal(kana.norm, 'ウェビナー');
  assert.equal('ｳｪﾋﾞﾅｰ'.slice(kana.map[2], kana.map[3]), 'ﾋﾞ');
});

// The shard a token is looked up in, the same as the index writer's (tests/search_tokenizer_vectors.rs).
const shardVectors = JSON.parse(
  fs.readFileSync(path.join(__dirname, '..', 'search', 'shard_vectors.json'), 'utf8'));

test('every shared shard vector is the shard the browser loads', () => {
  const failures = shardVectors
    .filter((v) => search.shardOf(v.token, v.shardCount) !== v.shard)
    .map((v) => `${JSON.stringify(v.token)} of ${v.shardCount}: expected ${v.shard}, got ${search.shardOf(v.token, v.shardCount)}`);
  assert.deepEqual(failures, []);
});
