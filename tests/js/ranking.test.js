// Ranking: every page matching any content term is a candidate, BM25 over fields times the
// share of the query's information a page covers, adjacency above scattered hits, minor
// tokens (particles, endings, function words) weighing little, prefix completion, English
// inflections and typos against the index's words, filters, and the "nothing answers this"
// confidence. On the golden fixture index and on hand-made postings.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const search = require('./scripts.js').load('search.js');
const { loadFixtureIndex, searchFixture } = require('./fixture-index.js');

const index = loadFixtureIndex();
const faq = (id) => `faq/${id}.html`;

test('the FAQ with every query word in its title ranks first (Japanese)', () => {
  const r = searchFixture(index, '多要素認証 メール');
  assert.deepEqual(r.urls.slice(0, 2), [faq('utokyo-account-mfa-mail'), faq('utokyo-account-mfa-phone')]);
});

test('a title hit outranks a body hit; width and case do not matter', () => {
  for (const q of ['Thunderbird', 'ＴＨＵＮＤＥＲＢＩＲＤ', 'thunderbird']) {
    assert.deepEqual(searchFixture(index, q).urls,
      [faq('microsoft-365-thunderbird'), faq('microsoft-365-outlook-send')], q);
  }
});

test('half-width katakana finds the full-width title', () => {
  assert.equal(searchFixture(index, 'ｳｪﾋﾞﾅｰ').urls[0], faq('zoom-webinar-recording'));
});

test('a page with every query word ranks above pages with some; those still come', () => {
  const r = searchFixture(index, '多要素認証 zoom');
  assert.ok(r.urls.includes(faq('utokyo-account-mfa-mail')));
  assert.ok(r.urls.includes(faq('zoom-meeting-join')));
  assert.equal(searchFixture(index, 'zoom 録画').urls[0], faq('zoom-webinar-recording'));
});

test('a query whose content words no page has finds nothing', () => {
  assert.deepEqual(searchFixture(index, '存在しない語').urls, []);
});

test('only a generic word matching gives the closest pages with low confidence', () => {
  const r = searchFixture(index, '設定 xyzzy');
  assert.equal(r.confidence, 'low');
  assert.ok(r.urls.length > 0);
  assert.equal(searchFixture(index, '多要素認証 メール').confidence, 'high');
});

test('the last word is completed as a prefix while typing, not after a space', () => {
  assert.equal(searchFixture(index, 'thunder').urls[0], faq('microsoft-365-thunderbird'));
  assert.deepEqual(searchFixture(index, 'thunder ').urls, []);
  assert.equal(searchFixture(index, 'passw').urls[0], faq('utokyo-account-password-reset'));
});

test('versions and e-mail addresses are searchable as written', () => {
  assert.deepEqual(searchFixture(index, '10.15').urls, [faq('zoom-webinar-recording')]);
  assert.equal(searchFixture(index, 'user@example.ac.jp').urls[0], faq('wi-fi-eduroam'));
  assert.deepEqual(searchFixture(index, 'OAuth2').urls, [faq('microsoft-365-thunderbird')]);
});

test('facets filter by service and status', () => {
  const statusIdx = index.meta.statuses.indexOf('resolved');
  const n = index.meta.statuses.length;
  const resolved = (doc) => index.facets[doc] % n === statusIdx;
  assert.deepEqual(searchFixture(index, 'Thunderbird', resolved).urls, [faq('microsoft-365-outlook-send')]);
  const zoomIdx = index.meta.services.findIndex((s) => s.slug === 'zoom');
  const zoom = (doc) => Math.floor(index.facets[doc] / n) === zoomIdx;
  assert.deepEqual(searchFixture(index, 'ウェビナー', zoom).urls.sort(),
    [faq('zoom-meeting-join'), faq('zoom-webinar-recording')]);
});

const { encode, handMadeMeta } = require('./postings.js');
const META = handMadeMeta(['to', 'my', 'on', 'how']);
const rank = (query, shard) =>
  search.scoreDocuments(search.gatherPostings(search.parseQuery(query, META).terms, () => shard), META, null);

test('postings decode to documents and levels (gaps, multi-digit numbers)', () => {
  const pairs = [[0, 3], [1, 31], [2, 0], [40, 7], [5000, 12]];
  const p = search.decodePostings(encode(pairs));
  assert.deepEqual(p.docs, pairs.map((x) => x[0]));
  assert.deepEqual(p.levels, pairs.map((x) => x[1]));
});

test('a rare term weighs more than a common one (idf and coverage)', () => {
  const common = Array.from({ length: 80 }, (_, i) => [i, 20]);
  const shard = { rare: encode([[90, 20]]), common: encode(common.concat([[91, 20]])) };
  const results = rank('rare common ', shard);
  assert.equal(results[0].doc, 90);
  assert.ok(results[0].coverage > 0.5 && results[1].coverage < 0.5);
  assert.equal(results.length, 82);
});

