/*
 * faqbook client-side search. No library, no build step, no fetch/XHR/modules/wasm: the index
 * is a set of classic scripts (written by src/search/index.rs, whose module doc describes the
 * files and the page markup) loaded with <script> tags, so search works from file:// too.
 *
 * Part 1 is pure helpers (tokenizer identical to src/search/tokenizer.rs, postings decoding,
 * BM25 scoring, phrase bonus, snippets) exported for Node tests. Part 2 is the page code.
 */
(function (root) {
  'use strict';

  // ---------------------------------------------------------------------------------------
  // Part 1: pure helpers
  // ---------------------------------------------------------------------------------------

  var JOINERS = '.-_@';
  var WORD_RE = /^[\p{Alphabetic}\p{N}]$/u;
  var CJK = 1, WORD = 2, JOINER = 3, SEPARATOR = 4;
  var VARINT_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  // Query-side ranking rules (the index side, BM25 over fields, is in src/search/index.rs).
  // Other forms of a typed word count for less than the word itself.
  var PREFIX_FACTOR = 0.4;
  var VARIANT_FACTOR = 0.8;
  var TYPO_FACTOR = 0.5;
  var TYPO_MIN_CHARS = 5;
  var MAX_PREFIX_EXPANSIONS = 30;
  // Score × coverage^COVERAGE_POWER: a page matching half of the query's information scores a
  // quarter of one matching all of it.
  var COVERAGE_POWER = 2;
  var ADJACENCY_BONUS = 0.5;
  // A page found through another word for a query word scores this share of a typed-word hit.
  var SYNONYM_FACTOR = 0.7;
  var MAX_ALTERNATIVES = 4;
  var MAX_EXPANDED_WORDS = 4;
  var RERANK_COUNT = 20;
  // "Nothing answers this" unless one of the first CONFIDENCE_DEPTH results covers at least
  // MIN_CONFIDENT_COVERAGE of the query's information (README, "Search").
  var CONFIDENCE_DEPTH = 3;
  var MIN_CONFIDENT_COVERAGE = 0.25;

  /** NFKC, lower case, NFKC: the form in which text is indexed and queried. */
  function normalize(text) {
    return String(text).normalize('NFKC').toLowerCase().normalize('NFKC');
  }

  /** Same ranges as is_cjk in src/search/tokenizer.rs. */
  function isCjk(cp) {
    return (cp >= 0x3005 && cp <= 0x3007) || cp === 0x303b ||
      (cp >= 0x3041 && cp <= 0x3098) || (cp >= 0x309d && cp <= 0x309f) ||
      (cp >= 0x30a1 && cp <= 0x30fa) || (cp >= 0x30fc && cp <= 0x30ff) ||
      (cp >= 0x31f0 && cp <= 0x31ff) ||
      (cp >= 0x3400 && cp <= 0x4dbf) || (cp >= 0x4e00 && cp <= 0x9fff) || (cp >= 0xf900 && cp <= 0xfaff) ||
      (cp >= 0x1b000 && cp <= 0x1b16f) ||
      (cp >= 0x20000 && cp <= 0x2fa1f) || (cp >= 0x30000 && cp <= 0x323af);
  }

  function classify(ch) {
    var cp = ch.codePointAt(0);
    if (isCjk(cp)) return CJK;
    if (WORD_RE.test(ch)) return WORD;
    if (JOINERS.indexOf(ch) >= 0) return JOINER;
    return SEPARATOR;
  }

  var PARTICLES = 'のをがはにでともへやか';
  var DASHES = '-\u2010\u2212';

  function isKana(cp) { return (cp >= 0x3041 && cp <= 0x3096) || (cp >= 0x30a1 && cp <= 0x30fa); }
  function isKatakana(cp) { return cp >= 0x30a1 && cp <= 0x30fa; }
  function isKanji(cp) {
    return isCjk(cp) && !((cp >= 0x3041 && cp <= 0x309f) || (cp >= 0x30a1 && cp <= 0x30ff) ||
      (cp >= 0x31f0 && cp <= 0x31ff) || (cp >= 0x1b000 && cp <= 0x1b16f));
  }

  /** Step 3 of tokenizer.rs: marks the characters the folding drops (long vowels, okurigana). */
  function fold(chars) {
    for (var i = 0; i < chars.length; i++) {
      var c = chars[i], cp = c.cp;
      var prev = chars[i - 1], next = chars[i + 1];
      if (c.ch === 'ー') {
        var b = i - 1;
        while (b >= 0 && chars[b].ch === 'ー') b--;
        c.dropped = i > 0 && prev.cls === CJK && b >= 0 && isKana(chars[b].cp);
      } else if (DASHES.indexOf(c.ch) >= 0) {
        if (prev && next && isKatakana(prev.cp) && isKatakana(next.cp)) {
          c.cls = CJK;
          c.dropped = true;
        }
      } else if (cp >= 0x3041 && cp <= 0x3096 && PARTICLES.indexOf(c.ch) < 0) {
        c.dropped = !!(prev && next && isKanji(prev.cp) && isKanji(next.cp));
      }
    }
  }

  /**
   * Tokens of already-normalised text with their UTF-16 offsets: [{token, start, end}].
   * Rules: see the module doc of src/search/tokenizer.rs.
   */
  function tokenizeNormalized(norm) {
    var chars = [];
    for (var i = 0; i < norm.length;) {
      var cp = norm.codePointAt(i);
      var len = cp > 0xffff ? 2 : 1;
      var ch = norm.slice(i, i + len);
      chars.push({ ch: ch, cp: cp, start: i, end: i + len, cls: classify(ch), dropped: false });
      i += len;
    }
    fold(chars);
    var tokens = [];
    var n = chars.length;
    var k = 0;
    while (k < n) {
      var cls = chars[k].cls;
      if (cls === CJK) {
        var kept = [];
        while (k < n && chars[k].cls === CJK) {
          if (!chars[k].dropped) kept.push(chars[k]);
          k++;
        }
        if (kept.length === 1) {
          tokens.push({ token: kept[0].ch, start: kept[0].start, end: kept[0].end });
        } else {
          for (var b = 0; b + 1 < kept.length; b++) {
            tokens.push({ token: kept[b].ch + kept[b + 1].ch, start: kept[b].start, end: kept[b + 1].end });
          }
        }
      } else if (cls === WORD) {
        var parts = [];
        for (;;) {
          var partStart = k;
          while (k < n && chars[k].cls === WORD) k++;
          parts.push([chars[partStart].start, chars[k - 1].end]);
          var linked = k + 1 < n && chars[k].cls === JOINER && chars[k + 1].cls === WORD;
          if (!linked) break;
          k++;
        }
        if (parts.length > 1) {
          var s = parts[0][0], e = parts[parts.length - 1][1];
          tokens.push({ token: norm.slice(s, e), start: s, end: e });
        }
        for (var p = 0; p < parts.length; p++) {
          tokens.push({ token: norm.slice(parts[p][0], parts[p][1]), start: parts[p][0], end: parts[p][1] });
        }
      } else {
        k++;
      }
    }
    return tokens;
  }

  /** Tokens of `text` in reading order, exactly as the Rust tokenizer gives them. */
  function tokenize(text) {
    return tokenizeNormalized(normalize(text)).map(function (t) { return t.token; });
  }

  /**
   * Normalises `text` cluster by cluster (a character with the marks that follow it, so
   * half-width ｶﾞ composes) and maps each UTF-16 index of the result back to `text`.
   * Returns {norm, map} with map.length === norm.length + 1.
   */
  function normalizeWithMap(text) {
    text = String(text);
    var norm = '';
    var map = [];
    var i = 0;
    while (i < text.length) {
      var start = i;
      i += text.codePointAt(i) > 0xffff ? 2 : 1;
      while (i < text.length && /^[\p{M}\uff9e\uff9f]$/u.test(String.fromCodePoint(text.codePointAt(i)))) {
        i += text.codePointAt(i) > 0xffff ? 2 : 1;
      }
      var piece = normalize(text.slice(start, i));
      for (var j = 0; j < piece.length; j++) map.push(start);
      norm += piece;
    }
    map.push(text.length);
    return { norm: norm, map: map };
  }

  /** Index of the shard holding `token` (same as shard_of in src/search/index.rs). */
  function shardOf(token, shardCount) {
    var cps = Array.from(token);
    var key = cps.length && isCjk(cps[0].codePointAt(0)) ? cps : cps.slice(0, 2);
    var hash = 0x811c9dc5;
    for (var i = 0; i < key.length; i++) {
      hash = (hash ^ key[i].codePointAt(0)) >>> 0;
      hash = Math.imul(hash, 0x01000193) >>> 0;
    }
    return hash & (Math.max(shardCount, 1) - 1);
  }

  /** Decodes a string of variable-length numbers (little-endian 5-bit groups, see index.rs). */
  function decodeVarints(encoded) {
    var values = [];
    var value = 0, scale = 1;
    for (var i = 0; i < encoded.length; i++) {
      var digit = VARINT_ALPHABET.indexOf(encoded.charAt(i));
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
   */
  function decodePostings(encoded) {
    var docs = [], levels = [];
    var next = 0;
    decodeVarints(encoded).forEach(function (value) {
      var doc = next + Math.floor(value / 32);
      docs.push(doc);
      levels.push(value % 32);
      next = doc + 1;
    });
    return { docs: docs, levels: levels };
  }

  /** BM25 idf, never negative. */
  function idf(docFreq, docCount) {
    return Math.log(1 + (docCount - docFreq + 0.5) / (docFreq + 0.5));
  }

  /** A token made only of hiragana: a particle or an ending (same rule as tokenizer.rs). */
  function isHiraganaOnly(token) {
    return /^[\u3041-\u309f]+$/.test(token);
  }

  /** A word token (Latin script, digits …) rather than a CJK bigram. */
  function isWordToken(token) {
    return token.length > 0 && !isCjk(token.codePointAt(0));
  }

  /**
   * The query as search terms. Each space-separated part counts once however many tokens it
   * has (多要素認証 is four bigrams, メール two: a part's tokens share its weight). Tokens that
   * say how a question is phrased rather than what it is about weigh `meta.lowWeight`: tokens
   * made only of hiragana, function words (`meta.functionWords`), and junction bigrams that
   * straddle a word and a particle (isJunction). The last word is a `prefix` while it may still
   * be being typed (no trailing space). `pairs` are the query's adjacent token pairs (one
   * token overlapping the next in a CJK run, or consecutive words), whose adjacency in a page
   * earns a bonus.
   */
  function parseQuery(query, meta) {
    var low = meta.lowWeight;
    var functionWords = {};
    (meta.functionWords || []).forEach(function (w) { functionWords[w] = true; });
    var byToken = {};
    var terms = [];
    var pairs = [];
    var parts = normalize(query).split(/\s+/).map(function (part) {
      return tokenizeNormalized(part).filter(function (t) { return Array.from(t.token).length <= meta.maxTokenChars; });
    }).filter(function (tokens) { return tokens.length > 0; });
    parts.forEach(function (tokens) {
      tokens.forEach(function (t, i) {
        var minor = isHiraganaOnly(t.token) || functionWords[t.token] ||
          (isJunction(tokens, i) && !holdsLoneKanji(tokens, i));
        if (!byToken[t.token]) {
          byToken[t.token] = { token: t.token, weight: 0, prefix: false, minor: true };
          terms.push(byToken[t.token]);
        }
        byToken[t.token].weight += (minor ? low : 1) / tokens.length;
        if (!minor) byToken[t.token].minor = false;
      });
    });
    parts.forEach(function (tokens) {
      adjacentPairs(tokens).forEach(function (p) { if (pairs.indexOf(p) < 0) pairs.push(p); });
    });
    var last = terms[terms.length - 1];
    // Coverage is measured over the terms that say what the query is about, unless it has none.
    if (terms.every(function (t) { return t.minor; })) terms.forEach(function (t) { t.minor = false; });
    if (last && !/\s$/.test(query) && isWordToken(last.token) && Array.from(last.token).length >= 2) {
      last.prefix = true;
    }
    return { terms: terms, pairs: pairs, parts: parts };
  }

  /**
   * Adjacent pairs of a token sequence (tokenizeNormalized output) as "a b" strings: a CJK bigram
   * and the next one overlapping it, or a word and the next word that starts after it (the
   * parts of a compound such as wi-fi overlap it and are skipped).
   */
  function adjacentPairs(tokens) {
    var pairs = [];
    for (var i = 0; i + 1 < tokens.length; i++) {
      var a = tokens[i];
      if (isWordToken(a.token)) {
        for (var j = i + 1; j < tokens.length && tokens[j].start < a.end; j++);
        var b = tokens[j];
        if (b && isWordToken(b.token)) pairs.push(a.token + ' ' + b.token);
      } else {
        var next = tokens[i + 1];
        if (!isWordToken(next.token) && next.start < a.end) pairs.push(a.token + ' ' + next.token);
      }
    }
    return pairs;
  }

  /**
   * Whether tokens[i] holds a kanji that is in no other bigram of kanji: a word of one kanji
   * (罠, 紙, 鍵) written next to kana, which carries the meaning of the bigram.
   */
  function holdsLoneKanji(tokens, i) {
    var chars = Array.from(tokens[i].token);
    var kanjiBigram = function (t) {
      return t && Array.from(t.token).length === 2 && Array.from(t.token).every(function (c) { return cjkScript(c) === 'c'; });
    };
    if (cjkScript(chars[0]) === 'c') return !kanjiBigram(tokens[i - 1]) || tokens[i - 1].end <= tokens[i].start;
    if (cjkScript(chars[1]) === 'c') return !kanjiBigram(tokens[i + 1]) || tokens[i + 1].start >= tokens[i].end;
    return false;
  }

  /** 'h' hiragana, 'k' katakana (with ー), 'c' other CJK (Han, 々 …), '' not CJK. */
  function cjkScript(ch) {
    var cp = ch.codePointAt(0);
    if (!isCjk(cp)) return '';
    if (cp >= 0x3041 && cp <= 0x309f) return 'h';
    if ((cp >= 0x30a1 && cp <= 0x30ff) || (cp >= 0x31f0 && cp <= 0x31ff)) return 'k';
    return 'c';
  }

  /**
   * Whether tokens[i] is a bigram straddling two words: in Japanese a change of script. With
   * hiragana on one side it joins a particle or an ending to a word (でメ, ルが, 信で); between
   * katakana and Han (ル送 in メール送信) it counts only when both sides belong to bigrams of
   * their own script, so アクセス権 still needs 権. A page that words the sentence differently
   * (メールを送信 / メールが送信 / メール送信) lacks these pairs.
   */
  function isJunction(tokens, i) {
    var chars = Array.from(tokens[i].token);
    if (chars.length !== 2) return false;
    var a = cjkScript(chars[0]), b = cjkScript(chars[1]);
    if (!a || !b || a === b) return false;
    if (a === 'h' || b === 'h') return true;
    var prev = tokens[i - 1], next = tokens[i + 1];
    var middle = tokens[i].start + chars[0].length;
    var leftCovered = prev && prev.end === middle && Array.from(prev.token).every(function (c) { return cjkScript(c) === a; });
    var rightCovered = next && next.start === middle && Array.from(next.token).every(function (c) { return cjkScript(c) === b; });
    return !!(leftCovered && rightCovered);
  }

  /**
   * Light English stemming for matching inflections against the index's words: plural -s/-es/-ies,
   * -ing, -ed, a final e (connect / connects / connected / connecting; save / saving).
   */
  function stem(word) {
    if (!/^[a-z]{4,}$/.test(word)) return word;
    var w = word;
    if (/ies$/.test(w) && w.length > 4) w = w.slice(0, -3) + 'y';
    else if (/sses$/.test(w)) w = w.slice(0, -2);
    else if (/[^su]s$/.test(w) && !/is$/.test(w)) w = w.slice(0, -1);
    else if (/ing$/.test(w) && w.length >= 6) w = w.slice(0, -3);
    else if (/ed$/.test(w) && w.length >= 5) w = w.slice(0, -2);
    if (w !== word && /([b-df-hj-np-tv-z])\1$/.test(w) && !/(ll|ss)$/.test(w)) w = w.slice(0, -1);
    if (/e$/.test(w) && w.length > 3) w = w.slice(0, -1);
    return w;
  }

  function withoutJoiners(word) {
    return word.replace(/[.\-_@]/g, '');
  }

  /** Whether two strings are one insertion, deletion, substitution or swap apart. */
  function withinOneEdit(a, b) {
    if (a === b) return true;
    var la = a.length, lb = b.length;
    if (Math.abs(la - lb) > 1) return false;
    var i = 0;
    while (i < la && i < lb && a[i] === b[i]) i++;
    if (la === lb) {
      if (a.slice(i + 1) === b.slice(i + 1)) return true;
      return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
    }
    return la > lb ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
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
      var shard = shardFor(term.token) || {};
      var has = function (key) { return Object.prototype.hasOwnProperty.call(shard, key); };
      var found = {};
      var add = function (key, factor) {
        if (!found[key] || found[key] < factor) found[key] = factor;
      };
      if (has(term.token)) add(term.token, 1);
      if (isWordToken(term.token)) {
        var keys = Object.keys(shard).sort();
        var s = stem(term.token);
        var bare = withoutJoiners(term.token);
        var typos = !has(term.token) && Array.from(term.token).length >= TYPO_MIN_CHARS;
        keys.forEach(function (key) {
          if (key === term.token || !isWordToken(key)) return;
          if (s !== term.token || /^[a-z]{4,}$/.test(term.token)) {
            if (stem(key) === s) add(key, VARIANT_FACTOR);
          }
          if (typos && Array.from(key).length >= TYPO_MIN_CHARS && withinOneEdit(key, term.token)) add(key, TYPO_FACTOR);
          // wifi finds wi-fi and e-mail finds email: the same word with or without joiners.
          if (bare.length >= 3 && withoutJoiners(key) === bare) add(key, VARIANT_FACTOR);
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
      return { token: term.token, weight: term.weight || 1, minor: !!term.minor, matches: matches };
    });
  }

  /**
   * The synonym table of search/synonyms.js (rows [k, word, …], see src/search/synonyms.rs),
   * prepared once: {byFirst: token -> [{tokens, trigger, row}], rows: [[tokens of the first k
   * words]]}.
   */
  function synonymTable(rows) {
    var table = { byFirst: {}, targets: [] };
    (rows || []).forEach(function (row, r) {
      var targets = [];
      row.slice(1).forEach(function (word, i) {
        var trigger = word.charAt(0) !== '!';
        var tokens = tokenize(trigger ? word : word.slice(1));
        if (!tokens.length) return;
        if (i < row[0]) targets.push(tokens);
        if (!trigger) return;
        (table.byFirst[tokens[0]] = table.byFirst[tokens[0]] || []).push({ tokens: tokens, row: r });
      });
      table.targets.push(targets);
    });
    return table;
  }

  /**
   * Other words for the query's words: [{terms: [indices into parsed.terms], alternatives:
   * [[token, …], …]}]. A group word matches where its tokens follow one another in a query
   * part; the longest match wins, each query token belongs to one match, and a match offers the
   * group's words that the site has (MAX_ALTERNATIVES, other spellings of the typed word left
   * out).
   */
  function expandQuery(parsed, table) {
    if (!table) return [];
    var index = {};
    parsed.terms.forEach(function (t, i) { index[t.token] = i; });
    var taken = {};
    var concepts = [];
    parsed.parts.forEach(function (tokens) {
      var seq = tokens.map(function (t) { return t.token; });
      for (var i = 0; i < seq.length; i++) {
        var best = null;
        (table.byFirst[seq[i]] || []).forEach(function (cand) {
          var n = cand.tokens.length;
          if (i + n > seq.length || (best && best.tokens.length >= n)) return;
          for (var j = 0; j < n; j++) if (seq[i + j] !== cand.tokens[j]) return;
          best = cand;
        });
        if (!best) continue;
        var termIdx = best.tokens.map(function (t) { return index[t]; })
          .filter(function (ti, k, all) { return ti !== undefined && !taken[ti] && all.indexOf(ti) === k; });
        if (!termIdx.length) continue;
        var typed = best.tokens.join(' ');
        var alternatives = table.targets[best.row].filter(function (tokens) {
          return tokens.join(' ') !== typed;
        }).slice(0, MAX_ALTERNATIVES);
        if (!alternatives.length) continue;
        termIdx.forEach(function (ti) { taken[ti] = true; });
        concepts.push({ terms: termIdx, alternatives: alternatives });
        i += best.tokens.length - 1;
      }
    });
    return concepts.slice(0, MAX_EXPANDED_WORDS);
  }

  /** Every token of the alternatives of `concepts`, once. */
  function alternativeTokens(concepts) {
    var seen = {};
    var out = [];
    concepts.forEach(function (c) {
      c.alternatives.forEach(function (alt) {
        alt.forEach(function (t) { if (!seen[t]) { seen[t] = true; out.push(t); } });
      });
    });
    return out;
  }

  /**
   * Scores every document that matches any query term (no "all terms first" rule: a question
   * typed as a sentence rarely shares every token with its answer). A document's score is
   * Σ_terms weight × idf × quantised BM25 weight × match factor (the best of the term's
   * matches), times coverage^COVERAGE_POWER, coverage being the share of the query's
   * information (Σ weight × idf over its terms, a term the index lacks at the highest idf) that
   * the document matches. `accept(doc)` filters (service/status). Returns
   * [{doc, score, coverage}] by score, then document number.
   */
  function scoreDocuments(gathered, meta, accept, concepts, altPostings) {
    var docCount = Math.max(meta.docCount, 1);
    var levels = [];
    for (var l = 0; l < 32; l++) levels.push(meta.weightBase * Math.pow(2, l / meta.weightLevelsPerOctave));
    // Per-document sums in typed arrays: a common token of a large site has thousands of pages.
    var score = new Float64Array(docCount), covered = new Float64Array(docCount);
    var touched = new Uint8Array(docCount), candidates = [];
    var touch = function (doc) {
      if (!touched[doc]) { touched[doc] = 1; candidates.push(doc); }
    };
    // The best of a term's matches for each document, added to `into` (and its mass to `mass`).
    var addTerm = function (term, mass, into, massInto) {
      var seen = term.matches.length > 1 ? new Map() : null;
      term.matches.forEach(function (m) {
        var w = term.weight * idf(m.postings.docs.length, docCount) * m.factor;
        var docs = m.postings.docs, lv = m.postings.levels;
        for (var i = 0; i < docs.length; i++) {
          var doc = docs[i];
          if (doc >= docCount) continue;
          var s = w * levels[lv[i]];
          if (seen) {
            var prev = seen.get(doc);
            if (prev !== undefined && prev >= s) continue;
            into[doc] += s - (prev || 0);
            if (prev === undefined) massInto[doc] += mass;
            seen.set(doc, s);
          } else {
            into[doc] += s;
            massInto[doc] += mass;
          }
          touch(doc);
        }
      });
    };
    var termMass = gathered.map(function (term) {
      var best = term.matches.reduce(function (b, m) {
        return !b || m.factor > b.factor || (m.factor === b.factor && m.postings.docs.length > b.postings.docs.length) ? m : b;
      }, null);
      return term.minor ? 0 : term.weight * idf(best ? best.postings.docs.length : 0, docCount);
    });
    var totalMass = termMass.reduce(function (a, b) { return a + b; }, 0);
    var inConcept = {};
    (concepts || []).forEach(function (c) { c.terms.forEach(function (i) { inConcept[i] = true; }); });
    gathered.forEach(function (term, i) {
      if (!inConcept[i]) addTerm(term, termMass[i], score, covered);
    });
    // A query word with other words for it: the better of the typed word's tokens and the best
    // alternative (all of its tokens on the page) counts.
    (concepts || []).forEach(function (c) {
      var direct = new Float64Array(docCount), directMass = new Float64Array(docCount);
      var weight = 0, mass = 0;
      c.terms.forEach(function (i) {
        addTerm(gathered[i], termMass[i], direct, directMass);
        weight += gathered[i].weight;
        mass += termMass[i];
      });
      var alt = new Float64Array(docCount);
      c.alternatives.forEach(function (tokens) {
        var sum = new Float64Array(docCount), count = new Uint8Array(docCount);
        tokens.forEach(function (t) {
          var p = altPostings(t);
          if (!p) return;
          var w = idf(p.docs.length, docCount);
          for (var i = 0; i < p.docs.length; i++) {
            if (p.docs[i] >= docCount) continue;
            sum[p.docs[i]] += w * levels[p.levels[i]];
            count[p.docs[i]]++;
          }
        });
        for (var d = 0; d < docCount; d++) {
          if (count[d] !== tokens.length) continue;
          alt[d] = Math.max(alt[d], SYNONYM_FACTOR * weight * sum[d] / tokens.length);
          touch(d);
        }
      });
      candidates.forEach(function (d) {
        score[d] += Math.max(direct[d], alt[d]);
        covered[d] += alt[d] > 0 ? mass : directMass[d];
      });
    });
    var results = [];
    candidates.forEach(function (doc) {
      if (accept && !accept(doc)) return;
      var coverage = totalMass > 0 ? Math.min(1, covered[doc] / totalMass) : 0;
      // A page that shares only particles and endings with the query is no candidate.
      if (coverage === 0 || score[doc] === 0) return;
      results.push({ doc: doc, score: score[doc] * Math.pow(coverage, COVERAGE_POWER), coverage: coverage });
    });
    results.sort(byScore);
    return results;
  }

  function byScore(a, b) {
    return b.score - a.score || a.doc - b.doc;
  }

  /**
   * The share of the query's adjacent pairs (parseQuery) that are adjacent in the stored
   * document's title or text: 1 when the page has the whole phrase, 0 when its hits are
   * scattered.
   */
  function adjacency(stored, pairs) {
    if (!pairs.length) return 0;
    var present = {};
    [stored.t || '', stored.x || ''].forEach(function (text) {
      adjacentPairs(tokenizeNormalized(normalize(text))).forEach(function (p) { present[p] = true; });
    });
    var found = pairs.filter(function (p) { return present[p]; }).length;
    return found / pairs.length;
  }

  /**
   * Re-ranks the first `count` results by phrase adjacency (× 1 + ADJACENCY_BONUS × share of
   * adjacent pairs), given their stored documents.
   */
  function rerankByAdjacency(results, storedByDoc, pairs, count) {
    var head = results.slice(0, count).map(function (r) {
      var stored = storedByDoc(r.doc);
      var a = stored ? adjacency(stored, pairs) : 0;
      return { doc: r.doc, score: r.score * (1 + ADJACENCY_BONUS * a), coverage: r.coverage, adjacency: a };
    });
    head.sort(byScore);
    return head.concat(results.slice(count));
  }

  /**
   * "high" when one of the first results covers enough of the query's information that it can
   * be the answer, else "low": the page then says that no FAQ answers the query and shows the
   * closest pages.
   */
  function confidence(results) {
    var best = results.slice(0, CONFIDENCE_DEPTH).reduce(function (m, r) { return Math.max(m, r.coverage); }, 0);
    return best >= MIN_CONFIDENT_COVERAGE ? 'high' : 'low';
  }

  /** The shards a query needs, its words' and their synonyms' (loaded before ranking). */
  function shardsFor(parsed, meta, table) {
    var seen = {};
    parsed.terms.forEach(function (t) { seen[shardOf(t.token, meta.shardCount)] = true; });
    alternativeTokens(expandQuery(parsed, table)).forEach(function (t) { seen[shardOf(t, meta.shardCount)] = true; });
    return Object.keys(seen).map(Number).sort(function (a, b) { return a - b; });
  }

  /** Candidates before the documents are loaded: {parsed, scored}. */
  function rankQuery(query, meta, shardFor, accept, table) {
    var parsed = parseQuery(query, meta);
    var gathered = gatherPostings(parsed.terms, shardFor);
    var concepts = expandQuery(parsed, table);
    var altPostings = function (token) {
      var shard = shardFor(token);
      return shard && Object.prototype.hasOwnProperty.call(shard, token) ? decodePostings(shard[token]) : null;
    };
    parsed.alternativeTokens = alternativeTokens(concepts);
    return { parsed: parsed, scored: scoreDocuments(gathered, meta, accept, concepts, altPostings) };
  }

  /** The final order once the first RERANK_COUNT documents are loaded: {results, confidence}. */
  function finishQuery(ranked, storedByDoc) {
    var results = rerankByAdjacency(ranked.scored, storedByDoc, ranked.parsed.pairs, RERANK_COUNT);
    return { results: results, confidence: results.length ? confidence(results) : 'low' };
  }

  /**
   * A whole search over data already in memory ({meta, shards: {n: shard}, docs: {n: doc}}), as
   * the page runs it: for tests and the quality bench.
   */
  function searchLoaded(store, query, accept) {
    var meta = store.meta;
    if (store.synonyms && !store.synonymTable) store.synonymTable = synonymTable(store.synonyms);
    var ranked = rankQuery(query, meta, function (t) { return store.shards[shardOf(t, meta.shardCount)]; }, accept,
      store.synonymTable);
    var done = finishQuery(ranked, function (d) { return store.docs[d]; });
    done.parsed = ranked.parsed;
    return done;
  }

  /** A store of index records (the data scripts' payloads) for searchLoaded. */
  function storeOf(records) {
    var store = { meta: null, shards: {}, docs: {}, facets: null };
    records.forEach(function (r) {
      if (r[0] === 'meta') store.meta = r[1];
      else if (r[0] === 'shard') store.shards[r[1]] = r[2];
      else if (r[0] === 'doc') store.docs[r[1]] = r[2];
      else if (r[0] === 'facets') store.facets = decodeVarints(r[1]);
      else if (r[0] === 'synonyms') store.synonyms = r[1];
    });
    return store;
  }

  /** Whether a token of a document counts as a hit for the query terms (prefix terms too). */
  function hitTest(terms) {
    var exact = {};
    var prefixes = [];
    terms.forEach(function (t) {
      exact[t.token] = true;
      if (t.prefix) prefixes.push(t.token);
    });
    return function (token) {
      if (exact[token]) return true;
      for (var i = 0; i < prefixes.length; i++) if (token.lastIndexOf(prefixes[i], 0) === 0) return true;
      return false;
    };
  }

  /**
   * Marked ranges of `text` (UTF-16 offsets into the original) where its tokens hit: merged,
   * in order, as [[start, end], ...].
   */
  function hitRanges(text, isHit) {
    var mapped = normalizeWithMap(text);
    var ranges = [];
    tokenizeNormalized(mapped.norm).forEach(function (t) {
      if (!isHit(t.token)) return;
      var s = mapped.map[t.start], e = mapped.map[t.end];
      var last = ranges[ranges.length - 1];
      if (last && s <= last[1]) last[1] = Math.max(last[1], e);
      else ranges.push([s, e]);
    });
    return ranges;
  }

  /**
   * A snippet of `text` around its densest hits, at most `maxChars` UTF-16 units plus
   * ellipses: [{text, mark}] segments. The caller turns them into text nodes and <mark>s.
   */
  function snippet(text, isHit, maxChars) {
    text = String(text || '');
    maxChars = maxChars || 120;
    var ranges = hitRanges(text, isHit);
    var start = 0;
    if (ranges.length && text.length > maxChars) {
      var bestCount = -1;
      for (var i = 0; i < ranges.length; i++) {
        var count = 0;
        for (var j = i; j < ranges.length && ranges[j][1] <= ranges[i][0] + maxChars; j++) count++;
        if (count > bestCount) {
          bestCount = count;
          start = ranges[i][0];
        }
      }
      start = Math.max(0, Math.min(start - Math.floor(maxChars / 6), text.length - maxChars));
    }
    var end = Math.min(text.length, start + maxChars);
    if (isLowSurrogate(text, start)) start--;
    if (isLowSurrogate(text, end)) end++;
    var segments = [];
    if (start > 0) segments.push({ text: '…', mark: false });
    var pos = start;
    ranges.forEach(function (r) {
      var s = Math.max(r[0], start), e = Math.min(r[1], end);
      if (e <= s) return;
      if (s > pos) segments.push({ text: text.slice(pos, s), mark: false });
      segments.push({ text: text.slice(s, e), mark: true });
      pos = e;
    });
    if (pos < end) segments.push({ text: text.slice(pos, end), mark: false });
    if (end < text.length) segments.push({ text: '…', mark: false });
    return segments;
  }

  function isLowSurrogate(text, index) {
    var code = text.charCodeAt(index);
    return code >= 0xdc00 && code <= 0xdfff;
  }

  var helpers = {
    normalize: normalize,
    tokenize: tokenize,
    tokenizeNormalized: tokenizeNormalized,
    normalizeWithMap: normalizeWithMap,
    shardOf: shardOf,
    decodeVarints: decodeVarints,
    decodePostings: decodePostings,
    idf: idf,
    isHiraganaOnly: isHiraganaOnly,
    stem: stem,
    withinOneEdit: withinOneEdit,
    parseQuery: parseQuery,
    adjacentPairs: adjacentPairs,
    gatherPostings: gatherPostings,
    scoreDocuments: scoreDocuments,
    adjacency: adjacency,
    rerankByAdjacency: rerankByAdjacency,
    shardsFor: shardsFor,
    synonymTable: synonymTable,
    expandQuery: expandQuery,
    rankQuery: rankQuery,
    finishQuery: finishQuery,
    searchLoaded: searchLoaded,
    storeOf: storeOf,
    hitTest: hitTest,
    snippet: snippet
  };

  if (typeof module !== 'undefined' && module.exports) module.exports = helpers;
  if (typeof document === 'undefined') return;

  // ---------------------------------------------------------------------------------------
  // Part 2: the page
  // ---------------------------------------------------------------------------------------

  var STRINGS = {
    ja: {
      allServices: 'すべてのサービス',
      allStatuses: 'すべての状態',
      count: function (n) { return n + ' 件見つかりました'; },
      noResults: function (q) { return '「' + q + '」に一致する FAQ はありません。言葉を変えるか、'; },
      tagIndex: 'タグ一覧',
      tagIndexAfter: ' から探してください。',
      loading: '検索しています…',
      loadError: '検索インデックスを読み込めませんでした。',
      more: 'さらに表示'
    },
    en: {
      allServices: 'All services',
      allStatuses: 'All statuses',
      count: function (n) { return n === 1 ? '1 result' : n + ' results'; },
      noResults: function (q) { return 'No FAQ matches “' + q + '”. Try other words, or browse the '; },
      tagIndex: 'tag index',
      tagIndexAfter: '.',
      loading: 'Searching…',
      loadError: 'The search index could not be loaded.',
      more: 'Show more'
    }
  };
  var PAGE_SIZE = 10;
  var DEBOUNCE_MS = 150;

  var store = { meta: null, shards: {}, docs: {}, facets: null, synonyms: null, synonymTable: null };

  function receive(record) {
    var kind = record[0];
    if (kind === 'meta') store.meta = record[1];
    else if (kind === 'shard') store.shards[record[1]] = record[2];
    else if (kind === 'doc') store.docs[record[1]] = record[2];
    else if (kind === 'facets') store.facets = decodeVarints(record[1]);
    else if (kind === 'synonyms') store.synonyms = record[1];
  }

  function synonyms() {
    if (store.synonyms && !store.synonymTable) store.synonymTable = synonymTable(store.synonyms);
    return store.synonymTable;
  }

  var queue = root.FAQBOOK_SEARCH_DATA || [];
  root.FAQBOOK_SEARCH_DATA = { push: receive };
  for (var q = 0; q < queue.length; q++) receive(queue[q]);

  var pending = {};
  function loadScript(url) {
    // The single-file copy has no files to load: its router hands over the same scripts.
    if (!pending[url] && root.FAQBOOK_SEARCH_LOAD) {
      pending[url] = root.FAQBOOK_SEARCH_LOAD(url).catch(function (e) { delete pending[url]; throw e; });
    }
    if (!pending[url]) {
      pending[url] = new Promise(function (resolve, reject) {
        var el = document.createElement('script');
        el.src = url;
        el.async = true;
        el.onload = function () { resolve(); };
        el.onerror = function () { delete pending[url]; reject(new Error(url)); };
        document.head.appendChild(el);
      });
    }
    return pending[url];
  }

  function ready(fn) {
    if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', fn);
    else fn();
  }

  function isTypingTarget(el) {
    return el && (el.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName));
  }

  ready(function () {
    var input = document.getElementById('faqbook-search-input') ||
      document.querySelector('form[role="search"] input[name="q"]');
    document.addEventListener('keydown', function (ev) {
      if (ev.key === '/' && input && !isTypingTarget(document.activeElement) && !ev.ctrlKey && !ev.metaKey && !ev.altKey) {
        ev.preventDefault();
        input.focus();
        input.select();
      }
    });
    var list = document.querySelector('[data-search-results]');
    if (list && input) startSearchPage(input, list);
  });

  function startSearchPage(input, list) {
    var indexScript = document.querySelector('script[data-faqbook-search-index]');
    var metaSrc = indexScript ? indexScript.getAttribute('src') : 'search/meta.js';
    var base = metaSrc.replace(/[^\/]*$/, '');
    var siteRoot = base.replace(/search\/$/, '');
    var form = document.getElementById('faqbook-search-form') || input.form;
    var serviceSelect = document.getElementById('faqbook-search-service');
    var statusSelect = document.getElementById('faqbook-search-status');
    var message = document.getElementById('faqbook-search-message');
    var generation = 0;
    var timer = null;
    var pushNext = true;
    var ui = null;
    var shown = 0;
    var current = null;

    function strings(lang) {
      var table = STRINGS[lang] || STRINGS.ja;
      var custom = root.FAQBOOK_SEARCH_UI || {};
      var merged = {};
      Object.keys(table).forEach(function (k) { merged[k] = custom[k] !== undefined ? custom[k] : table[k]; });
      return merged;
    }

    function setMessage(parts) {
      if (!message) return;
      message.replaceChildren();
      parts.forEach(function (part) {
        if (typeof part === 'string') message.appendChild(document.createTextNode(part));
        else message.appendChild(part);
      });
    }

    function fillSelect(select, allLabel, values) {
      if (!select) return;
      select.replaceChildren();
      [['', allLabel]].concat(values).forEach(function (v) {
        var opt = document.createElement('option');
        opt.value = v[0];
        opt.textContent = v[1];
        opt.setAttribute('data-label', v[1]);
        select.appendChild(opt);
      });
    }

    /**
     * Shows each filter option's number of results for the current query: a service's count
     * under the chosen status and a status's under the chosen service ("all" counts every
     * result the other filter lets through). `null` shows the bare labels.
     */
    function showCounts(all) {
      var n = store.meta.statuses.length;
      var serviceIdx = selectedIndex(serviceSelect), statusIdx = selectedIndex(statusSelect);
      var byService = {}, byStatus = {}, services = 0, statuses = 0;
      (all || []).forEach(function (r) {
        var v = store.facets[r.doc];
        var sv = Math.floor(v / n), st = v % n;
        if (statusIdx < 0 || st === statusIdx) { byService[sv] = (byService[sv] || 0) + 1; services++; }
        if (serviceIdx < 0 || sv === serviceIdx) { byStatus[st] = (byStatus[st] || 0) + 1; statuses++; }
      });
      [[serviceSelect, byService, services], [statusSelect, byStatus, statuses]].forEach(function (f) {
        if (!f[0]) return;
        Array.prototype.forEach.call(f[0].options, function (opt, i) {
          var label = opt.getAttribute('data-label');
          opt.textContent = all ? label + ' (' + (i === 0 ? f[2] : f[1][i - 1] || 0) + ')' : label;
        });
      });
    }

    /** The facet index of a filter's chosen option, -1 for "all". */
    function selectedIndex(select) {
      return select && select.selectedIndex > 0 ? select.selectedIndex - 1 : -1;
    }

    /** Counts once the facets are there; they load after the results, never before them. */
    function countLater(all, myGeneration) {
      var ready = store.facets ? Promise.resolve() : loadScript(base + 'facets.js');
      return ready.then(function () {
        if (myGeneration === generation && store.facets) showCounts(all);
      }, function () {});
    }

    // Where the query lives in the address and where result links point. A page may replace
    // both through self.FAQBOOK_SEARCH_ADDRESS (the single-file export keeps `#q=` in the
    // fragment and links results to `#faq/<id>`).
    var address = root.FAQBOOK_SEARCH_ADDRESS || {
      read: function () { return new URLSearchParams(location.search); },
      write: function (params, push) {
        var search = params.toString();
        var url = location.pathname + (search ? '?' + search : '') + location.hash;
        if (url === location.pathname + location.search + location.hash) return;
        try {
          if (push) history.pushState(null, '', url);
          else history.replaceState(null, '', url);
        } catch (e) {
          // Some browsers refuse history changes on file:// pages; search still works.
        }
      },
      href: function (path) { return siteRoot + path; }
    };

    function readUrl() {
      var params = address.read();
      input.value = params.get('q') || '';
      if (serviceSelect) serviceSelect.value = params.get('service') || '';
      if (statusSelect) statusSelect.value = params.get('status') || '';
    }

    function writeUrl(push) {
      var params = new URLSearchParams();
      if (input.value) params.set('q', input.value);
      if (serviceSelect && serviceSelect.value) params.set('service', serviceSelect.value);
      if (statusSelect && statusSelect.value) params.set('status', statusSelect.value);
      address.write(params, push);
    }

    function shardUrl(n) { return base + 'shards/' + n + '.js'; }
    function docUrl(n) { return base + 'docs/' + n + '.js'; }

    function loadDocs(docs) {
      return Promise.all(docs.filter(function (d) { return !store.docs[d]; }).map(function (d) {
        return loadScript(docUrl(d));
      }));
    }

    function run() {
      var myGeneration = ++generation;
      var meta = store.meta;
      var query = input.value;
      var parsed = parseQuery(query, meta);
      if (!parsed.terms.length) {
        if (store.facets) showCounts(null);
        list.replaceChildren();
        list.removeAttribute('data-search-confidence');
        setMessage([]);
        current = null;
        return Promise.resolve();
      }
      var service = serviceSelect ? serviceSelect.value : '';
      var status = statusSelect ? statusSelect.value : '';
      // Data already present (inlined in the page, or loaded before) is not requested again.
      var missing = shardsFor(parsed, meta, synonyms()).filter(function (n) { return !store.shards[n]; });
      if (missing.length) setMessage([ui.loading]);
      var loads = missing.map(function (n) { return loadScript(shardUrl(n)); });
      if ((service || status) && !store.facets) loads.push(loadScript(base + 'facets.js'));
      return Promise.all(loads).then(function () {
        if (myGeneration !== generation) return;
        var serviceIdx = -1, statusIdx = meta.statuses.indexOf(status);
        meta.services.forEach(function (s, i) { if (s.slug === service) serviceIdx = i; });
        var accept = (service || status) ? function (doc) {
          var v = store.facets ? store.facets[doc] : undefined;
          if (v === undefined) return false;
          var n = meta.statuses.length;
          return (!service || Math.floor(v / n) === serviceIdx) && (!status || v % n === statusIdx);
        } : null;
        // Ranked unfiltered and filtered after, so the filters can count every result.
        var ranked = rankQuery(query, meta, function (token) {
          return store.shards[shardOf(token, meta.shardCount)];
        }, null, synonyms());
        var all = ranked.scored;
        if (accept) ranked.scored = all.filter(function (r) { return accept(r.doc); });
        var head = ranked.scored.slice(0, RERANK_COUNT).map(function (r) { return r.doc; });
        return loadDocs(head).then(function () {
          if (myGeneration !== generation) return;
          var done = finishQuery(ranked, function (d) { return store.docs[d]; });
          current = { results: done.results, confidence: done.confidence, isHit: hitsOf(ranked.parsed), query: query };
          list.replaceChildren();
          list.setAttribute('data-search-confidence', done.confidence);
          shown = 0;
          countLater(all, myGeneration);
          return showMore(myGeneration);
        });
      });
    }

    /** What a result marks: the query's content words (particles too when it has no other) and their synonyms. */
    function hitsOf(parsed) {
      var terms = parsed.terms.filter(function (t) { return !t.minor; });
      return hitTest(terms.concat(parsed.alternativeTokens.map(function (t) { return { token: t }; })));
    }

    function showMore(myGeneration) {
      var batch = current.results.slice(shown, shown + PAGE_SIZE).map(function (r) { return r.doc; });
      return loadDocs(batch).then(function () {
        if (myGeneration !== generation) return;
        batch.forEach(function (d) {
          var item = renderResult(d);
          if (item) list.appendChild(item);
        });
        shown += batch.length;
        renderMessage(myGeneration);
      });
    }

    function renderMessage(myGeneration) {
      var total = current.results.length;
      if (total === 0) {
        var link = document.createElement('a');
        link.href = address.href('tags/index.html');
        link.textContent = ui.tagIndex;
        setMessage([ui.noResults(current.query), link, ui.tagIndexAfter]);
        return;
      }
      var parts = [current.confidence === 'low' ? meta().noAnswer : ui.count(total)];
      if (shown < total) {
        var more = document.createElement('button');
        more.type = 'button';
        more.textContent = ui.more;
        more.addEventListener('click', function () { showMore(myGeneration); });
        parts.push(' ', more);
      }
      setMessage(parts);
    }

    function renderResult(d) {
      var stored = store.docs[d];
      if (!stored || /^[a-z][a-z0-9+.\-]*:/i.test(stored.u) || stored.u.charAt(0) === '/') return null;
      var li = document.createElement('li');
      var a = document.createElement('a');
      a.href = address.href(stored.u);
      a.className = 'search-result-title';
      appendSegments(a, snippet(stored.t, current.isHit, 200));
      li.appendChild(a);
      var info = document.createElement('p');
      info.className = 'search-result-meta';
      info.textContent = stored.s + ' · ' + statusLabel(stored.st);
      li.appendChild(info);
      var text = document.createElement('p');
      text.className = 'search-result-snippet';
      appendSegments(text, snippet(stored.x, current.isHit, 120));
      li.appendChild(text);
      return li;
    }

    function appendSegments(parent, segments) {
      segments.forEach(function (seg) {
        var node = document.createTextNode(seg.text);
        if (seg.mark) {
          var mark = document.createElement('mark');
          mark.appendChild(node);
          parent.appendChild(mark);
        } else {
          parent.appendChild(node);
        }
      });
    }

    function schedule(push) {
      clearTimeout(timer);
      timer = setTimeout(function () {
        writeUrl(push || pushNext);
        pushNext = false;
        run().catch(showLoadError);
      }, DEBOUNCE_MS);
    }

    input.addEventListener('input', function () { schedule(false); });
    input.addEventListener('blur', function () { pushNext = true; });
    [serviceSelect, statusSelect].forEach(function (select) {
      if (select) select.addEventListener('change', function () { schedule(true); });
    });
    if (form) {
      form.addEventListener('submit', function (ev) {
        ev.preventDefault();
        clearTimeout(timer);
        writeUrl(true);
        pushNext = true;
        run().catch(showLoadError);
      });
    }
    window.addEventListener('popstate', function () {
      readUrl();
      pushNext = true;
      if (ui) run().catch(showLoadError);
    });
    function focusable() {
      return Array.prototype.slice.call(list.querySelectorAll('a[href]'));
    }
    document.addEventListener('keydown', function (ev) {
      if (ev.key !== 'ArrowDown' && ev.key !== 'ArrowUp') return;
      var links = focusable();
      var at = links.indexOf(document.activeElement);
      if (document.activeElement === input && ev.key === 'ArrowDown' && links.length) {
        ev.preventDefault();
        links[0].focus();
      } else if (at >= 0) {
        ev.preventDefault();
        if (ev.key === 'ArrowDown' && at + 1 < links.length) links[at + 1].focus();
        else if (ev.key === 'ArrowUp') (at > 0 ? links[at - 1] : input).focus();
      }
    });

    function meta() { return store.meta; }

    /** The label pages show for a status (written by the build into meta.js). */
    function statusLabel(status) {
      return (store.meta.statusLabels || {})[status] || status;
    }

    function whenMeta() {
      var loads = [];
      if (!store.meta) loads.push(loadScript(metaSrc));
      // Older indexes have no synonyms: search works without them.
      if (!store.synonyms) loads.push(loadScript(base + 'synonyms.js').catch(function () {}));
      return Promise.all(loads);
    }

    whenMeta().then(function () {
      var meta = store.meta;
      // The page names the index format it was built with; inlined data (the single-file copy)
      // comes from the same build.
      var expected = indexScript && indexScript.getAttribute('data-faqbook-search-version');
      if (!meta || (expected && String(meta.version) !== expected)) throw new Error('index version');
      ui = strings(meta.lang);
      fillSelect(serviceSelect, ui.allServices, meta.services.map(function (s) { return [s.slug, s.name]; }));
      fillSelect(statusSelect, ui.allStatuses, meta.statuses.map(function (s) { return [s, statusLabel(s)]; }));
      readUrl();
      return run();
    }).catch(showLoadError);

    function showLoadError() {
      ui = ui || strings(document.documentElement.lang);
      setMessage([ui.loadError]);
    }
  }
})(typeof self !== 'undefined' ? self : this);
