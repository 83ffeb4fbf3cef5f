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
  // Prefix completions of the word being typed count for less than the word itself.
  var PREFIX_FACTOR = 0.4;
  var MAX_PREFIX_EXPANSIONS = 30;
  // In the OR fallback a document must hold at least this share of the query's term weight.
  var OR_MIN_COVERAGE = 0.5;

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
      chars.push({ ch: ch, start: i, end: i + len, cls: classify(ch) });
      i += len;
    }
    var tokens = [];
    var n = chars.length;
    var k = 0;
    while (k < n) {
      var cls = chars[k].cls;
      if (cls === CJK) {
        var runStart = k;
        while (k < n && chars[k].cls === CJK) k++;
        if (k - runStart === 1) {
          tokens.push({ token: chars[runStart].ch, start: chars[runStart].start, end: chars[runStart].end });
        } else {
          for (var b = runStart; b + 1 < k; b++) {
            tokens.push({ token: chars[b].ch + chars[b + 1].ch, start: chars[b].start, end: chars[b + 1].end });
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

  /**
   * The query as search terms: distinct tokens (too long ones dropped, as the index drops them)
   * with a weight, so that each space-separated part of the query counts once however many
   * bigrams it has (a part's tokens share its weight: 多要素認証 is four bigrams, メール two);
   * the last term marked `prefix` when the query may still be being typed (no trailing space)
   * and it is a word (CJK bigrams are complete by construction); and the phrases whose
   * adjacency earns a bonus: each part with two or more tokens, and the whole query when it has
   * several parts. Junction bigrams (isJunction) and a word's final long-vowel bigram
   * (isTrailingLongVowel) are `optional`: they score but are not required for an AND match.
   */
  function parseQuery(query, maxTokenChars) {
    var norm = normalize(query);
    var byToken = {};
    var terms = [];
    var parts = norm.split(/\s+/).filter(function (p) { return tokenizeNormalized(p).length > 0; });
    parts.forEach(function (part) {
      var tokens = tokenizeNormalized(part).filter(function (t) {
        return Array.from(t.token).length <= (maxTokenChars || 64);
      });
      tokens.forEach(function (t, i) {
        var next = tokens[i + 1];
        var endsRun = !next || next.start !== t.start + 1;
        var optional = isJunction(tokens, i) || (endsRun && isTrailingLongVowel(t.token));
        if (!byToken[t.token]) {
          byToken[t.token] = { token: t.token, weight: 0, prefix: false, optional: optional };
          terms.push(byToken[t.token]);
        } else if (!optional) {
          byToken[t.token].optional = false;
        }
        byToken[t.token].weight += 1 / tokens.length;
      });
    });
    var last = terms[terms.length - 1];
    if (last && !/\s$/.test(query) && !isCjk(last.token.codePointAt(0)) && Array.from(last.token).length >= 2) {
      last.prefix = true;
    }
    var phrases = parts.filter(function (p) { return tokenizeNormalized(p).length > 1; });
    if (parts.length > 1) phrases.push(parts.join(' '));
    if (terms.every(function (t) { return t.optional; })) terms.forEach(function (t) { t.optional = false; });
    return { terms: terms, phrases: phrases };
  }

  /**
   * A bigram ending in the long-vowel mark, taken at the end of a word: katakana loanwords are
   * spelt both with and without it there (サーバ / サーバー, プリンタ / プリンター).
   */
  function isTrailingLongVowel(token) {
    var chars = Array.from(token);
    return chars.length === 2 && chars[1] === 'ー' && isCjk(chars[0].codePointAt(0));
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
   * their own script, so アクセス権 still requires 権. A page that words the sentence
   * differently (メールを送信 / メールが送信 / メール送信) must not fail an AND on such a pair.
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
   * Postings of each term from loaded shards: [{token, matches: [{token, exact, postings}]}].
   * `shardFor(token)` returns the shard object (token -> encoded postings) or undefined.
   */
  function gatherPostings(terms, shardFor) {
    return terms.map(function (term) {
      var shard = shardFor(term.token) || {};
      var matches = [];
      if (Object.prototype.hasOwnProperty.call(shard, term.token)) {
        matches.push({ token: term.token, exact: true, postings: decodePostings(shard[term.token]) });
      }
      if (term.prefix) {
        Object.keys(shard).filter(function (key) {
          return key !== term.token && key.lastIndexOf(term.token, 0) === 0;
        }).sort().slice(0, MAX_PREFIX_EXPANSIONS).forEach(function (key) {
          matches.push({ token: key, exact: false, postings: decodePostings(shard[key]) });
        });
      }
      return { token: term.token, weight: term.weight || 1, optional: !!term.optional, matches: matches };
    });
  }

  /**
   * BM25 over the gathered postings: a document's score is the sum over terms of
   * term weight (see parseQuery) × idf × quantised BM25 weight (the best of the term's matches). Documents with every term
   * (junction bigrams aside) come first (mode "and"); when none has them all, documents holding at least half of the
   * query (by term weight, so one common bigram of a long word is not enough) are ranked,
   * scaled by that share (mode "or"). `accept(doc)` filters (service/status).
   * Returns {mode, results: [{doc, score}]} ordered by score, then document number.
   */
  function scoreDocuments(gathered, meta, accept) {
    var docCount = Math.max(meta.docCount, 1);
    var base = meta.weightBase, perOctave = meta.weightLevelsPerOctave;
    var perTerm = gathered.map(function (term) {
      var best = new Map();
      term.matches.forEach(function (match) {
        var weightIdf = term.weight * idf(match.postings.docs.length, docCount) * (match.exact ? 1 : PREFIX_FACTOR);
        var docs = match.postings.docs, levels = match.postings.levels;
        for (var i = 0; i < docs.length; i++) {
          var s = weightIdf * base * Math.pow(2, levels[i] / perOctave);
          var prev = best.get(docs[i]);
          if (prev === undefined || s > prev) best.set(docs[i], s);
        }
      });
      return best;
    });
    if (perTerm.length === 0) return { mode: 'and', results: [] };
    var totalWeight = 0;
    gathered.forEach(function (term) { totalWeight += term.weight; });
    var required = gathered.filter(function (term) { return !term.optional; }).length;
    var totals = new Map(), counts = new Map(), covered = new Map();
    perTerm.forEach(function (best, t) {
      best.forEach(function (s, doc) {
        if (accept && !accept(doc)) return;
        totals.set(doc, (totals.get(doc) || 0) + s);
        if (!gathered[t].optional) counts.set(doc, (counts.get(doc) || 0) + 1);
        covered.set(doc, (covered.get(doc) || 0) + gathered[t].weight);
      });
    });
    var results = [];
    totals.forEach(function (score, doc) {
      if ((counts.get(doc) || 0) === required) results.push({ doc: doc, score: score });
    });
    var mode = 'and';
    if (results.length === 0) {
      mode = 'or';
      totals.forEach(function (score, doc) {
        var coverage = covered.get(doc) / totalWeight;
        if (coverage >= OR_MIN_COVERAGE) results.push({ doc: doc, score: score * coverage });
      });
    }
    results.sort(byScore);
    return { mode: mode, results: results };
  }

  function byScore(a, b) {
    return b.score - a.score || a.doc - b.doc;
  }

  /**
   * Score multiplier for phrase adjacency: each query phrase found unbroken in the title counts
   * 1, in the text 0.6; the factor is 1 + 0.5 × their mean, so adjacent bigrams outrank
   * scattered ones with otherwise equal scores.
   */
  function phraseFactor(stored, phrases) {
    if (!phrases.length) return 1;
    var title = normalize(stored.t || '');
    var text = normalize(stored.x || '');
    var sum = 0;
    phrases.forEach(function (p) {
      if (title.indexOf(p) >= 0) sum += 1;
      else if (text.indexOf(p) >= 0) sum += 0.6;
    });
    return 1 + 0.5 * sum / phrases.length;
  }

  /** Re-ranks the first `count` results by phrase adjacency, given their stored documents. */
  function rerankByPhrase(results, storedByDoc, phrases, count) {
    var head = results.slice(0, count).map(function (r) {
      var stored = storedByDoc(r.doc);
      return { doc: r.doc, score: stored ? r.score * phraseFactor(stored, phrases) : r.score };
    });
    head.sort(byScore);
    return head.concat(results.slice(count));
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
    parseQuery: parseQuery,
    gatherPostings: gatherPostings,
    scoreDocuments: scoreDocuments,
    phraseFactor: phraseFactor,
    rerankByPhrase: rerankByPhrase,
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
      status: { resolved: '解決済み', escalated: 'エスカレーション', unresolved: '未解決', unknown: '不明' },
      count: function (n) { return n + ' 件見つかりました'; },
      orMode: function (n) { return 'すべての語を含む FAQ はありません。一部の語を含む ' + n + ' 件を表示します'; },
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
      status: { resolved: 'Resolved', escalated: 'Escalated', unresolved: 'Unresolved', unknown: 'Unknown' },
      count: function (n) { return n === 1 ? '1 result' : n + ' results'; },
      orMode: function (n) { return 'No FAQ contains every word; showing ' + n + ' with some of them.'; },
      noResults: function (q) { return 'No FAQ matches “' + q + '”. Try other words, or browse the '; },
      tagIndex: 'tag index',
      tagIndexAfter: '.',
      loading: 'Searching…',
      loadError: 'The search index could not be loaded.',
      more: 'Show more'
    }
  };
  var PAGE_SIZE = 10;
  var RERANK_COUNT = 20;
  var DEBOUNCE_MS = 150;

  var store = { meta: null, shards: {}, docs: {}, facets: null };

  function receive(record) {
    var kind = record[0];
    if (kind === 'meta') store.meta = record[1];
    else if (kind === 'shard') store.shards[record[1]] = record[2];
    else if (kind === 'doc') store.docs[record[1]] = record[2];
    else if (kind === 'facets') store.facets = decodeVarints(record[1]);
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
      var all = document.createElement('option');
      all.value = '';
      all.textContent = allLabel;
      select.appendChild(all);
      values.forEach(function (v) {
        var opt = document.createElement('option');
        opt.value = v[0];
        opt.textContent = v[1];
        select.appendChild(opt);
      });
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
      var parsed = parseQuery(query, meta.maxTokenChars);
      if (!parsed.terms.length) {
        list.replaceChildren();
        setMessage([]);
        current = null;
        return Promise.resolve();
      }
      var shardNumbers = {};
      parsed.terms.forEach(function (t) { shardNumbers[shardOf(t.token, meta.shardCount)] = true; });
      var service = serviceSelect ? serviceSelect.value : '';
      var status = statusSelect ? statusSelect.value : '';
      if (Object.keys(shardNumbers).some(function (n) { return !store.shards[n]; })) setMessage([ui.loading]);
      // Data already present (inlined in the page, or loaded before) is not requested again.
      var loads = Object.keys(shardNumbers).filter(function (n) { return !store.shards[n]; })
        .map(function (n) { return loadScript(shardUrl(n)); });
      if ((service || status) && !store.facets) loads.push(loadScript(base + 'facets.js'));
      return Promise.all(loads).then(function () {
        if (myGeneration !== generation) return;
        var gathered = gatherPostings(parsed.terms, function (token) {
          return store.shards[shardOf(token, meta.shardCount)];
        });
        var serviceIdx = -1, statusIdx = meta.statuses.indexOf(status);
        meta.services.forEach(function (s, i) { if (s.slug === service) serviceIdx = i; });
        var accept = (service || status) ? function (doc) {
          var v = store.facets ? store.facets[doc] : undefined;
          if (v === undefined) return false;
          var n = meta.statuses.length;
          return (!service || Math.floor(v / n) === serviceIdx) && (!status || v % n === statusIdx);
        } : null;
        var scored = scoreDocuments(gathered, meta, accept);
        var head = scored.results.slice(0, RERANK_COUNT).map(function (r) { return r.doc; });
        return loadDocs(head).then(function () {
          if (myGeneration !== generation) return;
          var results = rerankByPhrase(scored.results, function (d) { return store.docs[d]; }, parsed.phrases, RERANK_COUNT);
          current = { results: results, mode: scored.mode, isHit: hitTest(parsed.terms), query: query };
          list.replaceChildren();
          shown = 0;
          return showMore(myGeneration);
        });
      });
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
      var parts = [current.mode === 'or' ? ui.orMode(total) : ui.count(total)];
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
      info.textContent = stored.s + ' · ' + ((ui.status || {})[stored.st] || stored.st);
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

    function whenMeta() {
      if (store.meta) return Promise.resolve();
      return loadScript(metaSrc);
    }

    whenMeta().then(function () {
      var meta = store.meta;
      if (!meta || meta.version !== 1) throw new Error('index version');
      ui = strings(meta.lang);
      fillSelect(serviceSelect, ui.allServices, meta.services.map(function (s) { return [s.slug, s.name]; }));
      fillSelect(statusSelect, ui.allStatuses, meta.statuses.map(function (s) { return [s, (ui.status || {})[s] || s]; }));
      readUrl();
      return run();
    }).catch(showLoadError);

    function showLoadError() {
      ui = ui || strings(document.documentElement.lang);
      setMessage([ui.loadError]);
    }
  }
})(typeof self !== 'undefined' ? self : this);