test('a higher BM25 level ranks higher; ties keep document order', () => {
  const shard = { word: encode([[3, 10], [4, 25], [5, 10]]) };
  assert.deepEqual(rank('word ', shard).map((r) => r.doc), [4, 3, 5]);
});

test('coverage outweighs term frequency: the page with both words wins', () => {
  const shard = { vpn: encode([[1, 16], [2, 12]]), mac: encode([[2, 12]]) };
  assert.deepEqual(rank('vpn mac ', shard).map((r) => r.doc), [2, 1]);
});

test('English inflections and one-letter typos match the index words', () => {
  const shard = { connected: encode([[1, 20]]), thunderbird: encode([[2, 20]]), the: encode([[3, 20]]) };
  assert.deepEqual(rank('connecting ', shard).map((r) => r.doc), [1]);
  assert.deepEqual(rank('thunderbrid ', shard).map((r) => r.doc), [2]);
  // Typos are tried only for words the index lacks, and only from five letters.
  assert.deepEqual(rank('thx ', shard), []);
  assert.equal(search.stem('policies'), search.stem('policy'));
  assert.equal(search.stem('saving'), search.stem('save'));
  assert.notEqual(search.stem('class'), search.stem('clas'));
  assert.ok(search.withinOneEdit('eduraom', 'eduroam'));
  assert.ok(!search.withinOneEdit('eduroam', 'roam'));
});

test("a one-kanji word's other forms (遅い, 遅く) find its pages, below the typed form", () => {
  // Page 1 has VPN only, page 2 VPN and 遅く (遅くなる), page 3 遅い only.
  const shard = { vpn: encode([[1, 20], [2, 20]]), 遅い: encode([[3, 20]]), 遅く: encode([[2, 20]]) };
  const results = rank('vpn 遅い', shard);
  assert.deepEqual(results.map((r) => r.doc), [2, 1, 3]);
  // Another form covers its factor's share of the word, not all of it.
  assert.ok(results[0].coverage < 1 && results[0].coverage > 0.5, `${results[0].coverage}`);
  // Another kanji, or katakana after it, is another word.
  const other = { vpn: encode([[1, 20]]), 遅い: encode([[3, 20]]), 早く: encode([[2, 20]]), 遅カ: encode([[4, 20]]) };
  assert.deepEqual(rank('vpn 遅い', other).map((r) => r.doc).sort(), [1, 3]);
});

test("a word's rare form weighs no more than the word: their idf is the pages with any form", () => {
  // 多い on ten pages, 多す (多すぎる) on one: the rarer form does not outrank the typed word.
  const many = Array.from({ length: 10 }, (_, i) => [i, 20]);
  const shard = { 多い: encode(many), 多す: encode([[50, 20]]) };
  const results = rank('多い', shard);
  assert.equal(results[0].doc, 0);
  assert.equal(results[results.length - 1].doc, 50);
  // English inflections too: one page with "connected" against five with "connect".
  const english = { connect: encode(many.slice(0, 5)), connected: encode([[60, 20]]) };
  assert.equal(rank('connect ', english)[0].doc, 0);
});

test("another form of a one-kanji word in a title does not make it name the query word (使いたい for 使えますか)", () => {
  const shard = { 使え: encode([[1, 20]]), 使い: encode([[2, 20]]), connected: encode([[3, 20]]) };
  const parsed = search.parseQuery('使え connecting', META);
  const gathered = search.gatherPostings(parsed.terms, () => shard);
  const heads = search.headWords(parsed, gathered, []);
  assert.ok(heads.tokens.includes('使え') && !heads.tokens.includes('使い'), heads.tokens.join(' '));
  // An English inflection names the word.
  assert.ok(heads.tokens.includes('connected'), heads.tokens.join(' '));
});

test('a kanji and the hiragana after it are in the shard of the kanji: a query loads one shard for all its forms', () => {
  for (const n of [64, 1024]) {
    assert.equal(search.shardOf('遅い', n), search.shardOf('遅', n));
    assert.equal(search.shardOf('遅く', n), search.shardOf('遅', n));
  }
  assert.notEqual(search.shardOf('遅延', 1024), search.shardOf('遅', 1024));
});

test('adjacent bigrams (the phrase) outrank the same bigrams scattered', () => {
  const parsed = search.parseQuery('多要素認証', META);
  const stored = {
    1: { t: '要素と多要求と素認と認証', x: '' },
    2: { t: '多要素認証', x: '' },
    3: { t: '', x: '本文に多要素認証とある' },
  };
  const results = search.rerankByAdjacency(
    [{ doc: 1, score: 10 }, { doc: 3, score: 9.5 }, { doc: 2, score: 9 }], (d) => stored[d], parsed.pairs, 20);
  assert.deepEqual(results.map((r) => r.doc), [3, 2, 1]);
  assert.equal(search.adjacency(stored[1], parsed.pairs), 0);
  assert.equal(search.adjacency(stored[2], parsed.pairs), 1);
});

