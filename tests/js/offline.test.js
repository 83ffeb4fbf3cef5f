// The single-file copy's router: which view a location fragment shows.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const offline = require('./scripts.js').load('offline.js');

const routes = new Set(['home', 'faq/a-1', 'services/vpn', 'tags/index', '404', 'faq/日本']);
const has = (r) => routes.has(r);

test('the empty fragment and #home show the home page', () => {
  assert.deepEqual(offline.parseRoute('', has), { view: 'page', route: 'home' });
  assert.deepEqual(offline.parseRoute('#', has), { view: 'page', route: 'home' });
  assert.deepEqual(offline.parseRoute('#home', has), { view: 'page', route: 'home' });
});

test('page routes are shown, percent-encoded ones too', () => {
  assert.deepEqual(offline.parseRoute('#faq/a-1', has), { view: 'page', route: 'faq/a-1' });
  assert.deepEqual(offline.parseRoute('#tags/index', has), { view: 'page', route: 'tags/index' });
  assert.deepEqual(offline.parseRoute('#faq/%E6%97%A5%E6%9C%AC', has), { view: 'page', route: 'faq/日本' });
});

test('output file names a theme writes after `root` mean their routes', () => {
  assert.deepEqual(offline.parseRoute('#index.html', has), { view: 'page', route: 'home' });
  assert.deepEqual(offline.parseRoute('#faq/a-1.html', has), { view: 'page', route: 'faq/a-1' });
  assert.deepEqual(offline.parseRoute('#tags/index.html', has), { view: 'page', route: 'tags/index' });
  assert.deepEqual(offline.parseRoute('#search.html', has), { view: 'search', params: '' });
});

test('searches keep their parameters in the fragment', () => {
  assert.deepEqual(offline.parseRoute('#search', has), { view: 'search', params: '' });
  assert.deepEqual(offline.parseRoute('#q=vpn&status=resolved', has), { view: 'search', params: 'q=vpn&status=resolved' });
  assert.deepEqual(offline.parseRoute('#status=resolved', has), { view: 'search', params: 'status=resolved' });
});

test('anything else is an anchor in the page being read (back and forward keep working)', () => {
  assert.deepEqual(offline.parseRoute('#notes', has), { view: 'anchor', id: 'notes' });
  assert.deepEqual(offline.parseRoute('#faq/missing', has), { view: 'anchor', id: 'faq/missing' });
  assert.deepEqual(offline.parseRoute('#%E0%A4', has), { view: 'anchor', id: '%E0%A4' });
});

test('theme static file references in a packed page become their data: URLs', () => {
  const files = { 'faqbook-static:a.css': 'data:A', 'faqbook-static:a.css.map': 'data:M' };
  assert.equal(
    offline.withStaticFiles("<img src='faqbook-static:a.css.map'><link href=\"faqbook-static:a.css\">", files),
    "<img src='data:M'><link href=\"data:A\">",
  );
  assert.equal(offline.withStaticFiles('<p>x</p>', undefined), '<p>x</p>');
});
