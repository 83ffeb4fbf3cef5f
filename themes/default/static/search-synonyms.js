/*
 * faqbook search, part 3 of 7: other words for the query's words. The synonym table (the
 * site's groups, loaded shard by shard), the table words a query word or an English phrase
 * meets (by stem, closed form, initials, one typo), and katakana and Latin words that sound
 * alike. Needs search-text.js and search-query.js.
 */
(function (root) {
  'use strict';
  // Browser: the search scripts share one object, in load order. Node (tests, benches): require.
  var node = typeof module !== 'undefined' && module.exports;
  var lib = node ? Object.assign({}, require('./search-query.js')) : (root.FAQBOOK_SEARCH_LIB = root.FAQBOOK_SEARCH_LIB || {});
  var tokenize = lib.tokenize;
  var tokenizeNormalized = lib.tokenizeNormalized;
  var isWordToken = lib.isWordToken;
  var isCjk = lib.isCjk;
  var cjkScript = lib.cjkScript;
  var stem = lib.stem;
  var withinOneEdit = lib.withinOneEdit;
  var englishKey = lib.englishKey;
  var acronym = lib.acronym;
  var PARTICLES = lib.PARTICLES;

  var MAX_ALTERNATIVES = 4;
  var MAX_EXPANDED_WORDS = 4;

  /**
   * The synonym table of search/synonyms/ (rows [k, word, …] by row number, see
   * src/search/synonyms.rs), filled as its shards load: each word filed under its first
   * character, in row order whatever the order the shards came in, and tokenized only when a
   * query token starting with that character looks it up (candidates, targets), since a site
   * has thousands of words and a query a few. A verb or adjective (a word of three or more
   * characters ending in hiragana: つながる, 忘れる) matches by its stem, the word without its
   * last kana, so that its other forms (つながらない, 忘れた) find it too. `rows` is an array
   * or an object from row numbers; `latin` the site's title words (meta.latinWords).
   */
  function synonymTable(rows, latin) {
    var table = { rows: {}, byChar: {}, tokens: {}, targets: {}, keys: {}, latin: latin || [], sounds: null, kana: [], kanaSounds: null };
    addSynonyms(table, rows || []);
    return table;
  }

  /** Files the rows of one shard (rows already there are skipped). */
  function addSynonyms(table, rows) {
    var touched = {};
    Object.keys(rows).forEach(function (key) {
      var r = Number(key), row = rows[key];
      if (table.rows[r]) return;
      table.rows[r] = row;
      for (var i = 1; i < row.length; i++) {
        var ch = firstChar(wordText(row[i]));
        if (!ch) continue;
        (table.byChar[ch] = table.byChar[ch] || []).push([r, i]);
        touched[ch] = true;
      }
    });
    Object.keys(touched).forEach(function (ch) {
      table.byChar[ch].sort(function (a, b) { return a[0] - b[0] || a[1] - b[1]; });
    });
    return table;
  }

  // Marks of a table word (src/search/synonyms.rs): '!' expands weakly ("not a trigger"), '~'
  // too (a loose group: a dictionary's other terms), '^' is a dictionary's English word for a
  // Japanese one, which expands only in an English query.
  function wordText(word) {
    var mark = word.charAt(0);
    return mark === '!' || mark === '^' || mark === '~' ? word.slice(1) : word;
  }

  /** Whether table word i of row r expands weakly: not a trigger, or of a loose group. */
  function isWeak(table, r, i) {
    var mark = table.rows[r][i].charAt(0);
    return mark === '!' || mark === '~';
  }

  /** Whether a query may expand from table word i of row r: not from a '^' word unless `english`. */
  function mayExpandFrom(table, r, i, english) {
    return english || table.rows[r][i].charAt(0) !== '^';
  }

  /** The first character of a normalised word's first token (its first CJK or word character). */
  function firstChar(text) {
    for (var i = 0; i < text.length;) {
      var cp = text.codePointAt(i);
      var ch = String.fromCodePoint(cp);
      if (isCjk(cp) || /^[\p{Alphabetic}\p{N}]$/u.test(ch)) return ch;
      i += ch.length;
    }
    return '';
  }

  /** The tokens a word of the table matches by (its stem's, for a verb or adjective). */
  function wordTokens(table, r, i) {
    var key = r + ':' + i;
    if (!table.tokens[key]) table.tokens[key] = tokenize(inflectionStem(wordText(table.rows[r][i])));
    return table.tokens[key];
  }

  /**
   * Whether a word of the synonym table can start at tokens[i] (tokenizeNormalized output of one
   * query part): a word written in hiragana (つながる) starts where a run of hiragana does, or
   * after a particle (VPNにつながらない); the bigrams inside an ending (がら, らな, ない) and a
   * katakana word's last letter with the particle after it (ルが) start none. So the page loads
   * no synonym shard for them, and looks nothing up there.
   */
  function mayStartWord(tokens, i) {
    var chars = Array.from(tokens[i].token);
    var first = chars[0];
    // A bigram from katakana into hiragana (ルが) ends a katakana word: no word is one katakana.
    if (cjkScript(first) === 'k' && chars.length === 2 && cjkScript(chars[1]) === 'h') return false;
    if (cjkScript(first) !== 'h') return true;
    var prev = tokens[i - 1];
    if (!prev || prev.end <= tokens[i].start) return true;
    var before = Array.from(prev.token)[0];
    return cjkScript(before) !== 'h' || PARTICLES.indexOf(before) >= 0;
  }

  /**
   * Whether a query token is a table word's token: the same, or an English word of four letters
   * or more with the same stem (sharing: share, slides: slide), as words match the index.
   */
  function sameWord(a, b) {
    return a === b || (/^[a-z]{4,}$/.test(a) && /^[a-z]{4,}$/.test(b) && stem(a) === stem(b));
  }

  /** The table's words whose tokens start with `token`: [{tokens, row, weak}]. */
  function candidates(table, token, english) {
    var found = [];
    (table.byChar[firstChar(token)] || []).forEach(function (at) {
      if (!mayExpandFrom(table, at[0], at[1], english)) return;
      var tokens = wordTokens(table, at[0], at[1]);
      if (sameWord(tokens[0], token)) found.push({ tokens: tokens, row: at[0], weak: isWeak(table, at[0], at[1]) });
    });
    return found;
  }

  /** The tokens of the words of row `r` that occur in the site (its first k). */
  function targets(table, r) {
    if (!table.targets[r]) {
      var row = table.rows[r], list = [];
      for (var i = 1; i <= row[0] && i < row.length; i++) {
        var tokens = wordTokens(table, r, i);
        if (tokens.length) list.push(tokens);
      }
      table.targets[r] = list;
    }
    return table.targets[r];
  }

  /** A word ending in the kana that inflects (dictionary form う-row or い) without it. */
  function inflectionStem(word) {
    var chars = Array.from(word);
    var n = chars.length;
    if (n < 3 || 'うくぐすつぬぶむるい'.indexOf(chars[n - 1]) < 0) return word;
    var before = cjkScript(chars[n - 2]);
    return before === 'h' || before === 'c' ? chars.slice(0, -1).join('') : word;
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
    // A whole katakana word that sounds like a site word beats a dictionary word inside it
    // (ワン in ワンドライブ): the longest match wins, as below.
    var loans = loanConcepts(parsed, table);
    var insideLoan = function (terms) {
      return loans.some(function (l) {
        return terms.length < l.terms.length && terms.every(function (i) { return l.terms.indexOf(i) >= 0; });
      });
    };
    var english = lib.isEnglish(parsed.terms);
    englishConcepts(parsed, table, english).forEach(function (c) {
      c.terms.forEach(function (ti) { taken[ti] = true; });
      concepts.push(c);
    });
    parsed.parts.forEach(function (tokens) {
      var seq = tokens.map(function (t) { return t.token; });
      for (var i = 0; i < seq.length; i++) {
        // An English function word (on, up, in) is no word of its own: オン, アップ are other words.
        var term = parsed.terms[index[seq[i]]];
        if (isWordToken(seq[i]) && term && term.minor) continue;
        // The parts of a compound (factor in multi-factor) mean something else on their own.
        var inCompound = tokens.slice(0, i).some(function (c) {
          return isWordToken(c.token) && c.start <= tokens[i].start && c.end >= tokens[i].end;
        });
        if (inCompound || !mayStartWord(tokens, i)) continue;
        var found = matchesAt(table, seq, i, english);
        if (!found || insideRun(tokens, i, found.n)) continue;
        var termIdx = seq.slice(i, i + found.n).map(function (t) { return index[t]; })
          .filter(function (ti, k, all) { return ti !== undefined && !taken[ti] && all.indexOf(ti) === k; });
        if (!termIdx.length || insideLoan(termIdx)) continue;
        var best = found.cand, alternatives = found.alternatives;
        termIdx.forEach(function (ti) { taken[ti] = true; });
        concepts.push({ terms: termIdx, alternatives: alternatives, weak: best.weak });
        i += best.tokens.length - 1;
      }
    });
    loans = loans.filter(function (l) { return !l.terms.some(function (i) { return taken[i]; }); });
    return concepts.concat(loans).slice(0, MAX_EXPANDED_WORDS);
  }

  // The longest run of typed English words that englishConcepts reads as one word.
  var MAX_PHRASE_WORDS = 3;

  /**
   * Other words for the query's English words and phrases: [{terms, alternatives, weak}]. The
   * query's parts that are one Latin word each (a compound with its parts, sign-in), taken
   * MAX_PHRASE_WORDS, then fewer, at a time, match a table word with the same englishKey
   * (sign in, log in, emails meet サインイン's sign in, login, e-mail's e-mail). A phrase must hold a
   * word that is not a function word (on alone is no word for オン).
   */
  function englishConcepts(parsed, table, english) {
    var index = {};
    parsed.terms.forEach(function (t, i) { index[t.token] = i; });
    var words = parsed.parts.map(function (tokens) {
      var whole = tokens[0];
      var one = whole && isWordToken(whole.token) && tokens.every(function (t) {
        return isWordToken(t.token) && t.start >= whole.start && t.end <= whole.end;
      });
      return one ? { text: whole.token, terms: tokens.map(function (t) { return index[t.token]; }) } : null;
    });
    var concepts = [];
    for (var i = 0; i < words.length; i++) {
      for (var n = Math.min(MAX_PHRASE_WORDS, words.length - i); n >= 1; n--) {
        var run = words.slice(i, i + n);
        if (run.some(function (w) { return !w; })) continue;
        var terms = [].concat.apply([], run.map(function (w) { return w.terms; }));
        if (terms.every(function (ti) { return parsed.terms[ti].minor; })) continue;
        var text = run.map(function (w) { return w.text; }).join(' ');
        var found = phraseMatch(table, text, englishKey(text), false, false, english) ||
          (n > 1 ? phraseMatch(table, text, acronym(text), true, false, english) : null);
        var typo = !found && n === 1 && Array.from(text).length >= TYPO_MIN_LETTERS;
        if (typo) found = phraseMatch(table, text, text, false, true, english);
        if (!found) continue;
        concepts.push({ terms: terms.filter(function (ti, k) { return terms.indexOf(ti) === k; }),
          alternatives: found.alternatives, weak: found.weak, typo: typo });
        i += n - 1;
        break;
      }
    }
    return concepts;
  }

  /** englishKey of word i of row r, kept: a query looks at every table word of a first letter. */
  function tableKey(table, r, i) {
    var at = r + ':' + i;
    if (!(at in table.keys)) table.keys[at] = englishKey(wordText(table.rows[r][i]));
    return table.keys[at];
  }

  // A typed English word of this many letters or more that no table word spells may be a typo
  // of one (pasword, pritner), as a word the index lacks is (TYPO_MIN_CHARS in search-rank.js).
  var TYPO_MIN_LETTERS = 5;
  // An acronym of fewer letters (np for new phone, ta for teams account) spells too many words
  // by chance, and one of more letters is seldom an abbreviation.
  var MIN_ACRONYM_LETTERS = 3;
  var MAX_ACRONYM_LETTERS = 4;

  /**
   * The site's other words for the typed English `text` from every table word whose englishKey
   * is `key`: {alternatives, weak} or null. An English word is often in more than one group (a
   * dictionary's loanword ストレージ, a tag's 容量 with slug storage): the groups of a word typed
   * as the table writes it come first, then by row, MAX_ALTERNATIVES in all, weak when every
   * such word is. With `initials`, `key` is the text's acronym and only a table word written as
   * those letters matches; with `typo`, the first table word one edit from `key` (the typed
   * word) with other words (a guess at one word, not at every group near it).
   */
  function phraseMatch(table, text, key, initials, typo, english) {
    if (!key || (initials && (key.length < MIN_ACRONYM_LETTERS || key.length > MAX_ACRONYM_LETTERS))) return null;
    var typed = tokenize(text).join(' ');
    var found = [];
    (table.byChar[firstChar(text)] || []).forEach(function (at) {
      var r = at[0], i = at[1], word = wordText(table.rows[r][i]);
      if (!mayExpandFrom(table, r, i, english)) return;
      var same = typo ? /^[a-z]+$/.test(word) && withinOneEdit(word, key) : tableKey(table, r, i) === key;
      if (same && (!initials || word === key)) found.push({ r: r, exact: word === text, weak: isWeak(table, r, i) });
    });
    found.sort(function (a, b) { return b.exact - a.exact; });
    var seen = {}, alternatives = [], weak = true;
    found.forEach(function (f) {
      if (typo && alternatives.length) return;
      var more = targets(table, f.r).filter(function (tokens) {
        var t = tokens.join(' ');
        return t !== typed && !seen[t] && (seen[t] = true);
      });
      if (more.length && !f.weak) weak = false;
      alternatives = alternatives.concat(more);
    });
    return alternatives.length ? { alternatives: alternatives.slice(0, MAX_ALTERNATIVES), weak: weak } : null;
  }

  /**
   * The table word that matches the query part's tokens `seq` from `i` and offers the site's
   * other words for it, {cand, n, alternatives} or null: the longest, then one typed exactly
   * over one matched by its stem, then the first row. A group none of whose other words the site
   * has (market share for share) gives way to the next.
   */
  function matchesAt(table, seq, i, english) {
    var found = [];
    candidates(table, seq[i], english).forEach(function (cand, order) {
      var n = cand.tokens.length, exact = true;
      if (i + n > seq.length) return;
      for (var j = 0; j < n; j++) {
        if (!sameWord(seq[i + j], cand.tokens[j])) return;
        if (seq[i + j] !== cand.tokens[j]) exact = false;
      }
      found.push({ cand: cand, n: n, exact: exact, order: order });
    });
    found.sort(function (a, b) { return b.n - a.n || b.exact - a.exact || a.order - b.order; });
    for (var k = 0; k < found.length; k++) {
      var typed = found[k].cand.tokens.join(' ');
      var alternatives = targets(table, found[k].cand.row).filter(function (tokens) {
        return tokens.join(' ') !== typed;
      }).slice(0, MAX_ALTERNATIVES);
      if (alternatives.length) return { cand: found[k].cand, n: found[k].n, alternatives: alternatives };
    }
    return null;
  }

  /**
   * Whether tokens[i .. i + n] lie strictly inside a run of kanji or of katakana, the run going
   * on at both ends (タイム in ワンタイムパスワード, 要素 in 多要素認証): a word in the middle of a
   * compound is seldom one of its parts, while a word that starts or ends it often is
   * (パスワード in ワンタイムパスワード, 認証 in 多要素認証).
   */
  function insideRun(tokens, i, n) {
    var first = tokens[i], last = tokens[i + n - 1];
    if (isWordToken(first.token)) return false;
    var script = cjkScript(Array.from(first.token)[0]);
    if (script !== 'c' && script !== 'k') return false;
    var same = function (t) {
      return Array.from(t.token).every(function (ch) { return cjkScript(ch) === script; });
    };
    var before = tokens[i - 1], after = tokens[i + n];
    return !!(before && after && before.end > first.start && after.start < last.end && same(before) && same(after));
  }

  // The consonant each katakana is written for, as latinSound spells English ('' for a vowel, a
  // glide, ッ and ー, which English spells with no consonant of their own).
  var KANA_SOUNDS = {
    k: 'カキクケコ', g: 'ガギグゲゴジヂ', s: 'サシスセソザズゼゾツ', t: 'タテト', d: 'ダデド', c: 'チ', n: 'ナニヌネノン',
    m: 'マミムメモ', h: 'ハヒヘホ', f: 'フ', b: 'バビブベボヴ', p: 'パピプペポ', r: 'ラリルレロ', w: 'ワヰヱヲ',
    '': 'アイウエオァィゥェォャュョヤユヨッー'
  };
  var KANA_SOUND = {};
  Object.keys(KANA_SOUNDS).forEach(function (k) { Array.from(KANA_SOUNDS[k]).forEach(function (ch) { KANA_SOUND[ch] = k; }); });
  // Katakana writes English w and a leading vowel alike (ワンドライブ: w n d r b, OneDrive: v n d r b):
  // sounds are compared with w read as a leading vowel. Any other consonant that differs is
  // another word (アンチウイルス: v n c r s is not english, v n g r s).
  var SAME_SOUND = function (key) { return key.replace(/w/g, 'v'); };

  /**
   * How a katakana word sounds, as its consonants ('v' first for a leading vowel): ワイファイ
   * "wf", パスワード "pswd". '' for a word with other characters. ウ before イ エ オ is w, as ウィ
   * ウェ ウォ are, which the tokenizer folds to them (ウェビナー: ウエビナ).
   */
  function kanaSound(word) {
    var chars = Array.from(word);
    var out = /^[アイウエオ]/.test(word) && !/^ウ[ィェォイエオ]/.test(word) ? 'v' : '';
    for (var i = 0; i < chars.length; i++) {
      var k = KANA_SOUND[chars[i]], next = KANA_SOUND[chars[i + 1]];
      if (k === undefined) return '';
      if (chars[i] === 'ウ' && /[ィェォイエオ]/.test(chars[i + 1] || '')) k = 'w';
      if (chars[i] === 'ン') k = next === 'n' ? '' : next === 'p' || next === 'b' || next === 'm' ? 'm' : 'n';
      out += k;
    }
    return out;
  }

  /**
   * How an English word sounds in katakana, as kanaSound writes it: digraphs as one consonant
   * (ph, th, sh, ch, ck), r and w after a vowel not sounded (server サーバー, download ダウンロード),
   * c as s before e, i, y, l as r, v as b, doubled consonants once, vowels dropped.
   */
  function latinSound(word) {
    var w = word.replace(/[^a-z]/g, '').replace(/(.)\1/g, '$1');
    var initial = /^[aeiou]/.test(w) ? 'v' : '';
    w = w.replace(/ph/g, 'F').replace(/th/g, 'S').replace(/sh/g, 'S').replace(/ch/g, 'C').replace(/ck/g, 'K')
      .replace(/gh/g, '').replace(/wh/g, 'W').replace(/qu/g, 'KW').replace(/x/g, 'KS');
    w = w.replace(/([aeiou])r(?=[^aeiou]|e?$)/g, '$1').replace(/([aeiou])w(?=[^aeiou]|$)/g, '$1');
    w = w.replace(/c(?=[eiy])/g, 's').replace(/[cq]/g, 'k').replace(/j/g, 'g').replace(/z/g, 's')
      .replace(/v/g, 'b').replace(/l/g, 'r').toLowerCase().replace(/([^aeiouy])\1/g, '$1');
    return initial + w.replace(/[aeiouy]/g, '');
  }

  /** The site's title words (table.latin) that a katakana word sounds like: [[token, …], …]. */
  function soundsLike(table, kana) {
    var key = kanaSound(kana);
    if (key.length < 2) return [];
    if (!table.sounds) table.sounds = table.latin.map(function (w) { return { key: latinSound(w), tokens: tokenize(w) }; });
    return table.sounds.filter(function (s) {
      return s.key === key || SAME_SOUND(s.key) === SAME_SOUND(key);
    }).map(function (s) { return s.tokens; });
  }

  // An English word finds the start or end of a katakana compound of the titles (breakout:
  // ブレイクアウトルーム, phishing: フィッシングメール) when it has this many consonants or more.
  var MIN_PART_SOUND = 3;

  /**
   * The titles' katakana words (table.kana, meta.kanaWords) that an English word sounds like,
   * whole words first, then compounds that start or end with it: [[token, …], …].
   */
  function kanaLike(table, word) {
    var key = SAME_SOUND(latinSound(word));
    if (key.length < 2) return [];
    if (!table.kanaSounds) table.kanaSounds = kanaEntries(table.kana || []);
    var whole = [], parts = [], seen = {};
    table.kanaSounds.forEach(function (e) {
      if (e.key !== key || seen[e.tokens.join(' ')] || (e.part && key.length < MIN_PART_SOUND)) return;
      seen[e.tokens.join(' ')] = true;
      (e.part ? parts : whole).push(e.tokens);
    });
    return whole.concat(parts);
  }

  /**
   * The sound of each katakana word, and of each of its starts and ends that a word can begin
   * (not at a small kana, ー, ッ or ン) and that has two kana or more: [{key, tokens, part}].
   */
  function kanaEntries(words) {
    var out = [];
    var add = function (text, part) {
      var key = kanaSound(text);
      if (key) out.push({ key: SAME_SOUND(key), tokens: tokenize(text), part: part });
    };
    words.forEach(function (w) {
      var chars = Array.from(runText(tokenize(w)));
      add(chars.join(''), false);
      for (var i = 2; i + 2 <= chars.length; i++) {
        if (/[ァィゥェォャュョヮッーン]/.test(chars[i])) continue;
        add(chars.slice(0, i).join(''), true);
        add(chars.slice(i).join(''), true);
      }
    });
    return out;
  }

  /** The text of a run of overlapping bigrams (パス スワ ワド: パスワド), folded as its tokens are. */
  function runText(tokens) {
    if (!tokens.length) return '';
    return tokens.map(function (t) { return Array.from(t)[0]; }).join('') + Array.from(tokens[tokens.length - 1]).slice(1).join('');
  }

  // Japanese borrows an English word bare or in -ing (ミーティング), not in the past tense: an
  // English word ending in -ed after a letter other than e (failed, locked, not speed) sounds like
  // a katakana word only by chance (failed and フォルダ are both f l d).
  var PAST_TENSE = /^[a-z]{3,}[^e]ed$/;

  /**
   * Other words for the query's words by sound, `loan` concepts that rankQuery keeps only for a
   * word no page has (a word the pages use means what they mean by it, and two words can sound
   * alike): for a katakana word the titles' Latin words (ワイファイ: wi-fi), for an English word
   * of four letters or more, not in the past tense, the titles' katakana words (webinar: ウェビナー).
   */
  function loanConcepts(parsed, table) {
    var concepts = [];
    parsed.words.forEach(function (word) {
      var tokens = word.terms.map(function (i) { return parsed.terms[i].token; });
      var alternatives = [];
      if (word.script === 'k') alternatives = soundsLike(table, runText(tokens));
      else if (word.script === 'l' && !word.attached && /^[a-z]{4,}$/.test(tokens[0]) && !PAST_TENSE.test(tokens[0])) {
        alternatives = kanaLike(table, tokens[0]);
      }
      alternatives = alternatives.slice(0, MAX_ALTERNATIVES);
      if (alternatives.length) concepts.push({ terms: word.terms.slice(), alternatives: alternatives, weak: false, loan: true });
    });
    return concepts;
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

  lib.mayStartWord = mayStartWord;
  lib.synonymTable = synonymTable;
  lib.addSynonyms = addSynonyms;
  lib.firstChar = firstChar;
  lib.expandQuery = expandQuery;
  lib.alternativeTokens = alternativeTokens;
  lib.kanaSound = kanaSound;
  lib.latinSound = latinSound;
  if (node) module.exports = lib;
})(typeof self !== 'undefined' ? self : this);