test('each query word counts once, however many bigrams it has', () => {
  const parsed = search.parseQuery('多要素認証 メール', META);
  const weight = (t) => parsed.terms.find((x) => x.token === t).weight;
  // A kanji compound counts as the two-kanji words it is made of (多要素認証: two and a half).
  assert.equal(weight('多要'), 2.5 / 4);
  assert.equal(weight('メル'), 1);
  assert.deepEqual(parsed.pairs, ['多要 要素', '要素 素認', '素認 認証']);
});

test('the words of a sentence typed without spaces count as typed apart', () => {
  const weight = (q, t) => search.parseQuery(q, META).terms.find((x) => x.token === t).weight;
  const sentence = 'Macで毎回パスワードを聞かれる';
  assert.equal(weight(sentence, 'mac'), 1);
  assert.equal(weight(sentence, '毎回'), 1);
  assert.equal(weight(sentence, 'パス'), 1 / 3);
  // A one-kanji word with its neighbours (を聞 聞か) is one word.
  assert.equal(weight(sentence, 'を聞'), 1 / 2);
  assert.equal(weight(sentence, 'mac'), weight('mac パスワード', 'mac'));
  assert.equal(weight(sentence, 'パス'), weight('mac パスワード', 'パス'));
  // Particles weigh lowWeight of the mean content token (4 words over 7 content tokens).
  assert.ok(Math.abs(weight(sentence, 'で毎') - META.lowWeight * 4 / 7) < 1e-9);
});

test('long vowels and okurigana fold, so either spelling finds the page', () => {
  assert.equal(searchFixture(index, 'プリンタ').urls[0], faq('printer-cannot-print'));
  assert.equal(searchFixture(index, 'ﾌﾟﾘﾝﾀｰﾄﾞﾗｲﾊﾞｰ').urls[0], faq('printer-cannot-print'));
  assert.deepEqual(searchFixture(index, 'サーバ').urls.slice(0, 2).sort(),
    [faq('microsoft-365-outlook-send'), faq('microsoft-365-thunderbird')]);
});

test('particles, endings and function words weigh little and do not count for coverage', () => {
  const parsed = search.parseQuery('メールが受信できない', META);
  const minor = parsed.terms.filter((t) => t.minor).map((t) => t.token);
  assert.deepEqual(minor, ['ルが', 'が受', '信で', 'でき', 'きな', 'ない']);
  assert.ok(search.parseQuery('how to', META).terms.every((t) => !t.minor), 'a query of minor tokens only');
  assert.deepEqual(search.parseQuery('vpn on my mac', META).terms.filter((t) => t.minor).map((t) => t.token), ['on', 'my']);
  assert.equal(searchFixture(index, 'メールが受信できない').urls[0], faq('microsoft-365-thunderbird'));
});

test('an empty or symbol-only query has no terms', () => {
  assert.deepEqual(search.parseQuery('', META).terms, []);
  assert.deepEqual(search.parseQuery(' 😀 、。', META).terms, []);
  assert.deepEqual(search.scoreDocuments([], META, null), []);
});

test('a katakana-Han junction is minor only when both words have their own bigrams', () => {
  const minor = (q) => search.parseQuery(q, META).terms.filter((t) => t.minor).map((t) => t.token);
  assert.deepEqual(minor('メール送信'), ['ル送']);
  assert.deepEqual(minor('アクセス権'), []);
});

test('another word for a query word finds its pages, below pages with the typed word', () => {
  const shard = {
    excel: encode([[1, 20]]),
    エク: encode([[2, 20]]), クセ: encode([[2, 20]]), セル: encode([[2, 20]]),
  };
  const table = search.synonymTable([[2, 'excel', 'エクセル']]);
  const parsed = search.parseQuery('エクセル', META);
  const concepts = search.expandQuery(parsed, table);
  assert.deepEqual(concepts[0].alternatives, [['excel']]);
  const ranked = search.rankQuery('エクセル', META, () => shard, null, table);
  assert.deepEqual(ranked.scored.map((r) => r.doc), [2, 1]);
  assert.equal(ranked.scored[1].coverage, 1, 'the other word covers the query word');
  // A word marked "!" (Sudachi's "not a trigger") expands weakly: its other words score less.
  const weak = search.expandQuery(search.parseQuery('pw', META), search.synonymTable([[1, 'パスワード', '!pw']]));
  assert.equal(weak.length, 1);
  assert.ok(weak[0].weak);
  const shard2 = { パス: encode([[3, 20]]), スワ: encode([[3, 20]]), ワド: encode([[3, 20]]), excel: encode([[1, 20]]), pw: encode([[4, 20]]) };
  const strong = search.rankQuery('エクセル ', META, () => ({ ...shard, ...shard2 }), null, table).scored;
  const weakly = search.rankQuery('pw ', META, () => shard2, null, search.synonymTable([[1, 'パスワード', '!pw']])).scored;
  assert.deepEqual(weakly.map((r) => r.doc), [4, 3]);
  assert.ok(weakly[1].coverage < 1 && weakly[1].coverage > 0, 'a weak expansion covers part of the word');
  assert.ok(strong.find((r) => r.doc === 1).coverage === 1);
  // A weak trigger no page writes has no other sense on the site: its other words count fully.
  const { pw: _, ...withoutPw } = shard2;
  const absent = search.rankQuery('pw ', META, () => withoutPw, null, search.synonymTable([[1, 'パスワード', '!pw']])).scored;
  assert.deepEqual(absent.map((r) => r.doc), [3]);
  assert.equal(absent[0].coverage, 1, 'the only words the site has for it cover it');
});

