// The page script, part 7: reads the embedded data and builds the page, scenario by scenario.
// A failure while building one scenario is shown in place and counted in body[data-errors].

export const PAGE_SCRIPT_MAIN = String.raw`
function scenarioSection(sc, data, timelines) {
  var clock = new Clock(sc.timeZone);
  decodeScenario(sc);
  var section = el('section', 'scenario');
  section.id = sc.slug;
  section.setAttribute('data-passed', sc.passed ? '1' : '0');

  var head = el('div', 'card');
  var status = sc.error !== undefined ? ['err', 'error'] : sc.passed ? ['pass', 'passed'] : ['fail', 'failed'];
  add(head, add(el('div', 'head'), el('h2', null, sc.name), el('span', 'badge ' + status[0], status[1])));
  var meta = el('div', 'meta');
  function fact(k, v) { add(meta, add(el('span'), document.createTextNode(k + ' '), el('b', null, v))); }
  fact('file', sc.file);
  fact('seed', String(sc.seed));
  fact('start', clock.full(sc.start) + ' ' + clock.zone);
  if (!clock.valid) fact('time zone', sc.timeZone + ' (unknown here; times shown in UTC)');
  fact('virtual span', fmtDur(sc.span[1] - sc.span[0]));
  fact('wall time', fmtDur(sc.wallMs));
  add(head, meta);
  if (sc.description) add(head, el('p', 'desc', sc.description));
  var chips = el('div', 'chips'), nExec = sc.counts.reduce(function (a, b) { return a + b; }, 0);
  function chip(label, value, outcome) {
    var c = el('span', 'chip');
    if (outcome) { var s = el('span', 'swatch'); s.setAttribute('data-outcome', outcome); c.appendChild(s); }
    add(c, el('b', null, num(value)), document.createTextNode(' ' + label));
    chips.appendChild(c);
  }
  chip('Active Jobs', sc.jobs.cls.length);
  chip('executions', nExec);
  sc.outcomes.forEach(function (o, j) { if (sc.counts[j] > 0) chip(o, sc.counts[j], o); });
  chip('worker threads', sc.lanes.length / 4);
  chip('events', sc.events.total);
  add(head, chips);
  if (sc.bars === 'canvas') add(head, el('p', 'note', num(nExec) + ' executions: bars are drawn on a canvas (DOM bars up to ' + num(data.domBarLimit) + ').'));
  add(section, head);

  var jobs = jobsTable(sc, { stride: data.stride, clock: clock });
  var reveal = function (g) { return jobs.reveal(g); };
  var failures = failuresCard(sc, { stride: data.stride, clock: clock, reveal: reveal });
  if (failures) add(section, failures);
  add(section, expectationsCard(sc));
  add(section, loadCard(sc, { clock: clock }));
  if (data.compare) data.compare.forEach(function (c) { if (c.slug === sc.slug) add(section, compareCard(sc, c, { clock: clock })); });

  var trace = traceTable(sc, { str: sc.str, stride: data.stride, clock: clock });
  var tl = buildTimeline(sc, { stride: data.stride, clock: clock, palette: data.palette, font: data.font, onSelect: reveal });
  add(section, tl.root);
  timelines.push(tl);
  add(section, jobs.root);
  add(section, trace.root);
  return section;
}

function main() {
  var data = JSON.parse(document.getElementById('jobsim-data').textContent);
  // Failed scenarios first: the page is opened when something went red.
  var scs = data.scenarios.filter(function (s) { return !s.passed; }).concat(data.scenarios.filter(function (s) { return s.passed; })), passed = scs.filter(function (s) { return s.passed; }).length;
  document.title = 'jobsim \u00b7 ' + (passed === scs.length ? 'all ' + scs.length + ' passed' : (scs.length - passed) + ' of ' + scs.length + ' failed');
  var run = document.getElementById('run');
  add(run, el('span', null, scs.length + ' scenario' + (scs.length === 1 ? '' : 's')),
    el('span', null, '\u00b7'), add(el('span'), add(el('span', 'dot pass')), document.createTextNode(' ' + passed + ' passed')),
    el('span', null, '\u00b7'), add(el('span'), add(el('span', 'dot fail')), document.createTextNode(' ' + (scs.length - passed) + ' failed')));
  var nav = document.getElementById('nav');
  scs.forEach(function (sc) {
    var a = el('a');
    a.href = '#' + sc.slug;
    add(a, el('span', 'dot ' + (sc.passed ? 'pass' : 'fail')), el('span', null, sc.name));
    nav.appendChild(a);
  });
  var mainEl = document.getElementById('scenarios'), timelines = [];
  clear(mainEl);
  if (scs.length === 0) add(mainEl, add(el('div', 'card'), el('p', 'empty', 'No scenario was run.')));
  scs.forEach(function (sc) {
    try { mainEl.appendChild(scenarioSection(sc, data, timelines)); }
    catch (e) {
      window.__jobsimError(e);
      add(mainEl, add(el('div', 'card'), el('h2', null, sc.name), el('pre', 'error', 'This part of the report failed to draw: ' + (e && e.stack || e))));
    }
  });
  timelines.forEach(function (t) { try { t.render(); } catch (e) { window.__jobsimError(e); } });
  window.addEventListener('resize', function () { timelines.forEach(function (t) { t.schedule(); }); });
  document.body.setAttribute('data-ready', '1');
}
try { main(); } catch (e) { window.__jobsimError(e); }
`;

/** Runs first: counts uncaught errors into body[data-errors] (a headless check reads it). */
export const PAGE_ERROR_HOOK = String.raw`
(function () {
  var n = 0;
  function mark() {
    if (document.body) {
      document.body.setAttribute('data-errors', String(n));
      if (!document.getElementById('errors-banner')) {
        var b = document.createElement('div');
        b.id = 'errors-banner';
        b.className = 'errors-banner';
        document.body.insertBefore(b, document.body.firstChild);
      }
      document.getElementById('errors-banner').textContent = 'This report page hit ' + n + ' script error(s); see the browser console.';
    } else document.addEventListener('DOMContentLoaded', mark);
  }
  window.__jobsimError = function (e) { n++; if (window.console) console.error(e); mark(); };
  window.onerror = function () { n++; mark(); };
  window.addEventListener('unhandledrejection', function () { n++; mark(); });
})();
`;
