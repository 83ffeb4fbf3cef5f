/*
 * faqbook search, part 6 of 7: ranking. Decoding the index files (shards, postings), each query
 * term's matches, the adjacency re-rank and counterparts, a whole query from files to results.
 * Needs search-text.js, search-query.js, search-synonyms.js, search-confidence.js and
 * search-score.js.
 */
(function (root) {
  'use strict';
  // Browser: the search scripts share one object, in load order. Node (tests, benches): require.
  var node = typeof module !== 'undefined' && module.exports;
  var lib = node ? Object.assign({}, require('./search-score.js')) : (root.FAQBOOK_SEARCH_LIB = root.FAQBOOK_SEARCH_LIB || {});
  var normalize = lib.normalize;
  var tokenize = lib.tokenize;
  var tokensOf = lib.tokensOf;
  var isCjk = lib.isCjk;
  var oneKanjiForm = lib.oneKanjiForm;
  var isWordToken = lib.isWordToken;
  var stem = lib.stem;
  var withoutJoiners = lib.withoutJoiners;
  var withinOneEdit = lib.withinOneEdit;
  var parseQuery = lib.parseQuery;
  var adjacentPairs = lib.adjacentPairs;
  var synonymTable = lib.synonymTable;
  var addSynonyms = lib.addSynonyms;
  var firstChar = lib.firstChar;
  var expandQuery = lib.expandQuery;
  var alternativeTokens = lib.alternativeTokens;
  var mayStartWord = lib.mayStartWord;
  var confidence = lib.confidence;
  var scoreDocuments = lib.scoreDocuments;
  var byScore = lib.byScore;
  var headWords = lib.headWords;
  var unknownWords = lib.unknownWords;
  var explainedBy = lib.explainedBy;

  var VARINT_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  // Query-side ranking rules (the index side, BM25 over fields, is in src/search/index.rs).
  // Other forms of a typed word count for less than the word itself.
  var PREFIX_FACTOR = 0.4;
  var VARIANT_FACTOR = 0.8;
  var TYPO_FACTOR = 0.5;
  var TYPO_MIN_CHARS = 5;
  var MAX_PREFIX_EXPANSIONS = 30;
  var ADJACENCY_BONUS = 0.5;
  // A FAQ page is titled by the question it answers: among the first RERANK_COUNT, a page whose
  // title asks what the query asks (where, how; やり方, 方法) scores this much more. Small: it
  // decides between pages the query's words find about as good, not against them.
  var ASKS_LIKE_TITLE_BONUS = 0.05;
  // The English function words that ask (the others, the and to, are in every English title).
  var ENGLISH_QUESTION_WORD = /^(how|what|where|when|why|which|who)$/;
  var RERANK_COUNT = 20;
  // A result's counterpart (the same answer in the other language: meta.counterparts, from
  // src/search/counterparts.rs) scores this share of its score, just below it, when it is one of
  // the first COUNTERPART_DEPTH: a visitor who finds one answer should see the other too.
  var COUNTERPART_FACTOR = 0.9;
  var COUNTERPART_DEPTH = 3;

  /**
   * Index of the shard holding `token` (same as shard_of in src/search/index/postings.rs): a
   * kanji with the hiragana after it by the kanji, so a one-kanji word's forms share a shard.
   */
  function shardOf(token, shardCount) {
    var cps = Array.from(token);
    var key = oneKanjiForm(token) ? cps.slice(0, 1) : cps.length && isCjk(cps[0].codePointAt(0)) ? cps : cps.slice(0, 2);
    var hash = 0x811c9dc5;
    for (var i = 0; i < key.length; i++) {
      hash = (hash ^ key[i].codePointAt(0)) >>> 0;
      hash = Math.imul(hash, 0x01000193) >>> 0;
    }
    return hash & (Math.max(shardCount, 1) - 1);
  }

  // Digit of each character code of VARINT_ALPHABET (-1 for others): a common token's postings
  // are thousands of characters, decoded on the first query.
  var VARINT_DIGITS = new Int8Array(128).fill(-1);
  for (var d = 0; d < VARINT_ALPHABET.length; d++) VARINT_DIGITS[VARINT_ALPHABET.charCodeAt(d)] = d;

  /** Decodes a string of variable-length numbers (little-endian 5-bit groups, see index.rs). */
  function decodeVarints(encoded) {
    var values = [];
    var value = 0, scale = 1;
    for (var i = 0; i < encoded.length; i++) {
      var code = encoded.charCodeAt(i);
      var digit = code < 128 ? VARINT_DIGITS[code] : -1;
      if (digit < 0) break;
      value += (digit & 31) * scale;
      if (digit & 32) {
        scale *= 32;
      } else {
        values.push(value);
        value = 0;
        scale = 1;
      }
    }
    return values;
  }

  /**
   * Decodes one token's postings into parallel arrays of document numbers and weight levels:
   * each number is (gap << 5) | level, gap counting the documents skipped since the last one.
   * decodeVarints' loop without its array of numbers: a common word's postings are thousands,
   * decoded on the first query, before the JIT has warmed up.
   */
  function decodePostings(encoded) {
    var docs = [], levels = [];
    var next = 0, value = 0, scale = 1;
    for (var i = 0; i < encoded.length; i++) {
      var code = encoded.charCodeAt(i);
      var digit = code < 128 ? VARINT_DIGITS[code] : -1;
      if (digit < 0) break;
      value += (digit & 31) * scale;
      if (digit & 32) {
        scale *= 32;
        continue;
      }
      var doc = next + Math.floor(value / 32);
      docs.push(doc);
      levels.push(value % 32);
      next = doc + 1;
      value = 0;
      scale = 1;
    }
    return { docs: docs, levels: levels };
  }

  /**
   * Postings of each term from loaded shards: [{token, weight, matches: [{token, factor,
   * postings}]}]. Besides the exact token, a word also matches its inflections in the index
   * (VARIANT_FACTOR), a word of TYPO_MIN_CHARS or more that the index lacks matches the index's
   * words one edit away (TYPO_FACTOR), and the word being typed its completions
   * (PREFIX_FACTOR). A Latin token's shard holds every word with its first two letters, so
   * these come from the one shard the token is in. `shardFor(token)` returns the shard object.
   */
  function gatherPostings(terms, shardFor) {
    return terms.map(function (term) {
      // Particles and endings are left out: they say nothing about what the query is about
      // (no coverage), and their postings, on most pages of a large site, cost the most to
      // load and decode. The phrase check (adjacency) still sees them.
      var shard = term.minor ? {} : shardFor(term.token) || {};
      var has = function (key) { return Object.prototype.hasOwnProperty.call(shard, key); };
      var found = {}, forms = {};
      var add = function (key, factor, form) {
        if (!found[key] || found[key] < factor) found[key] = factor;
        if (form) forms[key] = true;
      };
      if (has(term.token)) add(term.token, 1);
      // A one-kanji word inflects and takes any particle (遅い 遅く, 使う 使い 使え, 紙が 紙を):
      // the same kanji before other hiragana is the word in another form.
      if (oneKanjiForm(term.token)) {
        Object.keys(shard).forEach(function (key) {
          if (key !== term.token && key.codePointAt(0) === term.token.codePointAt(0) && oneKanjiForm(key)) add(key, VARIANT_FACTOR, true);
        });
      }
      if (isWordToken(term.token)) {
        var keys = Object.keys(shard).sort();
        var s = stem(term.token);
        var bare = withoutJoiners(term.token);
        var typos = !has(term.token) && Array.from(term.token).length >= TYPO_MIN_CHARS;
        var spelt = americanSpelling(term.token);
        keys.forEach(function (key) {
          if (key === term.token || !isWordToken(key)) return;
          if (s !== term.token || /^[a-z]{4,}$/.test(term.token)) {
            if (stem(key) === s) add(key, VARIANT_FACTOR, true);
          }
          // licence finds license, colour color, centre center, organise organize.
          if (spelt && americanSpelling(key) === spelt) add(key, VARIANT_FACTOR, true);
          if (typos && Array.from(key).length >= TYPO_MIN_CHARS && withinOneEdit(key, term.token)) add(key, TYPO_FACTOR);
          // wifi finds wi-fi and e-mail finds email: the same word with or without joiners.
          if (bare.length >= 3 && withoutJoiners(key) === bare) add(key, VARIANT_FACTOR, true);
        });
        if (term.prefix) {
          keys.filter(function (key) {
            return key !== term.token && key.lastIndexOf(term.token, 0) === 0;
          }).slice(0, MAX_PREFIX_EXPANSIONS).forEach(function (key) { add(key, PREFIX_FACTOR); });
        }
      }
      var matches = Object.keys(found).sort().map(function (key) {
        return { token: key, factor: found[key], postings: decodePostings(shard[key]) };
      });
      shareForms(matches, term.token, forms);
      return { token: term.token, weight: term.weight || 1, minor: !!term.minor, inflected: !!term.inflected, matches: matches };
    });
  }

  /**
   * An English word of 5 letters or more as American spelling writes its stem (licenc: licens,
   * colour: color, centr: center, organis: organiz, analys: analyz, catalogu: catalog,
   * cancell: cancel, programm: program), '' for another word. Helpdesk pages and the people
   * asking spell one word the British or the American way, and the two never mean different
   * things; the index must have the other spelling for it to count.
   */
  function americanSpelling(word) {
    if (!/^[a-z]{5,}$/.test(word)) return '';
    var w = stem(word);
    if (w.length < 4) return '';
    return w.replace(/enc$/, 'ens').replace(/our(abl|it)?$/, 'or$1').replace(/([b-df-hj-np-tv-z])r$/, '$1er')
      .replace(/([iy])s$/, '$1z').replace(/ogu$/, 'og').replace(/([a-z]{4})ll$/, '$1l').replace(/mm$/, 'm');
  }

  /**
   * The typed word and its other forms (`forms`: inflections, the word with or without
   * joiners) are one word: their idf is that of the pages having any of them (`df`), so a
   * rare form (多すぎる beside 多い) weighs no more than the word, and a page with another form
   * covers only its factor's share of the word (`cover`).
   */
  function shareForms(matches, token, forms) {
    var word = matches.filter(function (m) { return m.token === token || forms[m.token]; });
    if (!word.some(function (m) { return forms[m.token]; })) return;
    var pages = {};
    word.forEach(function (m) { m.postings.docs.forEach(function (d) { pages[d] = true; }); });
    var df = Object.keys(pages).length;
    word.forEach(function (m) {
      m.df = df;
      if (forms[m.token]) m.cover = m.factor;
    });
  }

  /**
   * `results` (by score) with each of the first COUNTERPART_DEPTH results' counterpart lifted to
   * COUNTERPART_FACTOR of its score (added when the query missed it; `accept` still filters),
   * covering as much as it; re-sorted.
   */
  function withCounterparts(results, counterparts, accept) {
    var pairs = counterparts || [];
    var lifted = false;
    results.slice(0, COUNTERPART_DEPTH).forEach(function (r) {
      var other;
      for (var i = 0; i + 1 < pairs.length; i += 2) {
        if (pairs[i] === r.doc) other = pairs[i + 1];
        else if (pairs[i + 1] === r.doc) other = pairs[i];
      }
      if (other === undefined || (accept && !accept(other))) return;
      var score = r.score * COUNTERPART_FACTOR;
      var own = results.filter(function (x) { return x.doc === other; })[0];
      if (own && own.score >= score) return;
      if (!own) results.push(own = { doc: other, score: 0, coverage: 0 });
      own.score = score;
      own.coverage = Math.max(own.coverage, r.coverage);
      lifted = true;
    });
    return lifted ? results.sort(byScore) : results;
  }

  /**
   * The share of the query's adjacent pairs (parseQuery) that are adjacent in the stored
   * document's title or text: 1 when the page has the whole phrase, 0 when its hits are
   * scattered.
   */
  function adjacency(stored, pairs) {
    if (!pairs.length) return 0;
    var wanted = {};
    pairs.forEach(function (p) { wanted[p.slice(0, p.indexOf(' '))] = true; });
    var present = {};
    [stored.t || '', stored.x || ''].forEach(function (text) {
      // Only the runs of tokens that start a query pair make pairs (a page has thousands).
      var tokens = tokensOf(normalize(text));
      for (var i = 0; i + 1 < tokens.length; i++) {
        if (!wanted[tokens[i].token]) continue;
        var j = i + 1;
        while (j < tokens.length && j <= i + 8 && tokens[j].start < tokens[i].end && isWordToken(tokens[i].token)) j++;
        adjacentPairs(tokens.slice(i, j + 1)).forEach(function (p) { present[p] = true; });
      }
    });
    var found = pairs.filter(function (p) { return present[p]; }).length;
    return found / pairs.length;
  }

  /**
   * Re-ranks the first `count` results by phrase adjacency (× 1 + ADJACENCY_BONUS × share of
   * adjacent pairs) and by whether their title has one of `asks`, the query's question words
   * (× 1 + ASKS_LIKE_TITLE_BONUS), given their stored documents.
   */
  function rerankByAdjacency(results, storedByDoc, pairs, count, asks) {
    var head = results.slice(0, count).map(function (r) {
      var stored = storedByDoc(r.doc);
      var a = stored ? adjacency(stored, pairs) : 0;
      var asksLike = stored && asks && asks.length && tokensOf(normalize(stored.t || '')).some(function (t) {
        return asks.indexOf(t.token) >= 0;
      });
      var score = r.score * (1 + ADJACENCY_BONUS * a) * (asksLike ? 1 + ASKS_LIKE_TITLE_BONUS : 1);
      return { doc: r.doc, score: score, coverage: r.coverage, adjacency: a };
    });
    head.sort(byScore);
    return head.concat(results.slice(count));
  }

  /**
   * The shards a query needs, its content words' and their synonyms' (loaded before ranking;
   * gatherPostings reads no minor token).
   */
  function shardsFor(parsed, meta, table) {
    var seen = {};
    var concepts = expandQuery(parsed, table);
    promoteWords(parsed, concepts);
    parsed.terms.forEach(function (t) { if (!t.minor) seen[shardOf(t.token, meta.shardCount)] = true; });
    alternativeTokens(concepts).forEach(function (t) { seen[shardOf(t, meta.shardCount)] = true; });
    return Object.keys(seen).map(Number).sort(function (a, b) { return a - b; });
  }

  /**
   * Two or more hiragana tokens that spell a word of the synonym table (つながらない: つながる, a
   * verb with other words for it) say what the query is about, not how it is phrased: they weigh as a
   * word and count for coverage. Not a question word (やり方: its other words, 方法 and 仕方,
   * ask how too).
   */
  function promoteWords(parsed, concepts) {
    concepts.forEach(function (c) {
      var terms = c.terms.map(function (i) { return parsed.terms[i]; });
      // One hiragana bigram (ない, たい) is an ending more often than a word.
      if (terms.length < 2 || !terms.every(function (t) { return t.minor; })) return;
      if (terms.some(function (t) { return t.asks; })) return;
      terms.forEach(function (t) {
        t.minor = false;
        t.weight = Math.max(t.weight, 1 / terms.length);
      });
    });
  }

  /**
   * Whether some page has every one of `terms` in one of its forms: a word whose tokens no one
   * page has together (ワン, ドラ and イブ on different pages) is a word the site does not use.
   */
  function pagesWithAll(terms) {
    var count = null;
    for (var k = 0; k < terms.length; k++) {
      var docs = {};
      terms[k].matches.forEach(function (m) { m.postings.docs.forEach(function (d) { docs[d] = true; }); });
      if (count) Object.keys(count).forEach(function (d) { if (!docs[d]) delete count[d]; });
      else count = docs;
      if (!Object.keys(count).length) return false;
    }
    return !!count && Object.keys(count).length > 0;
  }

  /**
   * Marks as `joint` the bigrams of a kanji compound that no page has between two that some
   * page has (or a question word): 修登 in 履修登録, 請方 in 申請方法. They straddle the two
   * words the compound is made of, which pages also write apart (履修の登録), so they take
   * nothing from coverage once both words are found.
   */
  function markJoints(parsed, gathered) {
    var known = function (i) { return i !== undefined && (gathered[i].minor || gathered[i].matches.length > 0); };
    parsed.words.forEach(function (word) {
      if (word.script !== 'c') return;
      for (var k = 1; k + 1 < word.terms.length; k++) {
        var term = gathered[word.terms[k]];
        if (!term.matches.length && known(word.terms[k - 1]) && known(word.terms[k + 1])) term.joint = true;
      }
    });
  }

  /** Candidates before the documents are loaded: {parsed, scored}. */
  function rankQuery(query, meta, shardFor, accept, table) {
    var parsed = parseQuery(query, meta);
    var concepts = expandQuery(parsed, table);
    promoteWords(parsed, concepts);
    var gathered = gatherPostings(parsed.terms, shardFor);
    markJoints(parsed, gathered);
    concepts = concepts.filter(function (c) {
      // A typed word the pages use is no typo (englishConcepts' typo concepts).
      if (c.typo) return !c.terms.some(function (i) { return gathered[i].matches.some(function (m) { return m.token === gathered[i].token; }); });
      return !c.loan || !pagesWithAll(c.terms.map(function (i) { return gathered[i]; }));
    });
    // A weak trigger (スパム: also the meat) that no page writes has no other sense on this
    // site: its other words are all the site says about it.
    concepts.forEach(function (c) {
      if (c.weak && c.terms.every(function (i) { return !gathered[i].matches.length; })) c.weak = false;
    });
    // Each other word's postings are decoded once: termMasses and alternativeScores both read them.
    var decoded = new Map();
    var altPostings = function (token) {
      if (decoded.has(token)) return decoded.get(token);
      var shard = shardFor(token);
      var postings = shard && Object.prototype.hasOwnProperty.call(shard, token) ? decodePostings(shard[token]) : null;
      decoded.set(token, postings);
      return postings;
    };
    parsed.alternativeTokens = alternativeTokens(concepts);
    var heads = headWords(parsed, gathered, concepts);
    return {
      parsed: parsed,
      scored: withCounterparts(scoreDocuments(gathered, meta, accept, concepts, altPostings), meta.counterparts, accept),
      unknown: unknownWords(parsed, gathered, concepts),
      heads: heads,
      // The unknown words once the first results are loaded: some name another word for them.
      unknownOnceLoaded: function (results, storedByDoc) {
        return unknownWords(parsed, gathered, concepts, explainedBy(results, heads, storedByDoc));
      }
    };
  }

  /** The final order once the first RERANK_COUNT documents are loaded: {results, confidence}. */
  function finishQuery(ranked, storedByDoc) {
    var asks = ranked.parsed.terms.filter(function (t) {
      return t.asks && (!isWordToken(t.token) || ENGLISH_QUESTION_WORD.test(t.token));
    }).map(function (t) { return t.token; });
    var results = rerankByAdjacency(ranked.scored, storedByDoc, ranked.parsed.pairs, RERANK_COUNT, asks);
    var unknown = ranked.unknownOnceLoaded ? ranked.unknownOnceLoaded(results, storedByDoc) : ranked.unknown || [];
    var sure = results.length && !unknown.length;
    var sureOf = sure ? confidence(results, ranked.heads, storedByDoc) : 'low';
    return { results: results, confidence: sureOf, unknown: unknown };
  }

  /**
   * The index files (paths under search/) a query needs that `store` lacks: the synonym shards
   * of its tokens' first characters, and the postings shards of its content words and of the
   * other words the synonyms loaded so far give them. The page loads them and asks again until
   * nothing is missing (two or three rounds): the query is then ranked as over the whole index.
   * `typedOnly`: only the files of the typed words, which need no synonym lookup (asked first).
   */
  function filesFor(query, meta, store, typedOnly) {
    var parsed = parseQuery(query, meta);
    var files = [];
    var add = function (file) { if (files.indexOf(file) < 0) files.push(file); };
    var count = meta.synonymShardCount || 0;
    parsed.parts.forEach(function (tokens) {
      tokens.forEach(function (t, i) {
        if (!mayStartWord(tokens, i)) return;
        var n = count ? shardOf(firstChar(t.token), count) : -1;
        if (n >= 0 && !store.synonymShards[n]) add('synonyms/' + n + '.js');
      });
    });
    var shards = typedOnly ? parsed.terms.filter(function (t) { return !t.minor; }).map(function (t) {
      return shardOf(t.token, meta.shardCount);
    }) : shardsFor(parsed, meta, synonymsOf(store));
    shards.forEach(function (n) {
      if (!store.shards[n]) add('shards/' + n + '.js');
    });
    return files;
  }

  /** The synonym table of the shards in `store`, with the site's title words once meta is in. */
  function synonymsOf(store) {
    var table = store.synonymTable || (store.synonymTable = synonymTable({}, []));
    if (store.meta && table.latinOf !== store.meta) {
      table.latinOf = store.meta;
      table.latin = store.meta.latinWords || [];
      table.kana = store.meta.kanaWords || [];
      table.sounds = null;
      table.kanaSounds = null;
    }
    return table;
  }

  /** An empty store of index records, filled by `receive`. */
  function emptyStore() {
    return { meta: null, shards: {}, docs: {}, facets: null, synonymShards: {}, synonymTable: null };
  }

  /** Files one data script's record (src/search/index/mod.rs lists the kinds) into `store`. */
  function receive(store, record) {
    var kind = record[0];
    if (kind === 'meta') store.meta = record[1];
    else if (kind === 'shard') store.shards[record[1]] = record[2];
    else if (kind === 'doc') store.docs[record[1]] = record[2];
    else if (kind === 'facets') store.facets = decodeVarints(record[1]);
    else if (kind === 'synonyms' && !store.synonymShards[record[1]]) {
      store.synonymShards[record[1]] = true;
      addSynonyms(synonymsOf(store), record[2]);
    }
  }

  /**
   * A whole search over data already in memory (a store of `receive`), as the page runs it: for
   * tests and the quality bench.
   */
  function searchLoaded(store, query, accept) {
    var meta = store.meta;
    var ranked = rankQuery(query, meta, function (t) { return store.shards[shardOf(t, meta.shardCount)]; }, accept,
      synonymsOf(store));
    var done = finishQuery(ranked, function (d) { return store.docs[d]; });
    done.parsed = ranked.parsed;
    return done;
  }

  /** A store of index records (the data scripts' payloads) for searchLoaded. */
  function storeOf(records) {
    var store = emptyStore();
    records.forEach(function (r) { receive(store, r); });
    return store;
  }

  lib.shardOf = shardOf;
  lib.decodeVarints = decodeVarints;
  lib.decodePostings = decodePostings;
  lib.gatherPostings = gatherPostings;
  lib.americanSpelling = americanSpelling;
  lib.adjacency = adjacency;
  lib.rerankByAdjacency = rerankByAdjacency;
  lib.withCounterparts = withCounterparts;
  lib.shardsFor = shardsFor;
  lib.rankQuery = rankQuery;
  lib.finishQuery = finishQuery;
  lib.searchLoaded = searchLoaded;
  lib.filesFor = filesFor;
  lib.synonymsOf = synonymsOf;
  lib.emptyStore = emptyStore;
  lib.receive = receive;
  lib.storeOf = storeOf;
  lib.RERANK_COUNT = RERANK_COUNT;
  if (node) module.exports = lib;
})(typeof self !== 'undefined' ? self : this);
