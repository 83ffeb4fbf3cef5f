/*
 * faqbook client-side search, part 7 of 7: the page. No library, no build step, no
 * fetch/XHR/modules/wasm: the index is a set of classic scripts (written by src/search/index/,
 * whose module doc describes the files and the page markup) loaded with <script> tags, so
 * search works from file:// too.
 *
 * The helpers are in search-text.js (tokenizer, word forms, snippets), search-query.js (query
 * terms), search-synonyms.js (other words for them), search-confidence.js (whether anything
 * answers), search-score.js (scoring) and search-rank.js (index decoding, matching, re-ranking),
 * which the search page loads before this file; other pages load only this file (the `/`
 * shortcut). In Node,
 * requiring this file gives every helper (tests, benches).
 */
(function (root) {
  'use strict';
  if (typeof module !== 'undefined' && module.exports) {
    module.exports = require('./search-rank.js');
    return;
  }
  if (typeof document === 'undefined') return;
  var lib = root.FAQBOOK_SEARCH_LIB || {};
  var PARTS = ['search-text.js', 'search-query.js', 'search-synonyms.js', 'search-confidence.js', 'search-score.js',
    'search-rank.js'];
  var OWN_SRC = document.currentScript ? document.currentScript.src : '';

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

  // Index records (search-rank.js files them), held until the helper parts are there.
  var store = null;
  var early = [];
  // Rounds of loading a query's files (lib.filesFor) before it is ranked with what is there.
  var MAX_LOAD_ROUNDS = 4;

  function receive(record) {
    if (store) lib.receive(store, record);
    else early.push(record);
    if (record[0] === 'meta') startEarly(document.currentScript);
  }

  function openStore() {
    store = lib.emptyStore();
    early.forEach(function (r) { lib.receive(store, r); });
    early = [];
  }

  var queue = root.FAQBOOK_SEARCH_DATA || [];
  root.FAQBOOK_SEARCH_DATA = { push: receive };
  for (var q = 0; q < queue.length; q++) receive(queue[q]);
  if (lib.receive) openStore();

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

  /**
   * Starts loading the index files of the address's query as soon as meta.js has run, before
   * the page's DOMContentLoaded work (filling the filters, wiring the form): loading is most of
   * a first query's time. Only the rounds of index files (lib.filesFor), which `run` then finds
   * loaded or under way (loadScript loads a file once); ranking waits for `run`. Pages whose
   * address or files are someone else's (the single-file copy) start with `run`.
   */
  function startEarly(metaScript) {
    if (!lib.filesFor || !store || !store.meta || root.FAQBOOK_SEARCH_ADDRESS) return;
    if (!metaScript || !metaScript.hasAttribute('data-faqbook-search-index')) return;
    if (!document.querySelector('[data-search-results]')) return;
    var query = new URLSearchParams(location.search).get('q');
    if (!query) return;
    var base = metaScript.getAttribute('src').replace(/[^\/]*$/, '');
    loadIndexFor(query, base, 0).catch(function () {});
  }

  /**
   * Loads what the query needs (lib.filesFor) round by round until nothing is missing, calling
   * `onLoading` (if any) as the first round starts when something is. The typed words' files
   * are asked for before the other words for them are looked up (the first query's costliest
   * step), so they load meanwhile; a file asked for twice loads once (loadScript).
   */
  function loadIndexFor(query, base, round, onLoading) {
    if (round >= MAX_LOAD_ROUNDS) return Promise.resolve();
    var load = function (f) { return loadScript(base + f); };
    var typed = (round ? [] : lib.filesFor(query, store.meta, store, true)).map(load);
    if (typed.length && onLoading) onLoading();
    var loads = typed.concat(lib.filesFor(query, store.meta, store).map(load));
    if (!loads.length) return Promise.resolve();
    if (!round && !typed.length && onLoading) onLoading();
    return Promise.all(loads).then(function () { return loadIndexFor(query, base, round + 1, onLoading); });
  }

  /**
   * Runs `start` once the three helper parts are there. search.html loads them before this
   * file; a theme's own search.html that does not is served by loading them from beside it.
   */
  function withParts(start) {
    if (lib.rankQuery) return start();
    var dir = OWN_SRC.replace(/[^\/]*$/, '');
    PARTS.reduce(function (loaded, name) {
      return loaded.then(function () { return loadScript(dir + name); });
    }, Promise.resolve()).then(function () {
      lib = root.FAQBOOK_SEARCH_LIB || {};
      if (!store) openStore();
      start();
    }, function () {
      var message = document.getElementById('faqbook-search-message');
      if (message) message.textContent = (STRINGS[document.documentElement.lang] || STRINGS.ja).loadError;
    });
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
    if (list && input) withParts(function () { startSearchPage(input, list); });
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

    /**
     * Counts for the results shown, once the facets are there. A search without a filter does
     * not need them: they load when the visitor reaches for a filter (pointer or focus), which
     * keeps a first query's bytes to what it ranks and shows.
     */
    function countLater(all, myGeneration) {
      if (!store.facets) return;
      if (myGeneration === generation) showCounts(all);
    }

    function loadFacetsForCounts() {
      if (store.facets) return;
      loadScript(base + 'facets.js').then(function () {
        if (current && store.facets) showCounts(current.all);
      }, function () {});
    }
    [serviceSelect, statusSelect].forEach(function (select) {
      if (!select) return;
      ['pointerenter', 'pointerdown', 'focus', 'touchstart'].forEach(function (type) {
        select.addEventListener(type, loadFacetsForCounts, { passive: true });
      });
    });

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

    function docUrl(n) { return base + 'docs/' + n + '.js'; }

    /**
     * Loads the stored documents of `docs`. Each is tokenized as it arrives (lib.tokensOf keeps a
     * query's pages' tokens): the phrase check and the snippets then find them, and the
     * tokenizing runs while the other files are still on their way instead of after the last.
     */
    function loadDocs(docs) {
      return Promise.all(docs.filter(function (d) { return !store.docs[d]; }).map(function (d) {
        return loadScript(docUrl(d)).then(function () { tokenizeStored(store.docs[d]); });
      }));
    }

    function tokenizeStored(stored) {
      if (!stored || !lib.tokensOf) return;
      lib.tokensOf(lib.normalize(stored.t || ''));
      lib.tokensOf(lib.normalize(stored.x || ''));
    }

    function run() {
      var myGeneration = ++generation;
      var meta = store.meta;
      var query = input.value;
      var parsed = lib.parseQuery(query, meta);
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
      var loads = [loadIndexFor(query, base, 0, function () { setMessage([ui.loading]); })];
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
        var ranked = lib.rankQuery(query, meta, function (token) {
          return store.shards[lib.shardOf(token, meta.shardCount)];
        }, null, lib.synonymsOf(store));
        var all = ranked.scored;
        if (accept) ranked.scored = all.filter(function (r) { return accept(r.doc); });
        // The phrase re-rank reads the first RERANK_COUNT pages; a query with no pairs (one
        // word) has nothing to re-rank, and needs only the pages shown.
        var depth = ranked.parsed.pairs.length ? lib.RERANK_COUNT : PAGE_SIZE;
        var head = ranked.scored.slice(0, depth).map(function (r) { return r.doc; });
        return loadDocs(head).then(function () {
          if (myGeneration !== generation) return;
          var done = lib.finishQuery(ranked, function (d) { return store.docs[d]; });
          current = { results: done.results, all: all, confidence: done.confidence, isHit: hitsOf(ranked.parsed), query: query };
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
      return lib.hitTest(terms.concat(parsed.alternativeTokens.map(function (t) { return { token: t }; })));
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
      appendSegments(a, lib.snippet(stored.t, current.isHit, 200));
      li.appendChild(a);
      var info = document.createElement('p');
      info.className = 'search-result-meta';
      info.textContent = stored.s + ' · ' + statusLabel(stored.st);
      li.appendChild(info);
      var text = document.createElement('p');
      text.className = 'search-result-snippet';
      appendSegments(text, lib.snippet(stored.x, current.isHit, 120));
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

    /**
     * Runs the query, then writes it into the address: its files are asked for first, since a
     * history entry costs Chromium 2-14 ms (file://), spent while they load instead of before.
     */
    function go(push) {
      var r = run();
      writeUrl(push);
      r.catch(showLoadError);
    }

    function schedule(push) {
      clearTimeout(timer);
      timer = setTimeout(function () {
        go(push || pushNext);
        pushNext = false;
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
        go(true);
        pushNext = true;
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

    var metaLoaded = store.meta ? Promise.resolve() : loadScript(metaSrc);
    metaLoaded.then(function () {
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