test('licence finds license: British and American spellings are one word', () => {
  const shard = { license: encode([[1, 20]]), colors: encode([[2, 20]]), center: encode([[3, 20]]), organized: encode([[4, 20]]) };
  for (const [query, doc] of [['licence ', 1], ['colour ', 2], ['centre ', 3], ['organise ', 4]]) {
    assert.deepEqual(rank(query, shard).map((r) => r.doc), [doc], query);
  }
  // Only the spellings: filed is not filled.
  assert.notEqual(search.americanSpelling('filed'), search.americanSpelling('filled'));
});

test('wifi finds wi-fi: the same word with or without joiners', () => {
  const shard = { 'wi-fi': encode([[4, 20]]), wi: encode([[4, 20]]) };
  assert.deepEqual(rank('wifi ', shard).map((r) => r.doc), [4]);
});

test('a one-kanji word next to kana keeps its weight (罠, 忘れた), a kanji compound does not need it', () => {
  const minor = (q) => search.parseQuery(q, META).terms.filter((t) => t.minor).map((t) => t.token);
  assert.ok(!minor('ウェビナーの罠').includes('の罠'));
  assert.ok(!minor('パスワードを忘れた').includes('忘れ'));
  assert.ok(minor('受信できない').includes('信で'));
});

test('a query naming something no page has is answered by nothing, however well the rest matches', () => {
  // A kanji compound (half of the words) and a Latin name (a third) in a Japanese query that no
  // page has.
  for (const q of ['駐車場のメール', 'Slack でメールを受信できない']) {
    const r = searchFixture(index, q);
    assert.equal(r.confidence, 'low', q);
    assert.ok(r.urls.length > 0, `${q}: the closest pages are still shown`);
  }
  // Not katakana loanwords, short abbreviations, or the words of an English query: another
  // spelling or word for them may be what the page uses.
  for (const q of ['スパムのメールを受信できない', 'PW メール 受信', 'thunderbird mail receive']) {
    assert.equal(searchFixture(index, q).confidence, 'high', q);
  }
  assert.deepEqual(search.searchLoaded(index, '駐車場のメール').unknown, ['駐車 車場']);
});

test('model numbers, mixed-script words and one unfamiliar word of a long question are no unknown topic', () => {
  // PS5, 2FA: a Latin word with a digit; GPTメール: Latin glued to katakana, one word; 面倒: one
  // word of four; 不審: a kanji word of three, which says what the mail is like. Half of the words
  // unknown still is (駐車場 above), and a third when it is a Latin name (Slack).
  for (const q of ['PS5 でメールを受信できない', 'GPTメールを受信できない', 'Outlook でメールが送信できないのが面倒',
    '不審なメールを受信できない']) {
    const r = search.searchLoaded(index, q);
    assert.deepEqual(r.unknown, [], q);
    assert.equal(r.confidence, 'high', q);
  }
  assert.deepEqual(search.parseQuery('チャットGPT 大学', META).words.map((w) => w.attached), [false, true, false]);
});

test('pages that mention the query words only in passing answer it only when they cover most of it', () => {
  // 奨学金, 申請 and 期限 each on another page, none in a title: the first results mention them in
  // passing. Once a page names a query word in its title, it may be the answer.
  const shard = { 奨学: encode([[1, 20]]), 学金: encode([[1, 20]]), 申請: encode([[2, 20]]), 期限: encode([[3, 20]]) };
  const docs = { 1: { t: '在学証明書を発行したい', x: '奨学金の手続き' }, 2: { t: 'VPN の設定', x: '利用申請' },
    3: { t: 'Wi-Fi の設定', x: '期限' } };
  const confidence = (stored) => {
    const ranked = search.rankQuery('奨学金の申請 期限 ', META, () => shard, null, null);
    return search.finishQuery(ranked, (d) => stored[d]).confidence;
  };
  assert.equal(confidence(docs), 'low');
  assert.equal(confidence({ ...docs, 2: { t: '利用申請の方法', x: '申請' } }), 'high');
  // Without the stored pages (not loaded yet), coverage alone decides.
  assert.equal(confidence({}), 'high');
});

