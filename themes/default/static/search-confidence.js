/*
 * faqbook search, part 4 of 7: confidence. Whether something on the site answers the query
 * ("nothing answers this" otherwise, README "Search"): the query's words the site does not know,
 * and whether the first results cover enough of it, naming a query word in their title, tags or
 * service. Needs search-text.js, search-query.js and search-synonyms.js.
 */
(function (root) {
  'use strict';
  // Browser: the search scripts share one object, in load order. Node (tests, benches): require.
  var node = typeof module !== 'undefined' && module.exports;
  var lib = node ? Object.assign({}, require('./search-synonyms.js')) : (root.FAQBOOK_SEARCH_LIB = root.FAQBOOK_SEARCH_LIB || {});
  var tokenize = lib.tokenize;
  var isWordToken = lib.isWordToken;

  // "Nothing answers this" unless one of the first CONFIDENCE_DEPTH results covers at least
  // MIN_CONFIDENT_COVERAGE of the query's information (README, "Search").
  var CONFIDENCE_DEPTH = 3;
  var MIN_CONFIDENT_COVERAGE = 0.2;
  // A FAQ page is titled by the question it answers: when none of the first CONFIDENCE_DEPTH has
  // a query word in its title, tags or service, they mention the query's words in passing, and
  // answer it only if one covers at least this share of it.
  var MIN_IN_PASSING_COVERAGE = 0.6;
  // The result that names a query word must cover this share of a Japanese query itself: a page
  // titled with the query's generic word (申請 in 奨学金 申請 締切) that covers little of it is
  // about something else. Not of an English query: a Japanese page that answers it has none of
  // its words but the names, so covers little of it by nature.
  var MIN_NAMED_COVERAGE = 0.25;
  // Latin words shorter than this are abbreviations (PW, PC) with many expansions.
  var UNKNOWN_MIN_LATIN = 3;
  // Unknown words make the query unanswered only when they are at least this share of its
  // words: one unfamiliar word in a long question (面倒, a feeling) says nothing about its topic.
  // A name in Latin letters (Slack, Netflix) names a thing, so a third of the words suffices; an
  // unfamiliar kanji word is as often what the thing is like (不審, 大事: suspicious,
  // important) as what it is, so half of the words must be unfamiliar.
  var UNKNOWN_MIN_SHARE = 1 / 3;
  var UNKNOWN_KANJI_MIN_SHARE = 1 / 2;

  /**
   * "high" when one of the first results covers enough of the query's information that it can
   * be the answer, else "low": the page then says that no FAQ answers the query and shows the
   * closest pages. `heads` (rankQuery) and `storedByDoc` tell whether a result names a query
   * word in its title, tags or service; without them only coverage counts.
   */
  function confidence(results, heads, storedByDoc) {
    var top = results.slice(0, CONFIDENCE_DEPTH);
    var best = top.reduce(function (m, r) { return Math.max(m, r.coverage); }, 0);
    if (best < MIN_CONFIDENT_COVERAGE) return 'low';
    if (best >= MIN_IN_PASSING_COVERAGE || !heads || !storedByDoc) return 'high';
    return top.some(function (r) {
      return (!heads.japanese || r.coverage >= MIN_NAMED_COVERAGE) && namesQueryWord(storedByDoc(r.doc), heads);
    }) ? 'high' : 'low';
  }

  /** Whether a stored document's title, tags or service has a token of `heads` or all of an alternative's. */
  function namesQueryWord(stored, heads) {
    if (!stored) return true;
    var own = {};
    var head = [stored.t || '', (stored.g || []).join('\n'), stored.s || ''].join('\n');
    tokenize(head).forEach(function (t) { own[t] = true; });
    return heads.tokens.some(function (t) { return own[t]; }) ||
      heads.alternatives.some(function (alt) { return alt.every(function (t) { return own[t]; }); });
  }

  /**
   * What names a query word in a page's head (confidence), and whether the query is Japanese
   * (not lib.isEnglish): every index token a content term
   * matched (the typed token, its inflections, typos and completions) and the other words for
   * the query's words. Not another form of a one-kanji word (使いたい for 使えますか): the
   * commonest verbs (使う, 出る, 入れる) take every form in titles about anything, and one kanji
   * starts more than one verb (入れる, 入る).
   */
  function headWords(parsed, gathered, concepts) {
    var tokens = [];
    parsed.terms.forEach(function (t, i) {
      if (t.minor) return;
      gathered[i].matches.forEach(function (m) { if (!m.cover || isWordToken(m.token)) tokens.push(m.token); });
    });
    var alternatives = [];
    concepts.forEach(function (c) { alternatives = alternatives.concat(c.alternatives); });
    return { tokens: tokens, alternatives: alternatives, japanese: !lib.isEnglish(parsed.terms) };
  }

  /**
   * The query's words (parseQuery) that name something the site does not know: fewer than half
   * of their tokens are on any page, in any form (inflection, typo, completion) or through
   * another word for them. A query about something no page names (学食, 駐車場, a product the
   * helpdesk does not support) is answered by no page, however well its other words match.
   * Only words whose absence says that: kanji compounds, and Latin words of UNKNOWN_MIN_LATIN
   * letters or more written into a Japanese query (names: Slack, Dropbox). Not katakana
   * loanwords (スパム, スケジュール: another spelling or word for them is often what the page
   * uses), short abbreviations (PW), Latin words with a digit (model numbers and abbreviations:
   * PS5, 2FA, Win11, which pages describe in words), a Latin word glued to katakana or kanji
   * (チャットGPT: one word with the other part, which is judged on its own), or the words of an
   * all-Latin query (own, new: ordinary English the pages need not use). None count unless the
   * unknown words are UNKNOWN_MIN_SHARE of the query's words or more. `explains(word)` (once
   * the first results are loaded) drops a word that another word of the page names (explainedBy).
   */
  function unknownWords(parsed, gathered, concepts, explains) {
    var known = {};
    concepts.forEach(function (c) { c.terms.forEach(function (i) { known[i] = true; }); });
    var found = function (i) { return known[i] || gathered[i].matches.length > 0; };
    var japanese = !lib.isEnglish(parsed.terms);
    var unknown = parsed.words.filter(function (word) {
      if (word.script === 'k') return false;
      var first = parsed.terms[word.terms[0]].token;
      if (word.script === 'l' && (!japanese || Array.from(first).length < UNKNOWN_MIN_LATIN || /\p{N}/u.test(first) ||
        word.attached)) {
        return false;
      }
      // Only the tokens that name a topic count: not a question word (方法 in 申請方法, 何時).
      var topic = word.terms.filter(function (i) { return !parsed.terms[i].minor; });
      return topic.filter(found).length * 2 < topic.length;
    }).map(function (word) {
      var last = word.terms[word.terms.length - 1];
      var compound = word.script === 'c' && word.terms.filter(function (i) { return !parsed.terms[i].minor; }).length > 1;
      return {
        tokens: word.terms.map(function (i) { return parsed.terms[i].token; }),
        latin: word.script === 'l',
        head: compound && found(last) ? parsed.terms[last].token : null
      };
    }).filter(function (word) { return !explains || !explains(word); });
    var latin = unknown.filter(function (word) { return word.latin; }).length;
    var enough = latin >= UNKNOWN_MIN_SHARE * parsed.words.length ||
      unknown.length >= UNKNOWN_KANJI_MIN_SHARE * parsed.words.length;
    if (!unknown.length || !enough) return [];
    return unknown.map(function (word) { return word.tokens.join(' '); });
  }

  /**
   * Whether one of the first results explains an unknown kanji compound as another word for what
   * it is about (unknownWords' `explains`): the compound's last bigram, its head noun (認証 in
   * 二段階認証, a kind of 認証), is found, and the result names that head and another of the
   * query's words in its title, tags or service (多要素認証の登録方法 for 二段階認証 登録). The
   * head alone is not enough: 電話番号 in a title says nothing about 内線番号を調べたい.
   */
  function explainedBy(results, heads, storedByDoc) {
    var top = results.slice(0, CONFIDENCE_DEPTH).map(function (r) { return storedByDoc(r.doc); });
    return function (word) {
      if (!word.head) return false;
      var others = {
        tokens: heads.tokens.filter(function (t) { return word.tokens.indexOf(t) < 0; }),
        alternatives: heads.alternatives
      };
      if (!others.tokens.length && !others.alternatives.length) return false;
      var head = { tokens: [word.head], alternatives: [] };
      return top.some(function (stored) {
        return stored && namesQueryWord(stored, head) && namesQueryWord(stored, others);
      });
    };
  }

  lib.confidence = confidence;
  lib.explainedBy = explainedBy;
  lib.headWords = headWords;
  lib.unknownWords = unknownWords;
  if (node) module.exports = lib;
})(typeof self !== 'undefined' ? self : this);
