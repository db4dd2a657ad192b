// The page script, part 6b: `--compare`: this run and another side by side on time since each
// run started: per queue the p95 and max wait per bucket of both runs on one chart (this run
// solid, the other dashed), and a table of waits and outcomes.

export const PAGE_SCRIPT_COMPARE = String.raw`
function compareCard(sc, c, env) {
  var root = el('div', 'card compare');
  root.id = sc.slug + '-compare';
  add(root, el('h3', null, 'Compared with ' + c.b.label));
  var L = { from: 0, bucketMs: c.bucketMs, buckets: c.buckets }, xs = bucketXs(L, true), x1 = c.buckets * c.bucketMs;
  var t = el('table', 'compare-table'), body = el('tbody');
  add(t, add(el('thead'), add(el('tr'), el('th', null, ''), el('th', 'num', c.a.label + ' (this run)'), el('th', 'num', c.b.label), el('th', 'num', 'change'))), body);
  function row(label, va, vb, fmt, lowerIsBetter) {
    var d = el('td', 'num');
    if (isFinite(va) && isFinite(vb) && va >= 0 && vb >= 0 && va !== vb) {
      d.textContent = (va > vb ? '+' : '\u2212') + fmt(Math.abs(va - vb));
      if (lowerIsBetter !== undefined) d.className += (va < vb) === lowerIsBetter ? ' better' : ' worse';
    } else if (va === vb) d.textContent = 'same';
    add(body, add(el('tr'), el('th', null, label), el('td', 'num', va >= 0 ? fmt(va) : '\u2013'), el('td', 'num', vb >= 0 ? fmt(vb) : '\u2013'), d));
  }
  row('virtual span', c.a.span, c.b.span, fmtDur);
  row('executions', c.a.executions, c.b.executions, num);
  sc.outcomes.forEach(function (o, i) { if (c.a.counts[i] || c.b.counts[i]) row(o, c.a.counts[i], c.b.counts[i], num, o === 'succeeded' ? false : true); });
  var names = {};
  c.a.queues.concat(c.b.queues).forEach(function (q) { names[q.queue] = 1; });
  var queues = Object.keys(names).sort();
  function of(side, q) { for (var i = 0; i < side.queues.length; i++) if (side.queues[i].queue === q) return side.queues[i]; return null; }
  var none = { n: 0, p50: -1, p95: -1, p99: -1, max: -1 };
  queues.forEach(function (q) {
    var a = of(c.a, q), b = of(c.b, q), ta = a ? a.total : none, tb = b ? b.total : none;
    row(q + ': executions', ta.n, tb.n, num);
    ['p50', 'p95', 'p99', 'max'].forEach(function (k) { row(q + ': wait ' + k, ta[k], tb[k], fmtDur, true); });
  });
  add(root, add(el('div', 'scroll'), t));
  queues.forEach(function (q) {
    var a = of(c.a, q), b = of(c.b, q), yMax = 0, lines = [];
    [a, b].forEach(function (s) { if (s) s.max.forEach(function (v) { if (v > yMax) yMax = v; }); });
    if (a) lines.push({ xs: xs, ys: a.p95, color: SERIES.p95, width: 2.2, label: 'p95 this run' }, { xs: xs, ys: a.max, color: SERIES.max, width: 1, label: 'max this run' });
    if (b) lines.push({ xs: xs, ys: b.p95, color: '#7f1d1d', width: 2, dash: '6 4', label: 'p95 ' + c.b.label }, { xs: xs, ys: b.max, color: '#92400e', width: 1, dash: '6 4', label: 'max ' + c.b.label });
    var box = el('div', 'chart-box');
    box.setAttribute('data-queue', q);
    add(box, add(el('div', 'chart-head'), el('b', null, 'queue ' + q), el('span', 'note', 'wait per ' + fmtDur(c.bucketMs) + ', both runs')));
    add(box, lineChart({ title: 'Wait on ' + q + ', both runs', height: 200, x0: 0, x1: x1, yMax: yMax, yFmt: fmtDur, yTitle: 'wait (due \u2192 start)', steps: STEPS, clock: env.clock, relative: true, lines: lines, bounds: boundsFor(sc, q) }));
    add(root, box);
  });
  return root;
}
`;