test('a result titled with a query word answers it only when it covers a quarter of the query', () => {
  // 申請 is on 40 of the 100 pages, 奨学金 and 締切 on one each, in a body: the third result,
  // titled with 申請, covers a tenth of the query (its generic word); the first two mention
  // theirs in passing. A page titled with 締切 covers almost half: it may be the answer.
  const common = Array.from({ length: 40 }, (_, i) => [10 + i, 20]);
  const shard = { 奨学: encode([[1, 20]]), 学金: encode([[1, 20]]), 申請: encode(common), 締切: encode([[3, 20]]) };
  const docs = { 1: { t: '在学証明書を発行したい', x: '奨学金' }, 3: { t: 'Wi-Fi の設定', x: '締切' } };
  for (let i = 10; i < 50; i++) docs[i] = { t: 'ソフトウェアの利用申請', x: '申請' };
  const finish = (stored) => {
    const ranked = search.rankQuery('奨学金 申請 締切', META, () => shard, null, null);
    return search.finishQuery(ranked, (d) => stored[d]);
  };
  const third = finish(docs).results[2];
  assert.ok(third.doc >= 10 && third.coverage < 0.25, JSON.stringify(third));
  assert.equal(finish(docs).confidence, 'low');
  assert.equal(finish({ ...docs, 3: { t: '締切を過ぎた申請', x: '締切' } }).confidence, 'high');
});

test('an unknown compound is another word for what a result is about when it names its head and another query word', () => {
  // 二段階認証 is on no page, but its head 認証 is: a first result titled with 認証 and 登録 is
  // about the thing under another name. Its head alone in a title is not enough (電話番号 for
  // 内線番号), nor are the stored pages before they load.
  const shard = { 認証: encode([[1, 20], [2, 20]]), 登録: encode([[1, 20]]), 番号: encode([[2, 20]]) };
  const docs = { 1: { t: '多要素認証の登録方法', x: '認証アプリ' }, 2: { t: '電話番号が使えず認証できない', x: '番号' } };
  const finish = (q, stored) => search.finishQuery(search.rankQuery(q, META, () => shard, null, null), (d) => stored[d]);
  assert.deepEqual(search.rankQuery('二段階認証 登録', META, () => shard, null, null).unknown, ['二段 段階 階認 認証']);
  assert.deepEqual(finish('二段階認証 登録', docs).unknown, []);
  assert.deepEqual(finish('二段階認証 登録', { ...docs, 1: { t: 'アプリの登録方法', x: '認証' } }).unknown, ['二段 段階 階認 認証']);
  assert.deepEqual(finish('内線番号を調べたい', docs).unknown, ['内線 線番 番号']);
  assert.equal(finish('内線番号を調べたい', docs).confidence, 'low');
});

test('the bigram joining the two words of a kanji compound takes nothing from coverage once both are found', () => {
  // 修登 (履修|登録) is on no page: a page with 履修 and 登録 covers the whole query.
  const shard = { 履修: encode([[1, 20]]), 登録: encode([[1, 20], [2, 20]]) };
  const ranked = search.rankQuery('履修登録 ', META, () => shard, null, null);
  assert.equal(ranked.scored[0].doc, 1);
  assert.equal(ranked.scored[0].coverage, 1);
  // Without 履修 on any page, 修登 is not between two found words, and the page covers less.
  const alone = search.rankQuery('履修登録 ', META, () => ({ 登録: shard.登録 }), null, null);
  assert.ok(alone.scored[0].coverage < 0.5);
});

test('English words written out find the other words of their initials (multi-factor authentication: mfa)', () => {
  const table = search.synonymTable([[2, '多要素認証', 'mfa']]);
  const concepts = search.expandQuery(search.parseQuery('multi-factor authentication setup', META), table);
  const parsed = search.parseQuery('multi-factor authentication setup', META);
  assert.deepEqual(concepts[0].terms.map((i) => parsed.terms[i].token), ['multi-factor', 'multi', 'factor', 'authentication']);
  assert.deepEqual(concepts[0].alternatives, [['多要', '要素', '素認', '認証'], ['mfa']]);
  // Two letters are too few to tell an abbreviation from chance (teams account: ta).
  assert.deepEqual(search.expandQuery(search.parseQuery('teams account', META), search.synonymTable([[1, 'ta', 'ティーエー']])), []);
});

