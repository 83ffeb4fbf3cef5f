/*
 * faqbook search, part 1 of 7: text. The tokenizer (rule for rule the same as
 * src/search/tokenizer.rs, checked by shared vectors), English word forms and typos, and the
 * snippets with the hits marked. No DOM, no index.
 */
(function (root) {
  'use strict';
  // Browser: the search scripts share one object, in load order. Node (tests, benches): require.
  var node = typeof module !== 'undefined' && module.exports;
  var lib = node ? {} : (root.FAQBOOK_SEARCH_LIB = root.FAQBOOK_SEARCH_LIB || {});

  var JOINERS = '.-_@';
  var WORD_RE = /^[\p{Alphabetic}\p{N}]$/u;
  var CJK = 1, WORD = 2, JOINER = 3, SEPARATOR = 4;

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
    // ASCII first without the regex: most of a page's Latin text (the hot path of snippets and
    // the adjacency check, which tokenize whole pages in the browser).
    if (cp < 0x80) {
      if ((cp >= 0x61 && cp <= 0x7a) || (cp >= 0x30 && cp <= 0x39) || (cp >= 0x41 && cp <= 0x5a)) return WORD;
      return JOINERS.indexOf(ch) >= 0 ? JOINER : SEPARATOR;
    }
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

  // Small vowels after katakana and their full size; the バ row by vowel (アイウエオ); ヷヸヹヺ.
  var SMALL_VOWELS = 'ァィゥェォ', FULL_VOWELS = 'アイウエオ', BA_ROW = 'バビブベボ', V_LETTERS = { 'ヷ': 0, 'ヸ': 1, 'ヹ': 3, 'ヺ': 4 };

  function isHiragana(cp) { return cp >= 0x3041 && cp <= 0x3096; }

  function setChar(c, ch) {
    c.ch = ch;
    c.cp = ch.codePointAt(0);
  }

  /**
   * Step 3 of tokenizer.rs: rewrites the spellings that fold and marks the characters the
   * folding drops (long vowels, okurigana, the small vowel of ヴァ).
   */
  function fold(chars) {
    readAsKatakana(chars);
    respellKatakana(chars);
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
      } else if (isHiragana(cp) && PARTICLES.indexOf(c.ch) < 0) {
        c.dropped = !!(prev && next && isKanji(prev.cp) && isKanji(next.cp));
      }
    }
  }

  /** read_as_katakana in tokenizer.rs: a hiragana word with ー (ぱすわーど) is read in katakana. */
  function readAsKatakana(chars) {
    var i = 0;
    while (i < chars.length) {
      if (!isHiragana(chars[i].cp)) { i++; continue; }
      var start = i;
      while (i < chars.length && (isHiragana(chars[i].cp) || chars[i].ch === 'ー')) i++;
      var lastMark = -1;
      for (var k = i - 1; k > start; k--) if (chars[k].ch === 'ー') { lastMark = k; break; }
      if (lastMark < 0) continue;
      var end = lastMark + 1;
      while (end < i && (chars[end].ch === 'と' || PARTICLES.indexOf(chars[end].ch) < 0)) end++;
      for (var h = start; h < end; h++) {
        if (isHiragana(chars[h].cp)) setChar(chars[h], String.fromCodePoint(chars[h].cp + 0x60));
      }
    }
  }

  /** respell_katakana in tokenizer.rs: ウィ / ウイ, ヴァ / バ and ヴ / ブ meet. */
  function respellKatakana(chars) {
    for (var i = 0; i < chars.length; i++) {
      var c = chars[i];
      if (!isKatakana(c.cp)) continue;
      var next = chars[i + 1];
      if (Object.prototype.hasOwnProperty.call(V_LETTERS, c.ch)) {
        setChar(c, BA_ROW.charAt(V_LETTERS[c.ch]));
      } else if (c.ch === 'ヴ') {
        var small = next ? SMALL_VOWELS.indexOf(next.ch) : -1;
        setChar(c, BA_ROW.charAt(small >= 0 ? small : 2));
        if (small >= 0) next.dropped = true;
      } else if (SMALL_VOWELS.indexOf(c.ch) >= 0 && !c.dropped && i > 0 && isKatakana(chars[i - 1].cp)) {
        setChar(c, FULL_VOWELS.charAt(SMALL_VOWELS.indexOf(c.ch)));
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

  // Whole texts tokenized lately (tokensOf): a query's phrase check and its snippets read the
  // same pages' titles and texts. Cleared when full, which a query's pages do not fill.
  var TOKEN_CACHE_SIZE = 64;
  var tokenCache = new Map();

  /** tokenizeNormalized(norm), shared with other callers: not to be changed. */
  function tokensOf(norm) {
    var tokens = tokenCache.get(norm);
    if (tokens) return tokens;
    if (tokenCache.size >= TOKEN_CACHE_SIZE) tokenCache.clear();
    tokens = tokenizeNormalized(norm);
    tokenCache.set(norm, tokens);
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
      var cp = text.codePointAt(i);
      i += cp > 0xffff ? 2 : 1;
      while (i < text.length && joinsPrevious(text.codePointAt(i))) {
        i += text.codePointAt(i) > 0xffff ? 2 : 1;
      }
      var piece = i - start === 1 && unchangedByNormalize(cp) ? text.charAt(start) : normalize(text.slice(start, i));
      for (var j = 0; j < piece.length; j++) map.push(start);
      norm += piece;
    }
    map.push(text.length);
    return { norm: norm, map: map };
  }


  /**
   * Whether a character composes with the one before it (a combining mark, half-width ﾞ ﾟ). The
   * ranges first, which hold no mark (Latin, CJK punctuation, kana, ideographs, full-width
   * ASCII): the regex per character costs a page's snippet most of its time.
   */
  function joinsPrevious(cp) {
    if (cp < 0x300 || (cp >= 0x3000 && cp <= 0x3029) || (cp >= 0x3041 && cp <= 0x3096) || (cp >= 0x30a1 && cp <= 0x30ff) ||
      (cp >= 0x4e00 && cp <= 0x9fff) || (cp >= 0xff01 && cp <= 0xff5e)) {
      return false;
    }
    return MARK_RE.test(String.fromCodePoint(cp));
  }

  var MARK_RE = /^[\p{M}\uff9e\uff9f]$/u;

  /**
   * Characters that NFKC and lower case leave as they are (lower-case ASCII, digits, ASCII
   * punctuation and spaces, hiragana, katakana, unified ideographs): normalizeWithMap skips
   * the per-character normalisation for them.
   */
  function unchangedByNormalize(cp) {
    return (cp >= 0x20 && cp < 0x7f && !(cp >= 0x41 && cp <= 0x5a)) ||
      (cp >= 0x3041 && cp <= 0x3096) || (cp >= 0x30a1 && cp <= 0x30fa) || (cp >= 0x4e00 && cp <= 0x9fff);
  }

  /** Whether `token` is a kanji and the hiragana after it (使い, 紙が): a one-kanji word's form. */
  function oneKanjiForm(token) {
    var cps = Array.from(token);
    return cps.length === 2 && isKanji(cps[0].codePointAt(0)) && isHiragana(cps[1].codePointAt(0));
  }

  /** A token made only of hiragana: a particle or an ending (same rule as tokenizer.rs). */
  function isHiraganaOnly(token) {
    return /^[\u3041-\u309f]+$/.test(token);
  }

  /** A word token (Latin script, digits …) rather than a CJK bigram. */
  function isWordToken(token) {
    return token.length > 0 && !isCjk(token.codePointAt(0));
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

  /**
   * The key an English word or phrase matches by: each of its words stemmed, then written
   * closed, since English writes one compound open, hyphenated or closed (log in, log-in, login;
   * e-mail, email; set up, setup) and inflects its first word (logging in, passwords). '' for
   * a word with other letters.
   */
  function englishKey(text) {
    if (!/^[a-z0-9][a-z0-9 .\-_@]*$/.test(text)) return '';
    return text.split(/[ .\-_@]+/).map(stem).join('');
  }

  /**
   * The initials of an English phrase's words and of its compounds' parts (multi-factor
   * authentication: mfa, virtual private network: vpn): English abbreviates a name so, and a
   * table word written so (MFA beside 多要素認証) is the name's other word.
   */
  function acronym(text) {
    if (!/^[a-z][a-z .\-_@]*$/.test(text)) return '';
    return text.split(/[ .\-_@]+/).map(function (w) { return w.charAt(0); }).join('');
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
    tokensOf(mapped.norm).forEach(function (t) {
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

  lib.normalize = normalize;
  lib.isCjk = isCjk;
  lib.oneKanjiForm = oneKanjiForm;
  lib.tokenizeNormalized = tokenizeNormalized;
  lib.tokensOf = tokensOf;
  lib.tokenize = tokenize;
  lib.normalizeWithMap = normalizeWithMap;
  lib.isHiraganaOnly = isHiraganaOnly;
  lib.PARTICLES = PARTICLES;
  lib.isWordToken = isWordToken;
  lib.cjkScript = cjkScript;
  lib.stem = stem;
  lib.englishKey = englishKey;
  lib.acronym = acronym;
  lib.withoutJoiners = withoutJoiners;
  lib.withinOneEdit = withinOneEdit;
  lib.hitTest = hitTest;
  lib.hitRanges = hitRanges;
  lib.snippet = snippet;
  if (node) module.exports = lib;
})(typeof self !== 'undefined' ? self : this);
