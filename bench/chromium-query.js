// Query-to-results in headless Chromium on a built site's real search.html, both readings:
//   typed: the search page is open and idle (scripts and meta.js loaded); the query is put in the
//          box and the form submitted (the Enter key's submit event); time from that event to the
//          first result link inserted in [data-search-results].
//   cold:  search.html?q=… opened in a fresh browser context; time from DOMContentLoaded (and
//          from the navigation's start) to the first result link inserted.
// Several sites are probed alternately, query by query and round by round, so that a busy
// machine slows them alike. Each probe gets a new browser context (nothing cached), one browser
// for the whole run (Chromium is driven over --remote-debugging-pipe: no library needed).
//
//   node bench/chromium-query.js [--rounds N] [--modes typed,cold] SITE... 
//
// A SITE is a built site's folder (opened from file://) or an http:// address of one
// (`faqbook serve`). Prints per mode and site the median and the quartiles over every query and
// round, the median number of files a query loaded and their bytes (from the resource timings),
// per-query medians with --per-query, and the load average before and after. Used by
// bench/chromium-query.sh, which builds and serves the sites.
'use strict';
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const QUERIES = ['多要素認証', 'メール', 'パスワード', 'VPN', 'Zoom', '多要素認証 メール', 'Outlookでメールが送信できない',
  'パスワードを忘れてしまったのですがどうすればいいですか', '印'];

const args = process.argv.slice(2);
let rounds = 5, modes = ['typed', 'cold'], perQuery = false, showLoads = false, profile = false, showSpans = false;
const sites = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--rounds') rounds = Number(args[++i]);
  else if (args[i] === '--modes') modes = args[++i].split(',');
  else if (args[i] === '--per-query') perQuery = true;
  else if (args[i] === '--loads') showLoads = true;
  else if (args[i] === '--profile') profile = true;
  else if (args[i] === '--spans') showSpans = true;
  else sites.push(args[i]);
}
if (require.main === module && !sites.length) {
  console.error('usage: node bench/chromium-query.js [--rounds N] [--modes typed,cold] [--per-query] SITE...');
  process.exit(2);
}

// Runs in every page before its own scripts: notes DOMContentLoaded and the first result link
// inserted after `window.__probe.armed` (set at load for cold, at the submit for typed).
const PROBE = `(function () {
  var P = window.__probe = { dcl: -1, first: -1, t0: 0, loads: [] };
  // Every script that finishes loading: [name, ms since navigation start] (file:// gives no
  // resource timings).
  document.addEventListener('load', function (ev) {
    var t = ev.target;
    if (t && t.tagName === 'SCRIPT' && /search-rank\.js$/.test(t.src)) wrap();
    if (t && t.tagName === 'SCRIPT' && t.src) P.loads.push([t.src.split('/search/').pop().split('/static/').pop(), performance.now()]);
  }, true);
  // Time spent in the helpers search.js calls (their own inner calls are not wrapped).
  P.spans = {};
  function wrap() {
    var lib = self.FAQBOOK_SEARCH_LIB;
    if (!lib || lib.__wrapped) return;
    lib.__wrapped = true;
    ['filesFor', 'rankQuery', 'finishQuery', 'snippet', 'tokensOf', 'parseQuery', 'synonymsOf', 'receive'].forEach(function (name) {
      var f = lib[name];
      if (!f) return;
      lib[name] = function () {
        var t = performance.now();
        try { return f.apply(this, arguments); } finally {
          P.spans[name] = (P.spans[name] || 0) + performance.now() - t;
          P.ends = P.ends || {};
          P.ends[name] = [Math.round(t), Math.round(performance.now())];
        }
      };
    });
  }
  document.addEventListener('DOMContentLoaded', function () {
    wrap();
    P.dcl = performance.now();
    var list = document.querySelector('[data-search-results]');
    if (!list) return;
    new MutationObserver(function (records) {
      if (P.first >= 0) return;
      for (var i = 0; i < records.length; i++) {
        var added = records[i].addedNodes;
        for (var j = 0; j < added.length; j++) {
          var n = added[j];
          if (n.nodeType === 1 && (n.matches('a[href]') || n.querySelector('a[href]'))) {
            P.first = performance.now();
            P.href = (n.matches('a') ? n : n.querySelector('a')).getAttribute('href');
            return;
          }
        }
      }
    }).observe(list, { childList: true, subtree: true });
  });
})();`;