test('a question word (方法, 何時) in a kanji word is no unknown topic', () => {
  const meta = { ...META, functionWords: META.functionWords.concat(['方法', '何時']) };
  const shard = { 窓口: encode([[1, 20]]), 申請: encode([[2, 20]]) };
  // 何時 and 方法 are on no page; 窓口 and 申請 are.
  assert.deepEqual(search.rankQuery('窓口は何時まで', meta, () => shard, null, null).unknown, []);
  assert.deepEqual(search.rankQuery('申請方法', meta, () => shard, null, null).unknown, []);
  assert.deepEqual(search.rankQuery('駐車場の申請方法', meta, () => shard, null, null).unknown, ['駐車 車場']);
});

test('katakana is matched by sound to the Latin words of the titles', () => {
  const alike = [['ワイファイ', 'wi-fi'], ['ワンドライブ', 'onedrive'], ['アウトルック', 'outlook'], ['エクセル', 'excel'],
    ['パワーポイント', 'powerpoint'], ['グーグル', 'google'], ['サンダーバード', 'thunderbird'], ['スキャナー', 'scanner'],
    ['プリンター', 'printer'], ['ダウンロード', 'download'], ['ブラウザ', 'browser'], ['サーバー', 'server'],
    ['ソフトウェア', 'software'], ['アカウント', 'account'], ['チャット', 'chat']];
  for (const [kana, latin] of alike) {
    const a = search.kanaSound(kana), b = search.latinSound(latin);
    assert.equal(a.replace(/w/g, 'v'), b.replace(/w/g, 'v'), `${kana} ${a} / ${latin} ${b}`);
  }
  // A leading vowel, consonants a vowel keeps apart, m and n tell these apart (リセット and lost
  // do sound alike: hence only for a word no page has, below).
  for (const [kana, latin] of [['アカウント', 'cannot'], ['サインイン', 'zoom'], ['フォーム', 'phone']]) {
    assert.notEqual(search.kanaSound(kana), search.latinSound(latin), `${kana} / ${latin}`);
  }
  // One consonant apart is another word, however long (v n c r s / v n g r s).
  const table = search.synonymTable([], ['english']);
  const shard = { english: encode([[1, 20]]) };
  assert.deepEqual(search.rankQuery('アンチウイルス ', META, () => shard, null, table).scored, []);
});

test('a katakana word no page has finds the title word it sounds like; one the pages have does not', () => {
  // The pages write Wi-Fi and Thunderbird; ワイファイ and サンダーバード are on none.
  assert.equal(searchFixture(index, 'ワイファイ 接続').urls[0], faq('wi-fi-eduroam'));
  assert.equal(searchFixture(index, 'サンダーバード').urls[0], faq('microsoft-365-thunderbird'));
  assert.deepEqual(searchFixture({ ...index, meta: { ...index.meta, latinWords: [] } }, 'サンダーバード').urls, []);
  // A katakana word that pages have means what they mean by it: no page of the Latin word.
  const shard = { プリ: encode([[1, 20]]), リン: encode([[1, 20]]), ンタ: encode([[1, 20]]), printer: encode([[2, 20]]) };
  const table = search.synonymTable([], ['printer']);
  const docs = (s) => search.rankQuery('プリンター ', META, () => s, null, table).scored.map((r) => r.doc);
  assert.deepEqual(docs(shard), [1]);
  assert.deepEqual(docs({ printer: shard.printer }), [2]);
});

test('the particle of a phrasal verb and pronouns weigh as function words (set up, log out, your)', () => {
  const minor = search.parseQuery('how to set up mail on your iphone', index.meta).terms.filter((t) => t.minor);
  assert.deepEqual(minor.map((t) => t.token), ['how', 'to', 'up', 'on', 'your']);
});

test('content words are runs of kanji or katakana and Latin words, not numbers or function words', () => {
  const words = (q) => search.parseQuery(q, META).words.map((w) => w.script);
  assert.deepEqual(words('図書館の開館時間'), ['c', 'c']);
  assert.deepEqual(words('Wi-Fi の パスワード'), ['l', 'k']);
  assert.deepEqual(words('zoom 40 分'), ['l']);
  assert.deepEqual(words('how to print'), ['l']);
});

test("a one-kanji word's ending that no page has (見られない) takes nothing from coverage", () => {
  const r = search.searchLoaded(index, '受信 見られない');
  assert.equal(r.results[0].coverage, 1);
  assert.equal(r.confidence, 'high');
});

test('a one-kanji query finds the pages with a word containing it in the title', () => {
  // 録画 and 機種 are in titles only as parts of longer words.
  assert.equal(searchFixture(index, '録').urls[0], faq('zoom-webinar-recording'));
  assert.ok(searchFixture(index, '機').urls.includes(faq('utokyo-account-mfa-phone')));
});

