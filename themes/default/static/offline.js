/*
 * faqbook single-file copy (`faqbook export --single-file`): a fragment router. Every page of
 * the site is in this one file, compressed (self.FAQBOOK_OFFLINE_PACK, written by
 * src/export/pack.rs: deflate blobs of route → [title, main HTML], the build's own rendering,
 * and of the search index's scripts; the theme static files pages use, once each), unpacked by the browser's DecompressionStream only when
 * first shown or searched; links are `#faq/<id>`, `#services/<slug>` …, `#home`, and `#q=…`
 * for a search, so the back button works and nothing is ever requested. search.js is inlined
 * after this script, reads the query from the fragment through self.FAQBOOK_SEARCH_ADDRESS
 * and its index files through self.FAQBOOK_SEARCH_LOAD.
 *
 * Part 1 (parseRoute) is pure and exported for Node tests; part 2 drives the page.
 */
(function (root) {
  'use strict';

  /**
   * What a location fragment shows: `{ view: 'search', params }` for `#search` and `#q=…`,
   * `{ view: 'page', route }` for a page route, `{ view: 'anchor', id }` for anything else
   * (an in-page anchor such as a heading or footnote of the page being read).
   */
  function parseRoute(hash, hasRoute) {
    var h = String(hash || '').replace(/^#/, '');
    // The copy writes routes; a theme that writes `{{ root }}index.html` (root being `#` in the
    // copy) names the output file instead, which means the same route.
    if (/\.html$/.test(h)) h = h.replace(/\.html$/, '').replace(/^index$/, 'home');
    if (h === '' || h === 'home') return { view: 'page', route: 'home' };
    if (h === 'search' || /^(q|service|status)=/.test(h)) {
      return { view: 'search', params: h === 'search' ? '' : h };
    }
    var decoded;
    try { decoded = decodeURIComponent(h); } catch (e) { decoded = h; }
    if (hasRoute(decoded)) return { view: 'page', route: decoded };
    return { view: 'anchor', id: decoded };
  }

  /**
   * A packed page's HTML with each theme static file reference (pack.static_files: reference →
   * data: URL) replaced by its URL; longer references first, so one that extends another is
   * replaced whole.
   */
  function withStaticFiles(html, staticFiles) {
    return Object.keys(staticFiles || {})
      .sort(function (a, b) { return b.length - a.length; })
      .reduce(function (text, ref) { return text.split(ref).join(staticFiles[ref]); }, html);
  }

  var helpers = { parseRoute: parseRoute, withStaticFiles: withStaticFiles };
  if (typeof module !== 'undefined' && module.exports) module.exports = helpers;
  if (typeof document === 'undefined') return;

  var pack = root.FAQBOOK_OFFLINE_PACK || { routes: -1, pages: [], search: {}, blobs: [] };
  var pageView = document.querySelector('[data-offline-view="page"]');
  var searchView = document.querySelector('[data-offline-view="search"]');
  // The shell holds the home page itself, so it shows before anything is unpacked.
  var home = { title: null, html: pageView.innerHTML };
  /** Route → number of its page blob (in pack.pages); filled from the route list. */
  var routeBlob = { home: -1 };
  function hasRoute(route) { return Object.prototype.hasOwnProperty.call(routeBlob, route); }
  /** The text of a title written as HTML (entities decoded, nothing parsed as markup). */
  function titleText(html) {
    var t = document.createElement('textarea');
    t.innerHTML = html;
    return t.value;
  }

  var unpacked = {};
  /** The text of blob `n` (base64 of a zlib stream), unpacked by the browser once. */
  function unpack(n) {
    if (!unpacked[n]) {
      unpacked[n] = new Promise(function (resolve) {
        if (typeof DecompressionStream === 'undefined' || !pack.blobs[n]) throw new Error('cannot unpack');
        var binary = atob(pack.blobs[n]);
        var bytes = new Uint8Array(binary.length);
        for (var i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
        pack.blobs[n] = null;
        // A stream made here rather than Blob.stream(): nothing leaves the page's own thread.
        var source = new ReadableStream({ start: function (c) { c.enqueue(bytes); c.close(); } });
        var reader = source.pipeThrough(new DecompressionStream('deflate')).getReader();
        var decoder = new TextDecoder();
        var parts = [];
        function pump() {
          return reader.read().then(function (chunk) {
            if (chunk.done) { parts.push(decoder.decode()); return parts.join(''); }
            parts.push(decoder.decode(chunk.value, { stream: true }));
            return pump();
          });
        }
        resolve(pump());
      });
    }
    return unpacked[n];
  }

  var routesReady = unpack(pack.routes).then(function (text) {
    JSON.parse(text).forEach(function (routes, blob) {
      routes.forEach(function (route) { routeBlob[route] = blob; });
    });
  });
  var pageBlobs = {};
  /** [title, main HTML] of a page route other than home. */
  function pageEntry(route) {
    var blob = routeBlob[route];
    if (!pageBlobs[blob]) pageBlobs[blob] = unpack(pack.pages[blob]).then(JSON.parse);
    return pageBlobs[blob].then(function (entries) { return entries[route]; });
  }

  // search.js asks for its index files by path; here they are script texts inside blobs
  // (pack.search: path → blob, or folder → [files per blob, first blob]).
  var ranBlobs = {};
  root.FAQBOOK_SEARCH_LOAD = function (url) {
    var numbered = /^(.*\/)(\d+)\.js$/.exec(url);
    var entry = numbered ? pack.search[numbered[1]] : pack.search[url];
    var blob = numbered && entry ? entry[1] + Math.floor(Number(numbered[2]) / entry[0]) : entry;
    if (typeof blob !== 'number') return Promise.reject(new Error(url));
    if (!ranBlobs[blob]) {
      ranBlobs[blob] = unpack(blob).then(function (code) {
        var script = document.createElement('script');
        script.textContent = code;
        document.head.appendChild(script);
      });
    }
    return ranBlobs[blob];
  };

  root.FAQBOOK_SEARCH_ADDRESS = {
    read: function () {
      var r = parseRoute(location.hash, hasRoute);
      return new URLSearchParams(r.view === 'search' ? r.params : '');
    },
    write: function (params, push) {
      var url = '#' + (params.toString() || 'search');
      if (url === location.hash) return;
      if (push) history.pushState(null, '', url);
      else history.replaceState(null, '', url);
      show();
    },
    href: function (path) { return '#' + path.replace(/\.html$/, '').replace(/^index$/, 'home'); }
  };

  var shownRoute = 'home';
  var showing = 0;
  function render(route, title, html) {
    if (shownRoute !== route) {
      // The build's own HTML for this page (links already rewritten), as a <template> would hold it.
      pageView.innerHTML = route === 'home' ? html : withStaticFiles(html, pack.static_files);
      shownRoute = route;
    }
    document.title = titleText(title);
    window.scrollTo(0, 0);
  }
  function showUnsupported() {
    searchView.hidden = true;
    pageView.hidden = false;
    pageView.textContent = pageView.getAttribute('data-unsupported');
    shownRoute = null;
  }
  /** Shows the view of the current fragment; pages are unpacked first when needed. */
  function show() {
    var mine = ++showing;
    var first = parseRoute(location.hash, function (route) { return route === 'home'; });
    if (first.view === 'page') {
      // The home page needs nothing unpacked.
      render('home', home.title, home.html);
      searchView.hidden = true;
      pageView.hidden = false;
      return Promise.resolve();
    }
    return routesReady.then(function () {
      if (mine !== showing) return;
      var r = parseRoute(location.hash, hasRoute);
      if (r.view === 'anchor') {
        var target = document.getElementById(r.id);
        if (target) { target.scrollIntoView(); return; }
        r = { view: 'page', route: '404' };
      }
      if (r.view === 'search') {
        searchView.hidden = false;
        pageView.hidden = true;
        document.title = searchView.getAttribute('data-title');
        window.scrollTo(0, 0);
        return;
      }
      var route = hasRoute(r.route) ? r.route : '404';
      return pageEntry(route).then(function (entry) {
        if (mine !== showing) return;
        render(route, entry[0], entry[1]);
        searchView.hidden = true;
        pageView.hidden = false;
      });
    }).catch(showUnsupported);
  }

  // Search forms (header, home page) put the query in the fragment instead of loading
  // search.html; the search page's own form is handled by search.js.
  document.addEventListener('submit', function (ev) {
    var form = ev.target;
    if (!form.matches || !form.matches('form[role="search"]') || form.id === 'faqbook-search-form') return;
    ev.preventDefault();
    var input = form.querySelector('input[name="q"]');
    var params = new URLSearchParams();
    if (input && input.value) params.set('q', input.value);
    location.hash = params.toString() || 'search';
    var searchInput = document.getElementById('faqbook-search-input');
    if (searchInput) searchInput.focus();
  });

  window.addEventListener('hashchange', function () {
    show();
    // search.js re-reads the query on popstate; a fragment change to a search must rerun it.
    if (parseRoute(location.hash, hasRoute).view === 'search') root.dispatchEvent(new PopStateEvent('popstate'));
  });
  home.title = document.title;
  show();
})(typeof self !== 'undefined' ? self : this);
