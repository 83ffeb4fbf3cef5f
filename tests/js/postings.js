// Hand-made postings for the JS tests, and the meta of their index: (doc, level) pairs encoded the way src/search/index
// writes them (varints of (gap << 5) | level, in the index's alphabet).
'use strict';
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

/**
 * The meta.js of a hand-made index of 100 documents, with the weight levels `encode`'s levels
 * index and the query words the test treats as function words.
 */
function handMadeMeta(functionWords) {
  return {
    docCount: 100, weightBase: 0.1, weightLevelsPerOctave: 4, maxTokenChars: 64, lowWeight: 0.2,
    functionWords: functionWords,
  };
}

module.exports = { encode, handMadeMeta };
