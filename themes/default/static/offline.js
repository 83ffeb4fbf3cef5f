/*
 * faqbook single-file copy (`faqbook export --single-file`): a fragment router. Every page of
 * the site is in this one file (self.FAQBOOK_OFFLINE_PAGES: route → [title, main HTML], the
 * build's own rendering); links are `#faq/<id>`,
 * `#services/<slug>` …, `#home`, and `#q=…` for a search, so the back button works and nothing
 * is ever requested. search.js is inlined after this script and reads the query from the
 * fragment through self.FAQBOOK_SEARCH_ADDRESS.
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
    if (h === '' || h === 'home') return { view: 'page', route: 'home' };
    if (h === 'search' || /^(q|service|status)=/.test(h)) {
      return { view: 'search', params: h === 'search' ? '' : h };
    }
    var decoded;
    try { decoded = decodeURIComponent(h); } catch (e) { decoded = h; }
    if (hasRoute(decoded)) return { view: 'page', route: decoded };
    return { view: 'anchor', id: decoded };
  }

  var helpers = { parseRoute: parseRoute };
  if (typeof module !== 'undefined' && module.exports) module.exports = helpers;
  if (typeof document === 'undefined') return;

  var pages = root.FAQBOOK_OFFLINE_PAGES || {};
  var pageView = document.querySelector('[data-offline-view="page"]');
  var searchView = document.querySelector('[data-offline-view="search"]');
  function hasRoute(route) { return Object.prototype.hasOwnProperty.call(pages, route); }
  /** The text of a title written as HTML (entities decoded, nothing parsed as markup). */
  function titleText(html) {
    var t = document.createElement('textarea');
    t.innerHTML = html;
    return t.value;
  }

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
  function show() {
    var r = parseRoute(location.hash, hasRoute);
    if (r.view === 'anchor') {
      var target = document.getElementById(r.id);
      if (target) { target.scrollIntoView(); return; }
      r = { view: 'page', route: '404' };
    }
    var searching = r.view === 'search';
    searchView.hidden = !searching;
    pageView.hidden = searching;
    if (searching) {
      document.title = searchView.getAttribute('data-title');
    } else {
      var route = hasRoute(r.route) ? r.route : '404';
      if (shownRoute !== route) {
        // The build's own HTML for this page (links already rewritten), as a <template> would hold it.
        pageView.innerHTML = pages[route][1];
        shownRoute = route;
      }
      document.title = titleText(pages[route][0]);
    }
    window.scrollTo(0, 0);
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
  show();
})(typeof self !== 'undefined' ? self : this);
