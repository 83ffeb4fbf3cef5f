/*
 * faqbook search, part 2 of 7: the query. Its terms and their weights (what the query is
 * about, what only says how it is phrased), its words and its adjacent pairs. Needs
 * search-text.js.
 */
(function (root) {
  'use strict';
  // Browser: the search scripts share one object, in load order. Node (tests, benches): require.
  var node = typeof module !== 'undefined' && module.exports;
  var lib = node ? Object.assign({}, require('./search-text.js')) : (root.FAQBOOK_SEARCH_LIB = root.FAQBOOK_SEARCH_LIB || {});
  var normalize = lib.normalize;
  var tokenizeNormalized = lib.tokenizeNormalized;
  var isHiraganaOnly = lib.isHiraganaOnly;
  var isWordToken = lib.isWordToken;
  var cjkScript = lib.cjkScript;
  var stem = lib.stem;

  // A verb's stem and たい (使いたい, 作りたい, 見たい): "I want to …", after the kanji.
  var WISH_ENDING = /^[ぁ-ゖ]?たい/;

  /**
   * The query as search terms. Each word counts once however many tokens it has (多要素認証 is
   * four bigrams, メール two: a word's tokens share its weight), whether the words are typed
   * apart or run together in a sentence (Macで毎回パスワードを聞かれる has four: mac, 毎回,
   * パスワード, 聞). Tokens that say how a question is phrased rather than what it is about weigh
   * `meta.lowWeight` of a content token: tokens made only of hiragana, function words
   * (`meta.functionWords`), junction bigrams that straddle a word and a particle
   * (isJunction), and a one-kanji verb before たい (isWishVerb). The last word is a `prefix` while it may still be being typed (no trailing
   * space). `pairs` are the query's adjacent token pairs (one token overlapping the next in a
   * CJK run, or consecutive words), whose adjacency in a page earns a bonus.
   */
  function parseQuery(query, meta) {
    var functionWords = {};
    (meta.functionWords || []).forEach(function (w) { functionWords[w] = true; });
    var byToken = {};
    var terms = [];
    var pairs = [];
    var texts = normalize(query).split(/\s+/);
    var parts = texts.map(function (part) {
      return tokenizeNormalized(part).filter(function (t) { return Array.from(t.token).length <= meta.maxTokenChars; });
    });
    var words = [];
    parts.forEach(function (tokens, p) {
      var minor = tokens.map(function (t, i) {
        return !!(isHiraganaOnly(t.token) || functionWords[t.token] ||
          (isJunction(tokens, i) && (!holdsLoneKanji(tokens, i) || isWishVerb(texts[p], t))));
      });
      var partWords = contentWords(texts[p], tokens, functionWords);
      var weights = tokenWeights(tokens, minor, partWords, meta.lowWeight);
      tokens.forEach(function (t, i) {
        if (!byToken[t.token]) {
          byToken[t.token] = { token: t.token, weight: 0, prefix: false, minor: true, inflected: true };
          terms.push(byToken[t.token]);
        }
        byToken[t.token].weight += weights[i];
        if (!minor[i]) byToken[t.token].minor = false;
        if (functionWords[t.token]) byToken[t.token].asks = true;
        if (!isJunction(tokens, i)) byToken[t.token].inflected = false;
      });
      partWords.forEach(function (word) {
        words.push({ script: word.script, attached: !!word.attached,
          terms: word.tokens.map(function (t) { return terms.indexOf(byToken[t]); }) });
      });
    });
    parts = parts.filter(function (tokens) { return tokens.length > 0; });
    parts.forEach(function (tokens) {
      adjacentPairs(tokens).forEach(function (p) { if (pairs.indexOf(p) < 0) pairs.push(p); });
    });
    var last = terms[terms.length - 1];
    // Coverage is measured over the terms that say what the query is about, unless it has none.
    if (terms.every(function (t) { return t.minor; })) terms.forEach(function (t) { t.minor = false; });
    if (last && !/\s$/.test(query) && isWordToken(last.token) && Array.from(last.token).length >= 2) {
      last.prefix = true;
    }
    return { terms: terms, pairs: pairs, parts: parts, words: words };
  }

  /**
   * The weight of each token of one query part. The content tokens form words: a content word
   * (contentWords), or a run of overlapping content tokens outside them (を忘 忘れ: a one-kanji
   * word with its neighbours). Each word weighs 1 (a kanji compound as many as the two-kanji
   * words it is made of), shared by its tokens; a minor token weighs `low` times the part's
   * mean content token (so a sentence's particles count as much, against its words, as a short
   * phrase's). In a part of minor tokens only, each weighs `low` over their number.
   */
  function tokenWeights(tokens, minor, partWords, low) {
    var word = tokens.map(function () { return -1; });
    partWords.forEach(function (w, n) {
      w.indices.forEach(function (i) { if (!minor[i]) word[i] = n; });
    });
    var next = partWords.length;
    tokens.forEach(function (t, i) {
      if (minor[i] || word[i] >= 0) return;
      var prev = i - 1;
      var joins = prev >= 0 && !minor[prev] && word[prev] >= partWords.length && tokens[prev].end > t.start;
      word[i] = joins ? word[prev] : next++;
    });
    var size = {}, mass = {}, content = 0, total = 0;
    word.forEach(function (w) { if (w >= 0) { size[w] = (size[w] || 0) + 1; content++; } });
    Object.keys(size).forEach(function (w) {
      var pw = partWords[w];
      mass[w] = pw && pw.script === 'c' ? Math.max(1, pw.chars / 2) : 1;
      total += mass[w];
    });
    var minorWeight = content ? low * total / content : low / tokens.length;
    return word.map(function (w) { return w >= 0 ? mass[w] / size[w] : minorWeight; });
  }

  /**
   * The words of one query part that say what it is about, as {script, tokens, indices (into
   * `tokens`), chars (of a CJK run)}: a run of two or more kanji ('c') or of katakana ('k')
   * with the bigrams inside it, and a Latin word ('l') that is not a function word or a number
   * (a compound such as wi-fi with its parts; `attached` when it is written against katakana or
   * kanji with no space, as one mixed-script word: チャットGPT, PDF化). A one-kanji word has no
   * bigram of its own and is left out.
   */
  function contentWords(text, tokens, functionWords) {
    var words = [];
    var runStart = 0, runScript = '';
    var chars = Array.from(text), offset = 0;
    var inside = function (s, e) {
      var indices = [];
      tokens.forEach(function (t, i) { if (t.start >= s && t.end <= e) indices.push(i); });
      return { indices: indices, tokens: indices.map(function (i) { return tokens[i].token; }) };
    };
    chars.concat(['']).forEach(function (ch) {
      var script = ch ? cjkScript(ch) : '';
      if (script !== runScript) {
        if ((runScript === 'c' || runScript === 'k') && offset - runStart >= 2) {
          var word = inside(runStart, offset);
          if (word.indices.length) words.push({ script: runScript, tokens: word.tokens, indices: word.indices, chars: Array.from(text.slice(runStart, offset)).length });
        }
        runStart = offset;
        runScript = script;
      }
      offset += ch.length;
    });
    var end = -1;
    tokens.forEach(function (t) {
      if (!isWordToken(t.token) || t.start < end) return;
      end = t.end;
      if (functionWords[t.token] || /^\p{N}+$/u.test(t.token)) return;
      var latin = inside(t.start, t.end);
      var touches = function (ch) { var s = ch ? cjkScript(ch) : ''; return s === 'k' || s === 'c'; };
      var attached = touches(text.charAt(t.start - 1)) || touches(text.charAt(t.end));
      words.push({ script: 'l', tokens: latin.tokens, indices: latin.indices, attached: attached });
    });
    return words;
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
   * Whether `token` (of normalised `text`) is a one-kanji verb wished for: 使い in 使いたい,
   * 作り in 作りたい. 〜たい says what the asker wants to do with the thing they name (スキャナー
   * 使いたい, メーリス 作りたい), and the verbs said so (use, make, see, know) are the commonest
   * on any site, so the verb weighs as an ending; a one-kanji word otherwise keeps its weight
   * (届かない, 開いてしまった, 罠).
   */
  function isWishVerb(text, token) {
    return cjkScript(Array.from(token.token)[0]) === 'c' && WISH_ENDING.test(text.slice(token.start + Array.from(token.token)[0].length));
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
   * Whether a query's terms (parseQuery's, or their gathered postings) are all Latin words: an
   * English query. In a Japanese one a Latin word is a name.
   */
  function isEnglish(terms) {
    return terms.every(function (t) { return isWordToken(t.token); });
  }

  lib.parseQuery = parseQuery;
  lib.isEnglish = isEnglish;
  lib.adjacentPairs = adjacentPairs;
  lib.contentWords = contentWords;
  if (node) module.exports = lib;
})(typeof self !== 'undefined' ? self : this);
