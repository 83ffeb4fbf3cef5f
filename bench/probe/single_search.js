// Benchmark probe (bench/export.sh): opens a single-file copy from file:// in headless Chromium,
// driven over the DevTools protocol on a pipe (no port, no network), and prints one JSON line:
// milliseconds from navigation start to the home page's first contentful paint and to
// DOMContentLoaded, then from setting `#q=QUERY` to the first search result shown (the index
// unpacked on demand), and the first result's link.
//
//   node bench/probe/single_search.js COPY.html QUERY
'use strict';
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const [file, query] = process.argv.slice(2);
const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'faqbook-probe-'));
const chromium = spawn('chromium', [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  `--user-data-dir=${profile}`, '--remote-debugging-pipe', 'about:blank',
], { stdio: ['ignore', 'ignore', 'ignore', 'pipe', 'pipe'] });

let nextId = 1;
const waiting = new Map();
let buffer = '';
chromium.stdio[4].on('data', (chunk) => {
  buffer += chunk.toString('utf8');
  let end;
  while ((end = buffer.indexOf('\0')) >= 0) {
    const message = JSON.parse(buffer.slice(0, end));
    buffer = buffer.slice(end + 1);
    const done = waiting.get(message.id);
    if (done) { waiting.delete(message.id); done(message); }
  }
});
function send(method, params, sessionId) {
  const id = nextId++;
  chromium.stdio[3].write(JSON.stringify({ id, method, params, sessionId }) + '\0');
  return new Promise((resolve, reject) => waiting.set(id, (m) => (m.error ? reject(new Error(JSON.stringify(m.error))) : resolve(m.result))));
}
async function evaluate(sessionId, expression) {
  const r = await send('Runtime.evaluate', { expression, awaitPromise: true, returnByValue: true }, sessionId);
  if (r.exceptionDetails) throw new Error(JSON.stringify(r.exceptionDetails));
  return r.result.value;
}

// Resolves once `test()` holds, checking every 5 ms (a page-side poll: no DevTools round trips).
const until = (test) => `new Promise(function (resolve) { (function poll() { if (${test}) resolve(); else setTimeout(poll, 5); })(); })`;

(async () => {
  const { targetId } = await send('Target.createTarget', { url: 'about:blank' });
  const { sessionId } = await send('Target.attachToTarget', { targetId, flatten: true });
  await send('Page.navigate', { url: 'file://' + path.resolve(file) }, sessionId);
  await evaluate(sessionId, until("document.readyState === 'complete' && document.querySelector('#main [data-copy-note]')"));
  const home = await evaluate(sessionId, `(function () {
    var nav = performance.getEntriesByType('navigation')[0];
    var paint = performance.getEntriesByName('first-contentful-paint')[0];
    return { first_paint_ms: paint ? Math.round(paint.startTime) : null, dom_content_loaded_ms: Math.round(nav.domContentLoadedEventEnd) };
  })()`);
  const search = await evaluate(sessionId, `(function () {
    var started = performance.now();
    location.hash = '#q=' + encodeURIComponent(${JSON.stringify(query)});
    return ${until("document.querySelector('[data-search-results] a')")}.then(function () {
      return { search_ms: Math.round(performance.now() - started), first: document.querySelector('[data-search-results] a').getAttribute('href') };
    });
  })()`);
  console.log(JSON.stringify({ ...home, ...search }));
})().catch((e) => { console.error(e.message); process.exitCode = 1; }).finally(() => {
  chromium.on('exit', () => fs.rmSync(profile, { recursive: true, force: true }));
  chromium.kill();
});