test('a query word the pages have only in another word weighs as rare as that word is', () => {
  // lecture is on no page, 講義 on 30 of 100; slides on one. The page with the rare word wins.
  const lecture = Array.from({ length: 30 }, (_, i) => [i + 10, 20]);
  const shard = { 講義: encode(lecture), slides: encode([[1, 20]]) };
  const table = search.synonymTable([[2, '講義', 'lecture']]);
  const ranked = search.rankQuery('lecture slides', META, () => shard, null, table);
  assert.equal(ranked.scored[0].doc, 1);
  assert.ok(ranked.scored[0].coverage > 0.5, `${ranked.scored[0].coverage}`);
});

test('the parts of a compound are not expanded on their own (factor in multi-factor)', () => {
  const table = search.synonymTable([[1, '要素', 'factor']]);
  assert.deepEqual(search.expandQuery(search.parseQuery('multi-factor', META), table), []);
  assert.equal(search.expandQuery(search.parseQuery('factor', META), table).length, 1);
});

test('a synonym word in the middle of a compound is not expanded, one that starts or ends it is', () => {
  const table = search.synonymTable([[1, '時間', 'タイム'], [1, 'password', 'パスワード'], [1, 'element', '要素']]);
  const expanded = (q) => search.expandQuery(search.parseQuery(q, META), table).map((c) => c.alternatives[0].join(' '));
  assert.deepEqual(expanded('ワンタイムパスワード'), ['password']);
  assert.deepEqual(expanded('タイム'), ['時間']);
  assert.deepEqual(expanded('多要素認証'), []);
});

test('a verb matches its other forms by its stem, and its hiragana then weigh as a word', () => {
  const table = search.synonymTable([[1, '接続', 'つながる']]);
  const parsed = search.parseQuery('vpn つながらない', META);
  const concepts = search.expandQuery(parsed, table);
  assert.deepEqual(concepts.map((c) => c.alternatives), [[['接続']]]);
  const shard = { vpn: encode([[1, 20], [2, 20]]), 接続: encode([[2, 20]]) };
  const ranked = search.rankQuery('vpn つながらない', META, () => shard, null, table);
  assert.deepEqual(ranked.scored.map((r) => r.doc), [2, 1]);
  assert.ok(ranked.scored[1].coverage < 1, 'つながらない is a word the first page lacks');
  // An ending alone (ない) is no word, even where a group has it.
  const endings = search.synonymTable([[1, '無い', 'ない']]);
  const withEnding = search.rankQuery('vpn ない', META, () => shard, null, endings);
  assert.ok(withEnding.parsed.terms.find((t) => t.token === 'ない').minor);
});

test('particles and endings are neither loaded nor decoded: only content words and synonyms are', () => {
  const parsed = search.parseQuery('メールが受信できない', META);
  const asked = [];
  search.gatherPostings(parsed.terms, (t) => { asked.push(t); return {}; });
  assert.deepEqual(asked, ['メル', '受信']);
  const meta = { ...META, shardCount: 1024 };
  const shards = search.shardsFor(search.parseQuery('メールが受信できない', meta), meta, null);
  assert.deepEqual(shards, [...new Set(['メル', '受信'].map((t) => search.shardOf(t, 1024)))].sort((a, b) => a - b));
});

test('a katakana word whose tokens no one page has together finds the title word it sounds like', () => {
  // ワン, ドラ and イブ are on pages, but never all on one: the site does not use ワンドライブ.
  const table = search.synonymTable([], ['onedrive']);
  const shard = { ワン: encode([[1, 20]]), ンド: encode([[2, 20]]), ドラ: encode([[2, 20]]), ライ: encode([[2, 20]]),
    イブ: encode([[2, 20]]), onedrive: encode([[3, 20]]) };
  const docs = search.rankQuery('ワンドライブ ', META, () => shard, null, table).scored.map((r) => r.doc);
  assert.equal(docs[0], 3);
  // Once one page has them all, the word means what that page means by it.
  const used = { ...shard, ワン: encode([[1, 20], [2, 20]]) };
  assert.deepEqual(search.rankQuery('ワンドライブ ', META, () => used, null, table).scored.map((r) => r.doc)[0], 2);
});

test('a question word (使い方, 方法) weighs as a particle: the page about the thing asked wins', () => {
  // The index's meta carries the question words as tokens (src/search/tokenizer.rs).
  const meta = { ...META, functionWords: index.meta.functionWords };
  const shard = { 印刷: encode([[1, 20], [2, 20], [3, 20], [4, 20]]), 使方: encode([[5, 20]]) };
  const scored = search.rankQuery('印刷 使い方', meta, () => shard, null, null).scored;
  assert.notEqual(scored[0].doc, 5);
  assert.equal(search.parseQuery('印刷 使い方', meta).terms.find((t) => t.token === '使方').minor, true);
});

