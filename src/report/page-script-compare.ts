// The page script, part 6b: `--compare`: this run and another side by side on time since each
// run started: per queue the p95 and max wait per bucket of both runs on one chart (this run
// solid, the other dashed), and a table of waits and outcomes.

export const PAGE_SCRIPT_COMPARE = String.raw`
function compareCard(sc, c, env) {
  var root = el('div', 'card compare');
  root.id = sc.slug + '-compare';
  add(root, el('h3', null, 'Compared with ' + c.b.label));
  var L = { from: 0, bucketMs: c.bucketMs, buckets: c.buckets }, xs = bucketXs(L, true), x1 = c.buckets * c.bucketMs;
  add(root, el('p', 'note', 'Solid lines: this run. Dashed: the other run (' + c.b.label + '). Times are since each run started. Green: this run is better; red: worse.'));
  function cmp(va, vb, fmt, lowerIsBetter) {
    var td = el('td', 'num', (va >= 0 ? fmt(va) : '\u2013') + '  vs  ' + (vb >= 0 ? fmt(vb) : '\u2013'));
    if (va >= 0 && vb >= 0 && va !== vb && lowerIsBetter !== undefined) td.className += (va < vb) === lowerIsBetter ? ' better' : ' worse';
    return td;
  }
  var t = el('table', 'compare-table'), body = el('tbody');
  add(t, add(el('thead'), add(el('tr'), el('th', null, 'this run vs other'), el('th', 'num', 'virtual span'), el('th', 'num', 'executions'))), body);
  add(body, add(el('tr'), el('th', null, 'whole run'), cmp(c.a.span, c.b.span, fmtDur), cmp(c.a.executions, c.b.executions, num)));
  var ot = el('table', 'compare-table'), obody = el('tbody'), ohead = add(el('tr'), el('th', null, 'executions that ended'));
  var used = sc.outcomes.filter(function (o, i) { return c.a.counts[i] || c.b.counts[i]; });
  used.forEach(function (o) { add(ohead, el('th', 'num', o)); });
  add(ot, add(el('thead'), ohead), obody);
  var orow = add(el('tr'), el('th', null, 'this run vs other'));
  used.forEach(function (o) { var i = sc.outcomes.indexOf(o); add(orow, cmp(c.a.counts[i], c.b.counts[i], num, o !== 'succeeded')); });
  add(obody, orow);
  var names = {};
  c.a.queues.concat(c.b.queues).forEach(function (q) { names[q.queue] = 1; });
  var queues = Object.keys(names).sort();
  function of(side, q) { for (var i = 0; i < side.queues.length; i++) if (side.queues[i].queue === q) return side.queues[i]; return null; }
  var none = { n: 0, p50: -1, p95: -1, p99: -1, max: -1 };
  var lt = el('table', 'compare-table'), lbody = el('tbody');
  add(lt, add(el('thead'), add(el('tr'), el('th', null, 'wait by queue'), el('th', 'num', 'executions'), el('th', 'num', 'p50'), el('th', 'num', 'p95'), el('th', 'num', 'p99'), el('th', 'num', 'max'))), lbody);
  queues.forEach(function (q) {
    var a = of(c.a, q), b = of(c.b, q), ta = a ? a.total : none, tb = b ? b.total : none, tr = add(el('tr'), el('th', null, q), cmp(ta.n, tb.n, num));
    ['p50', 'p95', 'p99', 'max'].forEach(function (k) { add(tr, cmp(ta[k], tb[k], fmtDur, true)); });
    add(lbody, tr);
  });
  add(root, t, ot, lt);
  queues.forEach(function (q) {
    var a = of(c.a, q), b = of(c.b, q), yMax = 0, lines = [];
    [a, b].forEach(function (s) { if (s) s.max.forEach(function (v) { if (v > yMax) yMax = v; }); });
    if (a) lines.push({ xs: xs, ys: a.p95, color: SERIES.p95, width: 2.2, label: 'p95 this run' }, { xs: xs, ys: a.max, color: SERIES.max, width: 1, label: 'max this run' });
    if (b) lines.push({ xs: xs, ys: b.p95, color: '#7f1d1d', width: 2, dash: '6 4', label: 'p95 other' }, { xs: xs, ys: b.max, color: '#92400e', width: 1, dash: '6 4', label: 'max other' });
    var box = el('div', 'chart-box');
    box.setAttribute('data-queue', q);
    add(box, add(el('div', 'chart-head'), el('b', null, 'queue ' + q), el('span', 'note', 'wait per ' + fmtDur(c.bucketMs) + ', both runs')));
    add(box, lineChart({ title: 'Wait on ' + q + ', both runs', height: 200, x0: 0, x1: x1, yMax: yMax, yFmt: fmtDur, yTitle: 'wait (due \u2192 start)', steps: STEPS, clock: env.clock, relative: true, lines: lines, bounds: boundsFor(sc, q) }));
    add(root, box);
  });
  return root;
}
`;
