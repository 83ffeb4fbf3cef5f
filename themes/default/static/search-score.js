/*
 * faqbook search, part 5 of 7: scoring. BM25 over the postings of the query's terms and of the
 * other words for them, weighted by how much of the query's information each page covers.
 * Needs search-text.js, search-query.js, search-synonyms.js and search-confidence.js.
 */
(function (root) {
  'use strict';
  // Browser: the search scripts share one object, in load order. Node (tests, benches): require.
  var node = typeof module !== 'undefined' && module.exports;
  var lib = node ? Object.assign({}, require('./search-confidence.js')) : (root.FAQBOOK_SEARCH_LIB = root.FAQBOOK_SEARCH_LIB || {});

  // Score × coverage^COVERAGE_POWER: a page matching half of the query's information scores a
  // quarter of one matching all of it.
  var COVERAGE_POWER = 2;
  // A page found through another word for a query word scores this share of a typed-word hit.
  var SYNONYM_FACTOR = 0.7;
  // A word Sudachi does not let trigger expansions (プリント, スパム, pw: it has other senses)
  // still finds the other words, at this share, and covers that share of the query word.
  var WEAK_FACTOR = 0.35;
  // An English word's other words come best first (the groups that write it as typed, then by
  // row, a dictionary's translations last, each gloss's commonest word first): in an English
  // query each later one scores this share of the one before it (change: 変更 above 変え).
  var LATER_ALTERNATIVE_SHARE = 0.9;

  /** BM25 idf, never negative. */
  function idf(docFreq, docCount) {
    return Math.log(1 + (docCount - docFreq + 0.5) / (docFreq + 0.5));
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
      var seen = term.matches.length > 1 ? new Map() : null, seenMass = seen && new Map();
      term.matches.forEach(function (m) {
        var w = term.weight * idf(m.df || m.postings.docs.length, docCount) * m.factor;
        var share = mass * (m.cover || 1);
        var docs = m.postings.docs, lv = m.postings.levels;
        for (var i = 0; i < docs.length; i++) {
          var doc = docs[i];
          if (doc >= docCount) continue;
          var s = w * levels[lv[i]];
          if (seen) {
            // The best score and the best share of the term's matches, each.
            var had = seenMass.get(doc) || 0;
            if (share > had) { massInto[doc] += share - had; seenMass.set(doc, share); }
            var prev = seen.get(doc);
            if (prev !== undefined && prev >= s) continue;
            into[doc] += s - (prev || 0);
            seen.set(doc, s);
          } else {
            into[doc] += s;
            massInto[doc] += share;
          }
          touch(doc);
        }
      });
    };
    var termMass = termMasses(gathered, concepts, altPostings, docCount);
    var english = lib.isEnglish(gathered);
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
      // A typo's alternatives are the words one edit away, in no order of likelihood.
      var later = english && !c.typo ? LATER_ALTERNATIVE_SHARE : 1;
      var alt = alternativeScores(c, weight, levels, docCount, altPostings, touch, later);
      candidates.forEach(function (d) {
        score[d] += Math.max(direct[d], alt[d]);
        var altCover = c.weak ? WEAK_FACTOR / SYNONYM_FACTOR * mass : mass;
        covered[d] += alt[d] > 0 ? Math.max(altCover, directMass[d]) : directMass[d];
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

  /**
   * Each query term's share of the query's information: weight × idf of its best match (0 for
   * a minor term). A query word the pages have only in another word for it is as informative
   * as that word is rare on the site (the most common of its alternatives), not as a word no
   * page has.
   */
  function termMasses(gathered, concepts, altPostings, docCount) {
    var termMass = gathered.map(function (term) {
      var best = term.matches.reduce(function (b, m) {
        return !b || m.factor > b.factor || (m.factor === b.factor && m.postings.docs.length > b.postings.docs.length) ? m : b;
      }, null);
      // A one-kanji word's bigram with its ending (見ら, 遅い) that no page has is an inflection
      // the pages word otherwise, not missing information.
      if (term.minor || ((term.inflected || term.joint) && !best)) return 0;
      return term.weight * idf(best ? best.df || best.postings.docs.length : 0, docCount);
    });
    (concepts || []).forEach(function (c) {
      if (c.terms.some(function (i) { return gathered[i].matches.length > 0; })) return;
      var df = c.alternatives.reduce(function (best, tokens) {
        var n = tokens.reduce(function (m, t) { var p = altPostings(t); return Math.min(m, p ? p.docs.length : 0); }, Infinity);
        return Math.max(best, n === Infinity ? 0 : n);
      }, 0);
      if (df > 0) c.terms.forEach(function (i) { if (termMass[i] > 0) termMass[i] = gathered[i].weight * idf(df, docCount); });
    });
    return termMass;
  }

  /**
   * The score each page earns through the best of concept `c`'s alternatives (all of its
   * tokens on the page), at SYNONYM_FACTOR (WEAK_FACTOR for a weak trigger) of `weight`;
   * each alternative after the first scores `later` of the one before it. `touch(doc)` makes
   * the page a candidate. Only the pages in the alternatives' postings are visited, not every
   * page of the site.
   */
  function alternativeScores(c, weight, levels, docCount, altPostings, touch, later) {
    var alt = new Float64Array(docCount);
    c.alternatives.forEach(function (tokens, rank) {
      var share = Math.pow(later, rank);
      var sum = new Float64Array(docCount), count = new Uint8Array(docCount), pages = [];
      tokens.forEach(function (t) {
        var p = altPostings(t);
        if (!p) return;
        var w = idf(p.docs.length, docCount);
        for (var i = 0; i < p.docs.length; i++) {
          var doc = p.docs[i];
          if (doc >= docCount) continue;
          if (!count[doc]) pages.push(doc);
          sum[doc] += w * levels[p.levels[i]];
          count[doc]++;
        }
      });
      pages.forEach(function (d) {
        if (count[d] !== tokens.length) return;
        alt[d] = Math.max(alt[d], share * (c.weak ? WEAK_FACTOR : SYNONYM_FACTOR) * weight * sum[d] / tokens.length);
        touch(d);
      });
    });
    return alt;
  }

  function byScore(a, b) {
    return b.score - a.score || a.doc - b.doc;
  }

  lib.idf = idf;
  lib.scoreDocuments = scoreDocuments;
  lib.byScore = byScore;
  if (node) module.exports = lib;
})(typeof self !== 'undefined' ? self : this);