test('a word in hiragana starts a synonym lookup after a particle or at a run start, not inside an ending', () => {
  const starts = (q) => {
    const tokens = search.parseQuery(q, META).parts[0];
    return tokens.filter((t, i) => search.mayStartWord(tokens, i)).map((t) => t.token);
  };
  // らな follows が, which may be a particle: a few lookups too many, never one too few.
  assert.deepEqual(starts('vpnにつながらない'), ['vpn', 'につ', 'つな', 'らな']);
  assert.deepEqual(starts('つながらない'), ['つな', 'らな']);
  assert.deepEqual(starts('できない'), ['でき', 'きな']);
  assert.deepEqual(starts('メールが'), ['メル']);
  // Only the shards of those tokens' first characters are asked for.
  const meta = { ...META, shardCount: 1, synonymShardCount: 256 };
  const files = search.filesFor('vpnにつながらない', meta, search.emptyStore());
  const shardOf = (ch) => 'synonyms/' + search.shardOf(ch, 256) + '.js';
  assert.deepEqual(files.filter((f) => f.startsWith('synonyms/')).sort(), [...new Set(['v', 'に', 'つ', 'ら'].map(shardOf))].sort());
});

test('a one-kanji verb before たい weighs as an ending: the thing wanted decides (スキャナー 使いたい)', () => {
  const minor = (q) => search.parseQuery(q, META).terms.filter((t) => t.minor).map((t) => t.token);
  assert.ok(minor('スキャナーを使いたい').includes('使い'));
  assert.ok(minor('見たい').length === 0, 'a query of nothing else keeps it');
  assert.ok(!minor('メールが届かない').includes('届か'));
  assert.ok(!minor('鍵をなくした').includes('鍵を'));
  // The page with the thing outranks the page with the verb, however rare the verb.
  const shard = { スキ: encode([[1, 16], [2, 16]]), キャ: encode([[1, 16], [2, 16]]), ャナ: encode([[1, 16], [2, 16]]),
    使い: encode([[3, 24]]) };
  assert.notEqual(search.rankQuery('スキャナー 使いたい', META, () => shard, null, null).scored[0].doc, 3);
});

test('an English word finds a group by its stem, and a group the site has no other word of gives way', () => {
  // Rows [k, word, …]: the first k words occur in the site. Row 0 has none of them.
  const table = search.synonymTable([[0, '市場シェア', '!share'], [1, '共有', 'sharing']]);
  const concepts = search.expandQuery(search.parseQuery('zoom share', META), table);
  assert.deepEqual(concepts.map((c) => c.alternatives), [[['共有']]]);
  const shard = { zoom: encode([[1, 20], [2, 20]]), 共有: encode([[2, 20]]) };
  assert.equal(search.rankQuery('zoom share', META, () => shard, null, table).scored[0].doc, 2);
  assert.deepEqual(search.expandQuery(search.parseQuery('shared ', META), table).map((c) => c.alternatives), [[['共有']]]);
});

test('a question word spelt in kana (やり方) stays minor though the synonym table has it', () => {
  const meta = { ...META, functionWords: META.functionWords.concat(['やり', 'り方']) };
  const shard = { プリ: encode([[1, 20]]), リン: encode([[1, 20]]), ンタ: encode([[1, 20]]), 方法: encode([[2, 25]]) };
  // 方法 is on a page, やり方 on none: the query's やり方 has another word, as a verb would.
  const table = search.synonymTable([[1, '方法', 'やり方']]);
  assert.equal(search.expandQuery(search.parseQuery('プリンター やり方', meta), table).length, 1);
  const ranked = search.rankQuery('プリンター やり方', meta, () => shard, null, table);
  const terms = ranked.parsed.terms.filter((t) => t.token === 'やり' || t.token === 'り方');
  assert.ok(terms.length === 2 && terms.every((t) => t.minor), JSON.stringify(terms));
  // The page that only says how (やり方) is no answer about the printer.
  assert.deepEqual(ranked.scored.map((r) => r.doc)[0], 1);
});

test("a result's counterpart in the other language comes just below it, within the filters", () => {
  const results = () => [{ doc: 0, score: 10, coverage: 1 }, { doc: 1, score: 8, coverage: 0.5 }, { doc: 2, score: 1, coverage: 0.3 }];
  // Page 2 is page 0's counterpart (pairs are flat: [4, 3, 2, 0]); page 4 is no result's.
  const lifted = search.withCounterparts(results(), [4, 3, 2, 0]);
  assert.deepEqual(lifted.map((r) => r.doc), [0, 2, 1]);
  assert.equal(lifted[1].coverage, 1);
  // A counterpart the query missed is added; one the filters reject is not.
  assert.deepEqual(search.withCounterparts(results(), [0, 7]).map((r) => r.doc), [0, 7, 1, 2]);
  assert.deepEqual(search.withCounterparts(results(), [0, 7], (d) => d !== 7).map((r) => r.doc), [0, 1, 2]);
  // Without pairs nothing moves.
  assert.deepEqual(search.withCounterparts(results(), []).map((r) => r.doc), [0, 1, 2]);
});
