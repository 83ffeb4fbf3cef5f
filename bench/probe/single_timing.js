// Benchmark probe (bench/export.sh), added first in the <head> of a copy of the single-file
// export and opened via file:// with no virtual time: milliseconds from navigation start to the
// first contentful paint, DOMContentLoaded (the scripts have run) and the load event, and
// whether the home page's content is in <main>.
(function () {
  var paint = null;
  try {
    new PerformanceObserver(function (list) {
      list.getEntries().forEach(function (e) { if (e.name === 'first-contentful-paint') paint = e.startTime; });
    }).observe({ type: 'paint', buffered: true });
  } catch (e) { /* no paint timing: reported as null */ }
  window.addEventListener('load', function () {
    var nav = performance.getEntriesByType('navigation')[0];
    var out = document.createElement('pre');
    out.id = 'single-timing';
    out.textContent = JSON.stringify({
      first_paint_ms: paint,
      dom_content_loaded_ms: Math.round(nav.domContentLoadedEventEnd),
      load_ms: Math.round(nav.loadEventEnd || performance.now()),
      home: !!document.querySelector('#main [data-copy-note]')
    });
    document.body.appendChild(out);
  });
})();