function urlOf(site, query) {
  const base = /^https?:/.test(site) ? site.replace(/\/?$/, '/') : 'file://' + path.resolve(site) + '/';
  return base + 'search.html' + (query === null ? '' : '?q=' + encodeURIComponent(query));
}

function launch() {
  const chromium = process.env.CHROMIUM || 'chromium';
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'fq-chromium-'));
  const child = spawn(chromium, ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync', '--remote-debugging-pipe',
    '--user-data-dir=' + profile, 'about:blank'], { stdio: ['ignore', 'ignore', 'ignore', 'pipe', 'pipe'] });
  let next = 1, buffer = '';
  const waiting = new Map(), listeners = [];
  child.stdio[4].on('data', (chunk) => {
    buffer += chunk.toString('utf8');
    let end;
    while ((end = buffer.indexOf('\0')) >= 0) {
      const msg = JSON.parse(buffer.slice(0, end));
      buffer = buffer.slice(end + 1);
      if (msg.id && waiting.has(msg.id)) {
        const w = waiting.get(msg.id);
        waiting.delete(msg.id);
        if (msg.error) w.reject(new Error(JSON.stringify(msg.error)));
        else w.resolve(msg.result);
      } else if (msg.method) {
        listeners.slice().forEach((l) => l(msg));
      }
    }
  });
  const send = (method, params = {}, sessionId) => new Promise((resolve, reject) => {
    const id = next++;
    waiting.set(id, { resolve, reject });
    child.stdio[3].write(JSON.stringify({ id, method, params, sessionId }) + '\0');
  });
  const once = (method, sessionId, timeoutMs) => new Promise((resolve, reject) => {
    const timer = setTimeout(() => { remove(); reject(new Error('timeout: ' + method)); }, timeoutMs);
    const l = (msg) => {
      if (msg.method === method && msg.sessionId === sessionId) { clearTimeout(timer); remove(); resolve(msg.params); }
    };
    const remove = () => { const i = listeners.indexOf(l); if (i >= 0) listeners.splice(i, 1); };
    listeners.push(l);
  });
  const exited = new Promise((resolve) => child.on('exit', resolve));
  const close = async () => {
    child.kill();
    await exited;
    fs.rmSync(profile, { recursive: true, force: true });
  };
  return { send, once, close };
}

// Evaluates an expression that yields a promise in the page and returns its value.
async function evaluate(b, sessionId, expression) {
  const r = await b.send('Runtime.evaluate', { expression, awaitPromise: true, returnByValue: true }, sessionId);
  if (r.exceptionDetails) throw new Error(JSON.stringify(r.exceptionDetails));
  return r.result.value;
}

const WAIT_FIRST = `new Promise(function (resolve) {
  var started = performance.now();
  (function poll() {
    var P = window.__probe;
    if (P.first >= 0 || performance.now() - started > 10000) {
      var files = P.loads.filter(function (l) { return l[1] >= P.t0 && l[1] <= P.first; });
      var timings = performance.getEntriesByType('resource').filter(function (e) { return e.startTime >= P.t0 && e.responseEnd <= P.first; });
      resolve({ ends: P.ends, spans: P.spans, dcl: P.dcl, first: P.first, t0: P.t0, href: P.href, files: files.length, loads: files,
        bytes: timings.reduce(function (s, e) { return s + (e.encodedBodySize || 0); }, 0) });
    } else setTimeout(poll, 5);
  })();
})`;

// The page is ready for a typed query once search.js has filled the filters from meta.js;
// then the probe waits for the page to go idle, so that the query is all that runs.
const WAIT_READY = `new Promise(function (resolve) {
  (function poll() {
    var s = document.getElementById('faqbook-search-service');
    if (document.readyState === 'complete' && s && s.options.length > 1) setTimeout(resolve, 300);
    else setTimeout(poll, 10);
  })();
})`;

function typedExpression(query) {
  return `(function () {
    var P = window.__probe, input = document.getElementById('faqbook-search-input');
    input.value = ${JSON.stringify(query)};
    P.first = -1;
    P.spans = {};
    P.ends = {};
    P.t0 = performance.now();
    input.form.requestSubmit();
    return ${WAIT_FIRST};
  })()`;
}

// Self time per function of a typed query (--profile), the top 15.
function printProfile(query, p) {
  const self = new Map();
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const dt = p.timeDeltas;
  p.samples.forEach((id, i) => {
    const f = byId.get(id).callFrame;
    const key = (f.functionName || '(anon)') + ' ' + f.url.split('/').pop() + ':' + f.lineNumber;
    self.set(key, (self.get(key) || 0) + (dt[i + 1] || 0) / 1000);
  });
  const top = [...self].sort((a, b) => b[1] - a[1]).slice(0, 15);
  console.log('profile ' + query + ': ' + top.map(([k, ms]) => k + ' ' + ms.toFixed(1)).join(' | '));
}

// Load times relative to the start being timed, for --loads.
const rel = (loads, t0) => loads.map(([f, t]) => f + '@' + Math.round(t - t0));

const relEnds = (ends, t0) => Object.fromEntries(Object.entries(ends || {}).map(([k, [a, b]]) => [k, [a - Math.round(t0), b - Math.round(t0)]]));

// Waits for the navigated page's load event (Page.loadEventFired does not always reach a flat
// session once the navigation moves the page to another renderer process, as http:// does).
async function loadedPage(b, sessionId, url) {
  for (let waited = 0; waited < 10000; waited += 10) {
    const r = await b.send('Runtime.evaluate', { expression: 'location.href + " " + document.readyState', returnByValue: true }, sessionId)
      .catch(() => null);
    if (r && r.result && r.result.value === url + ' complete') return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error('timeout: ' + url);
}

async function probe(b, site, query, mode) {
  const { browserContextId } = await b.send('Target.createBrowserContext', {});
  try {
    const { targetId } = await b.send('Target.createTarget', { url: 'about:blank', browserContextId });
    const { sessionId } = await b.send('Target.attachToTarget', { targetId, flatten: true });
    await b.send('Page.enable', {}, sessionId);
    await b.send('Page.addScriptToEvaluateOnNewDocument', { source: PROBE }, sessionId);
    const url = urlOf(site, mode === 'cold' ? query : null);
    await b.send('Page.navigate', { url }, sessionId);
    await loadedPage(b, sessionId, url);
    if (mode === 'cold') {
      const r = await evaluate(b, sessionId, WAIT_FIRST);
      return r.first < 0 ? null : { ends: relEnds(r.ends, r.dcl), spans: r.spans, ms: r.first - r.dcl, nav: r.first, files: r.files, bytes: r.bytes, href: r.href, loads: rel(r.loads, r.dcl) };
    }
    await evaluate(b, sessionId, WAIT_READY);
    if (profile) {
      await b.send('Profiler.enable', {}, sessionId);
      await b.send('Profiler.setSamplingInterval', { interval: 100 }, sessionId);
      await b.send('Profiler.start', {}, sessionId);
    }
    const r = await evaluate(b, sessionId, typedExpression(query));
    if (profile) printProfile(query, (await b.send('Profiler.stop', {}, sessionId)).profile);
    return r.first < 0 ? null : { ends: relEnds(r.ends, r.t0), spans: r.spans, ms: r.first - r.t0, files: r.files, bytes: r.bytes, href: r.href, loads: rel(r.loads, r.t0) };
  } finally {
    await b.send('Target.disposeBrowserContext', { browserContextId });
  }
}

const quantile = (xs, q) => {
  const s = xs.slice().sort((a, b) => a - b);
  const at = (s.length - 1) * q, lo = Math.floor(at);
  return s[lo] + (s[Math.min(lo + 1, s.length - 1)] - s[lo]) * (at - lo);
};

async function main() {
  const b = launch();
  const rows = [], failures = [];
  console.log('before: load average ' + os.loadavg().map((x) => x.toFixed(2)).join(' '));
  try {
    // One probe of each site first, not counted: the browser's and the server's start-up work.
    for (const site of sites) await probe(b, site, QUERIES[0], 'cold').catch(() => null);
    for (let round = 0; round < rounds; round++) {
      for (const query of QUERIES) {
        for (const mode of modes) {
          // Alternate which site goes first, so neither always follows the other.
          const order = round % 2 ? sites.slice().reverse() : sites;
          for (const site of order) {
            // A page that never finishes loading (seen once in a while from faqbook serve) is
            // counted as a failure, not a time.
            const r = await probe(b, site, query, mode).catch((e) => { failures.push(site + ' ' + mode + ' ' + query + ': ' + e.message); return null; });
            if (r && showLoads) console.log(mode, query, Math.round(r.ms), r.loads.join(' '), JSON.stringify(r.ends));
            if (r) rows.push({ site, query, mode, ...r });
            if (process.env.PROGRESS) process.stderr.write(`${site.slice(-12)} ${mode} ${query.slice(0, 8)} ${r ? Math.round(r.ms) : 'failed'}\n`);
            else failures.push(site + ' ' + mode + ' ' + query + ': no result');
          }
        }
      }
    }
  } finally {
    await b.close();
  }
  if (failures.length) console.log('failed probes: ' + failures.length + '\n  ' + failures.join('\n  '));
  console.log('after:  load average ' + os.loadavg().map((x) => x.toFixed(2)).join(' '));
  const fmt = (v) => {
    const ms = v.map((r) => r.ms);
    let line = `median ${quantile(ms, 0.5).toFixed(0).padStart(4)} ms (quartiles ${quantile(ms, 0.25).toFixed(0)}-${quantile(ms, 0.75).toFixed(0)})`;
    if (v[0].nav !== undefined) line += `, from navigation ${quantile(v.map((r) => r.nav), 0.5).toFixed(0)}`;
    const names = [...new Set(v.flatMap((r) => Object.keys(r.spans || {})))];
    if (showSpans) line += '\n' + ' '.repeat(40) + names.map((n) => n + ' ' + quantile(v.map((r) => r.spans[n] || 0), 0.5).toFixed(1)).join(', ');
    line += `, files ${quantile(v.map((r) => r.files), 0.5)}, bytes ${quantile(v.map((r) => r.bytes), 0.5).toFixed(0)} (n=${v.length})`;
    return line;
  };
  for (const mode of modes) {
    console.log(mode === 'typed' ? 'typed: submit on an open search page -> first result link'
      : 'cold: search.html?q= opened, DOMContentLoaded -> first result link');
    for (const site of sites) {
      const v = rows.filter((r) => r.site === site && r.mode === mode);
      if (v.length) console.log('  %s %s', site.slice(-36).padEnd(36), fmt(v));
      if (!perQuery) continue;
      for (const query of QUERIES) {
        const w = v.filter((r) => r.query === query);
        if (w.length) console.log('      %s %s', query.slice(0, 20).padEnd(20), fmt(w));
      }
    }
  }
  // Same first result everywhere (rank order is not this bench's to change).
  for (const query of QUERIES) {
    const hrefs = new Set(rows.filter((r) => r.query === query).map((r) => r.href));
    if (hrefs.size > 1) console.log('DIFFERENT first result for ' + query + ': ' + [...hrefs].join(' '));
  }
}

if (require.main === module) main().catch((e) => { console.error(e); process.exit(1); });
module.exports = { launch, evaluate };
